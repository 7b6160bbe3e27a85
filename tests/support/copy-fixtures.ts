/**
 * Inputs for the `hoso copy` tests, made in the test so that each one says what it is: scans of
 * paper pages (JPEG through jpeg-js with a JFIF density, PNG through zlib with a pHYs chunk),
 * small hand-written PDFs named by their defect (no pages; encrypted with the standard security
 * handler), a configuration file, and readers for what a copy carries (its embedded files) and
 * for the statement's date line.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { encode as encodeJpeg } from 'jpeg-js';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';

// ---------------------------------------------------------------------------------------------
// Scans

export interface ScanOptions {
  /** Pixels. */
  readonly width: number;
  readonly height: number;
  /** The resolution the file declares (JFIF density or pHYs), dots per inch. */
  readonly dpi: number;
  /** Page number drawn as that many bars in the top margin, so pages differ. */
  readonly page?: number;
}

/**
 * A greyscale drawing of a typed page: white paper, a heading bar, lines of "text" as dark
 * stripes of varying length, and `page` bars at the top right. Row-major, one byte a pixel.
 */
function drawPage(o: ScanOptions): Uint8Array {
  const { width: w, height: h } = o;
  const px = new Uint8Array(w * h).fill(250);
  const fill = (x0: number, y0: number, x1: number, y1: number, v: number) => {
    for (let y = Math.max(0, y0); y < Math.min(h, y1); y++)
      px.fill(v, y * w + Math.max(0, x0), y * w + Math.min(w, x1));
  };
  const margin = Math.round(w * 0.12);
  fill(Math.round(w * 0.3), Math.round(h * 0.06), Math.round(w * 0.7), Math.round(h * 0.075), 20);
  const lineH = Math.max(2, Math.round(h * 0.008));
  const step = lineH * 3;
  let n = 0;
  for (let y = Math.round(h * 0.12); y < h * 0.85; y += step, n++) {
    const len = 0.55 + ((n * 37) % 40) / 100;
    fill(margin, y, margin + Math.round((w - 2 * margin) * len), y + lineH, 40);
  }
  for (let i = 0; i < (o.page ?? 1); i++) {
    const x = w - margin - i * lineH * 3;
    fill(x - lineH * 2, Math.round(h * 0.02), x, Math.round(h * 0.045), 0);
  }
  return px;
}

/**
 * A JPEG scan (baseline, colour) whose JFIF APP0 declares `dpi` (units 1 = dots per inch).
 * jpeg-js writes APP0 with units 0 and density 1:1, an aspect ratio only; the fields are at fixed
 * offsets right after SOI (JFIF 1.02, ITU-T T.871 §10.2), so they are set there.
 */
export function jpegScan(o: ScanOptions): Buffer {
  const grey = drawPage(o);
  const rgba = Buffer.alloc(o.width * o.height * 4);
  for (let i = 0; i < grey.length; i++) {
    const v = grey[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = Math.min(255, v + 3); // a faint tint, as scanners give
    rgba[i * 4 + 3] = 255;
  }
  const jpeg = Buffer.from(encodeJpeg({ width: o.width, height: o.height, data: rgba }, 80).data);
  if (jpeg.readUInt16BE(2) !== 0xffe0 || jpeg.toString('latin1', 6, 11) !== 'JFIF\0')
    throw new Error('jpeg-js no longer starts with a JFIF APP0 segment');
  jpeg[13] = 1; // units: dots per inch
  jpeg.writeUInt16BE(o.dpi, 14); // Xdensity
  jpeg.writeUInt16BE(o.dpi, 16); // Ydensity
  return jpeg;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG scan (8-bit greyscale, not interlaced) with a pHYs chunk declaring `dpi`. */
export function pngScan(o: ScanOptions): Buffer {
  const grey = drawPage(o);
  const raw = Buffer.alloc((o.width + 1) * o.height);
  for (let y = 0; y < o.height; y++) {
    raw[y * (o.width + 1)] = 0; // filter type None
    raw.set(grey.subarray(y * o.width, (y + 1) * o.width), y * (o.width + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(o.width, 0);
  ihdr.writeUInt32BE(o.height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const phys = Buffer.alloc(9);
  const perMetre = Math.round(o.dpi / 0.0254);
  phys.writeUInt32BE(perMetre, 0);
  phys.writeUInt32BE(perMetre, 4);
  phys[8] = 1; // unit: metre
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('pHYs', phys),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Hand-written PDFs

/**
 * A PDF of the given object bodies (object i+1 is `bodies[i]`), a classic cross-reference table
 * with exact offsets, and a trailer with `/Size`, `/Root 1 0 R` and `trailerExtra`.
 */
export function buildPdf(bodies: readonly (string | Buffer)[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(length);
    const obj = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof body === 'string' ? Buffer.from(body, 'latin1') : body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(obj);
    length += obj.length;
  });
  const xref =
    `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A well-formed PDF whose page tree is empty: `/Pages << /Kids [] /Count 0 >>`. */
export function pagelessPdf(): Buffer {
  return buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
}

function streamObject(dict: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

/** A one-page PDF that says `text`, unencrypted (the control for the encrypted one). */
export function plainPdf(text: string): Buffer {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    streamObject('', Buffer.from(`BT /F1 24 Tf 72 700 Td (${text}) Tj ET`, 'latin1')),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

/** RC4 (ARCFOUR), written out: OpenSSL 3 keeps it in the legacy provider. */
function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = Buffer.alloc(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 255;
    j = (j + s[i]!) & 255;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[n] = data[n]! ^ s[(s[i]! + s[j]!) & 255]!;
  }
  return out;
}

const md5 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** The password padding string (ISO 32000-1 §7.6.3.3, Algorithm 2 step a). */
const PASSWORD_PAD = Buffer.from(
  '28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a',
  'hex',
);
const padPassword = (pw: string) =>
  Buffer.concat([Buffer.from(pw, 'latin1'), PASSWORD_PAD]).subarray(0, 32);

/**
 * The one-page PDF of `plainPdf(text)` encrypted for real with the standard security handler,
 * revision 2 (40-bit RC4; ISO 32000-1 §7.6.3, Algorithms 1–4): empty user password (any reader
 * opens it), owner password "owner". Its content stream is ciphertext; qpdf and poppler read it.
 */
export function encryptedPdf(text: string): Buffer {
  const id = Buffer.from('c0fe00d5e1a2b3c4d5e6f708192a3b4c', 'hex');
  const permissions = -44; // printing and copying allowed, changes refused
  const o = rc4(md5(padPassword('owner')).subarray(0, 5), padPassword('')); // Algorithm 3
  const p = Buffer.alloc(4);
  p.writeInt32LE(permissions, 0);
  const fileKey = md5(padPassword(''), o, p, id).subarray(0, 5); // Algorithm 2
  const u = rc4(fileKey, PASSWORD_PAD); // Algorithm 4
  const objectKey = (num: number) =>
    md5(fileKey, Buffer.from([num & 255, (num >> 8) & 255, (num >> 16) & 255, 0, 0])).subarray(
      0,
      10,
    ); // Algorithm 1
  const content = rc4(
    objectKey(4),
    Buffer.from(`BT /F1 24 Tf 72 700 Td (${text}) Tj ET`, 'latin1'),
  );
  return buildPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      streamObject('', content),
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${o.toString('hex')}> /U <${u.toString('hex')}> /P ${permissions} >>`,
    ],
    `/Encrypt 6 0 R /ID [<${id.toString('hex')}> <${id.toString('hex')}>] `,
  );
}

// ---------------------------------------------------------------------------------------------
// Configuration

export interface HosoConfigFile {
  readonly system?: { name?: string; owner?: string; lookupBaseUrl?: string };
  readonly agency?: { code?: string; name?: string; place?: string };
  readonly officer?: { name?: string; title?: string };
  readonly registry?: string;
  readonly trust?: readonly string[];
  readonly lang?: 'vi' | 'en';
}

/** Writes `hoso.config.json` (or `name`) in `dir` and returns its path. */
export function writeHosoConfig(
  dir: string,
  config: HosoConfigFile,
  name = 'hoso.config.json',
): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(config, null, 2));
  return path;
}

// ---------------------------------------------------------------------------------------------
// Reading a copy back

export interface AttachedFile {
  readonly name: string;
  readonly bytes: Buffer;
  readonly subtype: string | null;
  readonly relationship: string | null;
  /** The MD5 /CheckSum of /Params, hex. */
  readonly checksum: string | null;
  readonly size: number | null;
}

const nameOf = (o: unknown): string | null => (o instanceof PDFName ? o.decodeText() : null);
const textOf = (o: unknown): string | null =>
  o instanceof PDFHexString || o instanceof PDFString ? o.decodeText() : null;

/**
 * The files in the catalog's /Names /EmbeddedFiles name tree (flat /Names arrays and /Kids),
 * their bytes decoded through their filters by pdf-lib.
 */
export async function embeddedFiles(pdf: Uint8Array): Promise<AttachedFile[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const ctx = doc.context;
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const tree = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const out: AttachedFile[] = [];
  const walk = (node: PDFDict) => {
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; pairs && i + 1 < pairs.size(); i += 2) {
      const spec = ctx.lookup(pairs.get(i + 1), PDFDict);
      const ef = spec.lookup(PDFName.of('EF'), PDFDict);
      const stream = ctx.lookup(ef.get(PDFName.of('UF')) ?? ef.get(PDFName.of('F')));
      if (!(stream instanceof PDFRawStream)) throw new Error('embedded file is not a stream');
      const params = stream.dict.lookupMaybe(PDFName.of('Params'), PDFDict);
      const size = params?.get(PDFName.of('Size'));
      out.push({
        name: textOf(pairs.lookup(i)) ?? '?',
        bytes: Buffer.from(decodePDFRawStream(stream).decode()),
        subtype: nameOf(stream.dict.get(PDFName.of('Subtype'))),
        relationship: nameOf(spec.get(PDFName.of('AFRelationship'))),
        checksum: (() => {
          const c = params?.get(PDFName.of('CheckSum'));
          if (c instanceof PDFHexString) return c.asString().toLowerCase();
          if (c instanceof PDFString) return Buffer.from(c.asString(), 'latin1').toString('hex');
          return null;
        })(),
        size: size === undefined ? null : Number(size.toString()),
      });
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookup(i, PDFDict));
  };
  if (tree) walk(tree);
  return out;
}

/** Number of pages, by pdf-lib. */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
}

// ---------------------------------------------------------------------------------------------
// Dates

/**
 * The statement's date line for an instant, worked out here on its own: the calendar date in
 * Vietnam (UTC+07:00, no daylight saving), day padded to two digits, month padded only in
 * January and February (Decree 30/2020/NĐ-CP Appendix I).
 */
export function vietnamDateLine(instant: string | Date): string {
  const t = new Date(new Date(instant).getTime() + 7 * 3600_000);
  const day = String(t.getUTCDate()).padStart(2, '0');
  const m = t.getUTCMonth() + 1;
  const month = m <= 2 ? `0${m}` : String(m);
  return `ngày ${day} tháng ${month} năm ${t.getUTCFullYear()}`;
}

/** The year in Vietnam at an instant (the year of the certification book). */
export function vietnamYear(instant: string | Date): number {
  return new Date(new Date(instant).getTime() + 7 * 3600_000).getUTCFullYear();
}
