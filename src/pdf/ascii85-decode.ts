/**
 * ASCII85Decode (ISO 32000-1 §7.4.3): groups of five characters `!`..`u` give four bytes, `z`
 * gives four zero bytes, `~>` ends the data, white space is ignored. A final partial group of
 * n characters gives n − 1 bytes (padded with `u` as the clause says).
 */
import { ByteBuilder } from './byte-builder.js';
import { isWhite } from './char-classes.js';
import { malformed } from './pdf-errors.js';

export function ascii85Decode(data: Uint8Array, maxBytes: number): Uint8Array {
  const out = new ByteBuilder((data.length * 4) / 5 + 4, maxBytes);
  const group = [0, 0, 0, 0, 0];
  let n = 0;
  const flush = (count: number): void => {
    let v = 0;
    for (let k = 0; k < 5; k++) v = v * 85 + (k < count ? group[k]! : 84);
    if (v > 0xffffffff) throw malformed('ASCII85Decode group out of range');
    const bytes = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    for (let k = 0; k < count - 1; k++) out.byte(bytes[k]!);
  };
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x7e) break; // `~` of the `~>` end marker
    if (isWhite(b)) continue;
    if (b === 0x7a && n === 0) {
      for (let k = 0; k < 4; k++) out.byte(0);
      continue;
    }
    if (b < 0x21 || b > 0x75)
      throw malformed(`invalid byte 0x${b.toString(16)} in ASCII85Decode data`);
    group[n++] = b - 0x21;
    if (n === 5) {
      flush(5);
      n = 0;
    }
  }
  if (n === 1) throw malformed('ASCII85Decode data ends with a single character');
  if (n > 1) flush(n);
  return out.toBytes();
}
