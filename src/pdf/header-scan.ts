/**
 * Recognising `N G obj` headers (§7.3.10) and keywords at a given place in a window of bytes,
 * without a full parse: what repair needs to find objects and cross-reference sections when the
 * offsets recorded in the file are wrong.
 */
import { isDigit, isRegular, isWhite } from './char-classes.js';

export interface ObjectHeader {
  /** Index (in the window) of the first digit of the object number. */
  readonly start: number;
  readonly num: number;
  readonly gen: number;
}

/** A keyword is bounded by non-regular characters (or the window's ends) on both sides. */
export function isKeywordAt(buf: Uint8Array, i: number, keyword: Uint8Array): boolean {
  if (i < 0 || i + keyword.length > buf.length) return false;
  for (let k = 0; k < keyword.length; k++) if (buf[i + k] !== keyword[k]) return false;
  if (i > 0 && isRegular(buf[i - 1]!)) return false;
  const after = buf[i + keyword.length];
  return after === undefined || !isRegular(after);
}

/** The header whose `obj` keyword starts at `objIndex`, if the bytes before it are `N G `. */
export function objectHeaderAt(buf: Uint8Array, objIndex: number): ObjectHeader | undefined {
  const after = buf[objIndex + 3];
  if (after !== undefined && isRegular(after)) return undefined;
  let p = objIndex - 1;
  if (p < 0 || !isWhite(buf[p]!)) return undefined;
  while (p >= 0 && isWhite(buf[p]!)) p--;
  let genEnd = p + 1;
  let gen = 0;
  let scale = 1;
  while (p >= 0 && isDigit(buf[p]!) && genEnd - p <= 5) {
    gen += (buf[p]! - 0x30) * scale;
    scale *= 10;
    p--;
  }
  if (p + 1 === genEnd || p < 0 || !isWhite(buf[p]!)) return undefined;
  while (p >= 0 && isWhite(buf[p]!)) p--;
  genEnd = p + 1;
  let num = 0;
  scale = 1;
  while (p >= 0 && isDigit(buf[p]!) && genEnd - p <= 10) {
    num += (buf[p]! - 0x30) * scale;
    scale *= 10;
    p--;
  }
  if (p + 1 === genEnd) return undefined;
  if (p >= 0 && isRegular(buf[p]!)) return undefined;
  return { start: p + 1, num, gen };
}
