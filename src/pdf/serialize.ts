/**
 * Writing objects (ISO 32000-1 §7.3) in one canonical form: single spaces between tokens,
 * `<< /Key value >>`, `[a b]`, names re-escaped with `#xx` (§7.3.5), strings as literal strings
 * with the escapes §7.3.4.2 requires or as hexadecimal when `.hex`, integers without a decimal
 * point and reals in plain decimal notation (no exponent, which §7.3.3 does not allow) with at
 * most six decimals. `PdfRaw` bytes are written verbatim and their positions recorded.
 */
import { HosoError } from '../kernel/index.js';
import { ByteBuilder } from './byte-builder.js';
import {
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfObject,
} from './objects.js';

const MAX_DECIMALS = 6;
const HEX = '0123456789ABCDEF';

/** Bytes that must be escaped in a name: delimiters, `#`, and anything outside `!`..`~`. */
const NAME_ESCAPE = new Uint8Array(256);
for (let b = 0; b < 256; b++) if (b < 0x21 || b > 0x7e) NAME_ESCAPE[b] = 1;
for (const c of '()<>[]{}/%#') NAME_ESCAPE[c.charCodeAt(0)] = 1;

function internal(detail: string): HosoError {
  return new HosoError('INTERNAL', { params: { detail } });
}

/** A number as PDF writes it (§7.3.3). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw internal(`cannot write the number ${n} in a PDF`);
  if (Number.isInteger(n))
    return Math.abs(n) < 1e21 ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  let s = n.toFixed(MAX_DECIMALS);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/** Serialises objects into one buffer, remembering where each `PdfRaw` went. */
export class PdfWriter {
  private readonly out = new ByteBuilder(4096, Number.POSITIVE_INFINITY, 'PDF output');
  /** Offset (in this writer's output) of the first occurrence of each `PdfRaw`. */
  readonly rawOffsets = new Map<PdfRaw, number>();

  get length(): number {
    return this.out.length;
  }

  text(s: string): void {
    this.out.text(s);
  }

  bytes(b: Uint8Array): void {
    this.out.bytes(b);
  }

  /** `N G obj` … `endobj` (§7.3.10); a stream is only allowed here. */
  indirect(ref: PdfRef, obj: PdfObject): void {
    this.text(`${ref.num} ${ref.gen} obj\n`);
    if (obj instanceof PdfStream) this.stream(obj);
    else this.object(obj);
    this.text('\nendobj\n');
  }

  /** A direct object. */
  object(obj: PdfObject): void {
    if (obj === null) this.text('null');
    else if (typeof obj === 'boolean') this.text(obj ? 'true' : 'false');
    else if (typeof obj === 'number') this.text(formatNumber(obj));
    else if (obj instanceof PdfName) this.name(obj);
    else if (obj instanceof PdfString) this.string(obj);
    else if (obj instanceof PdfRef) this.text(`${obj.num} ${obj.gen} R`);
    else if (obj instanceof PdfRaw) this.raw(obj);
    else if (obj instanceof PdfDict) this.dict(obj);
    else if (obj instanceof PdfStream)
      throw internal('a stream can only be written as an indirect object');
    else this.array(obj);
  }

  /** A stream (§7.3.8) with its in-memory data and a /Length that matches it. */
  stream(s: PdfStream): void {
    const data = s.data;
    if (data === undefined) throw internal('a stream without in-memory data cannot be serialised');
    const dict = new PdfDict();
    for (const [k, v] of s.dict.entries()) dict.set(k, k === 'Length' ? data.length : v);
    if (!dict.has('Length')) dict.set('Length', data.length);
    this.dict(dict);
    this.text('\nstream\n');
    this.bytes(data);
    this.text('\nendstream');
  }

  toBytes(): Uint8Array {
    return this.out.toBytes();
  }

  private raw(r: PdfRaw): void {
    if (!this.rawOffsets.has(r)) this.rawOffsets.set(r, this.out.length);
    this.bytes(r.bytes);
  }

  private name(n: PdfName): void {
    const s = n.name;
    let wide = false;
    for (let i = 0; i < s.length && !wide; i++) if (s.charCodeAt(i) > 0xff) wide = true;
    // Names are byte strings; one built from wider text is written as its UTF-8 bytes (§7.3.5).
    const bytes = wide ? new TextEncoder().encode(s) : Uint8Array.from(s, (c) => c.charCodeAt(0));
    let out = '/';
    for (const b of bytes) {
      out += NAME_ESCAPE[b] === 1 ? `#${HEX[b >> 4]}${HEX[b & 15]}` : String.fromCharCode(b);
    }
    this.text(out);
  }

  private string(s: PdfString): void {
    const b = s.bytes;
    if (s.hex) {
      let out = '<';
      for (const v of b) out += HEX[v >> 4]! + HEX[v & 15]!;
      this.text(`${out}>`);
      return;
    }
    // §7.3.4.2: backslash and unbalanced parentheses must be escaped (we escape all
    // parentheses), and a bare CR would be read back as LF.
    const buf = this.out.reserve(2 + 2 * b.length);
    let n = this.out.length;
    buf[n++] = 0x28;
    for (const v of b) {
      if (v === 0x28 || v === 0x29 || v === 0x5c) {
        buf[n++] = 0x5c;
        buf[n++] = v;
      } else if (v === 0x0d) {
        buf[n++] = 0x5c;
        buf[n++] = 0x72;
      } else {
        buf[n++] = v;
      }
    }
    buf[n++] = 0x29;
    this.out.advance(n - this.out.length);
  }

  private dict(d: PdfDict): void {
    this.text('<<');
    for (const [k, v] of d.entries()) {
      this.text(' ');
      this.name(PdfName.of(k));
      this.text(' ');
      this.object(v);
    }
    this.text(' >>');
  }

  private array(a: PdfObject[]): void {
    this.text('[');
    a.forEach((v, i) => {
      if (i > 0) this.text(' ');
      this.object(v);
    });
    this.text(']');
  }
}

/** One object as bytes: streams with `N G obj` wrapping left to the caller. */
export function serializeObject(obj: PdfObject): Uint8Array {
  const w = new PdfWriter();
  if (obj instanceof PdfStream) w.stream(obj);
  else w.object(obj);
  return w.toBytes();
}
