/**
 * The merged cross-reference of a file: object number → entry. It is stored column-wise in
 * typed arrays (13 bytes per object number) rather than as a Map of objects, so a file with a
 * million objects costs about 13 MB, not a hundred.
 *
 * Sections are merged newest first and the first entry seen for a number wins (§7.5.6: an
 * update's entries replace earlier ones, a free entry deletes the object).
 */
import type { XrefEntry } from './xref-entry.js';

/**
 * Object numbers above this are ignored. ISO 32000-1 Annex C (Table C.1) gives 8 388 607 as the
 * practical limit for indirect objects; we allow twice that, and refuse to size arrays from
 * hostile /Index or subsection values.
 */
export const MAX_OBJECT_NUMBER = 2 * 8_388_607;

const UNSET = 0;
const FREE = 1;
const OFFSET = 2;
const COMPRESSED = 3;

export class XrefIndex {
  private kind = new Uint8Array(64);
  private a = new Float64Array(64);
  private b = new Uint32Array(64);
  private max = -1;

  /** The highest object number with an entry (free or not), or -1. */
  get maxObjectNumber(): number {
    return this.max;
  }

  /** Records `entry` for `num` unless an entry is already there (a newer section's). */
  setIfAbsent(num: number, entry: XrefEntry): void {
    if (!Number.isInteger(num) || num < 0 || num > MAX_OBJECT_NUMBER) return;
    this.grow(num);
    if (this.kind[num] !== UNSET) return;
    switch (entry.type) {
      case 'free':
        this.kind[num] = FREE;
        this.a[num] = entry.nextFree;
        this.b[num] = entry.gen;
        break;
      case 'offset':
        this.kind[num] = OFFSET;
        this.a[num] = entry.offset;
        this.b[num] = entry.gen;
        break;
      case 'compressed':
        this.kind[num] = COMPRESSED;
        this.a[num] = entry.streamNum;
        this.b[num] = entry.index;
        break;
    }
    if (num > this.max) this.max = num;
  }

  has(num: number): boolean {
    return num >= 0 && num < this.kind.length && this.kind[num] !== UNSET;
  }

  get(num: number): XrefEntry | undefined {
    if (!Number.isInteger(num) || num < 0 || num >= this.kind.length) return undefined;
    switch (this.kind[num]) {
      case FREE:
        return { type: 'free', nextFree: this.a[num]!, gen: this.b[num]! };
      case OFFSET:
        return { type: 'offset', offset: this.a[num]!, gen: this.b[num]! };
      case COMPRESSED:
        return { type: 'compressed', streamNum: this.a[num]!, index: this.b[num]! };
      default:
        return undefined;
    }
  }

  /** Object numbers of objects in use (at an offset or in an object stream), ascending. */
  *inUse(): IterableIterator<number> {
    for (let n = 0; n <= this.max; n++) {
      const k = this.kind[n];
      if (k === OFFSET || k === COMPRESSED) yield n;
    }
  }

  /** Every entry, free ones included, by ascending object number. */
  *entries(): IterableIterator<[number, XrefEntry]> {
    for (let n = 0; n <= this.max; n++) {
      const e = this.get(n);
      if (e !== undefined) yield [n, e];
    }
  }

  private grow(num: number): void {
    if (num < this.kind.length) return;
    let cap = this.kind.length;
    while (cap <= num) cap *= 2;
    cap = Math.min(cap, MAX_OBJECT_NUMBER + 1);
    const kind = new Uint8Array(cap);
    kind.set(this.kind);
    const a = new Float64Array(cap);
    a.set(this.a);
    const b = new Uint32Array(cap);
    b.set(this.b);
    this.kind = kind;
    this.a = a;
    this.b = b;
  }
}
