/**
 * The legacy PDF SubFilter adbe.pkcs7.sha1 (ISO 32000-1 §12.8.3.3.1): the CMS is enveloping and
 * its id-data content is the SHA-1 digest of the ByteRange; the SignerInfo signs that content.
 * Verifying it takes two steps, done by the caller:
 *   1. `pkcs7Sha1Content(parsed)` must equal SHA-1(ByteRange)   → integrity of the PDF bytes;
 *   2. `verifySigner(parsed, signer, { contentDigest: (a) => digestOf(a, content) })` → the
 *      signature over that 20-byte content (its message-digest, or its DigestInfo).
 * SHA-1 itself is a policy matter (src/trust), not a reason to refuse reading.
 */
import { OID } from './oids.js';
import type { ParsedSignedData } from './signed-data-parser.js';

/** The encapsulated SHA-1 digest, or null when the SignedData does not carry id-data content. */
export function pkcs7Sha1Content(parsed: ParsedSignedData): Uint8Array | null {
  if (parsed.eContentType !== OID.data || parsed.eContent === null) return null;
  return parsed.eContent;
}
