/**
 * ASCIIHexDecode (ISO 32000-1 §7.4.2): pairs of hex digits, white space ignored, `>` ends the
 * data, a missing final digit counts as 0.
 */
import { ByteBuilder } from './byte-builder.js';
import { hexValue, isWhite } from './char-classes.js';
import { malformed } from './pdf-errors.js';

export function asciiHexDecode(data: Uint8Array, maxBytes: number): Uint8Array {
  const out = new ByteBuilder(data.length >> 1, maxBytes);
  let high = -1;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x3e) break;
    if (isWhite(b)) continue;
    const v = hexValue(b);
    if (v < 0) throw malformed(`invalid byte 0x${b.toString(16)} in ASCIIHexDecode data`);
    if (high < 0) {
      high = v;
    } else {
      out.byte(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) out.byte(high * 16);
  return out.toBytes();
}
