/**
 * Certified copies of PDF originals: pages copied unchanged (content streams, fonts and images
 * byte-identical), the statement band where the last page has room and on an added page where it
 * has none, page numbers only on free strips, form fields and signatures not carried over, and
 * the refusals (encrypted, no pages, unreadable). Originals are generated here with pdf-lib.
 */
import { createHash } from 'node:crypto';
import fontkit from '@pdf-lib/fontkit';
import { encode as encodeJpeg } from 'jpeg-js';
import { PDFDocument, StandardFonts, degrees, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_COPY_TEMPLATE,
  composeCertifiedCopy,
  parseCopyTemplate,
  type CertificationStatementFields,
  type ComposedCopy,
  type OriginalInput,
  type PageRect,
} from '../../../src/copy/index.js';
import { BufferSource, HosoError } from '../../../src/kernel/index.js';
import { loadTinosBytes } from '../../../src/layout/index.js';
import {
  PdfDict,
  PdfName,
  PdfStream,
  isPdfArray,
  openPdf,
  type PdfFile,
} from '../../../src/pdf/index.js';
import { decodeCids, parseBfChar } from '../layout/to-unicode.js';

const FIELDS: CertificationStatementFields = {
  number: 1234,
  book: '02',
  year: 2026,
  place: 'Thành phố Hồ Chí Minh',
  date: new Date('2026-01-09T17:30:00Z'), // 10 January 2026 in Vietnam (00:30)
  officerName: 'Nguyễn Thị Thu Hương',
  officerTitle: 'Phó Chủ tịch',
  agencyName: 'Ủy ban nhân dân phường Sài Gòn',
  lookupUrl: 'https://tra-cuu.example.vn/c/7K3M9Q2XWD5RTB8N',
  lookupCodeDisplay: '7K3M-9Q2X-WD5R-TB8N',
};

const A4: [number, number] = [595.28, 841.89];

function photo(width: number, height: number): Uint8Array {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++)
    data.writeUInt32BE(((i * 2654435761) >>> 8) | 0xff, i * 4);
  return new Uint8Array(encodeJpeg({ data, width, height }, 75).data);
}

/** An A4 original: text in Helvetica and in Tinos (embedded), a photo, shapes — all high up. */
async function topOnlyOriginal(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const helvetica = await doc.embedFont(StandardFonts.Helvetica);
  const tinos = await doc.embedFont(await loadTinosBytes('regular'), { subset: true });
  const image = await doc.embedJpg(photo(64, 48));
  const page = doc.addPage(A4);
  page.drawText('GIẤY XÁC NHẬN', { x: 200, y: 780, size: 16, font: tinos });
  page.drawText('Original body text', { x: 72, y: 740, size: 12, font: helvetica });
  page.drawImage(image, { x: 72, y: 560, width: 160, height: 120 });
  page.drawRectangle({
    x: 300,
    y: 560,
    width: 200,
    height: 120,
    borderWidth: 2,
    color: rgb(0.9, 0.8, 0.1),
  });
  return doc.save({ useObjectStreams: true });
}

/** Three Letter-size pages; the last one is full from its heading down to its bottom edge. */
async function fullLastPageOriginal(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 1; i <= 3; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Page ${i} heading`, { x: 72, y: 720, size: 14, font });
    if (i === 3) {
      page.drawRectangle({ x: 40, y: 20, width: 530, height: 680, color: rgb(0.2, 0.5, 0.3) });
    }
  }
  return doc.save();
}

const pdfInput = (name: string, bytes: Uint8Array): OriginalInput => ({ kind: 'pdf', name, bytes });

// --- reading PDFs with src/pdf ---------------------------------------------------------------

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function streams(pdf: PdfFile): PdfStream[] {
  const out: PdfStream[] = [];
  for (let n = 1; n < pdf.size; n++) {
    const o = pdf.getObject(n);
    if (o instanceof PdfStream) out.push(o);
  }
  return out;
}

/** Raw (still encoded) bytes of each image, font program and page content stream. */
function pageMaterial(pdf: PdfFile): { images: string[]; fonts: string[]; contents: string[] } {
  const images: string[] = [];
  const fonts: string[] = [];
  const contents: string[] = [];
  for (const s of streams(pdf)) {
    if (s.dict.getName('Subtype') === 'Image') images.push(sha(pdf.readStreamData(s)));
  }
  for (let n = 1; n < pdf.size; n++) {
    const o = pdf.getObject(n);
    if (o instanceof PdfDict && o.has('FontFile2')) {
      fonts.push(sha(pdf.readStreamData(pdf.resolve(o.get('FontFile2')) as PdfStream)));
    }
  }
  for (const { dict } of pdf.pages()) {
    const c = pdf.resolve(dict.get('Contents'));
    for (const ref of isPdfArray(c) ? c : [dict.get('Contents')]) {
      const s = pdf.resolve(ref);
      if (s instanceof PdfStream) contents.push(sha(pdf.readStreamData(s)));
    }
  }
  return { images, fonts, contents };
}

function open(bytes: Uint8Array): PdfFile {
  return openPdf(new BufferSource(bytes));
}

/** Text of every hex-string Tj on a page, decoded through its fonts' ToUnicode maps. */
function pageText(pdf: PdfFile, pageIndex: number): string[] {
  const dict = pdf.pages()[pageIndex]!.dict;
  const fonts = pdf.lookupDict(pdf.lookupDict(dict.get('Resources'))?.get('Font'));
  const maps = new Map<string, Map<number, string>>();
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = pdf.lookupDict(ref);
    const tu = font === undefined ? undefined : pdf.resolve(font.get('ToUnicode'));
    if (tu instanceof PdfStream) {
      maps.set(
        name,
        parseBfChar(Buffer.from(pdf.readStreamData(tu, { decode: true })).toString('latin1')),
      );
    }
  }
  const c = pdf.resolve(dict.get('Contents'));
  const text = (isPdfArray(c) ? c : [dict.get('Contents')])
    .map((r) =>
      Buffer.from(pdf.readStreamData(pdf.resolve(r) as PdfStream, { decode: true })).toString(
        'latin1',
      ),
    )
    .join('\n');
  const out: string[] = [];
  let font = '';
  for (const m of text.matchAll(/\/(\S+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g)) {
    if (m[1] !== undefined) font = m[1];
    else if (maps.has(font)) out.push(decodeCids(m[2] ?? '', maps.get(font)!));
  }
  return out;
}

const inside = (r: PageRect, band: PageRect): boolean =>
  r[0] >= band[0] - 0.01 &&
  r[1] >= band[1] - 0.01 &&
  r[0] + r[2] <= band[0] + band[2] + 0.01 &&
  r[1] + r[3] <= band[1] + band[3] + 0.01;

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

/** A classic PDF from object bodies (1-based), with a correct cross-reference table. */
function handMadePdf(objects: string[], trailer: string): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

// --- tests -----------------------------------------------------------------------------------

describe('certified copy of a PDF original', () => {
  let topOnly: Promise<{ original: Uint8Array; copy: ComposedCopy }> | undefined;
  const composedTopOnly = (): Promise<{ original: Uint8Array; copy: ComposedCopy }> =>
    (topOnly ??= (async () => {
      const original = await topOnlyOriginal();
      return {
        original,
        copy: await composeCertifiedCopy([pdfInput('giay.pdf', original)], FIELDS),
      };
    })());

  it('puts the statement below the lowest content of the last page when there is room', async () => {
    const { copy } = await composedTopOnly();
    expect(copy.pages).toBe(1);
    expect(copy.addedPage).toBe(false);
    expect(copy.statementPage).toBe(1);
    const [x, y, w, h] = copy.statementBand;
    // The lowest content is the photo and the framed box at y = 560 (frame 2 pt wide).
    expect(y + h).toBeLessThan(558);
    expect(y).toBeGreaterThanOrEqual(DEFAULT_COPY_TEMPLATE.band.marginBottom * (72 / 25.4) - 0.01);
    expect(x).toBeGreaterThan(0);
    expect(x + w).toBeLessThan(A4[0]);
    expect(copy.footerBands).toHaveLength(1);
    expect(copy.footerBands[0]!.rect[1] + copy.footerBands[0]!.rect[3]).toBeLessThan(y);
  });

  it('returns the two signature boxes inside the band, the seal beside the signature (not over its words)', async () => {
    const { copy } = await composedTopOnly();
    const officer = copy.officerSignature.rect;
    const agency = copy.agencySignature.rect;
    expect(copy.officerSignature.page).toBe(1);
    expect(copy.agencySignature.page).toBe(1);
    expect(inside(officer, copy.statementBand)).toBe(true);
    expect(inside(agency, copy.statementBand)).toBe(true);
    expect(agency[0]).toBeLessThan(officer[0]);
    // Side by side by default (signature.sealOverlap 0): both appearances are text boxes.
    expect(agency[0] + agency[2]).toBeLessThanOrEqual(officer[0] + 0.01);
    expect(officer[2]).toBeGreaterThan(100);
    expect(officer[3]).toBeGreaterThan(40);
  });

  it('copies page content, fonts and images byte for byte', async () => {
    const { original, copy } = await composedTopOnly();
    const before = pageMaterial(open(original));
    const after = pageMaterial(open(copy.pdf));
    expect(before.images).toHaveLength(1);
    expect(before.fonts).toHaveLength(1);
    for (const h of before.images) expect(after.images).toContain(h);
    for (const h of before.fonts) expect(after.fonts).toContain(h);
    for (const h of before.contents) expect(after.contents).toContain(h);
  });

  it('writes the statement in Tinos with a ToUnicode map: every line reads back', async () => {
    const { copy } = await composedTopOnly();
    const pdf = open(copy.pdf);
    const lines = pageText(pdf, 0);
    expect(lines).toContain('CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH');
    expect(lines).toContain('Số chứng thực: 1234   Quyển số: 02/2026-SCT/BS');
    expect(lines).toContain('Thành phố Hồ Chí Minh, ngày 10 tháng 01 năm 2026');
    expect(lines).toContain('PHÓ CHỦ TỊCH');
    expect(lines).toContain('Nguyễn Thị Thu Hương');
    // The agency's name may wrap in its column.
    expect(lines.join(' ')).toContain('Ủy ban nhân dân phường Sài Gòn');
    expect(lines).toContain('7K3M-9Q2X-WD5R-TB8N');
    expect(lines).toContain('Bản sao này gồm 1 trang.');
    expect(lines).toContain('Trang 1/1');
    const fonts = fontNames(pdf);
    // The original's own Tinos subset is kept as it was; the statement has its own.
    expect(fonts.filter((f) => f.includes('Tinos-Regular'))).toHaveLength(2);
    expect(fonts.filter((f) => f.includes('Tinos-Bold'))).toHaveLength(1);
    expect(fonts.filter((f) => f.includes('Tinos-Italic'))).toHaveLength(1);
  });

  it('closes off the original content before its own (the original may leave q open)', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage(A4);
    page.drawRectangle({ x: 72, y: 700, width: 100, height: 100 });
    page.pushOperators(); // nothing; content below set by hand
    const ctx = doc.context;
    const { PDFName } = await import('pdf-lib');
    page.node.set(
      PDFName.of('Contents'),
      ctx.register(ctx.stream('q q 0.5 0 0 0.5 0 0 cm 1 0 0 rg 100 1500 200 100 re f')),
    );
    const copy = await composeCertifiedCopy([pdfInput('open.pdf', await doc.save())], FIELDS);
    expect(copy.addedPage).toBe(false);
    const pdf = open(copy.pdf);
    const contents = pdf.resolve(pdf.pages()[0]!.dict.get('Contents'));
    expect(isPdfArray(contents)).toBe(true);
    const texts = (contents as unknown[]).map((r) =>
      Buffer.from(
        pdf.readStreamData(pdf.resolve(r as never) as PdfStream, { decode: true }),
      ).toString('latin1'),
    );
    const ours = texts.findIndex((t) => t.startsWith('Q\nQ\nQ\n'));
    expect(ours).toBeGreaterThan(0);
    expect(texts.some((t, i) => i < ours && t.trim() === 'q')).toBe(true);
  });

  it('adds a page of the same size when the last page has no room, and numbers the pages', async () => {
    const original = await fullLastPageOriginal();
    const copy = await composeCertifiedCopy([pdfInput('ba-trang.pdf', original)], FIELDS);
    expect(copy.pages).toBe(4);
    expect(copy.addedPage).toBe(true);
    expect(copy.statementPage).toBe(4);
    const pdf = open(copy.pdf);
    const box = pdf.resolve(pdf.pages()[3]!.dict.get('MediaBox')) as number[];
    expect(box).toEqual([0, 0, 612, 792]);
    // On the added page the band sits at the top, under the top margin.
    const [, y, , h] = copy.statementBand;
    expect(y + h).toBeCloseTo(792 - DEFAULT_COPY_TEMPLATE.band.marginTop * (72 / 25.4), 3);
    // Pages 1–2 have a free bottom strip; page 3 is full at the bottom but free at the top.
    expect(copy.footerBands.map((f) => f.page)).toEqual([1, 2, 3, 4]);
    expect(copy.footerBands[2]!.rect[1]).toBeGreaterThan(700);
    expect(pageText(pdf, 0)).toContain('Trang 1/4');
    expect(pageText(pdf, 2)).toContain('Trang 3/4');
    expect(pageText(pdf, 3)).toContain('Bản sao này gồm 4 trang.');
  });

  it('adds a page when the last page is rotated, sized as it is seen', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage([400, 600]);
    page.setRotation(degrees(90));
    page.drawText('x', { x: 10, y: 590, size: 8 });
    const copy = await composeCertifiedCopy([pdfInput('xoay.pdf', await doc.save())], FIELDS);
    expect(copy.addedPage).toBe(true);
    const pdf = open(copy.pdf);
    const box = pdf.resolve(pdf.pages()[1]!.dict.get('MediaBox')) as number[];
    expect(box).toEqual([0, 0, 600, 400]);
    // No page number on the rotated page: it would appear sideways.
    expect(copy.footerBands.map((f) => f.page)).toEqual([2]);
  });

  it('flattens form fields and does not carry the original signatures', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    const page = doc.addPage(A4);
    const form = doc.getForm();
    const field = form.createTextField('ho_ten');
    field.setText('Le Van C');
    field.addToPage(page, { x: 72, y: 700, width: 200, height: 24 });
    const bytes = await doc.save();
    const copy = await composeCertifiedCopy([pdfInput('form.pdf', bytes)], FIELDS);
    const pdf = open(copy.pdf);
    expect(pdf.catalog().has('AcroForm')).toBe(false);
    const pageDict = pdf.pages()[0]!.dict;
    const annots = pdf.resolve(pageDict.get('Annots'));
    expect(annots === undefined || (isPdfArray(annots) && annots.length === 0)).toBe(true);
    for (let n = 1; n < pdf.size; n++) {
      const o = pdf.getObject(n);
      const d = o instanceof PdfStream ? o.dict : o instanceof PdfDict ? o : undefined;
      expect(d?.getName('Subtype')).not.toBe('Widget');
      expect(d?.getName('FT')).toBeUndefined();
    }
    // The field's appearance is drawn in the page: a form XObject under /XObject.
    const xobjects = pdf.lookupDict(pdf.lookupDict(pageDict.get('Resources'))?.get('XObject'));
    const names = [...(xobjects?.keys() ?? [])];
    expect(names.some((n) => n.startsWith('HosoFlat'))).toBe(true);
    // The band still stays clear of the field's rectangle (y 700–724).
    expect(copy.statementBand[1] + copy.statementBand[3]).toBeLessThan(700);
  });

  it('is the same bytes for the same inputs', async () => {
    const original = await fullLastPageOriginal();
    const a = await composeCertifiedCopy([pdfInput('a.pdf', original)], FIELDS);
    const b = await composeCertifiedCopy([pdfInput('a.pdf', original)], FIELDS);
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    const pdf = open(a.pdf);
    const info = pdf.lookupDict(pdf.trailer.get('Info'))!;
    expect(info.get('Producer')).toBeDefined();
    expect(pdf.xrefKind).toBe('table');
  });

  it('follows a template: wording and sizes', async () => {
    const template = parseCopyTemplate(
      {
        texts: {
          certifyNumberLine: 'Số chứng thực {number}, quyển số {book}/{year}-SCT/BS',
          pagesLine: 'Gồm {pages} trang',
        },
        band: { minHeight: 120 },
      },
      'mau.json',
    );
    const original = await topOnlyOriginal();
    const copy = await composeCertifiedCopy([pdfInput('t.pdf', original)], FIELDS, template);
    const lines = pageText(open(copy.pdf), 0);
    expect(lines).toContain('Số chứng thực 1234, quyển số 02/2026-SCT/BS');
    expect(lines).toContain('Gồm 1 trang');
    expect(copy.statementBand[3]).toBeGreaterThanOrEqual(120 * (72 / 25.4) - 0.01);
  });

  it('refuses an encrypted PDF, a PDF without pages and an unreadable one', async () => {
    const encrypted = handMadePdf(
      [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
        `<< /Filter /Standard /V 1 /R 2 /P -4 /O <${'00'.repeat(32)}> /U <${'00'.repeat(32)}> >>`,
      ],
      `/Root 1 0 R /Encrypt 4 0 R /ID [<${'11'.repeat(16)}> <${'11'.repeat(16)}>]`,
    );
    let e = await refused(pdfInput('mat-khau.pdf', encrypted));
    expect(e.code).toBe('PDF_ENCRYPTED');

    const empty = await (await PDFDocument.create()).save({ addDefaultPage: false });
    e = await refused(pdfInput('rong.pdf', empty));
    expect(e.code).toBe('PDF_NO_PAGES');

    e = await refused(
      pdfInput('hong.pdf', new TextEncoder().encode('%PDF-1.7\nthis is not a PDF\n')),
    );
    expect(e.code).toBe('PDF_MALFORMED');
    expect(e.message).toContain('hong.pdf');

    await expect(composeCertifiedCopy([], FIELDS)).rejects.toMatchObject({ code: 'USAGE' });
  });
});

function fontNames(pdf: PdfFile): string[] {
  const out: string[] = [];
  for (let n = 1; n < pdf.size; n++) {
    const o = pdf.getObject(n);
    if (o instanceof PdfDict && o.getName('Subtype') === 'Type0') {
      const base = o.get('BaseFont');
      if (base instanceof PdfName) out.push(base.name);
    }
  }
  return out;
}
