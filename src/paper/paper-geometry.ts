/**
 * Where an electronic page goes on paper. Every page becomes one A4 sheet (Decree 30/2020/NĐ-CP
 * Art. 8: administrative documents are on A4), landscape when the page as a viewer shows it is
 * wider than tall. The page is seen through its visible area (crop box within media box, ISO
 * 32000-1 §14.11.2) and turned by /Rotate (§7.7.3.3: clockwise, in degrees), then scaled
 * uniformly into the printable area: inside the margins of Decree 30/2020 Appendix I §II.1 — we
 * take the smallest of each range (top and bottom 20 mm of 20–25, left 30 of 30–35, right 15 of
 * 15–20), which leaves the most room for the original — minus the footer band.
 *
 * Never enlarged beyond 100 %: a receipt or an A5 decision printed at its own size is what the
 * electronic original looks like (Decree 45/2020 Art. 18(2): "đầy đủ, chính xác"); blowing it up
 * would change its type size and proportions on paper for no reader's benefit. A page smaller
 * than the area is centred horizontally and set at the top, where a reader starts.
 *
 * Landscape sheets keep the same margins in their own orientation: Decree 30 states the margins
 * for portrait pages only, and this is our reading for landscape ones.
 */
import type { Matrix } from '../layout/index.js';

export const POINTS_PER_MM = 72 / 25.4;
const MM = POINTS_PER_MM;
export const A4_PORTRAIT: readonly [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: readonly [number, number] = [841.89, 595.28];

export const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } as const;

/** x0, y0, x1, y1 with x0 ≤ x1 and y0 ≤ y1. */
export type Box = readonly [number, number, number, number];

/** x, y, width, height. */
export type Rect = readonly [number, number, number, number];

export type Rotation = 0 | 90 | 180 | 270;

/** Size of the page as a viewer shows it: the visible box, turned by /Rotate. */
export function displayedSize(visible: Box, rotate: Rotation): readonly [number, number] {
  const w = visible[2] - visible[0];
  const h = visible[3] - visible[1];
  return rotate === 90 || rotate === 270 ? [h, w] : [w, h];
}

/**
 * The matrix from the page's default user space to its displayed space: the visible box's
 * lower-left corner at the origin, turned clockwise by `rotate`.
 */
export function displayMatrix(visible: Box, rotate: Rotation): Matrix {
  const [x0, y0, x1, y1] = visible;
  const w = x1 - x0;
  const h = y1 - y0;
  switch (rotate) {
    case 0:
      return [1, 0, 0, 1, -x0, -y0];
    case 90:
      // (u, v) → (v, w − u), u = x − x0, v = y − y0: the top edge becomes the right edge.
      return [0, -1, 1, 0, -y0, w + x0];
    case 180:
      return [-1, 0, 0, -1, w + x0, h + y0];
    case 270:
      return [0, 1, -1, 0, h + y0, -x0];
  }
}

/** `a` then `b` (row vectors, as PDF concatenates: §8.3.4). */
export function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

export function sheetFor(displayed: readonly [number, number]): readonly [number, number] {
  return displayed[0] > displayed[1] ? A4_LANDSCAPE : A4_PORTRAIT;
}

export interface Placement {
  /** User space of the original page → the sheet. */
  readonly matrix: Matrix;
  /** Where the page lands on the sheet. */
  readonly rect: Rect;
  readonly scale: number;
}

/** The page, displayed as `displayed` by `display`, fitted into `area` (x, y, width, height). */
export function placeInArea(
  display: Matrix,
  displayed: readonly [number, number],
  area: Rect,
): Placement {
  const [ax, ay, aw, ah] = area;
  const [dw, dh] = displayed;
  const scale = Math.min(1, aw / dw, ah / dh);
  const w = dw * scale;
  const h = dh * scale;
  const x = ax + (aw - w) / 2;
  const y = ay + ah - h;
  return { matrix: multiply(display, [scale, 0, 0, scale, x, y]), rect: [x, y, w, h], scale };
}
