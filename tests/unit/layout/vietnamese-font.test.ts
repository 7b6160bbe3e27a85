import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import {
  TINOS_STYLES,
  alignGlyphRecords,
  loadTinos,
  loadTinosBytes,
  tinosFilePath,
} from '../../../src/layout/index.js';

/** Sum of the file as big-endian uint32 words (OpenType checksum). */
function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array((bytes.length + 3) & ~3);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

describe('Tinos loading', () => {
  it('finds every style through the module resolver', () => {
    for (const style of TINOS_STYLES) {
      expect(tinosFilePath(style)).toMatch(/@expo-google-fonts[\\/]tinos[\\/].+\.ttf$/);
    }
  });

  it('parses each style once per process', async () => {
    const a = await loadTinos('regular');
    const b = await loadTinos('regular');
    expect(a).toBe(b);
    expect(a.postscriptName).toBe('Tinos-Regular');
    expect((await loadTinos('bold')).postscriptName).toBe('Tinos-Bold');
    expect(await loadTinosBytes('bold')).toBe(await loadTinosBytes('bold'));
  });
});

describe('alignGlyphRecords', () => {
  const raw = new Uint8Array(readFileSync(tinosFilePath('regular')));

  it('aligns every glyph record, keeps every outline and metric, and keeps checksums valid', () => {
    const aligned = alignGlyphRecords(raw);
    const before = fontkit.create(raw);
    const after = fontkit.create(aligned);
    const offsets = (after as unknown as { loca: { offsets: number[] } }).loca.offsets;
    expect(offsets.every((o) => o % 4 === 0)).toBe(true);
    // Raw Tinos does have odd-length records: the reason this function exists.
    const rawOffsets = (before as unknown as { loca: { offsets: number[] } }).loca.offsets;
    expect(rawOffsets.some((o) => o % 2 === 1)).toBe(true);

    expect(after.numGlyphs).toBe(before.numGlyphs);
    for (let gid = 0; gid < before.numGlyphs; gid += 7) {
      const g1 = before.getGlyph(gid);
      const g2 = after.getGlyph(gid);
      expect(g2.advanceWidth).toBe(g1.advanceWidth);
      expect(g2.path.toSVG()).toBe(g1.path.toSVG());
    }
    expect(checksum(aligned)).toBe(0xb1b0afba);
  });

  it('is idempotent', () => {
    const once = alignGlyphRecords(raw);
    expect(Buffer.from(alignGlyphRecords(once)).equals(Buffer.from(once))).toBe(true);
  });
});
