import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { HosoError } from '../../../src/kernel/index.js';
import type { PdfDict } from '../../../src/pdf/index.js';
import { decodeStreamData, Lexer, Parser } from '../../../src/pdf/index.js';
import { dec, enc } from './pdf-builder.js';

const dict = (s: string): PdfDict => new Parser(new Lexer(enc(s))).parseObject() as PdfDict;
const decode = (data: Uint8Array, d: string, max = 1 << 24): Uint8Array =>
  decodeStreamData(data, dict(d), max);

/** PNG-filters `raw` rows (RFC 2083 §6) with the given filter type per row. */
function pngEncode(raw: Uint8Array, rowBytes: number, bpp: number, types: number[]): Uint8Array {
  const rows = raw.length / rowBytes;
  const out = new Uint8Array(rows * (rowBytes + 1));
  for (let r = 0; r < rows; r++) {
    const type = types[r % types.length]!;
    out[r * (rowBytes + 1)] = type;
    for (let j = 0; j < rowBytes; j++) {
      const x = raw[r * rowBytes + j]!;
      const a = j >= bpp ? raw[r * rowBytes + j - bpp]! : 0;
      const b = r > 0 ? raw[(r - 1) * rowBytes + j]! : 0;
      const c = r > 0 && j >= bpp ? raw[(r - 1) * rowBytes + j - bpp]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][type]!;
      out[r * (rowBytes + 1) + 1 + j] = (x - pred) & 0xff;
    }
  }
  return out;
}

/** LZW with /EarlyChange 1 (§7.4.4.2), clearing the table before it fills. */
function lzwEncode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let nbits = 0;
  const put = (code: number, width: number): void => {
    acc = (acc << width) | code;
    nbits += width;
    while (nbits >= 8) {
      out.push((acc >>> (nbits - 8)) & 0xff);
      nbits -= 8;
    }
    acc &= (1 << nbits) - 1;
  };
  let table = new Map<string, number>();
  let next = 258;
  let width = 9;
  const code = (w: string): number => (w.length === 1 ? w.charCodeAt(0) : table.get(w)!);
  put(256, 9);
  let w = String.fromCharCode(data[0]!);
  for (let i = 1; i < data.length; i++) {
    const c = String.fromCharCode(data[i]!);
    if (table.has(w + c)) {
      w += c;
      continue;
    }
    put(code(w), width);
    table.set(w + c, next++);
    if (next - 1 + 1 >= 1 << width) width++;
    if (next >= 4000) {
      put(256, width);
      table = new Map();
      next = 258;
      width = 9;
    }
    w = c;
  }
  put(code(w), width);
  next++;
  if (next - 1 + 1 >= 1 << width) width++;
  put(257, width);
  if (nbits > 0) out.push((acc << (8 - nbits)) & 0xff);
  return new Uint8Array(out);
}

function sample(n: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 0x61 + ((x >> 16) % 6);
  }
  return out;
}

describe('stream filters (ISO 32000-1 §7.4)', () => {
  it('inflates FlateDecode and tolerates a truncated stream', () => {
    const text = enc('hello, flate '.repeat(100));
    const z = new Uint8Array(deflateSync(text));
    expect(dec(decode(z, '<< /Filter /FlateDecode >>'))).toBe(dec(text));
    const partial = decode(z.subarray(0, z.length - 6), '<< /Filter /FlateDecode >>');
    expect(dec(text).startsWith(dec(partial))).toBe(true);
    expect(() => decode(enc('not zlib at all'), '<< /Filter /FlateDecode >>')).toThrow(HosoError);
  });

  it('stops a decompression bomb at maxBytes with INPUT_TOO_LARGE', () => {
    const bomb = new Uint8Array(deflateSync(new Uint8Array(20 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(100_000);
    try {
      decode(bomb, '<< /Filter /FlateDecode >>', 1024 * 1024);
      expect.unreachable();
    } catch (e) {
      expect((e as HosoError).code).toBe('INPUT_TOO_LARGE');
    }
  });

  it('undoes every PNG predictor (10–15) with /Colors, /BitsPerComponent and /Columns', () => {
    const columns = 7;
    const colors = 3;
    const rowBytes = columns * colors;
    const raw = sample(rowBytes * 10);
    for (let i = 0; i < raw.length; i++) raw[i] = (raw[i]! * 37 + i) & 0xff;
    const encoded = pngEncode(raw, rowBytes, colors, [0, 1, 2, 3, 4]);
    const z = new Uint8Array(deflateSync(encoded));
    const out = decode(
      z,
      `<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Colors ${colors} /BitsPerComponent 8 /Columns ${columns} >> >>`,
    );
    expect([...out]).toEqual([...raw]);
  });

  it('undoes PNG Up with 16-bit components (bpp 2), as xref streams commonly use /Columns 5', () => {
    const raw = sample(5 * 8);
    const enc16 = pngEncode(raw, 10, 2, [2]);
    const out = decode(
      new Uint8Array(deflateSync(enc16)),
      '<< /Filter /FlateDecode /DecodeParms << /Predictor 15 /BitsPerComponent 16 /Columns 5 >> >>',
    );
    expect([...out]).toEqual([...raw]);
  });

  it('undoes TIFF predictor 2 for 8, 16 and 4 bits per component', () => {
    const raw8 = new Uint8Array([10, 20, 30, 12, 25, 40, 200, 10, 5, 1, 2, 3]);
    const diff8 = raw8.map((v, i) => (i % 6 >= 3 ? (v - raw8[i - 3]!) & 0xff : v));
    expect([
      ...decode(
        new Uint8Array(deflateSync(diff8)),
        '<< /Filter /FlateDecode /DecodeParms << /Predictor 2 /Colors 3 /Columns 2 >> >>',
      ),
    ]).toEqual([...raw8]);

    // 16 bits: one component, 3 columns: 0x0102, 0x0304, 0xFFFF
    const diff16 = new Uint8Array([0x01, 0x02, 0x02, 0x02, 0xfc, 0xfb]);
    expect([
      ...decode(
        new Uint8Array(deflateSync(diff16)),
        '<< /Filter /FlateDecode /DecodeParms << /Predictor 2 /BitsPerComponent 16 /Columns 3 >> >>',
      ),
    ]).toEqual([0x01, 0x02, 0x03, 0x04, 0xff, 0xff]);

    // 4 bits: one component, 4 columns per row: values 1, 3, 2, 15 → differences 1, 2, 15, 13
    const diff4 = new Uint8Array([0x12, 0xfd]);
    expect([
      ...decode(
        new Uint8Array(deflateSync(diff4)),
        '<< /Filter /FlateDecode /DecodeParms << /Predictor 2 /BitsPerComponent 4 /Columns 4 >> >>',
      ),
    ]).toEqual([0x13, 0x2f]);
  });

  it('decodes LZW: the example of §7.4.4.2 and a long input with code-width changes and clears', () => {
    const example = new Uint8Array([0x80, 0x0b, 0x60, 0x50, 0x22, 0x0c, 0x0c, 0x85, 0x01]);
    expect(dec(decode(example, '<< /Filter /LZWDecode >>'))).toBe('-----A---B');
    const long = sample(60_000);
    expect(dec(decode(lzwEncode(long), '<< /Filter /LZWDecode >>'))).toBe(dec(long));
  });

  it('decodes ASCIIHex, ASCII85 and RunLength, and chains filters in order', () => {
    expect(dec(decode(enc('48 65 6c 6C 6f 7>'), '<< /Filter /ASCIIHexDecode >>'))).toBe('Hellop');
    expect(dec(decode(enc('9jqo^BlbD-BleB1DJ+*+F(f,q~>'), '<< /Filter /ASCII85Decode >>'))).toBe(
      'Man is distinguished',
    );
    expect([...decode(enc('z F*2M7/c~>'), '<< /Filter /A85 >>')]).toEqual([
      0,
      0,
      0,
      0,
      ...enc('sure.'),
    ]);
    const rl = new Uint8Array([2, 0x61, 0x62, 0x63, 254, 0x78, 128, 0x7a]);
    expect(dec(decode(rl, '<< /Filter /RunLengthDecode >>'))).toBe('abcxxx');
    const z = new Uint8Array(deflateSync(enc('chained')));
    const hex = enc(Buffer.from(z).toString('hex') + '>');
    expect(dec(decode(hex, '<< /Filter [/AHx /Fl] /DecodeParms [null null] >>'))).toBe('chained');
  });

  it('refuses image codecs and non-identity crypt filters as unsupported', () => {
    expect(() => decode(enc('x'), '<< /Filter /DCTDecode >>')).toThrow(/DCTDecode/);
    expect(() => decode(enc('x'), '<< /Filter /Crypt /DecodeParms << /Name /StdCF >> >>')).toThrow(
      HosoError,
    );
    expect(dec(decode(enc('x'), '<< /Filter /Crypt >>'))).toBe('x');
  });
});
