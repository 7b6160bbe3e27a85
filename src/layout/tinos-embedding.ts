/**
 * Tinos in a pdf-lib document, one subset font per style asked for, with a ToUnicode map so the
 * text extracts (pdftotext, search, screen readers). Used by the PDF verification report, the
 * certification statement and the paper conversion.
 *
 * pdf-lib's own embedFont lays out every string with fontkit's OpenType shaping (GSUB/GPOS) and
 * subsets through fontkit's table encoder: for a one-page paper conversion that was most of the
 * time (issue 6's benchmark). The fonts here are pdf-lib fonts — page.drawText and
 * widthOfTextAtSize work as usual — whose text goes through FontSubsetter instead: characters
 * mapped one to one through the cmap after NFC (all Vietnamese and Latin need; no kerning), the
 * subset written by truetype-subset.ts, the dictionaries by font-dictionaries.ts, as for the
 * signer's appearance. A character Tinos lacks is drawn as the .notdef box and extracts as
 * U+FFFD rather than stopping a document that quotes, say, a signer's name in another script.
 *
 * The fontkit font of each style is shared by every document of the process (parsed once); each
 * document gets its own subsetter, so one document's glyphs never leak into another's subset.
 */
import type { Font } from '@pdf-lib/fontkit';
import {
  CustomFontEmbedder,
  PDFDict,
  PDFFont,
  PDFHexString,
  PDFObjectParser,
  type PDFContext,
  type PDFDocument,
  type PDFRef,
} from 'pdf-lib';
import { HosoError } from '../kernel/index.js';
import { type0FontDictionaries } from './font-dictionaries.js';
import { FontSubsetter, type EmbeddableFont } from './font-subset.js';
import { loadTinos, type TinosStyle } from './vietnamese-font.js';
import { deflate, deflatedStream } from './native-flate.js';

class SubsetFontEmbedder extends CustomFontEmbedder {
  private readonly subsetter: FontSubsetter;
  private readonly fontkitFont: Font;

  constructor(font: Font) {
    // pdf-lib's constructor only keeps the font for its metrics (heightAtSize, sizeAtHeight);
    // the font program is written from the subsetter.
    super(font as unknown as CustomFontEmbedder['font'], new Uint8Array(0));
    this.fontkitFont = font;
    this.subsetter = new FontSubsetter(font, { serif: true, missing: 'notdef' });
  }

  override encodeText(text: string): PDFHexString {
    return PDFHexString.of(this.subsetter.encode(text));
  }

  override widthOfTextAtSize(text: string, size: number): number {
    return this.subsetter.widthOf(text, size);
  }

  override async embedIntoContext(context: PDFContext, ref?: PDFRef): Promise<PDFRef> {
    const { font, fontFile2Deflated, toUnicodeDeflated } = await writtenSubset(
      this.fontkitFont,
      this.subsetter,
    );
    const fontFile2 = context.register(
      deflatedStream(context, fontFile2Deflated, { Length1: font.fontFile2.length }),
    );
    const toUnicode = context.register(deflatedStream(context, toUnicodeDeflated));
    const descendantFont = context.nextRef();
    const fontDescriptor = context.nextRef();
    const text = type0FontDictionaries(font, {
      descendantFont: refText(descendantFont),
      fontDescriptor: refText(fontDescriptor),
      fontFile2: refText(fontFile2),
      toUnicode: refText(toUnicode),
    });
    context.assign(descendantFont, parseDict(text.cidFont, context));
    context.assign(fontDescriptor, parseDict(text.fontDescriptor, context));
    const type0 = parseDict(text.type0, context);
    if (ref === undefined) return context.register(type0);
    context.assign(ref, type0);
    return ref;
  }
}

interface WrittenSubset {
  readonly font: EmbeddableFont;
  readonly fontFile2Deflated: Uint8Array;
  readonly toUnicodeDeflated: Uint8Array;
}

/**
 * The subset, written and deflated, of what a document drew. Documents of one batch often draw
 * exactly the same glyphs in a style (the bold labels, the italic notes), so the last few subsets
 * of each font are kept and reused (read-only) rather than written and deflated again.
 */
const RECENT_SUBSETS = 8;
const recentSubsets = new WeakMap<Font, Map<string, WrittenSubset>>();

async function writtenSubset(font: Font, subsetter: FontSubsetter): Promise<WrittenSubset> {
  let recent = recentSubsets.get(font);
  if (recent === undefined) recentSubsets.set(font, (recent = new Map()));
  const key = subsetter.subsetKey;
  const hit = recent.get(key);
  if (hit !== undefined) {
    recent.delete(key);
    recent.set(key, hit); // most recently used last
    return hit;
  }
  // The self-check (reparsing the subset with fontkit) is for the signer's one-off appearance;
  // the subset writer itself is covered by the font tests.
  const written = await subsetter.finish({ check: false });
  const entry: WrittenSubset = {
    font: written,
    fontFile2Deflated: deflate(written.fontFile2),
    toUnicodeDeflated: deflate(written.toUnicodeCMap),
  };
  recent.set(key, entry);
  if (recent.size > RECENT_SUBSETS) recent.delete(recent.keys().next().value!);
  return entry;
}

function refText(ref: PDFRef): string {
  return `${ref.objectNumber} ${ref.generationNumber} R`;
}

function parseDict(source: string, context: PDFContext): PDFDict {
  const object = PDFObjectParser.forBytes(new TextEncoder().encode(source), context).parseObject();
  if (!(object instanceof PDFDict))
    throw new HosoError('INTERNAL', { params: { detail: 'a font dictionary did not parse' } });
  return object;
}

/**
 * pdf-lib writes the fonts of its `fonts` list when the document is saved (PDFDocument.flush);
 * embedFont is the only public way onto that list, so a font made here is put there directly.
 */
function saveWithDocument(doc: PDFDocument, font: PDFFont): void {
  const fonts = (doc as unknown as { fonts?: unknown }).fonts;
  if (!Array.isArray(fonts))
    throw new HosoError('INTERNAL', {
      params: { detail: 'this pdf-lib version keeps no font list to save embedded fonts with' },
    });
  fonts.push(font);
}

export async function embedTinos<S extends TinosStyle>(
  doc: PDFDocument,
  styles: readonly S[],
): Promise<Record<S, PDFFont>> {
  const fonts = {} as Record<S, PDFFont>;
  for (const style of styles) {
    const font = PDFFont.of(
      doc.context.nextRef(),
      doc,
      new SubsetFontEmbedder(await loadTinos(style)),
    );
    saveWithDocument(doc, font);
    fonts[style] = font;
  }
  return fonts;
}
