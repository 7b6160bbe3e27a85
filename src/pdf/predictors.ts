/**
 * Predictor functions for FlateDecode and LZWDecode (ISO 32000-1 §7.4.4.4, Table 8): TIFF
 * Predictor 2 (horizontal differencing) and the PNG predictors (10–15), where every row starts
 * with its own filter-type byte (RFC 2083 §6) whatever the /Predictor value says.
 */
import { ByteBuilder } from './byte-builder.js';
import { malformed, unsupported } from './pdf-errors.js';

export interface PredictorParams {
  readonly predictor: number;
  readonly colors: number;
  readonly bitsPerComponent: number;
  readonly columns: number;
}

export function applyPredictor(data: Uint8Array, p: PredictorParams, maxBytes: number): Uint8Array {
  if (p.predictor <= 1) return data;
  const { colors, bitsPerComponent: bpc, columns } = p;
  if (![1, 2, 4, 8, 16].includes(bpc)) unsupportedParam('BitsPerComponent', bpc);
  if (!Number.isInteger(colors) || colors < 1 || colors > 32) unsupportedParam('Colors', colors);
  if (!Number.isInteger(columns) || columns < 1 || columns > 1 << 24)
    unsupportedParam('Columns', columns);
  const rowBytes = Math.ceil((colors * bpc * columns) / 8);
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  if (p.predictor === 2) return tiffPredictor(data, rowBytes, colors, bpc);
  if (p.predictor >= 10) return pngPredictor(data, rowBytes, bpp, maxBytes);
  throw unsupported(`/Predictor ${p.predictor}`);
}

function unsupportedParam(name: string, value: number): never {
  throw unsupported(`predictor parameter /${name} ${value}`);
}

/** PNG rows: a filter byte then `rowBytes` bytes; a short final row is decoded as far as it goes. */
function pngPredictor(
  data: Uint8Array,
  rowBytes: number,
  bpp: number,
  maxBytes: number,
): Uint8Array {
  const rows = Math.ceil(data.length / (rowBytes + 1));
  const out = new ByteBuilder(Math.min(rows * rowBytes, maxBytes), maxBytes);
  let prev = new Uint8Array(rowBytes);
  let row = new Uint8Array(rowBytes);
  for (let i = 0; i < data.length; i += rowBytes + 1) {
    const type = data[i]!;
    const n = Math.min(rowBytes, data.length - i - 1);
    if (n <= 0) break;
    for (let j = 0; j < n; j++) {
      const raw = data[i + 1 + j]!;
      const left = j >= bpp ? row[j - bpp]! : 0;
      const up = prev[j]!;
      const upLeft = j >= bpp ? prev[j - bpp]! : 0;
      switch (type) {
        case 0:
          row[j] = raw;
          break;
        case 1:
          row[j] = raw + left;
          break;
        case 2:
          row[j] = raw + up;
          break;
        case 3:
          row[j] = raw + ((left + up) >> 1);
          break;
        case 4:
          row[j] = raw + paeth(left, up, upLeft);
          break;
        default:
          throw malformed(`unknown PNG predictor filter type ${type}`);
      }
    }
    out.bytes(row.subarray(0, n));
    [prev, row] = [row, prev];
  }
  return out.toBytes();
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  if (pb <= pc) return b;
  return c;
}

/** TIFF predictor 2: each component is the difference from the same component one pixel left. */
function tiffPredictor(
  data: Uint8Array,
  rowBytes: number,
  colors: number,
  bpc: number,
): Uint8Array {
  const out = data.slice();
  for (let start = 0; start < out.length; start += rowBytes) {
    const end = Math.min(out.length, start + rowBytes);
    if (bpc === 8) {
      for (let i = start + colors; i < end; i++) out[i] = out[i]! + out[i - colors]!;
    } else if (bpc === 16) {
      const step = 2 * colors;
      for (let i = start + step; i + 1 < end; i += 2) {
        const v = ((out[i]! << 8) | out[i + 1]!) + ((out[i - step]! << 8) | out[i - step + 1]!);
        out[i] = (v >> 8) & 0xff;
        out[i + 1] = v & 0xff;
      }
    } else {
      tiffSubByteRow(out, start, end, colors, bpc);
    }
  }
  return out;
}

/** Predictor 2 for 1, 2 and 4 bits per component: components packed MSB first. */
function tiffSubByteRow(
  buf: Uint8Array,
  start: number,
  end: number,
  colors: number,
  bpc: number,
): void {
  const mask = (1 << bpc) - 1;
  const total = Math.floor(((end - start) * 8) / bpc);
  const get = (k: number): number => {
    const bit = k * bpc;
    const byte = buf[start + (bit >> 3)]!;
    return (byte >> (8 - bpc - (bit & 7))) & mask;
  };
  const put = (k: number, v: number): void => {
    const bit = k * bpc;
    const idx = start + (bit >> 3);
    const shift = 8 - bpc - (bit & 7);
    buf[idx] = (buf[idx]! & ~(mask << shift)) | ((v & mask) << shift);
  };
  for (let k = colors; k < total; k++) put(k, get(k) + get(k - colors));
}
