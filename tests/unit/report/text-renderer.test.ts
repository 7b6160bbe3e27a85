import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/report/text-renderer.js';
import {
  brokenFile,
  dossierReport,
  hashFailureFile,
  noChainFile,
  passedFile,
  report,
  twoSignaturesFile,
  unsignedFile,
} from './report-fixtures.js';

const vi = (r = dossierReport) => renderText(r, { lang: 'vi', color: false });
const en = (r = dossierReport) => renderText(r, { lang: 'en', color: false });

/** Asserts that `parts` occur in `text` in this order. */
function inOrder(text: string, parts: readonly string[]): void {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `"${part}" after offset ${from} in:\n${text}`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}

describe('renderText (vi)', () => {
  it('opens with the counts and the validation time in Vietnam time', () => {
    expect(vi().split('\n')[0]).toBe(
      'Kiểm tra chữ ký số — 6 tệp, 5 chữ ký — thời điểm kiểm tra 25/11/2026 14:02 (giờ Việt Nam)',
    );
  });

  it('shows a valid signature: verdict, signer, time and its source, integrity, trust, revocation', () => {
    const text = vi(report([passedFile]));
    inOrder(text, [
      '✔ HỢP LỆ        hoso-so-001/don-de-nghi.pdf\n',
      '    Người ký:     Nguyễn Văn An — CCCD 001090001234 (hoso Test Issuing CA (NOT FOR PRODUCTION))\n',
      '    Thời điểm ký: 24/11/2026 09:15 (theo dấu thời gian của hoso Test TSA (NOT FOR PRODUCTION))\n',
      '    Toàn vẹn:     nội dung không thay đổi từ khi ký (chữ ký bao phủ toàn bộ tệp)\n',
      '    Tin cậy:      Nguyễn Văn An → hoso Test Issuing CA (NOT FOR PRODUCTION) → hoso Test Root CA (NOT FOR PRODUCTION)\n',
      '    Thu hồi:      chưa bị thu hồi (CRL, 24/11/2026 08:00)\n',
      'Tổng: 1 hợp lệ · 0 không hợp lệ · 0 chưa xác định · 0 không ký        (mã thoát 0)\n',
    ]);
    expect(text).not.toMatch(/^\s*→ /m); // no advice line
  });

  it("shows the signer's own claim beside the trusted time when they differ", () => {
    const sig = passedFile.signatures[0]!;
    const claimed = { ...sig, claimedSigningTime: '2026-11-24T01:00:00.000Z' };
    const text = vi(report([{ ...passedFile, signatures: [claimed] }]));
    expect(text).toContain(
      '    Thời điểm ký: 24/11/2026 09:15 (theo dấu thời gian của hoso Test TSA (NOT FOR PRODUCTION); người ký tự khai 24/11/2026 08:00)\n',
    );
    // Within the minute: one time only.
    const same = { ...sig, claimedSigningTime: sig.timestamp!.time };
    expect(vi(report([{ ...passedFile, signatures: [same] }]))).not.toContain('người ký tự khai');
  });

  it('puts the reason right after an invalid verdict and the advice after an arrow', () => {
    const text = vi(report([hashFailureFile]));
    inOrder(text, [
      '✘ KHÔNG HỢP LỆ  hoso-so-001/quyet-dinh.pdf\n',
      '    Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp với chữ ký)\n',
      '    → Không sử dụng tệp này; yêu cầu bản gốc điện tử từ người gửi\n',
      '    Người ký:     Trần Thị Bình',
      '    Thời điểm ký: 24/11/2026 09:15 (theo khai báo của người ký, không có dấu thời gian xác thực)',
      '    Toàn vẹn:     nội dung không còn nguyên vẹn như khi ký\n',
      '(mã thoát 1)',
    ]);
  });

  it('says what is missing for an indeterminate chain and how to add it', () => {
    const text = vi(report([noChainFile]));
    inOrder(text, [
      '? CHƯA XÁC ĐỊNH hoso-so-001/cmnd.jpg.p7s\n',
      '    Không dựng được chuỗi chứng thư tới một gốc tin cậy (thiếu CA trung gian "Viettel-CA SHA2")\n',
      '    → Thêm chứng thư gốc tin cậy: --trust <tệp hoặc thư mục>; chứng thư trung gian: --certs <tệp>\n',
      '    Người ký:     Lê Văn Cường — CCCD 001090002345 (Viettel-CA SHA2)\n',
      '    Tin cậy:      Lê Văn Cường — chưa tới được gốc tin cậy\n',
      '    Thu hồi:      không kiểm tra\n',
      'Tổng: 0 hợp lệ · 0 không hợp lệ · 1 chưa xác định · 0 không ký        (mã thoát 2)\n',
    ]);
  });

  it('marks an unsigned file and a file that could not be read', () => {
    expect(vi(report([unsignedFile]))).toContain(
      '— không ký      hoso-so-001/ban-chup.pdf (không có chữ ký số)\n',
    );
    inOrder(vi(report([brokenFile])), [
      '✘ KHÔNG HỢP LỆ  hoso-so-001/hong.pdf\n',
      '    Tệp PDF bị hỏng hoặc sai cấu trúc: no startxref found in the last 1024 bytes (PDF_MALFORMED)\n',
      '    → Yêu cầu người gửi cung cấp lại tệp; kiểm tra bằng qpdf --check\n',
    ]);
  });

  it('numbers several signatures, each with its own verdict', () => {
    inOrder(vi(report([twoSignaturesFile])), [
      '✘ KHÔNG HỢP LỆ  hoso-so-002/giay-phep.pdf — 2 chữ ký\n',
      '  ✔ HỢP LỆ        chữ ký 1/2\n',
      '    Người ký:     Phạm Thị Dung',
      '    Toàn vẹn:     nội dung đã ký không thay đổi (chữ ký bao phủ toàn bộ phiên bản được ký; sau khi ký có điền biểu mẫu hoặc thêm chữ ký)\n',
      '  ✘ KHÔNG HỢP LỆ  chữ ký 2/2\n',
      '    Tệp đã bị sửa sau khi ký: trang 1 thay đổi nội dung (bản sửa đổi thứ 3)\n',
      '    → Yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã ký: hoso verify --extract-revision 2 <tệp-ra.pdf> hoso-so-002/giay-phep.pdf\n',
      '    Người ký:     UBND Phường Hoàn Kiếm — MST 0101234567',
      '    Toàn vẹn:     phần đã ký còn nguyên vẹn, nhưng tệp đã bị sửa sau khi ký\n',
    ]);
  });

  it('closes with the totals and the exit code', () => {
    const lines = vi().trimEnd().split('\n');
    expect(lines[lines.length - 1]).toBe(
      'Tổng: 1 hợp lệ · 3 không hợp lệ · 1 chưa xác định · 1 không ký        (mã thoát 1)',
    );
  });

  it('is NFC, ends with a newline, and matches the reviewed golden output', async () => {
    const text = vi();
    expect(text).toBe(text.normalize('NFC'));
    expect(text.endsWith('\n')).toBe(true);
    await expect(text).toMatchFileSnapshot('./golden/dossier.vi.txt');
  });
});

describe('renderText (en)', () => {
  it('says the same in English', async () => {
    const text = en();
    inOrder(text, [
      'Digital signature verification — 6 files, 5 signatures — validation time 25/11/2026 14:02 (Vietnam time)\n',
      '✔ VALID         hoso-so-001/don-de-nghi.pdf\n',
      '    Signer:       Nguyễn Văn An — CCCD 001090001234',
      '✘ INVALID       hoso-so-001/quyet-dinh.pdf\n',
      '    The content was changed after signing (its hash does not match the signature)\n',
      '    → Do not use this file; ask the sender for the electronic original\n',
      '? INDETERMINATE hoso-so-001/cmnd.jpg.p7s\n',
      '    → Add the trusted root: --trust <file or folder>; intermediates: --certs <file>\n',
      '— unsigned      hoso-so-001/ban-chup.pdf (no digital signature)\n',
      '  ✘ INVALID       signature 2/2\n',
      'Total: 1 valid · 3 invalid · 1 indeterminate · 1 unsigned        (exit code 1)\n',
    ]);
    for (const word of ['Người ký', 'HỢP LỆ', 'Tổng', 'thư mục']) expect(text).not.toContain(word);
    await expect(text).toMatchFileSnapshot('./golden/dossier.en.txt');
  });
});

describe('colour', () => {
  it('writes no escape sequences without colour', () => {
    expect(vi()).not.toContain('\x1b');
    expect(en()).not.toContain('\x1b');
  });

  it('only adds escape sequences with colour', () => {
    const coloured = renderText(dossierReport, { lang: 'vi', color: true });
    expect(coloured).toContain('\x1b[1;32m✔ HỢP LỆ\x1b[0m');
    expect(coloured).toContain('\x1b[1;31m✘ KHÔNG HỢP LỆ\x1b[0m');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\x1b\[[0-9;]*m/g, '')).toBe(vi());
  });
});

describe('edge cases', () => {
  it('keeps control characters from file names and certificates off the terminal', () => {
    const evil = report([
      {
        ...unsignedFile,
        path: 'a\x1b[2J\nb.pdf',
      },
    ]);
    const text = renderText(evil, { lang: 'vi', color: true });
    expect(text).not.toContain('\x1b[2J');
    expect(text).toContain('a?[2J?b.pdf');
  });

  it('renders an empty report', () => {
    const text = vi(report([]));
    expect(text).toContain('Kiểm tra chữ ký số — 0 tệp, 0 chữ ký');
    expect(text).toContain('Tổng: không có tệp nào        (mã thoát 0)');
  });
});
