/**
 * Finding byte sequences: in memory (native `Buffer#indexOf`, no string conversion) and in a
 * source, chunk by chunk, so that looking for `%%EOF`, `endstream` or `startxref` never loads
 * more than a window of the input.
 */
import type { SourceReader } from './source-reader.js';

const SEARCH_CHUNK = 64 * 1024;

function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Index of the first `needle` in `haystack` at or after `from`, or -1. */
export function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from = 0): number {
  return view(haystack).indexOf(view(needle), from);
}

/** Index of the last `needle` in `haystack` starting at or before `from`, or -1. */
export function lastIndexOfBytes(
  haystack: Uint8Array,
  needle: Uint8Array,
  from: number = haystack.length,
): number {
  if (from < 0) return -1;
  return view(haystack).lastIndexOf(view(needle), from);
}

/**
 * Where a placeholder (typically the bytes of a `PdfRaw`) sits in serialised output, or -1.
 * `IncrementalUpdate.build` already reports `rawOffsets`; this is for bytes built otherwise.
 */
export function findPlaceholder(bytes: Uint8Array, marker: Uint8Array): number {
  return indexOfBytes(bytes, marker);
}

/** Absolute offset of the first `needle` starting in [from, limit), or -1. */
export function searchForward(
  reader: SourceReader,
  needle: Uint8Array,
  from: number,
  limit: number = reader.size,
): number {
  const end = Math.min(limit, reader.size);
  let pos = Math.max(0, from);
  while (pos < end) {
    const len = Math.min(SEARCH_CHUNK, end - pos) + needle.length - 1;
    const buf = reader.read(pos, len);
    const i = indexOfBytes(buf, needle);
    if (i >= 0 && pos + i < end) return pos + i;
    if (buf.length < needle.length) return -1;
    pos += SEARCH_CHUNK;
  }
  return -1;
}

/** Absolute offset of the last `needle` that ends at or before `before` and starts at or after `limit`, or -1. */
export function searchBackward(
  reader: SourceReader,
  needle: Uint8Array,
  before: number = reader.size,
  limit = 0,
): number {
  let end = Math.min(before, reader.size);
  const floor = Math.max(0, limit);
  while (end - floor >= needle.length) {
    const start = Math.max(floor, end - SEARCH_CHUNK);
    const buf = reader.read(start, end - start);
    const i = lastIndexOfBytes(buf, needle, buf.length - needle.length);
    if (i >= 0) return start + i;
    if (start === floor) return -1;
    end = start + needle.length - 1;
  }
  return -1;
}

/** ASCII text as bytes, for needles and keywords. */
export function ascii(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}
