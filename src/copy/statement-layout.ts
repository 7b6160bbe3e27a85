/**
 * The statement band: the certification statement (lời chứng, Decree 23/2015/NĐ-CP as amended,
 * Art. 20 and the Ministry of Justice's form; LEGAL.md §2) or the mark of a copy issued from the
 * master register (Decree 23/2015 Art. 16; Decree 45/2020/NĐ-CP Art. 10), laid out the way
 * Vietnamese paper does it (Decree 30/2020/NĐ-CP Appendix I):
 *
 * ```
 * ┌──────────────────────────────────────────────────────────────────────┐
 * │   Agency name           CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH         │
 * │   ┌───────┐        Số chứng thực: 12   Quyển số: 01/2026-SCT/BS       │
 * │   │  QR   │             Hà Nội, ngày 05 tháng 3 năm 2026              │
 * │   │ code  │                 CÔNG CHỨC TƯ PHÁP - HỘ TỊCH               │
 * │   └───────┘            ┌──(seal)──┬──────(signature)──────┐          │
 * │   AB12-CD34            │          │                        │          │
 * │                        └──────────┴────────────────────────┘          │
 * │                                  Nguyễn Văn A                         │
 * │ Bản sao này gồm 3 trang.                                              │
 * └──────────────────────────────────────────────────────────────────────┘
 * ```
 *
 * Left column: the agency, the QR code with the lookup code under it. Right column, centred: the
 * heading, the facts (number and book, or register record), the place and date, the signer's
 * title in capitals, the signature row and the signer's name. The signature row holds the
 * officer's box and, for certified copies, the agency's (seal) box over its left part — where
 * the seal goes on paper, over the left part of the signature. The two boxes are left blank:
 * the visible signatures are drawn into them when the copy is signed. Notes (page count,
 * attachment) run across the band's full width under both columns.
 *
 * Lines that do not fit their column wrap. The band is as tall as its content needs, never less
 * than the template's minimum; a layout that does not fit the width at all is refused (null),
 * and the caller tries a wider page.
 */
import { type PDFFont, type PDFPage } from 'pdf-lib';
import type { CopyTemplate } from './copy-template.js';
import {
  QUIET_ZONE_MODULES,
  qrOperators,
  qrSymbol,
  wrapText,
  measureText,
} from '../layout/index.js';
import { POINTS_PER_MM } from './scan-resolution.js';

export interface StatementFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
}

export interface StatementContent {
  readonly heading: string;
  /** Regular lines after the heading (number and book; record and dossier; title). */
  readonly facts: readonly string[];
  /** "<place>, ngày … tháng … năm …", in italics. */
  readonly dateLine: string;
  /** Already in capitals. */
  readonly signerTitle: string;
  /** Under the signature row; null leaves it out. */
  readonly signerName: string | null;
  /** True: officer's box with the agency's seal box over its left part. False: one agency box. */
  readonly withSeal: boolean;
  readonly agencyName: string;
  readonly qrText: string;
  readonly codeDisplay: string;
  readonly notes: readonly string[];
}

/** A rectangle relative to the band's lower-left corner: x, y, width, height. */
type RelRect = readonly [number, number, number, number];

export interface StatementLayout {
  readonly width: number;
  readonly height: number;
  /** The officer's signature box (certified copies) or the agency's (register copies). */
  readonly signerBox: RelRect;
  /** The agency's box: the seal over the left part of the officer's; = signerBox without seal. */
  readonly sealBox: RelRect;
  /** Draws the band with its lower-left corner at (x, y). */
  draw(page: PDFPage, x: number, y: number): void;
}

interface PlacedText {
  readonly text: string;
  readonly font: PDFFont;
  readonly size: number;
  /** Distance from the band's top to the baseline. */
  readonly baseline: number;
  readonly x: number;
}

/** Tinos' ascent is 0.891 em: the baseline sits this far below a line's top. */
const ASCENT = 0.9;
const MIN_SIGNATURE_WIDTH = 30 * POINTS_PER_MM;

export function layoutStatement(
  content: StatementContent,
  fonts: StatementFonts,
  template: CopyTemplate,
  width: number,
): StatementLayout | null {
  const mm = POINTS_PER_MM;
  const sizes = template.fontSizes;
  const spacing = template.lineSpacing;
  const pad = template.band.padding * mm;
  const inner = width - 2 * pad;
  const gap = 4 * mm;
  const leftW = inner * template.band.leftColumnShare;
  const rightX = pad + leftW + gap;
  const rightW = inner - leftW - gap;
  if (rightW <= 0) return null;

  const texts: PlacedText[] = [];
  /** Lines of `text` centred in [x, x + w], from `top`; returns the new top. */
  const centred = (
    text: string,
    font: PDFFont,
    size: number,
    x: number,
    w: number,
    top: number,
  ): number => {
    let t = top;
    for (const line of wrapText(text, font, size, w)) {
      const lw = measureText(font, line, size);
      texts.push({ text: line, font, size, baseline: t + size * ASCENT, x: x + (w - lw) / 2 });
      t += size * spacing;
    }
    return t;
  };

  // --- left column: agency, QR code, lookup code ---
  const symbol = qrSymbol(content.qrText, template.qr.errorCorrection);
  const module = (template.qr.size * mm) / symbol.size;
  const qrTotal = (symbol.size + 2 * QUIET_ZONE_MODULES) * module;
  if (qrTotal > leftW) return null;
  let left = pad;
  if (content.agencyName.trim() !== '') {
    left = centred(content.agencyName, fonts.bold, sizes.body, pad, leftW, left);
    left += 1 * mm;
  }
  const qrTop = left;
  const qrX = pad + (leftW - qrTotal) / 2;
  left += qrTotal;
  left = centred(content.codeDisplay, fonts.regular, sizes.code, pad, leftW, left);

  // --- right column ---
  let right = pad;
  right = centred(content.heading, fonts.bold, sizes.heading, rightX, rightW, right);
  for (const fact of content.facts) {
    right = centred(fact, fonts.regular, sizes.body, rightX, rightW, right);
  }
  right = centred(content.dateLine, fonts.italic, sizes.body, rightX, rightW, right);
  right += 1.5 * mm;
  right = centred(content.signerTitle, fonts.bold, sizes.body, rightX, rightW, right);

  const sig = template.signature;
  const sealSide = sig.sealSize * mm;
  // The seal box stands out of the officer's box on the left by this much.
  const sealOut = content.withSeal ? sealSide * (1 - sig.sealOverlap) : 0;
  // Centred under the title, with room for the seal's overhang on both sides (symmetry).
  const signerW = Math.min(sig.width * mm, rightW - 2 * sealOut);
  if (signerW < MIN_SIGNATURE_WIDTH) return null;
  const signerH = sig.height * mm;
  const rowH = content.withSeal ? Math.max(signerH, sealSide) : signerH;
  const rowTop = right + 1 * mm;
  const signerX = rightX + (rightW - signerW) / 2;
  right = rowTop + rowH + 1 * mm;
  if (content.signerName !== null && content.signerName.trim() !== '') {
    right = centred(content.signerName, fonts.bold, sizes.body, rightX, rightW, right);
  }

  // --- notes across the whole width ---
  let bottom = Math.max(left, right);
  if (content.notes.length > 0) bottom += 1.5 * mm;
  for (const note of content.notes) {
    for (const line of wrapText(note, fonts.italic, sizes.note, inner)) {
      texts.push({
        text: line,
        font: fonts.italic,
        size: sizes.note,
        baseline: bottom + sizes.note * ASCENT,
        x: pad,
      });
      bottom += sizes.note * spacing;
    }
  }
  const height = Math.max(bottom + pad, template.band.minHeight * mm);

  // Boxes relative to the band's lower-left corner (PDF's y grows upwards).
  const fromTop = (top: number, h: number): number => height - top - h;
  const signerBox: RelRect = [
    signerX,
    fromTop(rowTop + (rowH - signerH) / 2, signerH),
    signerW,
    signerH,
  ];
  const sealBox: RelRect = content.withSeal
    ? [signerX - sealOut, fromTop(rowTop + (rowH - sealSide) / 2, sealSide), sealSide, sealSide]
    : signerBox;

  return {
    width,
    height,
    signerBox,
    sealBox,
    draw(page: PDFPage, x: number, y: number): void {
      const top = y + height;
      for (const t of texts) {
        page.drawText(t.text, { x: x + t.x, y: top - t.baseline, size: t.size, font: t.font });
      }
      page.pushOperators(...qrOperators(symbol, x + qrX, top - qrTop - qrTotal, module));
    },
  };
}
