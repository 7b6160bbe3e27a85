/**
 * The fixed landmarks of a PDF file (ISO 32000-1 §7.5): the `%PDF-x.y` header (§7.5.2) and the
 * `startxref` offset near the end (§7.5.5).
 *
 * Junk before the header is tolerated up to 1024 bytes (the allowance Adobe's PDF Reference 1.7,
 * Appendix H, documents for Acrobat), and so is junk after `%%EOF`: `startxref` is looked for
 * backwards from the end over the last megabyte.
 */
import { HosoError } from '../kernel/index.js';
import { ascii, indexOfBytes, searchBackward } from './byte-search.js';
import { isDigit } from './char-classes.js';
import { objectHeaderAt } from './header-scan.js';
import type { SourceReader } from './source-reader.js';

export interface PdfHeader {
  /** The version in the header, e.g. "1.7" (the catalog's /Version may override it, §7.2.2). */
  readonly version: string;
  /** Offset of `%PDF-`. */
  readonly offset: number;
}

const HEADER = ascii('%PDF-');
const STARTXREF = ascii('startxref');
const MAX_JUNK = 1024;
const TAIL_SEARCH = 1024 * 1024;

export function readHeader(reader: SourceReader): PdfHeader {
  const buf = reader.read(0, MAX_JUNK + HEADER.length + 16);
  const at = indexOfBytes(buf, HEADER);
  if (at < 0 || at > MAX_JUNK) throw new HosoError('NOT_A_PDF', { params: { path: '<input>' } });
  let version = '';
  for (let i = at + HEADER.length; i < buf.length && version.length < 8; i++) {
    const b = buf[i]!;
    if (!isDigit(b) && b !== 0x2e) break;
    version += String.fromCharCode(b);
  }
  return { version, offset: at };
}

/**
 * The last `startxref` keyword and the offset after it, or undefined if there is none (or no
 * number follows it).
 */
const OBJ = ascii('obj');

/**
 * Whether an indirect object (`N G obj`) lies after the final `startxref` found — an
 * incremental update whose own cross-reference section and trailer are missing, as in a file
 * cut short after signing. Reading the chain from that older `startxref` would silently drop the
 * update (and its signature); the caller reconstructs the file instead.
 */
export function hasObjectsAfter(reader: SourceReader, keywordAt: number): boolean {
  const from = keywordAt + STARTXREF.length;
  const length = Math.min(reader.size - from, TAIL_SEARCH);
  if (length <= 0) return false;
  const buf = reader.read(from, length);
  for (let i = indexOfBytes(buf, OBJ); i >= 0; i = indexOfBytes(buf, OBJ, i + 1))
    if (objectHeaderAt(buf, i) !== undefined) return true;
  return false;
}

export function readStartxref(
  reader: SourceReader,
): { offset: number; keywordAt: number } | undefined {
  const at = searchBackward(reader, STARTXREF, reader.size, reader.size - TAIL_SEARCH);
  if (at < 0) return undefined;
  const lx = reader.lexerAt(at + STARTXREF.length, 64);
  try {
    const t = lx.next();
    return t.type === 'number' && t.integer && t.value >= 0
      ? { offset: t.value, keywordAt: at }
      : undefined;
  } catch {
    return undefined;
  }
}
