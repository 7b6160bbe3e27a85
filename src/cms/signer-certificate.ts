/**
 * Finding the certificate a SignerInfo names (RFC 5652 §5.3): by IssuerAndSerialNumber or by
 * SubjectKeyIdentifier, among the certificates embedded in the SignedData and any the caller adds
 * (`--certs`, a trust store). Finding is not trusting: src/trust builds and checks the path.
 */
import { createHash } from 'node:crypto';
import { digestOf } from './algorithm-registry.js';
import {
  certificateIdentity,
  namesEqual,
  type CertificateIdentity,
} from './certificate-identity.js';
import type { ParsedSignedData, ParsedSigner } from './signed-data-parser.js';

function matchesSid(id: CertificateIdentity, signer: ParsedSigner): boolean {
  const sid = signer.sid;
  if (sid.kind === 'issuerAndSerial') {
    return id.serialNumber === sid.serialNumber && namesEqual(id.issuer, sid.issuer);
  }
  // RFC 5652 §5.3: the subjectKeyIdentifier extension's value. Certificates without the
  // extension are matched on the RFC 5280 §4.2.1.2 method-1 key hash, which is what signers
  // that build the identifier themselves compute.
  return id.subjectKeyIdentifier !== null
    ? id.subjectKeyIdentifier === sid.keyId
    : id.keyHash === sid.keyId;
}

function matchesEssHash(der: Uint8Array, signer: ParsedSigner): boolean {
  const first = signer.essCertIds[0];
  if (!first) return false;
  const hash = digestOf(first.hashAlgorithm, der);
  return hash !== null && Buffer.from(hash).equals(Buffer.from(first.certHash));
}

/**
 * The signer's certificate (exact bytes) or null. When several certificates match the identifier
 * (a re-issued certificate with the same serial, or a planted look-alike), the one the signed ESS
 * signing-certificate attribute names is preferred, then the first embedded one.
 */
export function findSignerCertificate(
  parsed: ParsedSignedData,
  signer: ParsedSigner,
  extra: readonly Uint8Array[] = [],
): Uint8Array | null {
  let first: Uint8Array | null = null;
  const seen = new Set<string>();
  for (const der of [...parsed.certificates, ...extra]) {
    const key = createHash('sha256').update(der).digest('base64');
    if (seen.has(key)) continue;
    seen.add(key);
    const id = certificateIdentity(der);
    if (!id || !matchesSid(id, signer)) continue;
    if (matchesEssHash(der, signer)) return der;
    first ??= der;
  }
  return first;
}
