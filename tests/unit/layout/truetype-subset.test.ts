/**
 * The TrueType subset writer (src/layout/truetype-subset.ts) on the real Tinos files, read from
 * disk as shipped (glyph records not re-aligned): the subset reopens with fontkit and draws the
 * same outlines, composite glyphs (Vietnamese letters with marks) keep their components, the
 * table checksums and the whole-file checksum hold, and damaged fonts fail with a clear error.
 */
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { isHosoError } from '../../../src/kernel/index.js';
import { TINOS_STYLES, tinosFilePath } from '../../../src/layout/index.js';
import { parseTrueType, writeTrueTypeSubset } from '../../../src/layout/truetype-subset.js';
import { ALL_LETTERS } from './vietnamese-letters.js';

function u32(bytes: Uint8Array, at: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at);
}

function sum32(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  let s = 0;
  for (let i = 0; i < padded.length; i += 4) s = (s + u32(padded, i)) >>> 0;
  return s;
}

describe('writeTrueTypeSubset on Tinos', () => {
  it.each(TINOS_STYLES)('draws every Vietnamese letter as the font does (%s)', (style) => {
    const raw = new Uint8Array(readFileSync(tinosFilePath(style)));
    const original = fontkit.create(raw);
    const program = parseTrueType(raw);
    const glyphs = [0, ...ALL_LETTERS.map((l) => original.glyphForCodePoint(l.codePointAt(0)!).id)];
    const subset = writeTrueTypeSubset(program, glyphs);
    const reopened = fontkit.create(subset);
    // Components of composite letters are appended after the letters themselves.
    expect(reopened.numGlyphs).toBeGreaterThan(glyphs.length);
    expect(reopened.numGlyphs).toBeLessThan(original.numGlyphs / 4);
    glyphs.forEach((gid, newId) => {
      const a = original.getGlyph(gid);
      const b = reopened.getGlyph(newId);
      expect(b.advanceWidth, `${style} glyph ${gid}`).toBe(a.advanceWidth);
      expect(b.path.toSVG(), `${style} glyph ${gid}`).toBe(a.path.toSVG());
    });
  });

  it('writes the tables a PDF TrueType font needs, with valid checksums', () => {
    const raw = new Uint8Array(readFileSync(tinosFilePath('regular')));
    const font = fontkit.create(raw);
    const ids = [
      0,
      ...'Nguyễn Văn Ấn'.split('').map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id),
    ];
    const subset = writeTrueTypeSubset(parseTrueType(raw), ids);
    const count = new DataView(subset.buffer).getUint16(4);
    const tags: string[] = [];
    for (let i = 0; i < count; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(...subset.subarray(rec, rec + 4));
      tags.push(tag);
      const offset = u32(subset, rec + 8);
      const length = u32(subset, rec + 12);
      expect(offset % 4, tag).toBe(0);
      const table = subset.slice(offset, offset + length);
      if (tag === 'head') table.fill(0, 8, 12); // checkSumAdjustment is left out of head's sum
      expect(sum32(table), tag).toBe(u32(subset, rec + 4));
    }
    expect(tags).toEqual(['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep']);
    expect(sum32(subset)).toBe(0xb1b0afba);
    // The same glyphs give the same bytes.
    expect(writeTrueTypeSubset(parseTrueType(raw), ids)).toEqual(subset);
  });

  it('refuses what is not a TrueType font, and glyph ids the font does not have', () => {
    const raw = new Uint8Array(readFileSync(tinosFilePath('regular')));
    for (const bad of [
      new Uint8Array(8),
      new TextEncoder().encode('%PDF-1.7 not a font at all'),
      raw.subarray(0, 400),
    ]) {
      let error: unknown;
      try {
        parseTrueType(bad);
      } catch (e) {
        error = e;
      }
      expect(isHosoError(error) && error.code === 'INTERNAL', String(error)).toBe(true);
    }
    const program = parseTrueType(raw);
    expect(() => writeTrueTypeSubset(program, [0, program.numGlyphs])).toThrow(/no glyph/);
    expect(() => writeTrueTypeSubset(program, [5])).toThrow(/starts with glyph 0/);
  });

  it('leaves the font it reads unchanged (Node Buffers share memory on slice)', () => {
    const raw = readFileSync(tinosFilePath('bold'));
    const before = Buffer.from(raw);
    const font = fontkit.create(raw);
    const ids = [0, ...ALL_LETTERS.map((l) => font.glyphForCodePoint(l.codePointAt(0)!).id)];
    writeTrueTypeSubset(parseTrueType(raw), ids);
    expect(raw.equals(before)).toBe(true);
  });
});
