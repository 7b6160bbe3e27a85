/**
 * Cross-reference streams (ISO 32000-1 §7.5.8): a stream of fixed-width binary rows, widths in
 * /W, object number ranges in /Index (default [0 /Size]). Field 1 is the type (default 1 when its
 * width is 0): 0 free, 1 at a byte offset, 2 in an object stream; any other type is a reference
 * to the null object (§7.5.8.3) and is skipped.
 */
import type { PdfDict } from './objects.js';
import { malformed } from './pdf-errors.js';
import type { XrefSink } from './xref-entry.js';

/** True when `dict` is (or plausibly is) a cross-reference stream dictionary. */
export function isXrefStreamDict(dict: PdfDict): boolean {
  const type = dict.getName('Type');
  return type === 'XRef' || (type === undefined && Array.isArray(dict.get('W')));
}

/** The widths of the three fields, validated. */
function widths(dict: PdfDict): [number, number, number] {
  const w = dict.get('W');
  if (!Array.isArray(w) || w.length < 3)
    throw malformed('cross-reference stream without a valid /W');
  const out = w
    .slice(0, 3)
    .map((v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : -1));
  if (out.some((v) => v < 0 || v > 8)) throw malformed('cross-reference stream /W out of range');
  return out as [number, number, number];
}

/** The expected length of the decoded data, for bounding the decoder. */
export function xrefStreamDataBound(dict: PdfDict): number {
  const [a, b, c] = widths(dict);
  let rows = 0;
  for (const [, count] of subsections(dict)) rows += count;
  return rows * (a + b + c);
}

function subsections(dict: PdfDict): [number, number][] {
  const size = dict.getNumber('Size') ?? 0;
  const index = dict.get('Index');
  const pairs: [number, number][] = [];
  if (Array.isArray(index)) {
    for (let i = 0; i + 1 < index.length; i += 2) {
      const s = index[i];
      const n = index[i + 1];
      if (typeof s === 'number' && typeof n === 'number' && s >= 0 && n >= 0) pairs.push([s, n]);
    }
  } else {
    pairs.push([0, size]);
  }
  return pairs;
}

/** Passes every entry of a cross-reference stream (`data` already decoded) to `sink`. */
export function readXrefStreamEntries(dict: PdfDict, data: Uint8Array, sink: XrefSink): void {
  const [w1, w2, w3] = widths(dict);
  const row = w1 + w2 + w3;
  if (row === 0) return;
  let pos = 0;
  const field = (width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let v = 0;
    for (let k = 0; k < width; k++) v = v * 256 + data[pos + k]!;
    pos += width;
    return v;
  };
  for (const [start, count] of subsections(dict)) {
    for (let i = 0; i < count; i++) {
      if (pos + row > data.length) return; // truncated data: keep the complete rows
      const type = field(w1, 1);
      const f2 = field(w2, 0);
      const f3 = field(w3, 0);
      const num = start + i;
      if (type === 0) sink(num, { type: 'free', nextFree: f2, gen: f3 });
      else if (type === 1) sink(num, { type: 'offset', offset: f2, gen: f3 });
      else if (type === 2) sink(num, { type: 'compressed', streamNum: f2, index: f3 });
    }
  }
}
