// Lookup codes (DESIGN.md: ≥ 80 bits of randomness, unambiguous alphabet, a check character) and
// lookup URLs: generated codes parse and are distinct, every single substitution and every
// transposition is caught, the rejection sampling is unbiased, and scanned URLs are read back.
import { describe, expect, it } from 'vitest';
import { HosoError } from '../../../src/kernel/index.js';
import {
  assertLookupCode,
  assertLookupCodeFromInput,
  formatLookupCode,
  lookupCheckSymbol,
  lookupCodeFromInput,
  lookupUrl,
  LOOKUP_ALPHABET,
  LOOKUP_CODE_LENGTH,
  newLookupCode,
  parseLookupCode,
} from '../../../src/lookup/codes.js';

/**
 * A seeded, deterministic byte source for the tests (xorshift32, Marsaglia 2003): the same codes
 * on every run, so the statistical test cannot flake.
 */
function seededRandom(seed: number): (n: number) => Uint8Array {
  let x = seed >>> 0 || 1;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      out[i] = x >>> 24;
    }
    return out;
  };
}

/** A byte source replaying fixed bytes (then zeros). */
function replay(bytes: readonly number[]): (n: number) => Uint8Array {
  let pos = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = bytes[pos++] ?? 0;
    return out;
  };
}

const EXAMPLE = '7K3M9PQRT2VWX4Y8ZN';

describe('the alphabet', () => {
  it('has 31 symbols without 0, O, 1, I, L, and 17 random symbols give ≥ 80 bits', () => {
    expect(LOOKUP_ALPHABET).toHaveLength(31);
    expect(new Set(LOOKUP_ALPHABET).size).toBe(31);
    for (const c of '01ILO') expect(LOOKUP_ALPHABET).not.toContain(c);
    expect(LOOKUP_CODE_LENGTH).toBe(18);
    expect((LOOKUP_CODE_LENGTH - 1) * Math.log2(31)).toBeGreaterThanOrEqual(80);
  });
});

describe('newLookupCode', () => {
  it('10,000 generated codes all parse, in canonical form, and are all distinct', () => {
    const random = seededRandom(20200527);
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const code = newLookupCode(random);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{18}$/);
      expect(parseLookupCode(code)).toEqual({ ok: true, code });
      seen.add(code);
    }
    expect(seen.size).toBe(10_000);
  });

  it('draws symbols uniformly: chi-square over 170,000 symbols, and the naive mod is caught', () => {
    const random = seededRandom(0x5eed);
    const counts = new Array<number>(31).fill(0);
    const N = 10_000;
    for (let i = 0; i < N; i++) {
      const code = newLookupCode(random);
      for (const c of code.slice(0, 17)) counts[LOOKUP_ALPHABET.indexOf(c)]! += 1;
    }
    const total = N * 17;
    const chiSquare = (observed: readonly number[], expectedOf: (i: number) => number): number =>
      observed.reduce((s, o, i) => s + (o - expectedOf(i)) ** 2 / expectedOf(i), 0);
    // 30 degrees of freedom: P(χ² > 59.70) = 0.001.
    const stat = chiSquare(counts, () => total / 31);
    expect(stat).toBeLessThan(59.7);
    // The same test, on the same number of symbols drawn by reducing every byte mod 31 without
    // rejection (symbols 0–7 then get 9/256, the rest 8/256), fails by far: it has the power to
    // see the bias that rejection sampling removes.
    const naiveBytes = seededRandom(0x5eed)(total);
    const naive = new Array<number>(31).fill(0);
    for (const b of naiveBytes) naive[b % 31]! += 1;
    expect(chiSquare(naive, () => total / 31)).toBeGreaterThan(59.7 * 4);
  });

  it('skips bytes 248–255 (rejection sampling) and maps the rest mod 31', () => {
    // 248..255 rejected; 0 → '2', 30 → 'Z', 31 → '2', 247 → 247 mod 31 = 30 → 'Z'.
    const bytes = [255, 248, 0, 30, 31, 247, 252, ...Array.from({ length: 13 }, (_, i) => i + 1)];
    const code = newLookupCode(replay(bytes));
    expect(code.slice(0, 4)).toBe('2Z2Z');
    expect(code.slice(4, 17)).toBe(LOOKUP_ALPHABET.slice(1, 14));
    expect(parseLookupCode(code).ok).toBe(true);
  });

  it('asks the injected source for more bytes when a round runs short, and gives up on a broken one', () => {
    let calls = 0;
    const stingy = (n: number): Uint8Array => {
      calls++;
      return new Uint8Array(Math.min(n, 5)).fill(7);
    };
    expect(newLookupCode(stingy).slice(0, 17)).toBe('9'.repeat(17));
    expect(calls).toBe(4);
    expect(() => newLookupCode((n) => new Uint8Array(n).fill(250))).toThrow(/248/);
    expect(() => newLookupCode(() => new Uint8Array(0))).toThrow(/no bytes/);
  });
});

describe('the check symbol', () => {
  const samples = (() => {
    const random = seededRandom(45);
    return [EXAMPLE, ...Array.from({ length: 5 }, () => newLookupCode(random))];
  })();

  it('makes Σ i·v(i) ≡ 0 (mod 31)', () => {
    for (const code of samples) {
      const sum = Array.from(code).reduce((s, c, i) => s + (i + 1) * LOOKUP_ALPHABET.indexOf(c), 0);
      expect(sum % 31).toBe(0);
      expect(lookupCheckSymbol(code.slice(0, 17))).toBe(code.charAt(17));
    }
    expect(() => lookupCheckSymbol('ABC')).toThrow(RangeError);
  });

  it('catches every single substitution, exhaustively, on sample codes', () => {
    let tried = 0;
    for (const code of samples) {
      for (let i = 0; i < code.length; i++) {
        for (const c of LOOKUP_ALPHABET) {
          if (c === code.charAt(i)) continue;
          const typo = code.slice(0, i) + c + code.slice(i + 1);
          const r = parseLookupCode(typo);
          expect(r, typo).toMatchObject({ ok: false, part: 'check' });
          tried++;
        }
      }
    }
    expect(tried).toBe(samples.length * 18 * 30);
  });

  it('catches every transposition of two different symbols, adjacent or not', () => {
    let adjacent = 0;
    for (const code of samples) {
      for (let i = 0; i < code.length; i++) {
        for (let j = i + 1; j < code.length; j++) {
          if (code.charAt(i) === code.charAt(j)) continue;
          const swapped = Array.from(code);
          [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
          expect(parseLookupCode(swapped.join('')), `${i}↔${j}`).toMatchObject({
            ok: false,
            part: 'check',
          });
          if (j === i + 1) adjacent++;
        }
      }
    }
    expect(adjacent).toBeGreaterThan(samples.length * 15);
  });

  it('catches every substitution and adjacent transposition over 1,000 more codes', () => {
    const random = seededRandom(1);
    for (let k = 0; k < 1000; k++) {
      const code = newLookupCode(random);
      const i = k % 18;
      const other = LOOKUP_ALPHABET.charAt(
        (LOOKUP_ALPHABET.indexOf(code.charAt(i)) + 1 + (k % 30)) % 31,
      );
      expect(parseLookupCode(code.slice(0, i) + other + code.slice(i + 1)).ok).toBe(false);
      const j = k % 17;
      if (code.charAt(j) !== code.charAt(j + 1)) {
        const t = code.slice(0, j) + code.charAt(j + 1) + code.charAt(j) + code.slice(j + 2);
        expect(parseLookupCode(t).ok).toBe(false);
      }
    }
  });

  it('says the code was mistyped, in both languages', () => {
    const r = parseLookupCode('7K3M9PQRT2VWX4Y8ZP');
    expect(r).toEqual({
      ok: false,
      part: 'check',
      detail: {
        vi: expect.stringContaining('mã tra cứu gõ sai (ký tự kiểm tra không khớp)'),
        en: expect.stringContaining('mistyped (the check character does not match)'),
      },
    });
  });
});

describe('parseLookupCode: as a person retypes it', () => {
  it('accepts lower case, spaces and hyphens anywhere, and typographic dashes', () => {
    for (const typed of [
      '7K3M9P-QRT2VW-X4Y8ZN',
      '7k3m9p-qrt2vw-x4y8zn',
      ' 7K3 M9P QRT 2VW X4Y 8ZN ',
      '7K3M9P–QRT2VW—X4Y8ZN',
      '7-K-3-M-9-P-Q-R-T-2-V-W-X-4-Y-8-Z-N',
      '7K3M9P\u00a0QRT2VW\tX4Y8ZN',
    ]) {
      expect(parseLookupCode(typed), typed).toEqual({ ok: true, code: EXAMPLE });
    }
  });

  it('reports look-alikes 0, O, 1, I, L as typed, without guessing', () => {
    for (const [typed, shown] of [
      ['7K3M9P-QRT2VW-X4Y8Z0', '0'],
      ['7K3M9P-QRT2VW-X4Y8ZO', 'O'],
      ['7K3M9P-QRT2VW-X4Y8Zo', 'o'],
      ['7K3M9P-QRT2VW-X4Y8Z1', '1'],
      ['7K3M9P-QRT2VW-X4Y8ZI', 'I'],
      ['7K3M9P-QRT2VW-X4Y8Zl', 'l'],
    ] as const) {
      expect(parseLookupCode(typed), typed).toEqual({
        ok: false,
        part: 'characters',
        detail: {
          vi: expect.stringContaining(
            `ký tự «${shown}» không có trong mã tra cứu (mã không dùng 0, O, 1, I, L)`,
          ),
          en: expect.stringContaining(
            `"${shown}" is not in lookup codes (they never use 0, O, 1, I, L)`,
          ),
        },
      });
    }
  });

  it('reports other characters, then the length', () => {
    expect(parseLookupCode('7K3M9P/QRT2VW')).toMatchObject({
      ok: false,
      part: 'characters',
      detail: { vi: expect.stringContaining('«/»'), en: expect.stringContaining('"/"') },
    });
    expect(parseLookupCode('7K3M9P-QRT2VW-X4Y8Z')).toMatchObject({
      ok: false,
      part: 'length',
      detail: {
        vi: expect.stringContaining(
          'mã tra cứu có 18 ký tự (không kể dấu cách và dấu gạch ngang), ở đây có 17',
        ),
        en: expect.stringContaining('this one has 17'),
      },
    });
    expect(parseLookupCode('')).toMatchObject({ ok: false, part: 'length' });
    expect(parseLookupCode(EXAMPLE + '2')).toMatchObject({ ok: false, part: 'length' });
  });

  it('formats the display form and asserts with CODE_INVALID', () => {
    expect(formatLookupCode(EXAMPLE)).toBe('7K3M9P-QRT2VW-X4Y8ZN');
    expect(formatLookupCode('7k3m 9pqr t2vw x4y8 zn')).toBe('7K3M9P-QRT2VW-X4Y8ZN');
    expect(assertLookupCode('7k3m9p-qrt2vw-x4y8zn')).toBe(EXAMPLE);
    try {
      assertLookupCode('7K3M9P-QRT2VW-X4Y8ZP');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HosoError);
      expect((e as HosoError).code).toBe('CODE_INVALID');
      expect((e as HosoError).params).toMatchObject({
        'what.vi': 'mã tra cứu',
        'what.en': 'lookup code',
        'detail.vi': expect.stringContaining('gõ sai'),
        'expected.vi': expect.stringContaining('18 ký tự'),
      });
    }
    expect(() => formatLookupCode('ABC')).toThrow(HosoError);
  });
});

describe('lookup URLs', () => {
  it('builds <base>/v/<canonical code>', () => {
    expect(lookupUrl('https://tra-cuu.example.vn', EXAMPLE)).toBe(
      'https://tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN',
    );
    expect(lookupUrl('https://example.vn/hoso//', '7k3m9p-qrt2vw-x4y8zn')).toBe(
      'https://example.vn/hoso/v/7K3M9PQRT2VWX4Y8ZN',
    );
    expect(() => lookupUrl('https://example.vn', 'ABC')).toThrow(HosoError);
  });

  it('reads a code back from a code or from each URL form a scanner gives', () => {
    for (const input of [
      EXAMPLE,
      '7k3m9p-qrt2vw-x4y8zn',
      'https://tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN',
      'https://tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN/',
      'https://example.vn/so/hoso/v/7K3M9PQRT2VWX4Y8ZN?utm=qr#top',
      'http://10.0.0.5:8080/v/7K3M9PQRT2VWX4Y8ZN',
      'https://tra-cuu.example.vn/api/v1/lookup/7K3M9PQRT2VWX4Y8ZN',
      'HTTPS://TRA-CUU.EXAMPLE.VN/V/7K3M9PQRT2VWX4Y8ZN',
      'tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN',
      'https://tra-cuu.example.vn/v/7K3M9P-QRT2VW-X4Y8ZN',
      'https://tra-cuu.example.vn/v/7K3M9P%20QRT2VW%20X4Y8ZN',
      '  https://tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN \n',
    ]) {
      expect(lookupCodeFromInput(input), input).toEqual({ ok: true, code: EXAMPLE });
    }
    expect(assertLookupCodeFromInput('https://x.vn/v/7K3M9PQRT2VWX4Y8ZN')).toBe(EXAMPLE);
  });

  it('refuses URLs without a /v/<code> path, and passes on errors in the code itself', () => {
    for (const input of [
      'https://tra-cuu.example.vn/',
      'https://tra-cuu.example.vn/about',
      'https://tra-cuu.example.vn/v/',
      'https://tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN/extra',
      'https://tra-cuu.example.vn/api/v2/lookup/7K3M9PQRT2VWX4Y8ZN',
      'ftp://tra-cuu.example.vn/v/7K3M9PQRT2VWX4Y8ZN',
      'https://tra-cuu.example.vn/v/%E0%A4%A',
      'https://[bad/v/7K3M9PQRT2VWX4Y8ZN',
    ]) {
      const r = lookupCodeFromInput(input);
      expect(r, input).toMatchObject({ ok: false, part: 'url' });
      if (!r.ok) {
        expect(r.detail.vi).toContain('không chứa mã tra cứu');
        expect(r.detail.en).toContain('holds no lookup code');
      }
    }
    expect(lookupCodeFromInput('https://x.vn/v/7K3M9PQRT2VWX4Y8ZP')).toMatchObject({
      ok: false,
      part: 'check',
    });
    expect(lookupCodeFromInput('https://x.vn/v/7K3M9PQRT2VWX4Y8ZO')).toMatchObject({
      ok: false,
      part: 'characters',
    });
    expect(() => assertLookupCodeFromInput('https://x.vn/about')).toThrow(HosoError);
  });

  it('round-trips: the URL built for a new code reads back to that code', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 200; i++) {
      const code = newLookupCode(random);
      expect(lookupCodeFromInput(lookupUrl('https://tra-cuu.example.vn/', code))).toEqual({
        ok: true,
        code,
      });
    }
  });
});
