import { describe, expect, it } from 'vitest';
import { HosoError } from '../../../src/kernel/index.js';
import { EndOfWindow, Lexer, type Token, type WindowSource } from '../../../src/pdf/index.js';
import { dec, enc } from './pdf-builder.js';

function tokens(src: string): Token[] {
  const lx = new Lexer(enc(src));
  const out: Token[] = [];
  for (;;) {
    const t = lx.next();
    if (t.type === 'eof') return out;
    out.push(t);
  }
}

function strings(src: string): string[] {
  return tokens(src).map((t) => (t.type === 'string' ? dec(t.bytes) : `<${t.type}>`));
}

describe('Lexer (ISO 32000-1 §7.2, §7.3)', () => {
  it('reads numbers, keeping integer and real apart, with lenient signs', () => {
    const ts = tokens('123 -17 +5 4. -.002 0.0 --3 - 1.5');
    expect(ts.map((t) => (t.type === 'number' ? [t.value, t.integer] : t.type))).toEqual([
      [123, true],
      [-17, true],
      [5, true],
      [4, false],
      [-0.002, false],
      [0, false],
      [-3, true],
      [0, true],
      [1.5, false],
    ]);
  });

  it('decodes #xx in names and keeps a # without hex digits', () => {
    const ts = tokens('/Name#20With#20Spaces /A#2fB /Lime#20Green /x#zz / /Type');
    expect(ts.map((t) => (t.type === 'name' ? t.value : '?'))).toEqual([
      'Name With Spaces',
      'A/B',
      'Lime Green',
      'x#zz',
      '',
      'Type',
    ]);
  });

  it('reads nested parentheses, escapes, octal and line continuations in literal strings', () => {
    expect(strings('(a (nested (deep)) string)')).toEqual(['a (nested (deep)) string']);
    expect(strings('(tab\\tnl\\ncr\\rbs\\\\ \\(x\\) \\b\\f)')).toEqual([
      'tab\tnl\ncr\rbs\\ (x) \b\f',
    ]);
    expect(strings('(\\101\\0611\\7 \\q)')).toEqual(['A11\x07 q']);
    expect(strings('(\\0053)')).toEqual(['\x053']);
    expect(strings('(split \\\r\nline)')).toEqual(['split line']);
    expect(strings('(raw\r\nCRLF\rCR)')).toEqual(['raw\nCRLF\nCR']);
    expect(strings('(\\400)')).toEqual(['\x00']); // high-order overflow ignored
  });

  it('reads hex strings with white space and an odd final digit', () => {
    const [t] = tokens('<48 65 6C6c 6F7>');
    expect(t?.type === 'string' && t.hex && [...t.bytes]).toEqual([
      0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x70,
    ]);
    expect(strings('<>')).toEqual(['']);
  });

  it('skips comments and reports delimiters and keywords', () => {
    const ts = tokens('% a comment\n[1 R]<< /K true >>% trailing\r{ }endobj');
    expect(ts.map((t) => ('value' in t ? t.value : t.type))).toEqual([
      '[',
      1,
      'R',
      ']',
      '<<',
      'K',
      'true',
      '>>',
      '{',
      '}',
      'endobj',
    ]);
  });

  it('reports the absolute offset of malformed input', () => {
    const lx = new Lexer(enc('  (unterminated'), 1000);
    try {
      lx.next();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(HosoError);
      expect((e as HosoError).code).toBe('PDF_MALFORMED');
      expect((e as HosoError).offset).toBe(1002);
    }
    expect(() => new Lexer(enc('<12G4>')).next()).toThrow(HosoError);
    expect(() => new Lexer(enc(') x')).next()).toThrow(/unexpected/);
  });

  it('asks for more input when a token may continue past a partial window', () => {
    expect(() => new Lexer(enc('12'), 0, false).next()).toThrow(EndOfWindow);
    expect(() => new Lexer(enc('(abc'), 0, false).next()).toThrow(EndOfWindow);
    expect(new Lexer(enc('12 '), 0, false).next()).toMatchObject({ type: 'number', value: 12 });
  });

  it('re-reads a token that straddles a window boundary from a WindowSource', () => {
    const all = enc('/Alpha (a long string that will not fit) 12345 [ true ]');
    const source: WindowSource = {
      window: (offset, min) => {
        const buf = all.subarray(offset, offset + Math.max(min, 0));
        return { buf, complete: offset + buf.length >= all.length };
      },
    };
    const lx = new Lexer(all.subarray(0, 9), 0, false, source);
    const values: unknown[] = [];
    for (let t = lx.next(); t.type !== 'eof'; t = lx.next()) {
      values.push(t.type === 'string' ? dec(t.bytes) : (t as { value?: unknown }).value);
    }
    expect(values).toEqual(['Alpha', 'a long string that will not fit', 12345, '[', 'true', ']']);
  });
});
