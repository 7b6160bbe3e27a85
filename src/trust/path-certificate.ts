/**
 * A certificate as the chain builder sees it: the person-facing CertificateInfo plus what path
 * building and RFC 5280 §6.1 path processing need — canonical names, key identifiers,
 * basicConstraints, critical extensions — and a node:crypto X509Certificate to verify
 * signatures with.
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { toHex } from '../kernel/index.js';
import { CertificateCache } from './certificate-cache.js';
import { certificateInfoOf, parseCertificate, type CertificateInfo } from './certificate-info.js';
import { canonicalName } from './distinguished-name.js';

const EXT = {
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  basicConstraints: '2.5.29.19',
} as const;

/**
 * Extensions hoso processes, or may accept when critical without changing the outcome:
 * certificatePolicies is accepted because hoso validates with the RFC 5280 §6.1.1 defaults
 * (user-initial-policy-set = anyPolicy, no explicit policy required), under which any policy
 * set passes. nameConstraints, policyConstraints, policyMappings and inhibitAnyPolicy are not
 * processed, so a critical one makes the path fail (§6.1.4(o): unrecognised critical extension).
 */
const UNDERSTOOD_CRITICAL = new Set<string>([
  '2.5.29.15', // keyUsage
  '2.5.29.19', // basicConstraints
  '2.5.29.37', // extKeyUsage
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.32', // certificatePolicies
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.46', // freshestCRL
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.9', // subjectDirectoryAttributes
  '2.5.29.16', // privateKeyUsagePeriod
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
  '1.3.6.1.5.5.7.1.11', // subjectInfoAccess
  '1.3.6.1.5.5.7.1.3', // qcStatements
  '1.3.6.1.5.5.7.48.1.5', // id-pkix-ocsp-nocheck
]);

export interface PathCertificate {
  readonly info: CertificateInfo;
  /** node:crypto view, null when OpenSSL cannot read the certificate (then nothing verifies with it). */
  readonly x509: X509Certificate | null;
  readonly subjectKey: string;
  readonly issuerKey: string;
  /** subject === issuer (RFC 5280 §3.2 "self-issued"). */
  readonly selfIssued: boolean;
  readonly subjectKeyId: string | null;
  readonly authorityKeyId: string | null;
  /** SubjectPublicKeyInfo, hex: two certificates with the same name and key are one CA. */
  readonly spki: string;
  /** 1, 2 or 3. */
  readonly version: number;
  /** null when the extension is absent. */
  readonly basicConstraints: { readonly cA: boolean; readonly pathLen: number | null } | null;
  readonly unsupportedCritical: readonly string[];
  /** Where it came from: a file path, "embedded", or null. */
  readonly source: string | null;
}

function octets(value: unknown): string | null {
  return value instanceof asn1js.OctetString ? toHex(value.valueBlock.valueHexView) : null;
}

const pathCertificates = new CertificateCache<PathCertificate>();

/** Throws CERT_MALFORMED when `der` is not a certificate (failures are not cached). */
export function toPathCertificate(der: Uint8Array, source: string | null): PathCertificate {
  return pathCertificates.recall(der, () => readPathCertificate(der, source), `\0${source}`);
}

function readPathCertificate(der: Uint8Array, source: string | null): PathCertificate {
  const cert: pkijs.Certificate = parseCertificate(der);
  const info = certificateInfoOf(cert, der);
  let x509: X509Certificate | null = null;
  try {
    x509 = new X509Certificate(der);
  } catch {
    x509 = null;
  }
  let subjectKeyId: string | null = null;
  let authorityKeyId: string | null = null;
  let basicConstraints: PathCertificate['basicConstraints'] = null;
  const unsupportedCritical: string[] = [];
  for (const ext of cert.extensions ?? []) {
    if (ext.critical && !UNDERSTOOD_CRITICAL.has(ext.extnID)) unsupportedCritical.push(ext.extnID);
    if (ext.extnID === EXT.subjectKeyIdentifier) subjectKeyId = octets(ext.parsedValue);
    if (ext.extnID === EXT.authorityKeyIdentifier) {
      const aki = ext.parsedValue as pkijs.AuthorityKeyIdentifier | undefined;
      authorityKeyId = octets(aki?.keyIdentifier);
    }
    if (ext.extnID === EXT.basicConstraints) {
      const bc = ext.parsedValue as pkijs.BasicConstraints | undefined;
      const len = bc?.pathLenConstraint;
      basicConstraints = {
        cA: bc?.cA ?? false,
        pathLen: len === undefined ? null : typeof len === 'number' ? len : len.valueBlock.valueDec,
      };
    }
  }
  const subjectKey = canonicalName(cert.subject);
  const issuerKey = canonicalName(cert.issuer);
  return {
    info,
    x509,
    subjectKey,
    issuerKey,
    selfIssued: subjectKey === issuerKey,
    subjectKeyId,
    authorityKeyId,
    spki: toHex(new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false))),
    version: cert.version + 1,
    basicConstraints,
    unsupportedCritical,
    source,
  };
}

/** "CN" or the whole name: how a certificate is named in details and messages. */
export function displayName(cert: PathCertificate | CertificateInfo): string {
  const info = 'info' in cert ? cert.info : cert;
  return info.subject.commonName ?? info.subject.text;
}
