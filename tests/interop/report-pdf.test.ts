/**
 * The printable verification report (biên bản kiểm tra chữ ký số) read back by poppler: the
 * Vietnamese sentences and names come out of pdftotext exactly (NFC, every diacritic through
 * the subset font's ToUnicode map), and pdftoppm renders the first page as an A4 image with ink
 * on it. Requires poppler-utils; fails — never skips — without it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPdfReport } from '../../src/report/index.js';
import { requireTool, runTool } from '../support/external-tools.js';
import { GENERATED_AT, dossierReport } from '../unit/report/report-fixtures.js';

interface Rendered {
  readonly dir: string;
  readonly pdfPath: string;
  /** `pdftotext` in reading order. */
  readonly text: string;
  /** `pdftotext -layout`: a label and its value stay on one line. */
  readonly layoutText: string;
  readonly pageCount: number;
}

let pending: Promise<Rendered> | undefined;

/**
 * Renders and extracts once; each test awaits it, so a missing tool fails every test (a
 * failing beforeAll would report them as skipped).
 */
function rendered(): Promise<Rendered> {
  pending ??= (async () => {
    for (const tool of ['pdftotext', 'pdftoppm', 'pdfinfo']) requireTool(tool);
    const dir = mkdtempSync(join(tmpdir(), 'hoso-report-pdf-'));
    const pdfPath = join(dir, 'bien-ban.pdf');
    const bytes = await renderPdfReport(dossierReport, { lang: 'vi', generatedAt: GENERATED_AT });
    writeFileSync(pdfPath, bytes);
    const plain = runTool('pdftotext', ['-enc', 'UTF-8', pdfPath, '-']);
    const layout = runTool('pdftotext', ['-layout', '-enc', 'UTF-8', pdfPath, '-']);
    const info = runTool('pdfinfo', [pdfPath]);
    if (plain.code !== 0 || layout.code !== 0 || info.code !== 0) {
      throw new Error(`poppler failed: ${plain.out}\n${layout.out}\n${info.out}`);
    }
    return {
      dir,
      pdfPath,
      text: plain.out,
      layoutText: layout.out,
      pageCount: Number(/^Pages:\s+(\d+)/m.exec(info.out)?.[1]),
    };
  })();
  return pending;
}

afterAll(async () => {
  const r = await pending?.catch(() => undefined);
  if (r) rmSync(r.dir, { recursive: true, force: true });
});

/** pdftotext breaks wrapped lines; compare with single spaces. */
const flat = (s: string): string => s.replace(/\s+/g, ' ');

describe('verification report PDF through poppler', () => {
  it('extracts as NFC text', async () => {
    const { text, layoutText } = await rendered();
    expect(text.length).toBeGreaterThan(1000);
    expect(text).toBe(text.normalize('NFC'));
    expect(layoutText).toBe(layoutText.normalize('NFC'));
  });

  it('carries the national motto, the title and the page numbers', async () => {
    const { text, pageCount } = await rendered();
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ',
      'Ngày 25 tháng 11 năm 2026',
      'NGƯỜI KIỂM TRA',
      '(Ký, ghi rõ họ tên)',
    ]) {
      expect(line).toBe(line.normalize('NFC'));
      expect(text).toContain(line);
    }
    expect(pageCount).toBeGreaterThan(1);
    for (let i = 1; i <= pageCount; i++) expect(text).toContain(`Trang ${i}/${pageCount}`);
  });

  it('states every verdict in Vietnamese, with the reasons and the advice', async () => {
    const { layoutText } = await rendered();
    const all = flat(layoutText);
    for (const sentence of [
      'HỢP LỆ — Chữ ký số hợp lệ.',
      'KHÔNG HỢP LỆ — Chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký.',
      'CHƯA XÁC ĐỊNH — Chưa xác định được chữ ký số có hợp lệ hay không: không dựng được chuỗi chứng thư tới một gốc tin cậy.',
      'không ký — Tệp không có chữ ký số.',
      'Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp với chữ ký)',
      'Không dựng được chuỗi chứng thư tới một gốc tin cậy (thiếu CA trung gian "Viettel-CA SHA2")',
      '→ Thêm chứng thư gốc tin cậy: --trust <tệp hoặc thư mục>; chứng thư trung gian: --certs <tệp>',
      'Tệp đã bị sửa sau khi ký: trang 1 thay đổi nội dung (bản sửa đổi thứ 3)',
      'Tệp PDF bị hỏng hoặc sai cấu trúc: no startxref found in the last 1024 bytes (PDF_MALFORMED)',
      'Nội dung không thay đổi từ khi ký (chữ ký bao phủ toàn bộ tệp)',
      'Thời điểm kiểm tra: 25/11/2026 14:02:00 (giờ Việt Nam)',
      'Tổng: 1 hợp lệ · 3 không hợp lệ · 1 chưa xác định · 1 không ký',
    ]) {
      expect(sentence).toBe(sentence.normalize('NFC'));
      expect(all).toContain(sentence);
    }
  });

  it('names every signer exactly', async () => {
    const { text } = await rendered();
    for (const name of [
      'Nguyễn Văn An',
      'Trần Thị Bình',
      'Lê Văn Cường',
      'Phạm Thị Dung',
      'UBND Phường Hoàn Kiếm',
      'CCCD 001090001234',
      'MST 0101234567',
    ]) {
      expect(text).toContain(name);
    }
    expect(text).toContain(dossierReport.files[0]?.sha256 ?? 'missing');
  });

  it('renders the first page as an A4 image with ink on it', async () => {
    const { dir, pdfPath, pageCount } = await rendered();
    const prefix = join(dir, 'page');
    const r = runTool('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', pdfPath, prefix]);
    expect(r.code, r.out).toBe(0);
    const png = readFileSync(`${prefix}-${String(1).padStart(String(pageCount).length, '0')}.png`);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    // IHDR: A4 at 50 dpi is 413 × 585 pixels.
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(Math.abs(width - 413)).toBeLessThanOrEqual(1);
    expect(Math.abs(height - 585)).toBeLessThanOrEqual(1);
    // Some pixels are dark: the page is not blank.
    const idat: Buffer[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      if (png.toString('latin1', at + 4, at + 8) === 'IDAT') {
        idat.push(png.subarray(at + 8, at + 8 + length));
      }
      at += 12 + length;
    }
    const pixels = inflateSync(Buffer.concat(idat));
    const dark = pixels.filter((b) => b < 128).length;
    expect(dark / pixels.length).toBeGreaterThan(0.005);
  });
});
