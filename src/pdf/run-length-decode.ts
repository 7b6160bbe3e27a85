/**
 * RunLengthDecode (ISO 32000-1 §7.4.5): a length byte 0–127 copies the next length + 1 bytes,
 * 129–255 repeats the next byte 257 − length times, 128 ends the data.
 */
import { ByteBuilder } from './byte-builder.js';

export function runLengthDecode(data: Uint8Array, maxBytes: number): Uint8Array {
  const out = new ByteBuilder(data.length * 2, maxBytes);
  let i = 0;
  while (i < data.length) {
    const len = data[i++]!;
    if (len === 128) break;
    if (len < 128) {
      out.bytes(data.subarray(i, Math.min(data.length, i + len + 1)));
      i += len + 1;
    } else {
      if (i >= data.length) break;
      const b = data[i++]!;
      const count = 257 - len;
      const buf = out.reserve(count);
      buf.fill(b, out.length, out.length + count);
      out.advance(count);
    }
  }
  return out.toBytes();
}
