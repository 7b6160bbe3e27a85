/**
 * A certificate as the chain builder sees it: the person-facing CertificateInfo plus what path
 * building and RFC 5280 §6.1 path processing need — canonical names, key identifiers,
 * basicConstraints, critical extensions — and a node:crypto X509Certificate to verify
 * signatures with.
 */
import { X509Certificate } from 'node:crypto';
import { isElement, TAG_CLASS, toHex } from '../kernel/index.js';
import { CertificateCache } from './certificate-cache.js';
import {
  basicConstraintsOf,
  certificateInfoOf,
  readCertificate,
  type CertificateInfo,
} from './certificate-info.js';
import { canonicalNameOf } from './distinguished-name.js';
import { sequenceOf, valueElement } from './x509-certificate.js';

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

const pathCertificates = new CertificateCache<PathCertificate>();

/** Throws CERT_MALFORMED when `der` is not a certificate (failures are not cached). */
export function toPathCertificate(der: Uint8Array, source: string | null): PathCertificate {
  return pathCertificates.recall(der, () => readPathCertificate(der, source), `\0${source}`);
}

function readPathCertificate(der: Uint8Array, source: string | null): PathCertificate {
  const cert = readCertificate(der);
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
  for (const ext of cert.extensions) {
    if (ext.critical && !UNDERSTOOD_CRITICAL.has(ext.id)) unsupportedCritical.push(ext.id);
    if (ext.id === EXT.subjectKeyIdentifier) subjectKeyId = subjectKeyIdOf(ext.value);
    if (ext.id === EXT.authorityKeyIdentifier) authorityKeyId = authorityKeyIdOf(ext.value);
    if (ext.id === EXT.basicConstraints) basicConstraints = basicConstraintsOf(ext.value);
  }
  const subjectKey = canonicalNameOf(cert.subject);
  const issuerKey = canonicalNameOf(cert.issuer);
  return {
    info,
    x509,
    subjectKey,
    issuerKey,
    selfIssued: subjectKey === issuerKey,
    subjectKeyId,
    authorityKeyId,
    spki: toHex(cert.spki),
    version: cert.version,
    basicConstraints,
    unsupportedCritical,
    source,
  };
}

/** SubjectKeyIdentifier ::= OCTET STRING (RFC 5280 §4.2.1.2); null when unreadable. */
function subjectKeyIdOf(value: Uint8Array): string | null {
  const el = valueElement(value);
  return el && isElement(el, TAG_CLASS.universal, 4, false)
    ? toHex(value.subarray(el.contentStart, el.contentEnd))
    : null;
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, … } (§4.2.1.1). */
function authorityKeyIdOf(value: Uint8Array): string | null {
  const keyId = sequenceOf(value, valueElement(value))?.[0];
  return isElement(keyId, TAG_CLASS.context, 0, false)
    ? toHex(value.subarray(keyId.contentStart, keyId.contentEnd))
    : null;
}

/** "CN" or the whole name: how a certificate is named in details and messages. */
export function displayName(cert: PathCertificate | CertificateInfo): string {
  const info = 'info' in cert ? cert.info : cert;
  return info.subject.commonName ?? info.subject.text;
}
