import { beforeAll, describe, expect, it } from 'vitest';
import {
  FontSubsetter,
  buildSignatureAppearance,
  layoutSignatureText,
  loadTinos,
  type SignatureFonts,
  type SignatureTextLayout,
  type SignatureTextLine,
} from '../../../src/layout/index.js';
import { decodeCids, parseBfChar } from './to-unicode.js';
import { ALL_LETTERS, SAMPLE_LINES } from './vietnamese-letters.js';

const TYPICAL: SignatureTextLine[] = SAMPLE_LINES.map((text, i) => ({
  text,
  size: i === 0 ? 10 : 8,
  ...(i === 0 ? { bold: true } : {}),
}));

const EPS = 1e-9;

function expectInside(layout: SignatureTextLayout, width: number, height: number): void {
  for (const l of layout.lines) {
    expect(l.x, l.text).toBeGreaterThanOrEqual(0);
    expect(l.x + l.width, l.text).toBeLessThanOrEqual(width - layout.padding + EPS);
    expect(l.baseline + l.ascent, l.text).toBeLessThanOrEqual(height - layout.padding + EPS);
    expect(l.baseline - l.descent, l.text).toBeGreaterThanOrEqual(layout.padding - EPS);
  }
  // Lines do not overlap each other.
  for (let i = 1; i < layout.lines.length; i++) {
    const above = layout.lines[i - 1];
    const below = layout.lines[i];
    if (above === undefined || below === undefined) continue;
    expect(below.baseline + below.ascent).toBeLessThanOrEqual(above.baseline - above.descent + EPS);
  }
}

describe('signature appearance layout', () => {
  let fonts: SignatureFonts;
  beforeAll(async () => {
    fonts = {
      regular: new FontSubsetter(await loadTinos('regular')),
      bold: new FontSubsetter(await loadTinos('bold')),
    };
  });

  it('keeps the requested sizes when the text fits', () => {
    const layout = layoutSignatureText({ width: 260, height: 70, lines: TYPICAL }, fonts);
    expect(layout.scale).toBe(1);
    expect(layout.complete).toBe(true);
    expect(layout.lines.map((l) => l.text)).toEqual(SAMPLE_LINES);
    expect(layout.lines[0]?.size).toBe(10);
    // Top-down order.
    const baselines = layout.lines.map((l) => l.baseline);
    expect([...baselines].sort((a, b) => b - a)).toEqual(baselines);
    expectInside(layout, 260, 70);
  });

  it('wraps and shrinks in narrow or low boxes, never leaving the box', () => {
    const boxes: [number, number][] = [
      [200, 60],
      [150, 50],
      [120, 80],
      [90, 120],
      [300, 30],
      [60, 60],
      [40, 200],
      [400, 18],
      [25, 25],
    ];
    for (const [w, h] of boxes) {
      const layout = layoutSignatureText({ width: w, height: h, lines: TYPICAL }, fonts);
      expectInside(layout, w, h);
      expect(layout.scale).toBeLessThanOrEqual(1);
      if (layout.complete) {
        // Nothing lost: the wrapped pieces put back together give the input.
        expect(
          layout.lines
            .map((l) => l.text)
            .join(' ')
            .replace(/ /g, ''),
        ).toBe(SAMPLE_LINES.join('').replace(/ /g, ''));
      }
    }
  });

  it('prefers wrapping at spaces to shrinking a lot', () => {
    const layout = layoutSignatureText({ width: 120, height: 120, lines: TYPICAL }, fonts);
    expect(layout.complete).toBe(true);
    expect(layout.lines.length).toBeGreaterThan(4);
    expect(layout.scale).toBeGreaterThan(0.8);
    for (const l of layout.lines)
      expect(l.text.startsWith(' ') || l.text.endsWith(' ')).toBe(false);
  });

  it('cuts a word too long for the line between characters', () => {
    const lines = [{ text: 'Ngườiđạidiệntheophápluậtcủadoanhnghiệp', size: 12 }];
    const layout = layoutSignatureText({ width: 60, height: 200, lines }, fonts);
    expect(layout.complete).toBe(true);
    expect(layout.lines.length).toBeGreaterThan(1);
    expect(layout.lines.map((l) => l.text).join('')).toBe(lines[0]?.text);
    expectInside(layout, 60, 200);
  });

  it('leaves lines out when even the smallest size cannot hold them', () => {
    const layout = layoutSignatureText({ width: 50, height: 12, lines: TYPICAL }, fonts);
    expect(layout.complete).toBe(false);
    expectInside(layout, 50, 12);
  });

  it('gives capitals with two marks room above the font ascent', () => {
    const lines = [{ text: 'ỄỖẪ', size: 20 }];
    const layout = layoutSignatureText({ width: 200, height: 40, lines }, fonts);
    const line = layout.lines[0];
    expect(line?.ascent).toBeGreaterThan(20 * 0.891);
    expectInside(layout, 200, 40);
  });

  it('splits input lines at line breaks', () => {
    const layout = layoutSignatureText(
      { width: 300, height: 100, lines: [{ text: 'Ký bởi: A\nLý do: B', size: 9 }] },
      fonts,
    );
    expect(layout.lines.map((l) => l.text)).toEqual(['Ký bởi: A', 'Lý do: B']);
  });
});

describe('buildSignatureAppearance', () => {
  it('draws the lines with subset fonts whose ToUnicode gives the text back', async () => {
    const ap = await buildSignatureAppearance({
      width: 260,
      height: 70,
      lines: TYPICAL,
      border: true,
      fill: true,
    });
    expect(ap.bbox).toEqual([0, 0, 260, 70]);
    expect(ap.fonts.map((f) => f.resourceName)).toEqual(['F1', 'F2']);
    const content = new TextDecoder().decode(ap.content);
    expect(content).toMatch(/^q\n/);
    expect(content).toContain('0.91 0.95 1 rg');
    expect(content).toContain(' re S');
    expect(content).toContain('/F2 10 Tf');
    expect(content).toContain('/F1 8 Tf');
    // Content streams are ASCII.
    expect([...ap.content].every((b) => b < 0x80)).toBe(true);

    const maps = new Map(ap.fonts.map((f) => [f.resourceName, parseBfChar(f.font.toUnicodeCMap)]));
    const shown: string[] = [];
    let current = '';
    for (const line of content.split('\n')) {
      const tf = /^\/(F\d) [\d.]+ Tf$/.exec(line);
      if (tf) current = tf[1] ?? '';
      const tj = /^<([0-9A-F]+)> Tj$/.exec(line);
      if (tj) shown.push(decodeCids(tj[1] ?? '', maps.get(current) ?? new Map()));
    }
    expect(shown).toEqual(SAMPLE_LINES);
    for (const { font } of ap.fonts)
      expect(font.baseFontName).toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold)$/);
  });

  it('returns only the fonts it uses and no frame unless asked', async () => {
    const ap = await buildSignatureAppearance({
      width: 200,
      height: 40,
      lines: [{ text: ALL_LETTERS.join(''), size: 9 }],
    });
    expect(ap.fonts.map((f) => f.resourceName)).toEqual(['F1']);
    const content = new TextDecoder().decode(ap.content);
    expect(content).not.toContain(' re S');
    expect(content).not.toContain(' rg\n');
  });

  it('is reproducible', async () => {
    const opts = { width: 180, height: 60, lines: TYPICAL, border: true } as const;
    const a = await buildSignatureAppearance(opts);
    const b = await buildSignatureAppearance(opts);
    expect(Buffer.from(a.content).equals(Buffer.from(b.content))).toBe(true);
    expect(a.fonts.map((f) => f.font.baseFontName)).toEqual(
      b.fonts.map((f) => f.font.baseFontName),
    );
  });
});
