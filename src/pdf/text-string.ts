/**
 * Text strings (ISO 32000-1 §7.9.2.2) and dates (§7.9.4).
 *
 * A text string is PDFDocEncoding (Annex D, Table D.2) or UTF-16BE with a byte order mark;
 * PDF 2.0 (ISO 32000-2 §7.9.2.2) adds UTF-8 with a BOM, which we read too. We write
 * PDFDocEncoding only for plain printable ASCII (identical in both encodings) and UTF-16BE for
 * everything else, so Vietnamese text never depends on a reader's PDFDocEncoding table.
 */
import { PdfString } from './objects.js';

/** PDFDocEncoding bytes whose character differs from Latin-1 (Annex D, Table D.2). */
const PDF_DOC_DIFFERENCES: Readonly<Record<number, number>> = {
  0x18: 0x02d8,
  0x19: 0x02c7,
  0x1a: 0x02c6,
  0x1b: 0x02d9,
  0x1c: 0x02dd,
  0x1d: 0x02db,
  0x1e: 0x02da,
  0x1f: 0x02dc,
  0x80: 0x2022,
  0x81: 0x2020,
  0x82: 0x2021,
  0x83: 0x2026,
  0x84: 0x2014,
  0x85: 0x2013,
  0x86: 0x0192,
  0x87: 0x2044,
  0x88: 0x2039,
  0x89: 0x203a,
  0x8a: 0x2212,
  0x8b: 0x2030,
  0x8c: 0x201e,
  0x8d: 0x201c,
  0x8e: 0x201d,
  0x8f: 0x2018,
  0x90: 0x2019,
  0x91: 0x201a,
  0x92: 0x2122,
  0x93: 0xfb01,
  0x94: 0xfb02,
  0x95: 0x0141,
  0x96: 0x0152,
  0x97: 0x0160,
  0x98: 0x0178,
  0x99: 0x017d,
  0x9a: 0x0131,
  0x9b: 0x0142,
  0x9c: 0x0153,
  0x9d: 0x0161,
  0x9e: 0x017e,
  0x9f: 0xfffd,
  0xa0: 0x20ac,
  0xad: 0xfffd,
};

/** The text of a text string's bytes. */
export function decodePdfTextString(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      s += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
    return s;
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  let s = '';
  for (const b of bytes) s += String.fromCharCode(PDF_DOC_DIFFERENCES[b] ?? b);
  return s;
}

/** The bytes of a text string for `text`: ASCII as is, anything else UTF-16BE with a BOM. */
export function encodePdfTextString(text: string): Uint8Array {
  let ascii = true;
  for (let i = 0; i < text.length && ascii; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) ascii = false;
  }
  if (ascii) {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  }
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i); // UTF-16 code units: surrogate pairs pass through as they are
    out[2 + 2 * i] = c >> 8;
    out[3 + 2 * i] = c & 0xff;
  }
  return out;
}

/** A text string object for `text` (written as a literal string). */
export function pdfTextString(text: string): PdfString {
  return new PdfString(encodePdfTextString(text));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * A date string (§7.9.4) `D:YYYYMMDDHHmmSS` followed by `Z` for UTC or `+HH'mm'`/`-HH'mm'`
 * for the given offset from UTC in minutes (the wall-clock fields are then local to that offset).
 */
export function formatPdfDate(date: Date, offsetMinutes = 0): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const fields =
    pad(local.getUTCFullYear(), 4) +
    pad(local.getUTCMonth() + 1) +
    pad(local.getUTCDate()) +
    pad(local.getUTCHours()) +
    pad(local.getUTCMinutes()) +
    pad(local.getUTCSeconds());
  if (offsetMinutes === 0) return `D:${fields}Z`;
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `D:${fields}${sign}${pad(Math.floor(abs / 60))}'${pad(abs % 60)}'`;
}

/** A date string object (§7.9.4); see `formatPdfDate`. */
export function pdfDate(date: Date, offsetMinutes = 0): PdfString {
  const s = formatPdfDate(date, offsetMinutes);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return new PdfString(out);
}

/**
 * Reads a date string (§7.9.4). Every field after the year is optional; a missing offset is
 * read as UTC (the clause leaves it unknown). Returns undefined when it is not a date.
 */
export function parsePdfDate(text: string): Date | undefined {
  const m =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?\s*$/.exec(
      text.trim(),
    );
  if (m === null) return undefined;
  const num = (s: string | undefined, fallback: number): number =>
    s === undefined ? fallback : Number(s);
  const month = num(m[2], 1);
  const day = num(m[3], 1);
  const hour = num(m[4], 0);
  const minute = num(m[5], 0);
  const second = num(m[6], 0);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return undefined;
  let ms = Date.UTC(num(m[1], 0), month - 1, day, hour, minute, second);
  if (m[7] === '+' || m[7] === '-') {
    const offset = num(m[8], 0) * 60 + num(m[9], 0);
    ms -= (m[7] === '+' ? 1 : -1) * offset * 60_000;
  }
  return new Date(ms);
}
