/**
 * What an original is, told by its first bytes, never by its name: a scanner or a user may
 * name a PNG "scan.jpg", and the copy must embed what the bytes are.
 *
 * - PDF: `%PDF-` within the first 1024 bytes (ISO 32000-1 §7.5.2; readers accept a few bytes of
 *   junk before the header, and so does src/pdf).
 * - JPEG: the SOI marker followed by another marker, `FF D8 FF` (ITU-T T.81 §B.1.1.2).
 * - PNG: the 8-byte signature `89 50 4E 47 0D 0A 1A 0A` (ISO/IEC 15948 §5.2).
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PDF_HEADER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
/** How far into the file the PDF header may start (as src/pdf's header scan allows). */
const PDF_HEADER_WINDOW = 1024;

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/**
 * The kind of an original from its first bytes (`head`: at least the first 1024 bytes when the
 * file is that long), or null when it is none of PDF, JPEG, PNG. `name` is only the input's
 * label; the decision is made on the bytes alone.
 */
export function detectOriginalKind(_name: string, head: Uint8Array): 'pdf' | 'jpeg' | 'png' | null {
  if (startsWith(head, PNG_SIGNATURE)) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  const limit = Math.min(head.length, PDF_HEADER_WINDOW) - PDF_HEADER.length;
  for (let i = 0; i <= limit; i++) {
    if (head[i] === 0x25 && startsWith(head, PDF_HEADER, i)) return 'pdf';
  }
  return null;
}
