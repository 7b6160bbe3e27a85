/**
 * Windowed, cached reading of a `ByteSource`. The file layer reads the tail, the cross-reference
 * sections and the objects it is asked for, never the whole input: small reads are served from
 * a bounded cache of aligned 64 KiB chunks (objects of one revision sit close together), large
 * reads go straight to the source.
 */
import type { ByteSource } from '../kernel/index.js';
import { Lexer, type WindowSource } from './lexer.js';
import { unsupported } from './pdf-errors.js';

const CHUNK = 64 * 1024;
const MAX_CHUNKS = 32;
/** Reads longer than this bypass the chunk cache. */
const DIRECT = 4 * CHUNK;
/** The largest window a single token may need before we give up on it. */
const MAX_WINDOW = 256 * 1024 * 1024;

export class SourceReader implements WindowSource {
  private readonly chunks = new Map<number, Uint8Array>();

  constructor(readonly source: ByteSource) {}

  get size(): number {
    return this.source.size;
  }

  /**
   * Up to `length` bytes at `offset` (fewer at the end of the input). The result may share
   * memory with the cache or the source: treat it as read-only.
   */
  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.min(this.size, start + Math.max(0, length));
    if (end <= start) return new Uint8Array(0);
    if (end - start > DIRECT) return this.source.read(start, end - start);
    const first = Math.floor(start / CHUNK);
    const last = Math.floor((end - 1) / CHUNK);
    if (first === last) {
      const c = this.chunk(first);
      return c.subarray(start - first * CHUNK, end - first * CHUNK);
    }
    const out = new Uint8Array(end - start);
    for (let i = first; i <= last; i++) {
      const c = this.chunk(i);
      const from = Math.max(start, i * CHUNK);
      const to = Math.min(end, i * CHUNK + c.length);
      out.set(c.subarray(from - i * CHUNK, to - i * CHUNK), from - start);
    }
    return out;
  }

  /** The byte at `offset`, or -1 outside the input. */
  byteAt(offset: number): number {
    if (offset < 0 || offset >= this.size) return -1;
    return this.read(offset, 1)[0] ?? -1;
  }

  /** A window for a lexer (see `WindowSource`): at least `minLength` bytes from `offset` if there are. */
  window(offset: number, minLength: number): { buf: Uint8Array; complete: boolean } {
    if (minLength > MAX_WINDOW) {
      throw unsupported(`a token or object larger than ${MAX_WINDOW} bytes`, offset);
    }
    const buf = this.read(offset, minLength);
    return { buf, complete: offset + buf.length >= this.size };
  }

  /** A lexer positioned at `offset` that reads further windows as it needs them. */
  lexerAt(offset: number, initial = 4096): Lexer {
    const w = this.window(offset, initial);
    return new Lexer(w.buf, offset, w.complete, this);
  }

  private chunk(index: number): Uint8Array {
    const hit = this.chunks.get(index);
    if (hit !== undefined) {
      this.chunks.delete(index);
      this.chunks.set(index, hit);
      return hit;
    }
    const data = this.source.read(index * CHUNK, CHUNK);
    this.chunks.set(index, data);
    if (this.chunks.size > MAX_CHUNKS) {
      const oldest = this.chunks.keys().next().value;
      if (oldest !== undefined) this.chunks.delete(oldest);
    }
    return data;
  }
}
