/**
 * The statement's fonts: Tinos regular, bold and italic (Times New Roman metrics, complete
 * Vietnamese; DESIGN.md "Fonts"), embedded as subsets by pdf-lib with fontkit. The bytes come
 * from src/layout's loadTinosBytes: glyph records aligned, without which fontkit's subsetter
 * breaks Tinos' glyphs. pdf-lib writes a ToUnicode map for each, so the statement extracts as
 * text (pdftotext, search, screen readers).
 */
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { loadTinosBytes, type TinosStyle } from '../layout/index.js';
import type { StatementFonts } from './statement-layout.js';

export async function embedStatementFonts(doc: PDFDocument): Promise<StatementFonts> {
  doc.registerFontkit(fontkit);
  const embed = async (style: TinosStyle): Promise<PDFFont> =>
    doc.embedFont(await loadTinosBytes(style), { subset: true });
  return {
    regular: await embed('regular'),
    bold: await embed('bold'),
    italic: await embed('italic'),
  };
}
