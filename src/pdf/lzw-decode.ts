/**
 * LZWDecode (ISO 32000-1 §7.4.4.2): variable-length codes of 9 to 12 bits, MSB first, 256 =
 * clear table, 257 = end of data. /EarlyChange 1 (the default) widens codes one entry early.
 * The table is kept as prefix links, so each code costs three numbers rather than a string.
 */
import { ByteBuilder } from './byte-builder.js';

export function lzwDecode(data: Uint8Array, earlyChange: number, maxBytes: number): Uint8Array {
  const out = new ByteBuilder(data.length * 2, maxBytes);
  const prefix = new Int32Array(4096);
  const suffix = new Uint8Array(4096);
  const first = new Uint8Array(4096);
  const length = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) {
    prefix[i] = -1;
    suffix[i] = i;
    first[i] = i;
    length[i] = 1;
  }
  let next = 258;
  let width = 9;
  let prev = -1;
  let bitBuf = 0;
  let bitCount = 0;
  let pos = 0;

  const emit = (code: number): void => {
    const len = length[code]!;
    const buf = out.reserve(len);
    const at = out.length;
    let c = code;
    for (let k = len - 1; k >= 0; k--) {
      buf[at + k] = suffix[c]!;
      c = prefix[c]!;
    }
    out.advance(len);
  };

  for (;;) {
    while (bitCount < width && pos < data.length) {
      bitBuf = ((bitBuf << 8) | data[pos++]!) >>> 0;
      bitCount += 8;
    }
    if (bitCount < width) break;
    const code = (bitBuf >>> (bitCount - width)) & ((1 << width) - 1);
    bitCount -= width;
    bitBuf &= (1 << bitCount) - 1;
    if (code === 256) {
      next = 258;
      width = 9;
      prev = -1;
      continue;
    }
    if (code === 257) break;
    if (prev === -1) {
      if (code > 255) break; // not a valid first code: stop like other readers do
      emit(code);
      prev = code;
      continue;
    }
    // The new entry is prev + first byte of `code`; when `code` is the entry being defined right
    // now (the KwKwK case), that first byte is prev's own first byte.
    let firstByte: number;
    if (code < next) firstByte = first[code]!;
    else if (code === next && next < 4096) firstByte = first[prev]!;
    else break; // corrupt code: keep what was decoded, as other readers do
    if (next < 4096) {
      prefix[next] = prev;
      suffix[next] = firstByte;
      first[next] = first[prev]!;
      length[next] = length[prev]! + 1;
      next++;
    }
    emit(code);
    prev = code;
    if (next + earlyChange >= 1 << width && width < 12) width++;
  }
  return out.toBytes();
}
