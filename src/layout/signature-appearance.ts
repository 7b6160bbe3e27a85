/**
 * The visible appearance of a signature: a few lines of Vietnamese text ("Ký bởi: …",
 * "Thời gian ký: …", "Lý do: …") in a box, as the content of a form XObject (the /AP /N
 * stream of the signature widget, ISO 32000-1 §12.7.4.5, §8.10) plus the fonts it uses.
 *
 * Lines are laid out top-down, left-aligned inside a padding. If they do not fit, they wrap at
 * spaces (inside words only when a word alone is too wide) and all sizes shrink together by the
 * same factor until everything fits; text never leaves the box. Below a minimum size the lines
 * that still do not fit are left out (reported by `complete: false` from layoutSignatureText).
 */
import type { Font } from '@pdf-lib/fontkit';
import { FontSubsetter, type EmbeddableFont } from './font-subset.js';
import { loadTinos } from './vietnamese-font.js';

export interface SignatureTextLine {
  readonly text: string;
  /** Preferred font size in points; it may shrink to fit. */
  readonly size: number;
  readonly bold?: boolean;
}

export interface SignatureAppearanceOptions {
  /** Box size in points (the widget rectangle). */
  readonly width: number;
  readonly height: number;
  readonly lines: readonly SignatureTextLine[];
  /** A thin frame along the edge of the box. */
  readonly border?: boolean;
  /** A light-blue background. */
  readonly fill?: boolean;
  /** Fonts to use instead of Tinos Regular/Bold (tests, other typefaces). */
  readonly fonts?: { readonly regular: Font; readonly bold: Font };
}

export interface SignatureAppearance {
  /** Content stream operators of the appearance form XObject (uncompressed). */
  readonly content: Uint8Array;
  /** The fonts `content` names; put each under /Resources /Font /<resourceName>. */
  readonly fonts: ReadonlyArray<{ readonly resourceName: string; readonly font: EmbeddableFont }>;
  /** The form XObject's /BBox. */
  readonly bbox: readonly [0, 0, number, number];
}

/** One line as placed: baseline and extents in points, in the box's coordinate system. */
export interface PlacedLine {
  readonly text: string;
  readonly bold: boolean;
  readonly size: number;
  readonly x: number;
  readonly baseline: number;
  /** Advance width of the text. */
  readonly width: number;
  /** Reach above / below the baseline (≥ 0), outlines included. */
  readonly ascent: number;
  readonly descent: number;
}

export interface SignatureTextLayout {
  readonly padding: number;
  /** Factor applied to every requested size (1 = as requested). */
  readonly scale: number;
  readonly lines: readonly PlacedLine[];
  /** False when even the minimum size could not hold every line and some were left out. */
  readonly complete: boolean;
}

/** The two faces a layout measures with. */
export interface SignatureFonts {
  readonly regular: FontSubsetter;
  readonly bold: FontSubsetter;
}

/** No glyph is drawn smaller than this; below it lines are dropped instead. */
const MIN_SIZE = 3;
/** Space between two lines, as a fraction of the smaller of their sizes. */
const LINE_GAP = 0.15;
/** Background and frame colours (DeviceRGB / DeviceGray). */
const FILL_RGB = '0.91 0.95 1';
const BORDER_WIDTH = 0.6;

const RESOURCE_NAMES = { regular: 'F1', bold: 'F2' } as const;

/** Splits a text line at line breaks; tabs become spaces. */
function splitInput(lines: readonly SignatureTextLine[]): SignatureTextLine[] {
  return lines.flatMap((line) =>
    line.text
      .replace(/\t/g, ' ')
      .split(/\r\n|\r|\n/)
      .map((text) => ({ ...line, text: text.normalize('NFC') })),
  );
}

/** Greedy wrap at spaces; a word wider than the line is cut between characters. */
function wrap(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const words = text.split(' ').filter((w, i, all) => w !== '' || all.length === 1);
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') out.push(current);
    current = '';
    let rest = word;
    while (measure(rest) > maxWidth) {
      const chars = [...rest];
      let n = 1; // at least one character per line, even if it alone is too wide
      while (n < chars.length && measure(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
      out.push(chars.slice(0, n).join(''));
      rest = chars.slice(n).join('');
      if (rest === '') break;
    }
    current = rest;
  }
  if (current !== '' || out.length === 0) out.push(current);
  return out;
}

interface Trial {
  readonly lines: PlacedLine[];
  readonly fits: boolean;
}

function place(
  input: readonly SignatureTextLine[],
  scale: number,
  width: number,
  height: number,
  padding: number,
  fonts: SignatureFonts,
): Trial {
  const innerWidth = width - 2 * padding;
  const lines: PlacedLine[] = [];
  let top = height - padding;
  let fits = true;
  let previousSize: number | undefined;
  for (const line of input) {
    // Sizes are rounded down to what the content stream will say, so the check is exact.
    const size = Math.floor(line.size * scale * 100) / 100;
    const bold = line.bold === true;
    const font = bold ? fonts.bold : fonts.regular;
    for (const text of wrap(line.text, innerWidth, (s) => font.widthOf(s, size))) {
      const { ascent, descent } = font.verticalExtent(text, size);
      if (previousSize !== undefined) top -= LINE_GAP * Math.min(previousSize, size);
      const baseline = top - ascent;
      const lineWidth = font.widthOf(text, size);
      if (lineWidth > innerWidth || baseline - descent < padding) fits = false;
      lines.push({ text, bold, size, x: padding, baseline, width: lineWidth, ascent, descent });
      top = baseline - descent;
      previousSize = size;
    }
  }
  return { lines, fits };
}

/**
 * Places the lines in a `width` × `height` box (points). Pure: measures with the subsetters
 * but records no glyphs.
 */
export function layoutSignatureText(
  options: Pick<SignatureAppearanceOptions, 'width' | 'height' | 'lines'>,
  fonts: SignatureFonts,
): SignatureTextLayout {
  const { width, height } = options;
  const input = splitInput(options.lines);
  const padding = Math.max(0, Math.min(4, width / 10, height / 10));
  const largest = Math.max(MIN_SIZE, ...input.map((l) => l.size));
  const trial = (scale: number): Trial => place(input, scale, width, height, padding, fonts);

  const full = trial(1);
  if (full.fits) return { padding, scale: 1, lines: full.lines, complete: true };

  // Total height only falls as the scale falls (narrower words wrap into no more lines), so the
  // largest scale that fits can be found by bisection.
  let lo = Math.min(1, MIN_SIZE / largest);
  let best = trial(lo);
  if (best.fits) {
    let hi = 1;
    for (let i = 0; i < 20; i++) {
      const mid = (lo + hi) / 2;
      const t = trial(mid);
      if (t.fits) {
        lo = mid;
        best = t;
      } else {
        hi = mid;
      }
    }
    return { padding, scale: lo, lines: best.lines, complete: true };
  }

  // Even the smallest size overflows: keep the lines that fit, drop the others.
  const innerWidth = width - 2 * padding;
  const kept = best.lines.filter(
    (l) =>
      l.width <= innerWidth &&
      l.baseline - l.descent >= padding &&
      l.baseline + l.ascent <= height - padding,
  );
  return { padding, scale: lo, lines: kept, complete: false };
}

/** A number for a content stream: at most 3 decimals, no exponent, no "-0". */
function num(n: number): string {
  const s = (Math.round(n * 1000) / 1000).toFixed(3).replace(/\.?0+$/, '');
  return s === '-0' ? '0' : s;
}

/** The appearance content for an already computed layout; records the glyphs it draws. */
export function renderSignatureAppearance(
  layout: SignatureTextLayout,
  options: Pick<SignatureAppearanceOptions, 'width' | 'height' | 'border' | 'fill'>,
  fonts: SignatureFonts,
): string {
  const { width: w, height: h } = options;
  const ops: string[] = ['q'];
  if (options.fill === true) ops.push(`${FILL_RGB} rg`, `0 0 ${num(w)} ${num(h)} re f`);
  if (options.border === true) {
    const half = BORDER_WIDTH / 2;
    ops.push(
      `${BORDER_WIDTH} w 0 G`,
      `${num(half)} ${num(half)} ${num(w - BORDER_WIDTH)} ${num(h - BORDER_WIDTH)} re S`,
    );
  }
  // Clip to the box: a reader that ignores /BBox still draws nothing outside it.
  ops.push(`0 0 ${num(w)} ${num(h)} re W n`);
  const drawn = layout.lines.filter((l) => l.text !== '');
  if (drawn.length > 0) {
    ops.push('BT', '0 g');
    let current = '';
    for (const line of drawn) {
      const font = line.bold ? fonts.bold : fonts.regular;
      const selector = `/${line.bold ? RESOURCE_NAMES.bold : RESOURCE_NAMES.regular} ${num(line.size)} Tf`;
      if (selector !== current) ops.push(selector);
      current = selector;
      ops.push(`1 0 0 1 ${num(line.x)} ${num(line.baseline)} Tm`, `<${font.encode(line.text)}> Tj`);
    }
    ops.push('ET');
  }
  ops.push('Q');
  return ops.join('\n') + '\n';
}

/**
 * Builds the appearance of a visible signature. Fonts default to Tinos Regular (F1) and Bold
 * (F2), subset to the glyphs drawn; only the fonts actually used are returned.
 */
export async function buildSignatureAppearance(
  options: SignatureAppearanceOptions,
): Promise<SignatureAppearance> {
  const [regularFont, boldFont] =
    options.fonts !== undefined
      ? [options.fonts.regular, options.fonts.bold]
      : await Promise.all([loadTinos('regular'), loadTinos('bold')]);
  const serif = options.fonts === undefined ? { serif: true } : {};
  const fonts: SignatureFonts = {
    regular: new FontSubsetter(regularFont, serif),
    bold: new FontSubsetter(boldFont, serif),
  };
  const layout = layoutSignatureText(options, fonts);
  const content = renderSignatureAppearance(layout, options, fonts);
  const used: { resourceName: string; font: EmbeddableFont }[] = [];
  if (fonts.regular.glyphCount > 0) {
    used.push({ resourceName: RESOURCE_NAMES.regular, font: await fonts.regular.finish() });
  }
  if (fonts.bold.glyphCount > 0) {
    used.push({ resourceName: RESOURCE_NAMES.bold, font: await fonts.bold.finish() });
  }
  return {
    content: new TextEncoder().encode(content),
    fonts: used,
    bbox: [0, 0, options.width, options.height],
  };
}
