/**
 * Tinos embedded in a pdf-lib document, one subset font per style asked for. The bytes come from
 * loadTinosBytes (glyph records aligned: without it fontkit's subsetter breaks Tinos' glyphs);
 * pdf-lib writes a ToUnicode map for each, so the text extracts (pdftotext, search, screen
 * readers). Used by the PDF verification report and the certification statement.
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { loadTinosBytes, type TinosStyle } from './vietnamese-font.js';

/**
 * pdf-lib parses the font file anew for every document (fontkit.create), and fontkit then decodes
 * the GSUB/GPOS tables lazily on the first text laid out: that decoding was most of a one-page
 * paper conversion's time (issue 6's benchmark). Each document still gets its own font object —
 * fontkit caches glyphs in it, with the code points of the first text that used them, which one
 * document's subsetting must not leave to the next (its ToUnicode would lose them) — but the
 * decoded tables, read-only data, are shared, as fontkit itself shares them between the
 * variations of one font.
 */
type FontkitFont = ReturnType<typeof fontkit.create> & { _tables: Record<string, unknown> };
const decodedTables = new Map<Uint8Array, Record<string, unknown>>();
const sharedFontkit: typeof fontkit = {
  ...fontkit,
  create(data: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(data, postscriptName) as FontkitFont;
    if (postscriptName !== undefined) return font;
    const tables = decodedTables.get(data);
    if (tables === undefined) decodedTables.set(data, font._tables);
    else font._tables = tables;
    return font;
  },
};

export async function embedTinos<S extends TinosStyle>(
  doc: PDFDocument,
  styles: readonly S[],
): Promise<Record<S, PDFFont>> {
  doc.registerFontkit(sharedFontkit);
  const fonts = {} as Record<S, PDFFont>;
  for (const style of styles)
    fonts[style] = await doc.embedFont(await loadTinosBytes(style), { subset: true });
  return fonts;
}
