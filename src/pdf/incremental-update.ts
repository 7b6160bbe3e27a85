/**
 * Incremental updates (ISO 32000-1 §7.5.6): new and replaced objects appended after the original
 * bytes, followed by a cross-reference section for just those objects, a trailer whose /Prev
 * points at the previous section, and `startxref` / `%%EOF`. The original bytes are never
 * rewritten, so they stay an exact prefix of the result and earlier signatures stay valid
 * (§12.8.1); nothing that was not `set` is re-serialised.
 *
 * The new section is of the same kind as the newest one: a classic table (§7.5.4) after a table
 * (a hybrid file's included, §7.5.8.4), a cross-reference stream (§7.5.8) after a stream. A
 * stream after a table would shut out the PDF 1.4 readers that could read the file before; a
 * table after a stream gains nothing, since those readers cannot read the older sections anyway.
 * Keeping the kind keeps the file readable by exactly the readers that read it before.
 *
 * Not supported (refused with a HosoError): encrypted files (this layer cannot encrypt the new
 * strings and streams), and damaged files whose cross-reference had to be rebuilt (there is no
 * valid section for /Prev to point at; repair the file first, e.g. with qpdf).
 */
import { HosoError } from '../kernel/index.js';
import { CR, LF } from './char-classes.js';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfObject,
  type PdfRaw,
} from './objects.js';
import type { PdfFile } from './pdf-file.js';
import { unsupported } from './pdf-errors.js';
import { PdfWriter } from './serialize.js';

export interface IncrementalUpdateBuildOptions {
  /** Length of the original bytes the update is appended to (normally the input's size). */
  readonly baseLength: number;
  /** More trailer entries (not /Size, /Prev, /XRefStm, nor the stream-only keys). */
  readonly trailerExtra?: Readonly<Record<string, PdfObject>>;
  /** The /ID pair to write, as given; without it the existing /ID is copied (or none written). */
  readonly id?: readonly [Uint8Array, Uint8Array];
}

export interface BuiltIncrementalUpdate {
  /** The bytes to append to the original `baseLength` bytes. */
  readonly bytes: Uint8Array;
  /** Absolute offset (in original + update) of each object written, the xref stream included. */
  readonly offsets: Map<number, number>;
  /** Offset within `bytes` of each `PdfRaw` written (its first occurrence). */
  readonly rawOffsets: Map<PdfRaw, number>;
  /** Absolute offset of the new cross-reference section. */
  readonly startxref: number;
}

const RESERVED = new Set(['Size', 'Prev', 'XRefStm']);
const STREAM_RESERVED = new Set(['Type', 'W', 'Index', 'Length', 'Filter', 'DecodeParms']);
/** A classic table writes offsets in 10 digits (§7.5.4). */
const MAX_TABLE_OFFSET = 9_999_999_999;

function internal(detail: string): HosoError {
  return new HosoError('INTERNAL', { params: { detail } });
}

export class IncrementalUpdate {
  private nextNum: number;
  private readonly objects = new Map<number, { ref: PdfRef; obj: PdfObject }>();

  constructor(private readonly file: PdfFile) {
    if (file.isEncrypted) throw new HosoError('PDF_ENCRYPTED', { params: { path: '<input>' } });
    if (file.damaged || file.startxref < 0) {
      throw unsupported('an incremental update of a file whose cross-reference is damaged');
    }
    this.nextNum = file.size;
  }

  /** A new object number (generation 0), never used in the file before. */
  allocate(): PdfRef {
    return new PdfRef(this.nextNum++, 0);
  }

  /** Writes `obj` as object `ref`: a new object, or a new version of an existing one. */
  set(ref: PdfRef, obj: PdfObject): void {
    if (!Number.isInteger(ref.num) || ref.num <= 0)
      throw internal(`invalid object number ${ref.num}`);
    this.objects.set(ref.num, { ref, obj });
    if (ref.num >= this.nextNum) this.nextNum = ref.num + 1;
  }

  build(opts: IncrementalUpdateBuildOptions): BuiltIncrementalUpdate {
    const { baseLength } = opts;
    if (!Number.isInteger(baseLength) || baseLength < 0 || baseLength > this.file.source.size) {
      throw internal(`base length ${baseLength} does not fit the input`);
    }
    const w = new PdfWriter();
    const last = baseLength > 0 ? this.file.source.read(baseLength - 1, 1)[0] : LF;
    if (last !== LF && last !== CR) w.text('\n');

    const offsets = new Map<number, number>();
    for (const { ref, obj } of this.objects.values()) {
      offsets.set(ref.num, baseLength + w.length);
      w.indirect(ref, this.withData(obj));
    }

    const entries = [...this.objects.values()].map(({ ref }) => ({
      num: ref.num,
      gen: ref.gen,
      offset: offsets.get(ref.num)!,
    }));
    const xrefOffset = baseLength + w.length;
    if (this.file.xrefKind === 'stream') {
      const xrefNum = this.nextNum;
      entries.push({ num: xrefNum, gen: 0, offset: xrefOffset });
      offsets.set(xrefNum, xrefOffset);
      entries.sort((a, b) => a.num - b.num);
      w.indirect(new PdfRef(xrefNum, 0), this.xrefStream(entries, opts));
      w.text('\n');
    } else {
      entries.sort((a, b) => a.num - b.num);
      this.xrefTable(w, entries, opts);
    }
    w.text(`startxref\n${xrefOffset}\n%%EOF\n`);
    return { bytes: w.toBytes(), offsets, rawOffsets: w.rawOffsets, startxref: xrefOffset };
  }

  /** A parsed stream carries no data: read its raw bytes so that it can be written again. */
  private withData(obj: PdfObject): PdfObject {
    if (!(obj instanceof PdfStream) || obj.data !== undefined) return obj;
    return new PdfStream(
      obj.dict,
      this.file.readStreamData(obj, { maxBytes: Number.MAX_SAFE_INTEGER }),
    );
  }

  private trailerEntries(
    size: number,
    opts: IncrementalUpdateBuildOptions,
    forStream: boolean,
  ): [string, PdfObject][] {
    const t = this.file.trailer;
    const out: [string, PdfObject][] = [['Size', size]];
    const root = t.get('Root');
    if (root !== undefined) out.push(['Root', root]);
    const info = t.get('Info');
    if (info !== undefined) out.push(['Info', info]);
    if (opts.id !== undefined) {
      out.push(['ID', [new PdfString(opts.id[0], true), new PdfString(opts.id[1], true)]]);
    } else {
      const id = t.get('ID');
      if (id !== undefined) out.push(['ID', id]);
    }
    out.push(['Prev', this.file.startxref]);
    for (const [k, v] of Object.entries(opts.trailerExtra ?? {})) {
      if (RESERVED.has(k) || (forStream && STREAM_RESERVED.has(k))) {
        throw internal(`trailer entry /${k} is written by the incremental update itself`);
      }
      const at = out.findIndex(([key]) => key === k);
      if (at >= 0) out[at] = [k, v];
      else out.push([k, v]);
    }
    return out;
  }

  /** §7.5.4: subsections of consecutive numbers, 20-byte entries ending in CR LF. */
  private xrefTable(
    w: PdfWriter,
    entries: { num: number; gen: number; offset: number }[],
    opts: IncrementalUpdateBuildOptions,
  ): void {
    w.text('xref\n');
    // A section needs at least one subsection (qpdf rejects an empty one): with nothing else to
    // list, repeat the head of the free list, object 0 (§7.5.4).
    if (entries.length === 0) w.text('0 1\n0000000000 65535 f\r\n');
    for (const run of runs(entries)) {
      w.text(`${run[0]!.num} ${run.length}\n`);
      for (const e of run) {
        if (e.offset > MAX_TABLE_OFFSET)
          throw unsupported('an offset beyond 10 digits in a cross-reference table');
        w.text(`${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`);
      }
    }
    const size = Math.max(this.file.size, this.nextNum);
    w.text('trailer\n');
    w.object(new PdfDict(this.trailerEntries(size, opts, false)));
    w.text('\n');
  }

  /** §7.5.8: an uncompressed cross-reference stream, /W [1 n g] as narrow as the values allow. */
  private xrefStream(
    entries: { num: number; gen: number; offset: number }[],
    opts: IncrementalUpdateBuildOptions,
  ): PdfStream {
    const offsetWidth = byteWidth(Math.max(...entries.map((e) => e.offset)));
    const genWidth = byteWidth(Math.max(...entries.map((e) => e.gen)));
    const row = 1 + offsetWidth + genWidth;
    const data = new Uint8Array(entries.length * row);
    entries.forEach((e, i) => {
      const at = i * row;
      data[at] = 1;
      writeBigEndian(data, at + 1, offsetWidth, e.offset);
      writeBigEndian(data, at + 1 + offsetWidth, genWidth, e.gen);
    });
    const index: number[] = [];
    for (const run of runs(entries)) index.push(run[0]!.num, run.length);
    const size = Math.max(this.file.size, entries[entries.length - 1]!.num + 1);
    const dict = new PdfDict([
      ['Type', PdfName.of('XRef')],
      ['W', [1, offsetWidth, genWidth]],
      ['Index', index],
    ]);
    for (const [k, v] of this.trailerEntries(size, opts, true)) dict.set(k, v);
    return new PdfStream(dict, data);
  }
}

/** Entries (sorted by number) grouped into runs of consecutive numbers. */
function runs<T extends { num: number }>(sorted: readonly T[]): T[][] {
  const out: T[][] = [];
  for (const e of sorted) {
    const cur = out[out.length - 1];
    if (cur !== undefined && cur[cur.length - 1]!.num + 1 === e.num) cur.push(e);
    else out.push([e]);
  }
  return out;
}

function byteWidth(max: number): number {
  let n = 1;
  while (max >= 256 ** n) n++;
  return n;
}

function writeBigEndian(buf: Uint8Array, at: number, width: number, value: number): void {
  let v = value;
  for (let k = width - 1; k >= 0; k--) {
    buf[at + k] = v % 256;
    v = Math.floor(v / 256);
  }
}
