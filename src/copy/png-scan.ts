/**
 * A PNG scan (ISO/IEC 15948, the PNG specification), read and checked: every chunk's length and
 * CRC, the header, the palette, transparency, the ICC profile, the physical pixel size (pHYs),
 * and the image data — inflated once to prove it is complete and of the size the header says,
 * then kept as it is.
 *
 * Why keep the compressed data: PNG's zlib stream of filtered rows is exactly what a PDF
 * FlateDecode filter with PNG predictors decodes (ISO 32000-1 §7.4.4.4, Table 10: Predictor
 * 10–15 read a filter-type byte before each row), so for images without alpha and without
 * interlacing the concatenated IDAT data goes into the copy unchanged — no recompression.
 */
import { crc32, inflateSync } from 'node:zlib';
import { imageMalformed, imageUnsupported } from './copy-errors.js';
import type { ScanResolution } from './scan-resolution.js';

export type PngColorType = 0 | 2 | 3 | 4 | 6;

export interface PngScan {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: 1 | 2 | 4 | 8 | 16;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGB + alpha (ISO/IEC 15948 §11.2.2). */
  readonly colorType: PngColorType;
  readonly interlaced: boolean;
  /** PLTE: RGB triples. */
  readonly palette: Uint8Array | null;
  /** tRNS chunk data, as stored. */
  readonly transparency: Uint8Array | null;
  /** The zlib-compressed ICC profile of iCCP, and the colour space its header names. */
  readonly iccProfile: { readonly compressed: Uint8Array; readonly components: 1 | 3 } | null;
  /** The concatenated IDAT chunk data: one zlib stream of filtered scanlines. */
  readonly idat: Uint8Array;
  readonly resolution: ScanResolution | null;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Bit depths allowed for each colour type (ISO/IEC 15948 §11.2.2 Table 11.1). */
const DEPTHS: Record<PngColorType, readonly number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

const SAMPLES: Record<PngColorType, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** More pixels than this is not a scan of a paper page (a 600 dpi A0 is ~ 630 million). */
const MAX_PIXELS = 700_000_000;

export function readPngScan(name: string, bytes: Uint8Array): PngScan {
  const malformed = (vi: string, en: string, cause?: unknown): never => {
    throw imageMalformed(name, vi, en, cause);
  };
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    malformed('không phải tệp PNG (sai chữ ký đầu tệp)', 'not a PNG file (wrong signature)');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: {
    width: number;
    height: number;
    bitDepth: number;
    colorType: number;
    interlace: number;
  } | null = null;
  let palette: Uint8Array | null = null;
  let transparency: Uint8Array | null = null;
  let icc: PngScan['iccProfile'] = null;
  let resolution: ScanResolution | null = null;
  const idat: Uint8Array[] = [];
  let idatEnded = false;
  let ended = false;
  let p = 8;
  while (!ended) {
    if (p + 12 > bytes.length) {
      malformed(
        'tệp PNG bị cắt cụt (thiếu khối IEND ở cuối)',
        'the PNG file is truncated (no IEND chunk at the end)',
      );
    }
    const length = view.getUint32(p);
    let type = '';
    for (let i = p + 4; i < p + 8; i++) type += String.fromCharCode(bytes[i]!);
    if (!/^[A-Za-z]{4}$/.test(type)) {
      malformed(`khối PNG có tên sai tại byte ${p}`, `bad PNG chunk type at byte ${p}`);
    }
    if (p + 12 + length > bytes.length) {
      malformed(
        `tệp PNG bị cắt cụt (khối ${type} thiếu dữ liệu)`,
        `the PNG file is truncated (chunk ${type} runs past the end)`,
      );
    }
    const data = bytes.subarray(p + 8, p + 8 + length);
    const crc = view.getUint32(p + 8 + length);
    if (crc32(bytes.subarray(p + 4, p + 8 + length)) >>> 0 !== crc) {
      malformed(
        `tệp PNG bị hỏng (sai mã kiểm tra CRC của khối ${type})`,
        `the PNG file is damaged (CRC mismatch in chunk ${type})`,
      );
    }
    if (header === null && type !== 'IHDR') {
      malformed('tệp PNG không bắt đầu bằng khối IHDR', 'the PNG does not start with IHDR');
    }
    if (idat.length > 0 && type !== 'IDAT') idatEnded = true;
    switch (type) {
      case 'IHDR':
        if (header !== null || length !== 13) malformed('khối IHDR sai', 'bad IHDR chunk');
        header = {
          width: view.getUint32(p + 8),
          height: view.getUint32(p + 12),
          bitDepth: data[8]!,
          colorType: data[9]!,
          interlace: data[12]!,
        };
        if (data[10] !== 0 || data[11] !== 0) {
          malformed(
            'khối IHDR ghi cách nén/lọc không có trong chuẩn PNG',
            'IHDR names a compression or filter method PNG does not define',
          );
        }
        break;
      case 'PLTE':
        if (length === 0 || length % 3 !== 0 || length > 768) {
          malformed('bảng màu PLTE sai', 'bad PLTE palette');
        }
        palette = data;
        break;
      case 'tRNS':
        transparency = data;
        break;
      case 'iCCP':
        icc = iccProfile(data);
        break;
      case 'pHYs':
        // Unit 1: pixels per metre; 0: aspect ratio only (ISO/IEC 15948 §11.3.5.3).
        if (length === 9 && data[8] === 1) {
          const x = view.getUint32(p + 8);
          const y = view.getUint32(p + 12);
          if (x > 0 && y > 0) resolution = { x: x * 0.0254, y: y * 0.0254, source: 'png-phys' };
        }
        break;
      case 'IDAT':
        if (idatEnded) {
          malformed(
            'các khối IDAT của PNG không liền nhau',
            'the PNG IDAT chunks are not consecutive',
          );
        }
        idat.push(data);
        break;
      case 'IEND':
        ended = true;
        break;
      default:
        // Bit 5 of the first byte clear: a critical chunk a decoder must understand (§5.4).
        if ((bytes[p + 4]! & 0x20) === 0) {
          throw imageUnsupported(
            name,
            `ảnh PNG có khối bắt buộc không được hỗ trợ (${type})`,
            `the PNG has an unsupported critical chunk (${type})`,
          );
        }
    }
    p += 12 + length;
  }
  if (header === null) return malformed('thiếu khối IHDR', 'no IHDR chunk');
  const { width, height, bitDepth, colorType, interlace } = header;
  if (!(colorType in DEPTHS) || !DEPTHS[colorType as PngColorType].includes(bitDepth)) {
    malformed(
      `kiểu màu ${colorType} với ${bitDepth} bit không có trong chuẩn PNG`,
      `colour type ${colorType} with bit depth ${bitDepth} is not valid PNG`,
    );
  }
  if (width === 0 || height === 0 || interlace > 1) {
    malformed('kích thước hoặc kiểu xen kẽ trong IHDR sai', 'bad size or interlace method in IHDR');
  }
  if (width * height > MAX_PIXELS) {
    throw imageUnsupported(
      name,
      `ảnh quá lớn (${width} × ${height} điểm ảnh)`,
      `the image is too large (${width} × ${height} pixels)`,
    );
  }
  const ct = colorType as PngColorType;
  if (ct === 3 && palette === null) {
    malformed('ảnh PNG dùng bảng màu nhưng thiếu khối PLTE', 'palette PNG without a PLTE chunk');
  }
  if (idat.length === 0) malformed('ảnh PNG không có dữ liệu (IDAT)', 'the PNG has no IDAT data');
  const compressed = Buffer.concat(idat);
  const expected =
    interlace === 1
      ? adam7Size(width, height, SAMPLES[ct] * bitDepth)
      : rowsSize(width, height, SAMPLES[ct] * bitDepth);
  let raw: Uint8Array;
  try {
    // One byte more than expected is allowed through so that too much data is seen as such.
    raw = inflateSync(compressed, { maxOutputLength: expected + 1 });
  } catch (e) {
    return malformed(
      'dữ liệu ảnh PNG bị hỏng hoặc bị cắt cụt',
      'the PNG image data is damaged or truncated',
      e,
    );
  }
  if (raw.length !== expected) {
    malformed(
      `dữ liệu ảnh PNG có ${raw.length} byte thay vì ${expected}`,
      `the PNG image data has ${raw.length} bytes instead of ${expected}`,
    );
  }
  if (interlace === 0) {
    const stride = expected / height;
    for (let r = 0; r < height; r++) {
      if (raw[r * stride]! > 4) {
        malformed(
          `kiểu lọc dòng ${raw[r * stride]} sai ở dòng ${r}`,
          `bad filter type ${raw[r * stride]} on row ${r}`,
        );
      }
    }
  }
  return {
    width,
    height,
    bitDepth: bitDepth as PngScan['bitDepth'],
    colorType: ct,
    interlaced: interlace === 1,
    palette,
    transparency,
    iccProfile: icc !== null && icc.components === (ct === 0 || ct === 4 ? 1 : 3) ? icc : null,
    idat: new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength),
    resolution,
  };
}

/** Filtered scanlines of a non-interlaced image: a filter byte and the packed samples per row. */
function rowsSize(width: number, height: number, bitsPerPixel: number): number {
  if (width === 0 || height === 0) return 0;
  return height * (1 + Math.ceil((width * bitsPerPixel) / 8));
}

/** The seven reduced images of Adam7 interlacing (ISO/IEC 15948 §8.2), each its own rows. */
function adam7Size(width: number, height: number, bitsPerPixel: number): number {
  const passes: readonly [number, number, number, number][] = [
    [0, 0, 8, 8],
    [4, 0, 8, 8],
    [0, 4, 4, 8],
    [2, 0, 4, 4],
    [0, 2, 2, 4],
    [1, 0, 2, 2],
    [0, 1, 1, 2],
  ];
  let total = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const w = Math.ceil((width - x0) / dx);
    const h = Math.ceil((height - y0) / dy);
    if (w > 0 && h > 0) total += rowsSize(w, h, bitsPerPixel);
  }
  return total;
}

/**
 * iCCP: a profile name (1–79 bytes), a zero, the compression method (0, zlib) and the
 * compressed profile. The profile is inflated only to read its colour space (bytes 16–19 of the
 * ICC header: 'GRAY' or 'RGB '); anything odd drops the profile (the image is then shown in the
 * device colour space, as PDF readers do for PNG without profile).
 */
function iccProfile(data: Uint8Array): PngScan['iccProfile'] {
  const zero = data.indexOf(0);
  if (zero < 1 || zero > 79 || data[zero + 1] !== 0) return null;
  const compressed = data.subarray(zero + 2);
  try {
    const profile = inflateSync(compressed, { maxOutputLength: 16 * 1024 * 1024 });
    const space = profile.subarray(16, 20).toString('latin1');
    if (space === 'GRAY') return { compressed, components: 1 };
    if (space === 'RGB ') return { compressed, components: 3 };
    return null;
  } catch {
    return null;
  }
}
