/**
 * The conversion page, last in the paper (Decree 45/2020 Art. 18(2); Law 20/2023 Art. 12(2);
 * LEGAL.md §1; UX.md "Paper conversion page"):
 *
 * ```
 * ┌ QR ┐  THÔNG TIN CHUYỂN ĐỔI
 * └────┘  BẢN CHUYỂN ĐỔI TỪ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH ĐIỆN TỬ
 * Tên văn bản:            …                  (label column, value wrapped beside it)
 * Mã hồ sơ / Mã kết quả / Mã thủ tục / Hệ thống thông tin / Chủ quản hệ thống
 * Thời điểm chuyển đổi:   dd/mm/yyyy hh:mm (giờ Việt Nam)
 * Mã tra cứu, Địa chỉ tra cứu (the URL on its own line when it does not fit beside the label)
 * SHA-256 của bản điện tử: (all 64 hex digits on one line)
 * Chữ ký số trên bản điện tử:  table TT | Người ký | Thời điểm ký | Kết quả — or one sentence
 * Người chuyển đổi: name — title
 *   [ seal area ]          NGƯỜI CHUYỂN ĐỔI / (Ký, ghi rõ họ tên) / space / name
 * ```
 *
 * Body text 13 pt, headings 14 pt (Decree 30/2020 Appendix I: 13–14 pt), Tinos. The page is a
 * flow of blocks; a block that does not fit what is left of the page starts a continuation page
 * ("THÔNG TIN CHUYỂN ĐỔI (tiếp theo)"), which only a long signature table needs.
 */
import type { PaperFields } from './paper-model.js';
import {
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from 'pdf-lib';
import { wrapText, type QrForm, measureText } from '../layout/index.js';
import { formatVietnamTime } from '../report/index.js';
import type { PaperFonts } from './paper-fonts.js';
import { POINTS_PER_MM, type Rect } from './paper-geometry.js';
import type { SignatureSummary } from './signature-rows.js';

const MM = POINTS_PER_MM;
const BODY = 13;
const HEADING = 14;
const LEADING = 1.2;
const ASCENT = 0.9;
const CELL_PAD = 3;
const BLACK = rgb(0, 0, 0);

/** The paper's fields (the mark settled) and the summary of the original's signatures. */
export interface ConversionContent extends Omit<PaperFields, 'mark'> {
  readonly mark: string;
  readonly signatures: SignatureSummary;
}

/** One piece of the flow: its height, and how it draws with its top at `top`. */
interface Block {
  readonly height: number;
  draw(page: PDFPage, top: number): void;
}

interface Ctx {
  readonly fonts: PaperFonts;
  readonly x: number;
  readonly width: number;
}

function text(page: PDFPage, s: string, x: number, top: number, font: PDFFont, size: number): void {
  page.drawText(s, { x, y: top - size * ASCENT, size, font, color: BLACK });
}

/** Wrapped lines, left-aligned or centred in [x, x + width]. */
function paragraph(
  c: Ctx,
  s: string,
  font: PDFFont,
  size: number,
  opts: { x?: number; width?: number; centred?: boolean; space?: number } = {},
): Block {
  const x = opts.x ?? c.x;
  const width = opts.width ?? c.width;
  const lines = wrapText(s, font, size, width);
  const space = opts.space ?? 0;
  return {
    height: lines.length * size * LEADING + space,
    draw(page, top) {
      lines.forEach((line, i) => {
        const lx = opts.centred === true ? x + (width - measureText(font, line, size)) / 2 : x;
        text(page, line, lx, top - space - i * size * LEADING, font, size);
      });
    },
  };
}

/** "Label: value", the value beside the label, or under it when a word of it will not fit. */
function field(c: Ctx, labelWidth: number, label: string, value: string): Block {
  const { regular, bold } = c.fonts;
  const valueWidth = c.width - labelWidth;
  const widest = Math.max(
    ...value
      .normalize('NFC')
      .split(/ +/)
      .map((w) => measureText(regular, w, BODY)),
  );
  const lineH = BODY * LEADING;
  if (widest <= valueWidth) {
    const lines = wrapText(value, regular, BODY, valueWidth);
    return {
      height: Math.max(1, lines.length) * lineH,
      draw(page, top) {
        text(page, label, c.x, top, bold, BODY);
        lines.forEach((l, i) => text(page, l, c.x + labelWidth, top - i * lineH, regular, BODY));
      },
    };
  }
  const lines = wrapText(value, regular, BODY, c.width);
  return {
    height: (1 + lines.length) * lineH,
    draw(page, top) {
      text(page, label, c.x, top, bold, BODY);
      lines.forEach((l, i) => text(page, l, c.x, top - (i + 1) * lineH, regular, BODY));
    },
  };
}

function header(c: Ctx, qr: QrForm, heading: string, mark: string): Block {
  const gap = 5 * MM;
  const tx = c.x + qr.side + gap;
  const tw = c.width - qr.side - gap;
  const h = paragraph(c, heading, c.fonts.bold, HEADING, { x: tx, width: tw });
  const m = paragraph(c, mark, c.fonts.bold, BODY, { x: tx, width: tw });
  const textH = h.height + 2 + m.height;
  return {
    height: Math.max(qr.side, textH) + 3 * MM,
    draw(page, top) {
      const name = page.node.newXObject('Qr', qr.ref);
      page.pushOperators(
        pushGraphicsState(),
        concatTransformationMatrix(1, 0, 0, 1, c.x - qr.quietZone, top - qr.side),
        drawObject(name),
        popGraphicsState(),
      );
      const textTop = top - Math.max(0, (qr.side - textH) / 2);
      h.draw(page, textTop);
      m.draw(page, textTop - h.height - 2);
    },
  };
}

/**
 * How densely the signatures table is set. The conversion page is one sheet (pages = original
 * pages + 1): when the table at body size does not fit, it is set smaller with fewer reasons
 * per signature; only a table that does not fit even then continues on a further sheet.
 */
interface TableDensity {
  readonly size: number;
  readonly reasons: number;
}
const DENSITIES: readonly TableDensity[] = [
  { size: BODY, reasons: 3 },
  { size: 12, reasons: 2 },
  { size: 11, reasons: 1 },
];

/** A ruled table row of wrapped cells. */
function tableRow(
  c: Ctx,
  widths: readonly number[],
  cells: readonly { readonly lines: readonly string[]; readonly font: PDFFont }[][],
  size: number,
): Block {
  const lineH = size * LEADING;
  const laid = cells.map((parts, i) =>
    parts.flatMap((p) =>
      p.lines.flatMap((s) =>
        wrapText(s, p.font, size, widths[i]! - 2 * CELL_PAD).map((l) => ({ l, font: p.font })),
      ),
    ),
  );
  const height = Math.max(...laid.map((ls) => ls.length)) * lineH + 2 * CELL_PAD;
  return {
    height,
    draw(page, top) {
      let x = c.x;
      laid.forEach((ls, i) => {
        const w = widths[i]!;
        page.drawRectangle({
          x,
          y: top - height,
          width: w,
          height,
          borderColor: BLACK,
          borderWidth: 0.5,
        });
        ls.forEach(({ l, font }, j) =>
          text(page, l, x + CELL_PAD, top - CELL_PAD - j * lineH, font, size),
        );
        x += w;
      });
    },
  };
}

function signatureBlocks(c: Ctx, summary: SignatureSummary, density: TableDensity): Block[] {
  const { regular, bold, italic } = c.fonts;
  const out: Block[] = [paragraph(c, 'Chữ ký số trên bản điện tử:', bold, BODY, { space: 2 * MM })];
  if (summary.kind !== 'signed') {
    out.push(paragraph(c, summary.sentence, italic, BODY));
    return out;
  }
  // The verdict column is wide enough for "KHÔNG HỢP LỆ" / "CHƯA XÁC ĐỊNH" on one line; why a
  // signature is not valid goes in a row of its own under it, across the other columns.
  const shares = [0.06, 0.35, 0.35, 0.24];
  const widths = shares.map((s) => s * c.width);
  const reasonWidths = [widths[0]!, c.width - widths[0]!];
  const one = (s: string, font: PDFFont): { lines: string[]; font: PDFFont } => ({
    lines: [s],
    font,
  });
  const size = density.size;
  out.push(
    tableRow(
      c,
      widths,
      [
        [one('TT', bold)],
        [one('Người ký', bold)],
        [one('Thời điểm ký', bold)],
        [one('Kết quả', bold)],
      ],
      size,
    ),
  );
  for (const r of summary.rows) {
    out.push(
      tableRow(
        c,
        widths,
        [
          [one(String(r.number), regular)],
          [
            one(r.signer, regular),
            ...(r.organization === null ? [] : [one(r.organization, italic)]),
          ],
          [one(r.signingTime, regular)],
          [one(r.verdict, bold)],
        ],
        size,
      ),
    );
    const reasons = r.reasons.slice(0, density.reasons);
    if (reasons.length > 0)
      out.push(tableRow(c, reasonWidths, [[], [{ lines: reasons, font: italic }]], size));
  }
  return out;
}

function converterBlock(c: Ctx, content: ConversionContent): Block {
  const { regular, bold, italic } = c.fonts;
  const who =
    content.converterTitle === null || content.converterTitle.trim() === ''
      ? content.converterName
      : `${content.converterName} — ${content.converterTitle}`;
  const line = paragraph(c, `Người chuyển đổi: ${who}`, regular, BODY, { space: 3 * MM });
  const half = c.width / 2;
  const signX = c.x + half;
  const title = paragraph(c, 'NGƯỜI CHUYỂN ĐỔI', bold, BODY, {
    x: signX,
    width: half,
    centred: true,
  });
  const hint = paragraph(c, '(Ký, ghi rõ họ tên)', italic, BODY, {
    x: signX,
    width: half,
    centred: true,
  });
  const name = paragraph(c, content.converterName, bold, BODY, {
    x: signX,
    width: half,
    centred: true,
  });
  const signSpace = 25 * MM;
  const sealSide = 35 * MM;
  const signH = title.height + hint.height + signSpace + name.height;
  const height = line.height + 2 * MM + Math.max(signH, content.seal ? sealSide : 0);
  return {
    height,
    draw(page, top) {
      line.draw(page, top);
      const t = top - line.height - 2 * MM;
      title.draw(page, t);
      hint.draw(page, t - title.height);
      name.draw(page, t - title.height - hint.height - signSpace);
      if (content.seal) {
        // The seal area (LEGAL.md §1.4): left of the signature, level with its space.
        const sx = c.x + (half - sealSide) / 2;
        const sy = t - Math.max(0, (signH - sealSide) / 2) - sealSide;
        page.drawRectangle({
          x: sx,
          y: sy,
          width: sealSide,
          height: sealSide,
          borderColor: BLACK,
          borderWidth: 0.5,
          borderDashArray: [3, 3],
        });
        const label = '(Vùng đóng dấu)';
        const lw = measureText(italic, label, BODY);
        text(page, label, sx + (sealSide - lw) / 2, sy + sealSide / 2 + BODY / 2, italic, BODY);
      }
    },
  };
}

/**
 * Lays the conversion page out and adds it (and continuation pages if needed) to `doc`, each
 * page `size`, the text inside `area` (x, y, width, height). Returns the pages added.
 */
export function addConversionPages(
  doc: PDFDocument,
  fonts: PaperFonts,
  qr: QrForm,
  content: ConversionContent,
  size: readonly [number, number],
  area: Rect,
): PDFPage[] {
  const [x, y, width, height] = area;
  const c: Ctx = { fonts, x, width };
  const labels: [string, string | null][] = [
    ['Tên văn bản:', content.title],
    ['Mã hồ sơ:', content.dossierCode],
    ['Mã kết quả:', content.resultCode],
    ['Mã thủ tục:', content.procedureCode],
    ['Hệ thống thông tin:', content.systemName],
    ['Chủ quản hệ thống:', content.systemOwner],
    [
      'Thời điểm chuyển đổi:',
      `${formatVietnamTime(content.convertedAt) ?? content.convertedAt.toISOString()} (giờ Việt Nam)`,
    ],
    ['Mã tra cứu:', content.lookupCodeDisplay],
    ['Địa chỉ tra cứu:', content.lookupUrl],
  ];
  const labelWidth = Math.max(...labels.map(([l]) => measureText(fonts.bold, l, BODY))) + 3 * MM;
  const before: Block[] = [header(c, qr, 'THÔNG TIN CHUYỂN ĐỔI', content.mark)];
  for (const [label, value] of labels) {
    if (value !== null && value.trim() !== '') before.push(field(c, labelWidth, label, value));
  }
  // All 64 hex digits on one line: the reader compares them with the file's digest.
  before.push(paragraph(c, 'SHA-256 của bản điện tử:', fonts.bold, BODY, { space: 1 * MM }));
  before.push(paragraph(c, content.sourceSha256.toLowerCase(), fonts.regular, BODY));
  const after = [converterBlock(c, content)];
  const total = (bs: readonly Block[]): number => bs.reduce((h, b) => h + b.height, 0);
  // The densest table setting is kept when none fits (continuation sheets then).
  let blocks: Block[] = [];
  for (const density of DENSITIES) {
    blocks = [...before, ...signatureBlocks(c, content.signatures, density), ...after];
    if (total(blocks) <= height) break;
  }

  const pages: PDFPage[] = [];
  let page = doc.addPage([size[0], size[1]]);
  pages.push(page);
  const top = y + height;
  let cursor = top;
  for (const block of blocks) {
    if (cursor - block.height < y && cursor < top) {
      page = doc.addPage([size[0], size[1]]);
      pages.push(page);
      const cont = paragraph(c, 'THÔNG TIN CHUYỂN ĐỔI (tiếp theo)', fonts.bold, HEADING);
      cont.draw(page, top);
      cursor = top - cont.height - 2 * MM;
    }
    block.draw(page, cursor);
    cursor -= block.height;
  }
  return pages;
}
