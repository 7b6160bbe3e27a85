/**
 * Where a stream's data ends (ISO 32000-1 §7.3.8.1): /Length bytes after the data start,
 * followed by an end-of-line marker and `endstream`. /Length is often wrong in real files
 * (edited by hand, written before compression, an indirect object that is itself broken); like
 * other readers we check that `endstream` follows and otherwise look for it.
 */
import { ascii, searchForward } from './byte-search.js';
import { CR, LF, isWhite } from './char-classes.js';
import type { SourceReader } from './source-reader.js';

const ENDSTREAM = ascii('endstream');
/** White space tolerated between the data (per /Length) and `endstream`. */
const SLACK = 32;

/**
 * The length of the data starting at `dataStart`: `declared` if `endstream` follows it (after
 * white space), else the distance to the next `endstream` less one end-of-line marker, else
 * `declared` clipped to the input, else the rest of the input.
 */
export function streamLength(
  reader: SourceReader,
  dataStart: number,
  declared: number | undefined,
): number {
  if (
    declared !== undefined &&
    Number.isInteger(declared) &&
    declared >= 0 &&
    dataStart + declared <= reader.size
  ) {
    if (endstreamFollows(reader, dataStart + declared)) return declared;
  }
  const at = searchForward(reader, ENDSTREAM, dataStart);
  if (at >= 0) {
    let end = at;
    if (end > dataStart && reader.byteAt(end - 1) === LF) end--;
    if (end > dataStart && reader.byteAt(end - 1) === CR) end--;
    return end - dataStart;
  }
  if (declared !== undefined && declared >= 0) return Math.min(declared, reader.size - dataStart);
  return reader.size - dataStart;
}

function endstreamFollows(reader: SourceReader, pos: number): boolean {
  const buf = reader.read(pos, SLACK + ENDSTREAM.length);
  let i = 0;
  while (i < buf.length && i < SLACK && isWhite(buf[i]!)) i++;
  if (buf.length - i < ENDSTREAM.length) return false;
  for (let k = 0; k < ENDSTREAM.length; k++) if (buf[i + k] !== ENDSTREAM[k]) return false;
  return true;
}
