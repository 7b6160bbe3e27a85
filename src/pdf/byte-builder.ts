/**
 * A growable byte buffer: the serialiser and the decoders append to it, and an optional limit
 * turns runaway output (a decompression bomb) into `INPUT_TOO_LARGE` as soon as it is crossed.
 */
import { tooLarge } from './pdf-errors.js';

export class ByteBuilder {
  private buf: Uint8Array;
  private n = 0;

  constructor(
    initial = 1024,
    private readonly limit = Number.POSITIVE_INFINITY,
    private readonly what = 'Decoded stream',
  ) {
    this.buf = new Uint8Array(Math.max(16, initial));
  }

  get length(): number {
    return this.n;
  }

  /** Makes room for `extra` more bytes and returns the backing array (valid until the next call). */
  reserve(extra: number): Uint8Array {
    const need = this.n + extra;
    if (need > this.limit) throw tooLarge(this.what, need, this.limit);
    if (need > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < need) cap *= 2;
      const bigger = new Uint8Array(cap);
      bigger.set(this.buf.subarray(0, this.n));
      this.buf = bigger;
    }
    return this.buf;
  }

  /** Advances the length after writing into `reserve`'s array. */
  advance(count: number): void {
    this.n += count;
  }

  byte(b: number): void {
    this.reserve(1)[this.n++] = b;
  }

  bytes(b: Uint8Array): void {
    this.reserve(b.length).set(b, this.n);
    this.n += b.length;
  }

  /** Appends ASCII (or latin1) text, one byte per char. */
  text(s: string): void {
    const buf = this.reserve(s.length);
    for (let i = 0; i < s.length; i++) buf[this.n + i] = s.charCodeAt(i) & 0xff;
    this.n += s.length;
  }

  /** The byte at `index` (from the start), for decoders that copy back-references. */
  at(index: number): number {
    return this.buf[index] ?? 0;
  }

  /** A copy of the bytes written so far, trimmed to length. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.n);
  }
}
