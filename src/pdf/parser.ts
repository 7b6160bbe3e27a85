/**
 * Objects from tokens: ISO 32000-1 §7.3 (arrays, dictionaries, indirect references and indirect
 * objects, streams), over a lexer that reads further windows of the input as it goes.
 *
 * A stream's data is not read here: `parseIndirectObject` only records where the data starts
 * (§7.3.8.1: after `stream` and its end-of-line marker). Where it ends depends on /Length, which
 * may be an indirect reference, so that is decided by the file layer (`stream-extent.ts`).
 */
import { CR, LF } from './char-classes.js';
import type { Lexer, Token } from './lexer.js';
import { PdfDict, PdfName, PdfRef, PdfStream, PdfString, type PdfObject } from './objects.js';
import { malformed } from './pdf-errors.js';

/** Deeper nesting than any real file needs; guards the stack against hostile input. */
const MAX_DEPTH = 256;

export interface IndirectObject {
  readonly num: number;
  readonly gen: number;
  /** A `PdfStream` for streams, with `sourceOffset` set and `sourceLength` not yet known. */
  readonly obj: PdfObject;
  /** Absolute offset of the `N G obj` header. */
  readonly start: number;
}

export class Parser {
  constructor(readonly lexer: Lexer) {}

  /** Reads one direct object (which may be an indirect reference `N G R`). */
  parseObject(): PdfObject {
    return this.fromToken(this.lexer.next(), 0);
  }

  /** Reads `N G obj <object> endobj`, or `N G obj <dict> stream` for a stream. */
  parseIndirectObject(): IndirectObject {
    const lx = this.lexer;
    const first = lx.next();
    const second = lx.next();
    const kw = lx.next();
    if (
      first.type !== 'number' ||
      !first.integer ||
      second.type !== 'number' ||
      !second.integer ||
      kw.type !== 'keyword' ||
      kw.value !== 'obj'
    ) {
      throw malformed('expected an indirect object header "N G obj"', first.start);
    }
    const obj = this.parseObject();
    const save = lx.offset;
    const after = lx.next();
    if (after.type === 'keyword' && after.value === 'stream') {
      if (!(obj instanceof PdfDict))
        throw malformed('stream keyword after a non-dictionary', after.start);
      const stream = new PdfStream(obj);
      stream.sourceOffset = this.streamDataStart();
      return { num: first.value, gen: second.value, obj: stream, start: first.start };
    }
    // A missing `endobj` is a common defect that costs nothing to tolerate.
    if (!(after.type === 'keyword' && after.value === 'endobj')) lx.seek(save);
    return { num: first.value, gen: second.value, obj, start: first.start };
  }

  /**
   * The absolute offset of the first data byte, the lexer being just after `stream`. §7.3.8.1
   * wants CR LF or LF; a lone CR, or spaces before the end of line, are read leniently.
   */
  private streamDataStart(): number {
    const lx = this.lexer;
    const at = (offset: number): number => lx.byteAt(offset);
    let p = lx.offset;
    let q = p;
    while (at(q) === 0x20) q++;
    if (at(q) === CR || at(q) === LF) p = q;
    if (at(p) === CR) {
      p++;
      if (at(p) === LF) p++;
    } else if (at(p) === LF) {
      p++;
    }
    return p;
  }

  private fromToken(t: Token, depth: number): PdfObject {
    if (depth > MAX_DEPTH) throw malformed('objects nested too deeply', t.start);
    switch (t.type) {
      case 'number':
        return t.integer ? this.maybeReference(t.value) : t.value;
      case 'name':
        return PdfName.of(t.value);
      case 'string':
        return new PdfString(t.bytes, t.hex);
      case 'keyword':
        if (t.value === 'true') return true;
        if (t.value === 'false') return false;
        if (t.value === 'null') return null;
        throw malformed(`unexpected keyword "${t.value.slice(0, 40)}"`, t.start);
      case 'delimiter':
        if (t.value === '[') return this.readArray(t.start, depth);
        if (t.value === '<<') return this.readDict(t.start, depth);
        throw malformed(`unexpected "${t.value}"`, t.start);
      case 'eof':
        throw malformed('unexpected end of input', t.start);
    }
  }

  /** `N G R` (§7.3.10) needs two tokens of look-ahead after an integer. */
  private maybeReference(num: number): PdfObject {
    const lx = this.lexer;
    const save = lx.offset;
    const gen = lx.next();
    if (gen.type === 'number' && gen.integer && num >= 0 && gen.value >= 0) {
      const r = lx.next();
      if (r.type === 'keyword' && r.value === 'R') return new PdfRef(num, gen.value);
    }
    lx.seek(save);
    return num;
  }

  private readArray(start: number, depth: number): PdfObject[] {
    const out: PdfObject[] = [];
    for (;;) {
      const t = this.lexer.next();
      if (t.type === 'delimiter' && t.value === ']') return out;
      if (t.type === 'eof') throw malformed('unterminated array', start);
      out.push(this.fromToken(t, depth + 1));
    }
  }

  /**
   * §7.3.7. An entry whose value is null is the same as no entry, so it is dropped. Real-world
   * damage tolerated as other readers do: a key without a value before `>>`, and a non-name
   * where a key should be (skipped).
   */
  private readDict(start: number, depth: number): PdfDict {
    const dict = new PdfDict();
    for (;;) {
      const k = this.lexer.next();
      if (k.type === 'delimiter' && k.value === '>>') return dict;
      if (k.type === 'eof') throw malformed('unterminated dictionary', start);
      if (k.type !== 'name') {
        if (k.type === 'delimiter' && (k.value === '[' || k.value === '<<'))
          this.fromToken(k, depth + 1);
        continue;
      }
      const v = this.lexer.next();
      if (v.type === 'delimiter' && v.value === '>>') return dict;
      if (v.type === 'eof') throw malformed('unterminated dictionary', start);
      const value = this.fromToken(v, depth + 1);
      if (value !== null) dict.set(k.value, value);
    }
  }
}
