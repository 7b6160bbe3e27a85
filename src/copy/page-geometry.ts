/**
 * The geometry of a page of the original as src/pdf reads it: the visible area (the crop box
 * within the media box, ISO 32000-1 §14.11.2), the rotation (/Rotate, §7.7.3.3), and the boxes
 * of its annotations (§12.5.2 /Rect), which viewers draw over the page content and which the copy
 * must therefore not draw under either.
 */
import { isPdfArray, type PdfDict, type PdfFile, type PdfObject } from '../pdf/index.js';

/** x0, y0, x1, y1 with x0 ≤ x1 and y0 ≤ y1, in the page's default user space. */
export type Box = readonly [number, number, number, number];

export interface PageGeometry {
  /** The crop box clipped to the media box: what a viewer shows. */
  readonly visible: Box;
  /** /Rotate normalised to 0, 90, 180 or 270. */
  readonly rotate: 0 | 90 | 180 | 270;
}

const LETTER: Box = [0, 0, 612, 792];

export function rectangleOf(pdf: PdfFile, obj: PdfObject | undefined): Box | null {
  const v = pdf.resolve(obj);
  if (!isPdfArray(v) || v.length !== 4) return null;
  const n = v.map((x) => pdf.resolve(x));
  if (!n.every((x): x is number => typeof x === 'number' && Number.isFinite(x))) return null;
  const [a, b, c, d] = n as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

export function pageGeometry(pdf: PdfFile, page: PdfDict): PageGeometry {
  // A page without a usable media box is shown by readers on US Letter (pdf.js, poppler).
  const media = rectangleOf(pdf, pdf.inheritedPageAttribute(page, 'MediaBox')) ?? LETTER;
  const crop = rectangleOf(pdf, pdf.inheritedPageAttribute(page, 'CropBox')) ?? media;
  const visible: Box = [
    Math.max(media[0], crop[0]),
    Math.max(media[1], crop[1]),
    Math.min(media[2], crop[2]),
    Math.min(media[3], crop[3]),
  ];
  const r = pdf.resolve(pdf.inheritedPageAttribute(page, 'Rotate'));
  const turns = typeof r === 'number' && Number.isInteger(r) ? (((r / 90) % 4) + 4) % 4 : 0;
  return {
    visible: visible[0] < visible[2] && visible[1] < visible[3] ? visible : media,
    rotate: (turns * 90) as PageGeometry['rotate'],
  };
}

/** Annotation flags (§12.5.3 Table 165): Hidden (bit 2), NoView (bit 6). */
const HIDDEN = 1 << 1;
const NO_VIEW = 1 << 5;

/** The rectangles of the annotations a viewer shows on `page`. */
export function annotationBoxes(pdf: PdfFile, page: PdfDict): Box[] {
  const annots = pdf.resolve(page.get('Annots'));
  if (!isPdfArray(annots)) return [];
  const out: Box[] = [];
  for (const a of annots) {
    const dict = pdf.lookupDict(a);
    if (dict === undefined) continue;
    const flags = pdf.resolve(dict.get('F'));
    if (typeof flags === 'number' && (flags & (HIDDEN | NO_VIEW)) !== 0) continue;
    const rect = rectangleOf(pdf, dict.get('Rect'));
    if (rect !== null) out.push(rect);
  }
  return out;
}
