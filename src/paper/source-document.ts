/**
 * The electronic result read for conversion, once, with pdf-lib (whose object copier then carries
 * its pages into the paper): refused with a HosoError when it is not a PDF, encrypted, unreadable
 * or pageless (`params.path` is the caller's name for it). Nothing is converted from a file we
 * cannot read completely: a partial paper copy would not be "đầy đủ" (Decree 45/2020 Art. 18(2)).
 */
import { PDFDocument } from 'pdf-lib';
import { HosoError, describeCause } from '../kernel/index.js';

/**
 * ISO 32000-1 §7.5.2 puts `%PDF-` first; readers (and Acrobat's implementation notes) accept it
 * anywhere in the first 1024 bytes, after junk some producers prepend.
 */
const HEADER_WINDOW = 1024;

function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEADER_WINDOW));
  return head.includes('%PDF-', 0, 'latin1');
}

function malformed(name: string, detail: string, cause?: unknown): HosoError {
  return new HosoError('PDF_MALFORMED', {
    params: { path: name, detail: `${name}: ${detail}` },
    ...(cause === undefined ? {} : { cause }),
  });
}

export async function loadSource(source: Uint8Array, name: string): Promise<PDFDocument> {
  if (!hasPdfHeader(source)) throw new HosoError('NOT_A_PDF', { params: { path: name } });
  let doc: PDFDocument;
  try {
    // ignoreEncryption: we say "encrypted" ourselves rather than let pdf-lib's English through.
    doc = await PDFDocument.load(source, { ignoreEncryption: true, updateMetadata: false });
  } catch (e) {
    throw malformed(name, describeCause(e), e);
  }
  if (doc.isEncrypted) throw new HosoError('PDF_ENCRYPTED', { params: { path: name } });
  let count: number;
  try {
    count = doc.getPageCount();
  } catch (e) {
    throw malformed(name, `page tree not readable: ${describeCause(e)}`, e);
  }
  if (count === 0) throw new HosoError('PDF_NO_PAGES', { params: { path: name } });
  return doc;
}
