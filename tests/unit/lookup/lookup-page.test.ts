// The lookup site's HTML, rendered without a server.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  LOOKUP_PAGE_STYLE,
  LOOKUP_PAGE_STYLE_SOURCE,
  renderHomePage,
  renderMessagePage,
  renderRecordPage,
} from '../../../src/lookup/lookup-page.js';
import { DOCUMENT_KINDS, type LookupRecord } from '../../../src/registry/lookup-record.js';

const CODE = '23456789ABCDEFGHJK';
const DISPLAY = '234567-89ABCD-EFGHJK';
const SHA256 = 'ab'.repeat(32);

const BASE: LookupRecord = {
  lookupCode: CODE,
  kind: 'certified-copy',
  title: 'Giấy khai sinh — bản sao',
  dossierCode: '000.00.12.H29-261125-0007',
  resultCode: null,
  procedureCode: null,
  system: { name: 'Cổng dịch vụ công tỉnh', owner: 'UBND tỉnh Quảng Ninh' },
  agency: { code: 'H49.12', name: 'UBND phường Hồng Gai' },
  issuedAt: '2026-01-05T17:30:00Z',
  convertedAt: null,
  certification: { number: 12, book: '01', year: 2026 },
  status: 'VALID',
  revokedAt: null,
  verification: 'INDETERMINATE',
  signers: [
    { name: 'Trần Thị Bình', organization: null, signingTime: null, indication: 'TOTAL_PASSED' },
    {
      name: 'UBND phường Hồng Gai',
      organization: 'UBND tỉnh Quảng Ninh',
      signingTime: '2026-01-05T17:29:00Z',
      indication: 'TOTAL_FAILED',
    },
    { name: 'X', organization: null, signingTime: null, indication: 'INDETERMINATE' },
  ],
  sha256: SHA256,
  pages: 7,
};

const render = (record: LookupRecord, lang: 'vi' | 'en' = 'vi'): string =>
  renderRecordPage(record, {
    lang,
    defaultLang: 'vi',
    lookupCode: CODE,
    lookupCodeDisplay: DISPLAY,
  });

/** The dt labels of the page, in order. */
const labels = (html: string): string[] =>
  [...html.matchAll(/<dt>(.*?)<\/dt>/g)].map((m) => m[1] ?? '');

describe('lookup page', () => {
  it('is a small, semantic, script-free document for phones', () => {
    const html = render(BASE);
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/<main>[\s\S]*<h1>Giấy khai sinh — bản sao<\/h1>[\s\S]*<dl>/);
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i);
    expect(html).not.toMatch(/<link rel="stylesheet"|@import|url\(/);
  });

  it('allows its inline style by the hash in the CSP, and only that style', () => {
    const html = render(BASE);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    expect(styles).toEqual([LOOKUP_PAGE_STYLE]);
    const hash = createHash('sha256').update(LOOKUP_PAGE_STYLE, 'utf8').digest('base64');
    expect(LOOKUP_PAGE_STYLE_SOURCE).toBe(`'sha256-${hash}'`);
    expect(html).not.toMatch(/\sstyle=/);
  });

  it('shows the listed facts and nothing else', () => {
    const html = render(BASE);
    expect(labels(html)).toEqual([
      'Mã tra cứu',
      'Loại văn bản',
      'Hệ thống thông tin',
      'Cơ quan',
      'Mã hồ sơ',
      'Thời điểm chứng thực',
      'Sổ chứng thực',
    ]);
    expect(html).toContain(`<code class="code">${DISPLAY}</code>`);
    expect(html).toContain('Bản sao chứng thực từ bản chính');
    expect(html).toContain('Cổng dịch vụ công tỉnh<br>Chủ quản: UBND tỉnh Quảng Ninh');
    expect(html).toContain('UBND phường Hồng Gai (H49.12)');
    // 17:30 UTC on 5 January is 00:30 on 6 January in Vietnam.
    expect(html).toContain('06/01/2026 00:30 (giờ Việt Nam)');
    expect(html).toContain('Số chứng thực: 12<br>Quyển số: 01/2026-SCT/BS');
    // The page count is not among the facts the page shows (UX.md "Lookup page").
    expect(html).not.toMatch(/>7</);
  });

  it('shows result and procedure codes when present, and a paper conversion by its conversion time', () => {
    const html = render({
      ...BASE,
      kind: 'paper',
      resultCode: '000.00.12.H29-261125-0007-KQ1',
      procedureCode: '1.000494.000.00.00.H29',
      certification: null,
      issuedAt: '2026-11-25T07:05:00Z',
      convertedAt: '2026-11-25T07:05:00Z',
    });
    expect(labels(html)).toEqual([
      'Mã tra cứu',
      'Loại văn bản',
      'Hệ thống thông tin',
      'Cơ quan',
      'Mã hồ sơ',
      'Mã kết quả',
      'Mã thủ tục',
      'Thời điểm chuyển đổi',
    ]);
    expect(html).toContain('Bản chuyển đổi từ kết quả điện tử');
    expect(html).toContain('25/11/2026 14:05 (giờ Việt Nam)');
  });

  it('names every kind of document in words', () => {
    const words = {
      paper: 'Bản chuyển đổi từ kết quả điện tử',
      'certified-copy': 'Bản sao chứng thực từ bản chính',
      'register-copy': 'Bản sao từ sổ gốc',
      original: 'Bản gốc trong sổ gốc',
    };
    for (const kind of DOCUMENT_KINDS) {
      expect(render({ ...BASE, kind })).toContain(`<dd>${words[kind]}</dd>`);
    }
  });

  it('gives the status in words, not colour alone', () => {
    expect(render(BASE)).toContain('<p class="status status-valid">');
    expect(render(BASE)).toContain('Còn hiệu lực');
    const revoked = render({ ...BASE, status: 'REVOKED', revokedAt: '2026-02-01T01:00:00Z' });
    expect(revoked).toContain('<p class="status status-revoked">');
    expect(revoked).toContain('Đã bị thu hồi');
    expect(revoked).toContain('Thu hồi lúc 01/02/2026 08:00 (giờ Việt Nam)');
    expect(revoked).not.toContain('Còn hiệu lực');
  });

  it("lists the signers with their verdict at issue in the report's words", () => {
    const html = render(BASE);
    const items = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1] ?? '');
    expect(items).toHaveLength(3);
    expect(items[0]).toContain('<strong>Trần Thị Bình</strong>');
    expect(items[0]).toContain('HỢP LỆ');
    expect(items[1]).toContain('UBND phường Hồng Gai</strong> — UBND tỉnh Quảng Ninh');
    expect(items[1]).toContain('Ký lúc 06/01/2026 00:29 (giờ Việt Nam)');
    expect(items[1]).toContain('KHÔNG HỢP LỆ');
    expect(items[2]).toContain('CHƯA XÁC ĐỊNH');
    expect(render({ ...BASE, signers: [], verification: 'NO_SIGNATURE' })).toContain(
      'Văn bản điện tử không có chữ ký số.',
    );
    expect(render({ ...BASE, signers: [], verification: null })).toContain(
      'Chữ ký số chưa được kiểm tra khi cấp.',
    );
  });

  it('shows all 64 digits of the SHA-256 in groups a phone can wrap, and how to compare them', () => {
    const html = render(BASE);
    const code = /<p class="hash"><code>(.*?)<\/code><\/p>/.exec(html)?.[1] ?? '';
    expect(code.split('<wbr>')).toHaveLength(8);
    expect(code.replace(/<[^>]+>/g, '')).toBe(SHA256);
    expect(html).toContain('sha256sum tệp.pdf');
    expect(html).toContain('hoso verify');
  });

  it('escapes every value from the record', () => {
    const evil = '<i onmouseover="x">\'&"</i>';
    const html = render({
      ...BASE,
      kind: 'paper',
      title: evil,
      dossierCode: evil,
      resultCode: evil,
      procedureCode: evil,
      system: { name: evil, owner: evil },
      agency: { code: evil, name: evil },
      convertedAt: evil,
      certification: { number: 1, book: evil, year: 2026 },
      signers: [{ name: evil, organization: evil, signingTime: evil, indication: 'TOTAL_PASSED' }],
      sha256: evil,
    });
    expect(html).not.toContain('<i');
    expect(html).not.toContain('"x"');
    expect(html).toContain('&lt;i onmouseover=&quot;x&quot;&gt;&#39;&amp;&quot;&lt;/i&gt;');
    expect(escapeHtml('a\u0000b\u001bc\td')).toBe('abc\td');
  });

  it('shows nothing the record type does not declare', () => {
    const leaky = {
      ...BASE,
      id: 'row-4711',
      path: '/srv/hoso/files/x.pdf',
      applicant: 'Nguyễn Văn An',
    };
    const html = render(leaky as LookupRecord);
    expect(html).not.toMatch(/row-4711|\/srv\/|Nguyễn Văn An/);
  });

  it('is in English with lang=en, with a way back to Vietnamese', () => {
    const html = render(BASE, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Certified copy from the original');
    expect(html).toContain('06/01/2026 00:30 (Vietnam time, UTC+7)');
    expect(html).toContain(`<a href="/v/${CODE}?lang=vi" lang="vi" hreflang="vi">Tiếng Việt</a>`);
    expect(html).toContain('<a href="/?lang=en">');
  });
});

describe('search and message pages', () => {
  it('offer a form that works without script', () => {
    const home = renderHomePage('vi', 'vi');
    expect(home).toContain('<form method="get" action="/tra-cuu">');
    expect(home).toContain('<label for="ma">Mã tra cứu</label>');
    expect(home).toMatch(/<input type="text" id="ma" name="ma" required/);
    expect(home).not.toContain('name="lang"');
    expect(renderHomePage('en', 'vi')).toContain('<input type="hidden" name="lang" value="en">');
  });

  it('render the not-found page the same way every time, with no code in it', () => {
    const a = renderMessagePage('code-not-found', 'vi', 'vi');
    expect(renderMessagePage('code-not-found', 'vi', 'vi')).toBe(a);
    expect(a).toContain('<h1>Không tìm thấy văn bản</h1>');
    expect(a).toContain('action="/tra-cuu"');
    expect(renderMessagePage('server-error', 'en', 'vi')).toContain(
      '<h1>Something went wrong</h1>',
    );
  });
});
