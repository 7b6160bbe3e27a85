/**
 * A JPEG scan, read far enough to embed it byte for byte as a DCTDecode image (ISO 32000-1
 * §7.4.8, §8.9.5): the frame header (size, components, precision, coding process), the declared
 * resolution (JFIF APP0, else EXIF APP1), the EXIF orientation, and proof that the file is
 * complete (an end-of-image marker after the first scan).
 *
 * Marker syntax: ITU-T T.81 Annex B; JFIF 1.02 (ITU-T T.871 §10.2); EXIF: CIPA DC-008 §4.6
 * (a TIFF structure inside APP1); the Adobe APP14 marker: Adobe Technical Note 5116.
 *
 * Known limits: the entropy-coded data is not decoded, so a file whose headers and end marker are
 * intact but whose compressed data is damaged passes here and shows as damaged in the copy.
 */
import { imageMalformed, imageUnsupported } from './copy-errors.js';
import type { ScanOrientation, ScanResolution } from './scan-resolution.js';

export interface JpegScan {
  readonly width: number;
  readonly height: number;
  /** 1: greyscale (DeviceGray); 3: colour (DeviceRGB, decoded from YCbCr or RGB by the reader). */
  readonly components: 1 | 3;
  readonly resolution: ScanResolution | null;
  readonly orientation: ScanOrientation;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP14 = 0xee;

/** Frame markers of the Huffman-coded sequential and progressive processes readers support. */
const SUPPORTED_SOF = new Set([0xc0, 0xc1, 0xc2]);
/** Other frame markers: lossless, hierarchical, arithmetic-coded (T.81 Table B.1). */
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

const u16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;

function ascii(b: Uint8Array, from: number, length: number): string {
  let s = '';
  for (let i = from; i < from + length && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

export function readJpegScan(name: string, bytes: Uint8Array): JpegScan {
  const truncated = (): never => {
    throw imageMalformed(
      name,
      'tệp JPEG bị cắt cụt (thiếu dữ liệu ở cuối tệp)',
      'the JPEG file is truncated (data missing at the end)',
    );
  };
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) {
    throw imageMalformed(
      name,
      'không phải tệp JPEG (thiếu dấu bắt đầu ảnh)',
      'not a JPEG file (no start-of-image marker)',
    );
  }
  let frame: { width: number; height: number; components: number; precision: number } | null = null;
  let jfif: ScanResolution | null = null;
  let exif: { resolution: ScanResolution | null; orientation: ScanOrientation } | null = null;
  let adobeTransform: number | null = null;
  let p = 2;
  for (;;) {
    if (p >= bytes.length) truncated();
    if (bytes[p] !== 0xff) {
      throw imageMalformed(
        name,
        `cấu trúc JPEG sai: thiếu mã đánh dấu tại byte ${p}`,
        `malformed JPEG: expected a marker at byte ${p}`,
      );
    }
    while (p < bytes.length && bytes[p] === 0xff) p++; // fill bytes (T.81 §B.1.1.2)
    if (p >= bytes.length) truncated();
    const marker = bytes[p++]!;
    if (marker === EOI || marker === SOI) {
      throw imageMalformed(
        name,
        'tệp JPEG không có dữ liệu ảnh',
        'the JPEG file holds no image data',
      );
    }
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue; // no length
    if (p + 2 > bytes.length) truncated();
    const length = u16(bytes, p);
    if (length < 2) {
      throw imageMalformed(
        name,
        `độ dài đoạn JPEG sai tại byte ${p}`,
        `bad JPEG segment length at byte ${p}`,
      );
    }
    if (p + length > bytes.length) truncated();
    const seg = bytes.subarray(p + 2, p + length);
    if (SUPPORTED_SOF.has(marker) || OTHER_SOF.has(marker)) {
      if (OTHER_SOF.has(marker)) {
        throw imageUnsupported(
          name,
          'ảnh JPEG dùng cách mã hóa ít gặp (lossless, phân cấp hoặc số học) mà trình đọc PDF không bảo đảm hiển thị được',
          'the JPEG uses a rare coding process (lossless, hierarchical or arithmetic) that PDF readers do not all display',
        );
      }
      if (seg.length < 6) truncated();
      frame = {
        precision: seg[0]!,
        height: u16(seg, 1),
        width: u16(seg, 3),
        components: seg[5]!,
      };
    } else if (marker === APP0 && ascii(seg, 0, 5) === 'JFIF\0' && seg.length >= 12) {
      jfif = jfifResolution(seg);
    } else if (marker === APP1 && ascii(seg, 0, 6) === 'Exif\0\0') {
      exif = readExif(seg.subarray(6));
    } else if (marker === APP14 && ascii(seg, 0, 5) === 'Adobe' && seg.length >= 12) {
      adobeTransform = seg[11]!;
    } else if (marker === SOS) {
      p += length;
      break;
    }
    p += length;
  }
  if (frame === null) {
    throw imageMalformed(
      name,
      'tệp JPEG thiếu phần đầu khung ảnh (SOF) trước dữ liệu',
      'the JPEG has no frame header (SOF) before its data',
    );
  }
  // In entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker (T.81
  // §B.1.1.5), so the first FF D9 after the scan header is the end of the image.
  if (Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(END, p) < 0) {
    truncated();
  }
  if (frame.width === 0 || frame.height === 0) {
    throw imageUnsupported(
      name,
      'ảnh JPEG không ghi kích thước trong phần đầu khung',
      'the JPEG does not give its size in the frame header',
    );
  }
  if (frame.precision !== 8) {
    // DCTDecode in PDF carries 8-bit samples (ISO 32000-1 §7.4.8).
    throw imageUnsupported(
      name,
      `ảnh JPEG ${frame.precision} bit mỗi thành phần; PDF chỉ nhận 8 bit`,
      `the JPEG has ${frame.precision} bits per component; PDF takes 8`,
    );
  }
  if (frame.components === 4) {
    // Whether CMYK samples are stored inverted depends on the writer (Adobe's APP14 writers
    // invert, others do not), and readers disagree on it: a wrong guess prints a negative of
    // the original. A certified copy must not guess, so CMYK scans are refused.
    throw imageUnsupported(
      name,
      'ảnh JPEG hệ màu CMYK; hãy quét lại dạng màu RGB hoặc thang xám',
      'the JPEG is CMYK; scan again in RGB colour or greyscale',
    );
  }
  if (frame.components !== 1 && frame.components !== 3) {
    throw imageUnsupported(
      name,
      `ảnh JPEG có ${frame.components} thành phần màu`,
      `the JPEG has ${frame.components} colour components`,
    );
  }
  if (frame.components === 3 && adobeTransform === 2) {
    throw imageUnsupported(name, 'ảnh JPEG hệ màu YCCK', 'the JPEG is YCCK');
  }
  return {
    width: frame.width,
    height: frame.height,
    components: frame.components,
    resolution: jfif ?? exif?.resolution ?? null,
    orientation: exif?.orientation ?? 1,
  };
}

const END = Buffer.from([0xff, EOI]);

/** JFIF density: units 1 = dots per inch, 2 = dots per cm, 0 = aspect ratio only. */
function jfifResolution(seg: Uint8Array): ScanResolution | null {
  const units = seg[7]!;
  const x = u16(seg, 8);
  const y = u16(seg, 10);
  if (x === 0 || y === 0) return null;
  if (units === 1) return { x, y, source: 'jfif' };
  if (units === 2) return { x: x * 2.54, y: y * 2.54, source: 'jfif' };
  return null;
}

/**
 * XResolution (0x011A), YResolution (0x011B), ResolutionUnit (0x0128: 2 inch, the default;
 * 3 cm) and Orientation (0x0112) from IFD0 of the TIFF structure in APP1. EXIF is advisory: a
 * damaged one is ignored, never a reason to refuse the scan.
 */
function readExif(
  tiff: Uint8Array,
): { resolution: ScanResolution | null; orientation: ScanOrientation } | null {
  if (tiff.length < 8) return null;
  const order = ascii(tiff, 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const r16 = (i: number): number => view.getUint16(i, le);
  const r32 = (i: number): number => view.getUint32(i, le);
  try {
    if (r16(2) !== 42) return null;
    const ifd = r32(4);
    const count = r16(ifd);
    let xr: number | null = null;
    let yr: number | null = null;
    let unit = 2;
    let orientation: ScanOrientation = 1;
    const rational = (entry: number): number | null => {
      const at = r32(entry + 8);
      const den = r32(at + 4);
      return den === 0 ? null : r32(at) / den;
    };
    for (let k = 0; k < count; k++) {
      const e = ifd + 2 + k * 12;
      const tag = r16(e);
      const type = r16(e + 2);
      if (tag === 0x011a && type === 5) xr = rational(e);
      else if (tag === 0x011b && type === 5) yr = rational(e);
      else if (tag === 0x0128 && type === 3) unit = r16(e + 8);
      else if (tag === 0x0112 && type === 3) {
        const o = r16(e + 8);
        if (o >= 1 && o <= 8) orientation = o as ScanOrientation;
      }
    }
    let resolution: ScanResolution | null = null;
    if (xr !== null && yr !== null && xr > 0 && yr > 0 && (unit === 2 || unit === 3)) {
      const f = unit === 3 ? 2.54 : 1;
      resolution = { x: xr * f, y: yr * f, source: 'exif' };
    }
    return { resolution, orientation };
  } catch {
    return null; // offsets outside the segment
  }
}
