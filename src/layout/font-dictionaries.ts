/**
 * The dictionaries of an embedded Type0 font, as PDF source text, for code that writes PDF
 * objects itself (the signer's appearance, hand-built test files). The caller owns object
 * numbering and streams; this only turns an EmbeddableFont into the entries ISO 32000-1 asks
 * for: Type0 with Identity-H (§9.7.6), CIDFontType2 with CIDToGIDMap /Identity (§9.7.4),
 * FontDescriptor (§9.8) and the extra entry of the FontFile2 stream (§9.9, Length1).
 */
import type { EmbeddableFont } from './font-subset.js';

/** Indirect references, written as the caller will write them, e.g. `12 0 R`. */
export interface Type0FontRefs {
  readonly descendantFont: string;
  readonly fontDescriptor: string;
  readonly fontFile2: string;
  readonly toUnicode: string;
}

export interface Type0FontDictionaries {
  /** The font dictionary a `/Font` resource entry points to. */
  readonly type0: string;
  readonly cidFont: string;
  readonly fontDescriptor: string;
  /** Entries to add to the FontFile2 stream dictionary besides /Length (and /Filter). */
  readonly fontFile2Entries: string;
}

/** `/W` array (ISO 32000-1 §9.7.4.3): runs of consecutive CIDs share one `c [w1 w2 …]` group. */
export function cidWidthArray(widths: EmbeddableFont['widths']): string {
  const groups: string[] = [];
  let start = -2;
  let run: number[] = [];
  const flush = (): void => {
    if (run.length > 0) groups.push(`${start} [${run.join(' ')}]`);
  };
  let previous = -2;
  for (const [cid, width] of widths) {
    if (cid !== previous + 1) {
      flush();
      start = cid;
      run = [];
    }
    run.push(width);
    previous = cid;
  }
  flush();
  return `[${groups.join(' ')}]`;
}

export function type0FontDictionaries(
  font: EmbeddableFont,
  refs: Type0FontRefs,
): Type0FontDictionaries {
  const name = `/${font.baseFontName}`;
  return {
    type0:
      `<< /Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H` +
      ` /DescendantFonts [${refs.descendantFont}] /ToUnicode ${refs.toUnicode} >>`,
    cidFont:
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont ${name}` +
      ` /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>` +
      ` /FontDescriptor ${refs.fontDescriptor} /W ${cidWidthArray(font.widths)}` +
      ` /CIDToGIDMap /Identity >>`,
    fontDescriptor:
      `<< /Type /FontDescriptor /FontName ${name} /Flags ${font.flags}` +
      ` /FontBBox [${font.bbox.join(' ')}] /ItalicAngle ${font.italicAngle}` +
      ` /Ascent ${font.ascent} /Descent ${font.descent} /CapHeight ${font.capHeight}` +
      ` /StemV ${font.stemV} /FontFile2 ${refs.fontFile2} >>`,
    fontFile2Entries: `/Length1 ${font.fontFile2.length}`,
  };
}
