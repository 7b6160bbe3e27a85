/**
 * OCSP responses (RFC 6960) as revocation evidence: parsed once, then asked about one certificate
 * of a path — is there a single response for it, is the response's signature good, and was its
 * signer allowed to answer for that certificate's issuer?
 *
 * Who may sign (RFC 6960 §4.2.2.2): the issuing CA itself, or a responder certificate the CA
 * issued for the purpose — id-kp-OCSPSigning in its extended key usage, valid when the response
 * was produced. Anything else (another CA's key, a signer certificate without the EKU, a
 * responder certified by someone else) is not accepted, whatever the response says: a forged
 * "good" must not pass. A delegated responder certificate with id-pkix-ocsp-nocheck needs no
 * revocation check of its own (§4.2.2.2.1); without it the responder's certificate is checked
 * against the issuer's CRLs at hand (revocation-check.ts): revoked → the response is refused,
 * unknown → accepted, as RFC 6960 leaves it to the client.
 *
 * The certificate is found by CertID: the hash (SHA-1 usually, any the CertID names) of the
 * issuer's name and of its public key, and the serial number.
 */
import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { HosoError, describeCause, isHosoError } from '../kernel/index.js';
import { hashName } from './algorithms.js';
import { certificateInfo, readCertificate } from './certificate-info.js';
import { normaliseSerial } from './certificate-revocation-list.js';
import { displayName, type PathCertificate } from './path-certificate.js';
import { signatureVerifies } from './signature-value.js';

const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const ID_PKIX_OCSP_NOCHECK = '1.3.6.1.5.5.7.48.1.5';
const ID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

const REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'reason 7',
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
];

export interface OcspSingle {
  readonly hashAlgorithm: string;
  readonly issuerNameHash: string;
  readonly issuerKeyHash: string;
  /** Normalised serial (normaliseSerial). */
  readonly serial: string;
  readonly status: 'good' | 'revoked' | 'unknown';
  readonly revokedAt: Date | null;
  readonly reason: string | null;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
}

export interface OcspInfo {
  readonly der: Uint8Array;
  readonly sha256: string;
  /** responseStatus other than successful (0), e.g. "tryLater"; the rest is then empty. */
  readonly failure: string | null;
  readonly producedAt: Date | null;
  readonly responder: { readonly byName: Uint8Array | null; readonly byKey: string | null };
  readonly singles: readonly OcspSingle[];
  /** Certificates that came with the response (DER). */
  readonly certificates: readonly Uint8Array[];
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: pkijs.AlgorithmIdentifier | null;
  readonly signature: Uint8Array;
}

const RESPONSE_STATUS = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  'status 4',
  'sigRequired',
  'unauthorized',
];

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function ocspMalformed(detail: string, cause?: unknown): HosoError {
  return new HosoError('CMS_MALFORMED', {
    params: { detail: `OCSP response: ${detail}` },
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** Parses a DER OCSPResponse. Throws HosoError CMS_MALFORMED when it is not one. */
export function parseOcspResponse(der: Uint8Array): OcspInfo {
  let response: pkijs.OCSPResponse;
  try {
    const asn1 = asn1js.fromBER(new Uint8Array(der).buffer);
    if (asn1.offset === -1) throw new Error(asn1.result.error);
    response = new pkijs.OCSPResponse({ schema: asn1.result });
  } catch (e) {
    throw ocspMalformed(describeCause(e), e);
  }
  const sha256 = createHash('sha256').update(der).digest('hex');
  const code = response.responseStatus.valueBlock.valueDec;
  const empty = {
    der,
    sha256,
    producedAt: null,
    responder: { byName: null, byKey: null },
    singles: [],
    certificates: [],
    tbs: new Uint8Array(0),
    signatureAlgorithm: null,
    signature: new Uint8Array(0),
  };
  if (code !== 0) return { ...empty, failure: RESPONSE_STATUS[code] ?? `status ${code}` };
  const bytes = response.responseBytes;
  if (!bytes || bytes.responseType !== ID_PKIX_OCSP_BASIC)
    return { ...empty, failure: `response type ${bytes?.responseType ?? 'missing'}` };
  let basic: pkijs.BasicOCSPResponse;
  try {
    const asn1 = asn1js.fromBER(bytes.response.valueBlock.valueHexView.slice().buffer);
    if (asn1.offset === -1) throw new Error(asn1.result.error);
    basic = new pkijs.BasicOCSPResponse({ schema: asn1.result });
  } catch (e) {
    throw ocspMalformed(describeCause(e), e);
  }
  const data = basic.tbsResponseData;
  const rid = data.responderID;
  const responder =
    rid instanceof asn1js.OctetString
      ? { byName: null, byKey: hex(rid.valueBlock.valueHexView) }
      : {
          byName: new Uint8Array((rid as pkijs.RelativeDistinguishedNames).toSchema().toBER()),
          byKey: null,
        };
  const singles = data.responses.map((s): OcspSingle => {
    const status = s.certStatus as asn1js.BaseBlock;
    const tag = status.idBlock.tagNumber;
    let revokedAt: Date | null = null;
    let reason: string | null = null;
    if (tag === 1) {
      const parts = (status as asn1js.Constructed).valueBlock.value;
      const time = parts[0];
      if (time instanceof asn1js.GeneralizedTime) revokedAt = time.toDate();
      const r = parts[1] as asn1js.Constructed | undefined;
      const enumerated = r?.valueBlock.value[0];
      if (enumerated instanceof asn1js.Enumerated)
        reason =
          REASONS[enumerated.valueBlock.valueDec] ?? `reason ${enumerated.valueBlock.valueDec}`;
      if (revokedAt === null) throw ocspMalformed('a revoked status without its revocation time');
    }
    return {
      hashAlgorithm: s.certID.hashAlgorithm.algorithmId,
      issuerNameHash: hex(s.certID.issuerNameHash.valueBlock.valueHexView),
      issuerKeyHash: hex(s.certID.issuerKeyHash.valueBlock.valueHexView),
      serial: normaliseSerial(hex(s.certID.serialNumber.valueBlock.valueHexView)),
      status: tag === 0 ? 'good' : tag === 1 ? 'revoked' : 'unknown',
      revokedAt,
      reason,
      thisUpdate: s.thisUpdate,
      nextUpdate: s.nextUpdate ?? null,
    };
  });
  return {
    der,
    sha256,
    failure: null,
    producedAt: data.producedAt,
    responder,
    singles,
    certificates: (basic.certs ?? []).map((c) => new Uint8Array(c.toSchema().toBER())),
    tbs: new Uint8Array(data.tbsView),
    signatureAlgorithm: basic.signatureAlgorithm,
    signature: new Uint8Array(basic.signature.valueBlock.valueHexView),
  };
}

/** The DER of a certificate's subject name and the bits of its public key (for CertID and ResponderID). */
export function nameAndKeyOf(der: Uint8Array): { subject: Uint8Array; keyBits: Uint8Array } {
  const cert = readCertificate(der);
  return { subject: cert.subject.der, keyBits: cert.publicKey };
}

function digestHex(algorithmOid: string, data: Uint8Array): string | null {
  const name = hashName(algorithmOid);
  if (name === null) return null;
  try {
    return createHash(name).update(data).digest('hex');
  } catch {
    return null;
  }
}

/** The single response about `cert` (issued by `issuer`), if the response has one. */
export function singleFor(
  ocsp: OcspInfo,
  cert: PathCertificate,
  issuer: PathCertificate,
): OcspSingle | null {
  const serial = normaliseSerial(cert.info.serialNumber);
  const { subject, keyBits } = nameAndKeyOf(issuer.info.der);
  return (
    ocsp.singles.find(
      (s) =>
        s.serial === serial &&
        s.issuerNameHash === digestHex(s.hashAlgorithm, subject) &&
        s.issuerKeyHash === digestHex(s.hashAlgorithm, keyBits),
    ) ?? null
  );
}

/** Whether `der` is the certificate the ResponderID names (a malformed candidate is not). */
function responderIs(ocsp: OcspInfo, der: Uint8Array): boolean {
  let parts: ReturnType<typeof nameAndKeyOf>;
  try {
    parts = nameAndKeyOf(der);
  } catch (e) {
    if (!isHosoError(e)) throw e;
    return false;
  }
  const { subject, keyBits } = parts;
  if (ocsp.responder.byKey !== null)
    return ocsp.responder.byKey === createHash('sha1').update(keyBits).digest('hex');
  return ocsp.responder.byName !== null && Buffer.from(ocsp.responder.byName).equals(subject);
}

function extendedKeyUsages(der: Uint8Array): { eku: readonly string[]; noCheck: boolean } {
  return {
    eku: certificateInfo(der).extKeyUsage,
    noCheck: readCertificate(der).extensions.some((e) => e.id === ID_PKIX_OCSP_NOCHECK),
  };
}

export type OcspAuthority =
  | {
      readonly ok: true;
      readonly signer: string;
      readonly delegated: boolean;
      readonly noCheck: boolean;
      /** The delegated responder's certificate (DER); null when the issuer itself signed. */
      readonly responder: Uint8Array | null;
    }
  | { readonly ok: false; readonly why: string };

/**
 * Whether `ocsp` was signed by someone allowed to answer for certificates of `issuer`: the issuer
 * itself, or a certificate among `candidates` (the response's own, then others) that the issuer
 * issued with id-kp-OCSPSigning, valid at producedAt. The signature is verified in both cases.
 */
export function ocspAuthority(
  ocsp: OcspInfo,
  issuer: PathCertificate,
  candidates: readonly Uint8Array[],
): OcspAuthority {
  if (ocsp.signatureAlgorithm === null) return { ok: false, why: 'no signature' };
  const issuerKey = issuer.x509?.publicKey;
  if (issuerKey === undefined) return { ok: false, why: 'the issuer certificate cannot be read' };
  const verifiesWith = (key: X509Certificate['publicKey']): boolean =>
    signatureVerifies(ocsp.tbs, ocsp.signatureAlgorithm!, ocsp.signature, key);
  if (responderIs(ocsp, issuer.info.der)) {
    return verifiesWith(issuerKey)
      ? { ok: true, signer: displayName(issuer), delegated: false, noCheck: false, responder: null }
      : {
          ok: false,
          why: `the signature does not verify with the key of "${displayName(issuer)}"`,
        };
  }
  const reasons: string[] = [];
  for (const der of [...ocsp.certificates, ...candidates]) {
    if (!responderIs(ocsp, der)) continue;
    let x509: X509Certificate;
    try {
      x509 = new X509Certificate(der);
    } catch {
      continue;
    }
    const name =
      x509.subject
        .split('\n')
        .find((l) => l.startsWith('CN='))
        ?.slice(3) ?? x509.subject;
    if (!x509.checkIssued(issuer.x509!) || !x509.verify(issuerKey)) {
      reasons.push(`the responder "${name}" was not certified by "${displayName(issuer)}"`);
      continue;
    }
    const { eku, noCheck } = extendedKeyUsages(der);
    if (!eku.includes(ID_KP_OCSP_SIGNING)) {
      reasons.push(`the responder "${name}" has no id-kp-OCSPSigning extended key usage`);
      continue;
    }
    const produced = ocsp.producedAt?.getTime() ?? NaN;
    if (!(produced >= Date.parse(x509.validFrom) && produced <= Date.parse(x509.validTo))) {
      reasons.push(
        `the responder certificate "${name}" was not valid when the response was produced`,
      );
      continue;
    }
    if (!verifiesWith(x509.publicKey)) {
      reasons.push(`the signature does not verify with the key of the responder "${name}"`);
      continue;
    }
    return { ok: true, signer: name, delegated: true, noCheck, responder: der };
  }
  return {
    ok: false,
    why: reasons.length
      ? reasons.join('; ')
      : `signed by a responder that is neither "${displayName(issuer)}" nor certified by it`,
  };
}
