/**
 * Reading certificates as operators have them: PEM (one or many blocks), DER, and PKCS#7
 * certificate bundles (.p7b/.p7c, PEM or DER; RFC 5652 SignedData with no signers).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { HosoError, describeCause, toArrayBuffer } from '../kernel/index.js';

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

function fromPkcs7(der: Uint8Array): Uint8Array[] {
  const info = pkijs.ContentInfo.fromBER(toArrayBuffer(der));
  const signed = new pkijs.SignedData({ schema: info.content });
  return (signed.certificates ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new Uint8Array(c.toSchema().toBER()));
}

function isCertificate(der: Uint8Array): boolean {
  const parsed = asn1js.fromBER(toArrayBuffer(der));
  if (parsed.offset === -1) return false;
  try {
    pkijs.Certificate.fromBER(toArrayBuffer(der));
    return true;
  } catch {
    return false;
  }
}

/** All certificates in a file's bytes, DER-encoded. Throws CERT_MALFORMED naming `path`. */
export function certificatesFromFile(bytes: Uint8Array, path: string): Uint8Array[] {
  const bad = (detail: string, cause?: unknown) =>
    new HosoError('CERT_MALFORMED', { params: { path, detail }, cause });
  const text = Buffer.from(bytes).toString('latin1');
  const ders: Uint8Array[] = [];
  try {
    if (text.includes('-----BEGIN ')) {
      for (const m of text.matchAll(PEM_BLOCK)) {
        const der = new Uint8Array(Buffer.from(m[2]!.replace(/\s+/g, ''), 'base64'));
        if (m[1] === 'CERTIFICATE' || m[1] === 'X509 CERTIFICATE' || m[1] === 'TRUSTED CERTIFICATE')
          ders.push(der);
        else if (m[1] === 'PKCS7') ders.push(...fromPkcs7(der));
      }
    } else if (isCertificate(bytes)) {
      ders.push(bytes);
    } else {
      ders.push(...fromPkcs7(bytes));
    }
  } catch (e) {
    throw bad(describeCause(e), e);
  }
  if (ders.length === 0) throw bad('no certificate found');
  for (const d of ders) if (!isCertificate(d)) throw bad('not an X.509 certificate');
  return ders;
}
