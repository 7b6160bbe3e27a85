import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_COPY_TEMPLATE, parseCopyTemplate } from '../../../src/copy/index.js';
import { HosoError } from '../../../src/kernel/index.js';
import { ROOT } from '../../support/paths.js';

function invalid(json: unknown): HosoError {
  try {
    parseCopyTemplate(json, 'mau.json');
  } catch (e) {
    expect(e).toBeInstanceOf(HosoError);
    const err = e as HosoError;
    expect(err.code).toBe('TEMPLATE_INVALID');
    expect(err.exitCode).toBe(3);
    expect(err.params['path']).toBe('mau.json');
    expect(String(err.params['detail.vi'])).not.toBe('');
    expect(String(err.params['detail.en'])).not.toBe('');
    return err;
  }
  throw new Error(`accepted: ${JSON.stringify(json)}`);
}

describe('copy templates', () => {
  it('has the statement wording of LEGAL.md §2 as default', () => {
    const t = DEFAULT_COPY_TEMPLATE.texts;
    expect(t.certifyHeading).toBe('CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH');
    expect(t.certifyNumberLine).toBe('Số chứng thực: {number}   Quyển số: {book}/{year}-SCT/BS');
    expect(t.registerHeading).toBe('BẢN SAO ĐIỆN TỬ ĐƯỢC CẤP TỪ SỔ GỐC');
    expect(t.pageNumber).toBe('Trang {page}/{pages}');
    expect(DEFAULT_COPY_TEMPLATE.qr.size).toBeGreaterThanOrEqual(20);
  });

  it('is documented as it is: docs/copy-template.md shows the default exactly', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'copy-template.md'), 'utf8');
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const shown: unknown = JSON.parse(block!);
    expect(shown).toEqual(DEFAULT_COPY_TEMPLATE);
    expect(parseCopyTemplate(shown, 'docs/copy-template.md')).toEqual(DEFAULT_COPY_TEMPLATE);
  });

  it('an empty template is the default', () => {
    expect(parseCopyTemplate({}, 'mau.json')).toEqual(DEFAULT_COPY_TEMPLATE);
  });

  it('merges a partial template over the default', () => {
    const t = parseCopyTemplate(
      {
        texts: { certifyHeading: 'CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH (MẪU RIÊNG)' },
        fontSizes: { body: 13 },
        band: { marginBottom: 20 },
        qr: { errorCorrection: 'Q' },
        defaultOfficerTitle: 'Chủ tịch',
      },
      'mau.json',
    );
    expect(t.texts.certifyHeading).toBe('CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH (MẪU RIÊNG)');
    expect(t.texts.certifyNumberLine).toBe(DEFAULT_COPY_TEMPLATE.texts.certifyNumberLine);
    expect(t.fontSizes).toEqual({ ...DEFAULT_COPY_TEMPLATE.fontSizes, body: 13 });
    expect(t.band).toEqual({ ...DEFAULT_COPY_TEMPLATE.band, marginBottom: 20 });
    expect(t.qr).toEqual({ size: DEFAULT_COPY_TEMPLATE.qr.size, errorCorrection: 'Q' });
    expect(t.defaultOfficerTitle).toBe('Chủ tịch');
  });

  it('stores texts in NFC', () => {
    const decomposed = 'CHỨNG THỰC'.normalize('NFD');
    const t = parseCopyTemplate({ texts: { certifyHeading: decomposed } }, 'mau.json');
    expect(t.texts.certifyHeading).toBe('CHỨNG THỰC');
  });

  it('refuses unknown keys, at every level', () => {
    expect(invalid({ colour: 'red' }).message).toContain('colour');
    expect(invalid({ texts: { heading: 'X' } }).message).toContain('texts.heading');
    expect(invalid({ band: { height: 50 } }).message).toContain('band.height');
    expect(invalid({ qr: { colour: 'red' } }).message).toContain('qr.colour');
  });

  it('refuses wrong types and values out of range', () => {
    invalid(null);
    invalid([]);
    invalid('{}');
    invalid({ texts: 'x' });
    invalid({ texts: { certifyHeading: '' } });
    invalid({ texts: { certifyHeading: 5 } });
    invalid({ fontSizes: { body: '12' } });
    invalid({ fontSizes: { body: 100 } });
    invalid({ qr: { size: 15 } }); // smaller than 2 cm
    invalid({ qr: { errorCorrection: 'X' } });
    invalid({ lineSpacing: 0.5 });
    invalid({ signature: { sealOverlap: 2 } });
    invalid({ defaultOfficerTitle: '' });
    invalid({ defaultOfficerTitle: '{number}' });
  });

  it('checks placeholders: only known ones, and the legal facts kept', () => {
    expect(invalid({ texts: { certifyNumberLine: 'Số: {number} {nope}' } }).message).toContain(
      '{nope}',
    );
    // Dropping the book from the number line, or the page count from the page numbers, is refused.
    invalid({ texts: { certifyNumberLine: 'Số chứng thực: {number}' } });
    invalid({ texts: { pageNumber: 'Trang {page}' } });
    invalid({ texts: { dateLine: '{place}' } });
    // Either {date} or all of {dd} {mm} {yyyy}.
    const t = parseCopyTemplate(
      {
        texts: {
          dateLine: '{place}, ngày {dd}/{mm}/{yyyy}',
          certifyNumberLine: 'Số {number}, quyển {book}',
        },
      },
      'mau.json',
    );
    expect(t.texts.dateLine).toBe('{place}, ngày {dd}/{mm}/{yyyy}');
    invalid({ texts: { dateLine: '{place}, ngày {dd}/{mm}' } });
  });
});
