/**
 * Certified copies of scans: JPEG embedded byte for byte, PNG image data carried unchanged, pages
 * of the physical size the scan declares (A4 without), the statement on a page of its own.
 * Images are generated here: JPEG with jpeg-js, PNG chunk by chunk with zlib.
 */
import { crc32, deflateSync } from 'node:zlib';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import {
  composeCertifiedCopy,
  type CertificationStatementFields,
  type ComposedCopy,
  type OriginalInput,
} from '../../../src/copy/index.js';
import { BufferSource, HosoError } from '../../../src/kernel/index.js';
import { PdfStream, openPdf, type PdfFile } from '../../../src/pdf/index.js';

const FIELDS: CertificationStatementFields = {
  number: 42,
  book: '01',
  year: 2026,
  place: 'Hà Nội',
  date: new Date('2026-03-04T20:30:00Z'), // 5 March 2026 in Vietnam
  officerName: 'Trần Thị Bình',
  officerTitle: 'Công chức Tư pháp - Hộ tịch',
  agencyName: 'Ủy ban nhân dân phường Hoàn Kiếm',
  lookupUrl: 'https://tra-cuu.example.vn/c/7K3M9Q2XWD5RTB8N',
  lookupCodeDisplay: '7K3M-9Q2X-WD5R-TB8N',
};

const MM = 72 / 25.4;

// --- image generators ------------------------------------------------------------------------

/** A JPEG from jpeg-js; `dpi` written into its JFIF header (units 1), none when null. */
function jpeg(width: number, height: number, dpi: number | null, seed = 0): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * 7 + seed * 50) & 0xff;
      data[i + 1] = (y * 5) & 0xff;
      data[i + 2] = ((x + y) * 3) & 0xff;
      data[i + 3] = 255;
    }
  }
  const out = new Uint8Array(encodeJpeg({ data, width, height }, 80).data);
  // jpeg-js writes APP0 JFIF right after SOI: units at byte 13, densities at 14 and 16.
  expect(String.fromCharCode(...out.subarray(6, 10))).toBe('JFIF');
  if (dpi !== null) {
    out[13] = 1;
    out[14] = dpi >> 8;
    out[15] = dpi & 0xff;
    out[16] = dpi >> 8;
    out[17] = dpi & 0xff;
  }
  return out;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const body = Buffer.concat([head.subarray(4), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([head.subarray(0, 4), body, crc]);
}

interface PngSpec {
  width: number;
  height: number;
  colorType: 0 | 2 | 3 | 4 | 6;
  bitDepth: number;
  /** Packed samples of each row, without the filter byte. */
  rows: Uint8Array[];
  palette?: Uint8Array;
  trns?: Uint8Array;
  /** Pixels per metre (pHYs unit 1). */
  ppm?: number;
  interlace?: boolean;
  /** Split the zlib stream over this many IDAT chunks. */
  idatChunks?: number;
}

/** A PNG written chunk by chunk; rows filtered with Sub (1) on odd rows to exercise predictors. */
function png(spec: PngSpec): { bytes: Uint8Array; idat: Uint8Array } {
  const bpp = Math.max(
    1,
    Math.ceil(({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[spec.colorType] * spec.bitDepth) / 8),
  );
  const raw = Buffer.concat(
    spec.rows.map((row, r) => {
      if (r % 2 === 0 || spec.interlace) return Buffer.concat([Buffer.from([0]), row]);
      const f = Buffer.alloc(row.length + 1);
      f[0] = 1;
      for (let i = 0; i < row.length; i++)
        f[i + 1] = (row[i]! - (i >= bpp ? row[i - bpp]! : 0)) & 0xff;
      return f;
    }),
  );
  const idat = deflateSync(raw);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr[8] = spec.bitDepth;
  ihdr[9] = spec.colorType;
  ihdr[12] = spec.interlace ? 1 : 0;
  const parts = [
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
  ];
  if (spec.ppm !== undefined) {
    const phys = Buffer.alloc(9);
    phys.writeUInt32BE(spec.ppm, 0);
    phys.writeUInt32BE(spec.ppm, 4);
    phys[8] = 1;
    parts.push(chunk('pHYs', phys));
  }
  if (spec.palette) parts.push(chunk('PLTE', spec.palette));
  if (spec.trns) parts.push(chunk('tRNS', spec.trns));
  const n = spec.idatChunks ?? 1;
  const step = Math.ceil(idat.length / n);
  for (let i = 0; i < idat.length; i += step) parts.push(chunk('IDAT', idat.subarray(i, i + step)));
  parts.push(chunk('IEND', new Uint8Array()));
  return { bytes: new Uint8Array(Buffer.concat(parts)), idat: new Uint8Array(idat) };
}

function rgbRows(width: number, height: number): Uint8Array[] {
  return Array.from({ length: height }, (_, y) => {
    const row = new Uint8Array(width * 3);
    for (let x = 0; x < width; x++)
      row.set([(x * 3) & 0xff, (y * 2) & 0xff, (x ^ y) & 0xff], x * 3);
    return row;
  });
}

// --- reading the copy ------------------------------------------------------------------------

function images(pdf: PdfFile): PdfStream[] {
  const out: PdfStream[] = [];
  for (let n = 1; n < pdf.size; n++) {
    const o = pdf.getObject(n);
    if (o instanceof PdfStream && o.dict.getName('Subtype') === 'Image') out.push(o);
  }
  return out;
}

function pageSizes(pdf: PdfFile): [number, number][] {
  return pdf.pages().map(({ dict }) => {
    const box = pdf.resolve(dict.get('MediaBox')) as number[];
    return [box[2]! - box[0]!, box[3]! - box[1]!];
  });
}

const contains = (hay: Uint8Array, needle: Uint8Array): boolean =>
  Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;

async function certify(originals: OriginalInput[]): Promise<{ copy: ComposedCopy; pdf: PdfFile }> {
  const copy = await composeCertifiedCopy(originals, FIELDS);
  return { copy, pdf: openPdf(new BufferSource(copy.pdf)) };
}

async function refused(original: OriginalInput): Promise<HosoError> {
  try {
    await composeCertifiedCopy([original], FIELDS);
  } catch (e) {
    expect(e).toBeInstanceOf(HosoError);
    const err = e as HosoError;
    expect(err.exitCode).toBe(3);
    expect(err.params['path']).toBe(original.name);
    return err;
  }
  throw new Error(`${original.name} was accepted`);
}

// --- tests -----------------------------------------------------------------------------------

describe('certified copy of JPEG scans', () => {
  const at200 = jpeg(400, 566, 200, 1);
  const noDpi = jpeg(300, 424, null, 2);
  const landscape = jpeg(500, 300, 200, 3);

  it('puts each scan on a page of its physical size (A4 without resolution), in order', async () => {
    const { copy, pdf } = await certify([
      { kind: 'jpeg', name: 'trang-1.jpg', bytes: at200 },
      { kind: 'jpeg', name: 'trang-2.jpg', bytes: noDpi },
      { kind: 'jpeg', name: 'trang-3.jpg', bytes: landscape },
    ]);
    expect(copy.pages).toBe(4);
    const sizes = pageSizes(pdf);
    expect(sizes).toHaveLength(4);
    // 400 × 566 px at 200 dpi = 50.8 × 71.882 mm.
    expect(sizes[0]![0] / MM).toBeCloseTo(50.8, 2);
    expect(sizes[0]![1] / MM).toBeCloseTo(71.882, 2);
    expect(sizes[1]).toEqual([595.28, 841.89]);
    expect(sizes[2]![0] / MM).toBeCloseTo(63.5, 2);
    expect(sizes[2]![1] / MM).toBeCloseTo(38.1, 2);
    // The scans fill their pages: the statement is on a page of its own, A4 because the last
    // scan's page is too small for it.
    expect(copy.addedPage).toBe(true);
    expect(copy.statementPage).toBe(4);
    expect(sizes[3]).toEqual([595.28, 841.89]);
    // No page number over a scan; the added page has one.
    expect(copy.footerBands.map((f) => f.page)).toEqual([4]);
  });

  it('embeds every JPEG byte for byte (DCTDecode, no recompression)', async () => {
    const { copy, pdf } = await certify([
      { kind: 'jpeg', name: 'a.jpg', bytes: at200 },
      { kind: 'jpeg', name: 'b.jpg', bytes: noDpi },
    ]);
    const streams = images(pdf);
    expect(streams).toHaveLength(2);
    const raws = streams.map((s) => pdf.readStreamData(s));
    expect(Buffer.from(raws[0]!).equals(Buffer.from(at200))).toBe(true);
    expect(Buffer.from(raws[1]!).equals(Buffer.from(noDpi))).toBe(true);
    for (const s of streams) {
      expect(s.dict.getName('Filter')).toBe('DCTDecode');
      expect(s.dict.getName('ColorSpace')).toBe('DeviceRGB');
      expect(s.dict.get('DecodeParms')).toBeUndefined();
    }
    expect(contains(copy.pdf, at200)).toBe(true);
  });

  it('reads EXIF resolution and orientation', async () => {
    // APP1 Exif, big-endian TIFF: XResolution = YResolution = 150/1, unit inch, orientation 6.
    const tiff = Buffer.alloc(8 + 2 + 4 * 12 + 4 + 16);
    tiff.write('MM', 0, 'latin1');
    tiff.writeUInt16BE(42, 2);
    tiff.writeUInt32BE(8, 4);
    tiff.writeUInt16BE(4, 8);
    const entry = (i: number, tag: number, type: number, value: number): void => {
      const e = 10 + i * 12;
      tiff.writeUInt16BE(tag, e);
      tiff.writeUInt16BE(type, e + 2);
      tiff.writeUInt32BE(1, e + 4);
      if (type === 3) tiff.writeUInt16BE(value, e + 8);
      else tiff.writeUInt32BE(value, e + 8);
    };
    const rationals = 10 + 4 * 12 + 4;
    entry(0, 0x0112, 3, 6);
    entry(1, 0x011a, 5, rationals);
    entry(2, 0x011b, 5, rationals + 8);
    entry(3, 0x0128, 3, 2);
    tiff.writeUInt32BE(150, rationals);
    tiff.writeUInt32BE(1, rationals + 4);
    tiff.writeUInt32BE(150, rationals + 8);
    tiff.writeUInt32BE(1, rationals + 12);
    const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
    const seg = Buffer.alloc(4);
    seg.writeUInt16BE(0xffe1, 0);
    seg.writeUInt16BE(app1.length + 2, 2);
    const base = Buffer.from(jpeg(300, 150, null)); // JFIF density without units: no resolution
    const withExif = Buffer.concat([base.subarray(0, 2), seg, app1, base.subarray(2)]);
    const { pdf } = await certify([{ kind: 'jpeg', name: 'exif.jpg', bytes: withExif }]);
    const [w, h] = pageSizes(pdf)[0]!;
    // Stored 300 × 150 at 150 dpi, turned a quarter: shown 1 × 2 inches.
    expect(w).toBeCloseTo(72, 3);
    expect(h).toBeCloseTo(144, 3);
  });

  it('refuses damaged and unsupported JPEGs with one clear error', async () => {
    const truncated = at200.subarray(0, Math.floor(at200.length * 0.6));
    let e = await refused({ kind: 'jpeg', name: 'cut.jpg', bytes: truncated });
    expect(e.code).toBe('IMAGE_MALFORMED');
    expect(String(e.params['detail.vi'])).toContain('cắt cụt');
    expect(String(e.params['detail.en'])).toContain('truncated');
    e = await refused({ kind: 'jpeg', name: 'junk.jpg', bytes: new TextEncoder().encode('hello') });
    expect(e.code).toBe('IMAGE_MALFORMED');
    // SOI, SOF0 with 4 components (CMYK), SOS, EOI.
    const cmyk = Uint8Array.from([
      0xff, 0xd8, 0xff, 0xc0, 0, 20, 8, 0, 10, 0, 10, 4, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4,
      0x11, 0, 0xff, 0xda, 0, 2, 0xff, 0xd9,
    ]);
    e = await refused({ kind: 'jpeg', name: 'cmyk.jpg', bytes: cmyk });
    expect(e.code).toBe('IMAGE_UNSUPPORTED');
    expect(String(e.params['detail.en'])).toContain('CMYK');
  });
});

describe('certified copy of PNG scans', () => {
  it('carries RGB image data unchanged as FlateDecode with PNG predictors, sized by pHYs', async () => {
    const { bytes, idat } = png({
      width: 120,
      height: 80,
      colorType: 2,
      bitDepth: 8,
      rows: rgbRows(120, 80),
      ppm: 11811, // 300 dpi
      idatChunks: 3,
    });
    const { pdf, copy } = await certify([{ kind: 'png', name: 'rgb.png', bytes }]);
    const [img] = images(pdf);
    expect(img).toBeDefined();
    expect(Buffer.from(pdf.readStreamData(img!)).equals(Buffer.from(idat))).toBe(true);
    expect(img!.dict.getName('Filter')).toBe('FlateDecode');
    expect(img!.dict.getName('ColorSpace')).toBe('DeviceRGB');
    const parms = pdf.lookupDict(img!.dict.get('DecodeParms'))!;
    expect([...parms.entries()].map(([k, v]) => [k, v])).toEqual([
      ['Predictor', 15],
      ['Colors', 3],
      ['BitsPerComponent', 8],
      ['Columns', 120],
    ]);
    // Decoding through our own filters gives back the pixels.
    const pixels = pdf.readStreamData(img!, { decode: true });
    expect(Buffer.from(pixels).equals(Buffer.concat(rgbRows(120, 80)))).toBe(true);
    const [w, h] = pageSizes(pdf)[0]!;
    expect(w / MM).toBeCloseTo((120 / 299.9994) * 25.4, 2);
    expect(h / MM).toBeCloseTo((80 / 299.9994) * 25.4, 2);
    expect(copy.addedPage).toBe(true);
    expect(contains(copy.pdf, idat)).toBe(true);
  });

  it('keeps palette and 1-bit grey images as they are (Indexed colour space)', async () => {
    const palette = Uint8Array.from([0, 0, 0, 255, 0, 0, 0, 255, 0, 255, 255, 255]);
    const rows = Array.from({ length: 16 }, (_, y) =>
      Uint8Array.from({ length: 8 }, (_, x) => ((x + y) % 4) * 0x55),
    ); // 2-bit indices, 32 pixels a row
    const pal = png({ width: 32, height: 16, colorType: 3, bitDepth: 2, rows, palette });
    const grey = png({
      width: 16,
      height: 8,
      colorType: 0,
      bitDepth: 1,
      rows: Array.from({ length: 8 }, (_, y) => Uint8Array.from([0xaa >> (y % 2), 0x0f])),
    });
    const { pdf } = await certify([
      { kind: 'png', name: 'palette.png', bytes: pal.bytes },
      { kind: 'png', name: 'grey.png', bytes: grey.bytes },
    ]);
    const [p, g] = images(pdf);
    expect(Buffer.from(pdf.readStreamData(p!)).equals(Buffer.from(pal.idat))).toBe(true);
    const cs = pdf.resolve(p!.dict.get('ColorSpace')) as unknown[];
    expect(String(cs[0])).toBe('/Indexed');
    expect(String(cs[1])).toBe('/DeviceRGB');
    expect(cs[2]).toBe(3);
    expect(p!.dict.get('BitsPerComponent')).toBe(2);
    expect(Buffer.from(pdf.readStreamData(g!)).equals(Buffer.from(grey.idat))).toBe(true);
    expect(g!.dict.getName('ColorSpace')).toBe('DeviceGray');
    expect(g!.dict.get('BitsPerComponent')).toBe(1);
  });

  it('decodes a PNG with alpha (grey + alpha) into samples and a soft mask, and says so by its bytes', async () => {
    const rows = Array.from({ length: 10 }, (_, y) =>
      Uint8Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? y * 20 : 255 - y * 10)),
    );
    const ga = png({ width: 10, height: 10, colorType: 4, bitDepth: 8, rows });
    const { pdf, copy } = await certify([{ kind: 'png', name: 'alpha.png', bytes: ga.bytes }]);
    const withMask = images(pdf).find((s) => s.dict.has('SMask'));
    expect(withMask).toBeDefined();
    // Re-encoded: the file's IDAT data is not in the copy.
    expect(contains(copy.pdf, ga.idat)).toBe(false);
    expect(copy.pages).toBe(2);
  });

  it('refuses damaged PNGs: truncated, bad CRC, short image data', async () => {
    const { bytes } = png({
      width: 20,
      height: 20,
      colorType: 2,
      bitDepth: 8,
      rows: rgbRows(20, 20),
    });
    let e = await refused({
      kind: 'png',
      name: 'cut.png',
      bytes: bytes.subarray(0, bytes.length - 30),
    });
    expect(e.code).toBe('IMAGE_MALFORMED');
    expect(String(e.params['detail.en'])).toContain('truncated');
    const bad = Uint8Array.from(bytes);
    bad[50] = bad[50]! ^ 0xff; // inside the IDAT data
    e = await refused({ kind: 'png', name: 'crc.png', bytes: bad });
    expect(e.code).toBe('IMAGE_MALFORMED');
    expect(String(e.params['detail.vi'])).toContain('CRC');
    const short = png({ width: 20, height: 20, colorType: 2, bitDepth: 8, rows: rgbRows(20, 10) });
    e = await refused({ kind: 'png', name: 'short.png', bytes: short.bytes });
    expect(e.code).toBe('IMAGE_MALFORMED');
    const wide16 = png({
      width: 4,
      height: 4,
      colorType: 6,
      bitDepth: 16,
      rows: Array.from({ length: 4 }, () => new Uint8Array(32)),
    });
    e = await refused({ kind: 'png', name: 'rgba16.png', bytes: wide16.bytes });
    expect(e.code).toBe('IMAGE_UNSUPPORTED');
  });
});
