/**
 * Text flowing down A4 pages with pdf-lib, for printable reports: wrapped paragraphs that may mix
 * faces, "label: value" lines with a hanging value column, and ruled tables whose header row
 * repeats on every page. Page geometry follows Decree 30/2020/NĐ-CP Appendix I (A4; margins top
 * and bottom 20 mm, left 30 mm, right 15 mm), as scripts/sample-documents.ts does.
 *
 * Known limits: lines break at spaces, and inside a word only when the word alone is wider than
 * the line (paths, hashes), without hyphenation; a table row taller than a whole page is not
 * split (it runs into the bottom margin); characters the font has no glyph for print as "?".
 */
import {
  rgb,
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFHexString,
  type PDFPage,
} from 'pdf-lib';

export const MM = 72 / 25.4;
export const A4: readonly [number, number] = [595.28, 841.89];
export const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } as const;
export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.4, 0.4, 0.4);
const HEADER_FILL = rgb(0.9, 0.9, 0.9);
const LEADING = 1.25;

export interface ReportFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
  readonly boldItalic: PDFFont;
}

/** A run of text in one face, size and colour (defaults from the paragraph). */
export interface Span {
  readonly text: string;
  readonly font?: PDFFont;
  readonly size?: number;
  readonly color?: Color;
}

export interface ParagraphOptions {
  readonly size?: number;
  readonly font?: PDFFont;
  readonly color?: Color;
  /** Left indent of every line, points. */
  readonly indent?: number;
  /** Extra indent of the first line (negative: hanging). */
  readonly firstIndent?: number;
  /** Width available, points (default: to the right margin). */
  readonly width?: number;
  readonly align?: 'left' | 'center' | 'right' | 'justify';
  /** Space after the paragraph, points. */
  readonly after?: number;
}

interface Word {
  readonly text: string;
  readonly font: PDFFont;
  readonly size: number;
  readonly color: Color;
  readonly width: number;
  /** Whether a space follows (false inside a word broken across lines). */
  readonly spaceAfter: boolean;
}

interface Line {
  readonly words: readonly Word[];
  readonly width: number;
  readonly height: number;
}

export interface TableColumn {
  readonly header: string;
  /** Share of the table width (columns are scaled to fill it). */
  readonly weight: number;
  readonly align?: 'left' | 'center';
}

/** A cell: paragraphs, each a list of spans. */
export type Cell = readonly (readonly Span[])[];

/**
 * Remembers each string's encoding: pdf-lib runs fontkit's OpenType shaping for every drawText,
 * and a long report draws the same words (labels, check sentences) thousands of times. Safe
 * because the subset records a glyph the first time it is encoded, and encodings are immutable.
 */
function memoizeEncoding(font: PDFFont): void {
  const cache = new Map<string, PDFHexString>();
  const encode = font.encodeText.bind(font);
  font.encodeText = (text: string): PDFHexString => {
    let encoded = cache.get(text);
    if (encoded === undefined) {
      encoded = encode(text);
      cache.set(text, encoded);
    }
    return encoded;
  };
}

export class PageFlow {
  readonly pages: PDFPage[] = [];
  page: PDFPage;
  y: number;
  readonly left = MARGIN.left;
  readonly right = A4[0] - MARGIN.right;
  readonly top = A4[1] - MARGIN.top;
  /** Lowest baseline allowed; the footer lives below it. */
  readonly bottom = MARGIN.bottom + 14;
  private readonly widthCache = new Map<PDFFont, Map<string, number>>();
  private readonly glyphs = new Map<PDFFont, Set<number>>();

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: ReportFonts,
    private readonly defaults: { readonly size: number } = { size: 12 },
  ) {
    for (const font of new Set(Object.values(fonts))) memoizeEncoding(font);
    this.page = this.addPage();
    this.y = this.top;
  }

  get width(): number {
    return this.right - this.left;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage([A4[0], A4[1]]);
    this.pages.push(page);
    return page;
  }

  newPage(): void {
    this.page = this.addPage();
    this.y = this.top;
  }

  /** Moves to a new page unless `height` points still fit above the bottom margin. */
  need(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Text the font can draw: NFC, no control characters, unknown glyphs replaced by "?". */
  clean(text: string, font: PDFFont): string {
    let set = this.glyphs.get(font);
    if (set === undefined) {
      set = new Set(font.getCharacterSet());
      this.glyphs.set(font, set);
    }
    let out = '';
    for (const ch of text.normalize('NFC').replace(/[\t\r\n]+/g, ' ')) {
      const cp = ch.codePointAt(0) ?? 0;
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
      out += set.has(cp) ? ch : '?';
    }
    return out;
  }

  textWidth(text: string, font: PDFFont, size: number): number {
    let cache = this.widthCache.get(font);
    if (cache === undefined) {
      cache = new Map();
      this.widthCache.set(font, cache);
    }
    let unit = cache.get(text);
    if (unit === undefined) {
      unit = font.widthOfTextAtSize(text, 1000) / 1000;
      cache.set(text, unit);
    }
    return unit * size;
  }

  /** Breaks spans into lines no wider than `width` (the first line `firstWidth`). */
  layout(
    spans: readonly Span[],
    opts: ParagraphOptions,
    width: number,
    firstWidth = width,
  ): Line[] {
    const baseFont = opts.font ?? this.fonts.regular;
    const baseSize = opts.size ?? this.defaults.size;
    const baseColor = opts.color ?? BLACK;
    const words: Word[] = [];
    for (const span of spans) {
      const font = span.font ?? baseFont;
      const size = span.size ?? baseSize;
      const color = span.color ?? baseColor;
      const parts = this.clean(span.text, font).split(' ');
      parts.forEach((text, i) => {
        if (text === '') {
          // A space at the start or end of a span separates it from the neighbouring span.
          const last = words[words.length - 1];
          if (last !== undefined && parts.length > 1) {
            words[words.length - 1] = { ...last, spaceAfter: true };
          }
          return;
        }
        const spaceAfter = i < parts.length - 1;
        words.push({
          text,
          font,
          size,
          color,
          width: this.textWidth(text, font, size),
          spaceAfter,
        });
      });
    }
    const lines: Line[] = [];
    let line: Word[] = [];
    let lineWidth = 0;
    const available = (): number => (lines.length === 0 ? firstWidth : width);
    const flush = (): void => {
      if (line.length === 0) return;
      const height = Math.max(...line.map((w) => w.size)) * LEADING;
      lines.push({ words: line, width: lineWidth, height });
      line = [];
      lineWidth = 0;
    };
    const gapBefore = (w: Word | undefined): number =>
      w === undefined || !w.spaceAfter ? 0 : this.textWidth(' ', w.font, w.size);
    for (const word of words) {
      let pending: Word | null = word;
      while (pending !== null) {
        const gap = line.length === 0 ? 0 : gapBefore(line[line.length - 1]);
        if (lineWidth + gap + pending.width <= available()) {
          line.push(pending);
          lineWidth += gap + pending.width;
          pending = null;
        } else if (line.length > 0 && pending.width <= width) {
          flush();
        } else {
          // A word wider than a whole line (a path, a hash): cut it where it stops fitting.
          const [head, tail] = this.cut(pending, available() - lineWidth - gap, line.length === 0);
          if (head === null) {
            flush();
          } else {
            line.push(head);
            lineWidth += gap + head.width;
            flush();
            pending = tail;
          }
        }
      }
    }
    flush();
    return lines;
  }

  /** The longest head of `word` fitting in `room` and the rest (null head: nothing fits). */
  private cut(word: Word, room: number, force: boolean): [Word | null, Word | null] {
    // Character by character (kerning between the characters ignored: the cut may leave a
    // fraction of a point unused), so a long word costs one measurement per distinct character.
    const chars = [...word.text];
    let n = 0;
    let used = 0;
    for (const ch of chars) {
      const next = used + this.textWidth(ch, word.font, word.size);
      if (next > room) break;
      used = next;
      n++;
    }
    if (n === 0 && force) n = 1;
    if (n === 0) return [null, word];
    const headText = chars.slice(0, n).join('');
    const tailText = chars.slice(n).join('');
    const head: Word = {
      ...word,
      text: headText,
      width: this.textWidth(headText, word.font, word.size),
      spaceAfter: false,
    };
    const tail: Word | null =
      tailText === ''
        ? null
        : { ...word, text: tailText, width: this.textWidth(tailText, word.font, word.size) };
    return [head, tail];
  }

  /**
   * Draws a line at baseline `y`. Words in the same face, size and colour go out as one string
   * (far fewer text operators and shaping calls) unless justification stretches the spaces.
   */
  private drawLine(page: PDFPage, line: Line, x: number, y: number, extraGap = 0): void {
    let cursor = x;
    let runStart = x;
    let run: Word[] = [];
    const flush = (): void => {
      const first = run[0];
      if (first === undefined) return;
      const text = run
        .map((w, i) => (w.spaceAfter && i < run.length - 1 ? `${w.text} ` : w.text))
        .join('');
      page.drawText(text, {
        x: runStart,
        y,
        size: first.size,
        font: first.font,
        color: first.color,
      });
      run = [];
    };
    line.words.forEach((w, i) => {
      const prev = run[run.length - 1];
      const sameStyle =
        prev !== undefined &&
        prev.font === w.font &&
        prev.size === w.size &&
        prev.color === w.color;
      if (prev !== undefined && (extraGap !== 0 || !sameStyle)) flush();
      if (run.length === 0) runStart = cursor;
      run.push(w);
      cursor += w.width;
      if (w.spaceAfter && i < line.words.length - 1) {
        cursor += this.textWidth(' ', w.font, w.size) + extraGap;
      }
    });
    flush();
  }

  /** A wrapped paragraph at the current position, breaking pages between lines. */
  paragraph(content: string | readonly Span[], opts: ParagraphOptions = {}): void {
    const spans = typeof content === 'string' ? [{ text: content }] : content;
    const indent = opts.indent ?? 0;
    const first = opts.firstIndent ?? 0;
    const width = opts.width ?? this.width - indent;
    const lines = this.layout(spans, opts, width, width - first);
    const align = opts.align ?? 'left';
    lines.forEach((line, i) => {
      this.need(line.height);
      this.y -= line.height;
      const start = this.left + indent + (i === 0 ? first : 0);
      const room = width - (i === 0 ? first : 0);
      let x = start;
      let extra = 0;
      if (align === 'center') x = start + (room - line.width) / 2;
      else if (align === 'right') x = start + room - line.width;
      else if (align === 'justify' && i < lines.length - 1) {
        const gaps = line.words.filter((w, k) => w.spaceAfter && k < line.words.length - 1).length;
        if (gaps > 0) extra = (room - line.width) / gaps;
      }
      this.drawLine(this.page, line, x, this.y, extra);
    });
    this.y -= opts.after ?? 2;
  }

  /** "Label: value" with the value wrapped in its own column (`labelWidth` points). */
  labelled(
    label: string,
    value: string | readonly Span[],
    opts: ParagraphOptions & { labelWidth: number },
  ): void {
    const indent = opts.indent ?? 0;
    const valueSpans = typeof value === 'string' ? [{ text: value }] : value;
    const labelLines = this.layout([{ text: label }], opts, opts.labelWidth - 4);
    const valueWidth = this.width - indent - opts.labelWidth;
    const valueLines = this.layout(valueSpans, opts, valueWidth);
    const rows = Math.max(labelLines.length, valueLines.length);
    for (let i = 0; i < rows; i++) {
      const l = labelLines[i];
      const v = valueLines[i];
      const height = Math.max(l?.height ?? 0, v?.height ?? 0);
      this.need(height);
      this.y -= height;
      if (l !== undefined) this.drawLine(this.page, l, this.left + indent, this.y);
      if (v !== undefined)
        this.drawLine(this.page, v, this.left + indent + opts.labelWidth, this.y);
    }
    this.y -= opts.after ?? 1.5;
  }

  /** Height the lines of `cell` take in a column of `width` points. */
  private cellLines(cell: Cell, opts: ParagraphOptions, width: number): Line[] {
    return cell.flatMap((paragraph) => this.layout(paragraph, opts, width));
  }

  /**
   * A ruled table across the text width; the header row (bold, shaded) repeats after each page
   * break; rows never split.
   */
  table(
    columns: readonly TableColumn[],
    rows: readonly (readonly Cell[])[],
    opts: { size: number; indent?: number },
  ): void {
    const indent = opts.indent ?? 0;
    const total = this.width - indent;
    const weights = columns.reduce((n, c) => n + c.weight, 0);
    const widths = columns.map((c) => (c.weight / weights) * total);
    const pad = 3;
    const cellOpts: ParagraphOptions = { size: opts.size };
    const measure = (cells: readonly Cell[], header: boolean) => {
      const lines = cells.map((cell, i) =>
        this.cellLines(
          header ? [[{ text: cell[0]?.[0]?.text ?? '', font: this.fonts.bold }]] : cell,
          cellOpts,
          (widths[i] ?? 0) - 2 * pad,
        ),
      );
      const height = Math.max(...lines.map((ls) => ls.reduce((h, l) => h + l.height, 0))) + 2 * pad;
      return { lines, height };
    };
    const headerCells: Cell[] = columns.map((c) => [[{ text: c.header }]]);
    const header = measure(headerCells, true);
    const drawRow = (row: { lines: Line[][]; height: number }, fill: boolean): void => {
      let x = this.left + indent;
      const top = this.y;
      row.lines.forEach((lines, i) => {
        const w = widths[i] ?? 0;
        this.page.drawRectangle({
          x,
          y: top - row.height,
          width: w,
          height: row.height,
          borderColor: BLACK,
          borderWidth: 0.5,
          ...(fill ? { color: HEADER_FILL } : {}),
        });
        let y = top - pad;
        for (const line of lines) {
          y -= line.height;
          const centred = columns[i]?.align === 'center';
          const lx = centred ? x + (w - line.width) / 2 : x + pad;
          // Baseline a little above the bottom of the line box (descenders stay inside).
          this.drawLine(this.page, line, lx, y + line.height * 0.22);
        }
        x += w;
      });
      this.y = top - row.height;
    };
    this.need(header.height + 2 * opts.size);
    drawRow(header, true);
    for (const cells of rows) {
      const row = measure(cells, false);
      if (this.y - row.height < this.bottom) {
        this.newPage();
        drawRow(header, true);
      }
      drawRow(row, false);
    }
  }

  /** Draws `text` centred between `from` and `to` at baseline `y` on `page`. */
  centred(
    page: PDFPage,
    text: string,
    font: PDFFont,
    size: number,
    y: number,
    from = this.left,
    to = this.right,
    color: Color = BLACK,
  ): number {
    const clean = this.clean(text, font);
    const w = this.textWidth(clean, font, size);
    page.drawText(clean, { x: from + (to - from - w) / 2, y, size, font, color });
    return w;
  }

  /** A horizontal rule of `width` points centred between `from` and `to`. */
  rule(page: PDFPage, y: number, width: number, from = this.left, to = this.right): void {
    const x = from + (to - from - width) / 2;
    page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.6, color: BLACK });
  }
}
