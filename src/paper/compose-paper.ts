/**
 * Composing the paper form of an electronic result (Decree 45/2020/NĐ-CP Art. 18(2); Law
 * 20/2023/QH15 Art. 12(2); LEGAL.md §1): every page of the result on an A4 sheet (paper-geometry),
 * its content and its visible annotations painted as form XObjects (source-pages), the QR code
 * with the lookup URL at the top left of the first sheet (Circular 01/2023/TT-VPCP), a footer on
 * every sheet (paper-footer), and the conversion page (conversion-page).
 *
 * Per document, not per page: the source is parsed once, fonts are embedded once, the QR code
 * is one form XObject painted twice, the footer is one form XObject per sheet width, and page
 * content keeps its encoded bytes.
 *
 * The first sheet's QR code: its symbol is 20 mm wide (Circular 01/2023 sets no size; 2 cm
 * scans reliably from paper with a phone) with its quiet zone, its dark modules aligned on the
 * left margin and starting about 10 mm from the top edge. The top margin (20 mm) cannot hold it,
 * so on the first sheet the original is scaled into the area below the code, never under it.
 */
import {
  PDFDocument,
  clip,
  concatTransformationMatrix,
  drawObject,
  endPath,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  type PDFOperator,
  type PDFPage,
} from 'pdf-lib';
import { qrForm, saveDocument } from '../layout/index.js';
import type { FileReport } from '../report/index.js';
import { addConversionPages } from './conversion-page.js';
import { buildFooter, drawFooter, footerTexts, type FooterLayout } from './paper-footer.js';
import { embedPaperFonts } from './paper-fonts.js';
import {
  A4_PORTRAIT,
  MARGINS,
  POINTS_PER_MM,
  displayMatrix,
  displayedSize,
  multiply,
  placeInArea,
  sheetFor,
  type Rect,
} from './paper-geometry.js';
import {
  DEFAULT_CONVERSION_MARK,
  type ContentArea,
  type PaperFields,
  type PaperResult,
} from './paper-model.js';
import { signatureSummary } from './signature-rows.js';
import { loadSource } from './source-document.js';
import { sourcePages } from './source-pages.js';

const MM = POINTS_PER_MM;
const QR_SYMBOL = 20 * MM;
/** From the sheet's top edge to the QR code's outer square (quiet zone included). */
const QR_TOP = 8 * MM;
/** Between the footer's rule and the content above it. */
const FOOTER_GAP = 3 * MM;

export async function composePaper(
  source: Uint8Array,
  name: string,
  verification: FileReport,
  fields: PaperFields,
): Promise<PaperResult> {
  const src = await loadSource(source, name);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedPaperFonts(doc);
  const pages = sourcePages(src, doc);
  const mark = fields.mark ?? DEFAULT_CONVERSION_MARK;
  const qr = qrForm(doc, fields.lookupUrl, QR_SYMBOL, 'M');

  // The conversion page almost always takes one sheet; a long signature table may take more,
  // so the footers (which say "Trang x/y") are drawn once the count is known.
  const texts = footerTexts({
    mark,
    systemName: fields.systemName,
    systemOwner: fields.systemOwner,
    dossierCode: fields.dossierCode,
    resultCode: fields.resultCode,
    lookupCodeDisplay: fields.lookupCodeDisplay,
    // Room for the widest "Trang x/y": the conversion page plus a few continuation pages.
    pages: pages.length + 10,
  });
  const footers = new Map<number, FooterLayout>();
  const footerFor = (sheetWidth: number): FooterLayout => {
    let f = footers.get(sheetWidth);
    if (f === undefined) {
      f = buildFooter(doc, fonts, texts, sheetWidth - MARGINS.left - MARGINS.right);
      footers.set(sheetWidth, f);
    }
    return f;
  };

  const sheets: PDFPage[] = [];
  const contentAreas: ContentArea[] = [];
  pages.forEach((p, i) => {
    const displayed = displayedSize(p.visible, p.rotate);
    const [sw, sh] = sheetFor(displayed);
    const footer = footerFor(sw);
    const bottom = MARGINS.bottom + footer.height + FOOTER_GAP;
    const top = i === 0 ? Math.min(sh - MARGINS.top, sh - QR_TOP - qr.side) : sh - MARGINS.top;
    const area: Rect = [MARGINS.left, bottom, sw - MARGINS.left - MARGINS.right, top - bottom];
    const placement = placeInArea(displayMatrix(p.visible, p.rotate), displayed, area);
    const sheet = doc.addPage([sw, sh]);
    const [rx, ry, rw, rh] = placement.rect;
    const m = placement.matrix;
    const ops: PDFOperator[] = [
      pushGraphicsState(),
      // What a viewer shows is the visible area: annotations reaching outside it are cut too.
      rectangle(rx, ry, rw, rh),
      clip(),
      endPath(),
      pushGraphicsState(),
      concatTransformationMatrix(...m),
      drawObject(sheet.node.newXObject('Page', p.form)),
      popGraphicsState(),
    ];
    for (const a of p.annotations) {
      ops.push(
        pushGraphicsState(),
        concatTransformationMatrix(...multiply(a.matrix, m)),
        drawObject(sheet.node.newXObject('Annot', a.form)),
        popGraphicsState(),
      );
    }
    ops.push(popGraphicsState());
    if (i === 0) {
      ops.push(
        pushGraphicsState(),
        concatTransformationMatrix(1, 0, 0, 1, MARGINS.left - qr.quietZone, sh - QR_TOP - qr.side),
        drawObject(sheet.node.newXObject('Qr', qr.ref)),
        popGraphicsState(),
      );
    }
    sheet.pushOperators(...ops);
    sheets.push(sheet);
    contentAreas.push({ page: i + 1, rect: placement.rect, sourcePage: i + 1 });
  });

  const [cw, ch] = A4_PORTRAIT;
  const cFooter = footerFor(cw);
  const cBottom = MARGINS.bottom + cFooter.height + FOOTER_GAP;
  const conversion = addConversionPages(
    doc,
    fonts,
    qr,
    {
      mark,
      title: fields.title,
      dossierCode: fields.dossierCode,
      resultCode: fields.resultCode,
      procedureCode: fields.procedureCode,
      systemName: fields.systemName,
      systemOwner: fields.systemOwner,
      convertedAt: fields.convertedAt,
      lookupCodeDisplay: fields.lookupCodeDisplay,
      lookupUrl: fields.lookupUrl,
      sourceSha256: fields.sourceSha256,
      converterName: fields.converterName,
      converterTitle: fields.converterTitle,
      seal: fields.seal,
      signatures: signatureSummary(verification),
    },
    [cw, ch],
    [MARGINS.left, cBottom, cw - MARGINS.left - MARGINS.right, ch - MARGINS.top - cBottom],
  );
  sheets.push(...conversion);

  const total = sheets.length;
  sheets.forEach((sheet, i) => {
    const footer = footerFor(sheet.getWidth());
    drawFooter(sheet, footer, fonts.regular, MARGINS.left, MARGINS.bottom, i + 1, total);
  });

  doc.setTitle(fields.title);
  doc.setSubject(mark);
  doc.setLanguage('vi-VN');
  doc.setCreator('hoso');
  doc.setProducer('hoso');
  doc.setCreationDate(fields.convertedAt);
  doc.setModificationDate(fields.convertedAt);
  const pdf = await saveDocument(doc, { useObjectStreams: false, addDefaultPage: false });
  return { pdf, pages: total, contentAreas };
}
