/**
 * Where an annotation's normal appearance goes on its page (ISO 32000-1 §12.5.5): the
 * appearance stream's /BBox, transformed by its /Matrix, gives a box whose bounding rectangle is
 * mapped onto the annotation's /Rect by a scale and a translation, the matrix A of the standard.
 * Painting the appearance with `q A cm /Name Do Q` reproduces what a viewer shows: `Do` itself
 * applies the form's /Matrix and clips to its /BBox (§8.10.1). Used wherever annotations are
 * flattened into page content (certified copies, paper conversions).
 */
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, PDFStream, type PDFContext } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';

/** Annotation flags (§12.5.3 Table 165). */
export const ANNOTATION_HIDDEN = 1 << 1;
export const ANNOTATION_PRINT = 1 << 2;
export const ANNOTATION_NO_VIEW = 1 << 5;

/** The affine matrix a b c d e f of a `cm` operator. */
export type Matrix = readonly [number, number, number, number, number, number];

export interface AppearancePlacement {
  /** The appearance stream, made a form XObject (§8.10). */
  readonly form: PDFRef;
  /** The matrix A of §12.5.5, to be concatenated before `Do`. */
  readonly matrix: Matrix;
}

export function numberOf(context: PDFContext, obj: PDFObject | undefined): number | null {
  const v = obj === undefined ? undefined : context.lookup(obj);
  return v instanceof PDFNumber ? v.asNumber() : null;
}

export function numbersOf(
  context: PDFContext,
  obj: PDFObject | undefined,
  length: number,
): number[] | null {
  const v = obj === undefined ? undefined : context.lookup(obj);
  if (!(v instanceof PDFArray) || v.size() !== length) return null;
  const out: number[] = [];
  for (const e of v.asArray()) {
    const n = numberOf(context, e);
    if (n === null) return null;
    out.push(n);
  }
  return out;
}

/** The annotation's /F flags; 0 when absent or not a number. */
export function annotationFlags(context: PDFContext, annot: PDFDict): number {
  return numberOf(context, annot.get(PDFName.of('F'))) ?? 0;
}

/**
 * The normal appearance of an annotation (/AP /N, or the state /AS picks among several for check
 * boxes and radio buttons) and the matrix placing it on the page; null when there is none or it
 * cannot be placed (no /Rect or /BBox, an empty box). The stream's dictionary gets /Type /XObject
 * /Subtype /Form when it lacks them, so that `Do` may paint it.
 */
export function normalAppearance(context: PDFContext, annot: PDFDict): AppearancePlacement | null {
  const ap = context.lookup(annot.get(PDFName.of('AP')));
  if (!(ap instanceof PDFDict)) return null;
  let normal = ap.get(PDFName.of('N'));
  const resolved = normal === undefined ? undefined : context.lookup(normal);
  if (resolved instanceof PDFDict && !(resolved instanceof PDFStream)) {
    const state = annot.get(PDFName.of('AS'));
    normal = state instanceof PDFName ? resolved.get(state) : undefined;
  }
  if (!(normal instanceof PDFRef)) return null;
  const form = context.lookup(normal);
  if (!(form instanceof PDFStream)) return null;
  const rect = numbersOf(context, annot.get(PDFName.of('Rect')), 4);
  const bbox = numbersOf(context, form.dict.get(PDFName.of('BBox')), 4);
  if (rect === null || bbox === null) return null;
  const m = numbersOf(context, form.dict.get(PDFName.of('Matrix')), 6) ?? [1, 0, 0, 1, 0, 0];
  form.dict.set(PDFName.of('Type'), PDFName.of('XObject'));
  form.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
  const corners = [
    [bbox[0]!, bbox[1]!],
    [bbox[2]!, bbox[1]!],
    [bbox[0]!, bbox[3]!],
    [bbox[2]!, bbox[3]!],
  ].map(([x, y]) => [m[0]! * x! + m[2]! * y! + m[4]!, m[1]! * x! + m[3]! * y! + m[5]!]);
  const xs = corners.map((c) => c[0]!);
  const ys = corners.map((c) => c[1]!);
  const bx0 = Math.min(...xs);
  const by0 = Math.min(...ys);
  const bw = Math.max(...xs) - bx0;
  const bh = Math.max(...ys) - by0;
  const rx0 = Math.min(rect[0]!, rect[2]!);
  const ry0 = Math.min(rect[1]!, rect[3]!);
  const rw = Math.abs(rect[2]! - rect[0]!);
  const rh = Math.abs(rect[3]! - rect[1]!);
  if (bw <= 0 || bh <= 0 || rw <= 0 || rh <= 0) return null;
  const sx = rw / bw;
  const sy = rh / bh;
  return { form: normal, matrix: [sx, 0, 0, sy, rx0 - sx * bx0, ry0 - sy * by0] };
}
