/**
 * Byte classes of ISO 32000-1 §7.2.2: white-space characters (Table 1) and delimiters
 * (Table 2). Everything else is a regular character. Tables, not comparisons, because the lexer
 * asks for every byte.
 */

const WHITE = new Uint8Array(256);
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) WHITE[b] = 1;

const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export function isWhite(b: number): boolean {
  return WHITE[b] === 1;
}

export function isDelimiter(b: number): boolean {
  return DELIM[b] === 1;
}

export function isRegular(b: number): boolean {
  return WHITE[b] !== 1 && DELIM[b] !== 1;
}

export function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** The value of a hexadecimal digit, or -1. */
export function hexValue(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  return -1;
}

export const CR = 0x0d;
export const LF = 0x0a;
