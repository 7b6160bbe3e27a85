import { describe, expect, it } from 'vitest';
import {
  decodePdfTextString,
  encodePdfTextString,
  formatPdfDate,
  parsePdfDate,
  pdfDate,
  pdfTextString,
} from '../../../src/pdf/index.js';
import { dec } from './pdf-builder.js';

describe('text strings and dates (ISO 32000-1 §7.9.2, §7.9.4)', () => {
  it('writes ASCII as is and anything else as UTF-16BE with a BOM, and reads both back', () => {
    expect(dec(encodePdfTextString('Reason 1'))).toBe('Reason 1');
    const vi = 'Nguyễn Văn An — ký số';
    const bytes = encodePdfTextString(vi);
    expect([bytes[0], bytes[1]]).toEqual([0xfe, 0xff]);
    expect(decodePdfTextString(bytes)).toBe(vi);
    expect(decodePdfTextString(pdfTextString('😀 emoji').bytes)).toBe('😀 emoji');
  });

  it('reads PDFDocEncoding differences and UTF-8 with a BOM', () => {
    expect(decodePdfTextString(new Uint8Array([0x80, 0x84, 0xa0, 0xe9]))).toBe('•—€é');
    expect(decodePdfTextString(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('Tiếng')]))).toBe(
      'Tiếng',
    );
  });

  it('formats and parses dates with and without an offset', () => {
    const d = new Date('2024-03-05T01:02:03Z');
    expect(formatPdfDate(d)).toBe('D:20240305010203Z');
    expect(formatPdfDate(d, 7 * 60)).toBe("D:20240305080203+07'00'");
    expect(dec(pdfDate(d).bytes)).toBe('D:20240305010203Z');
    expect(parsePdfDate("D:20240305080203+07'00'")?.toISOString()).toBe('2024-03-05T01:02:03.000Z');
    expect(parsePdfDate('D:20240305010203Z')?.toISOString()).toBe('2024-03-05T01:02:03.000Z');
    expect(parsePdfDate("D:199812231952-08'00")?.toISOString()).toBe('1998-12-24T03:52:00.000Z');
    expect(parsePdfDate('D:2024')?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parsePdfDate('yesterday')).toBeUndefined();
  });
});
