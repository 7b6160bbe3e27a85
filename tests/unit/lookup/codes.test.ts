// Agency, dossier, result and procedure codes (LEGAL.md §3; QCVN 102:2016, Decision
// 20/2020/QĐ-TTg, Circular 01/2018/TT-VPCP Art. 19) and checkCode: valid examples pass, and each
// part made wrong in turn is named, with a sentence in Vietnamese and in English.
import { describe, expect, it } from 'vitest';
import { HosoError, renderErrorMessage } from '../../../src/kernel/index.js';
import {
  assertAgencyCode,
  assertDossierCode,
  assertResultCode,
  checkCode,
  dossierDay,
  formatDossierCode,
  parseAgencyCode,
  parseDossierCode,
  parseProcedureCode,
  parseResultCode,
  type BilingualText,
} from '../../../src/lookup/codes.js';

/** Vietnamese text carries its diacritics (a detail written without them would fail this). */
const VIETNAMESE_MARKS = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;

function expectBilingual(detail: BilingualText, vi: RegExp, en: RegExp): void {
  expect(detail.vi).toMatch(vi);
  expect(detail.en).toMatch(en);
  expect(detail.vi).toMatch(VIETNAMESE_MARKS);
  expect(detail.vi).not.toBe(detail.en);
}

function agencyFailure(text: string) {
  const r = parseAgencyCode(text);
  if (r.ok) throw new Error(`expected ${text} to be refused`);
  return r;
}

describe('parseAgencyCode: valid codes', () => {
  it.each([
    ['000.00.12.H29', 'qcvn102', 'H29'],
    ['000.00.00.G12', 'qcvn102', 'G12'],
    ['000.00.00.G22', 'qcvn102', 'G22'],
    ['000.00.00.H49', 'qcvn102', 'H49'],
    ['000.20.31.H29', 'qcvn102', 'H29'],
    ['001.20.31.H29', 'qcvn102', 'H29'],
    ['000.00.00.K57', 'qcvn102', 'K57'],
    ['H55.242', 'eid', 'H55'],
    ['G01', 'eid', 'G01'],
    ['H29.1.12', 'eid', 'H29'],
    ['H29.12', 'eid', 'H29'],
  ] as const)('%s is a valid %s code with level 1 %s', (code, form, level1) => {
    expect(parseAgencyCode(code)).toEqual({ ok: true, form, code, level1 });
  });

  it('trims surrounding whitespace', () => {
    expect(parseAgencyCode('  000.00.12.H29\n')).toMatchObject({ ok: true, code: '000.00.12.H29' });
    expect(assertAgencyCode('\tH55.242 ')).toBe('H55.242');
  });

  it('accepts an e-ID of 35 characters and refuses 36', () => {
    const at35 = 'H29.' + '1'.repeat(31);
    expect(at35).toHaveLength(35);
    expect(parseAgencyCode(at35).ok).toBe(true);
    const r = agencyFailure(at35 + '1');
    expect(r.part).toBe('length');
    expectBilingual(r.detail, /36 ký tự, tối đa 35/, /36 characters long; at most 35/);
  });
});

describe('parseAgencyCode: each part wrong in turn', () => {
  it('level 1 of a QCVN 102 code: an unknown letter', () => {
    const r = agencyFailure('000.00.12.X29');
    expect(r.part).toBe('level-1');
    expectBilingual(r.detail, /mã cấp 1 «X29».*chữ cái/, /level-1 code "X29".*letters/);
  });

  it('level 1: not a letter and two digits', () => {
    for (const code of ['000.00.12.H2', '000.00.12.H290', '000.00.12.HH9', 'H2A.12']) {
      const r = agencyFailure(code);
      expect(r.part, code).toBe('level-1');
      expectBilingual(
        r.detail,
        /mã cấp 1 .* một chữ cái .* hai chữ số/,
        /level-1 code .* a letter .* two digits/,
      );
    }
  });

  it('level 1: number 00, and a province number above 63', () => {
    const zero = agencyFailure('000.00.00.G00');
    expect(zero.part).toBe('level-1');
    expectBilingual(zero.detail, /số 00 không được cấp/, /00 is never assigned/);
    const h64 = agencyFailure('000.00.00.H64');
    expect(h64.part).toBe('level-1');
    expectBilingual(h64.detail, /H01 đến H63/, /H01 to H63/);
    expect(agencyFailure('K64.1').part).toBe('level-1');
    expect(parseAgencyCode('000.00.00.H63').ok).toBe(true);
    expect(parseAgencyCode('000.00.00.H01').ok).toBe(true);
  });

  it('level 1 of an e-ID', () => {
    const r = agencyFailure('Z29.12');
    expect(r.part).toBe('level-1');
    expectBilingual(r.detail, /«Z29»/, /"Z29"/);
  });

  it('no level 1 at either end', () => {
    const r = agencyFailure('000.00.12.029');
    expect(r.part).toBe('level-1');
    expectBilingual(r.detail, /không thấy mã cấp 1/, /no level-1 code/);
  });

  it('level 2, 3 and 4 of a QCVN 102 code: wrong width', () => {
    const cases = [
      [
        '000.00.1.H29',
        'level-2',
        /mã cấp 2 «1» phải gồm đúng 2 chữ số/,
        /level-2 code "1" must be exactly 2 digits/,
      ],
      [
        '000.1.12.H29',
        'level-3',
        /mã cấp 3 «1» phải gồm đúng 2 chữ số/,
        /level-3 code "1" must be exactly 2 digits/,
      ],
      [
        '00.00.12.H29',
        'level-4',
        /mã cấp 4 «00» phải gồm đúng 3 chữ số/,
        /level-4 code "00" must be exactly 3 digits/,
      ],
      ['000.00.1A.H29', 'level-2', /mã cấp 2 «1A»/, /level-2 code "1A"/],
    ] as const;
    for (const [code, part, vi, en] of cases) {
      const r = agencyFailure(code);
      expect(r.part, code).toBe(part);
      expectBilingual(r.detail, vi, en);
    }
  });

  it('a lower level set under an empty level', () => {
    const l3 = agencyFailure('000.05.00.H29');
    expect(l3.part).toBe('level-2');
    expectBilingual(
      l3.detail,
      /mã cấp 2 là «00».*mã cấp 3 là «05»/,
      /level-2 code is "00".*level-3 code is "05"/,
    );
    const l4 = agencyFailure('007.00.12.H29');
    expect(l4.part).toBe('level-3');
    expectBilingual(l4.detail, /mã cấp 4 là «007»/, /level-4 code is "007"/);
  });

  it('a QCVN 102 code with the wrong number of groups', () => {
    const r = agencyFailure('000.12.H29');
    expect(r.part).toBe('length');
    expectBilingual(r.detail, /13 ký tự gồm 4 nhóm.*3 nhóm/, /13 characters in 4 groups.*3 groups/);
  });

  it('lower levels of an e-ID: digits only, never all zeros', () => {
    const letters = agencyFailure('H29.1A');
    expect(letters.part).toBe('level-2');
    expectBilingual(
      letters.detail,
      /mã cấp 2 «1A» chỉ gồm chữ số/,
      /level-2 code "1A" must be digits only/,
    );
    const zeros = agencyFailure('H29.12.00.000');
    expect(zeros.part).toBe('level-3');
    expectBilingual(zeros.detail, /mã cấp 3 «00» toàn số 0/, /level-3 code "00" is all zeros/);
  });

  it('empty groups', () => {
    for (const code of ['.H29', 'H29.', 'H29..12', '000.00..12.H29']) {
      const r = agencyFailure(code);
      expect(r.part, code).toBe('separator');
      expectBilingual(r.detail, /nhóm trống/, /empty group/);
    }
  });

  it('lower case is refused with the capitalised form to type', () => {
    const r = agencyFailure('000.00.12.h29');
    expect(r.part).toBe('characters');
    expectBilingual(
      r.detail,
      /chữ in hoa: gõ «000\.00\.12\.H29»/,
      /capitals: type "000\.00\.12\.H29"/,
    );
  });

  it('characters outside A–Z, 0–9 and the dot, spaces and invisible ones named', () => {
    const hyphen = agencyFailure('000-00-12-H29');
    expect(hyphen.part).toBe('characters');
    expectBilingual(hyphen.detail, /ký tự «-» không được dùng/, /character "-" is not allowed/);
    expectBilingual(agencyFailure('H29 12').detail, /dấu cách/, /a space/);
    expectBilingual(agencyFailure('H29\u200b.12').detail, /U\+200B/, /U\+200B/);
    expectBilingual(agencyFailure('Đ29').detail, /«Đ»/, /"Đ"/);
  });

  it('an empty code', () => {
    const r = agencyFailure('   ');
    expect(r.part).toBe('length');
    expectBilingual(r.detail, /để trống/, /empty/);
  });
});

describe('assertAgencyCode', () => {
  it('throws CODE_INVALID with bilingual what, detail and expected', () => {
    let error: unknown;
    try {
      assertAgencyCode('000.00.12.X29');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HosoError);
    const e = error as HosoError;
    expect(e.code).toBe('CODE_INVALID');
    expect(e.exitCode).toBe(3);
    expect(e.params).toMatchObject({
      value: '000.00.12.X29',
      'what.vi': 'mã đơn vị',
      'what.en': 'agency code',
      'expected.vi': expect.stringMatching(/000\.00\.12\.H29 \(QCVN 102:2016\) hoặc H29\.12/),
      'expected.en': expect.stringMatching(/000\.00\.12\.H29 \(QCVN 102:2016\) or H29\.12/),
      'detail.vi': expect.stringMatching(/mã cấp 1 «X29»/),
      'detail.en': expect.stringMatching(/level-1 code "X29"/),
    });
    // The catalogue renders the detail and the expected form in each language.
    const vi = renderErrorMessage('CODE_INVALID', e.params, 'vi');
    expect(vi.message).toContain('mã cấp 1 «X29»');
    expect(vi.hint).toContain('hoặc H29.12');
    const en = renderErrorMessage('CODE_INVALID', e.params, 'en');
    expect(en.message).toContain('level-1 code "X29"');
    expect(en.hint).toContain('or H29.12');
  });

  it('keeps control characters of the input out of the error', () => {
    try {
      assertAgencyCode('H29\u001b[31m');
      expect.unreachable();
    } catch (e) {
      expect((e as HosoError).params['value']).toBe('H29?[31m');
    }
  });
});

describe('parseDossierCode', () => {
  it('reads the example of LEGAL.md and an e-ID dossier code', () => {
    expect(parseDossierCode('000.00.12.H29-200527-0001')).toEqual({
      ok: true,
      code: '000.00.12.H29-200527-0001',
      agency: '000.00.12.H29',
      agencyForm: 'qcvn102',
      level1: 'H29',
      date: '200527',
      receivedOn: { y: 2020, m: 5, d: 27 },
      sequence: 1,
    });
    expect(parseDossierCode(' H55.242-240229-9999 ')).toMatchObject({
      ok: true,
      code: 'H55.242-240229-9999',
      agencyForm: 'eid',
      receivedOn: { y: 2024, m: 2, d: 29 },
      sequence: 9999,
    });
  });

  // Each part of 000.00.12.H29-200527-0001 made wrong in turn.
  const cases: readonly [string, string, RegExp, RegExp][] = [
    [
      '000.00.12.X29-200527-0001',
      'agency.level-1',
      /phần mã đơn vị: mã cấp 1 «X29»/,
      /agency part: the level-1 code "X29"/,
    ],
    [
      '000.00.1.H29-200527-0001',
      'agency.level-2',
      /phần mã đơn vị: mã cấp 2 «1»/,
      /agency part: the level-2 code "1"/,
    ],
    ['000.05.00.H29-200527-0001', 'agency.level-2', /mã cấp 3 là «05»/, /level-3 code is "05"/],
    ['00.00.12.H29-200527-0001', 'agency.level-4', /mã cấp 4 «00»/, /level-4 code "00"/],
    ['000.00.12.h29-200527-0001', 'agency.characters', /chữ in hoa/, /capitals/],
    [
      '-200527-0001',
      'agency.length',
      /phần mã đơn vị: mã đơn vị để trống/,
      /agency part: the agency code is empty/,
    ],
    [
      '000.00.12.H29-20527-0001',
      'date',
      /ngày tiếp nhận «20527» phải gồm 6 chữ số YYMMDD/,
      /date of receipt "20527" must be 6 digits YYMMDD/,
    ],
    ['000.00.12.H29-2O0527-0001', 'date.year', /năm «2O»/, /the year "2O"/],
    [
      '000.00.12.H29-201327-0001',
      'date.month',
      /tháng «13».*không có \(tháng từ 01 đến 12\)/,
      /month "13".*does not exist/,
    ],
    ['000.00.12.H29-200027-0001', 'date.month', /tháng «00»/, /month "00"/],
    ['000.00.12.H29-2005x7-0001', 'date.day', /ngày «x7».*hai chữ số/, /day "x7".*two digits/],
    ['000.00.12.H29-200532-0001', 'date.day', /ngày «32».*từ 01 đến 31/, /day "32".*01 to 31/],
    ['000.00.12.H29-200500-0001', 'date.day', /ngày «00»/, /day "00"/],
    [
      '000.00.12.H29-200230-0001',
      'date',
      /30\/02\/2020, không có trong lịch \(tháng 02\/2020 có 29 ngày\)/,
      /30\/02\/2020, which is not a calendar date \(02\/2020 has 29 days\)/,
    ],
    ['000.00.12.H29-210229-0001', 'date', /29\/02\/2021.*có 28 ngày/, /02\/2021 has 28 days/],
    ['000.00.12.H29-200431-0001', 'date', /31\/04\/2020/, /30 days/],
    [
      '000.00.12.H29-200527-0000',
      'sequence',
      /số thứ tự 0000 không có/,
      /sequence number 0000 does not exist/,
    ],
    [
      '000.00.12.H29-200527-001',
      'sequence',
      /số thứ tự «001» phải gồm đúng 4 chữ số/,
      /sequence number "001" must be exactly 4 digits/,
    ],
    ['000.00.12.H29-200527-00001', 'sequence', /«00001»/, /"00001"/],
    ['000.00.12.H29-200527-000A', 'sequence', /«000A»/, /"000A"/],
    [
      '000.00.12.H29-200527',
      'separator',
      /gồm 3 phần.*có 2 phần/,
      /3 parts joined by hyphens.*has 2/,
    ],
    [
      '000.00.12.H29-200527-0001-KQ1',
      'separator',
      /mã có đuôi -KQ là mã kết quả/,
      /ending in -KQ is a result code/,
    ],
    ['000.00.12.H29 - 200527 - 0001', 'separator', /không có dấu cách/, /no spaces/],
    ['', 'empty', /mã hồ sơ để trống/, /dossier code is empty/],
  ];
  it.each(cases)('%s → %s', (code, part, vi, en) => {
    const r = parseDossierCode(code);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.part).toBe(part);
    expectBilingual(r.detail, vi, en);
  });

  it('assertDossierCode throws CODE_INVALID naming the dossier code', () => {
    expect(assertDossierCode('000.00.12.H29-200527-0001')).toBe('000.00.12.H29-200527-0001');
    try {
      assertDossierCode('000.00.12.H29-200230-0001');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HosoError);
      expect((e as HosoError).params).toMatchObject({
        'what.vi': 'mã hồ sơ',
        'what.en': 'dossier code',
        'detail.vi': expect.stringMatching(/không có trong lịch/),
      });
    }
  });
});

describe('formatDossierCode and dossierDay', () => {
  it('builds a code from YYMMDD or a calendar day, zero-filling the sequence', () => {
    expect(formatDossierCode('000.00.12.H29', '200527', 1)).toBe('000.00.12.H29-200527-0001');
    expect(formatDossierCode('H55.242', { y: 2026, m: 1, d: 5 }, 42)).toBe('H55.242-260105-0042');
    expect(formatDossierCode('G01', { y: 2024, m: 2, d: 29 }, 9999)).toBe('G01-240229-9999');
  });

  it('refuses a bad agency, day or sequence with CODE_INVALID', () => {
    const detailOf = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(HosoError);
        expect((e as HosoError).code).toBe('CODE_INVALID');
        return String((e as HosoError).params['detail.en']);
      }
      throw new Error('expected CODE_INVALID');
    };
    expect(detailOf(() => formatDossierCode('000.00.12.X29', '200527', 1))).toMatch(/level-1/);
    expect(detailOf(() => formatDossierCode('G01', '200230', 1))).toMatch(/not a calendar date/);
    expect(detailOf(() => formatDossierCode('G01', { y: 2021, m: 2, d: 29 }, 1))).toMatch(
      /28 days/,
    );
    expect(detailOf(() => formatDossierCode('G01', { y: 1999, m: 12, d: 31 }, 1))).toMatch(
      /2000 to 2099/,
    );
    expect(detailOf(() => formatDossierCode('G01', '200527', 0))).toMatch(/1 to 9999/);
    expect(detailOf(() => formatDossierCode('G01', '200527', 10000))).toMatch(/1 to 9999/);
    expect(detailOf(() => formatDossierCode('G01', '200527', 1.5))).toMatch(/whole number/);
    expect(detailOf(() => formatDossierCode('G01', '200527', -1))).toMatch(/1 to 9999/);
  });

  it('dates a dossier by the day of receipt in Vietnam (UTC+7)', () => {
    // 16:59:59 UTC is 23:59:59 in Hà Nội; 17:00 UTC is already the next day there.
    expect(dossierDay(new Date('2020-05-27T16:59:59Z'))).toBe('200527');
    expect(dossierDay(new Date('2020-05-27T17:00:00Z'))).toBe('200528');
    expect(dossierDay(new Date('2020-12-31T17:00:00Z'))).toBe('210101');
    expect(dossierDay(new Date('2020-05-27T17:00:00Z'), 0)).toBe('200527');
    expect(() => dossierDay(new Date('nonsense'))).toThrow(RangeError);
    expect(() => dossierDay(new Date('2100-06-01T00:00:00Z'))).toThrow(RangeError);
  });
});

describe('parseResultCode', () => {
  it('reads <dossier code>-KQ<n>', () => {
    const r = parseResultCode('000.00.12.H29-200527-0001-KQ1');
    expect(r).toMatchObject({
      ok: true,
      code: '000.00.12.H29-200527-0001-KQ1',
      result: 1,
      dossier: { code: '000.00.12.H29-200527-0001', agency: '000.00.12.H29', sequence: 1 },
    });
    expect(r.ok && 'ok' in r.dossier).toBe(false);
    expect(parseResultCode('H55.242-240229-0007-KQ12')).toMatchObject({ ok: true, result: 12 });
    expect(assertResultCode('G01-250101-0001-KQ9999')).toBe('G01-250101-0001-KQ9999');
  });

  const cases: readonly [string, string, RegExp, RegExp][] = [
    ['000.00.12.H29-200527-0001-KQ01', 'result', /KQ1, không viết KQ01/, /KQ1, not KQ01/],
    ['000.00.12.H29-200527-0001-KQ0', 'result', /bắt đầu từ 1/, /numbered from 1/],
    [
      '000.00.12.H29-200527-0001-KQ',
      'result',
      /sau «KQ» phải là số thứ tự/,
      /"KQ" must be followed by the number/,
    ],
    ['000.00.12.H29-200527-0001-KQA', 'result', /«A»/, /"A"/],
    ['000.00.12.H29-200527-0001-KQ10000', 'result', /quá lớn/, /too large/],
    ['000.00.12.H29-200527-0001-kq1', 'result', /chữ in hoa: «KQ1»/, /capitals: "KQ1"/],
    ['000.00.12.H29-200527-0001', 'result', /phải kết thúc bằng -KQ/, /ends in -KQ/],
    ['000.00.12.H29-200527-0001-1', 'result', /phải kết thúc bằng -KQ/, /ends in -KQ/],
    ['000.00.12.X29-200527-0001-KQ1', 'agency.level-1', /mã cấp 1 «X29»/, /level-1 code "X29"/],
    ['000.00.12.H29-200230-0001-KQ1', 'date', /không có trong lịch/, /not a calendar date/],
    ['000.00.12.H29-200527-0000-KQ1', 'sequence', /0000/, /0000/],
  ];
  it.each(cases)('%s → %s', (code, part, vi, en) => {
    const r = parseResultCode(code);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.part).toBe(part);
    expectBilingual(r.detail, vi, en);
  });

  it('assertResultCode names the result code', () => {
    expect(() => assertResultCode('000.00.12.H29-200527-0001-KQ01')).toThrow(HosoError);
    try {
      assertResultCode('000.00.12.H29-200527-0001-KQ01');
    } catch (e) {
      expect((e as HosoError).params).toMatchObject({
        'what.vi': 'mã kết quả',
        'what.en': 'result code',
      });
    }
  });
});

describe('parseProcedureCode', () => {
  it('reads the example of LEGAL.md', () => {
    expect(parseProcedureCode('1.000494.000.00.00.H29')).toEqual({
      ok: true,
      code: '1.000494.000.00.00.H29',
      national: '1.000494',
      agency: '000.00.00.H29',
    });
    expect(parseProcedureCode('2.000815.000.00.00.H55')).toMatchObject({
      ok: true,
      national: '2.000815',
    });
  });

  it('names the national part, the agency part and its level', () => {
    expect(parseProcedureCode('1.00494.000.00.00.H29')).toMatchObject({
      ok: false,
      part: 'national',
    });
    expect(parseProcedureCode('1.000494.000.00.00.X29')).toMatchObject({
      ok: false,
      part: 'agency.level-1',
    });
    expect(parseProcedureCode('1.000494.H29.12')).toMatchObject({ ok: false, part: 'agency' });
    expect(parseProcedureCode('')).toMatchObject({ ok: false, part: 'empty' });
  });
});

describe('checkCode', () => {
  it('recognises and checks each kind', () => {
    expect(checkCode('000.00.12.H29-200527-0001')).toEqual({
      ok: true,
      kind: 'dossier',
      code: '000.00.12.H29-200527-0001',
      parts: {
        dossier: '000.00.12.H29-200527-0001',
        agency: '000.00.12.H29',
        agencyForm: 'qcvn102',
        level1: 'H29',
        date: '200527',
        sequence: '0001',
      },
    });
    expect(checkCode('G01-250101-0003')).toMatchObject({ ok: true, kind: 'dossier' });
    expect(checkCode('000.00.12.H29-200527-0001-KQ2')).toMatchObject({
      ok: true,
      kind: 'result',
      parts: { dossier: '000.00.12.H29-200527-0001', result: 'KQ2' },
    });
    expect(checkCode('000.00.12.H29')).toMatchObject({
      ok: true,
      kind: 'agency',
      parts: { agencyForm: 'qcvn102' },
    });
    expect(checkCode('H55.242')).toMatchObject({
      ok: true,
      kind: 'agency',
      parts: { agencyForm: 'eid' },
    });
    expect(checkCode('G01')).toMatchObject({ ok: true, kind: 'agency' });
    expect(checkCode('7k3m9p qrt2vw x4y8zn')).toEqual({
      ok: true,
      kind: 'lookup',
      code: '7K3M9PQRT2VWX4Y8ZN',
      parts: { code: '7K3M9PQRT2VWX4Y8ZN', display: '7K3M9P-QRT2VW-X4Y8ZN' },
    });
    expect(checkCode('https://tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN')).toMatchObject({
      ok: true,
      kind: 'lookup',
      code: '7K3M9PQRT2VWX4Y8ZN',
    });
  });

  // Every part wrong in turn, through checkCode: the kind is still recognised and the part named.
  const cases: readonly [string, string, string][] = [
    ['000.00.12.X29-200527-0001', 'dossier', 'agency.level-1'],
    ['000.00.1.H29-200527-0001', 'dossier', 'agency.level-2'],
    ['000.1.12.H29-200527-0001', 'dossier', 'agency.level-3'],
    ['00.00.12.H29-200527-0001', 'dossier', 'agency.level-4'],
    ['H29.1A-200527-0001', 'dossier', 'agency.level-2'],
    ['000.00.12.H29-2O0527-0001', 'dossier', 'date.year'],
    ['000.00.12.H29-201327-0001', 'dossier', 'date.month'],
    ['000.00.12.H29-200532-0001', 'dossier', 'date.day'],
    ['000.00.12.H29-200230-0001', 'dossier', 'date'],
    ['000.00.12.H29-200527-0000', 'dossier', 'sequence'],
    ['000.00.12.H29-200527', 'dossier', 'separator'],
    ['000.00.12.H29-200527-0001-KQ01', 'result', 'result'],
    ['000.00.12.H29-200230-0001-KQ1', 'result', 'date'],
    ['000.00.12.X29', 'agency', 'level-1'],
    ['X29', 'agency', 'level-1'],
    ['000.00.12.h29', 'agency', 'characters'],
    ['7K3M9P-QRT2VW-X4Y8ZP', 'lookup', 'check'],
    ['7K3M9P-QRT2VW-X4Y8Z', 'lookup', 'length'],
    ['7K3M9P-QRT2VW-X4Y8ZO', 'lookup', 'characters'],
    ['https://tra-cuu.example.vn/about', 'lookup', 'url'],
    ['ABC', 'unknown', 'kind'],
    ['', 'unknown', 'empty'],
  ];
  it.each(cases)('%s → %s, part %s', (code, kind, part) => {
    const r = checkCode(code);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe(kind);
    expect(r.part).toBe(part);
    expect(r.detail.vi).toMatch(VIETNAMESE_MARKS);
    expect(r.detail.en.length).toBeGreaterThan(10);
    expect(r.expected.vi).toMatch(VIETNAMESE_MARKS);
    expect(r.expected.en.length).toBeGreaterThan(10);
  });

  it('names a procedure code as such rather than as a broken agency code', () => {
    const r = checkCode('1.000494.000.00.00.H29');
    expect(r).toMatchObject({ ok: false, kind: 'unknown', part: 'kind' });
    if (r.ok) return;
    expectBilingual(r.detail, /là mã thủ tục hành chính/, /is an administrative procedure code/);
  });

  it('gives the expected form of the recognised kind', () => {
    const r = checkCode('000.00.12.H29-200230-0001');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.expected.vi).toContain('<mã đơn vị>-<YYMMDD>-<NNNN>');
    expect(r.expected.en).toContain('<agency code>-<YYMMDD>-<NNNN>');
  });
});
