/**
 * Subsetting a TrueType font for a PDF we write ourselves: a Type0 font with Identity-H
 * encoding over a CIDFontType2 descendant with CIDToGIDMap /Identity (ISO 32000-1 §9.7.4,
 * §9.7.6.2), so a 2-byte code in the content stream is a CID, and the CID is the glyph id in the
 * embedded subset.
 *
 * Glyphs are renumbered: glyph 0 (.notdef) stays 0 and every other glyph gets the next free id
 * in order of first use. The id is known at once and never changes afterwards (components of
 * composite glyphs are appended when the subset is written, truetype-subset.ts), so the text can
 * be encoded before the subset exists. fontkit reads the font's cmap and metrics; the subset
 * program is written by truetype-subset.ts.
 *
 * Text is normalised to NFC first: every Vietnamese letter has a precomposed code point, and the
 * font's cmap maps those to precomposed glyphs. Characters are mapped one to one through the
 * cmap (no OpenType shaping, no kerning, no ligatures); that is all Vietnamese and Latin need,
 * and it keeps the ToUnicode map exact.
 *
 * Known limits: a glyph reached from two code points (e.g. U+0020 and U+00A0 in many fonts)
 * extracts as the first one recorded. Characters the font lacks are an error by default; with
 * `missing: 'notdef'` they are drawn as the font's .notdef box and extract as U+FFFD.
 */
import { createHash } from 'node:crypto';
import fontkit, { type Font, type Glyph } from '@pdf-lib/fontkit';
import { HosoError, describeCause } from '../kernel/index.js';
import { buildToUnicodeCMap, cidHex } from './to-unicode-cmap.js';
import { parseTrueType, writeTrueTypeSubset, type TrueTypeProgram } from './truetype-subset.js';

/** Everything needed to write a Type0 / CIDFontType2 font with Identity-H and CIDToGIDMap /Identity. */
export interface EmbeddableFont {
  /** `/BaseFont` and `/FontName`: subset tag + PostScript name, e.g. `KQWMZT+Tinos-Regular`. */
  readonly baseFontName: string;
  /** The subset TrueType program, for `/FontFile2`. */
  readonly fontFile2: Uint8Array;
  /** `[CID, advance width in 1/1000 em]`, ascending by CID, one per CID used in the text. */
  readonly widths: ReadonlyArray<readonly [cid: number, width: number]>;
  /** A complete ToUnicode CMap program (bfchar, UTF-16BE). */
  readonly toUnicodeCMap: string;
  /** Font descriptor values (ISO 32000-1 §9.8.1), glyph space units (1/1000 em). */
  readonly ascent: number;
  readonly descent: number;
  readonly capHeight: number;
  readonly italicAngle: number;
  readonly stemV: number;
  /** Font descriptor `/Flags` (ISO 32000-1 §9.8.2). */
  readonly flags: number;
  readonly bbox: readonly [number, number, number, number];
}

/** The parts of fontkit's TTF tables that its typings leave out. */
interface FontTables {
  readonly 'OS/2'?: { readonly usWeightClass?: number; readonly panose?: ArrayLike<number> };
  readonly post?: { readonly isFixedPitch?: number | boolean };
  readonly head?: { readonly macStyle?: { readonly italic?: boolean } };
}

/** Font descriptor flag bits (ISO 32000-1 Table 123). */
const FLAG_FIXED_PITCH = 1 << 0;
const FLAG_SERIF = 1 << 1;
const FLAG_SYMBOLIC = 1 << 2;
const FLAG_ITALIC = 1 << 6;

function missing(font: Font, chars: readonly string[]): HosoError {
  const list = chars
    .map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} (${c})`)
    .join(', ');
  return new HosoError('NOT_IMPLEMENTED', {
    params: { feature: `characters not in the font ${font.postscriptName ?? 'in use'}: ${list}` },
  });
}

/**
 * The TrueType program behind a fontkit font, parsed once per font object. fontkit keeps the
 * bytes it was opened from in `font.stream.buffer`.
 */
const programs = new WeakMap<Font, TrueTypeProgram>();
function programOf(font: Font): TrueTypeProgram {
  let program = programs.get(font);
  if (program === undefined) {
    const bytes = (font as unknown as { stream?: { buffer?: unknown } }).stream?.buffer;
    if (!(bytes instanceof Uint8Array))
      throw new HosoError('INTERNAL', {
        params: { detail: 'the font object does not expose its TrueType program' },
      });
    program = parseTrueType(bytes);
    programs.set(font, program);
  }
  return program;
}

/**
 * Glyph of each code point per font, null where the font has none. fontkit's own lookup walks
 * the cmap on every call; a page of text asks for the same few dozen letters again and again.
 */
const glyphCaches = new WeakMap<Font, Map<number, Glyph | null>>();
function glyphCache(font: Font): Map<number, Glyph | null> {
  let cache = glyphCaches.get(font);
  if (cache === undefined) glyphCaches.set(font, (cache = new Map()));
  return cache;
}

const NOTDEF_TEXT = '\uFFFD';

export interface FontSubsetterOptions {
  /**
   * The font descriptor's Serif flag when the font's PANOSE data cannot say (Tinos Regular has
   * an all-zero PANOSE); without it the flag comes from PANOSE.
   */
  readonly serif?: boolean;
  /** A character the font lacks: an error (default) or the .notdef box. */
  readonly missing?: 'error' | 'notdef';
}

export class FontSubsetter {
  readonly font: Font;
  private readonly program: TrueTypeProgram;
  private readonly scale: number;
  private readonly glyphOf: Map<number, Glyph | null>;
  private readonly options: FontSubsetterOptions;
  /** Original glyph id of each CID (index), starting with .notdef. */
  private readonly gids: number[] = [0];
  private readonly cidOfGid = new Map<number, number>([[0, 0]]);
  /** CID → text it stands for (first code point recorded), for ToUnicode. */
  private readonly cidText = new Map<number, string>();
  /** CID → original glyph, for widths and the self-check. */
  private readonly cidGlyph = new Map<number, Glyph>();

  constructor(font: Font, options: FontSubsetterOptions = {}) {
    this.font = font;
    this.options = options;
    this.program = programOf(font);
    this.scale = 1000 / font.unitsPerEm;
    this.glyphOf = glyphCache(font);
  }

  private lookup(cp: number): Glyph | null {
    let glyph = this.glyphOf.get(cp);
    if (glyph === undefined) {
      glyph = this.font.hasGlyphForCodePoint(cp) ? this.font.glyphForCodePoint(cp) : null;
      this.glyphOf.set(cp, glyph);
    }
    return glyph;
  }

  /** The characters of `text` (after NFC) that the font cannot draw, each listed once. */
  missingCharacters(text: string): string[] {
    const out = new Set<string>();
    for (const ch of text.normalize('NFC'))
      if (this.lookup(ch.codePointAt(0) ?? 0) === null) out.add(ch);
    return [...out];
  }

  private glyphs(text: string): { ch: string; glyph: Glyph }[] {
    const out: { ch: string; glyph: Glyph }[] = [];
    let absent: string[] | undefined;
    for (const ch of text.normalize('NFC')) {
      const glyph = this.lookup(ch.codePointAt(0) ?? 0);
      if (glyph !== null) out.push({ ch, glyph });
      else if (this.options.missing === 'notdef')
        out.push({ ch: NOTDEF_TEXT, glyph: this.font.getGlyph(0) });
      else (absent ??= []).push(ch);
    }
    if (absent !== undefined) throw missing(this.font, [...new Set(absent)]);
    return out;
  }

  /** Advance width of a glyph in 1/1000 em, rounded as it is written to `/W`. */
  private width1000(glyph: Glyph): number {
    return Math.round(glyph.advanceWidth * this.scale);
  }

  private cidFor(glyph: Glyph, ch: string): number {
    let cid = this.cidOfGid.get(glyph.id);
    if (cid === undefined) {
      cid = this.gids.length;
      this.gids.push(glyph.id);
      this.cidOfGid.set(glyph.id, cid);
    }
    if (!this.cidText.has(cid)) {
      this.cidText.set(cid, ch);
      this.cidGlyph.set(cid, glyph);
    }
    return cid;
  }

  /**
   * The hex string (no angle brackets) of the 2-byte CIDs drawing `text`, for `<…> Tj`; records
   * the glyphs for the subset. Throws HosoError NOT_IMPLEMENTED if the font lacks a character
   * (unless `missing: 'notdef'`).
   */
  encode(text: string): string {
    let hex = '';
    for (const { ch, glyph } of this.glyphs(text)) hex += cidHex(this.cidFor(glyph, ch));
    return hex;
  }

  /** Width of `text` in points at `size`, exactly as a reader computes it from `/W`. */
  widthOf(text: string, size: number): number {
    let w = 0;
    for (const { glyph } of this.glyphs(text)) w += this.width1000(glyph);
    return (w * size) / 1000;
  }

  /**
   * How far `text` at `size` reaches above and below the baseline, in points (both ≥ 0): the
   * font's ascent/descent or the glyphs' own outlines, whichever is larger. Vietnamese capitals
   * with two marks (Ễ, Ỗ) rise above the font's ascent.
   */
  verticalExtent(text: string, size: number): { ascent: number; descent: number } {
    let top = this.font.ascent;
    let bottom = this.font.descent;
    for (const { glyph } of this.glyphs(text)) {
      const box = glyph.bbox;
      if (Number.isFinite(box.maxY)) top = Math.max(top, box.maxY);
      if (Number.isFinite(box.minY)) bottom = Math.min(bottom, box.minY);
    }
    const k = size / this.font.unitsPerEm;
    return { ascent: top * k, descent: -bottom * k };
  }

  /**
   * Identifies what finish() would write now: the glyphs in CID order and the text each CID
   * stands for. Equal keys of one font give identical subsets.
   */
  get subsetKey(): string {
    let key = this.gids.join(',');
    for (let cid = 0; cid < this.gids.length; cid++) key += `|${this.cidText.get(cid) ?? ''}`;
    return key;
  }

  /** The number of distinct glyphs recorded so far (.notdef counts only when drawn). */
  get glyphCount(): number {
    return this.cidText.size;
  }

  /**
   * Writes the subset and returns it with its metrics. May be called again after more
   * `encode` calls; CIDs already handed out keep their meaning. `check` (default on) reopens the
   * subset with fontkit and compares every glyph with the original.
   */
  async finish(options: { readonly check?: boolean } = {}): Promise<EmbeddableFont> {
    const fontFile2 = writeTrueTypeSubset(this.program, this.gids);
    if (options.check !== false) this.selfCheck(fontFile2);
    const name = (this.font.postscriptName ?? 'Font').replace(/[^A-Za-z0-9-]/g, '') || 'Font';
    const widths = [...this.cidGlyph.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([cid, glyph]) => [cid, this.width1000(glyph)] as const);
    const metrics = descriptorMetrics(this.font, this.options.serif);
    return {
      baseFontName: `${subsetTag(fontFile2, name)}+${name}`,
      fontFile2,
      widths,
      toUnicodeCMap: buildToUnicodeCMap(this.cidText),
      ...metrics,
    };
  }

  /**
   * Reopens the subset and checks that every CID draws the glyph it stands for (same advance,
   * same outline box), before a document with unreadable text is signed.
   */
  private selfCheck(fontFile2: Uint8Array): void {
    let reopened: Font;
    try {
      reopened = fontkit.create(fontFile2);
    } catch (e) {
      throw new HosoError('INTERNAL', {
        params: { detail: `the font subset cannot be parsed: ${describeCause(e)}` },
        cause: e,
      });
    }
    for (const [cid, original] of this.cidGlyph) {
      let ok: boolean;
      try {
        const glyph = reopened.getGlyph(cid);
        const a = glyph.bbox;
        const b = original.bbox;
        ok =
          glyph.advanceWidth === original.advanceWidth &&
          a.minX === b.minX &&
          a.minY === b.minY &&
          a.maxX === b.maxX &&
          a.maxY === b.maxY;
      } catch {
        ok = false;
      }
      if (!ok)
        throw new HosoError('INTERNAL', {
          params: { detail: `the font subset draws CID ${cid} wrongly` },
        });
    }
  }
}

type DescriptorMetrics = Omit<
  EmbeddableFont,
  'baseFontName' | 'fontFile2' | 'widths' | 'toUnicodeCMap'
>;
const descriptorCache = new WeakMap<Font, Map<boolean | undefined, DescriptorMetrics>>();

/** Font descriptor values of a font (the same for all its subsets), computed once. */
function descriptorMetrics(font: Font, serifHint: boolean | undefined): DescriptorMetrics {
  let perHint = descriptorCache.get(font);
  if (perHint === undefined) descriptorCache.set(font, (perHint = new Map()));
  const cached = perHint.get(serifHint);
  if (cached !== undefined) return cached;
  const tables = font as unknown as FontTables;
  const weight = tables['OS/2']?.usWeightClass ?? 400;
  const panose = tables['OS/2']?.panose;
  // PANOSE family 2 (Latin text) with serif style 2–10 (cove … triangle) is a serif face.
  const serif =
    serifHint ??
    (panose !== undefined && panose[0] === 2 && (panose[1] ?? 0) >= 2 && (panose[1] ?? 0) <= 10);
  const italic = font.italicAngle !== 0 || tables.head?.macStyle?.italic === true;
  const flags =
    (tables.post?.isFixedPitch ? FLAG_FIXED_PITCH : 0) |
    (serif ? FLAG_SERIF : 0) |
    // Symbolic: the glyphs lie outside the Adobe standard Latin set (Vietnamese letters do),
    // and an Identity-H font has no built-in encoding to rely on.
    FLAG_SYMBOLIC |
    (italic ? FLAG_ITALIC : 0);
  const k = 1000 / font.unitsPerEm;
  const box = font.bbox;
  const metrics: DescriptorMetrics = {
    ascent: Math.round(font.ascent * k),
    descent: Math.round(font.descent * k),
    capHeight: Math.round(font.capHeight * k),
    italicAngle: Math.round(font.italicAngle * 100) / 100,
    // TrueType has no stem width; the usual estimate from the weight class (≈ 88 for 400,
    // ≈ 166 for 700).
    stemV: Math.round(50 + (weight / 65) ** 2),
    flags,
    bbox: [
      Math.round(box.minX * k),
      Math.round(box.minY * k),
      Math.round(box.maxX * k),
      Math.round(box.maxY * k),
    ],
  };
  perHint.set(serifHint, metrics);
  return metrics;
}

/**
 * The six upper-case letters before `+` in a subset font name (ISO 32000-1 §9.6.4), derived from
 * the subset program itself, so the same text gives the same name and byte-identical output.
 */
function subsetTag(fontFile2: Uint8Array, name: string): string {
  const digest = createHash('sha256').update(name).update(fontFile2).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((digest[i] ?? 0) % 26));
  return tag;
}
