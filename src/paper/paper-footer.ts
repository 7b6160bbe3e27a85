/**
 * The footer on every sheet (Decree 45/2020 Art. 18(2); Law 20/2023 Art. 12(2)(c); UX.md "Paper
 * conversion page"): a thin rule, then the conversion mark in bold, the information system and
 * its owner, the dossier code (and result code), the lookup code, and "Trang x/y" at the right
 * of the last line. Everything but the page number is the same on every sheet of a width, so it
 * is one form XObject per sheet width (portrait, landscape), laid out and encoded once per
 * document; each sheet adds only its page number.
 *
 * 9 pt: the footer is a running line, not body text (Decree 30/2020's 13–14 pt applies to the
 * body; its Appendix I sets page numbers and notes smaller).
 */
import {
  beginText,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  endText,
  lineTo,
  moveTo,
  setFontAndSize,
  setLineWidth,
  showText,
  stroke,
  moveText,
  type PDFDocument,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
  type PDFRef,
} from 'pdf-lib';
import { wrapText, measureText } from '../layout/index.js';
import type { PaperFonts } from './paper-fonts.js';

export const FOOTER_SIZE = 9;
const LEADING = FOOTER_SIZE * 1.2;
/** Rule to first baseline. */
const TOP_PAD = FOOTER_SIZE * 1.25;
const DESCENT = FOOTER_SIZE * 0.25;

export interface FooterTexts {
  readonly mark: string;
  readonly system: string;
  /** Dossier, result and lookup codes: joined with " — ", never split inside one. */
  readonly codes: readonly string[];
  /** The widest page number this document prints ("Trang 12/12"), for the room it needs. */
  readonly widestPageNumber: string;
}

export interface FooterLayout {
  /** Band height, from its bottom (the bottom margin) to the rule. */
  readonly height: number;
  readonly width: number;
  readonly form: PDFRef;
  /** Baseline of the last line above the band's bottom: where the page number goes. */
  readonly pageNumberBaseline: number;
}

export function footerTexts(f: {
  readonly mark: string;
  readonly systemName: string;
  readonly systemOwner: string;
  readonly dossierCode: string | null;
  readonly resultCode: string | null;
  readonly lookupCodeDisplay: string;
  readonly pages: number;
}): FooterTexts {
  const codes = [
    f.dossierCode === null ? null : `Mã hồ sơ: ${f.dossierCode}`,
    f.resultCode === null ? null : `Mã kết quả: ${f.resultCode}`,
    `Mã tra cứu: ${f.lookupCodeDisplay}`,
  ].filter((x): x is string => x !== null);
  return {
    mark: f.mark,
    system: `Hệ thống thông tin: ${f.systemName} — Chủ quản: ${f.systemOwner}`,
    codes,
    widestPageNumber: `Trang ${f.pages}/${f.pages}`,
  };
}

/**
 * Segments joined with " — " into lines no wider than `width` (the last one `lastWidth`), a
 * segment moving whole to the next line rather than being split from its label; only a segment
 * wider than a line on its own is wrapped. Filled from the end, so the last line (which shares
 * its room with the page number) is settled first.
 */
function joinSegments(
  segments: readonly string[],
  font: PDFFont,
  width: number,
  lastWidth: number,
): string[] {
  const fits = (s: string, w: number): boolean => measureText(font, s, FOOTER_SIZE) <= w;
  const lines: string[] = [];
  let line = '';
  for (let i = segments.length - 1; i >= 0; i--) {
    const seg = segments[i]!;
    const room = lines.length === 0 ? lastWidth : width;
    const candidate = line === '' ? seg : `${seg} — ${line}`;
    if (fits(candidate, room)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.unshift(line);
    const r = lines.length === 0 ? lastWidth : width;
    if (fits(seg, r)) {
      line = seg;
    } else {
      const parts = wrapText(seg, font, FOOTER_SIZE, r);
      line = parts.pop() ?? '';
      lines.unshift(...parts);
    }
  }
  if (line !== '') lines.unshift(line);
  return lines;
}

interface Line {
  readonly text: string;
  readonly font: PDFFont;
}

/** The footer of sheets whose text area is `width` points wide, as a form XObject. */
export function buildFooter(
  doc: PDFDocument,
  fonts: PaperFonts,
  texts: FooterTexts,
  width: number,
): FooterLayout {
  const numberRoom = measureText(fonts.regular, texts.widestPageNumber, FOOTER_SIZE) + 12;
  const lines: Line[] = [
    ...wrapText(texts.mark, fonts.bold, FOOTER_SIZE, width).map((text) => ({
      text,
      font: fonts.bold,
    })),
    ...wrapText(texts.system, fonts.regular, FOOTER_SIZE, width).map((text) => ({
      text,
      font: fonts.regular,
    })),
  ];
  // The last line leaves room for the page number at its right.
  for (const text of joinSegments(texts.codes, fonts.regular, width, width - numberRoom)) {
    lines.push({ text, font: fonts.regular });
  }
  const height = TOP_PAD + (lines.length - 1) * LEADING + DESCENT;
  const pageNumberBaseline = DESCENT;

  const names = new Map<PDFFont, string>([
    [fonts.regular, 'FR'],
    [fonts.bold, 'FB'],
  ]);
  const ops: PDFOperator[] = [
    setLineWidth(0.5),
    moveTo(0, height),
    lineTo(width, height),
    stroke(),
  ];
  let baseline = height - TOP_PAD;
  for (const line of lines) {
    ops.push(
      beginText(),
      setFontAndSize(names.get(line.font)!, FOOTER_SIZE),
      moveText(0, baseline),
      showText(line.font.encodeText(line.text)),
      endText(),
    );
    baseline -= LEADING;
  }
  const form = doc.context.formXObject(ops, {
    BBox: [-1, -1, width + 1, height + 1],
    Resources: { Font: { FR: fonts.regular.ref, FB: fonts.bold.ref } },
  });
  return { height, width, form: doc.context.register(form), pageNumberBaseline };
}

/** Paints the footer on `page` with the band's lower-left corner at (x, y), and "Trang n/total". */
export function drawFooter(
  page: PDFPage,
  footer: FooterLayout,
  font: PDFFont,
  x: number,
  y: number,
  pageNumber: number,
  total: number,
): void {
  const name = page.node.newXObject('Footer', footer.form);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(1, 0, 0, 1, x, y),
    drawObject(name),
    popGraphicsState(),
  );
  const text = `Trang ${pageNumber}/${total}`;
  const w = measureText(font, text, FOOTER_SIZE);
  page.drawText(text, {
    x: x + footer.width - w,
    y: y + footer.pageNumberBaseline,
    size: FOOTER_SIZE,
    font,
  });
}
