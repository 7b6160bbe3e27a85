/**
 * Numbers written into content streams: no exponent (ISO 32000-1 §7.3.3 has none), at most 4
 * decimals — a ten-thousandth of a point is far below any printer's resolution.
 */
export function pdfNumber(n: number): string {
  const s = (Math.round(n * 10_000) / 10_000).toFixed(4);
  return s.replace(/\.?0+$/, '') || '0';
}
