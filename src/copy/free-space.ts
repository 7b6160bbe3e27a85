/**
 * Free room on a page: where a rectangle can go without touching anything the original paints
 * (content boxes from content-extent.ts, annotation rectangles from page-geometry.ts), keeping a
 * clearance from each.
 */
import type { Box } from './page-geometry.js';

/** True when `rect` stays `clearance` away from every occupied box. */
export function isFree(rect: Box, occupied: readonly Box[], clearance: number): boolean {
  return occupied.every(
    (b) =>
      b[2] + clearance <= rect[0] ||
      b[0] - clearance >= rect[2] ||
      b[3] + clearance <= rect[1] ||
      b[1] - clearance >= rect[3],
  );
}

/**
 * The lowest bottom edge y in [yMin, yMax − height] of a band spanning x0…x1 that is free, or
 * null. Only boxes reaching into x0…x1 (with the clearance) matter; their vertical extents are
 * swept from the bottom up, so a band may sit between the original's body and its own footer.
 */
export function lowestFreeBand(
  occupied: readonly Box[],
  x0: number,
  x1: number,
  height: number,
  yMin: number,
  yMax: number,
  clearance: number,
): number | null {
  const spans = occupied
    .filter((b) => b[2] + clearance > x0 && b[0] - clearance < x1)
    .map((b) => [b[1] - clearance, b[3] + clearance] as const)
    .sort((a, b) => a[0] - b[0]);
  let y = yMin;
  for (const [start, end] of spans) {
    if (start >= y + height) break;
    y = Math.max(y, end);
  }
  return y + height <= yMax ? y : null;
}
