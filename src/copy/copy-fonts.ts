/**
 * The statement's fonts: Tinos regular, bold and italic (Times New Roman metrics, complete
 * Vietnamese; DESIGN.md "Fonts"), embedded as subsets by pdf-lib with fontkit. The bytes come
 * from src/layout's loadTinosBytes: glyph records aligned, without which fontkit's subsetter
 * breaks Tinos' glyphs. pdf-lib writes a ToUnicode map for each, so the statement extracts as
 * text (pdftotext, search, screen readers).
 */
import type { PDFDocument } from 'pdf-lib';
import { embedTinos } from '../layout/index.js';
import type { StatementFonts } from './statement-layout.js';

export async function embedStatementFonts(doc: PDFDocument): Promise<StatementFonts> {
  return embedTinos(doc, ['regular', 'bold', 'italic'] as const);
}
