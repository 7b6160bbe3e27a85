/**
 * Certified copies checked with outside tools (poppler-utils, qpdf, zbar-tools): the statement
 * reads back with pdftotext; every page of the original, rendered with pdftoppm, matches the
 * copy's page outside the statement band and the page-number strips — and those areas were
 * blank in the original, so nothing was drawn over it; the QR code decodes (zbarimg) to the
 * lookup URL; pdfimages gives back the scans' JPEG files byte for byte; pdfdetach gives back a
 * register copy's attachment; qpdf --check finds nothing wrong. Fails — never skips — when a tool
 * is missing (apt-get install poppler-utils qpdf zbar-tools).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import fontkit from '@pdf-lib/fontkit';
import { encode as encodeJpeg } from 'jpeg-js';
import { PDFArray, PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  composeCertifiedCopy,
  composeRegisterCopy,
  type CertificationStatementFields,
  type ComposedCopy,
  type PageRect,
} from '../../src/copy/index.js';
import { loadTinosBytes } from '../../src/layout/index.js';
import { requireTool, runTool } from '../support/external-tools.js';
import { SAMPLES } from '../support/paths.js';

const TOOLS = ['pdftotext', 'pdftoppm', 'pdfimages', 'pdfdetach', 'qpdf', 'zbarimg'];

const FIELDS: CertificationStatementFields = {
  number: 2718,
  book: '03',
  year: 2026,
  place: 'Đà Nẵng',
  date: new Date('2026-12-31T18:00:00Z'), // 1 January 2027, 01:00 in Vietnam
  officerName: 'Phạm Quỳnh Anh',
  officerTitle: 'Công chức Tư pháp - Hộ tịch',
  agencyName: 'Ủy ban nhân dân phường Hải Châu',
  lookupUrl: 'https://tra-cuu.danang.example.vn/c/W8N7K3M9Q2XD5RTB',
  lookupCodeDisplay: 'W8N7-K3M9-Q2XD-5RTB',
};

const dir = mkdtempSync(join(tmpdir(), 'hoso-copy-fidelity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// --- originals -------------------------------------------------------------------------------

function photo(width: number, height: number, seed: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * 4 + seed) & 0xff;
      data[i + 1] = (y * 3) & 0xff;
      data[i + 2] = 128 + ((x * y) % 100);
      data[i + 3] = 255;
    }
  }
  return new Uint8Array(encodeJpeg({ data, width, height }, 85).data);
}

/**
 * An A4 decision with everything in its top half: Vietnamese text in embedded Tinos, Latin
 * text in Helvetica, a photo, vector shapes, a filled-in form field — and, like some producers,
 * a `q` and a scaling left open at the end of the content.
 */
async function decision(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const tinos = await doc.embedFont(await loadTinosBytes('regular'), { subset: true });
  const bold = await doc.embedFont(await loadTinosBytes('bold'), { subset: true });
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const image = await doc.embedJpg(photo(120, 90, 7));
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { x: 150, y: 790, size: 13, font: bold });
  page.drawText('Độc lập - Tự do - Hạnh phúc', { x: 210, y: 772, size: 13, font: bold });
  page.drawLine({ start: { x: 210, y: 766 }, end: { x: 385, y: 766 }, thickness: 0.8 });
  page.drawText('QUYẾT ĐỊNH về việc công nhận kết quả', { x: 150, y: 730, size: 14, font: tinos });
  page.drawText('Decision no. 17/QD-UBND (Helvetica line)', {
    x: 85,
    y: 705,
    size: 11,
    font: helvetica,
  });
  page.drawImage(image, { x: 85, y: 540, width: 160, height: 120 });
  page.drawEllipse({
    x: 390,
    y: 600,
    xScale: 70,
    yScale: 50,
    borderWidth: 3,
    color: rgb(0.8, 0.1, 0.1),
  });
  const form = doc.getForm();
  const field = form.createTextField('nguoi_nhan');
  field.setText('Nguyen Van Binh');
  field.addToPage(page, { x: 85, y: 500, width: 220, height: 22 });
  // A producer that leaves the graphics state changed at the end of the page: what the copy
  // adds must not come out half-size and blue.
  const ctx = doc.context;
  page.node.normalize();
  const contents = page.node.Contents();
  if (!(contents instanceof PDFArray)) throw new Error('expected an array of content streams');
  contents.push(ctx.register(ctx.stream('q 0.5 0 0 0.5 0 0 cm 0 0 1 rg\n')));
  return doc.save();
}

/** Three Letter pages; the last is drawn down to its bottom edge, so the statement needs a page. */
async function report(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 1; i <= 3; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Report page ${i}`, { x: 72, y: 720, size: 18, font });
    for (let k = 0; k < (i === 3 ? 30 : 12); k++) {
      page.drawText(`Line ${k + 1}: the quick brown fox jumps over the lazy dog`, {
        x: 72,
        y: 690 - k * 22,
        size: 11,
        font,
      });
    }
    if (i === 3)
      page.drawRectangle({ x: 60, y: 15, width: 490, height: 20, color: rgb(0.3, 0.3, 0.6) });
  }
  return doc.save();
}

/** A PNG written chunk by chunk; odd rows use the Sub filter, so PNG predictors are exercised. */
function png(
  width: number,
  height: number,
  colorType: 0 | 2 | 3,
  bitDepth: number,
  rows: Uint8Array[],
  extra: { palette?: Uint8Array; ppm?: number } = {},
): Uint8Array {
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const bpp = Math.max(1, Math.ceil(((colorType === 2 ? 3 : 1) * bitDepth) / 8));
  const raw = Buffer.concat(
    rows.map((row, r) => {
      const f = Buffer.alloc(row.length + 1);
      f[0] = r % 2;
      for (let i = 0; i < row.length; i++) {
        f[i + 1] = r % 2 === 0 ? row[i]! : (row[i]! - (i >= bpp ? row[i - bpp]! : 0)) & 0xff;
      }
      return f;
    }),
  );
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = colorType;
  const phys = Buffer.alloc(9);
  phys.writeUInt32BE(extra.ppm ?? 3937, 0);
  phys.writeUInt32BE(extra.ppm ?? 3937, 4);
  phys[8] = 1;
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('pHYs', phys),
      ...(extra.palette ? [chunk('PLTE', extra.palette)] : []),
      chunk('IDAT', deflateSync(raw)),
      chunk('IEND', new Uint8Array()),
    ]),
  );
}

// --- tools -----------------------------------------------------------------------------------

function tools(): void {
  for (const t of TOOLS) requireTool(t);
}

function write(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

function text(pdfPath: string): string {
  const r = runTool('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']);
  expect(r.code, r.out).toBe(0);
  return r.out;
}

const flat = (s: string): string => s.replace(/\s+/g, ' ');

interface Gray {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** Page `page` (1-based) rendered by pdftoppm in grey at `dpi`, as a PGM read back. */
function render(pdfPath: string, page: number, dpi: number, tag: string): Gray {
  const prefix = join(dir, `${tag}-p${page}-r${dpi}`);
  const r = runTool('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdfPath,
    prefix,
  ]);
  expect(r.code, r.out).toBe(0);
  const file = readFileSync(`${prefix}.pgm`);
  // P5\n<w> <h>\n255\n<bytes>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 64).toString('latin1'));
  expect(header).not.toBeNull();
  const [whole, w, h] = header!;
  return {
    width: Number(w),
    height: Number(h),
    data: new Uint8Array(file.subarray(whole.length)),
  };
}

interface Comparison {
  readonly compared: number;
  readonly equal: number;
  readonly meanAbsDiff: number;
  readonly maxDiff: number;
  /** Pixels of the excluded areas that were not white in the original. */
  readonly inkUnderAdditions: number;
}

/**
 * Original and copy page pixel by pixel, leaving out the rectangles (PDF points on a page of
 * height `pageHeight` rendered at 72 dpi, grown by 2 px for anti-aliasing).
 */
function compare(a: Gray, b: Gray, excluded: readonly PageRect[], pageHeight: number): Comparison {
  expect(b.width).toBe(a.width);
  expect(b.height).toBe(a.height);
  const out = new Uint8Array(a.width * a.height);
  for (const [x, y, w, h] of excluded) {
    const x0 = Math.max(0, Math.floor(x) - 2);
    const x1 = Math.min(a.width, Math.ceil(x + w) + 2);
    const y0 = Math.max(0, Math.floor(pageHeight - (y + h)) - 2);
    const y1 = Math.min(a.height, Math.ceil(pageHeight - y) + 2);
    for (let py = y0; py < y1; py++) out.fill(1, py * a.width + x0, py * a.width + x1);
  }
  let compared = 0;
  let equal = 0;
  let sum = 0;
  let maxDiff = 0;
  let ink = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] === 1) {
      if (a.data[i]! < 250) ink++;
      continue;
    }
    const d = Math.abs(a.data[i]! - b.data[i]!);
    compared++;
    if (d === 0) equal++;
    sum += d;
    maxDiff = Math.max(maxDiff, d);
  }
  return { compared, equal, meanAbsDiff: sum / compared, maxDiff, inkUnderAdditions: ink };
}

/** Rectangles the copy added on `page` (1-based). */
function additions(copy: ComposedCopy, page: number): PageRect[] {
  const out = copy.footerBands.filter((f) => f.page === page).map((f) => f.rect);
  if (copy.statementPage === page) out.push(copy.statementBand);
  return out;
}

function qrOf(pdfPath: string, page: number): string {
  const prefix = join(dir, `qr-${page}`);
  const r = runTool('pdftoppm', [
    '-r',
    '150',
    '-gray',
    '-png',
    '-f',
    String(page),
    '-l',
    String(page),
    '-singlefile',
    pdfPath,
    prefix,
  ]);
  expect(r.code, r.out).toBe(0);
  const z = runTool('zbarimg', ['-q', '--raw', `${prefix}.png`]);
  expect(z.code, z.out).toBe(0);
  // zbarimg may complain about D-Bus on stderr; the symbol is the line that is a URL.
  return z.out.split('\n').find((l) => l.startsWith('http')) ?? '';
}

function qpdfCheck(pdfPath: string): void {
  const r = runTool('qpdf', ['--check', pdfPath]);
  expect(r.code, r.out).toBe(0);
  expect(r.out).toContain('No syntax or stream encoding errors found');
}

const figures: string[] = [];
afterAll(() => {
  if (figures.length > 0) console.log(`copy fidelity:\n${figures.join('\n')}`);
});

// --- tests -----------------------------------------------------------------------------------

describe('certified copy through poppler, zbar and qpdf', () => {
  it('a one-page original with room: statement on its page, pixels unchanged elsewhere', async () => {
    tools();
    const original = await decision();
    const copy = await composeCertifiedCopy(
      [{ kind: 'pdf', name: 'quyet-dinh.pdf', bytes: original }],
      FIELDS,
    );
    expect(copy.addedPage).toBe(false);
    const o = write('quyet-dinh.pdf', original);
    const c = write('quyet-dinh-ban-sao.pdf', copy.pdf);
    qpdfCheck(c);

    const all = flat(text(c));
    for (const line of [
      'CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH',
      'Số chứng thực: 2718 Quyển số: 03/2026-SCT/BS',
      'Đà Nẵng, ngày 01 tháng 01 năm 2027',
      'CÔNG CHỨC TƯ PHÁP - HỘ TỊCH',
      'Phạm Quỳnh Anh',
      'Ủy ban nhân dân phường Hải Châu',
      'W8N7-K3M9-Q2XD-5RTB',
      'Bản sao này gồm 1 trang.',
      'Trang 1/1',
      // the original's own text is still text
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Decision no. 17/QD-UBND (Helvetica line)',
    ]) {
      expect(all).toContain(line);
    }
    expect(all).toBe(all.normalize('NFC'));

    const before = render(o, 1, 72, 'orig');
    const after = render(c, 1, 72, 'copy');
    const cmp = compare(before, after, additions(copy, 1), 841.89);
    figures.push(
      `  one page: ${cmp.compared} px compared, ${((100 * cmp.equal) / cmp.compared).toFixed(3)} % equal, mean |Δ| ${cmp.meanAbsDiff.toFixed(4)}, max |Δ| ${cmp.maxDiff}, ink under additions ${cmp.inkUnderAdditions}`,
    );
    expect(cmp.equal / cmp.compared).toBeGreaterThanOrEqual(0.995);
    expect(cmp.meanAbsDiff).toBeLessThan(0.5);
    // Nothing of the original lay where the statement and the page number went.
    expect(cmp.inkUnderAdditions).toBe(0);

    expect(qrOf(c, 1)).toBe(FIELDS.lookupUrl);
  });

  it('a three-page original full at the bottom: statement on an added page, every page unchanged', async () => {
    tools();
    const original = await report();
    const copy = await composeCertifiedCopy(
      [{ kind: 'pdf', name: 'bao-cao.pdf', bytes: original }],
      FIELDS,
    );
    expect(copy.addedPage).toBe(true);
    expect(copy.pages).toBe(4);
    expect(copy.statementPage).toBe(4);
    const o = write('bao-cao.pdf', original);
    const c = write('bao-cao-ban-sao.pdf', copy.pdf);
    qpdfCheck(c);
    const all = flat(text(c));
    for (let i = 1; i <= 4; i++) {
      if (copy.footerBands.some((f) => f.page === i)) expect(all).toContain(`Trang ${i}/4`);
    }
    expect(all).toContain('Bản sao này gồm 4 trang.');
    for (let page = 1; page <= 3; page++) {
      const cmp = compare(
        render(o, page, 72, 'orig3'),
        render(c, page, 72, 'copy3'),
        additions(copy, page),
        792,
      );
      figures.push(
        `  report page ${page}: ${cmp.compared} px, ${((100 * cmp.equal) / cmp.compared).toFixed(3)} % equal, mean |Δ| ${cmp.meanAbsDiff.toFixed(4)}, max |Δ| ${cmp.maxDiff}, ink under additions ${cmp.inkUnderAdditions}`,
      );
      expect(cmp.equal / cmp.compared).toBeGreaterThanOrEqual(0.995);
      expect(cmp.meanAbsDiff).toBeLessThan(0.5);
      expect(cmp.inkUnderAdditions).toBe(0);
    }
    expect(qrOf(c, 4)).toBe(FIELDS.lookupUrl);
  });

  it('a signed original (samples/dossier-001): pages unchanged, signatures not carried over', async () => {
    tools();
    requireTool('pdfsig');
    const o = join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf');
    const original = new Uint8Array(readFileSync(o));
    expect(runTool('pdfsig', [o]).out).toContain('Signature #2');
    const copy = await composeCertifiedCopy(
      [{ kind: 'pdf', name: 'quyet-dinh.pdf', bytes: original }],
      FIELDS,
    );
    const c = write('quyet-dinh-ky-so-ban-sao.pdf', copy.pdf);
    qpdfCheck(c);
    // The copy is a new document: the original's signatures signed other bytes.
    expect(runTool('pdfsig', [c]).out).toContain('does not contain any signatures');
    for (let page = 1; page <= copy.pages; page++) {
      const before = render(o, page, 72, 'signed-orig');
      const cmp = compare(
        before,
        render(c, page, 72, 'signed-copy'),
        additions(copy, page),
        before.height,
      );
      figures.push(
        `  signed sample page ${page}: ${cmp.compared} px, ${((100 * cmp.equal) / cmp.compared).toFixed(3)} % equal, mean |Δ| ${cmp.meanAbsDiff.toFixed(4)}, max |Δ| ${cmp.maxDiff}, ink under additions ${cmp.inkUnderAdditions}`,
      );
      expect(cmp.equal / cmp.compared).toBeGreaterThanOrEqual(0.995);
      expect(cmp.meanAbsDiff).toBeLessThan(0.5);
      expect(cmp.inkUnderAdditions).toBe(0);
    }
    expect(qrOf(c, copy.statementPage)).toBe(FIELDS.lookupUrl);
  });

  it('scans: pdfimages gives back each JPEG file byte for byte', async () => {
    tools();
    const scans = [photo(413, 585, 1), photo(413, 585, 2)].map((bytes) => {
      // JFIF density 50 dpi: an A4-ish page of 210 × 297 mm.
      const b = Uint8Array.from(bytes);
      b[13] = 1;
      b[15] = 50;
      b[17] = 50;
      return b;
    });
    const copy = await composeCertifiedCopy(
      scans.map((bytes, i) => ({ kind: 'jpeg' as const, name: `trang-${i + 1}.jpg`, bytes })),
      FIELDS,
    );
    const c = write('scan-ban-sao.pdf', copy.pdf);
    qpdfCheck(c);
    const out = join(dir, 'extracted');
    const r = runTool('pdfimages', ['-all', c, out]);
    expect(r.code, r.out).toBe(0);
    const jpgs = readdirSync(dir)
      .filter((f) => f.startsWith('extracted') && f.endsWith('.jpg'))
      .sort();
    expect(jpgs).toHaveLength(2);
    jpgs.forEach((f, i) => {
      expect(Buffer.from(readFileSync(join(dir, f))).equals(Buffer.from(scans[i]!))).toBe(true);
    });
    expect(qrOf(c, copy.statementPage)).toBe(FIELDS.lookupUrl);
  });

  it('PNG scans: poppler decodes the unchanged image data to the very pixels written', async () => {
    tools();
    const w = 96;
    const h = 64;
    const rgb = Array.from({ length: h }, (_, y) => {
      const row = new Uint8Array(w * 3);
      for (let x = 0; x < w; x++) row.set([(x * 5) & 0xff, (y * 7) & 0xff, (x * y) & 0xff], x * 3);
      return row;
    });
    // 2-bit palette indices, 4 pixels a byte.
    const palette = Uint8Array.from([0, 0, 0, 200, 30, 30, 30, 160, 60, 250, 250, 250]);
    const indices = Array.from({ length: h }, (_, y) =>
      Uint8Array.from({ length: w / 4 }, (_, k) => {
        let b = 0;
        for (let j = 0; j < 4; j++) b = (b << 2) | ((4 * k + j + (y >> 3)) % 4);
        return b;
      }),
    );
    // 16-bit grey, big-endian.
    const grey16 = Array.from({ length: h }, (_, y) => {
      const row = new Uint8Array(w * 2);
      for (let x = 0; x < w; x++) {
        const v = (x * 683 + y * 331) & 0xffff;
        row[2 * x] = v >> 8;
        row[2 * x + 1] = v & 0xff;
      }
      return row;
    });
    const scans = [
      { name: 'rgb.png', bytes: png(w, h, 2, 8, rgb) },
      { name: 'palette.png', bytes: png(w, h, 3, 2, indices, { palette }) },
      { name: 'grey16.png', bytes: png(w, h, 0, 16, grey16) },
    ];
    const copy = await composeCertifiedCopy(
      scans.map((s) => ({ kind: 'png' as const, ...s })),
      FIELDS,
    );
    const c = write('png-ban-sao.pdf', copy.pdf);
    qpdfCheck(c);
    const expected = (page: number, x: number, y: number): number[] => {
      if (page === 1) return [...rgb[y]!.subarray(3 * x, 3 * x + 3)];
      if (page === 2) {
        const i = (indices[y]![x >> 2]! >> (6 - 2 * (x & 3))) & 3;
        return [...palette.subarray(3 * i, 3 * i + 3)];
      }
      const v = grey16[y]![2 * x]!;
      return [v, v, v];
    };
    for (let page = 1; page <= 3; page++) {
      const prefix = join(dir, `png-p${page}`);
      // Rendered at exactly 4 output pixels per image sample each way; the centre of each 4×4
      // block is the sample (a 1:1 rendering is resampled by half a pixel and blurs).
      const r = runTool('pdftoppm', [
        '-scale-to-x',
        String(4 * w),
        '-scale-to-y',
        String(4 * h),
        '-f',
        String(page),
        '-l',
        String(page),
        '-singlefile',
        c,
        prefix,
      ]);
      expect(r.code, r.out).toBe(0);
      const file = readFileSync(`${prefix}.ppm`);
      const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(file.subarray(0, 32).toString('latin1'))!;
      expect([Number(m[1]), Number(m[2])]).toEqual([4 * w, 4 * h]);
      const data = file.subarray(m[0].length);
      let worst = 0;
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const want = expected(page, x, y);
          for (let k = 0; k < 3; k++) {
            const at = ((4 * y + 2) * 4 * w + 4 * x + 2) * 3 + k;
            worst = Math.max(worst, Math.abs(data[at]! - want[k]!));
          }
        }
      }
      figures.push(`  PNG scan page ${page}: ${w}×${h} px, largest sample difference ${worst}`);
      // 16-bit samples are shown with 8 bits: one step of rounding.
      expect(worst).toBeLessThanOrEqual(page === 3 ? 1 : 0);
    }
  });

  it('register copy: the mark, the attachment line, and the attachment given back by pdfdetach', async () => {
    tools();
    const original = await report();
    const copy = await composeRegisterCopy(
      { kind: 'pdf', name: 'so-goc.pdf', bytes: original },
      {
        recordNumber: 77,
        dossierCode: '000.00.12.H29-261230-0003',
        title: 'Trích lục khai sinh',
        date: FIELDS.date,
        place: 'Đà Nẵng',
        agencyName: FIELDS.agencyName,
        signerTitle: 'TM. Ủy ban nhân dân',
        lookupUrl: FIELDS.lookupUrl,
        lookupCodeDisplay: FIELDS.lookupCodeDisplay,
        attachment: { name: 'trich-luc-goc.pdf', bytes: original, signed: true },
      },
    );
    const c = write('so-goc-ban-sao.pdf', copy.pdf);
    qpdfCheck(c);
    const all = flat(text(c));
    for (const line of [
      'BẢN SAO ĐIỆN TỬ ĐƯỢC CẤP TỪ SỔ GỐC',
      'Số bản ghi trong sổ gốc: 77 — Mã hồ sơ: 000.00.12.H29-261230-0003',
      'Trích lục khai sinh',
      'Đà Nẵng, ngày 01 tháng 01 năm 2027',
      'TM. ỦY BAN NHÂN DÂN',
      'Tệp gốc có chữ ký số được đính kèm trong bản sao này (tệp đính kèm: trich-luc-goc.pdf); kiểm tra bằng hoso verify',
    ]) {
      expect(all).toContain(line);
    }
    const list = runTool('pdfdetach', ['-list', c]);
    expect(list.code, list.out).toBe(0);
    expect(list.out).toContain('trich-luc-goc.pdf');
    const saved = join(dir, 'detached.pdf');
    const d = runTool('pdfdetach', ['-save', '1', '-o', saved, c]);
    expect(d.code, d.out).toBe(0);
    expect(Buffer.from(readFileSync(saved)).equals(Buffer.from(original))).toBe(true);
    expect(qrOf(c, copy.statementPage)).toBe(FIELDS.lookupUrl);
  });
});
