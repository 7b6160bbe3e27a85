import { describe, expect, it } from 'vitest';
import { HosoError } from '../../../src/kernel/index.js';
import type { PdfString } from '../../../src/pdf/index.js';
import {
  Lexer,
  Parser,
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  type PdfObject,
} from '../../../src/pdf/index.js';
import { dec, enc } from './pdf-builder.js';

const parse = (s: string): PdfObject => new Parser(new Lexer(enc(s))).parseObject();

describe('Parser (ISO 32000-1 §7.3)', () => {
  it('parses dictionaries, arrays, references and basic objects', () => {
    const d = parse(
      '<< /Type /Page /Kids [1 0 R 2 0 R 3] /N 4 /R 1.5 /B false /S (x) /Nested << /A [ ] >> >>',
    );
    expect(d).toBeInstanceOf(PdfDict);
    const dict = d as PdfDict;
    expect(dict.get('Type')).toBe(PdfName.of('Page'));
    expect(dict.get('Kids')).toEqual([new PdfRef(1, 0), new PdfRef(2, 0), 3]);
    expect(dict.get('N')).toBe(4);
    expect(dict.get('R')).toBe(1.5);
    expect(dict.get('B')).toBe(false);
    expect(dec((dict.get('S') as PdfString).bytes)).toBe('x');
    expect(((dict.get('Nested') as PdfDict).get('A') as PdfObject[]).length).toBe(0);
    expect([...dict.keys()]).toEqual(['Type', 'Kids', 'N', 'R', 'B', 'S', 'Nested']);
  });

  it('does not mistake two integers for a reference', () => {
    expect(parse('[1 2 3 0 R 4 5]')).toEqual([1, 2, new PdfRef(3, 0), 4, 5]);
    expect(parse('[1 0]')).toEqual([1, 0]);
  });

  it('drops null-valued entries and tolerates a key without a value (§7.3.7)', () => {
    const d = parse('<< /A null /B 1 /C >>') as PdfDict;
    expect([...d.keys()]).toEqual(['B']);
  });

  it('parses indirect objects, with or without endobj', () => {
    const p = new Parser(new Lexer(enc('12 3 obj\n<< /A 1 >>\nendobj 13 0 obj 42 14 0 obj')));
    const a = p.parseIndirectObject();
    expect(a).toMatchObject({ num: 12, gen: 3, start: 0 });
    const b = p.parseIndirectObject();
    expect(b).toMatchObject({ num: 13, obj: 42 });
  });

  it('records where stream data starts, after CRLF, LF or a lone CR', () => {
    for (const eol of ['\r\n', '\n', '\r', '  \n']) {
      const src = `5 0 obj\n<< /Length 3 >>\nstream${eol}abc\nendstream\nendobj`;
      const io = new Parser(new Lexer(enc(src))).parseIndirectObject();
      expect(io.obj).toBeInstanceOf(PdfStream);
      expect((io.obj as PdfStream).sourceOffset).toBe(src.indexOf('abc'));
    }
  });

  it('throws PDF_MALFORMED with the offset of the problem', () => {
    for (const bad of ['[1 2', '<< /A 1', 'endobj', '<< /A ) >>']) {
      expect(() => parse(bad)).toThrow(HosoError);
    }
    try {
      new Parser(new Lexer(enc('xx 0 obj 1 endobj'))).parseIndirectObject();
      expect.unreachable();
    } catch (e) {
      expect((e as HosoError).code).toBe('PDF_MALFORMED');
      expect((e as HosoError).offset).toBe(0);
      expect((e as HosoError).params['detail']).toMatch(/N G obj/);
    }
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parse('['.repeat(10_000))).toThrow(/nested too deeply/);
  });
});
