/**
 * Byte sources: random access to an input without loading it whole, so a 1 GB PDF does not
 * need 1 GB of memory. Core code reads through this interface; the file-backed implementation
 * is an adapter the CLI hands in.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export interface ByteSource {
  readonly size: number;
  /** Reads up to `length` bytes at `offset` (fewer only at the end of the source). */
  read(offset: number, length: number): Uint8Array;
  /**
   * Optional: fills `target` from `offset`, returning the byte count (fewer only at the end).
   * Lets long sequential reads (hashing a 1 GB file) reuse one buffer instead of allocating.
   */
  readInto?(offset: number, target: Uint8Array): number;
  close(): void;
}

export class BufferSource implements ByteSource {
  readonly size: number;
  constructor(private readonly bytes: Uint8Array) {
    this.size = bytes.length;
  }
  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.size));
    return this.bytes.subarray(start, Math.min(this.size, start + Math.max(0, length)));
  }
  close(): void {}
}

export class FileSource implements ByteSource {
  readonly size: number;
  private fd: number | null;
  constructor(path: string) {
    this.fd = openSync(path, 'r');
    this.size = fstatSync(this.fd).size;
  }
  read(offset: number, length: number): Uint8Array {
    if (this.fd === null) throw new Error('FileSource used after close');
    const start = Math.max(0, Math.min(offset, this.size));
    const n = Math.min(this.size - start, Math.max(0, length));
    const buf = Buffer.allocUnsafe(n);
    let done = 0;
    while (done < n) {
      const r = readSync(this.fd, buf, done, n - done, start + done);
      if (r === 0) break;
      done += r;
    }
    return done === n ? buf : buf.subarray(0, done);
  }
  readInto(offset: number, target: Uint8Array): number {
    if (this.fd === null) throw new Error('FileSource used after close');
    const n = Math.min(target.length, Math.max(0, this.size - offset));
    let done = 0;
    while (done < n) {
      const r = readSync(this.fd, target, done, n - done, offset + done);
      if (r === 0) break;
      done += r;
    }
    return done;
  }
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Calls `fn` with each chunk of [offset, offset+length) in order, reading at most `chunk` bytes at
 * a time. A chunk is valid only during its call (the buffer is reused): copy what you keep.
 */
export function forEachChunk(
  src: ByteSource,
  offset: number,
  length: number,
  fn: (chunk: Uint8Array) => void,
  chunk = 1 << 20,
): void {
  let pos = offset;
  const end = offset + length;
  const buffer = src.readInto ? new Uint8Array(Math.min(chunk, Math.max(0, length))) : undefined;
  while (pos < end) {
    const want = Math.min(chunk, end - pos);
    const part =
      buffer && src.readInto
        ? buffer.subarray(0, src.readInto(pos, buffer.subarray(0, want)))
        : src.read(pos, want);
    if (part.length === 0) throw new Error(`unexpected end of input at byte ${pos}`);
    fn(part);
    pos += part.length;
  }
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function fromLatin1(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  return new Uint8Array(
    Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))),
  );
}

/** An exactly-sized ArrayBuffer copy, for APIs (asn1js, WebCrypto) that take ArrayBuffer. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(out).set(bytes);
  return out;
}
