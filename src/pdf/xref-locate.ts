/**
 * Finding the cross-reference section an offset (startxref, /Prev, /XRefStm) points at.
 * §7.5.5 wants the exact byte offset of `xref` or of the stream's `N G obj`; real files are often
 * off by a few bytes (a stripped or added CR), point at the white space before the keyword, or
 * count from the `%PDF-` header rather than from the start of a file that has junk in front. We
 * try the offset, the offset plus the header's position, then the nearest section within 1 KiB.
 */
import { ascii, indexOfBytes } from './byte-search.js';
import { isRegular, isWhite } from './char-classes.js';
import { isKeywordAt, objectHeaderAt } from './header-scan.js';
import { readIndirectObjectAt } from './indirect-object-reader.js';
import { PdfStream } from './objects.js';
import type { SourceReader } from './source-reader.js';
import { isXrefStreamDict } from './xref-stream.js';

export type XrefKind = 'table' | 'stream';

export interface XrefLocation {
  readonly offset: number;
  readonly kind: XrefKind;
  /** False when the section was found by searching near the offset, not at it. */
  readonly exact: boolean;
}

const XREF = ascii('xref');
const OBJ = ascii('obj');
const NEAR = 1024;

export function locateXrefSection(
  reader: SourceReader,
  offset: number,
  headerOffset: number,
): XrefLocation | undefined {
  if (!Number.isInteger(offset) || offset < 0) return undefined;
  const exact =
    probe(reader, offset) ?? (headerOffset > 0 ? probe(reader, offset + headerOffset) : undefined);
  if (exact !== undefined) return exact;
  const from = Math.max(0, offset - NEAR);
  const buf = reader.read(from, offset + NEAR - from);
  const candidates: number[] = [];
  for (let i = indexOfBytes(buf, XREF); i >= 0; i = indexOfBytes(buf, XREF, i + 1)) {
    if (isKeywordAt(buf, i, XREF)) candidates.push(from + i);
  }
  for (let i = indexOfBytes(buf, OBJ); i >= 0; i = indexOfBytes(buf, OBJ, i + 1)) {
    const h = objectHeaderAt(buf, i);
    if (h !== undefined && (h.start > 0 || from === 0)) candidates.push(from + h.start);
  }
  candidates.sort((a, b) => Math.abs(a - offset) - Math.abs(b - offset));
  for (const c of candidates) {
    const found = probe(reader, c);
    if (found !== undefined) return { ...found, exact: false };
  }
  return undefined;
}

/** What section starts at `pos`, after at most a little white space. */
function probe(reader: SourceReader, pos: number): XrefLocation | undefined {
  if (pos >= reader.size) return undefined;
  const buf = reader.read(pos, 64);
  let i = 0;
  while (i < buf.length - 4 && isWhite(buf[i]!)) i++;
  // The byte before must end a token, or "startxref" would read as "xref" and "10 0 obj" as
  // "0 0 obj".
  const before = i > 0 ? buf[i - 1]! : reader.byteAt(pos - 1);
  if (before >= 0 && isRegular(before)) return undefined;
  if (isKeywordAt(buf, i, XREF) && (i + 4 < buf.length || pos + i + 4 === reader.size)) {
    return { offset: pos + i, kind: 'table', exact: true };
  }
  try {
    const io = readIndirectObjectAt(reader, pos + i);
    if (io.obj instanceof PdfStream && isXrefStreamDict(io.obj.dict))
      return { offset: pos + i, kind: 'stream', exact: true };
  } catch {
    // not an object: not a section here
  }
  return undefined;
}
