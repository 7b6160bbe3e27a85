/**
 * A classic cross-reference section (ISO 32000-1 §7.5.4) and its trailer (§7.5.5):
 *
 *     xref
 *     0 6
 *     0000000000 65535 f\r\n
 *     0000000017 00000 n\r\n
 *     ...
 *     trailer
 *     << /Size 6 /Root 1 0 R >>
 *
 * Entries are read as tokens, not as fixed 20-byte records, so the common damage of 19- or
 * 21-byte entries (a lone CR or LF, or CR LF after a space) reads fine; a subsection that
 * declares more entries than it has ends at the next subsection header or at `trailer`. The
 * lexer streams through the input, so a table of a million entries never sits in memory whole.
 */
import { PdfDict } from './objects.js';
import { Parser } from './parser.js';
import { malformed } from './pdf-errors.js';
import type { SourceReader } from './source-reader.js';
import type { XrefSink } from './xref-entry.js';

/**
 * Reads the section whose `xref` keyword is at `offset`, passing each entry to `sink`; returns
 * the trailer dictionary and the offset just after it.
 */
export function readXrefTable(
  reader: SourceReader,
  offset: number,
  sink: XrefSink,
): { trailer: PdfDict; end: number } {
  const lx = reader.lexerAt(offset, 64 * 1024);
  const parser = new Parser(lx);
  const kw = lx.next();
  if (kw.type !== 'keyword' || kw.value !== 'xref') throw malformed('expected "xref"', kw.start);
  for (;;) {
    const t = lx.next();
    if (t.type === 'keyword' && t.value === 'trailer') {
      const trailer = parser.parseObject();
      if (!(trailer instanceof PdfDict)) throw malformed('trailer is not a dictionary', t.start);
      return { trailer, end: lx.offset };
    }
    const countTok = lx.next();
    if (t.type !== 'number' || !t.integer || countTok.type !== 'number' || !countTok.integer) {
      throw malformed('expected a cross-reference subsection header or "trailer"', t.start);
    }
    let first = t.value;
    const count = countTok.value;
    for (let i = 0; i < count; i++) {
      const before = lx.offset;
      const a = lx.next();
      if (a.type === 'keyword' && a.value === 'trailer') {
        lx.seek(before);
        break;
      }
      const b = lx.next();
      const c = lx.next();
      const isEntry =
        a.type === 'number' &&
        a.integer &&
        b.type === 'number' &&
        b.integer &&
        c.type === 'keyword' &&
        (c.value === 'n' || c.value === 'f');
      if (!isEntry) {
        // Fewer entries than declared: what follows is the next subsection (or junk, which the
        // header check above then reports).
        lx.seek(before);
        break;
      }
      // A well-known writer bug: the first subsection says "1 n" but starts with the entry of
      // object 0 (free, generation 65535). Other readers renumber it from 0; so do we.
      if (i === 0 && first === 1 && c.value === 'f' && b.value === 65535 && a.value === 0)
        first = 0;
      const num = first + i;
      if (c.value === 'n') sink(num, { type: 'offset', offset: a.value, gen: b.value });
      else sink(num, { type: 'free', nextFree: a.value, gen: b.value });
    }
  }
}
