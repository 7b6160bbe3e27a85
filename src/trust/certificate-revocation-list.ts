/**
 * X.509 CRLs (RFC 5280 §5): who issued it, when, what it lists, and whether hoso can use it.
 * hoso uses complete CRLs only: delta CRLs (§5.2.4), indirect CRLs (§5.2.5) and CRLs limited to
 * some reasons or to attribute certificates are marked unusable rather than half-understood, as
 * are CRLs with a critical extension hoso does not know (§5.2: "MUST NOT use the CRL").
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { HosoError, describeCause, toArrayBuffer } from '../kernel/index.js';
import { describeSignatureAlgorithm, type SignatureAlgorithmInfo } from './algorithms.js';
import { canonicalName } from './distinguished-name.js';
import { nameInfoOf, type NameInfo } from './certificate-info.js';

const EXT = {
  authorityKeyIdentifier: '2.5.29.35',
  cRLNumber: '2.5.29.20',
  deltaCRLIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  freshestCRL: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  expiredCertsOnCRL: '2.5.29.60',
  reasonCode: '2.5.29.21',
  invalidityDate: '2.5.29.24',
  certificateIssuer: '2.5.29.29',
} as const;

const KNOWN_CRL_EXTENSIONS = new Set<string>([
  EXT.authorityKeyIdentifier,
  EXT.cRLNumber,
  EXT.deltaCRLIndicator,
  EXT.issuingDistributionPoint,
  EXT.freshestCRL,
  EXT.authorityInfoAccess,
  EXT.expiredCertsOnCRL,
]);
const KNOWN_ENTRY_EXTENSIONS = new Set<string>([
  EXT.reasonCode,
  EXT.invalidityDate,
  EXT.certificateIssuer,
]);

/** CRLReason (RFC 5280 §5.3.1). */
const REASONS: Readonly<Record<number, string>> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

export interface RevocationEntry {
  readonly serial: string;
  readonly revokedAt: Date;
  readonly reason: string | null;
}

export interface CrlInfo {
  readonly der: Uint8Array;
  readonly sha256: string;
  readonly issuer: NameInfo;
  /** canonicalName() of the issuer, for matching certificates' issuer names. */
  readonly issuerKey: string;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly crlNumber: string | null;
  /** Revoked certificates by normalised serial (lower-case hex, no leading zero bytes). */
  readonly entries: ReadonlyMap<string, RevocationEntry>;
  /** Which certificates the CRL speaks for (issuingDistributionPoint, §5.2.5). */
  readonly scope: 'all' | 'end-entity' | 'ca';
  /** Why hoso will not use this CRL, or null when it can. */
  readonly unusable: string | null;
  /** expiredCertsOnCRL (X.509 2019 §9.6.2.6): revoked certificates stay listed after expiry from this date. */
  readonly expiredCertsOnCrl: Date | null;
  readonly signatureAlgorithm: SignatureAlgorithmInfo;
  /** Raw pieces for signature verification. */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithmIdentifier: pkijs.AlgorithmIdentifier;
  readonly signatureValue: Uint8Array;
}

/** Serial numbers compared as integers: lower-case hex without leading zero bytes. */
export function normaliseSerial(hex: string): string {
  const h = hex.toLowerCase().replace(/^(00)+(?=[0-9a-f]{2})/, '');
  return h === '' ? '00' : h;
}

function reasonOf(entry: pkijs.RevokedCertificate): string | null {
  const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === EXT.reasonCode);
  if (!ext) return null;
  const parsed = asn1js.fromBER(toArrayBuffer(ext.extnValue.valueBlock.valueHexView)).result;
  if (!(parsed instanceof asn1js.Enumerated)) return null;
  const code = parsed.valueBlock.valueDec;
  return REASONS[code] ?? `reason ${code}`;
}

/** Parses a DER CRL. Throws CERT_MALFORMED naming `path` when it is not one. */
export function parseCrl(der: Uint8Array, path = '<crl>'): CrlInfo {
  let crl: pkijs.CertificateRevocationList;
  try {
    crl = pkijs.CertificateRevocationList.fromBER(toArrayBuffer(der));
  } catch (e) {
    throw new HosoError('CERT_MALFORMED', {
      params: { path, detail: `not an X.509 CRL (${describeCause(e)})` },
      cause: e,
    });
  }
  let unusable: string | null = null;
  let scope: CrlInfo['scope'] = 'all';
  let crlNumber: string | null = null;
  let expiredCertsOnCrl: Date | null = null;
  for (const ext of crl.crlExtensions?.extensions ?? []) {
    if (ext.critical && !KNOWN_CRL_EXTENSIONS.has(ext.extnID))
      unusable ??= `unsupported critical CRL extension ${ext.extnID}`;
    if (ext.extnID === EXT.deltaCRLIndicator) unusable ??= 'delta CRL (needs its base CRL)';
    if (ext.extnID === EXT.cRLNumber) {
      const n = ext.parsedValue as asn1js.Integer | undefined;
      if (n instanceof asn1js.Integer) crlNumber = n.toBigInt().toString();
    }
    if (ext.extnID === EXT.expiredCertsOnCRL) {
      const t = asn1js.fromBER(toArrayBuffer(ext.extnValue.valueBlock.valueHexView)).result;
      if (t instanceof asn1js.GeneralizedTime) expiredCertsOnCrl = t.toDate();
    }
    if (ext.extnID === EXT.issuingDistributionPoint) {
      const idp = ext.parsedValue as pkijs.IssuingDistributionPoint | undefined;
      if (!(idp instanceof pkijs.IssuingDistributionPoint)) {
        unusable ??= 'unreadable issuingDistributionPoint';
      } else if (idp.indirectCRL) {
        unusable ??= 'indirect CRL';
      } else if (idp.onlySomeReasons !== undefined) {
        unusable ??= 'CRL limited to some revocation reasons';
      } else if (idp.onlyContainsAttributeCerts) {
        unusable ??= 'CRL for attribute certificates';
      } else if (idp.onlyContainsUserCerts) {
        scope = 'end-entity';
      } else if (idp.onlyContainsCACerts) {
        scope = 'ca';
      }
    }
  }
  const entries = new Map<string, RevocationEntry>();
  for (const entry of crl.revokedCertificates ?? []) {
    for (const ext of entry.crlEntryExtensions?.extensions ?? []) {
      if (ext.critical && !KNOWN_ENTRY_EXTENSIONS.has(ext.extnID))
        unusable ??= `unsupported critical CRL entry extension ${ext.extnID}`;
      if (ext.extnID === EXT.certificateIssuer)
        unusable ??= 'CRL entry for another issuer (indirect CRL)';
    }
    const serial = normaliseSerial(
      Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex'),
    );
    entries.set(serial, { serial, revokedAt: entry.revocationDate.value, reason: reasonOf(entry) });
  }
  return {
    der,
    sha256: createHash('sha256').update(der).digest('hex'),
    issuer: nameInfoOf(crl.issuer),
    issuerKey: canonicalName(crl.issuer),
    thisUpdate: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value ?? null,
    crlNumber,
    entries,
    scope,
    unusable,
    expiredCertsOnCrl,
    signatureAlgorithm: describeSignatureAlgorithm(crl.signatureAlgorithm),
    tbs: crl.tbsView,
    signatureAlgorithmIdentifier: crl.signatureAlgorithm,
    signatureValue: crl.signatureValue.valueBlock.valueHexView,
  };
}
