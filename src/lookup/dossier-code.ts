/**
 * Dossier codes (mã hồ sơ) and result codes (mã kết quả), and `checkCode`, which tells which kind
 * of code a person typed and checks it.
 *
 * - Dossier code, Circular 01/2018/TT-VPCP Art. 19: `<agency code>-<YYMMDD>-<NNNN>` — the
 *   receiving unit's agency code (either form of agency-code.ts), the date of receipt, and the
 *   4-digit sequence of that day at that unit: `000.00.12.H29-200527-0001`.
 * - Result code, Decree 45/2020/NĐ-CP Art. 14(3): a dossier with several results numbers them
 *   `<dossier code>-KQ<n>`.
 *
 * Agency codes contain dots but never hyphens, so a code splits unambiguously on '-'.
 */
import {
  AGENCY_CODE_EXPECTED,
  codeInvalidError,
  parseAgencyCode,
  type AgencyCodeForm,
  type AgencyCodePart,
  type BilingualText,
} from './agency-code.js';
import { LOOKUP_CODE_EXPECTED, formatLookupCode } from './lookup-code.js';
import { lookupCodeFromInput } from './lookup-url.js';

export type DossierCodePart =
  | 'empty'
  | 'separator'
  | `agency.${AgencyCodePart}`
  | 'date'
  | 'date.year'
  | 'date.month'
  | 'date.day'
  | 'sequence';

export type ResultCodePart = DossierCodePart | 'result';

/** A calendar day; `y` is the full year (2000–2099 for a dossier code). */
export interface CalendarDay {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export interface DossierCode {
  readonly code: string;
  readonly agency: string;
  readonly agencyForm: AgencyCodeForm;
  /** The level-1 code of the agency, e.g. `H29`. */
  readonly level1: string;
  /** The date of receipt as written, YYMMDD. */
  readonly date: string;
  readonly receivedOn: CalendarDay;
  readonly sequence: number;
}

export interface ResultCode {
  readonly code: string;
  readonly dossier: DossierCode;
  /** n of the `-KQ<n>` suffix, from 1. */
  readonly result: number;
}

export type DossierCodeCheck =
  | ({ readonly ok: true } & DossierCode)
  | { readonly ok: false; readonly part: DossierCodePart; readonly detail: BilingualText };

export type ResultCodeCheck =
  | ({ readonly ok: true } & ResultCode)
  | { readonly ok: false; readonly part: ResultCodePart; readonly detail: BilingualText };

export const DOSSIER_CODE_WHAT: BilingualText = { vi: 'mã hồ sơ', en: 'dossier code' };
export const RESULT_CODE_WHAT: BilingualText = { vi: 'mã kết quả', en: 'result code' };

export const DOSSIER_CODE_EXPECTED: BilingualText = {
  vi: '<mã đơn vị>-<YYMMDD>-<NNNN>, ví dụ 000.00.12.H29-200527-0001 (Thông tư 01/2018/TT-VPCP, Điều 19)',
  en: '<agency code>-<YYMMDD>-<NNNN>, e.g. 000.00.12.H29-200527-0001 (Circular 01/2018/TT-VPCP, Art. 19)',
};

export const RESULT_CODE_EXPECTED: BilingualText = {
  vi: '<mã hồ sơ>-KQ<số thứ tự>, ví dụ 000.00.12.H29-200527-0001-KQ1',
  en: '<dossier code>-KQ<number>, e.g. 000.00.12.H29-200527-0001-KQ1',
};

const ANY_CODE_EXPECTED: BilingualText = {
  vi: 'mã hồ sơ (000.00.12.H29-200527-0001), mã kết quả (000.00.12.H29-200527-0001-KQ1), mã đơn vị (000.00.12.H29 hoặc H29.12) hoặc mã tra cứu (18 ký tự, như 7K3M9P-QRT2VW-X4Y8ZN)',
  en: 'a dossier code (000.00.12.H29-200527-0001), a result code (000.00.12.H29-200527-0001-KQ1), an agency code (000.00.12.H29 or H29.12) or a lookup code (18 characters, such as 7K3M9P-QRT2VW-X4Y8ZN)',
};

// ---------------------------------------------------------------------------------------------
// Dossier codes

/**
 * Checks a dossier code. Parts are checked in reading order — agency code (each level), date
 * (year, month, day, then whether the day exists), sequence — and the first failure is named.
 * The two-digit year is read as 2000–2099 (the format dates from 2018).
 */
export function parseDossierCode(text: string): DossierCodeCheck {
  const code = text.trim();
  if (code === '') {
    return {
      ok: false,
      part: 'empty',
      detail: { vi: 'mã hồ sơ để trống', en: 'the dossier code is empty' },
    };
  }
  if (/\s/.test(code)) return { ok: false, part: 'separator', detail: NO_SPACES };
  const parts = code.split('-');
  const [agencyText = '', date = '', seq = ''] = parts;
  if (parts.length !== 3) {
    const looksLikeResult = parts.length === 4 && /^KQ/i.test(parts[3] ?? '');
    return {
      ok: false,
      part: 'separator',
      detail: {
        vi:
          `mã hồ sơ gồm 3 phần nối bằng dấu gạch ngang, <mã đơn vị>-<YYMMDD>-<NNNN>; ở đây có ${parts.length} phần` +
          (looksLikeResult ? ' (mã có đuôi -KQ là mã kết quả)' : ''),
        en:
          `a dossier code has 3 parts joined by hyphens, <agency code>-<YYMMDD>-<NNNN>; this one has ${parts.length}` +
          (looksLikeResult ? ' (a code ending in -KQ is a result code)' : ''),
      },
    };
  }
  const agency = parseAgencyCode(agencyText);
  if (!agency.ok) {
    return {
      ok: false,
      part: `agency.${agency.part}`,
      detail: {
        vi: `phần mã đơn vị: ${agency.detail.vi}`,
        en: `agency part: ${agency.detail.en}`,
      },
    };
  }
  const day = checkDate(date);
  if (!('y' in day)) return { ok: false, ...day };
  const sequence = checkSequence(seq);
  if (typeof sequence !== 'number') return { ok: false, ...sequence };
  return {
    ok: true,
    code,
    agency: agency.code,
    agencyForm: agency.form,
    level1: agency.level1,
    date,
    receivedOn: day,
    sequence,
  };
}

/** The code when valid; otherwise a HosoError CODE_INVALID naming the wrong part. */
export function assertDossierCode(text: string): string {
  const r = parseDossierCode(text);
  if (!r.ok) throw codeInvalidError(text, DOSSIER_CODE_WHAT, r.detail, DOSSIER_CODE_EXPECTED);
  return r.code;
}

/**
 * Builds a dossier code and checks it. `day` is `YYMMDD` or a calendar day with the full year;
 * `seq` is the day's sequence at the receiving unit, 1–9999. Throws CODE_INVALID naming the
 * wrong part.
 */
export function formatDossierCode(agency: string, day: string | CalendarDay, seq: number): string {
  const yymmdd = typeof day === 'string' ? day.trim() : yymmddOf(day);
  const shown = `${agency.trim()}-${yymmdd}-${String(seq)}`;
  if (!Number.isInteger(seq) || seq < 1 || seq > 9999) {
    throw codeInvalidError(
      shown,
      DOSSIER_CODE_WHAT,
      {
        vi: `số thứ tự ${String(seq)} phải là số nguyên từ 1 đến 9999`,
        en: `the sequence number ${String(seq)} must be a whole number from 1 to 9999`,
      },
      DOSSIER_CODE_EXPECTED,
    );
  }
  return assertDossierCode(`${agency.trim()}-${yymmdd}-${String(seq).padStart(4, '0')}`);
}

/**
 * YYMMDD of an instant on the Vietnamese calendar: a dossier is dated by the day of receipt in
 * Vietnam (UTC+07:00, no daylight saving), whatever the machine's time zone. `offsetMinutes`
 * exists for tests and for units abroad; it defaults to +420.
 */
export function dossierDay(date: Date, offsetMinutes = 420): string {
  const t = date.getTime();
  if (Number.isNaN(t)) throw new RangeError('dossierDay: invalid date');
  const local = new Date(t + offsetMinutes * 60_000);
  const year = local.getUTCFullYear();
  if (year < 2000 || year > 2099) {
    throw new RangeError(`dossierDay: year ${year} is outside 2000–2099 (YYMMDD)`);
  }
  return pad2(year % 100) + pad2(local.getUTCMonth() + 1) + pad2(local.getUTCDate());
}

// ---------------------------------------------------------------------------------------------
// Result codes

/**
 * Checks a result code `<dossier code>-KQ<n>`. `KQ` is written in capitals; n is a whole number
 * from 1 to 9999 written without leading zeros (KQ1, not KQ01), so that each result has exactly
 * one spelling and codes compare as text. The bound of four digits matches the sequence; no
 * dossier has more results than that.
 */
export function parseResultCode(text: string): ResultCodeCheck {
  const code = text.trim();
  if (code === '') {
    return {
      ok: false,
      part: 'empty',
      detail: { vi: 'mã kết quả để trống', en: 'the result code is empty' },
    };
  }
  const cut = code.lastIndexOf('-');
  const suffix = cut < 0 ? '' : code.slice(cut + 1);
  if (!/^KQ/i.test(suffix)) {
    return {
      ok: false,
      part: 'result',
      detail: {
        vi: 'mã kết quả phải kết thúc bằng -KQ và số thứ tự kết quả, ví dụ 000.00.12.H29-200527-0001-KQ1',
        en: 'a result code ends in -KQ and the number of the result, e.g. 000.00.12.H29-200527-0001-KQ1',
      },
    };
  }
  const dossier = parseDossierCode(code.slice(0, cut));
  if (!dossier.ok) return dossier;
  const problem = checkResultSuffix(suffix);
  if (typeof problem !== 'number') return { ok: false, ...problem };
  const { ok: _ok, ...dossierCode } = dossier;
  return { ok: true, code, dossier: dossierCode, result: problem };
}

/** The code when valid; otherwise a HosoError CODE_INVALID naming the wrong part. */
export function assertResultCode(text: string): string {
  const r = parseResultCode(text);
  if (!r.ok) throw codeInvalidError(text, RESULT_CODE_WHAT, r.detail, RESULT_CODE_EXPECTED);
  return r.code;
}

function checkResultSuffix(suffix: string): number | { part: 'result'; detail: BilingualText } {
  const n = suffix.slice(2);
  const fail = (vi: string, en: string) => ({ part: 'result' as const, detail: { vi, en } });
  if (!suffix.startsWith('KQ')) {
    return fail(
      `viết «KQ» bằng chữ in hoa: «KQ${n}» thay cho «${suffix}»`,
      `write "KQ" in capitals: "KQ${n}" instead of "${suffix}"`,
    );
  }
  if (!/^\d+$/.test(n)) {
    return fail(
      `sau «KQ» phải là số thứ tự kết quả (1, 2, …), ở đây là «${n}»`,
      `"KQ" must be followed by the number of the result (1, 2, …), not "${n}"`,
    );
  }
  if (/^0+$/.test(n)) {
    return fail(
      `số thứ tự kết quả bắt đầu từ 1, không có KQ${n}`,
      `results are numbered from 1; there is no KQ${n}`,
    );
  }
  if (n.startsWith('0')) {
    const plain = n.replace(/^0+/, '');
    return fail(
      `số thứ tự kết quả viết không có số 0 ở đầu: KQ${plain}, không viết KQ${n}`,
      `the result number is written without leading zeros: KQ${plain}, not KQ${n}`,
    );
  }
  if (n.length > 4) {
    return fail(
      `số thứ tự kết quả «${n}» quá lớn (tối đa 9999)`,
      `the result number "${n}" is too large (at most 9999)`,
    );
  }
  return Number(n);
}

// ---------------------------------------------------------------------------------------------
// Procedure codes

export type ProcedureCodeCheck =
  | {
      readonly ok: true;
      readonly code: string;
      /** The national part, e.g. `1.000494`. */
      readonly national: string;
      /** The agency part (QCVN 102:2016 form), e.g. `000.00.00.H29`. */
      readonly agency: string;
    }
  | {
      readonly ok: false;
      readonly part: 'empty' | 'national' | 'agency' | `agency.${AgencyCodePart}`;
      readonly detail: BilingualText;
    };

/**
 * Checks a procedure code (mã thủ tục hành chính, LEGAL.md §3): the national code `D.DDDDDD`
 * followed by the agency code in QCVN 102:2016 form, e.g. `1.000494.000.00.00.H29`. Known
 * limit: the meaning of the leading digit is not checked.
 */
export function parseProcedureCode(text: string): ProcedureCodeCheck {
  const code = text.trim();
  if (code === '') {
    return {
      ok: false,
      part: 'empty',
      detail: { vi: 'mã thủ tục để trống', en: 'the procedure code is empty' },
    };
  }
  const m = /^(\d\.\d{6})\.(.*)$/s.exec(code);
  if (!m) {
    return {
      ok: false,
      part: 'national',
      detail: {
        vi: 'mã thủ tục bắt đầu bằng mã quốc gia gồm một chữ số, dấu chấm và sáu chữ số (như 1.000494), rồi đến mã đơn vị',
        en: 'a procedure code starts with the national code — one digit, a dot and six digits (such as 1.000494) — then the agency code',
      },
    };
  }
  const national = m[1] ?? '';
  const agency = parseAgencyCode(m[2] ?? '');
  if (!agency.ok) {
    return {
      ok: false,
      part: `agency.${agency.part}`,
      detail: { vi: `phần mã đơn vị: ${agency.detail.vi}`, en: `agency part: ${agency.detail.en}` },
    };
  }
  if (agency.form !== 'qcvn102') {
    return {
      ok: false,
      part: 'agency',
      detail: {
        vi: 'phần mã đơn vị của mã thủ tục viết theo QCVN 102:2016 (13 ký tự, như 000.00.00.H29)',
        en: 'the agency part of a procedure code is in QCVN 102:2016 form (13 characters, such as 000.00.00.H29)',
      },
    };
  }
  return { ok: true, code, national, agency: agency.code };
}

// ---------------------------------------------------------------------------------------------
// Any code

export type CodeKind = 'dossier' | 'result' | 'agency' | 'lookup';

export type CodeCheck =
  | {
      readonly ok: true;
      readonly kind: CodeKind;
      /** The code in canonical form (a lookup code without separators). */
      readonly code: string;
      readonly parts: Readonly<Record<string, string>>;
    }
  | {
      readonly ok: false;
      readonly kind: CodeKind | 'unknown';
      /** The first wrong part: `agency.level-1`, `date.month`, `sequence`, `result`, `check`, … */
      readonly part: string;
      readonly detail: BilingualText;
      readonly expected: BilingualText;
    };

/**
 * Decides which kind of code `text` is — by its shape, before checking it — then checks it and
 * names the first wrong part. Shapes: a last part starting with KQ is a result code; hyphenated
 * text whose first part looks like an agency code (has a dot, or is a letter and two digits) or
 * whose last two parts are digits is a dossier code; other hyphenated text is a lookup code in
 * display form; without hyphens, an agency code has a dot or is a letter and two digits, and ten
 * or more other letters and digits are a lookup code. A URL is read as a scanned lookup URL
 * (lookup-url.ts). A procedure code is recognised only to say that it is none of these kinds.
 */
export function checkCode(text: string): CodeCheck {
  const t = text.trim();
  if (t === '') {
    return {
      ok: false,
      kind: 'unknown',
      part: 'empty',
      detail: { vi: 'chưa nhập mã', en: 'no code was given' },
      expected: ANY_CODE_EXPECTED,
    };
  }
  const kind = guessKind(t);
  switch (kind) {
    case 'result': {
      const r = parseResultCode(t);
      if (!r.ok)
        return { ok: false, kind, part: r.part, detail: r.detail, expected: RESULT_CODE_EXPECTED };
      return {
        ok: true,
        kind,
        code: r.code,
        parts: { ...dossierParts(r.dossier), result: `KQ${r.result}` },
      };
    }
    case 'dossier': {
      const r = parseDossierCode(t);
      if (!r.ok)
        return { ok: false, kind, part: r.part, detail: r.detail, expected: DOSSIER_CODE_EXPECTED };
      return { ok: true, kind, code: r.code, parts: dossierParts(r) };
    }
    case 'agency': {
      const r = parseAgencyCode(t);
      if (!r.ok)
        return { ok: false, kind, part: r.part, detail: r.detail, expected: AGENCY_CODE_EXPECTED };
      return {
        ok: true,
        kind,
        code: r.code,
        parts: { agency: r.code, agencyForm: r.form, level1: r.level1 },
      };
    }
    case 'lookup': {
      const r = lookupCodeFromInput(t);
      if (!r.ok)
        return { ok: false, kind, part: r.part, detail: r.detail, expected: LOOKUP_CODE_EXPECTED };
      return {
        ok: true,
        kind,
        code: r.code,
        parts: { code: r.code, display: formatLookupCode(r.code) },
      };
    }
    case 'unknown': {
      const shown = Array.from(t.replace(/[\p{Cc}\p{Cf}]/gu, '?'));
      const s = shown.length > 40 ? shown.slice(0, 40).join('') + '…' : shown.join('');
      const procedure = parseProcedureCode(t);
      return {
        ok: false,
        kind,
        part: 'kind',
        detail: procedure.ok
          ? {
              vi: `«${s}» là mã thủ tục hành chính (mã quốc gia ${procedure.national}, đơn vị ${procedure.agency}), không phải mã hồ sơ, mã kết quả, mã đơn vị hay mã tra cứu`,
              en: `"${s}" is an administrative procedure code (national code ${procedure.national}, agency ${procedure.agency}), not a dossier, result, agency or lookup code`,
            }
          : {
              vi: `không nhận ra «${s}» là mã hồ sơ, mã kết quả, mã đơn vị hay mã tra cứu`,
              en: `"${s}" is not recognisable as a dossier code, result code, agency code or lookup code`,
            },
        expected: ANY_CODE_EXPECTED,
      };
    }
  }
}

function guessKind(t: string): CodeKind | 'unknown' {
  // A scanned QR code: the lookup URL carries a lookup code.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t) || t.includes('/')) return 'lookup';
  // A procedure code (1.000494.000.00.00.H29) is none of the four kinds; it is named as such.
  if (/^\d\.\d{6}\./.test(t)) return 'unknown';
  const parts = t.split('-');
  const last = parts[parts.length - 1] ?? '';
  const agencyLike = (s: string): boolean => s.includes('.') || /^[A-Za-z]\d{2}$/.test(s.trim());
  const digits = (s: string | undefined): boolean => s !== undefined && /^\s*\d+\s*$/.test(s);
  const lookupLike = (): boolean => t.replace(/[\s\u002D\u2010-\u2015]/gu, '').length >= 10;
  if (parts.length >= 2) {
    if (/^\s*KQ/i.test(last)) return 'result';
    if (
      agencyLike(parts[0] ?? '') ||
      (parts.length >= 3 && digits(parts[parts.length - 2]) && digits(last))
    ) {
      return 'dossier';
    }
    return lookupLike() ? 'lookup' : 'unknown';
  }
  if (agencyLike(t)) return 'agency';
  return lookupLike() ? 'lookup' : 'unknown';
}

function dossierParts(d: DossierCode): Record<string, string> {
  return {
    dossier: d.code,
    agency: d.agency,
    agencyForm: d.agencyForm,
    level1: d.level1,
    date: d.date,
    sequence: String(d.sequence).padStart(4, '0'),
  };
}

// ---------------------------------------------------------------------------------------------
// Parts

const NO_SPACES: BilingualText = {
  vi: 'mã hồ sơ không có dấu cách, kể cả quanh dấu gạch ngang',
  en: 'a dossier code has no spaces, not even around the hyphens',
};

type PartProblem = { readonly part: DossierCodePart; readonly detail: BilingualText };

/** YYMMDD: shape, then year, month and day digits, then ranges, then whether the day exists. */
function checkDate(date: string): CalendarDay | PartProblem {
  if (date.length !== 6) {
    return {
      part: 'date',
      detail: {
        vi: `ngày tiếp nhận «${date}» phải gồm 6 chữ số YYMMDD (năm, tháng, ngày), ví dụ 200527`,
        en: `the date of receipt "${date}" must be 6 digits YYMMDD (year, month, day), e.g. 200527`,
      },
    };
  }
  const yy = date.slice(0, 2);
  const mm = date.slice(2, 4);
  const dd = date.slice(4, 6);
  const fields: readonly [string, DossierCodePart, BilingualText][] = [
    [yy, 'date.year', { vi: 'năm', en: 'year' }],
    [mm, 'date.month', { vi: 'tháng', en: 'month' }],
    [dd, 'date.day', { vi: 'ngày', en: 'day' }],
  ];
  for (const [value, part, name] of fields) {
    if (!/^\d{2}$/.test(value)) {
      return {
        part,
        detail: {
          vi: `${name.vi} «${value}» trong ngày tiếp nhận «${date}» phải là hai chữ số`,
          en: `the ${name.en} "${value}" in the date of receipt "${date}" must be two digits`,
        },
      };
    }
  }
  const y = 2000 + Number(yy);
  const m = Number(mm);
  const d = Number(dd);
  if (m < 1 || m > 12) {
    return {
      part: 'date.month',
      detail: {
        vi: `tháng «${mm}» trong ngày tiếp nhận «${date}» không có (tháng từ 01 đến 12)`,
        en: `the month "${mm}" in the date of receipt "${date}" does not exist (months run from 01 to 12)`,
      },
    };
  }
  if (d < 1 || d > 31) {
    return {
      part: 'date.day',
      detail: {
        vi: `ngày «${dd}» trong ngày tiếp nhận «${date}» không có (ngày từ 01 đến 31)`,
        en: `the day "${dd}" in the date of receipt "${date}" does not exist (days run from 01 to 31)`,
      },
    };
  }
  const days = daysInMonth(y, m);
  if (d > days) {
    return {
      part: 'date',
      detail: {
        vi: `ngày tiếp nhận «${date}» là ngày ${dd}/${mm}/${y}, không có trong lịch (tháng ${mm}/${y} có ${days} ngày)`,
        en: `the date of receipt "${date}" would be ${dd}/${mm}/${y}, which is not a calendar date (${mm}/${y} has ${days} days)`,
      },
    };
  }
  return { y, m, d };
}

/** NNNN, 0001–9999: the day's sequence starts at 1 (Circular 01/2018/TT-VPCP Art. 19). */
function checkSequence(seq: string): number | PartProblem {
  if (!/^\d{4}$/.test(seq)) {
    return {
      part: 'sequence',
      detail: {
        vi: `số thứ tự «${seq}» phải gồm đúng 4 chữ số, từ 0001 đến 9999`,
        en: `the sequence number "${seq}" must be exactly 4 digits, 0001 to 9999`,
      },
    };
  }
  if (seq === '0000') {
    return {
      part: 'sequence',
      detail: {
        vi: 'số thứ tự 0000 không có: số thứ tự hồ sơ trong ngày bắt đầu từ 0001',
        en: "the sequence number 0000 does not exist: a day's dossiers are numbered from 0001",
      },
    };
  }
  return Number(seq);
}

function yymmddOf(day: CalendarDay): string {
  const { y, m, d } = day;
  const shown = `${String(y)}-${String(m)}-${String(d)}`;
  const bad = (vi: string, en: string): never => {
    throw codeInvalidError(shown, DOSSIER_CODE_WHAT, { vi, en }, DOSSIER_CODE_EXPECTED);
  };
  if (!Number.isInteger(y) || y < 2000 || y > 2099) {
    bad(
      `năm ${String(y)} không viết được thành hai chữ số YY (chỉ từ 2000 đến 2099)`,
      `the year ${String(y)} cannot be written as two digits YY (only 2000 to 2099)`,
    );
  }
  if (!Number.isInteger(m) || !Number.isInteger(d) || m < 0 || m > 99 || d < 0 || d > 99) {
    bad(
      `tháng ${String(m)} và ngày ${String(d)} phải là số nguyên hai chữ số`,
      `the month ${String(m)} and day ${String(d)} must be whole numbers of two digits`,
    );
  }
  return pad2(y % 100) + pad2(m) + pad2(d);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
