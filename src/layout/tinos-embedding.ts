/**
 * Tinos embedded in a pdf-lib document, one subset font per style asked for. The bytes come from
 * loadTinosBytes (glyph records aligned: without it fontkit's subsetter breaks Tinos' glyphs);
 * pdf-lib writes a ToUnicode map for each, so the text extracts (pdftotext, search, screen
 * readers). Used by the PDF verification report and the certification statement.
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { loadTinosBytes, type TinosStyle } from './vietnamese-font.js';

export async function embedTinos<S extends TinosStyle>(
  doc: PDFDocument,
  styles: readonly S[],
): Promise<Record<S, PDFFont>> {
  doc.registerFontkit(fontkit);
  const fonts = {} as Record<S, PDFFont>;
  for (const style of styles)
    fonts[style] = await doc.embedFont(await loadTinosBytes(style), { subset: true });
  return fonts;
}
