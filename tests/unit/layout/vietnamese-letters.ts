/**
 * Every letter of the Vietnamese alphabet with every tone, in both cases, built from base letters
 * and combining marks so the list does not depend on anyone typing 146 letters correctly.
 */
const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
/** No mark (ngang), grave (huyền), acute (sắc), hook above (hỏi), tilde (ngã), dot below (nặng). */
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

export const LOWER_LETTERS: readonly string[] = [
  ...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))),
  'đ',
];
export const UPPER_LETTERS: readonly string[] = LOWER_LETTERS.map((l) => l.toUpperCase());
export const ALL_LETTERS: readonly string[] = [...LOWER_LETTERS, ...UPPER_LETTERS];

/** Sample administrative lines (signature appearance). */
export const SAMPLE_LINES: readonly string[] = [
  'Ký bởi: Nguyễn Văn An',
  'Chức vụ: Chủ tịch Ủy ban nhân dân phường',
  'Thời gian ký: 25/11/2026 14:02:05 +07:00',
  'Lý do: Phê duyệt kết quả giải quyết hồ sơ',
];
