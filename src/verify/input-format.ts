/**
 * What kind of signed file an input is, from its name and first bytes: PDF (a `%PDF-` header in
 * the first KiB, ISO 32000-1 §7.5.2 tolerates junk before it), CMS SignedData in DER or PEM
 * (`.p7m` enveloping, `.p7s` detached), or something else. Content beats the extension where
 * they disagree, except that `.p7s` says "detached" and `.p7m` says "enveloping".
 */
import type { FileFormat } from '../report/model.js';

const SIGNED_DATA_OID = Uint8Array.of(
  0x06,
  0x09,
  0x2a,
  0x86,
  0x48,
  0x86,
  0xf7,
  0x0d,
  0x01,
  0x07,
  0x02,
);

function indexOf(hay: Uint8Array, needle: Uint8Array, limit: number): number {
  const end = Math.min(hay.length, limit) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

export function looksLikePdf(head: Uint8Array): boolean {
  return indexOf(head, Uint8Array.from(Buffer.from('%PDF-', 'latin1')), 1024) >= 0;
}

/** DER/BER ContentInfo whose contentType is id-signedData, within its first bytes. */
export function looksLikeCms(head: Uint8Array): boolean {
  return head[0] === 0x30 && indexOf(head, SIGNED_DATA_OID, 32) >= 0;
}

export function looksLikePemCms(head: Uint8Array): boolean {
  const text = Buffer.from(head.subarray(0, 64)).toString('latin1');
  return /-----BEGIN (PKCS7|CMS)-----/.test(text);
}

export function detectFormat(name: string, head: Uint8Array): FileFormat {
  const lower = name.toLowerCase();
  if (looksLikePdf(head)) return 'pdf';
  if (lower.endsWith('.p7s')) return 'cms-detached';
  if (lower.endsWith('.p7m')) return 'cms-enveloped';
  // A SignedData under another name: enveloping unless it turns out to carry no content.
  if (looksLikeCms(head) || looksLikePemCms(head)) return 'cms-enveloped';
  return 'unknown';
}

/** The content a detached `.p7s` signs by default: the file of the same name without `.p7s` (CLI.md). */
export function detachedContentName(signatureName: string): string | null {
  return /\.p7s$/i.test(signatureName) ? signatureName.replace(/\.p7s$/i, '') : null;
}

/** Whether a path names a ZIP archive, which `hoso verify` opens (by extension, as portals name them). */
export function isZipArchive(path: string): boolean {
  return /\.zip$/i.test(path);
}
