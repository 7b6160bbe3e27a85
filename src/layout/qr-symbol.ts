/**
 * The QR code of a copy (ISO/IEC 18004, encoded by the `qrcode` package) drawn as vector
 * rectangles: crisp at any zoom or printer resolution, and a few hundred bytes. Each run of dark
 * modules in a row is one filled rectangle; the symbol sits on a white square that includes the
 * quiet zone of 4 modules the standard requires (ISO/IEC 18004:2015 §9.1).
 */
import {
  fill,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  setFillingGrayscaleColor,
  type PDFOperator,
} from 'pdf-lib';
import QRCode from 'qrcode';

export const QUIET_ZONE_MODULES = 4;

export interface QrSymbol {
  /** Modules per side, quiet zone excluded. */
  readonly size: number;
  /** True for a dark module; row 0 is the top. */
  dark(row: number, col: number): boolean;
}

export function qrSymbol(text: string, level: 'L' | 'M' | 'Q' | 'H'): QrSymbol {
  const code = QRCode.create(text, { errorCorrectionLevel: level });
  const { size, data } = code.modules;
  return { size, dark: (r, c) => data[r * size + c] === 1 };
}

/**
 * Operators drawing `symbol` with its quiet zone, the outer square's lower-left corner at
 * (x, y), each module `module` points wide.
 */
export function qrOperators(symbol: QrSymbol, x: number, y: number, module: number): PDFOperator[] {
  const total = (symbol.size + 2 * QUIET_ZONE_MODULES) * module;
  const ops: PDFOperator[] = [
    pushGraphicsState(),
    setFillingGrayscaleColor(1),
    rectangle(x, y, total, total),
    fill(),
    setFillingGrayscaleColor(0),
  ];
  const left = x + QUIET_ZONE_MODULES * module;
  const top = y + total - QUIET_ZONE_MODULES * module;
  for (let r = 0; r < symbol.size; r++) {
    let c = 0;
    while (c < symbol.size) {
      if (!symbol.dark(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < symbol.size && symbol.dark(r, c)) c++;
      ops.push(
        rectangle(left + start * module, top - (r + 1) * module, (c - start) * module, module),
      );
    }
  }
  ops.push(fill(), popGraphicsState());
  return ops;
}
