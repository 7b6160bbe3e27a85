/**
 * composePaper: one A4 sheet per page of the result (landscape kept, /Rotate and the crop box
 * honoured), the original scaled uniformly inside the Decree 30/2020 margins and never enlarged,
 * the QR code on the first sheet clear of the content, the footer on every sheet, annotations
 * painted by their flags, the conversion page's fields and signature table, every Vietnamese
 * letter read back, and bad inputs refused with their HosoError codes.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, StandardFonts, degrees } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { HosoError } from '../../../src/kernel/index.js';
import { loadTinosBytes } from '../../../src/layout/index.js';
import { composePaper, type PaperFields, type PaperResult } from '../../../src/paper/index.js';
import type { FileReport } from '../../../src/report/index.js';
import { encryptedPdf, pagelessPdf } from '../../support/copy-fixtures.js';
import { ALL_LETTERS } from '../layout/vietnamese-letters.js';
import { FAILED, FIELDS, SHA, UNSIGNED, VALID, paintedForms, pageText } from './paper-fixtures.js';

const MM = 72 / 25.4;
const A4P: [number, number] = [595.28, 841.89];

async function original(
  sizes: readonly (readonly [number, number])[],
  extra?: (doc: PDFDocument) => Promise<void> | void,
): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  sizes.forEach(([w, h], i) => {
    const page = doc.addPage([w, h]);
    page.drawRectangle({ x: 10, y: 10, width: w - 20, height: h - 20, borderWidth: 2 });
    page.drawText(`Page ${i + 1}`, { x: 40, y: h - 60, size: 20, font });
  });
  await extra?.(doc);
  return doc.save();
}

async function paper(
  bytes: Uint8Array,
  report: FileReport = UNSIGNED,
  fields: PaperFields = FIELDS,
): Promise<{ result: PaperResult; doc: PDFDocument }> {
  const result = await composePaper(bytes, 'ket-qua.pdf', report, fields);
  return { result, doc: await PDFDocument.load(result.pdf) };
}

const flat = (lines: readonly string[]): string => lines.join(' ').replace(/\s+/g, ' ');

describe('sheets and placement', () => {
  it('gives one A4 sheet per page plus the conversion page, landscape kept and rotation honoured', async () => {
    const bytes = await original([A4P, [A4P[1], A4P[0]], A4P, [297.64, 419.53]], (doc) => {
      doc.getPage(2).setRotation(degrees(90)); // shown landscape
    });
    const { result, doc } = await paper(bytes);
    expect(result.pages).toBe(5);
    expect(doc.getPageCount()).toBe(5);
    const sizes = doc.getPages().map((p) => [Math.round(p.getWidth()), Math.round(p.getHeight())]);
    expect(sizes).toEqual([
      [595, 842],
      [842, 595],
      [842, 595],
      [595, 842],
      [595, 842],
    ]);
    expect(result.contentAreas.map((a) => a.sourcePage)).toEqual([1, 2, 3, 4]);
  });

  it('scales uniformly, inside the margins and above the footer, never beyond 100 %', async () => {
    const displayed: [number, number][] = [
      [595.28, 841.89],
      [841.89, 595.28],
      [297.64, 419.53], // A6: smaller than the area, kept at its size
      [400, 1400], // a tall receipt
    ];
    const { result, doc } = await paper(await original(displayed));
    result.contentAreas.forEach((a, i) => {
      const [x, y, w, h] = a.rect;
      const [dw, dh] = displayed[i]!;
      expect(w / dw).toBeCloseTo(h / dh, 6);
      expect(w / dw).toBeLessThanOrEqual(1);
      const sheet = doc.getPage(a.page - 1);
      expect(x).toBeGreaterThanOrEqual(30 * MM - 1e-6);
      expect(x + w).toBeLessThanOrEqual(sheet.getWidth() - 15 * MM + 1e-6);
      // Above the bottom margin and a footer band of at least three 9 pt lines.
      expect(y).toBeGreaterThanOrEqual(20 * MM + 27);
      expect(y + h).toBeLessThanOrEqual(sheet.getHeight() - 20 * MM + 1e-6);
    });
    expect(result.contentAreas[2]!.rect[2]).toBeCloseTo(297.64, 6);
    // Set at the top of the area (after the first sheet, which has the QR code above it).
    for (const a of result.contentAreas.slice(1)) {
      expect(a.rect[1] + a.rect[3]).toBeCloseTo(doc.getPage(a.page - 1).getHeight() - 20 * MM, 6);
    }
  });

  it('shows the crop box only, turned by /Rotate', async () => {
    const bytes = await original([A4P], (doc) => {
      const p = doc.getPage(0);
      p.setCropBox(100, 200, 300, 400);
      p.setRotation(degrees(270));
    });
    const { result, doc } = await paper(bytes);
    const [, , w, h] = result.contentAreas[0]!.rect;
    expect(w / h).toBeCloseTo(400 / 300, 6); // turned: 400 wide, 300 tall
    expect(doc.getPage(0).getWidth()).toBeGreaterThan(doc.getPage(0).getHeight());
  });

  it('keeps a single content stream as its encoded bytes (no re-encoding)', async () => {
    const bytes = await original([A4P]);
    const src = await PDFDocument.load(bytes);
    const contents = src.context.lookup(src.getPage(0).node.get(PDFName.of('Contents')));
    const only = contents instanceof PDFArray ? src.context.lookup(contents.get(0)) : contents;
    expect(only).toBeInstanceOf(PDFRawStream);
    const encoded = (only as PDFRawStream).getContents();
    const { doc } = await paper(bytes);
    const found = doc.context
      .enumerateIndirectObjects()
      .some(
        ([, o]) =>
          o instanceof PDFRawStream &&
          o.dict.get(PDFName.of('Subtype')) === PDFName.of('Form') &&
          Buffer.from(o.getContents()).equals(Buffer.from(encoded)),
      );
    expect(found).toBe(true);
  });
});

describe('QR code and footer', () => {
  it('puts the QR code on the first sheet above the content, and the footer on every sheet', async () => {
    const { result, doc } = await paper(await original([A4P, A4P, A4P]));
    const first = paintedForms(doc, 0);
    expect(first.some((n) => n.startsWith('Qr'))).toBe(true);
    for (let i = 1; i < 3; i++)
      expect(paintedForms(doc, i).some((n) => n.startsWith('Qr'))).toBe(false);
    // The code's symbol (≥ 20 mm) starts 8 mm + quiet zone below the top: the content is below it.
    const [, y, , h] = result.contentAreas[0]!.rect;
    expect(y + h).toBeLessThanOrEqual(841.89 - 8 * MM - 20 * MM);
    for (let i = 0; i < 4; i++) {
      const text = flat(pageText(doc, i));
      expect(text).toContain('BẢN CHUYỂN ĐỔI TỪ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH ĐIỆN TỬ');
      expect(text).toContain(FIELDS.systemName);
      expect(text).toContain(FIELDS.systemOwner);
      expect(text).toContain(`Mã hồ sơ: ${FIELDS.dossierCode!}`);
      expect(text).toContain(`Mã kết quả: ${FIELDS.resultCode!}`);
      expect(text).toContain(`Mã tra cứu: ${FIELDS.lookupCodeDisplay}`);
      expect(text).toContain(`Trang ${i + 1}/4`);
    }
  });

  it('draws the QR code once per document', async () => {
    const { doc } = await paper(await original(Array.from({ length: 5 }, () => A4P)));
    const refs = new Set<string>();
    for (const i of [0, 5]) {
      const xo = doc.getPage(i).node.Resources()!.get(PDFName.of('XObject'));
      const dict = doc.context.lookup(xo) as unknown as { entries(): [PDFName, unknown][] };
      for (const [k, v] of dict.entries()) if (k.asString().startsWith('/Qr')) refs.add(String(v));
    }
    expect(refs.size).toBe(1);
  });

  it('uses a conversion mark the agency words', async () => {
    const { doc } = await paper(await original([A4P]), UNSIGNED, {
      ...FIELDS,
      mark: 'BẢN IN TỪ HỆ THỐNG',
    });
    expect(flat(pageText(doc, 0))).toContain('BẢN IN TỪ HỆ THỐNG');
    expect(flat(pageText(doc, 1))).toContain('BẢN IN TỪ HỆ THỐNG');
  });
});

describe('annotations', () => {
  it('paints filled form fields and stamps by their flags: Print, or shown on screen; never Hidden', async () => {
    const bytes = await original([A4P], async (doc) => {
      doc.registerFontkit(fontkit);
      const form = doc.getForm();
      const font = await doc.embedFont(await loadTinosBytes('regular'), { subset: true });
      const field = form.createTextField('hoTen');
      field.setText('Nguyễn Văn An');
      field.addToPage(doc.getPage(0), { x: 100, y: 500, width: 200, height: 24, font });
      form.updateFieldAppearances(font);
      const hidden = form.createTextField('an');
      hidden.setText('Không in');
      hidden.addToPage(doc.getPage(0), {
        x: 100,
        y: 400,
        width: 200,
        height: 24,
        font,
        hidden: true,
      });
      form.updateFieldAppearances(font);
    });
    const { doc } = await paper(bytes);
    const annots = paintedForms(doc, 0).filter((n) => n.startsWith('Annot'));
    expect(annots).toHaveLength(1);
    expect(flat(pageText(doc, 0))).toContain('Nguyễn Văn An');
    expect(flat(pageText(doc, 0))).not.toContain('Không in');
  });

  it('paints an annotation without the Print flag that a viewer shows, not a NoView one', async () => {
    const bytes = await original([A4P], (doc) => {
      const ctx = doc.context;
      const ap = (gray: number) =>
        ctx.register(
          ctx.stream(`${gray} g 0 0 10 10 re f`, {
            Type: 'XObject',
            Subtype: 'Form',
            BBox: [0, 0, 10, 10],
          }),
        );
      const annot = (flags: number) =>
        ctx.register(
          ctx.obj({
            Type: 'Annot',
            Subtype: 'Stamp',
            Rect: [50, 50, 150, 150],
            F: flags,
            AP: { N: ap(0.5) },
          }),
        );
      doc
        .getPage(0)
        .node.set(
          PDFName.of('Annots'),
          ctx.obj([annot(0), annot(32), annot(4 | 32), annot(2 | 4)]),
        );
    });
    const { doc } = await paper(bytes);
    // flags 0 (shown on screen) and Print|NoView (prints): two; NoView alone and Hidden: none.
    expect(paintedForms(doc, 0).filter((n) => n.startsWith('Annot'))).toHaveLength(2);
  });
});

describe('conversion page', () => {
  it('carries every field, the full SHA-256, the time in Vietnam, the seal area', async () => {
    const { doc } = await paper(await original([A4P]));
    const text = flat(pageText(doc, 1));
    for (const s of [
      'THÔNG TIN CHUYỂN ĐỔI',
      'BẢN CHUYỂN ĐỔI TỪ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH ĐIỆN TỬ',
      FIELDS.title,
      FIELDS.dossierCode!,
      FIELDS.resultCode!,
      FIELDS.procedureCode!,
      FIELDS.systemName,
      FIELDS.systemOwner,
      '25/11/2026 14:05',
      FIELDS.lookupCodeDisplay,
      FIELDS.lookupUrl,
      SHA,
      'Người chuyển đổi: Trần Thị Bình — Văn thư',
      '(Ký, ghi rõ họ tên)',
      '(Vùng đóng dấu)',
      'Trang 2/2',
    ]) {
      expect(text).toContain(s);
    }
    expect(paintedForms(doc, 1).some((n) => n.startsWith('Qr'))).toBe(true);
  });

  it('leaves out the seal area and absent codes when not asked for', async () => {
    const { doc } = await paper(await original([A4P]), UNSIGNED, {
      ...FIELDS,
      seal: false,
      resultCode: null,
      procedureCode: null,
      converterTitle: null,
    });
    const text = flat(pageText(doc, 1));
    expect(text).not.toContain('Vùng đóng dấu');
    expect(text).not.toContain('Mã kết quả');
    expect(text).not.toContain('Mã thủ tục');
    expect(text).toContain('Người chuyển đổi: Trần Thị Bình');
  });

  it('says plainly that an unsigned result has no digital signature', async () => {
    const { doc } = await paper(await original([A4P]), UNSIGNED);
    expect(flat(pageText(doc, 1))).toContain('Văn bản điện tử không có chữ ký số');
  });

  it('lists a valid signature with its signer, organisation, time and its source, verdict', async () => {
    const { doc } = await paper(await original([A4P]), VALID);
    const text = flat(pageText(doc, 1));
    expect(text).toContain('Nguyễn Văn An');
    expect(text).toContain('UBND Phường Hoàn Kiếm');
    expect(text).toContain('25/11/2026 10:00');
    expect(text).toMatch(/theo thời điểm người ký khai|người ký/);
    expect(text).toContain('HỢP LỆ');
    expect(text).not.toContain('KHÔNG HỢP LỆ');
  });

  it('shows a failed signature as KHÔNG HỢP LỆ with its reason', async () => {
    const { doc } = await paper(await original([A4P]), FAILED);
    const text = flat(pageText(doc, 1));
    expect(text).toContain('KHÔNG HỢP LỆ');
    expect(text.toLowerCase()).toMatch(/băm|thay đổi|không khớp/);
  });

  it('keeps the conversion page to one sheet for several failed signatures, setting the table denser', async () => {
    const failed = FAILED.signatures[0]!;
    const several: FileReport = {
      ...FAILED,
      signatures: Array.from({ length: 3 }, (_, i) => ({ ...failed, index: i })),
    };
    const { result, doc } = await paper(await original([A4P]), several);
    expect(result.pages).toBe(2);
    const text = flat(pageText(doc, 1));
    expect(text.match(/KHÔNG HỢP LỆ/g)).toHaveLength(3);
    expect(text).not.toContain('(tiếp theo)');
  });

  it('continues on another page when the signature table is long', async () => {
    const many: FileReport = {
      ...VALID,
      signatures: Array.from({ length: 12 }, (_, i) => ({ ...VALID.signatures[0]!, index: i })),
    };
    const { result, doc } = await paper(await original([A4P]), many);
    expect(result.pages).toBeGreaterThan(2);
    expect(flat(pageText(doc, 2))).toContain('THÔNG TIN CHUYỂN ĐỔI (tiếp theo)');
    expect(flat(pageText(doc, result.pages - 1))).toContain(
      `Trang ${result.pages}/${result.pages}`,
    );
  });

  it('reads back every Vietnamese letter, all tones on all vowels, both cases, đ and Đ', async () => {
    const title = ALL_LETTERS.join(' ');
    const { doc } = await paper(await original([A4P]), UNSIGNED, { ...FIELDS, title });
    const text = pageText(doc, 1).join(' ').replace(/\s+/g, '');
    expect(text).toContain(ALL_LETTERS.join(''));
    expect(doc.getTitle()).toBe(title);
  });
});

describe('bad inputs', () => {
  const code = async (bytes: Uint8Array): Promise<unknown> => {
    try {
      await composePaper(bytes, 'ket-qua.pdf', UNSIGNED, FIELDS);
    } catch (e) {
      expect(e).toBeInstanceOf(HosoError);
      expect((e as HosoError).params['path']).toBe('ket-qua.pdf');
      return (e as HosoError).code;
    }
    return 'no error';
  };

  it('refuses a non-PDF, an encrypted PDF, a pageless PDF and a damaged one', async () => {
    expect(await code(new TextEncoder().encode('PK\u0003\u0004 not a pdf'))).toBe('NOT_A_PDF');
    expect(await code(new Uint8Array(encryptedPdf('mat khau')))).toBe('PDF_ENCRYPTED');
    expect(await code(new Uint8Array(pagelessPdf()))).toBe('PDF_NO_PAGES');
    expect(await code(new TextEncoder().encode('%PDF-1.7\nthis is not a pdf at all'))).toBe(
      'PDF_MALFORMED',
    );
  });
});
