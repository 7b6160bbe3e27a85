/**
 * How big the paper was: the resolution a scan declares, and the page a scan goes on.
 *
 * A scan is placed on a page of its physical size, pixels / DPI (a copy reproduces the original
 * at its size: Decree 23/2015/NĐ-CP as amended, Art. 2(6), "bản sao có nội dung đầy đủ, chính
 * xác như bản chính"). Without a usable resolution the page is A4, portrait or landscape as the
 * image is, and the image is scaled to fit it and centred: A4 is the paper of administrative
 * documents (Decree 30/2020/NĐ-CP Art. 8), so it is the best guess for a scan of one.
 */
import type { PageRect } from './copy-model.js';

/** Dots per inch along each axis, and where the figure came from. */
export interface ScanResolution {
  readonly x: number;
  readonly y: number;
  readonly source: 'jfif' | 'exif' | 'png-phys';
}

/**
 * EXIF orientation (CIPA DC-008 §4.6.4 A, tag 0x0112): how the stored pixels must be turned to
 * be seen upright. 1 is as stored; 2–8 are mirrorings and quarter turns.
 */
export type ScanOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export const POINTS_PER_MM = 72 / 25.4;
export const A4_POINTS: readonly [number, number] = [595.28, 841.89];

/**
 * Largest page side: ISO 32000-1 Annex C.2 (14 400 units, 200 inches). A resolution that makes
 * the page larger (or a page smaller than 3 units, the lower limit) is not believable and is
 * treated as absent.
 */
const MAX_PAGE_SIDE = 14_400;
const MIN_PAGE_SIDE = 3;

export interface ScanPlacement {
  /** Page size, points. */
  readonly pageWidth: number;
  readonly pageHeight: number;
  /** The matrix (a b c d e f) that maps the image's unit square onto the page. */
  readonly matrix: readonly [number, number, number, number, number, number];
  /** Where the image lands on the page. */
  readonly imageRect: PageRect;
  /** The resolution used, or null when the page is A4 with the image fitted. */
  readonly resolution: ScanResolution | null;
}

/** Orientations 5–8 swap width and height. */
function swapsAxes(o: ScanOrientation): boolean {
  return o >= 5;
}

/**
 * Placement of a `width` × `height` pixel image (as stored) with `orientation`: a page of the
 * physical size the resolution gives, else A4 with the image fitted.
 */
export function placeScan(
  width: number,
  height: number,
  resolution: ScanResolution | null,
  orientation: ScanOrientation = 1,
): ScanPlacement {
  const swap = swapsAxes(orientation);
  // Displayed size in pixels and the resolution along the displayed axes.
  const shownW = swap ? height : width;
  const shownH = swap ? width : height;
  let used = resolution;
  let imageW = 0;
  let imageH = 0;
  if (used !== null) {
    const dpiW = swap ? used.y : used.x;
    const dpiH = swap ? used.x : used.y;
    imageW = (shownW / dpiW) * 72;
    imageH = (shownH / dpiH) * 72;
    const plausible = (v: number): boolean =>
      Number.isFinite(v) && v >= MIN_PAGE_SIDE && v <= MAX_PAGE_SIDE;
    if (!plausible(imageW) || !plausible(imageH)) used = null;
  }
  let pageW: number;
  let pageH: number;
  let x = 0;
  let y = 0;
  if (used === null) {
    [pageW, pageH] = shownW > shownH ? [A4_POINTS[1], A4_POINTS[0]] : [A4_POINTS[0], A4_POINTS[1]];
    const scale = Math.min(pageW / shownW, pageH / shownH);
    imageW = shownW * scale;
    imageH = shownH * scale;
    x = (pageW - imageW) / 2;
    y = (pageH - imageH) / 2;
  } else {
    pageW = imageW;
    pageH = imageH;
  }
  return {
    pageWidth: pageW,
    pageHeight: pageH,
    matrix: orientationMatrix(orientation, x, y, imageW, imageH),
    imageRect: [x, y, imageW, imageH],
    resolution: used,
  };
}

/**
 * The image matrix (ISO 32000-1 §8.9.4: an image is painted into the unit square of its image
 * space, row 0 at the top) that shows the stored pixels upright in the box x, y, w, h.
 */
function orientationMatrix(
  o: ScanOrientation,
  x: number,
  y: number,
  w: number,
  h: number,
): [number, number, number, number, number, number] {
  switch (o) {
    case 1: // as stored
      return [w, 0, 0, h, x, y];
    case 2: // mirrored left-right
      return [-w, 0, 0, h, x + w, y];
    case 3: // turned 180°
      return [-w, 0, 0, -h, x + w, y + h];
    case 4: // mirrored top-bottom
      return [w, 0, 0, -h, x, y + h];
    case 5: // transposed: stored rows become displayed columns, top row on the left
      return [0, -h, -w, 0, x + w, y + h];
    case 6: // stored top row shown on the right (turn 90° clockwise to view)
      return [0, -h, w, 0, x, y + h];
    case 7: // transverse
      return [0, h, w, 0, x, y];
    case 8: // stored top row shown on the left (turn 90° anticlockwise to view)
      return [0, h, -w, 0, x + w, y];
  }
}
