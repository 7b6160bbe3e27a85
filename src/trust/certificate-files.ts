/**
 * Reading certificates and CRLs as operators have them: PEM (one or many blocks), DER, and
 * PKCS#7 bundles (.p7b/.p7c, PEM or DER; RFC 5652 SignedData with no signers, RFC 2797
 * "certs-only"). Certificates and CRLs are returned as the exact bytes found in the file, never
 * decoded and re-encoded: re-encoding a BER-encoded CA certificate would change its bytes, its
 * SHA-256 and, for a re-encoded TBS, its signature.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { BerError, HosoError, describeCause, readElement, toArrayBuffer } from '../kernel/index.js';
import { readX509 } from './x509-certificate.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const CERTIFICATE_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE']);
const CRL_LABELS = new Set(['X509 CRL', 'CRL']);
const PKCS7_LABELS = new Set(['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);
const SIGNED_DATA = '1.2.840.113549.1.7.2';

export interface TrustMaterial {
  /** DER (or BER, as found) of each certificate. */
  readonly certificates: readonly Uint8Array[];
  /** DER of each CRL (RFC 5280 §5 CertificateList). */
  readonly crls: readonly Uint8Array[];
}

/** The first BER element of `bytes`, cut to its own length (drops trailing bytes, e.g. OpenSSL's TRUSTED CERTIFICATE aux data). */
function firstElement(bytes: Uint8Array): Uint8Array | null {
  try {
    return bytes.subarray(0, readElement(bytes, 0, bytes.length, 'trust material').end);
  } catch (e) {
    if (e instanceof BerError) return null;
    throw e;
  }
}

function parses(raw: Uint8Array, type: 'certificate' | 'crl'): boolean {
  try {
    if (type === 'certificate') readX509(raw);
    else pkijs.CertificateRevocationList.fromBER(toArrayBuffer(raw));
    return true;
  } catch {
    return false;
  }
}

/** Certificates and CRLs of a PKCS#7/CMS SignedData bundle, as their original bytes. */
function fromPkcs7(element: asn1js.AsnType): TrustMaterial | null {
  if (!(element instanceof asn1js.Sequence)) return null;
  const [type, content] = element.valueBlock.value;
  if (!(type instanceof asn1js.ObjectIdentifier) || type.valueBlock.toString() !== SIGNED_DATA)
    return null;
  const explicit = content instanceof asn1js.Constructed ? content.valueBlock.value[0] : undefined;
  if (!(explicit instanceof asn1js.Sequence)) return null;
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  for (const field of explicit.valueBlock.value) {
    if (field.idBlock.tagClass !== 3 || !(field instanceof asn1js.Constructed)) continue;
    const into = field.idBlock.tagNumber === 0 ? certificates : crls;
    if (field.idBlock.tagNumber > 1) continue;
    for (const item of field.valueBlock.value) {
      // Other CertificateChoices / RevocationInfoChoices (attribute certificates, OCSP
      // responses) are tagged; only plain SEQUENCEs are X.509 certificates and CRLs.
      if (item.idBlock.tagClass !== 1 || item.idBlock.tagNumber !== 16) continue;
      into.push(new Uint8Array(item.valueBeforeDecodeView));
    }
  }
  return { certificates, crls };
}

/** Classifies one DER/BER object: certificate, CRL or PKCS#7 bundle; null when none. */
function fromDer(bytes: Uint8Array): TrustMaterial | null {
  const raw = firstElement(bytes);
  if (!raw) return null;
  if (parses(raw, 'certificate')) return { certificates: [raw], crls: [] };
  if (parses(raw, 'crl')) return { certificates: [], crls: [raw] };
  const parsed = asn1js.fromBER(toArrayBuffer(raw));
  if (parsed.offset === -1 || parsed.result.error) return null;
  return fromPkcs7(parsed.result);
}

/**
 * Every certificate and CRL in a file's bytes. Throws CERT_MALFORMED naming `path` when the
 * file holds neither, or when a PEM block that says it is a certificate or CRL is not one.
 */
export function readTrustMaterial(bytes: Uint8Array, path: string): TrustMaterial {
  const bad = (detail: string, cause?: unknown) =>
    new HosoError('CERT_MALFORMED', { params: { path, detail }, cause });
  const text = Buffer.from(bytes).toString('latin1');
  const certificates: Uint8Array[] = [];
  const crls: Uint8Array[] = [];
  try {
    if (text.includes('-----BEGIN ')) {
      for (const m of text.matchAll(PEM_BLOCK)) {
        const label = m[1]!;
        if (!CERTIFICATE_LABELS.has(label) && !CRL_LABELS.has(label) && !PKCS7_LABELS.has(label))
          continue;
        const der = new Uint8Array(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64'));
        const found = fromDer(der);
        const wanted = CERTIFICATE_LABELS.has(label)
          ? found?.certificates.length
          : CRL_LABELS.has(label)
            ? found?.crls.length
            : found && found.certificates.length + found.crls.length;
        if (!found || !wanted) throw bad(`the PEM block "${label}" is not valid`);
        certificates.push(...found.certificates);
        crls.push(...found.crls);
      }
    } else {
      const found = fromDer(bytes);
      if (found) {
        certificates.push(...found.certificates);
        crls.push(...found.crls);
      }
    }
  } catch (e) {
    if (e instanceof HosoError) throw e;
    throw bad(describeCause(e), e);
  }
  if (certificates.length === 0 && crls.length === 0)
    throw bad('no certificate or CRL found (PEM, DER or .p7b expected)');
  return { certificates, crls };
}

/** All certificates in a file's bytes. Throws CERT_MALFORMED naming `path`. */
export function certificatesFromFile(bytes: Uint8Array, path: string): Uint8Array[] {
  const material = readTrustMaterial(bytes, path);
  if (material.certificates.length === 0)
    throw new HosoError('CERT_MALFORMED', {
      params: { path, detail: 'no certificate found (the file holds only CRLs)' },
    });
  return [...material.certificates];
}
