/**
 * A byte-level tokeniser for ISO 32000-1 §7.2 (lexical conventions) and the token forms of §7.3
 * (numbers, names, literal and hexadecimal strings, delimiters, keywords). It works on a window
 * of the input (`buf`, whose first byte sits at absolute offset `base`) and never converts the
 * window to a string.
 *
 * A window need not reach the end of the input (`complete` false). When a token might continue
 * past the window, a lexer given a `WindowSource` reads a larger window starting at that token
 * and lexes it again, so callers see one continuous token stream while at most a window or two
 * of the input is in memory. Without a `WindowSource` the lexer throws `EndOfWindow`. Only when
 * the window reaches the end of the input is running out of bytes an error (or, between
 * tokens, the `eof` token).
 */
import { CR, LF, hexValue, isDelimiter, isDigit, isWhite } from './char-classes.js';
import { malformed } from './pdf-errors.js';

/** Thrown when a token may continue past the current window and no more can be read. */
export class EndOfWindow extends Error {
  constructor() {
    super('end of window');
    this.name = 'EndOfWindow';
  }
}

export type Token =
  | {
      readonly type: 'number';
      readonly value: number;
      readonly integer: boolean;
      readonly start: number;
    }
  | { readonly type: 'name'; readonly value: string; readonly start: number }
  | {
      readonly type: 'string';
      readonly bytes: Uint8Array;
      readonly hex: boolean;
      readonly start: number;
    }
  | { readonly type: 'keyword'; readonly value: string; readonly start: number }
  | {
      readonly type: 'delimiter';
      readonly value: '[' | ']' | '<<' | '>>' | '{' | '}';
      readonly start: number;
    }
  | { readonly type: 'eof'; readonly start: number };

/** Where a lexer gets a further window: at least `minLength` bytes from `offset` if there are. */
export interface WindowSource {
  window(
    offset: number,
    minLength: number,
  ): { readonly buf: Uint8Array; readonly complete: boolean };
}

const MIN_REFILL = 64 * 1024;

const PERCENT = 0x25;
const SLASH = 0x2f;
const HASH = 0x23;
const BACKSLASH = 0x5c;
const LPAREN = 0x28;
const RPAREN = 0x29;
const LT = 0x3c;
const GT = 0x3e;

export class Lexer {
  /** Index into `buf` of the next unread byte. */
  pos = 0;

  constructor(
    public buf: Uint8Array,
    public base = 0,
    public complete = true,
    private readonly more?: WindowSource,
  ) {}

  /** Absolute offset (in the input) of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Moves to an absolute offset, reading another window if needed. */
  seek(offset: number): void {
    if (offset >= this.base && offset <= this.base + this.buf.length) {
      this.pos = offset - this.base;
    } else if (this.more !== undefined) {
      this.reload(offset, MIN_REFILL);
    } else {
      throw malformed('offset outside the lexer window', offset);
    }
  }

  /** The byte at an absolute offset (reading another window if needed), or -1 past the input. */
  byteAt(offset: number): number {
    for (;;) {
      const i = offset - this.base;
      if (i >= 0 && i < this.buf.length) return this.buf[i]!;
      if (i >= 0 && this.complete) return -1;
      if (this.more === undefined) throw new EndOfWindow();
      const keep = this.offset;
      this.reload(Math.min(keep, offset), Math.max(MIN_REFILL, offset - keep + 1));
      this.pos = keep - this.base;
      if (offset - this.base >= this.buf.length && !this.complete) throw new EndOfWindow();
    }
  }

  /** The next token (§7.2, §7.3), or `eof` at the end of the input. */
  next(): Token {
    for (;;) {
      const start = this.pos;
      try {
        return this.nextInWindow();
      } catch (e) {
        if (!(e instanceof EndOfWindow) || this.more === undefined) throw e;
        const from = this.base + start;
        this.reload(from, Math.max(MIN_REFILL, 2 * (this.base + this.buf.length - from)));
      }
    }
  }

  private reload(offset: number, minLength: number): void {
    const w = this.more!.window(offset, minLength);
    this.buf = w.buf;
    this.base = offset;
    this.complete = w.complete;
    this.pos = 0;
  }

  /** Skips white space and comments (§7.2.3: a comment is white space up to the end of line). */
  private skipWhite(): void {
    const buf = this.buf;
    let p = this.pos;
    for (;;) {
      if (p >= buf.length) {
        this.pos = p;
        if (!this.complete) throw new EndOfWindow();
        return;
      }
      const b = buf[p]!;
      if (isWhite(b)) {
        p++;
      } else if (b === PERCENT) {
        while (p < buf.length && buf[p] !== CR && buf[p] !== LF) p++;
      } else {
        this.pos = p;
        return;
      }
    }
  }

  private nextInWindow(): Token {
    this.skipWhite();
    const buf = this.buf;
    const start = this.pos;
    if (start >= buf.length) return { type: 'eof', start: this.base + start };
    const b = buf[start]!;
    switch (b) {
      case SLASH:
        return this.readName();
      case LPAREN:
        return this.readLiteralString();
      case LT:
        if (this.peek(start + 1) === LT) {
          this.pos = start + 2;
          return { type: 'delimiter', value: '<<', start: this.base + start };
        }
        return this.readHexString();
      case GT:
        if (this.peek(start + 1) === GT) {
          this.pos = start + 2;
          return { type: 'delimiter', value: '>>', start: this.base + start };
        }
        throw malformed("unexpected '>'", this.base + start);
      case 0x5b: // [
      case 0x5d: // ]
      case 0x7b: // {
      case 0x7d: // }
        this.pos = start + 1;
        return {
          type: 'delimiter',
          value: String.fromCharCode(b) as '[' | ']' | '{' | '}',
          start: this.base + start,
        };
      case RPAREN:
        throw malformed("unexpected ')'", this.base + start);
      default:
        return this.readRegular();
    }
  }

  /** The byte at window index `i`; throws EndOfWindow past a partial window, -1 past the input. */
  private peek(i: number): number {
    if (i < this.buf.length) return this.buf[i]!;
    if (!this.complete) throw new EndOfWindow();
    return -1;
  }

  /** The end (window index) of the run of regular characters starting at `from`. */
  private regularEnd(from: number): number {
    const buf = this.buf;
    let p = from;
    while (p < buf.length && !isWhite(buf[p]!) && !isDelimiter(buf[p]!)) p++;
    if (p >= buf.length && !this.complete) throw new EndOfWindow();
    return p;
  }

  /** A number (§7.3.3) or a keyword: any other run of regular characters. */
  private readRegular(): Token {
    const buf = this.buf;
    const start = this.pos;
    const end = this.regularEnd(start);
    this.pos = end;
    const num = parseNumber(buf, start, end);
    if (num !== undefined) return { type: 'number', ...num, start: this.base + start };
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
    return { type: 'keyword', value: s, start: this.base + start };
  }

  /** A name (§7.3.5): `#xx` is the byte xx. A `#` not followed by two hex digits stays as is. */
  private readName(): Token {
    const buf = this.buf;
    const start = this.pos;
    const end = this.regularEnd(start + 1);
    let s = '';
    for (let i = start + 1; i < end; i++) {
      const b = buf[i]!;
      if (b === HASH && i + 2 < end) {
        const h = hexValue(buf[i + 1]!);
        const l = hexValue(buf[i + 2]!);
        if (h >= 0 && l >= 0) {
          s += String.fromCharCode(h * 16 + l);
          i += 2;
          continue;
        }
      }
      s += String.fromCharCode(b);
    }
    this.pos = end;
    return { type: 'name', value: s, start: this.base + start };
  }

  /**
   * A literal string (§7.3.4.2): balanced parentheses need no escape; `\ddd` is octal (high-order
   * overflow ignored); a backslash before an end-of-line joins lines; an unescaped CR or CR LF
   * reads as LF; an unknown escape drops the backslash.
   */
  private readLiteralString(): Token {
    const buf = this.buf;
    const start = this.pos;
    let out = new Uint8Array(64);
    let n = 0;
    const push = (v: number): void => {
      if (n === out.length) {
        const bigger = new Uint8Array(out.length * 2);
        bigger.set(out);
        out = bigger;
      }
      out[n++] = v;
    };
    let depth = 1;
    let p = start + 1;
    const at = (i: number): number => {
      if (i < buf.length) return buf[i]!;
      if (!this.complete) throw new EndOfWindow();
      throw malformed('unterminated literal string', this.base + start);
    };
    for (;;) {
      const b = at(p++);
      if (b === LPAREN) {
        depth++;
        push(b);
      } else if (b === RPAREN) {
        if (--depth === 0) break;
        push(b);
      } else if (b === CR) {
        if (at(p) === LF) p++;
        push(LF);
      } else if (b === BACKSLASH) {
        const e = at(p++);
        switch (e) {
          case 0x6e: // n
            push(LF);
            break;
          case 0x72: // r
            push(CR);
            break;
          case 0x74: // t
            push(0x09);
            break;
          case 0x62: // b
            push(0x08);
            break;
          case 0x66: // f
            push(0x0c);
            break;
          case CR:
            if (at(p) === LF) p++;
            break;
          case LF:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2; k++) {
                const d = at(p);
                if (d < 0x30 || d > 0x37) break;
                v = v * 8 + (d - 0x30);
                p++;
              }
              push(v & 0xff);
            } else {
              push(e);
            }
        }
      } else {
        push(b);
      }
    }
    this.pos = p;
    return { type: 'string', bytes: out.slice(0, n), hex: false, start: this.base + start };
  }

  /**
   * A hexadecimal string (§7.3.4.3): white space ignored, a missing final digit is 0. Decoded
   * natively (the /Contents of a signature is kilobytes of hex, read more than once per file);
   * the byte loop runs only to report where an invalid character is.
   */
  private readHexString(): Token {
    const buf = this.buf;
    const start = this.pos;
    const p = start + 1;
    const close = buf.indexOf(GT, p);
    if (close < 0) {
      if (!this.complete) throw new EndOfWindow();
      throw malformed('unterminated hexadecimal string', this.base + start);
    }
    let digits = Buffer.from(buf.buffer, buf.byteOffset + p, close - p).toString('latin1');
    if (NOT_HEX.test(digits)) {
      digits = digits.replace(PDF_WHITE, '');
      if (NOT_HEX.test(digits)) {
        for (let i = p; i < close; i++) {
          if (!isWhite(buf[i]!) && hexValue(buf[i]!) < 0)
            throw malformed('invalid character in hexadecimal string', this.base + i);
        }
      }
    }
    if (digits.length % 2) digits += '0';
    this.pos = close + 1;
    const bytes = new Uint8Array(Buffer.from(digits, 'hex'));
    return { type: 'string', bytes, hex: true, start: this.base + start };
  }
}

const NOT_HEX = /[^0-9A-Fa-f]/;
/** ISO 32000-1 §7.2.2 Table 1 white space, as a pattern. */
// eslint-disable-next-line no-control-regex
const PDF_WHITE = /[\x00\t\n\f\r ]/g;

/**
 * Parses `buf[start, end)` as a number (§7.3.3): sign, digits, at most one period. Repeated signs
 * and a lone sign or period are read leniently (as real-world writers produce them); anything
 * else is not a number.
 */
function parseNumber(
  buf: Uint8Array,
  start: number,
  end: number,
): { value: number; integer: boolean } | undefined {
  let i = start;
  let negative = false;
  while (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) {
    if (buf[i] === 0x2d) negative = true;
    i++;
  }
  let intPart = 0;
  let digits = 0;
  while (i < end && isDigit(buf[i]!)) {
    intPart = intPart * 10 + (buf[i]! - 0x30);
    digits++;
    i++;
  }
  if (i === end) {
    if (digits === 0 && i === start) return undefined;
    return { value: negative && intPart !== 0 ? -intPart : intPart, integer: true };
  }
  if (buf[i] !== 0x2e) return undefined;
  i++;
  let frac = 0;
  let scale = 1;
  while (i < end && isDigit(buf[i]!)) {
    if (scale < 1e17) {
      frac = frac * 10 + (buf[i]! - 0x30);
      scale *= 10;
    }
    digits++;
    i++;
  }
  if (i !== end) return undefined;
  const v = intPart + frac / scale;
  return { value: negative && v !== 0 ? -v : v, integer: false };
}
