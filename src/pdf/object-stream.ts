/**
 * Object streams (ISO 32000-1 §7.5.7): /N objects, a header of N pairs "object-number offset"
 * and the objects themselves from byte /First on, offsets relative to /First. Objects in an
 * object stream are never streams and are not wrapped in `obj`/`endobj`.
 */
import { Lexer } from './lexer.js';
import type { PdfObject } from './objects.js';
import { Parser } from './parser.js';
import { malformed } from './pdf-errors.js';

export class ObjectStream {
  private readonly nums: number[] = [];
  private readonly offsets: number[] = [];

  /** `data` is the decoded stream data; `n` and `first` come from its dictionary. */
  constructor(
    private readonly data: Uint8Array,
    n: number,
    private readonly first: number,
  ) {
    if (
      !Number.isInteger(n) ||
      n < 0 ||
      !Number.isInteger(first) ||
      first < 0 ||
      first > data.length
    ) {
      throw malformed('object stream with an invalid /N or /First');
    }
    const lx = new Lexer(data.subarray(0, first), 0, true);
    for (let i = 0; i < n; i++) {
      const a = lx.next();
      const b = lx.next();
      if (a.type !== 'number' || b.type !== 'number' || !a.integer || !b.integer) break;
      this.nums.push(a.value);
      this.offsets.push(b.value);
    }
  }

  get count(): number {
    return this.nums.length;
  }

  /** The object numbers in the stream, in header order. */
  objectNumbers(): readonly number[] {
    return this.nums;
  }

  /**
   * The object at `index` if it is object `num`; otherwise (a wrong index in the
   * cross-reference) the object numbered `num` wherever it is in the header.
   */
  get(num: number, index: number): PdfObject | undefined {
    const i = this.nums[index] === num ? index : this.nums.indexOf(num);
    if (i < 0) return undefined;
    const start = this.first + this.offsets[i]!;
    // The next object's start bounds this one, so a bare number is never read as the start of
    // an `N G R` reference that spills into the next object.
    let end = this.data.length;
    for (const off of this.offsets)
      if (this.first + off > start && this.first + off < end) end = this.first + off;
    if (start > this.data.length) throw malformed(`object ${num} lies outside its object stream`);
    const lx = new Lexer(this.data.subarray(start, end), 0, true);
    return new Parser(lx).parseObject();
  }
}
