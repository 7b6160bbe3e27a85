/**
 * The paper's fonts: Tinos regular, bold and italic (metric-compatible with Times New Roman, the
 * administrative typeface of Decree 30/2020 Appendix I; full Vietnamese coverage — DESIGN.md
 * "Fonts"), embedded once per document as subsets with ToUnicode maps, so the footer and the
 * conversion page extract as text.
 */
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { embedTinos } from '../layout/index.js';

export interface PaperFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
}

export function embedPaperFonts(doc: PDFDocument): Promise<PaperFonts> {
  return embedTinos(doc, ['regular', 'bold', 'italic'] as const);
}
