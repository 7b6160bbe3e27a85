import { describe, expect, it } from 'vitest';
import { CORE_CHECKS, SUB_CHECKS } from '../../../src/report/check-ids.js';
import {
  CATALOGUED_CHECKS,
  EXTRA_CHECKS,
  describeCheck,
  fileErrorText,
  indicationWord,
  isCatalogued,
  subIndicationAdvice,
  verdictSentence,
} from '../../../src/report/check-messages.js';
import type { Check, CheckStatus } from '../../../src/report/model.js';

const STATUSES: readonly CheckStatus[] = ['PASSED', 'FAILED', 'INDETERMINATE', 'SKIPPED'];
const LANGS = ['vi', 'en'] as const;
const check = (id: string, status: CheckStatus, extra: Partial<Check> = {}): Check => ({
  id,
  status,
  detail: '',
  ...extra,
});

describe('check catalogue', () => {
  const ids = [...CORE_CHECKS, ...SUB_CHECKS, ...EXTRA_CHECKS];

  it('has an entry of its own for every id the verifier emits', () => {
    for (const id of ids) expect(isCatalogued(id), id).toBe(true);
    expect([...CATALOGUED_CHECKS].sort()).toEqual([...ids].sort());
  });

  it('words every id and status in both languages, NFC, without unfilled placeholders', () => {
    for (const id of ids) {
      for (const status of STATUSES) {
        for (const lang of LANGS) {
          const m = describeCheck(check(id, status), lang);
          const where = `${id} ${status} ${lang}`;
          expect(m.known, where).toBe(true);
          expect(m.text.length, where).toBeGreaterThan(5);
          expect(m.text, where).not.toMatch(/[{}]/);
          expect(m.text, where).toBe(m.text.normalize('NFC'));
          expect(m.label, where).not.toBe(id);
          if (status === 'FAILED' || status === 'INDETERMINATE') {
            expect(m.advice, where).not.toBeNull();
            expect(m.advice ?? '', where).not.toMatch(/[{}]/);
          } else {
            expect(m.advice, where).toBeNull();
          }
        }
      }
    }
  });

  it('says what a clerk needs to hear', () => {
    expect(describeCheck(check('cms.digest', 'PASSED'), 'vi').text).toBe(
      'nội dung không thay đổi từ khi ký',
    );
    expect(describeCheck(check('pdf.byterange.covers-revision', 'PASSED'), 'vi').text).toBe(
      'chữ ký bao phủ toàn bộ phiên bản tài liệu được ký',
    );
    const chain = describeCheck(
      check('trust.chain', 'INDETERMINATE', { subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' }),
      'vi',
    );
    expect(chain.text).toBe('Không dựng được chuỗi chứng thư tới một gốc tin cậy');
    expect(chain.advice).toBe(
      'Thêm chứng thư gốc tin cậy: --trust <tệp hoặc thư mục>; chứng thư trung gian: --certs <tệp>',
    );
  });

  it('uses the richest template whose parameters are given', () => {
    const withIssuer = check('trust.chain', 'INDETERMINATE', {
      params: { missingIssuer: 'Viettel-CA SHA2' },
    });
    expect(describeCheck(withIssuer, 'vi').text).toBe(
      'Không dựng được chuỗi chứng thư tới một gốc tin cậy (thiếu CA trung gian "Viettel-CA SHA2")',
    );
    expect(describeCheck(withIssuer, 'en').text).toBe(
      'No certificate chain to a trust anchor could be built (missing intermediate CA "Viettel-CA SHA2")',
    );
  });

  it('prefers per-language parameters and shows ISO instants in Vietnam time', () => {
    const modified = check('pdf.modifications', 'FAILED', {
      params: { 'change.vi': 'trang 1 thay đổi nội dung', change: 'page 1 changed', revision: 3 },
    });
    expect(describeCheck(modified, 'vi').text).toBe(
      'Tệp đã bị sửa sau khi ký: trang 1 thay đổi nội dung (bản sửa đổi thứ 3)',
    );
    expect(describeCheck(modified, 'en').text).toBe(
      'The file was modified after signing: page 1 changed (revision 3)',
    );
    const revoked = check('trust.revocation', 'FAILED', {
      params: { revokedAt: '2026-11-20T03:30:00Z' },
    });
    expect(describeCheck(revoked, 'vi').text).toBe('Chứng thư đã bị thu hồi từ 20/11/2026 10:30');
  });

  it('fills the renderer context into advice (signature number, file)', () => {
    const m = describeCheck(check('pdf.modifications', 'FAILED'), 'vi', {
      signature: 2,
      path: 'quyet-dinh.pdf',
    });
    expect(m.advice).toBe(
      'Yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã ký: hoso verify --extract-revision 2 <tệp-ra.pdf> quyet-dinh.pdf',
    );
  });

  it('reads a more specific id with its catalogued prefix', () => {
    const sub = describeCheck(check('cms.digest.message-digest', 'FAILED'), 'vi');
    expect(sub.known).toBe(true);
    expect(sub.text).toBe(describeCheck(check('cms.digest', 'FAILED'), 'vi').text);
  });

  it('falls back to a generic sentence with the English detail for unknown ids', () => {
    const m = describeCheck(
      check('vendor.custom-rule', 'FAILED', {
        detail: 'attribute 1.2.3 missing',
        subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      }),
      'vi',
    );
    expect(m.known).toBe(false);
    expect(m.text).toBe('Kiểm tra "vendor.custom-rule": không đạt: attribute 1.2.3 missing');
    expect(m.advice).toBe(subIndicationAdvice('NO_CERTIFICATE_CHAIN_FOUND', 'vi'));
  });

  it('names indications and verdicts', () => {
    expect(indicationWord('TOTAL_PASSED', 'vi')).toBe('HỢP LỆ');
    expect(indicationWord('TOTAL_FAILED', 'vi')).toBe('KHÔNG HỢP LỆ');
    expect(indicationWord('INDETERMINATE', 'vi')).toBe('CHƯA XÁC ĐỊNH');
    expect(indicationWord('NO_SIGNATURE', 'vi')).toBe('không ký');
    expect(indicationWord('TOTAL_PASSED', 'en')).toBe('VALID');
    expect(indicationWord('TOTAL_FAILED', 'en')).toBe('INVALID');
    expect(indicationWord('INDETERMINATE', 'en')).toBe('INDETERMINATE');
    expect(indicationWord('NO_SIGNATURE', 'en')).toBe('unsigned');
    expect(verdictSentence('TOTAL_FAILED', 'HASH_FAILURE', 'vi')).toBe(
      'Chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký.',
    );
    expect(verdictSentence('TOTAL_PASSED', null, 'vi')).toBe('Chữ ký số hợp lệ.');
  });

  it('words file errors by code, keeping the message and the code', () => {
    const e = fileErrorText({ code: 'PDF_MALFORMED', message: 'no startxref' }, 'vi');
    expect(e.text).toBe('Tệp PDF bị hỏng hoặc sai cấu trúc: no startxref (PDF_MALFORMED)');
    expect(e.advice).toContain('qpdf --check');
    expect(fileErrorText({ code: 'SOMETHING_NEW', message: 'x' }, 'en').text).toBe(
      'The file could not be verified: x (SOMETHING_NEW)',
    );
  });
});
