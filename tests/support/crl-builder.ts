/**
 * CRLs made to order for revocation tests (RFC 5280 §5, v2), and an HTTP server on 127.0.0.1
 * that hands them out the way a CRL distribution point does. The committed
 * test-certs/intermediate.crl is one fixed CRL; tests of freshness, holds and removals need
 * others, signed by the real test CA so that only the property under test is wrong.
 *
 * Also the pieces ocsp-builder.ts shares with this file: the pinned keys of the test PKI
 * (`loadTestKey`), the signature over a TBS structure, serials and CRLReason.
 *
 * Signing uses node:crypto on the pinned KeyObject, as scripts/gen-test-certs.ts does: RSA
 * PKCS#1 v1.5 is deterministic, so a CRL built twice from the same options is the same bytes.
 */
import { X509Certificate, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { TEST_CERTS } from './paths.js';

/** A key of the test PKI with the certificate that goes with it (DER). */
export interface TestSigner {
  readonly privateKey: KeyObject;
  readonly certificate: Uint8Array;
}

/**
 * The pinned key (test-certs/keys/<name>.key.pem) and certificate of any test-certs entity.
 * tests/support/test-keys.ts reads .p12 files, which the CAs (root, intermediate) do not have.
 */
export function loadTestKey(name: string): TestSigner {
  return {
    privateKey: createPrivateKey(readFileSync(join(TEST_CERTS, 'keys', `${name}.key.pem`))),
    certificate: new Uint8Array(
      new X509Certificate(readFileSync(join(TEST_CERTS, `${name}.cert.pem`))).raw,
    ),
  };
}

/** CRLReason (RFC 5280 §5.3.1); RFC 6960 §4.2.1 reuses it in RevokedInfo. Value 7 is unused. */
export const CRL_REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;

export type CrlReason = keyof typeof CRL_REASON_CODES;

const OID = {
  sha256WithRSAEncryption: '1.2.840.113549.1.1.11',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  cRLNumber: '2.5.29.20',
  reasonCode: '2.5.29.21',
  authorityKeyIdentifier: '2.5.29.35',
  subjectKeyIdentifier: '2.5.29.14',
} as const;

export const derOf = (node: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array =>
  new Uint8Array(node.toBER(false));

/**
 * DER times carry no fractional seconds (RFC 5280 §4.1.2.5.2; X.690 DER would allow them, but
 * OpenSSL and most validators print and compare whole seconds), so `Date`s are cut to seconds.
 */
export const wholeSeconds = (at: Date): Date => new Date(Math.floor(at.getTime() / 1000) * 1000);

/**
 * CertificateSerialNumber from hex as spec.ts and the status tables write it ("48a1…"): leading
 * zero octets dropped, and one 00 put back when the first bit is set, so the INTEGER stays
 * positive and minimal (X.690 §8.3.2). Hex copied from a DER INTEGER comes back unchanged.
 */
export function serialInteger(hex: string): asn1js.Integer {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new Error(`serial ${hex} is not hex`);
  let h = hex.toLowerCase().replace(/^0+/, '');
  if (h.length % 2 === 1) h = `0${h}`;
  if (h === '' || parseInt(h.slice(0, 1), 16) >= 8) h = `00${h}`;
  return new asn1js.Integer({ valueHex: new Uint8Array(Buffer.from(h, 'hex')).buffer });
}

/**
 * The signature algorithm of a test key, always with SHA-256: sha256WithRSAEncryption (NULL
 * parameters, PKCS#1 v1.5) or ecdsa-with-SHA256 (no parameters, RFC 5758 §3.2). Every key of
 * the test PKI is RSA or EC.
 */
export function signatureAlgorithmOf(signer: TestSigner): pkijs.AlgorithmIdentifier {
  const type = signer.privateKey.asymmetricKeyType;
  if (type === 'rsa')
    return new pkijs.AlgorithmIdentifier({
      algorithmId: OID.sha256WithRSAEncryption,
      algorithmParams: new asn1js.Null(),
    });
  if (type === 'ec') return new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 });
  throw new Error(`cannot sign with a ${type} key`);
}

/** The signature BIT STRING over a DER TBS structure, as signatureAlgorithmOf(signer) names it. */
export function signTbs(signer: TestSigner, tbs: Uint8Array): asn1js.BitString {
  const value = new Uint8Array(sign('sha256', tbs, signer.privateKey));
  return new asn1js.BitString({ valueHex: value.buffer });
}

/** RFC 5280 §4.1.2.5 / §5.1.2.4: UTCTime through 2049, GeneralizedTime from 2050. */
function crlTime(at: Date): pkijs.Time {
  const value = wholeSeconds(at);
  return new pkijs.Time({
    type: value.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime,
    value,
  });
}

function extension(extnID: string, value: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical: false, extnValue: value.slice().buffer });
}

export interface CrlEntry {
  /** Hex, as in spec.ts (`48a1000000001008`). */
  readonly serial: string;
  readonly revocationDate: Date;
  /** reasonCode entry extension (RFC 5280 §5.3.1); absent when not given. */
  readonly reason?: CrlReason;
}

export interface BuildCrlOptions {
  /** Key and certificate of the CRL issuer; test-certs/intermediate when not given. */
  readonly issuer?: TestSigner;
  readonly thisUpdate: Date;
  /** Absent: a CRL without nextUpdate (allowed by X.509, a MUST in RFC 5280 §5.1.2.5). */
  readonly nextUpdate?: Date;
  readonly entries?: readonly CrlEntry[];
  /** cRLNumber (RFC 5280 §5.2.3); 1 when not given, `null` to leave the extension out. */
  readonly crlNumber?: number | null;
  /** authorityKeyIdentifier (§5.2.1, the issuer's SKI); `false` to leave it out. */
  readonly authorityKeyIdentifier?: boolean;
}

/** A v2 CRL, DER, signed with the issuer's key; the issuer name is copied from its certificate. */
export function buildCrl(options: BuildCrlOptions): Uint8Array {
  const issuer = options.issuer ?? loadTestKey('intermediate');
  const issuerCert = pkijs.Certificate.fromBER(issuer.certificate);
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1; // v2, required once extensions are present (§5.1.2.1)
  const algorithm = signatureAlgorithmOf(issuer);
  crl.signature = algorithm;
  crl.issuer = issuerCert.subject;
  crl.thisUpdate = crlTime(options.thisUpdate);
  if (options.nextUpdate !== undefined) crl.nextUpdate = crlTime(options.nextUpdate);
  const entries = options.entries ?? [];
  // §5.1.2.6: with no revoked certificates the list is absent, not an empty SEQUENCE.
  if (entries.length > 0)
    crl.revokedCertificates = entries.map(
      (entry) =>
        new pkijs.RevokedCertificate({
          userCertificate: serialInteger(entry.serial),
          revocationDate: crlTime(entry.revocationDate),
          ...(entry.reason === undefined
            ? {}
            : {
                crlEntryExtensions: new pkijs.Extensions({
                  extensions: [
                    extension(
                      OID.reasonCode,
                      derOf(new asn1js.Enumerated({ value: CRL_REASON_CODES[entry.reason] })),
                    ),
                  ],
                }),
              }),
        }),
    );
  const extensions: pkijs.Extension[] = [];
  if (options.authorityKeyIdentifier !== false) {
    const ski = issuerCert.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
    if (ski === undefined) throw new Error('the CRL issuer certificate has no SKI to copy');
    const aki = new pkijs.AuthorityKeyIdentifier({
      keyIdentifier: asn1js.fromBER(ski.extnValue.valueBlock.valueHexView)
        .result as asn1js.OctetString,
    });
    extensions.push(extension(OID.authorityKeyIdentifier, derOf(aki.toSchema())));
  }
  const crlNumber = options.crlNumber === undefined ? 1 : options.crlNumber;
  if (crlNumber !== null)
    extensions.push(extension(OID.cRLNumber, derOf(new asn1js.Integer({ value: crlNumber }))));
  if (extensions.length > 0) crl.crlExtensions = new pkijs.Extensions({ extensions });
  crl.signatureValue = new asn1js.BitString({ valueHex: new ArrayBuffer(0) });
  // pkijs signs only through WebCrypto CryptoKeys; we take its TBSCertList and sign it ourselves.
  const tbsSchema = (crl.toSchema(true) as asn1js.Sequence).valueBlock.value[0];
  if (tbsSchema === undefined) throw new Error('pkijs produced no TBSCertList');
  const tbs = derOf(tbsSchema);
  return derOf(
    new asn1js.Sequence({
      value: [asn1js.fromBER(tbs).result, algorithm.toSchema(), signTbs(issuer, tbs)],
    }),
  );
}

export interface CrlRequest {
  readonly method: string;
  /** Path of the request, e.g. `/crl/intermediate.crl`. */
  readonly path: string;
}

export interface RunningCrlServer {
  /** URL of the CRL served under `name` (what a cRLDistributionPoints URI would say). */
  url(name: string): string;
  /** Every request received so far, in order (including those for unknown names). */
  readonly requests: readonly CrlRequest[];
  /** Serves `body` under `name` from now on: a DER CRL, or anything else (PEM, garbage). */
  setCrl(name: string, body: Uint8Array | string): void;
  close(): Promise<void>;
}

export interface CrlServerOptions {
  readonly crls?: Readonly<Record<string, Uint8Array | string>>;
  /** Wait this long before answering, for clients' timeouts. */
  readonly delayMs?: number;
}

/**
 * Serves CRLs at http://127.0.0.1:<random port>/crl/<name> with the media type of RFC 2585
 * §4.1 (application/pkix-crl); unknown names get 404. close() drops open connections, so a
 * delayed answer never holds a test up.
 */
export async function startCrlServer(options: CrlServerOptions = {}): Promise<RunningCrlServer> {
  const crls = new Map<string, Uint8Array | string>(Object.entries(options.crls ?? {}));
  const requests: CrlRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? '', path });
    const answer = (): void => {
      const body = path.startsWith('/crl/')
        ? crls.get(decodeURIComponent(path.slice('/crl/'.length)))
        : undefined;
      if (req.method !== 'GET' || body === undefined) {
        res.writeHead(req.method === 'GET' ? 404 : 405).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(body);
    };
    if (options.delayMs === undefined) answer();
    else {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer();
      }, options.delayMs);
      timers.add(timer);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/crl/${encodeURIComponent(name)}`,
    requests,
    setCrl: (name, body) => void crls.set(name, body),
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
