/**
 * Lookup codes (mã tra cứu): the unguessable code printed with the QR code on paper conversions
 * and certified copies, resolved by the lookup service (DESIGN.md "Registry and lookup": at least
 * 80 bits of randomness, so that a sequential dossier code alone reveals nothing).
 *
 * - Alphabet: the 31 symbols `23456789ABCDEFGHJKMNPQRSTUVWXYZ` — digits 2–9 and the letters
 *   without I, L and O, so 0/O and 1/I/l cannot be confused on paper.
 * - 17 random symbols: 31^17 ≈ 2^84.2, above the 80 bits asked for.
 * - 1 check symbol, the 18th, chosen so that Σ i·v(i) ≡ 0 (mod 31) over positions i = 1…18,
 *   where v is a symbol's index in the alphabet.
 *
 * Why the check catches every single substitution and every transposition: 31 is prime, so the
 * integers mod 31 form a field with no zero divisors.
 * - Substitution at position i of value a by b ≠ a changes the sum by i·(b − a). Both factors are
 *   non-zero mod 31 (1 ≤ i ≤ 18 < 31, and 0 < |b − a| < 31), so their product is non-zero: the
 *   sum is no longer 0.
 * - Swapping positions i < j holding a ≠ b changes the sum by i·b + j·a − i·a − j·b =
 *   (j − i)·(a − b); again two non-zero factors (1 ≤ j − i ≤ 17), so the change is non-zero.
 *   This holds for any two positions, adjacent or not.
 * Two or more errors together can cancel out (1 chance in 31); the registry lookup is the final
 * check.
 *
 * Canonical form: 18 capitals, no separators (what URLs and the registry carry). Display form:
 * three groups of six joined by hyphens, `ABCDEF-GHJKMN-PQRSTU`.
 */
import { codeInvalidError, describeCharacter, type BilingualText } from './agency-code.js';

export const LOOKUP_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const LOOKUP_CODE_LENGTH = 18;

const BASE = LOOKUP_ALPHABET.length; // 31, prime
const RANDOM_SYMBOLS = LOOKUP_CODE_LENGTH - 1;
/** Bytes below 8 × 31 = 248 map evenly onto the alphabet; 248…255 are drawn again. */
const ACCEPT_BELOW = Math.floor(256 / BASE) * BASE;
/** Inverse of the check position's weight: 18 · 19 = 342 = 11 · 31 + 1. */
const INVERSE_OF_LAST_WEIGHT = 19;

export type LookupCodePart = 'length' | 'characters' | 'check';

export type LookupCodeCheck =
  | { readonly ok: true; readonly code: string }
  | { readonly ok: false; readonly part: LookupCodePart; readonly detail: BilingualText };

export const LOOKUP_CODE_WHAT: BilingualText = { vi: 'mã tra cứu', en: 'lookup code' };

export const LOOKUP_CODE_EXPECTED: BilingualText = {
  vi: '18 ký tự gồm chữ số 2–9 và chữ cái trừ I, L, O, ví dụ 7K3M9P-QRT2VW-X4Y8ZN',
  en: '18 characters, digits 2–9 and letters except I, L, O, e.g. 7K3M9P-QRT2VW-X4Y8ZN',
};

/**
 * A new lookup code in canonical form. `random(n)` returns n random bytes (the Context's
 * randomness; core code never calls crypto itself). Each symbol is one byte reduced mod 31 after
 * rejection sampling — bytes 248…255 are discarded — so every symbol is equally likely: taking
 * every byte mod 31 would make the first 8 symbols 9/8 as likely as the others.
 */
export function newLookupCode(random: (n: number) => Uint8Array): string {
  const values: number[] = [];
  // A fair source almost never needs a second round (it would take 17 of 24 bytes ≥ 248);
  // the bound stops a broken source that only returns rejected bytes from looping for ever.
  for (let round = 0; values.length < RANDOM_SYMBOLS; round++) {
    if (round === 64) throw new Error('lookup code: the random source keeps returning bytes ≥ 248');
    const bytes = random(24);
    if (bytes.length === 0) throw new Error('lookup code: the random source returned no bytes');
    for (const b of bytes) {
      if (b < ACCEPT_BELOW) values.push(b % BASE);
      if (values.length === RANDOM_SYMBOLS) break;
    }
  }
  const payload = values.map((v) => LOOKUP_ALPHABET.charAt(v)).join('');
  return payload + lookupCheckSymbol(payload);
}

/** The check symbol for the first 17 symbols of a code (canonical form). */
export function lookupCheckSymbol(payload: string): string {
  if (payload.length !== RANDOM_SYMBOLS) {
    throw new RangeError(`lookup code: ${RANDOM_SYMBOLS} symbols expected, got ${payload.length}`);
  }
  const partial = weightedSum(payload);
  // 18 · v ≡ −partial (mod 31)  ⇔  v ≡ −partial · 19 (mod 31)
  const v = (((BASE - partial) % BASE) * INVERSE_OF_LAST_WEIGHT) % BASE;
  return LOOKUP_ALPHABET.charAt(v);
}

/**
 * Checks a lookup code as a person types it from paper: lower case, spaces and hyphens (also the
 * dashes word processors substitute) anywhere are accepted. Look-alike characters outside the
 * alphabet (0, O, 1, I, L) are reported, never guessed: a wrong guess would lead to someone
 * else's document. Checks run in order: characters, length, check symbol.
 */
export function parseLookupCode(input: string): LookupCodeCheck {
  let code = '';
  for (const ch of input) {
    if (/[\s\u002D\u2010-\u2015]/u.test(ch)) continue;
    const up = ch.toUpperCase();
    if (up.length !== 1 || !LOOKUP_ALPHABET.includes(up)) {
      const c = describeCharacter(ch);
      const lookAlike = /^[0O1IL]$/.test(up);
      return {
        ok: false,
        part: 'characters',
        detail: lookAlike
          ? {
              vi: `${c.vi} không có trong mã tra cứu (mã không dùng 0, O, 1, I, L): xem lại ký tự in trên giấy`,
              en: `${c.en} is not in lookup codes (they never use 0, O, 1, I, L): check that character on the paper`,
            }
          : {
              vi: `${c.vi} không có trong mã tra cứu (chỉ gồm chữ số 2–9 và chữ cái A–Z trừ I, L, O)`,
              en: `${c.en} is not in lookup codes (only digits 2–9 and letters A–Z except I, L, O)`,
            },
      };
    }
    code += up;
  }
  if (code.length !== LOOKUP_CODE_LENGTH) {
    return {
      ok: false,
      part: 'length',
      detail: {
        vi: `mã tra cứu có ${LOOKUP_CODE_LENGTH} ký tự (không kể dấu cách và dấu gạch ngang), ở đây có ${code.length}`,
        en: `a lookup code has ${LOOKUP_CODE_LENGTH} characters (not counting spaces and hyphens); this one has ${code.length}`,
      },
    };
  }
  if (weightedSum(code) !== 0) {
    return {
      ok: false,
      part: 'check',
      detail: {
        vi: 'mã tra cứu gõ sai (ký tự kiểm tra không khớp): xem lại từng ký tự trên giấy',
        en: 'the lookup code was mistyped (the check character does not match): compare each character with the paper',
      },
    };
  }
  return { ok: true, code };
}

/** The canonical code when valid; otherwise a HosoError CODE_INVALID naming the wrong part. */
export function assertLookupCode(input: string): string {
  const r = parseLookupCode(input);
  if (!r.ok) throw codeInvalidError(input, LOOKUP_CODE_WHAT, r.detail, LOOKUP_CODE_EXPECTED);
  return r.code;
}

/** Display form `ABCDEF-GHJKMN-PQRSTU` of a valid code in any accepted form. */
export function formatLookupCode(code: string): string {
  const c = assertLookupCode(code);
  return `${c.slice(0, 6)}-${c.slice(6, 12)}-${c.slice(12)}`;
}

/** Σ i·v(i) mod 31 over positions 1…n of canonical symbols. */
function weightedSum(canonical: string): number {
  let sum = 0;
  for (let i = 0; i < canonical.length; i++) {
    sum = (sum + (i + 1) * LOOKUP_ALPHABET.indexOf(canonical.charAt(i))) % BASE;
  }
  return sum;
}
