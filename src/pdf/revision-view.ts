/**
 * The file as it was at the end of each revision (ISO 32000-1 §7.5.6): which objects a
 * revision's cross-reference section gave new versions, added or freed, and any object as of
 * the end of a given revision. Modification analysis (src/verify) compares the revision a
 * signature covers with each later one.
 *
 * An object's version at revision r is found in the sections of revision r, then r-1, … 0 (the
 * first entry wins, as when the whole chain is merged). When no later revision touches the
 * object, the current version is that version and comes from the file's own cache. The entries
 * of each revision are read again from its sections on first use and kept compactly (sorted
 * typed arrays, 17 bytes per entry).
 *
 * Limits: for a damaged file (`PdfFile.damaged`) the sections are those the repair scan found,
 * so the views are best-effort; an old version whose offset does not hold that object is an
 * error (PDF_MALFORMED), not repaired.
 */
import { LruCache } from './lru-cache.js';
import { ObjectStream } from './object-stream.js';
import { PdfDict, PdfRef, PdfStream, type PdfObject } from './objects.js';
import { listPages, type PageEntry } from './page-tree.js';
import { fileInternals, type FileInternals, type PdfFile } from './pdf-file.js';
import { malformed } from './pdf-errors.js';
import { readIndirectObjectAt } from './indirect-object-reader.js';
import { mergeTrailers } from './trailer-merge.js';
import { readSectionEntries } from './xref-chain.js';
import type { XrefEntry } from './xref-entry.js';
import { XrefIndex } from './xref-index.js';

const FREE = 1;
const OFFSET = 2;
const COMPRESSED = 3;
const MAX_REF_CHAIN = 32;
const OBJECT_CACHE = 2048;
const OBJECT_STREAM_CACHE = 8;

/** The entries of one revision's sections, sorted by object number. */
class RevisionEntries {
  private readonly nums: Uint32Array;
  private readonly kinds: Uint8Array;
  private readonly a: Float64Array;
  private readonly b: Uint32Array;

  constructor(
    index: XrefIndex,
    /** The revision's trailer (its newest section's), undefined if it has no section. */
    readonly trailer: PdfDict | undefined,
  ) {
    let n = 0;
    for (const _ of index.entries()) n++;
    this.nums = new Uint32Array(n);
    this.kinds = new Uint8Array(n);
    this.a = new Float64Array(n);
    this.b = new Uint32Array(n);
    let i = 0;
    for (const [num, e] of index.entries()) {
      this.nums[i] = num;
      if (e.type === 'free') {
        this.kinds[i] = FREE;
        this.a[i] = e.nextFree;
        this.b[i] = e.gen;
      } else if (e.type === 'offset') {
        this.kinds[i] = OFFSET;
        this.a[i] = e.offset;
        this.b[i] = e.gen;
      } else {
        this.kinds[i] = COMPRESSED;
        this.a[i] = e.streamNum;
        this.b[i] = e.index;
      }
      i++;
    }
  }

  get count(): number {
    return this.nums.length;
  }

  numberAt(i: number): number {
    return this.nums[i]!;
  }

  get(num: number): XrefEntry | undefined {
    let lo = 0;
    let hi = this.nums.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.nums[mid]!;
      if (v === num) return this.entryAt(mid);
      if (v < num) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  entryAt(i: number): XrefEntry {
    const a = this.a[i]!;
    const b = this.b[i]!;
    switch (this.kinds[i]) {
      case FREE:
        return { type: 'free', nextFree: a, gen: b };
      case OFFSET:
        return { type: 'offset', offset: a, gen: b };
      default:
        return { type: 'compressed', streamNum: a, index: b };
    }
  }
}

function sameEntry(x: XrefEntry | undefined, y: XrefEntry | undefined): boolean {
  if (x === undefined || y === undefined) return x === y;
  if (x.type === 'offset' && y.type === 'offset') return x.offset === y.offset && x.gen === y.gen;
  if (x.type === 'compressed' && y.type === 'compressed')
    return x.streamNum === y.streamNum && x.index === y.index;
  if (x.type === 'free' && y.type === 'free') return true;
  return false;
}

/** Per-file state of the revision views: entries by revision, old versions of objects. */
class RevisionHistory {
  private readonly inner: FileInternals;
  private readonly revisions: (RevisionEntries | undefined)[];
  private readonly objects = new LruCache<string, PdfObject | null>(OBJECT_CACHE);
  private readonly objectStreams = new LruCache<string, ObjectStream>(OBJECT_STREAM_CACHE);
  private readonly loading = new Set<string>();

  constructor(private readonly pdf: PdfFile) {
    this.inner = fileInternals(pdf);
    this.revisions = new Array<RevisionEntries | undefined>(pdf.revisions.length);
  }

  get last(): number {
    return this.pdf.revisions.length - 1;
  }

  checkIndex(r: number): void {
    if (!Number.isInteger(r) || r < 0 || r > this.last) {
      throw malformed(`no revision ${r} (the file has ${this.pdf.revisions.length})`);
    }
  }

  entries(r: number): RevisionEntries {
    let e = this.revisions[r];
    if (e === undefined) {
      const index = new XrefIndex();
      let trailer: PdfDict | undefined;
      for (const s of this.inner.sections) {
        if (s.revision !== r) continue;
        const read = readSectionEntries(this.inner.reader, s, this.inner.headerOffset, (n, x) =>
          index.setIfAbsent(n, x),
        );
        trailer ??= read.trailer;
      }
      e = new RevisionEntries(index, trailer);
      this.revisions[r] = e;
    }
    return e;
  }

  /** The entry of `num` in effect at the end of revision `r`. */
  entryAt(num: number, r: number): XrefEntry | undefined {
    for (let k = r; k >= 0; k--) {
      const e = this.entries(k).get(num);
      if (e !== undefined) return e;
    }
    return undefined;
  }

  private changedAfter(num: number, r: number): boolean {
    for (let k = this.last; k > r; k--) if (this.entries(k).get(num) !== undefined) return true;
    return false;
  }

  trailerAt(r: number): PdfDict {
    const trailers: PdfDict[] = [];
    for (let k = r; k >= 0; k--) {
      const t = this.entries(k).trailer;
      if (t !== undefined) trailers.push(t);
    }
    return trailers.length > 0 ? mergeTrailers(trailers) : this.pdf.trailer;
  }

  changedIn(r: number): number[] {
    const own = this.entries(r);
    const out: number[] = [];
    for (let i = 0; i < own.count; i++) {
      const num = own.numberAt(i);
      if (num === 0) continue;
      const entry = own.entryAt(i);
      const before = r > 0 ? this.entryAt(num, r - 1) : undefined;
      if (entry.type === 'free') {
        if (before !== undefined && before.type !== 'free') out.push(num);
        continue;
      }
      if (sameEntry(before, entry)) {
        // The same place in an object stream that this revision replaced is a new version.
        if (entry.type === 'compressed') {
          const streamNow = own.get(entry.streamNum);
          if (
            streamNow !== undefined &&
            !sameEntry(streamNow, r > 0 ? this.entryAt(entry.streamNum, r - 1) : undefined)
          ) {
            out.push(num);
          }
        }
        continue;
      }
      out.push(num);
    }
    return out;
  }

  objectAt(num: number, r: number): PdfObject | undefined {
    if (r >= this.last || !this.changedAfter(num, r)) return this.pdf.getObject(num);
    const key = `${num}@${r}`;
    const hit = this.objects.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const entry = this.entryAt(num, r);
    // A later section that repeats the same entry gave no new version.
    if (entry?.type !== 'free' && sameEntry(entry, this.pdf.xrefEntry(num))) {
      return this.pdf.getObject(num);
    }
    let obj: PdfObject | undefined;
    if (entry === undefined || entry.type === 'free') {
      obj = undefined;
    } else {
      if (this.loading.has(key)) throw malformed(`object ${num} refers to itself`);
      this.loading.add(key);
      try {
        obj =
          entry.type === 'offset'
            ? this.loadAt(num, entry.offset, r)
            : this.loadCompressed(num, entry.streamNum, entry.index, r);
      } finally {
        this.loading.delete(key);
      }
    }
    this.objects.set(key, obj ?? null);
    return obj;
  }

  resolveAt(obj: PdfObject | undefined, r: number): PdfObject | undefined {
    let cur = obj;
    for (let hops = 0; cur instanceof PdfRef; hops++) {
      if (hops >= MAX_REF_CHAIN) throw malformed(`reference chain too long at ${cur.toString()}`);
      cur = this.objectAt(cur.num, r);
    }
    return cur;
  }

  private loadAt(num: number, offset: number, r: number): PdfObject {
    const io = readIndirectObjectAt(this.inner.reader, offset, (ref) => {
      const key = `${ref.num}@${r}`;
      return this.loading.has(key) ? undefined : this.objectAt(ref.num, r);
    });
    if (io.num !== num) {
      throw malformed(`object ${num} is not where revision ${r}'s cross-reference says`, offset);
    }
    return io.obj;
  }

  private loadCompressed(num: number, streamNum: number, index: number, r: number): PdfObject {
    const where = this.entryAt(streamNum, r);
    if (where?.type !== 'offset') {
      throw malformed(`object stream ${streamNum} of object ${num} is not a stream at an offset`);
    }
    const key = `${streamNum}:${where.offset}`;
    let os = this.objectStreams.get(key);
    if (os === undefined) {
      const stream = this.objectAt(streamNum, r);
      if (!(stream instanceof PdfStream))
        throw malformed(`object ${streamNum} is not an object stream`);
      const data = this.pdf.readStreamData(stream, { decode: true });
      const n = this.resolveAt(stream.dict.get('N'), r);
      const first = this.resolveAt(stream.dict.get('First'), r);
      os = new ObjectStream(
        data,
        typeof n === 'number' ? n : -1,
        typeof first === 'number' ? first : -1,
      );
      this.objectStreams.set(key, os);
    }
    const obj = os.get(num, index);
    if (obj === undefined) throw malformed(`object ${num} is not in object stream ${streamNum}`);
    return obj;
  }
}

const histories = new WeakMap<PdfFile, RevisionHistory>();

function history(pdf: PdfFile, r: number): RevisionHistory {
  let h = histories.get(pdf);
  if (h === undefined) {
    h = new RevisionHistory(pdf);
    histories.set(pdf, h);
  }
  h.checkIndex(r);
  return h;
}

/**
 * Object numbers (ascending) that revision `revisionIndex`'s cross-reference section gives a
 * new version, adds, or frees — objects in object streams included. Entries that repeat what
 * was already in effect (the same offset, or a free entry for an object that was not in use)
 * are not changes: some writers list unchanged objects again. Object 0 is never listed.
 */
export function objectsChangedIn(pdf: PdfFile, revisionIndex: number): number[] {
  return history(pdf, revisionIndex).changedIn(revisionIndex);
}

/** Object `num` as it was at the end of revision `revisionIndex`; undefined if free or absent. */
export function objectAtRevision(
  pdf: PdfFile,
  num: number,
  revisionIndex: number,
): PdfObject | undefined {
  return history(pdf, revisionIndex).objectAt(num, revisionIndex);
}

/** What a reader saw at the end of one revision: its trailer, objects and pages. */
export interface RevisionState {
  readonly index: number;
  readonly trailer: PdfDict;
  getObject(num: number): PdfObject | undefined;
  /** Follows references at this revision; undefined for a free or missing object. */
  resolve(obj: PdfObject | undefined): PdfObject | undefined;
  lookupDict(obj: PdfObject | undefined): PdfDict | undefined;
  /** The catalog at this revision, if the trailer leads to one. */
  catalog(): PdfDict | undefined;
  /** The pages at this revision, in document order. */
  pages(): PageEntry[];
}

/** The file as of the end of revision `revisionIndex`. */
export function revisionState(pdf: PdfFile, revisionIndex: number): RevisionState {
  const h = history(pdf, revisionIndex);
  const r = revisionIndex;
  const trailer = h.trailerAt(r);
  const state: RevisionState = {
    index: r,
    trailer,
    getObject: (num) => h.objectAt(num, r),
    resolve: (obj) => h.resolveAt(obj, r),
    lookupDict: (obj) => {
      const v = h.resolveAt(obj, r);
      return v instanceof PdfDict ? v : undefined;
    },
    catalog: () => state.lookupDict(trailer.get('Root')),
    pages: () => listPages(state, state.catalog()?.get('Pages')),
  };
  return state;
}
