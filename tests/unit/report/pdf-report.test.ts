import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renderPdfReport } from '../../../src/report/index.js';
import {
  GENERATED_AT,
  dossierReport,
  noChainFile,
  report,
  twoSignaturesFile,
} from './report-fixtures.js';

const A4 = { width: 595.28, height: 841.89 };

async function pages(bytes: Uint8Array): Promise<PDFDocument> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    expect(width).toBeCloseTo(A4.width, 1);
    expect(height).toBeCloseTo(A4.height, 1);
  }
  return doc;
}

describe('renderPdfReport', () => {
  it('writes a PDF that pdf-lib reads back, on A4 pages, with fixed metadata', async () => {
    const bytes = await renderPdfReport(dossierReport, { lang: 'vi', generatedAt: GENERATED_AT });
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const doc = await pages(bytes);
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(3);
    expect(doc.getTitle()).toBe('BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ');
    expect(doc.getCreationDate()?.toISOString()).toBe(GENERATED_AT.toISOString());
    expect(doc.getModificationDate()?.toISOString()).toBe(GENERATED_AT.toISOString());
    // Tinos embedded as TrueType programs (FontFile2), not standard-14 fonts.
    const fonts: string[] = [];
    let programs = 0;
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict)) continue;
      const base = object.get(PDFName.of('BaseFont'));
      if (object.get(PDFName.of('Subtype')) === PDFName.of('Type0') && base instanceof PDFName) {
        fonts.push(base.decodeText());
      }
      if (object.get(PDFName.of('FontFile2')) !== undefined) programs++;
    }
    // Subset fonts, named with a six-letter tag (ISO 32000-1 §9.6.4).
    for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+Tinos-/);
    expect(fonts.map((f) => f.slice(7)).sort()).toEqual([
      'Tinos-Bold',
      'Tinos-BoldItalic',
      'Tinos-Italic',
      'Tinos-Regular',
    ]);
    expect(programs).toBe(4);
  });

  it('is byte-for-byte the same for the same input', async () => {
    const a = await renderPdfReport(dossierReport, { lang: 'vi', generatedAt: GENERATED_AT });
    const b = await renderPdfReport(dossierReport, { lang: 'vi', generatedAt: GENERATED_AT });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('flows many files and signatures over many pages', async () => {
    const files = Array.from({ length: 40 }, (_, i) => ({
      ...(i % 2 === 0 ? twoSignaturesFile : noChainFile),
      path: `ho-so/${String(i).padStart(3, '0')}/một-tên-tệp-rất-dài-không-có-dấu-cách-để-thử-ngắt-dòng-${i}.pdf`,
    }));
    const bytes = await renderPdfReport(report(files), { lang: 'vi', generatedAt: GENERATED_AT });
    const doc = await pages(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(20);
  });

  it('renders English, an agency header and an officer, and an empty report', async () => {
    const en = await renderPdfReport(dossierReport, {
      lang: 'en',
      generatedAt: GENERATED_AT,
      agency: 'UBND Phường Hoàn Kiếm',
      place: 'Hà Nội',
      officer: { name: 'Trần Thị Bình', title: 'Văn thư' },
      title: 'VERIFICATION REPORT — DOSSIER 000.00.12.H29-261125-0007',
    });
    expect((await pages(en)).getTitle()).toBe(
      'VERIFICATION REPORT — DOSSIER 000.00.12.H29-261125-0007',
    );
    const empty = await renderPdfReport(report([]), { lang: 'vi', generatedAt: GENERATED_AT });
    expect((await pages(empty)).getPageCount()).toBe(1);
  });
});
