/**
 * The chain of cross-reference sections, newest first: startxref, then each trailer's /Prev
 * (§7.5.6, incremental updates), with /XRefStm of hybrid-reference files (§7.5.8.4) read as
 * part of the section that names it. The result is one merged `XrefIndex`.
 *
 * Within a hybrid section the table's own in-use entries come first, then the entries of the
 * /XRefStm stream, then the table's free entries: writers mark the objects they hide in the
 * stream as free in the table so that PDF 1.4 readers skip them (§7.5.8.4), and those free
 * entries must not hide the stream's entries from us.
 *
 * Any failure (a section that cannot be found or read, a /Prev loop is not a failure) throws;
 * the file layer then falls back to reconstruction.
 */
import { decodeStreamData } from './filters.js';
import { Lexer } from './lexer.js';
import { readIndirectObjectAt } from './indirect-object-reader.js';
import type { PdfDict } from './objects.js';
import { PdfStream } from './objects.js';
import { malformed } from './pdf-errors.js';
import type { SourceReader } from './source-reader.js';
import type { XrefEntry, XrefSink } from './xref-entry.js';
import { XrefIndex } from './xref-index.js';
import { locateXrefSection, type XrefKind } from './xref-locate.js';
import { readXrefStreamEntries, isXrefStreamDict, xrefStreamDataBound } from './xref-stream.js';
import { readXrefTable } from './xref-table.js';

export interface XrefSection {
  /** Where the section really starts (`xref`, or the stream's `N G obj`). */
  readonly offset: number;
  readonly kind: XrefKind;
  /** The trailer dictionary, or the cross-reference stream's dictionary. */
  readonly trailer: PdfDict;
  /** Offset just after the trailer dictionary, or after the stream's `endobj`. */
  readonly end: number;
}

export interface XrefChain {
  /** Newest first. */
  readonly sections: readonly XrefSection[];
  readonly index: XrefIndex;
}

/** More sections than this is a loop or an attack, not a document history. */
const MAX_SECTIONS = 100_000;

/** The `startxref` at the end of the file: the offset it gives and where the keyword is. */
export interface XrefTail {
  readonly offset: number;
  readonly keywordAt: number;
}

export function loadXrefChain(
  reader: SourceReader,
  tail: XrefTail,
  headerOffset: number,
): XrefChain {
  const index = new XrefIndex();
  const sections: XrefSection[] = [];
  const visited = new Set<number>();
  let next: number | undefined = tail.offset;
  while (next !== undefined) {
    const at = locateXrefSection(reader, next, headerOffset);
    if (at === undefined) throw malformed('no cross-reference section where the file says', next);
    // A /Prev chain that loops back ends the chain: everything on it has been read.
    if (visited.has(at.offset)) break;
    visited.add(at.offset);
    if (sections.length >= MAX_SECTIONS) {
      throw malformed('too many cross-reference sections', at.offset);
    }
    const read = readSectionEntries(reader, at, headerOffset, (num, entry) =>
      index.setIfAbsent(num, entry),
    );
    // A section found by searching near a wrong startxref must really be the newest one: only
    // white space may lie between its end and the final `startxref`. Otherwise we might have
    // picked an older section and silently dropped the updates after it.
    if (sections.length === 0 && !at.exact && !onlyWhiteSpace(reader, read.end, tail.keywordAt)) {
      throw malformed(
        'startxref does not point at the newest cross-reference section',
        tail.offset,
      );
    }
    sections.push({ offset: at.offset, kind: at.kind, trailer: read.trailer, end: read.end });
    const prev = read.trailer.get('Prev');
    next = typeof prev === 'number' ? prev : undefined;
  }
  return { sections, index };
}

/**
 * Reads one section (a table with its /XRefStm stream, or a cross-reference stream) and passes
 * its entries to `sink` in precedence order for a first-wins merge: a table's in-use entries,
 * then the /XRefStm stream's entries, then the table's free entries (see the file comment).
 * Returns the trailer (or stream dictionary) and the offset just after the section.
 */
export function readSectionEntries(
  reader: SourceReader,
  at: { readonly offset: number; readonly kind: XrefKind },
  headerOffset: number,
  sink: XrefSink,
): { trailer: PdfDict; end: number } {
  if (at.kind === 'stream') return readXrefStreamSection(reader, at.offset, sink);
  const deferredFree: [number, XrefEntry][] = [];
  const read = readXrefTable(reader, at.offset, (num, entry) => {
    if (entry.type === 'free') deferredFree.push([num, entry]);
    else sink(num, entry);
  });
  const stm = read.trailer.get('XRefStm');
  if (typeof stm === 'number') {
    const hidden = locateXrefSection(reader, stm, headerOffset);
    if (hidden === undefined || hidden.kind !== 'stream') {
      throw malformed('no cross-reference stream where /XRefStm says', stm);
    }
    readXrefStreamSection(reader, hidden.offset, sink);
  }
  for (const [num, entry] of deferredFree) sink(num, entry);
  return read;
}

function onlyWhiteSpace(reader: SourceReader, from: number, to: number): boolean {
  if (to < from || to - from > 4096) return false;
  return new Lexer(reader.read(from, to - from)).next().type === 'eof';
}

/**
 * Reads the cross-reference stream object at `offset`; returns its dictionary and the offset
 * after the object.
 */
function readXrefStreamSection(
  reader: SourceReader,
  offset: number,
  sink: XrefSink,
): { trailer: PdfDict; end: number } {
  const io = readIndirectObjectAt(reader, offset);
  const s = io.obj;
  if (!(s instanceof PdfStream) || !isXrefStreamDict(s.dict)) {
    throw malformed('expected a cross-reference stream', offset);
  }
  const dataEnd = (s.sourceOffset ?? 0) + (s.sourceLength ?? 0);
  const raw = reader.read(s.sourceOffset ?? 0, s.sourceLength ?? 0);
  // The decoded size is known from /W and /Index; allow some slack for padding writers add.
  const data = decodeStreamData(raw, s.dict, xrefStreamDataBound(s.dict) + 64 * 1024);
  readXrefStreamEntries(s.dict, data, sink);
  return { trailer: s.dict, end: objectEnd(reader, dataEnd) };
}

/** The offset after `endstream` and `endobj` (either may be missing) following stream data. */
function objectEnd(reader: SourceReader, dataEnd: number): number {
  const lx = reader.lexerAt(dataEnd, 64);
  let end = dataEnd;
  for (const kw of ['endstream', 'endobj']) {
    const t = lx.next();
    if (t.type !== 'keyword' || t.value !== kw) break;
    end = lx.offset;
  }
  return end;
}
