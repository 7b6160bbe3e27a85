import { describe, expect, it } from 'vitest';
import { HosoError } from '../../../src/kernel/index.js';
import {
  formatNumber,
  Lexer,
  Parser,
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfStream,
  PdfString,
  PdfWriter,
  serializeObject,
  type PdfObject,
} from '../../../src/pdf/index.js';
import { dec, enc } from './pdf-builder.js';

const text = (o: PdfObject): string => dec(serializeObject(o));
const parse = (b: Uint8Array): PdfObject => new Parser(new Lexer(b)).parseObject();

describe('serializeObject (ISO 32000-1 §7.3)', () => {
  it('writes the basic objects canonically', () => {
    expect(text(null)).toBe('null');
    expect(text(true)).toBe('true');
    expect(text(42)).toBe('42');
    expect(text(-0)).toBe('0');
    expect(text(new PdfRef(12, 0))).toBe('12 0 R');
    expect(text([1, PdfName.of('A'), [], new PdfDict()])).toBe('[1 /A [] << >>]');
    expect(
      text(
        new PdfDict([
          ['Type', PdfName.of('Page')],
          ['Kids', [new PdfRef(3, 0)]],
        ]),
      ),
    ).toBe('<< /Type /Page /Kids [3 0 R] >>');
  });

  it('writes reals in plain decimal notation with at most six decimals', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(-12.25)).toBe('-12.25');
    expect(formatNumber(1e-7)).toBe('0');
    expect(formatNumber(-1e-9)).toBe('0');
    expect(formatNumber(1 / 3)).toBe('0.333333');
    expect(formatNumber(123456789.5)).toBe('123456789.5');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(() => formatNumber(Number.NaN)).toThrow(HosoError);
    expect(() => formatNumber(Infinity)).toThrow(HosoError);
  });

  it('escapes names with #xx (§7.3.5) and reads them back', () => {
    const n = PdfName.of('A name/with#odd(chars)\x00é');
    const s = text(n);
    expect(s).toBe('/A#20name#2Fwith#23odd#28chars#29#00#E9');
    expect(parse(enc(s))).toBe(n);
    expect(text(PdfName.of('Tiếng'))).toBe('/Ti#E1#BA#BFng'); // wide chars: UTF-8 bytes
  });

  it('escapes literal strings and writes hex strings, both round-tripping', () => {
    const bytes = enc('a(b)c\\d\re\nf\x00\xff');
    const lit = serializeObject(new PdfString(bytes));
    expect(dec(lit)).toBe('(a\\(b\\)c\\\\d\\re\nf\x00\xff)');
    expect([...(parse(lit) as PdfString).bytes]).toEqual([...bytes]);
    const hex = serializeObject(new PdfString(bytes, true));
    expect(dec(hex)).toBe('<61286229635C640D650A6600FF>');
    expect(parse(hex)).toEqual(new PdfString(bytes, true));
  });

  it('writes PdfRaw verbatim and records where each one went', () => {
    const raw = new PdfRaw(enc('[0 /********** /********** /**********]'));
    const w = new PdfWriter();
    w.object(
      new PdfDict([
        ['ByteRange', raw],
        ['Contents', new PdfRaw(enc('<00000000>'))],
      ]),
    );
    const out = dec(w.toBytes());
    expect(out).toBe(
      '<< /ByteRange [0 /********** /********** /**********] /Contents <00000000> >>',
    );
    expect(w.rawOffsets.get(raw)).toBe(out.indexOf('[0'));
  });

  it('writes a stream with a /Length that matches its data', () => {
    const s = new PdfStream(
      new PdfDict([
        ['Length', 999],
        ['Filter', PdfName.of('FlateDecode')],
      ]),
      enc('abc'),
    );
    expect(text(s)).toBe('<< /Length 3 /Filter /FlateDecode >>\nstream\nabc\nendstream');
    expect(text(new PdfStream(new PdfDict(), enc('')))).toBe(
      '<< /Length 0 >>\nstream\n\nendstream',
    );
    expect(() => text([new PdfStream(new PdfDict(), enc('x'))])).toThrow(HosoError);
    expect(() => text(new PdfStream(new PdfDict()))).toThrow(/without in-memory data/);
  });

  it('round-trips a nested structure through the parser', () => {
    const obj = new PdfDict([
      ['A', [1, 2.5, -3, true, false, new PdfRef(7, 1)]],
      ['B', new PdfDict([['C', new PdfString(enc('(nested) \\ text'))]])],
      ['D', PdfName.of('Lime Green')],
    ]);
    expect(parse(serializeObject(obj))).toEqual(obj);
  });
});
