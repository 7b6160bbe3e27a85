/**
 * Where a page of the original paints: boxes, in the page's default user space, that together
 * hold everything its content stream draws. The copy draws its statement and page numbers only
 * where no box is, so it never covers a mark of the original (Decree 23/2015/NĐ-CP as amended,
 * Art. 2(6): a copy is complete and exact).
 *
 * The content stream is interpreted with src/pdf (filters decoded, tokens lexed) for geometry
 * only (ISO 32000-1 §8.2–§8.10, §9.4): the CTM through q/Q/cm; paths (m l c v y h re) and the
 * operator that paints them, strokes widened by the line width and miter limit; clipping paths
 * (W W*) intersected into a clip box; text positioned by Tm, Td, TD, T*, ' and " and advanced
 * by Tj and TJ with the font's widest and narrowest glyph, its bounding box and the text state
 * (Tc Tw Tz TL Ts Tr, font size); images (Do, inline BI…EI) as the unit square; form XObjects
 * by interpreting their content inside their /BBox and /Matrix; shadings (sh) as the whole clip.
 *
 * Every estimate errs on the large side: a glyph is taken as wide as the widest of its font, plus
 * a full em on each side; a stroke as wide as its miter limit allows. When something is not
 * understood — an unknown operator outside BX/EX, a Type 3 or vertical font, unbalanced Q, a
 * stream that does not decode or parse, too deep or too many operations — the page is declared
 * not understood, and the caller treats it as full.
 */
import {
  PdfDict,
  PdfName,
  PdfStream,
  PdfString,
  isPdfArray,
  type PdfFile,
  type PdfObject,
} from '../pdf/index.js';
import { forEachOperation } from './content-operations.js';
import type { Box } from './page-geometry.js';

type Matrix = readonly [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const EVERYWHERE: Box = [-Infinity, -Infinity, Infinity, Infinity];
/** A clip that lets nothing through (intersecting anything with it gives nothing). */
const NOWHERE: Box = [Infinity, Infinity, -Infinity, -Infinity];

export interface ContentExtent {
  /** Boxes covering everything painted (may overlap; may be infinite for shadings). */
  readonly boxes: readonly Box[];
  /** False when some part could not be interpreted: treat the page as full. */
  readonly understood: boolean;
  /** Why it was not understood. */
  readonly reason: string | null;
  /** `q` left open at the end of the page's content (content appended after must close them). */
  readonly unclosedSaves: number;
}

export interface ExtentLimits {
  /** Operations over the whole page, forms included. */
  readonly maxOperations: number;
  /** Decoded bytes of one content stream. */
  readonly maxStreamBytes: number;
  /** Nesting of form XObjects. */
  readonly maxFormDepth: number;
}

const DEFAULT_LIMITS: ExtentLimits = {
  maxOperations: 5_000_000,
  maxStreamBytes: 64 * 1024 * 1024,
  maxFormDepth: 12,
};

interface FontMetrics {
  /** Widest and narrowest advance of one byte of a string, in em (widths / 1000). */
  readonly maxAdvance: number;
  readonly minAdvance: number;
  /** Highest and lowest reach of a glyph, em (from the font bounding box, with a floor). */
  readonly ascent: number;
  readonly descent: number;
  /** A reason this font's text cannot be placed here, or null. */
  readonly unsupported: string | null;
}

interface GraphicsState {
  ctm: Matrix;
  clip: Box | null;
  lineWidth: number;
  miterLimit: number;
  font: FontMetrics | null;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  horizontalScale: number;
  leading: number;
  rise: number;
  renderMode: number;
}

/** Text in a font that cannot be found: wide glyphs, tall and deep. */
const UNKNOWN_FONT: FontMetrics = {
  maxAdvance: 1.2,
  minAdvance: 0,
  ascent: 1.1,
  descent: -0.35,
  unsupported: null,
};

function initialState(): GraphicsState {
  return {
    ctm: IDENTITY,
    clip: null,
    lineWidth: 1,
    miterLimit: 10,
    font: null,
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    horizontalScale: 1,
    leading: 0,
    rise: 0,
    renderMode: 0,
  };
}

/** m × n: first m, then n (ISO 32000-1 §8.3.4). */
function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** The bounding box of a rectangle's four corners after `m`. */
function transformBox(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  const pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x0, y1), apply(m, x1, y1)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function intersect(a: Box, b: Box | null): Box | null {
  if (b === null) return a;
  const r: Box = [
    Math.max(a[0], b[0]),
    Math.max(a[1], b[1]),
    Math.min(a[2], b[2]),
    Math.min(a[3], b[3]),
  ];
  return r[0] <= r[2] && r[1] <= r[3] ? r : null;
}

function grow(b: Box, by: number): Box {
  return [b[0] - by, b[1] - by, b[2] + by, b[3] + by];
}

/** How much a unit length grows under `m` at most (the larger column norm, a safe bound). */
function scaleOf(m: Matrix): number {
  return Math.max(Math.hypot(m[0], m[1]), Math.hypot(m[2], m[3]));
}

class NotUnderstood extends Error {}

const num = (v: PdfObject | undefined): number => {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new NotUnderstood('operand is not a number');
  return v;
};

/** Operators that change nothing this analysis tracks (colour, marked content, rendering hints). */
// prettier-ignore
const IGNORED = new Set([
  'J', 'j', 'd', 'ri', 'i', // line style, rendering intent, flatness
  'CS', 'cs', 'SC', 'SCN', 'sc', 'scn', 'G', 'g', 'RG', 'rg', 'K', 'k', // colour
  'MP', 'DP', 'BMC', 'BDC', 'EMC', // marked content
  'd0', 'd1', // Type 3 glyph metrics
]);

/** Interprets a page's content and returns where it paints. */
export function pageContentExtent(
  pdf: PdfFile,
  page: PdfDict,
  limits: ExtentLimits = DEFAULT_LIMITS,
): ContentExtent {
  const run = new ExtentRun(pdf, limits);
  let unclosed = 0;
  try {
    const content = run.pageContent(page);
    const resources = pdf.lookupDict(pdf.inheritedPageAttribute(page, 'Resources'));
    unclosed = run.interpret(content, resources, initialState(), 0, true);
  } catch (e) {
    return {
      boxes: [EVERYWHERE],
      understood: false,
      reason: e instanceof Error ? e.message : String(e),
      unclosedSaves: 0,
    };
  }
  return { boxes: run.boxes, understood: true, reason: null, unclosedSaves: unclosed };
}

class ExtentRun {
  readonly boxes: Box[] = [];
  private operations = 0;
  private readonly fonts = new Map<PdfDict, FontMetrics>();
  private readonly formStack = new Set<PdfStream>();

  constructor(
    private readonly pdf: PdfFile,
    private readonly limits: ExtentLimits,
  ) {}

  /** /Contents: one stream or an array of streams read as one (§7.8.2). */
  pageContent(page: PdfDict): Uint8Array {
    const contents = this.pdf.resolve(page.get('Contents'));
    const streams: PdfStream[] = [];
    if (contents instanceof PdfStream) streams.push(contents);
    else if (isPdfArray(contents)) {
      for (const c of contents) {
        const s = this.pdf.resolve(c);
        if (s instanceof PdfStream) streams.push(s);
        else if (s !== undefined && s !== null)
          throw new NotUnderstood('/Contents holds a non-stream');
      }
    } else if (contents !== undefined && contents !== null) {
      throw new NotUnderstood('/Contents is not a stream');
    }
    const parts: Uint8Array[] = [];
    let total = 0;
    for (const s of streams) {
      const data = this.decode(s);
      total += data.length + 1;
      if (total > this.limits.maxStreamBytes) throw new NotUnderstood('page content too large');
      parts.push(data, new Uint8Array([0x0a]));
    }
    return Buffer.concat(parts);
  }

  private decode(s: PdfStream): Uint8Array {
    return this.pdf.readStreamData(s, { decode: true, maxBytes: this.limits.maxStreamBytes });
  }

  private paint(box: Box, state: GraphicsState): void {
    const clipped = intersect(box, state.clip);
    if (clipped !== null) this.boxes.push(clipped);
  }

  /**
   * Runs `content` from `start`; returns the number of `q` still open at its end. `top` is the
   * page itself (forms are always balanced by Do's implicit save and restore, §8.10.1).
   */
  interpret(
    content: Uint8Array,
    resources: PdfDict | undefined,
    start: GraphicsState,
    depth: number,
    top: boolean,
  ): number {
    const pdf = this.pdf;
    const stack: GraphicsState[] = [];
    let gs: GraphicsState = { ...start };
    let path: Box | null = null;
    let pendingClip = false;
    let inText = false;
    let compat = 0;
    // Text: the line matrix and the interval of possible horizontal offsets on the line.
    let lineMatrix: Matrix = IDENTITY;
    let lo = 0;
    let hi = 0;

    const addPoint = (x: number, y: number): void => {
      const [px, py] = apply(gs.ctm, x, y);
      path =
        path === null
          ? [px, py, px, py]
          : [
              Math.min(path[0], px),
              Math.min(path[1], py),
              Math.max(path[2], px),
              Math.max(path[3], py),
            ];
    };
    const finishPath = (paint: 'fill' | 'stroke' | 'none'): void => {
      if (path !== null) {
        if (paint === 'stroke') {
          const width = Math.max(gs.lineWidth * scaleOf(gs.ctm), 1);
          this.paint(grow(path, (width * Math.max(gs.miterLimit, 1.5)) / 2), gs);
        } else if (paint === 'fill') {
          this.paint(grow(path, 0.5), gs);
        }
        if (pendingClip) gs.clip = intersect(path, gs.clip) ?? NOWHERE;
      }
      path = null;
      pendingClip = false;
    };
    const resource = (kind: string, name: PdfObject | undefined): PdfObject | undefined => {
      if (!(name instanceof PdfName)) return undefined;
      const dict = pdf.lookupDict(resources?.get(kind));
      return pdf.resolve(dict?.get(name.name));
    };
    const setFont = (fontObj: PdfObject | undefined, size: number): void => {
      const dict = pdf.lookupDict(fontObj);
      gs.font = dict === undefined ? null : this.fontMetrics(dict);
      gs.fontSize = size;
    };
    const nextLine = (tx: number, ty: number): void => {
      lineMatrix = multiply([1, 0, 0, 1, tx, ty], lineMatrix);
      lo = 0;
      hi = 0;
    };
    const show = (bytes: number): void => {
      const f = gs.font ?? UNKNOWN_FONT;
      if (f.unsupported !== null) throw new NotUnderstood(f.unsupported);
      const size = gs.fontSize;
      // One byte may advance anywhere from the narrowest to the widest glyph, plus spacing
      // (Tw is applied to every byte: an overestimate for all but single-byte code 32).
      const g0 = f.minAdvance * size;
      const g1 = f.maxAdvance * size;
      const perLo = Math.min(g0, g1) + Math.min(gs.charSpacing, 0) + Math.min(gs.wordSpacing, 0);
      const perHi = Math.max(g0, g1) + Math.max(gs.charSpacing, 0) + Math.max(gs.wordSpacing, 0);
      const a = bytes * perLo * gs.horizontalScale;
      const b = bytes * perHi * gs.horizontalScale;
      const advMin = Math.min(a, b);
      const advMax = Math.max(a, b);
      // A glyph's ink may stand out of its advance (italics, accents): one em more each side.
      const pad = Math.abs(size * gs.horizontalScale) + 1;
      const x0 = lo + Math.min(0, advMin) - pad;
      const x1 = hi + Math.max(0, advMax) + pad;
      const ya = gs.rise + f.ascent * size;
      const yd = gs.rise + f.descent * size;
      if (gs.renderMode !== 3 && gs.renderMode !== 7) {
        const m = multiply(lineMatrix, gs.ctm);
        let box = transformBox(m, x0, Math.min(ya, yd), x1, Math.max(ya, yd));
        if ([1, 2, 5, 6].includes(gs.renderMode)) {
          const width = Math.max(gs.lineWidth * scaleOf(m), 1);
          box = grow(box, (width * Math.max(gs.miterLimit, 1.5)) / 2);
        }
        this.paint(box, gs);
      }
      lo += advMin;
      hi += advMax;
    };
    const tjAdjust = (n: number): void => {
      const d = (-n / 1000) * gs.fontSize * gs.horizontalScale;
      lo += d;
      hi += d;
    };

    let failure: unknown = null;
    try {
      forEachOperation(content, ({ operator: op, operands: o }) => {
        if (++this.operations > this.limits.maxOperations) {
          throw new NotUnderstood('too many operations');
        }
        const n = (i: number): number => num(o[i]);
        switch (op) {
          case 'q':
            stack.push({ ...gs });
            return;
          case 'Q': {
            const prev = stack.pop();
            if (prev === undefined) throw new NotUnderstood('Q without q');
            gs = prev;
            return;
          }
          case 'cm':
            gs.ctm = multiply([n(0), n(1), n(2), n(3), n(4), n(5)], gs.ctm);
            return;
          case 'w':
            gs.lineWidth = Math.abs(n(0));
            return;
          case 'M':
            gs.miterLimit = Math.abs(n(0));
            return;
          case 'gs': {
            const ext = resource('ExtGState', o[0]);
            if (ext instanceof PdfDict) {
              const lw = pdf.resolve(ext.get('LW'));
              if (typeof lw === 'number') gs.lineWidth = Math.abs(lw);
              const ml = pdf.resolve(ext.get('ML'));
              if (typeof ml === 'number') gs.miterLimit = Math.abs(ml);
              const font = pdf.resolve(ext.get('Font'));
              if (isPdfArray(font) && font.length === 2)
                setFont(font[0], num(pdf.resolve(font[1])));
            }
            return;
          }
          // --- paths (§8.5.2) ---
          case 'm':
          case 'l':
            addPoint(n(0), n(1));
            return;
          case 'c':
            addPoint(n(0), n(1));
            addPoint(n(2), n(3));
            addPoint(n(4), n(5));
            return;
          case 'v':
          case 'y':
            addPoint(n(0), n(1));
            addPoint(n(2), n(3));
            return;
          case 'h':
            return;
          case 're': {
            const [x, y, w, h] = [n(0), n(1), n(2), n(3)];
            addPoint(x, y);
            addPoint(x + w, y);
            addPoint(x, y + h);
            addPoint(x + w, y + h);
            return;
          }
          // --- painting (§8.5.3) and clipping (§8.5.4) ---
          case 'S':
          case 's':
          case 'B':
          case 'B*':
          case 'b':
          case 'b*':
            finishPath('stroke');
            return;
          case 'f':
          case 'F':
          case 'f*':
            finishPath('fill');
            return;
          case 'n':
            finishPath('none');
            return;
          case 'W':
          case 'W*':
            pendingClip = true;
            return;
          // --- text (§9.3, §9.4) ---
          case 'BT':
            if (inText) throw new NotUnderstood('BT inside a text object');
            inText = true;
            lineMatrix = IDENTITY;
            lo = 0;
            hi = 0;
            return;
          case 'ET':
            inText = false;
            return;
          case 'Tc':
            gs.charSpacing = n(0);
            return;
          case 'Tw':
            gs.wordSpacing = n(0);
            return;
          case 'Tz':
            gs.horizontalScale = n(0) / 100;
            return;
          case 'TL':
            gs.leading = n(0);
            return;
          case 'Ts':
            gs.rise = n(0);
            return;
          case 'Tr':
            gs.renderMode = n(0);
            return;
          case 'Tf':
            setFont(resource('Font', o[0]), n(1));
            return;
          case 'Td':
            nextLine(n(0), n(1));
            return;
          case 'TD':
            gs.leading = -n(1);
            nextLine(n(0), n(1));
            return;
          case 'Tm':
            lineMatrix = [n(0), n(1), n(2), n(3), n(4), n(5)];
            lo = 0;
            hi = 0;
            return;
          case 'T*':
            nextLine(0, -gs.leading);
            return;
          case 'Tj':
            show(stringLength(o[0]));
            return;
          case "'":
            nextLine(0, -gs.leading);
            show(stringLength(o[0]));
            return;
          case '"':
            gs.wordSpacing = n(0);
            gs.charSpacing = n(1);
            nextLine(0, -gs.leading);
            show(stringLength(o[2]));
            return;
          case 'TJ': {
            const arr = o[0];
            if (!isPdfArray(arr)) throw new NotUnderstood('TJ without an array');
            for (const e of arr) {
              if (e instanceof PdfString) show(e.bytes.length);
              else tjAdjust(num(e));
            }
            return;
          }
          // --- images, forms, shadings ---
          case 'BI':
            this.paint(transformBox(gs.ctm, 0, 0, 1, 1), gs);
            return;
          case 'Do':
            this.doXObject(resource('XObject', o[0]), gs, resources, depth);
            return;
          case 'sh': {
            const sh = resource('Shading', o[0]);
            const dict = sh instanceof PdfStream ? sh.dict : sh instanceof PdfDict ? sh : undefined;
            const bbox = dict === undefined ? null : rectangle(pdf, dict.get('BBox'));
            const box = bbox === null ? EVERYWHERE : transformBox(gs.ctm, ...bbox);
            this.paint(box, gs);
            return;
          }
          case 'BX':
            compat++;
            return;
          case 'EX':
            compat = Math.max(0, compat - 1);
            return;
          default:
            if (IGNORED.has(op)) return;
            // §7.8.2: inside BX…EX unknown operators are ignored by readers, so they paint nothing.
            if (compat > 0) return;
            throw new NotUnderstood(`unknown operator ${op.slice(0, 20)}`);
        }
      });
    } catch (e) {
      failure = e;
    }
    if (failure !== null) {
      if (failure instanceof NotUnderstood) throw failure;
      throw new NotUnderstood(
        `content stream not understood: ${failure instanceof Error ? failure.message : String(failure)}`,
      );
    }
    if (inText && top) throw new NotUnderstood('the page content ends inside a text object');
    return stack.length;
  }

  private doXObject(
    xobj: PdfObject | undefined,
    gs: GraphicsState,
    resources: PdfDict | undefined,
    depth: number,
  ): void {
    if (!(xobj instanceof PdfStream)) return; // a missing XObject paints nothing
    const subtype = xobj.dict.getName('Subtype');
    if (subtype === 'Image') {
      this.paint(transformBox(gs.ctm, 0, 0, 1, 1), gs);
      return;
    }
    if (subtype === 'PS') return; // PostScript XObjects are not rendered (§8.8.2)
    if (subtype !== 'Form') throw new NotUnderstood(`XObject of subtype ${subtype ?? 'none'}`);
    if (depth + 1 > this.limits.maxFormDepth)
      throw new NotUnderstood('form XObjects nested too deep');
    if (this.formStack.has(xobj)) throw new NotUnderstood('a form XObject draws itself');
    const pdf = this.pdf;
    const bbox = rectangle(pdf, xobj.dict.get('BBox'));
    if (bbox === null) throw new NotUnderstood('form XObject without /BBox');
    const m = matrixOf(pdf, xobj.dict.get('Matrix'));
    const ctm = multiply(m, gs.ctm);
    const clip = intersect(transformBox(ctm, ...bbox), gs.clip);
    if (clip === null) return; // entirely clipped away
    // §7.8.3: a form without /Resources uses the page's (older files).
    const own = pdf.lookupDict(xobj.dict.get('Resources'));
    this.formStack.add(xobj);
    try {
      this.interpret(this.decode(xobj), own ?? resources, { ...gs, ctm, clip }, depth + 1, false);
    } finally {
      this.formStack.delete(xobj);
    }
  }

  /**
   * What a string of `n` bytes in this font may occupy (§9.2.4, §9.6.2, §9.7.4). Widths come
   * from /Widths (simple fonts) or /W and /DW of the descendant (Type 0), with /MissingWidth;
   * without them, a wide 1.2 em. Heights come from /FontBBox, never less than 0.8 em up and
   * 0.25 em down. Type 3 fonts (glyphs are content streams) and vertical writing are not
   * placed: the page is then not understood.
   */
  private fontMetrics(font: PdfDict): FontMetrics {
    const cached = this.fonts.get(font);
    if (cached !== undefined) return cached;
    const pdf = this.pdf;
    const subtype = font.getName('Subtype');
    let unsupported: string | null = null;
    let widths: number[] = [];
    let descriptor = pdf.lookupDict(font.get('FontDescriptor'));
    if (subtype === 'Type3') unsupported = 'Type 3 font';
    if (subtype === 'Type0') {
      const encoding = pdf.resolve(font.get('Encoding'));
      if (encoding instanceof PdfName && encoding.name.endsWith('-V'))
        unsupported = 'vertical writing';
      if (encoding instanceof PdfStream && pdf.resolve(encoding.dict.get('WMode')) === 1) {
        unsupported = 'vertical writing';
      }
      const kids = pdf.resolve(font.get('DescendantFonts'));
      const cid = isPdfArray(kids) ? pdf.lookupDict(kids[0]) : undefined;
      if (cid !== undefined) {
        descriptor = pdf.lookupDict(cid.get('FontDescriptor'));
        const dw = pdf.resolve(cid.get('DW'));
        widths.push(typeof dw === 'number' ? dw : 1000);
        const w = pdf.resolve(cid.get('W'));
        if (isPdfArray(w)) {
          for (const e of w) {
            const v = pdf.resolve(e);
            if (typeof v === 'number') continue; // CID ranges: c_first c_last w, or c [w…]
            if (isPdfArray(v)) for (const x of v) widths.push(num(pdf.resolve(x)));
          }
          // c_first c_last w triples: every third number after a pair is a width.
          widths.push(...cidRangeWidths(pdf, w));
        }
      }
    } else {
      const w = pdf.resolve(font.get('Widths'));
      if (isPdfArray(w)) {
        for (const x of w) {
          const v = pdf.resolve(x);
          if (typeof v === 'number') widths.push(v);
        }
      }
    }
    const missing = pdf.resolve(descriptor?.get('MissingWidth'));
    if (typeof missing === 'number') widths.push(missing);
    widths = widths.filter((v) => Number.isFinite(v));
    const bbox = descriptor === undefined ? null : rectangle(pdf, descriptor.get('FontBBox'));
    const metrics: FontMetrics = {
      maxAdvance: Math.max(1.2, ...widths.map((v) => v / 1000)),
      minAdvance: Math.min(0, ...widths.map((v) => v / 1000)),
      ascent: Math.max(0.8, bbox === null ? 1.1 : bbox[3] / 1000),
      descent: Math.min(-0.25, bbox === null ? -0.35 : bbox[1] / 1000),
      unsupported,
    };
    this.fonts.set(font, metrics);
    return metrics;
  }
}

/** Widths given by `c_first c_last w` entries of a CIDFont's /W array (§9.7.4.3). */
function cidRangeWidths(pdf: PdfFile, w: PdfObject[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < w.length;) {
    const a = pdf.resolve(w[i]);
    const b = pdf.resolve(w[i + 1]);
    if (typeof a === 'number' && isPdfArray(b)) {
      i += 2;
    } else if (typeof a === 'number' && typeof b === 'number') {
      const c = pdf.resolve(w[i + 2]);
      if (typeof c === 'number') out.push(c);
      i += 3;
    } else {
      i += 1;
    }
  }
  return out;
}

function stringLength(o: PdfObject | undefined): number {
  if (!(o instanceof PdfString)) throw new NotUnderstood('text operator without a string');
  return o.bytes.length;
}

function rectangle(
  pdf: PdfFile,
  obj: PdfObject | undefined,
): [number, number, number, number] | null {
  const v = pdf.resolve(obj);
  if (!isPdfArray(v) || v.length !== 4) return null;
  const n = v.map((x) => pdf.resolve(x));
  if (!n.every((x): x is number => typeof x === 'number' && Number.isFinite(x))) return null;
  return n as [number, number, number, number];
}

function matrixOf(pdf: PdfFile, obj: PdfObject | undefined): Matrix {
  const v = pdf.resolve(obj);
  if (v === undefined) return IDENTITY;
  if (!isPdfArray(v) || v.length !== 6) throw new NotUnderstood('bad /Matrix');
  return v.map((x) => num(pdf.resolve(x))) as unknown as Matrix;
}
