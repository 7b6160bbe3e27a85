/**
 * Objects by number (ISO 32000-1 §7.3.10, §7.5): looks each up in the merged cross-reference,
 * parses it at its offset or takes it from its object stream (§7.5.7), and keeps a bounded cache
 * of parsed objects and decoded object streams.
 *
 * Repair on demand: when the object at the recorded offset is not the one asked for, we try
 * the offset counted from the `%PDF-` header, then the nearest matching `N G obj` within 1 KiB,
 * then (once) a scan of the whole file; success marks the file as damaged.
 *
 * Objects handed out are shared with the cache: callers that want to change one should change
 * a copy (`cloneObject`).
 */
import { ascii, indexOfBytes } from './byte-search.js';
import { decodeStreamData } from './filters.js';
import { objectHeaderAt } from './header-scan.js';
import { readIndirectObjectAt } from './indirect-object-reader.js';
import { LruCache } from './lru-cache.js';
import { ObjectStream } from './object-stream.js';
import { PdfRef, PdfStream, type PdfObject } from './objects.js';
import { malformed, tooLarge, unsupported } from './pdf-errors.js';
import type { SourceReader } from './source-reader.js';
import type { XrefEntry } from './xref-entry.js';
import type { XrefIndex } from './xref-index.js';
import { reconstructXref } from './xref-reconstruct.js';
import { isHosoError } from '../kernel/index.js';

export interface StreamReadOptions {
  /** Apply the stream's filters (default false: the raw, still encoded bytes). */
  readonly decode?: boolean;
  /** Limit on the bytes returned (raw or decoded); more is INPUT_TOO_LARGE. */
  readonly maxBytes?: number;
}

export const DEFAULT_MAX_STREAM_BYTES = 256 * 1024 * 1024;

const OBJECT_CACHE = 4096;
const OBJECT_STREAM_CACHE = 16;
const MAX_REF_CHAIN = 32;
const NEAR = 1024;
const OBJ = ascii('obj');

export class ObjectStore {
  /** Set by the file once the trailer is known: encrypted strings and streams are not decrypted. */
  encrypted = false;
  private repairedObjects = false;
  private readonly cache = new LruCache<number, PdfObject>(OBJECT_CACHE);
  private readonly objectStreams = new LruCache<number, ObjectStream>(OBJECT_STREAM_CACHE);
  private readonly loading = new Set<number>();
  private scanned: XrefIndex | undefined;

  constructor(
    private readonly reader: SourceReader,
    readonly index: XrefIndex,
    private readonly headerOffset: number,
  ) {}

  /** True once an object had to be found somewhere other than where the xref said. */
  get repaired(): boolean {
    return this.repairedObjects;
  }

  getObject(num: number): PdfObject | undefined {
    const hit = this.cache.get(num);
    if (hit !== undefined) return hit;
    const entry = this.index.get(num);
    if (entry === undefined || entry.type === 'free') return undefined;
    this.loading.add(num);
    try {
      const obj = this.load(num, entry);
      this.cache.set(num, obj);
      return obj;
    } finally {
      this.loading.delete(num);
    }
  }

  resolve(obj: PdfObject | undefined): PdfObject | undefined {
    let cur = obj;
    for (let hops = 0; cur instanceof PdfRef; hops++) {
      if (hops >= MAX_REF_CHAIN) throw malformed(`reference chain too long at ${cur.toString()}`);
      cur = this.getObject(cur.num);
    }
    return cur;
  }

  readStreamData(stream: PdfStream, opts: StreamReadOptions = {}): Uint8Array {
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_STREAM_BYTES;
    let raw: Uint8Array;
    const fromSource = stream.data === undefined;
    if (stream.data !== undefined) {
      raw = stream.data;
    } else if (stream.sourceOffset !== undefined && stream.sourceLength !== undefined) {
      if (stream.sourceLength > maxBytes) throw tooLarge('Stream', stream.sourceLength, maxBytes);
      raw = this.reader.read(stream.sourceOffset, stream.sourceLength);
    } else {
      throw malformed('stream has neither data nor a position in the file');
    }
    if (opts.decode !== true) {
      if (raw.length > maxBytes) throw tooLarge('Stream', raw.length, maxBytes);
      return fromSource ? raw.slice() : raw;
    }
    // §7.6.1: cross-reference streams are never encrypted; everything else would need the
    // security handler, which this layer does not implement.
    if (this.encrypted && stream.dict.getName('Type') !== 'XRef') {
      throw unsupported('decoding a stream of an encrypted file');
    }
    const out = decodeStreamData(raw, stream.dict, maxBytes, (o) => this.resolve(o));
    return out === raw && fromSource ? raw.slice() : out;
  }

  private load(num: number, entry: XrefEntry): PdfObject {
    if (entry.type === 'compressed') return this.loadCompressed(num, entry.streamNum, entry.index);
    if (entry.type !== 'offset') throw malformed(`object ${num} is free`);
    const direct = this.tryAt(num, entry.offset);
    if (direct !== undefined) return direct;
    const repaired = this.findElsewhere(num, entry.offset);
    if (repaired === undefined)
      throw malformed(`object ${num} is not where the cross-reference says`, entry.offset);
    this.repairedObjects = true;
    return repaired;
  }

  /** The object at `offset` if it parses and is object `num`. */
  private tryAt(num: number, offset: number): PdfObject | undefined {
    if (offset < 0 || offset >= this.reader.size) return undefined;
    try {
      const io = readIndirectObjectAt(this.reader, offset, (ref) =>
        this.loading.has(ref.num) ? undefined : this.getObject(ref.num),
      );
      return io.num === num ? io.obj : undefined;
    } catch (e) {
      if (isHosoError(e) && e.code === 'PDF_MALFORMED') return undefined;
      throw e;
    }
  }

  private findElsewhere(num: number, offset: number): PdfObject | undefined {
    if (this.headerOffset > 0) {
      const shifted = this.tryAt(num, offset + this.headerOffset);
      if (shifted !== undefined) return shifted;
    }
    const from = Math.max(0, offset - NEAR);
    const buf = this.reader.read(from, offset + NEAR - from);
    const near: number[] = [];
    for (let i = indexOfBytes(buf, OBJ); i >= 0; i = indexOfBytes(buf, OBJ, i + 3)) {
      const h = objectHeaderAt(buf, i);
      if (h !== undefined && h.num === num) near.push(from + h.start);
    }
    near.sort((a, b) => Math.abs(a - offset) - Math.abs(b - offset));
    for (const at of near) {
      const obj = this.tryAt(num, at);
      if (obj !== undefined) return obj;
    }
    this.scanned ??= reconstructXref(this.reader).index;
    const e = this.scanned.get(num);
    if (e?.type === 'offset' && e.offset !== offset) return this.tryAt(num, e.offset);
    if (e?.type === 'compressed') {
      try {
        return this.loadCompressed(num, e.streamNum, e.index);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  private loadCompressed(num: number, streamNum: number, index: number): PdfObject {
    let os = this.objectStreams.get(streamNum);
    if (os === undefined) {
      if (this.loading.has(streamNum))
        throw malformed(`object stream ${streamNum} contains itself`);
      const entry = this.index.get(streamNum);
      if (entry?.type === 'compressed')
        throw malformed(`object stream ${streamNum} is inside another object stream`);
      const stream = this.getObject(streamNum);
      if (!(stream instanceof PdfStream))
        throw malformed(`object ${streamNum} is not an object stream`);
      if (this.encrypted) throw unsupported('objects in object streams of an encrypted file');
      const data = this.readStreamData(stream, { decode: true });
      const n = this.resolve(stream.dict.get('N'));
      const first = this.resolve(stream.dict.get('First'));
      os = new ObjectStream(
        data,
        typeof n === 'number' ? n : -1,
        typeof first === 'number' ? first : -1,
      );
      this.objectStreams.set(streamNum, os);
    }
    const obj = os.get(num, index);
    if (obj === undefined) throw malformed(`object ${num} is not in object stream ${streamNum}`);
    return obj;
  }
}
