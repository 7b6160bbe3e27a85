/**
 * A scan as an image XObject of the copy (ISO 32000-1 §8.9.5), without recompression:
 *
 * - JPEG: the file's bytes are the stream's data, with /Filter /DCTDecode (§7.4.8). Nothing is
 *   decoded or re-encoded; a test finds the input bytes verbatim in the output.
 * - PNG without alpha and not interlaced (grey 1–16 bit, RGB 8/16 bit, palette 1–8 bit): the
 *   concatenated IDAT data is the stream's data, with /FlateDecode and /DecodeParms
 *   << /Predictor 15 /Colors c /BitsPerComponent b /Columns w >> (§7.4.4.4): a PDF reader undoes
 *   the same zlib compression and the same per-row PNG filters the PNG decoder would. A colour
 *   key from tRNS becomes a /Mask array (§8.9.6.4); an iCCP profile becomes an /ICCBased colour
 *   space (§8.6.5.5) whose stream is the profile exactly as the PNG stores it (zlib).
 * - PNG with an alpha channel, with a palette with partial transparency, or interlaced (Adam7):
 *   PDF has no filter for either layout, so the image is decoded and stored again by pdf-lib
 *   (samples + /SMask). That IS a new encoding of the image: its bytes differ from the file's,
 *   although the pixel values are the same (both encodings are lossless). 16-bit images of this
 *   kind are refused, since pdf-lib would reduce them to 8 bits. Scanners write neither alpha nor
 *   interlacing; such a file is usually an edited image, and the officer can save it again.
 */
import { PDFHexString, PDFName, type PDFDocument, type PDFRef } from 'pdf-lib';
import { imageMalformed, imageUnsupported } from './copy-errors.js';
import { readJpegScan } from './jpeg-scan.js';
import { readPngScan, type PngScan } from './png-scan.js';
import type { ScanOrientation, ScanResolution } from './scan-resolution.js';

export interface EmbeddedScan {
  /** The image XObject. */
  readonly ref: PDFRef;
  /** Pixels as stored. */
  readonly width: number;
  readonly height: number;
  readonly resolution: ScanResolution | null;
  readonly orientation: ScanOrientation;
  /** True when the image had to be decoded and encoded again (PNG with alpha or interlacing). */
  readonly reencoded: boolean;
}

export async function embedScan(
  doc: PDFDocument,
  scan: { readonly kind: 'jpeg' | 'png'; readonly name: string; readonly bytes: Uint8Array },
): Promise<EmbeddedScan> {
  return scan.kind === 'jpeg'
    ? embedJpeg(doc, scan.name, scan.bytes)
    : embedPng(doc, scan.name, scan.bytes);
}

function embedJpeg(doc: PDFDocument, name: string, bytes: Uint8Array): EmbeddedScan {
  const jpeg = readJpegScan(name, bytes);
  const stream = doc.context.stream(bytes, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: jpeg.width,
    Height: jpeg.height,
    BitsPerComponent: 8,
    ColorSpace: jpeg.components === 1 ? 'DeviceGray' : 'DeviceRGB',
    Filter: 'DCTDecode',
  });
  return {
    ref: doc.context.register(stream),
    width: jpeg.width,
    height: jpeg.height,
    resolution: jpeg.resolution,
    orientation: jpeg.orientation,
    reencoded: false,
  };
}

async function embedPng(doc: PDFDocument, name: string, bytes: Uint8Array): Promise<EmbeddedScan> {
  const png = readPngScan(name, bytes);
  const common = {
    width: png.width,
    height: png.height,
    resolution: png.resolution,
    orientation: 1 as const,
  };
  if (!needsDecoding(png)) {
    return { ...common, ref: embedPngData(doc, png), reencoded: false };
  }
  if (png.bitDepth === 16) {
    throw imageUnsupported(
      name,
      'ảnh PNG 16 bit có kênh trong suốt hoặc xen kẽ; hãy lưu lại ảnh 8 bit, không trong suốt, không xen kẽ',
      'a 16-bit PNG with alpha or interlacing; save it again as 8-bit, without alpha, not interlaced',
    );
  }
  try {
    const image = await doc.embedPng(bytes);
    return { ...common, ref: image.ref, reencoded: true };
  } catch (e) {
    throw imageMalformed(name, 'không giải mã được ảnh PNG', 'the PNG image cannot be decoded', e);
  }
}

/** Alpha, interlacing, or a palette with partial transparency: no PDF filter reads it as is. */
function needsDecoding(png: PngScan): boolean {
  if (png.interlaced || png.colorType === 4 || png.colorType === 6) return true;
  if (png.colorType === 3 && png.transparency !== null) {
    // Fully opaque entries are no transparency at all.
    return png.transparency.some((a) => a !== 255);
  }
  return false;
}

function embedPngData(doc: PDFDocument, png: PngScan): PDFRef {
  const ctx = doc.context;
  const colors = png.colorType === 2 ? 3 : 1;
  let base: PDFName | PDFRef =
    png.colorType === 0 ? PDFName.of('DeviceGray') : PDFName.of('DeviceRGB');
  if (png.iccProfile !== null) {
    base = ctx.register(
      ctx.stream(png.iccProfile.compressed, {
        N: png.iccProfile.components,
        Alternate: png.iccProfile.components === 1 ? 'DeviceGray' : 'DeviceRGB',
        Filter: 'FlateDecode',
      }),
    );
  }
  const colorSpace =
    png.colorType === 3 && png.palette !== null
      ? ctx.obj([
          PDFName.of('Indexed'),
          base,
          png.palette.length / 3 - 1,
          PDFHexString.of(Buffer.from(png.palette).toString('hex')),
        ])
      : base;
  const dict: Record<string, unknown> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: png.width,
    Height: png.height,
    BitsPerComponent: png.bitDepth,
    ColorSpace: colorSpace,
    Filter: 'FlateDecode',
    DecodeParms: {
      Predictor: 15,
      Colors: colors,
      BitsPerComponent: png.bitDepth,
      Columns: png.width,
    },
  };
  const mask = colourKeyMask(png);
  if (mask !== null) dict['Mask'] = mask;
  return ctx.register(ctx.stream(png.idat, dict as Parameters<typeof ctx.stream>[1]));
}

/**
 * tRNS for grey or RGB images: one sample value (per component) that is fully transparent,
 * 2 bytes each (ISO/IEC 15948 §11.3.2.1) → a colour key mask [min max …] (§8.9.6.4).
 */
function colourKeyMask(png: PngScan): number[] | null {
  const t = png.transparency;
  if (t === null || (png.colorType !== 0 && png.colorType !== 2)) return null;
  const n = png.colorType === 0 ? 1 : 3;
  if (t.length < 2 * n) return null;
  const out: number[] = [];
  const max = (1 << png.bitDepth) - 1;
  for (let i = 0; i < n; i++) {
    const v = Math.min(((t[2 * i]! << 8) | t[2 * i + 1]!) & 0xffff, max);
    out.push(v, v);
  }
  return out;
}
