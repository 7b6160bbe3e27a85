/**
 * Hand-assembled PDF bytes for tests: objects at known offsets, classic xref tables written
 * exactly as asked (including the defects a test wants), trailers and startxref.
 */
import { BufferSource } from '../../../src/kernel/index.js';
import { openPdf, type PdfFile } from '../../../src/pdf/index.js';

export const enc = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
export const dec = (b: Uint8Array): string => Buffer.from(b).toString('latin1');

export class PdfBuilder {
  private readonly parts: Uint8Array[] = [];
  length = 0;
  readonly offsets = new Map<number, number>();

  constructor(header = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n') {
    this.text(header);
  }

  text(s: string): this {
    return this.bytes(enc(s));
  }

  bytes(b: Uint8Array): this {
    this.parts.push(b);
    this.length += b.length;
    return this;
  }

  obj(num: number, body: string | Uint8Array, gen = 0): this {
    this.offsets.set(num, this.length);
    this.text(`${num} ${gen} obj\n`);
    if (typeof body === 'string') this.text(body);
    else this.bytes(body);
    return this.text('\nendobj\n');
  }

  /** A stream object whose /Length is given (or correct when omitted). */
  stream(num: number, dict: string, data: Uint8Array | string, length?: number | string): this {
    const d = typeof data === 'string' ? enc(data) : data;
    this.offsets.set(num, this.length);
    const len = length ?? d.length;
    this.text(`${num} 0 obj\n<< ${dict} /Length ${len} >>\nstream\n`);
    this.bytes(d);
    return this.text('\nendstream\nendobj\n');
  }

  /**
   * A classic xref section covering 0..max (objects not added are free), returns its offset.
   * `eol` is the two-byte end of each entry (" \n" or "\r\n" per §7.5.4; others to damage it).
   */
  xref(opts: { eol?: string; only?: number[]; first?: number } = {}): number {
    const at = this.length;
    const eol = opts.eol ?? '\r\n';
    const nums = opts.only ?? [...Array(Math.max(0, ...this.offsets.keys()) + 1).keys()];
    this.text('xref\n');
    const sorted = [...nums].sort((a, b) => a - b);
    const runs: number[][] = [];
    for (const n of sorted) {
      const last = runs[runs.length - 1];
      if (last && last[last.length - 1]! + 1 === n) last.push(n);
      else runs.push([n]);
    }
    for (const run of runs) {
      this.text(`${opts.first ?? run[0]} ${run.length}\n`);
      for (const n of run) {
        const off = this.offsets.get(n);
        if (off === undefined) this.text(`0000000000 ${n === 0 ? '65535' : '00000'} f${eol}`);
        else this.text(`${String(off).padStart(10, '0')} 00000 n${eol}`);
      }
    }
    return at;
  }

  trailer(dict: string, startxref: number): this {
    return this.text(`trailer\n${dict}\nstartxref\n${startxref}\n%%EOF\n`);
  }

  toBytes(): Uint8Array {
    return new Uint8Array(Buffer.concat(this.parts));
  }

  open(): PdfFile {
    return openPdf(new BufferSource(this.toBytes()));
  }
}

/** The usual first objects: catalog 1, pages 2, one page 3 with a MediaBox. */
export function basicObjects(b: PdfBuilder): PdfBuilder {
  return b
    .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
    .obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
    .obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
