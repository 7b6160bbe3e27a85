/**
 * Rebuilding the cross-reference of a damaged file by scanning it, as poppler and pdf.js do when
 * startxref, a /Prev or an xref section is unusable: every `N G obj` header found indexes object
 * N (a later header wins, as a later incremental update would), every object stream found adds
 * the objects it holds (uncompressed copies win), and every `trailer` dictionary and
 * cross-reference stream dictionary becomes a trailer candidate for the file layer to choose
 * from. `%%EOF` markers give the revisions.
 *
 * Limits: headers are recognised by their bytes, so an `N G obj` inside binary stream data (an
 * embedded PDF, say) is taken for an object if it parses as one — the same weakness the other
 * readers accept.
 */
import { ascii, indexOfBytes } from './byte-search.js';
import { decodeStreamData } from './filters.js';
import { isKeywordAt, objectHeaderAt } from './header-scan.js';
import { readIndirectObjectAt } from './indirect-object-reader.js';
import { ObjectStream } from './object-stream.js';
import { PdfDict, PdfStream, type PdfObject } from './objects.js';
import { Parser } from './parser.js';
import { eofEnd, type Revision } from './revisions.js';
import type { SourceReader } from './source-reader.js';
import { XrefIndex } from './xref-index.js';
import type { XrefKind, XrefLocation } from './xref-locate.js';
import { isXrefStreamDict } from './xref-stream.js';

export interface Reconstruction {
  readonly index: XrefIndex;
  /** Trailer candidates in file order: `trailer` dictionaries and xref stream dictionaries. */
  readonly trailers: readonly PdfDict[];
  /** Cross-reference sections found, in file order. */
  readonly sections: readonly XrefLocation[];
  readonly revisions: readonly Revision[];
}

const SCAN_CHUNK = 1 << 20;
/** Overlap between scan windows, longer than any `N G obj` header or keyword we look for. */
const OVERLAP = 64;
const MAX_OBJECT_STREAM_BYTES = 256 * 1024 * 1024;

const OBJ = ascii('obj');
const TRAILER = ascii('trailer');
const XREF = ascii('xref');
const EOF_MARKER = ascii('%%EOF');

export function reconstructXref(reader: SourceReader): Reconstruction {
  const headers = new Map<number, number>();
  const trailerOffsets: number[] = [];
  const tableOffsets: number[] = [];
  const eofs: { markerEnd: number; end: number }[] = [];
  for (let pos = 0; pos < reader.size; pos += SCAN_CHUNK) {
    const from = Math.max(0, pos - OVERLAP);
    const buf = reader.read(from, pos + SCAN_CHUNK + OVERLAP - from);
    const own = (i: number): boolean => from + i >= pos && from + i < pos + SCAN_CHUNK;
    for (let i = indexOfBytes(buf, OBJ); i >= 0; i = indexOfBytes(buf, OBJ, i + 3)) {
      const h = objectHeaderAt(buf, i);
      if (h !== undefined && own(h.start) && (h.start > 0 || from === 0)) {
        headers.delete(h.num); // re-insert so that the map stays in file order of the winners
        headers.set(h.num, from + h.start);
      }
    }
    for (let i = indexOfBytes(buf, TRAILER); i >= 0; i = indexOfBytes(buf, TRAILER, i + 1)) {
      if (own(i) && isKeywordAt(buf, i, TRAILER)) trailerOffsets.push(from + i);
    }
    for (let i = indexOfBytes(buf, XREF); i >= 0; i = indexOfBytes(buf, XREF, i + 1)) {
      if (own(i) && isKeywordAt(buf, i, XREF)) tableOffsets.push(from + i);
    }
    for (let i = indexOfBytes(buf, EOF_MARKER); i >= 0; i = indexOfBytes(buf, EOF_MARKER, i + 1)) {
      if (own(i))
        eofs.push({ markerEnd: from + i + EOF_MARKER.length, end: eofEnd(reader, from + i) });
    }
  }

  const index = new XrefIndex();
  const objectStreams: { num: number; offset: number }[] = [];
  const xrefStreams: { offset: number; dict: PdfDict }[] = [];
  for (const [num, offset] of headers) {
    let obj: PdfObject;
    try {
      const io = new Parser(reader.lexerAt(offset)).parseIndirectObject();
      if (io.num !== num) continue;
      obj = io.obj;
      index.setIfAbsent(num, { type: 'offset', offset, gen: io.gen });
    } catch {
      continue; // not an object after all
    }
    if (obj instanceof PdfStream) {
      if (obj.dict.getName('Type') === 'ObjStm') objectStreams.push({ num, offset });
      else if (isXrefStreamDict(obj.dict)) xrefStreams.push({ offset, dict: obj.dict });
    }
  }

  const resolveLength = (ref: { num: number }): PdfObject | undefined => {
    const at = headers.get(ref.num);
    if (at === undefined) return undefined;
    try {
      return new Parser(reader.lexerAt(at)).parseIndirectObject().obj;
    } catch {
      return undefined;
    }
  };
  // Newest (latest in the file) first, so that its copy of an object wins.
  for (const { num, offset } of objectStreams.reverse()) {
    try {
      const io = readIndirectObjectAt(reader, offset, resolveLength);
      const s = io.obj as PdfStream;
      const raw = reader.read(s.sourceOffset ?? 0, s.sourceLength ?? 0);
      const data = decodeStreamData(raw, s.dict, MAX_OBJECT_STREAM_BYTES);
      const os = new ObjectStream(data, s.dict.getNumber('N') ?? 0, s.dict.getNumber('First') ?? 0);
      os.objectNumbers().forEach((n, i) =>
        index.setIfAbsent(n, { type: 'compressed', streamNum: num, index: i }),
      );
    } catch {
      // an unreadable object stream contributes nothing
    }
  }

  const trailers: { offset: number; dict: PdfDict }[] = xrefStreams.slice();
  for (const offset of trailerOffsets) {
    try {
      const lx = reader.lexerAt(offset);
      lx.next();
      const dict = new Parser(lx).parseObject();
      if (dict instanceof PdfDict) trailers.push({ offset, dict });
    } catch {
      // a damaged trailer is no candidate
    }
  }
  trailers.sort((a, b) => a.offset - b.offset);

  const sections: XrefLocation[] = [
    ...tableOffsets.map((offset) => ({ offset, kind: 'table' as XrefKind, exact: true })),
    ...xrefStreams.map(({ offset }) => ({ offset, kind: 'stream' as XrefKind, exact: true })),
  ].sort((a, b) => a.offset - b.offset);

  return {
    index,
    trailers: trailers.map((t) => t.dict),
    sections,
    revisions: revisionsFromMarkers(reader, sections, eofs),
  };
}

/** One revision per `%%EOF`, with the last section found before it (and after the previous one). */
function revisionsFromMarkers(
  reader: SourceReader,
  sections: readonly XrefLocation[],
  eofs: readonly { markerEnd: number; end: number }[],
): Revision[] {
  const ends = eofs.length > 0 ? eofs : [{ markerEnd: reader.size, end: reader.size }];
  const out: Revision[] = [];
  let start = 0;
  for (const { markerEnd, end } of ends) {
    let last: XrefLocation | undefined;
    for (const s of sections) if (s.offset >= start && s.offset < end) last = s;
    out.push({
      index: out.length,
      xrefOffset: last?.offset ?? -1,
      end,
      markerEnd,
      kind: last?.kind ?? 'table',
    });
    start = end;
  }
  return out;
}
