/**
 * Certificates and CRLs made inside the tests (pkijs + node:crypto), for the cases the committed
 * test PKI does not have: forgeries, CAs without cA=TRUE, path lengths, cross-certificates,
 * loops, SHA-1 and short keys. Nothing here is written to disk. CA keys are the pinned keys of
 * test-certs/keys (any key will do; reusing them keeps the tests fast).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { TEST_CERTS } from '../../support/paths.js';

export type Attribute = 'C' | 'O' | 'OU' | 'CN' | 'ST' | 'L';
export type Name = readonly (readonly [Attribute, string])[];

const ATTRIBUTE_OIDS: Record<Attribute, string> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
};

export const ROOT_NAME: Name = [
  ['C', 'VN'],
  ['O', 'hoso test PKI'],
  ['CN', 'hoso Test Root CA (NOT FOR PRODUCTION)'],
];
export const INTERMEDIATE_NAME: Name = [
  ['C', 'VN'],
  ['O', 'hoso test PKI'],
  ['CN', 'hoso Test Issuing CA (NOT FOR PRODUCTION)'],
];

const keyCache = new Map<string, KeyObject>();

/** The pinned private key of a test-certs entity. */
export function testKey(name: string): KeyObject {
  let key = keyCache.get(name);
  if (!key) {
    key = createPrivateKey(readFileSync(join(TEST_CERTS, 'keys', `${name}.key.pem`)));
    keyCache.set(name, key);
  }
  return key;
}

/** A fresh RSA key (for short keys: 1024 bits). */
export function rsaKey(bits: number): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;
}

const ab = (bytes: Uint8Array): ArrayBuffer => new Uint8Array(bytes).buffer;
const der = (node: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array =>
  new Uint8Array(node.toBER(false));

/** One attribute per RDN; C as PrintableString, the rest UTF8String unless `printable`. */
export function encodeName(name: Name, printable = false): pkijs.RelativeDistinguishedNames {
  const rdns = name.map(([attr, value]) => {
    const encoded =
      attr === 'C' || printable
        ? new asn1js.PrintableString({ value })
        : new asn1js.Utf8String({ value });
    return new asn1js.Set({
      value: [
        new asn1js.Sequence({
          value: [new asn1js.ObjectIdentifier({ value: ATTRIBUTE_OIDS[attr] }), encoded],
        }),
      ],
    });
  });
  return pkijs.RelativeDistinguishedNames.fromBER(ab(der(new asn1js.Sequence({ value: rdns }))));
}

function spki(key: KeyObject): Uint8Array {
  return new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
}

/** RFC 5280 §4.2.1.2 method (1). */
export function keyId(key: KeyObject): Uint8Array {
  const info = pkijs.PublicKeyInfo.fromBER(ab(spki(key)));
  return new Uint8Array(
    createHash('sha1').update(info.subjectPublicKey.valueBlock.valueHexView).digest(),
  );
}

function extension(extnID: string, critical: boolean, value: Uint8Array): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: ab(value) });
}

const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  keyCertSign: 5,
  cRLSign: 6,
} as const;
export type KeyUsageName = keyof typeof KEY_USAGE_BITS;

function keyUsage(usages: readonly KeyUsageName[]): asn1js.BitString {
  const positions = usages.map((u) => KEY_USAGE_BITS[u]);
  const highest = Math.max(...positions);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const p of positions) bytes[p >> 3] = (bytes[p >> 3] as number) | (0x80 >> (p & 7));
  return new asn1js.BitString({
    valueHex: ab(bytes),
    unusedBits: bytes.length * 8 - (highest + 1),
  });
}

const SIGNATURE_OIDS = {
  sha256: '1.2.840.113549.1.1.11',
  sha1: '1.2.840.113549.1.1.5',
  md5: '1.2.840.113549.1.1.4',
} as const;

function algorithm(hash: keyof typeof SIGNATURE_OIDS): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: SIGNATURE_OIDS[hash],
    algorithmParams: new asn1js.Null(),
  });
}

function time(iso: string): pkijs.Time {
  const value = new Date(iso);
  return new pkijs.Time({
    type: value.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime,
    value,
  });
}

let serialCounter = 0x7000;

export interface IssueOptions {
  readonly subject: Name;
  /** The subject's key pair (its public half goes in the certificate). */
  readonly subjectKey: KeyObject;
  readonly issuer: Name;
  /** Signs the certificate. */
  readonly issuerKey: KeyObject;
  /** Key named by the authority key identifier (default: issuerKey); null: no AKI. */
  readonly akiKey?: KeyObject | null;
  readonly serial?: string;
  readonly notBefore?: string;
  readonly notAfter?: string;
  /** CA with optional path length; `false`: cA=FALSE; `'absent'`: no basicConstraints at all. */
  readonly ca?: { readonly pathLen?: number } | false | 'absent';
  readonly keyUsage?: readonly KeyUsageName[] | null;
  readonly hash?: keyof typeof SIGNATURE_OIDS;
  readonly extra?: readonly pkijs.Extension[];
  /** Encode the issuer name with PrintableString everywhere (a different encoding of the same name). */
  readonly printableIssuer?: boolean;
}

/** A v3 certificate, DER. */
export function issue(o: IssueOptions): Uint8Array {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  const serial = o.serial ?? (serialCounter++).toString(16).padStart(4, '0');
  cert.serialNumber = new asn1js.Integer({ valueHex: ab(Buffer.from(serial, 'hex')) });
  cert.signature = algorithm(o.hash ?? 'sha256');
  cert.signatureAlgorithm = algorithm(o.hash ?? 'sha256');
  cert.issuer = encodeName(o.issuer, o.printableIssuer === true);
  cert.subject = encodeName(o.subject);
  cert.notBefore = time(o.notBefore ?? '2025-06-01T00:00:00Z');
  cert.notAfter = time(o.notAfter ?? '2035-01-01T00:00:00Z');
  cert.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(ab(spki(o.subjectKey)));
  const isCa = o.ca !== undefined && o.ca !== false && o.ca !== 'absent';
  const extensions: pkijs.Extension[] = [];
  if (o.ca !== 'absent') {
    const bc =
      o.ca === undefined || o.ca === false
        ? new pkijs.BasicConstraints({ cA: false })
        : new pkijs.BasicConstraints({
            cA: true,
            ...(o.ca.pathLen === undefined ? {} : { pathLenConstraint: o.ca.pathLen }),
          });
    extensions.push(extension('2.5.29.19', isCa, der(bc.toSchema())));
  }
  const usages =
    o.keyUsage === undefined
      ? isCa
        ? (['keyCertSign', 'cRLSign'] as const)
        : (['digitalSignature', 'nonRepudiation'] as const)
      : o.keyUsage;
  if (usages !== null) extensions.push(extension('2.5.29.15', true, der(keyUsage(usages))));
  extensions.push(
    extension(
      '2.5.29.14',
      false,
      der(new asn1js.OctetString({ valueHex: ab(keyId(o.subjectKey)) })),
    ),
  );
  const akiKey = o.akiKey === undefined ? o.issuerKey : o.akiKey;
  if (akiKey !== null) {
    const aki = new pkijs.AuthorityKeyIdentifier({
      keyIdentifier: new asn1js.OctetString({ valueHex: ab(keyId(akiKey)) }),
    });
    extensions.push(extension('2.5.29.35', false, der(aki.toSchema())));
  }
  extensions.push(...(o.extra ?? []));
  cert.extensions = extensions;
  const tbs = der(cert.encodeTBS());
  cert.tbsView = tbs;
  const signature = sign(o.hash ?? 'sha256', tbs, o.issuerKey);
  cert.signatureValue = new asn1js.BitString({ valueHex: ab(new Uint8Array(signature)) });
  return der(cert.toSchema());
}

/** A critical nameConstraints extension (hoso does not process it). */
export function criticalNameConstraints(): pkijs.Extension {
  const nc = new pkijs.NameConstraints({
    permittedSubtrees: [
      new pkijs.GeneralSubtree({
        base: new pkijs.GeneralName({ type: 2, value: 'example.vn' }),
      }),
    ],
  });
  return extension('2.5.29.30', true, der(nc.toSchema()));
}

export interface CrlOptions {
  readonly issuer: Name;
  readonly issuerKey: KeyObject;
  readonly thisUpdate: string;
  readonly nextUpdate?: string;
  readonly revoked?: readonly { readonly serial: string; readonly date: string }[];
  /** Sign with another key than issuerKey (a CRL whose signature does not verify). */
  readonly signWith?: KeyObject;
}

/** A v2 CRL, DER. */
export function issueCrl(o: CrlOptions): Uint8Array {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.signature = algorithm('sha256');
  crl.signatureAlgorithm = algorithm('sha256');
  crl.issuer = encodeName(o.issuer);
  crl.thisUpdate = time(o.thisUpdate);
  if (o.nextUpdate !== undefined) crl.nextUpdate = time(o.nextUpdate);
  if (o.revoked?.length)
    crl.revokedCertificates = o.revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: ab(Buffer.from(r.serial, 'hex')) }),
          revocationDate: time(r.date),
        }),
    );
  crl.signatureValue = new asn1js.BitString({ valueHex: new ArrayBuffer(0) });
  const tbsSchema = (crl.toSchema(true) as asn1js.Sequence).valueBlock.value[0]!;
  const tbs = der(tbsSchema);
  const signature = sign('sha256', tbs, o.signWith ?? o.issuerKey);
  return der(
    new asn1js.Sequence({
      value: [
        asn1js.fromBER(ab(tbs)).result,
        algorithm('sha256').toSchema(),
        new asn1js.BitString({ valueHex: ab(new Uint8Array(signature)) }),
      ],
    }),
  );
}

/** A certs-only PKCS#7 SignedData (.p7b), DER. */
export function p7b(
  certificates: readonly Uint8Array[],
  crls: readonly Uint8Array[] = [],
): Uint8Array {
  const signed = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: '1.2.840.113549.1.7.1' }),
    certificates: certificates.map((c) => pkijs.Certificate.fromBER(ab(c))),
    ...(crls.length
      ? { crls: crls.map((c) => pkijs.CertificateRevocationList.fromBER(ab(c))) }
      : {}),
  });
  const info = new pkijs.ContentInfo({
    contentType: '1.2.840.113549.1.7.2',
    content: signed.toSchema(true),
  });
  return der(info.toSchema());
}

export function pem(label: string, bytes: Uint8Array): string {
  const b64 = Buffer.from(bytes)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}
