import fontkit, { type Font } from '@pdf-lib/fontkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { isHosoError } from '../../../src/kernel/index.js';
import {
  FontSubsetter,
  cidWidthArray,
  loadTinos,
  loadTinosBytes,
  type TinosStyle,
} from '../../../src/layout/index.js';
import { decodeCids, parseBfChar } from './to-unicode.js';
import { ALL_LETTERS, SAMPLE_LINES } from './vietnamese-letters.js';

const STYLES: TinosStyle[] = ['regular', 'bold', 'italic', 'bold-italic'];
const ALPHABET = ALL_LETTERS.join('');

describe('FontSubsetter with Tinos', () => {
  let regular: Font;
  beforeAll(async () => {
    regular = await loadTinos('regular');
  });

  it.each(STYLES)('gives every Vietnamese letter a real glyph (%s)', async (style) => {
    const font = await loadTinos(style);
    expect(ALL_LETTERS).toHaveLength(146);
    for (const letter of ALL_LETTERS) {
      const cp = letter.codePointAt(0) ?? 0;
      expect([...letter], letter).toHaveLength(1);
      expect(font.hasGlyphForCodePoint(cp), letter).toBe(true);
      const glyph = font.glyphForCodePoint(cp);
      expect(glyph.id, letter).not.toBe(0);
      expect(glyph.path.toSVG(), letter).not.toBe('');
    }
    const subsetter = new FontSubsetter(font);
    const hex = subsetter.encode(ALPHABET);
    expect(hex).toMatch(/^[0-9A-F]+$/);
    const cids = hex.match(/.{4}/g) ?? [];
    expect(cids).toHaveLength(146);
    expect(cids).not.toContain('0000');
    expect(new Set(cids).size).toBe(146);
  });

  it('round-trips the encoded text through the ToUnicode map', async () => {
    const subsetter = new FontSubsetter(regular);
    const texts = [ALPHABET, ...SAMPLE_LINES, 'Số: 123/QĐ-UBND — “Điều 1.” 0123456789 (x) [y] & %'];
    const hexes = texts.map((t) => subsetter.encode(t));
    const font = await subsetter.finish();
    const map = parseBfChar(font.toUnicodeCMap);
    texts.forEach((t, i) => expect(decodeCids(hexes[i] ?? '', map)).toBe(t.normalize('NFC')));
    expect(font.toUnicodeCMap).toMatch(/^\/CIDInit \/ProcSet findresource begin/);
    expect(font.toUnicodeCMap).toContain('begincodespacerange\n<0000> <FFFF>\nendcodespacerange');
    expect(font.toUnicodeCMap.trimEnd().endsWith('end\nend')).toBe(true);
    // bfchar blocks hold at most 100 entries.
    for (const m of font.toUnicodeCMap.matchAll(/(\d+) beginbfchar/g)) {
      expect(Number(m[1])).toBeLessThanOrEqual(100);
    }
  });

  it('normalises to NFC: decomposed input encodes like precomposed input', () => {
    const a = new FontSubsetter(regular);
    const b = new FontSubsetter(regular);
    expect(a.encode(ALPHABET.normalize('NFD'))).toBe(b.encode(ALPHABET));
  });

  it('writes a parseable TrueType subset, much smaller than the font, drawing the same glyphs', async () => {
    const subsetter = new FontSubsetter(regular);
    const hex = subsetter.encode(ALPHABET);
    const font = await subsetter.finish();
    const full = await loadTinosBytes('regular');
    expect(font.fontFile2.length).toBeLessThan(full.length / 10);

    const reopened = fontkit.create(font.fontFile2);
    expect(reopened.numGlyphs).toBeGreaterThan(146);
    const cids = (hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16));
    ALL_LETTERS.forEach((letter, i) => {
      const original = regular.glyphForCodePoint(letter.codePointAt(0) ?? 0);
      const inSubset = reopened.getGlyph(cids[i] ?? 0);
      expect(inSubset.advanceWidth, letter).toBe(original.advanceWidth);
      expect(inSubset.path.toSVG(), letter).toBe(original.path.toSVG());
    });
  });

  it('reports widths per CID in 1/1000 em and measures text the same way', async () => {
    const subsetter = new FontSubsetter(regular);
    const hex = subsetter.encode('Hà Nội');
    const font = await subsetter.finish();
    const widths = new Map(font.widths);
    const cids = (hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16));
    const total = cids.reduce((n, cid) => n + (widths.get(cid) ?? NaN), 0);
    expect(subsetter.widthOf('Hà Nội', 12)).toBeCloseTo((total * 12) / 1000, 9);
    // Times-compatible metrics: space 250, "H" 722.
    expect(widths.get(cids[0] ?? 0)).toBe(722);
    expect(widths.get(cids[2] ?? 0)).toBe(250);
    expect(font.widths.map(([cid]) => cid)).toEqual([...new Set(cids)].sort((a, b) => a - b));
    expect(
      cidWidthArray([
        [1, 722],
        [2, 444],
        [3, 250],
        [7, 500],
      ]),
    ).toBe('[1 [722 444 250] 7 [500]]');
  });

  it('gives font descriptor values and a deterministic subset tag', async () => {
    const make = async (): Promise<Awaited<ReturnType<FontSubsetter['finish']>>> => {
      const s = new FontSubsetter(regular, { serif: true });
      s.encode(SAMPLE_LINES.join(' '));
      return s.finish();
    };
    const a = await make();
    const b = await make();
    expect(a.baseFontName).toMatch(/^[A-Z]{6}\+Tinos-Regular$/);
    expect(b.baseFontName).toBe(a.baseFontName);
    expect(Buffer.from(b.fontFile2).equals(Buffer.from(a.fontFile2))).toBe(true);
    const other = new FontSubsetter(regular);
    other.encode('Lý do');
    expect((await other.finish()).baseFontName).not.toBe(a.baseFontName);

    expect(a.ascent).toBe(891);
    expect(a.descent).toBe(-216);
    expect(a.capHeight).toBe(655);
    expect(a.italicAngle).toBe(0);
    expect(a.flags).toBe(2 | 4); // serif, symbolic
    expect(a.stemV).toBeGreaterThan(50);
    expect(a.bbox[0]).toBeLessThan(0);
    expect(a.bbox[3]).toBeGreaterThan(900);

    const italic = new FontSubsetter(await loadTinos('italic'));
    italic.encode('ơ');
    const italicFont = await italic.finish();
    expect(italicFont.italicAngle).toBeLessThan(0);
    expect(italicFont.flags & 64).toBe(64);
    expect(italicFont.baseFontName).toMatch(/^[A-Z]{6}\+Tinos-Italic$/);
  });

  it('refuses characters the font cannot draw instead of drawing boxes', () => {
    const subsetter = new FontSubsetter(regular);
    expect(subsetter.missingCharacters('Nguyễn 中文')).toEqual(['中', '文']);
    try {
      subsetter.encode('Nguyễn 中文');
      expect.unreachable();
    } catch (e) {
      expect(isHosoError(e) && e.code).toBe('NOT_IMPLEMENTED');
      expect((e as Error).message).toContain('U+4E2D');
    }
    expect(subsetter.glyphCount).toBe(0);
  });

  it('keeps CIDs stable when more text is encoded after a finish', async () => {
    const subsetter = new FontSubsetter(regular);
    const first = subsetter.encode('Ệ');
    await subsetter.finish();
    const second = subsetter.encode('Ệ ư');
    expect(second.slice(0, 4)).toBe(first);
    const font = await subsetter.finish();
    expect(decodeCids(second, parseBfChar(font.toUnicodeCMap))).toBe('Ệ ư');
  });
});
