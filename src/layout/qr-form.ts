/**
 * A QR code as one form XObject (ISO 32000-1 §8.10): drawn once per document and painted with
 * `Do` wherever it appears, so a document that shows its code on several pages carries the
 * symbol's rectangles once. The form includes the quiet zone (white, 4 modules: ISO/IEC
 * 18004:2015 §9.1); its origin is the lower-left corner of that outer square.
 */
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { QUIET_ZONE_MODULES, qrOperators, qrSymbol } from './qr-symbol.js';

export interface QrForm {
  readonly ref: PDFRef;
  /** Side of the outer square (quiet zone included), points. */
  readonly side: number;
  /** Width of the quiet zone on each side, points. */
  readonly quietZone: number;
}

/** The QR code of `text`, its symbol (quiet zone excluded) `symbolSide` points wide. */
export function qrForm(
  doc: PDFDocument,
  text: string,
  symbolSide: number,
  level: 'L' | 'M' | 'Q' | 'H' = 'M',
): QrForm {
  const symbol = qrSymbol(text, level);
  const module = symbolSide / symbol.size;
  const side = (symbol.size + 2 * QUIET_ZONE_MODULES) * module;
  const stream = doc.context.formXObject(qrOperators(symbol, 0, 0, module), {
    BBox: [0, 0, side, side],
  });
  return { ref: doc.context.register(stream), side, quietZone: QUIET_ZONE_MODULES * module };
}
