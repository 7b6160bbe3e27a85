/**
 * Agency codes (mã đơn vị) in the two forms Vietnamese systems use (LEGAL.md §3):
 *
 * - QCVN 102:2016/BTTTT: exactly 13 characters `DDD.DD.DD.LDD`. Level 1 is on the RIGHT (a
 *   letter and two digits, e.g. `G12` Ministry of Finance, `H29` Hồ Chí Minh City); levels 2, 3
 *   and 4 move left and are zero-filled when absent: `000.00.12.H29` is a level-2 unit of H29.
 * - Decision 20/2020/QĐ-TTg (amended by Decision 09/2025/QĐ-TTg), Art. 4(1): the agency e-ID,
 *   at most 35 characters of `A–Z`, `0–9` and `.`, in dot-separated groups that grow from left to
 *   right: level 1 on the LEFT (`H55.242`, `G01`).
 *
 * Pure text checks: no registry of real agencies is consulted, so a well-formed code for a unit
 * that does not exist passes. A failed check names the wrong part (`level-1`, `level-2`, …) and
 * says why in Vietnamese and English.
 */
import { HosoError } from '../kernel/index.js';

/** A sentence in both languages of the message catalogue. */
export interface BilingualText {
  readonly vi: string;
  readonly en: string;
}

export type AgencyCodeForm = 'qcvn102' | 'eid';

/** Which part of an agency code is wrong: levels are counted from level 1 (the top agency). */
export type AgencyCodePart = 'characters' | 'length' | 'separator' | `level-${number}`;

export type AgencyCodeCheck =
  | {
      readonly ok: true;
      readonly form: AgencyCodeForm;
      /** The code as written, without surrounding whitespace. */
      readonly code: string;
      /** The level-1 code, e.g. `H29`. */
      readonly level1: string;
    }
  | { readonly ok: false; readonly part: AgencyCodePart; readonly detail: BilingualText };

export const AGENCY_CODE_WHAT: BilingualText = { vi: 'mã đơn vị', en: 'agency code' };

export const AGENCY_CODE_EXPECTED: BilingualText = {
  vi: '000.00.12.H29 (QCVN 102:2016) hoặc H29.12 (mã định danh điện tử, Quyết định 20/2020/QĐ-TTg)',
  en: '000.00.12.H29 (QCVN 102:2016) or H29.12 (electronic ID, Decision 20/2020/QĐ-TTg)',
};

/** Decision 20/2020/QĐ-TTg Art. 4(1): "độ dài tối đa là 35 ký tự". */
const EID_MAX_LENGTH = 35;

/**
 * The level-1 letters we accept, with the group each one names and the highest number in use.
 *
 * Confirmed:
 * - G: ministries, ministerial-level and government agencies (LEGAL.md §3: G12 Finance, G22
 *   Government Office; the table of Decision 09/2025/QĐ-TTg runs G01 … G39 and beyond, so no
 *   upper bound below 99 is asserted).
 * - H: provincial People's Committees. The numbers follow the alphabetical order of the 63
 *   provinces before 2025: H29 Hồ Chí Minh City and H49 Quảng Ninh (LEGAL.md), H55 Thái Nguyên
 *   (used by that province's public-service portal), H57 Huế (Decision 09/2025/QĐ-TTg) are the
 *   29th, 49th, 55th and 57th names in that order. Hence 01–63.
 * - K: provincial People's Councils, same numbers as H (Decision 09/2025/QĐ-TTg sets K57 for the
 *   People's Council of Huế; K19 Đồng Nai and K41 Nghệ An are used in document exchange).
 * Decision 09/2025/QĐ-TTg: a province formed by the 2025 merger keeps the level-1 code of the
 * old province whose name it takes and the others are closed, so 01–63 still bounds H and K.
 *
 * Unconfirmed — inferred, not read in the standard's appendix: QCVN 102:2016 lists the level-1
 * groups in this order: Party, State President, National Assembly, Supreme People's Court,
 * Supreme People's Procuracy, State Audit, Government, local authorities; G and H being the 7th
 * and 8th groups suggests A–F for the first six. One system of the National Assembly uses
 * `000.00.00.C01`. We accept A–F so that real codes are not refused; numbers 01–99.
 * Groups whose letter we could not find (central socio-political organisations such as the
 * Fatherland Front) are refused until someone confirms their letter.
 */
const LEVEL1_GROUPS: Readonly<
  Record<string, { readonly max: number; readonly group: BilingualText }>
> = {
  A: { max: 99, group: { vi: 'cơ quan của Đảng', en: 'Party agencies' } },
  B: { max: 99, group: { vi: 'Văn phòng Chủ tịch nước', en: 'Office of the President' } },
  C: { max: 99, group: { vi: 'cơ quan của Quốc hội', en: 'National Assembly agencies' } },
  D: { max: 99, group: { vi: 'Tòa án nhân dân tối cao', en: "Supreme People's Court" } },
  E: {
    max: 99,
    group: { vi: 'Viện kiểm sát nhân dân tối cao', en: "Supreme People's Procuracy" },
  },
  F: { max: 99, group: { vi: 'Kiểm toán Nhà nước', en: 'State Audit' } },
  G: {
    max: 99,
    group: {
      vi: 'bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ',
      en: 'ministries and government agencies',
    },
  },
  H: {
    max: 63,
    group: { vi: 'Ủy ban nhân dân tỉnh, thành phố', en: "provincial People's Committees" },
  },
  K: {
    max: 63,
    group: { vi: 'Hội đồng nhân dân tỉnh, thành phố', en: "provincial People's Councils" },
  },
};

const LEVEL1_LETTERS = Object.keys(LEVEL1_GROUPS).join(', ');

/**
 * Checks an agency code in either form. Surrounding whitespace is trimmed. Lower case is refused
 * rather than corrected: codes are published in capitals and a code stored in the registry must
 * read the same as the one on paper, so the user is told the capitalised form to type.
 *
 * Checks run in order — characters, length, groups, then level 1, 2, 3, 4 — and the first
 * failure is reported.
 */
export function parseAgencyCode(text: string): AgencyCodeCheck {
  const code = text.trim();
  if (code === '') {
    return fail('length', { vi: 'mã đơn vị để trống', en: 'the agency code is empty' });
  }
  if (/[a-z]/.test(code)) {
    const shown = printable(code);
    const upper = shown.toUpperCase();
    return fail('characters', {
      vi: `mã đơn vị viết bằng chữ in hoa: gõ «${upper}» thay cho «${shown}»`,
      en: `agency codes are written in capitals: type "${upper}" instead of "${shown}"`,
    });
  }
  const bad = /[^A-Z0-9.]/u.exec(code);
  if (bad) {
    const c = describeCharacter(bad[0]);
    return fail('characters', {
      vi: `${c.vi} không được dùng trong mã đơn vị (chỉ gồm chữ cái A–Z, chữ số 0–9 và dấu chấm)`,
      en: `${c.en} is not allowed in an agency code (only A–Z, 0–9 and dots)`,
    });
  }
  if (code.length > EID_MAX_LENGTH) {
    return fail('length', {
      vi: `mã đơn vị dài ${code.length} ký tự, tối đa ${EID_MAX_LENGTH} ký tự (Quyết định 20/2020/QĐ-TTg)`,
      en: `the agency code is ${code.length} characters long; at most ${EID_MAX_LENGTH} are allowed (Decision 20/2020/QĐ-TTg)`,
    });
  }
  const groups = code.split('.');
  if (groups.some((g) => g === '')) {
    return fail('separator', {
      vi: 'mã đơn vị có nhóm trống: dấu chấm ở đầu, ở cuối hoặc hai dấu chấm liền nhau',
      en: 'the agency code has an empty group: a dot at the start, at the end, or two dots in a row',
    });
  }
  const first = groups[0] ?? '';
  const last = groups[groups.length - 1] ?? '';
  // The two forms put level 1 at opposite ends; a QCVN code always starts with a digit.
  if (/^[A-Z]/.test(first)) return checkEid(code, groups);
  if (/[A-Z]/.test(last)) return checkQcvn102(code, groups);
  return fail('level-1', {
    vi: 'không thấy mã cấp 1 (một chữ cái và hai chữ số, như H29): mã định danh điện tử đặt mã cấp 1 ở đầu, mã theo QCVN 102:2016 đặt ở cuối',
    en: 'no level-1 code (a letter and two digits, such as H29): an electronic ID puts it first, a QCVN 102:2016 code puts it last',
  });
}

/** The trimmed code when it is valid; otherwise a HosoError CODE_INVALID naming the wrong part. */
export function assertAgencyCode(text: string): string {
  const r = parseAgencyCode(text);
  if (!r.ok) throw codeInvalidError(text, AGENCY_CODE_WHAT, r.detail, AGENCY_CODE_EXPECTED);
  return r.code;
}

/** QCVN 102:2016: `DDD.DD.DD.LDD` — level 4 (3 digits), level 3, level 2 (2 digits), level 1. */
function checkQcvn102(code: string, groups: readonly string[]): AgencyCodeCheck {
  if (groups.length !== 4) {
    return fail('length', {
      vi: `mã theo QCVN 102:2016 có đúng 13 ký tự gồm 4 nhóm DDD.DD.DD.LDD, ở đây có ${groups.length} nhóm`,
      en: `a QCVN 102:2016 code is exactly 13 characters in 4 groups DDD.DD.DD.LDD; this one has ${groups.length} groups`,
    });
  }
  const [l4 = '', l3 = '', l2 = '', l1 = ''] = groups;
  const level1 = checkLevel1(l1);
  if (level1) return level1;
  const digits: readonly [string, number, number][] = [
    [l2, 2, 2],
    [l3, 3, 2],
    [l4, 4, 3],
  ];
  for (const [value, level, width] of digits) {
    if (!new RegExp(`^\\d{${width}}$`).test(value)) {
      return fail(`level-${level}`, {
        vi: `mã cấp ${level} «${value}» phải gồm đúng ${width} chữ số (QCVN 102:2016: DDD.DD.DD.LDD)`,
        en: `the level-${level} code "${value}" must be exactly ${width} digits (QCVN 102:2016: DDD.DD.DD.LDD)`,
      });
    }
  }
  // Lower levels are zero-filled only when absent: a level-3 unit belongs to a level-2 unit, so
  // `000.05.00.H29` (level 3 set, level 2 empty) names no unit — usually groups typed in the
  // wrong place.
  const chain: readonly [string, number, string, number][] = [
    [l2, 2, l3, 3],
    [l3, 3, l4, 4],
  ];
  for (const [parent, parentLevel, child, childLevel] of chain) {
    if (/^0+$/.test(parent) && !/^0+$/.test(child)) {
      return fail(`level-${parentLevel}`, {
        vi: `mã cấp ${parentLevel} là «${parent}» (không có) nhưng mã cấp ${childLevel} là «${child}»: đơn vị cấp ${childLevel} phải thuộc một đơn vị cấp ${parentLevel}`,
        en: `the level-${parentLevel} code is "${parent}" (none) but the level-${childLevel} code is "${child}": a level-${childLevel} unit belongs to a level-${parentLevel} unit`,
      });
    }
  }
  return { ok: true, form: 'qcvn102', code, level1: l1 };
}

/**
 * Decision 20/2020/QĐ-TTg: level 1 first, then one group per lower level.
 *
 * Known limit: the Decision's text we could read gives the characters and the length of the
 * whole code, not the width of each lower group. Every published e-ID we found (H55.242,
 * H29.1.12) has digits only after level 1, so we ask for digits there, of any width. A group of
 * zeros only is refused: in this form an absent level is left out, not zero-filled — a zero
 * group usually means a QCVN code written back to front.
 */
function checkEid(code: string, groups: readonly string[]): AgencyCodeCheck {
  const l1 = groups[0] ?? '';
  const level1 = checkLevel1(l1);
  if (level1) return level1;
  for (let i = 1; i < groups.length; i++) {
    const value = groups[i] ?? '';
    const level = i + 1;
    if (!/^\d+$/.test(value)) {
      return fail(`level-${level}`, {
        vi: `mã cấp ${level} «${value}» chỉ gồm chữ số (mã định danh điện tử: mã cấp 1 rồi các nhóm chữ số, như H29.12)`,
        en: `the level-${level} code "${value}" must be digits only (electronic ID: the level-1 code, then groups of digits, such as H29.12)`,
      });
    }
    if (/^0+$/.test(value)) {
      return fail(`level-${level}`, {
        vi: `mã cấp ${level} «${value}» toàn số 0: trong mã định danh điện tử, cấp không có thì bỏ đi, không điền số 0`,
        en: `the level-${level} code "${value}" is all zeros: an electronic ID leaves absent levels out instead of zero-filling them`,
      });
    }
  }
  return { ok: true, form: 'eid', code, level1: l1 };
}

/** Level 1, the same in both forms: one of the letters above and two digits, 01 to the group's max. */
function checkLevel1(value: string): AgencyCodeCheck | null {
  if (!/^[A-Z]\d{2}$/.test(value)) {
    return fail('level-1', {
      vi: `mã cấp 1 «${value}» phải gồm một chữ cái (${LEVEL1_LETTERS}) và hai chữ số, ví dụ G12 hoặc H29`,
      en: `the level-1 code "${value}" must be a letter (${LEVEL1_LETTERS}) and two digits, such as G12 or H29`,
    });
  }
  const letter = value.charAt(0);
  const entry = LEVEL1_GROUPS[letter];
  if (!entry) {
    return fail('level-1', {
      vi: `mã cấp 1 «${value}» phải bắt đầu bằng một trong các chữ cái ${LEVEL1_LETTERS} (G: bộ, ngành; H: Ủy ban nhân dân tỉnh; K: Hội đồng nhân dân tỉnh; …), không có chữ ${letter}`,
      en: `the level-1 code "${value}" must start with one of the letters ${LEVEL1_LETTERS} (G: ministries; H: provincial People's Committees; K: provincial People's Councils; …), not ${letter}`,
    });
  }
  const n = Number(value.slice(1));
  if (n === 0) {
    return fail('level-1', {
      vi: `mã cấp 1 «${value}»: số 00 không được cấp, số thứ tự bắt đầu từ 01`,
      en: `the level-1 code "${value}": number 00 is never assigned; numbers start at 01`,
    });
  }
  if (n > entry.max) {
    return fail('level-1', {
      vi: `mã cấp 1 «${value}»: mã của ${entry.group.vi} chỉ từ ${letter}01 đến ${letter}${entry.max}`,
      en: `the level-1 code "${value}": codes of ${entry.group.en} run from ${letter}01 to ${letter}${entry.max} only`,
    });
  }
  return null;
}

function fail(part: AgencyCodePart, detail: BilingualText): AgencyCodeCheck {
  return { ok: false, part, detail };
}

/**
 * A character named so a reader can see it: spaces and invisible characters by name or code
 * point, others between guillemets (vi) or quotes (en).
 */
export function describeCharacter(c: string): BilingualText {
  if (c === ' ') return { vi: 'dấu cách', en: 'a space' };
  if (/[\p{Cc}\p{Cf}\p{Z}]/u.test(c)) {
    const cp = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { vi: `ký tự ẩn ${cp}`, en: `the invisible character ${cp}` };
  }
  return { vi: `ký tự «${c}»`, en: `the character "${c}"` };
}

/**
 * The CODE_INVALID error for a code that failed a check. Every text parameter comes in `.vi` and
 * `.en` variants (the catalogue picks the user's language); the plain name carries English.
 * The value is trimmed, stripped of control characters and shortened: it is user input.
 */
export function codeInvalidError(
  value: string,
  what: BilingualText,
  detail: BilingualText,
  expected: BilingualText,
): HosoError {
  const shown = printable(value);
  return new HosoError('CODE_INVALID', {
    params: {
      value: shown,
      'value.vi': `«${shown}»`,
      'value.en': `"${shown}"`,
      what: what.en,
      'what.vi': what.vi,
      'what.en': what.en,
      detail: detail.en,
      'detail.vi': detail.vi,
      'detail.en': detail.en,
      expected: expected.en,
      'expected.vi': expected.vi,
      'expected.en': expected.en,
    },
  });
}

const SHOWN_MAX = 80;

function printable(value: string): string {
  const clean = value.trim().replace(/[\p{Cc}\p{Cf}]/gu, '?');
  const chars = Array.from(clean);
  return chars.length > SHOWN_MAX ? chars.slice(0, SHOWN_MAX).join('') + '…' : clean;
}
