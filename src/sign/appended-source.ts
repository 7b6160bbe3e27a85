/**
 * A byte source that is an input followed by updates held in memory: what the file will be once
 * they are appended. B-LT and B-LTA chain several incremental updates (signature, DSS, document
 * timestamp), each built on the file as the previous one leaves it, without copying the input.
 */
import { concatBytes, type ByteSource } from '../kernel/index.js';

export class AppendedSource implements ByteSource {
  readonly size: number;
  private readonly tail: Uint8Array;

  constructor(
    private readonly base: ByteSource,
    updates: readonly Uint8Array[],
  ) {
    this.tail = concatBytes(updates);
    this.size = base.size + this.tail.length;
  }

  read(offset: number, length: number): Uint8Array {
    const start = Math.max(0, Math.min(offset, this.size));
    const end = Math.min(this.size, start + Math.max(0, length));
    if (end <= this.base.size) return this.base.read(start, end - start);
    if (start >= this.base.size)
      return this.tail.subarray(start - this.base.size, end - this.base.size);
    return concatBytes([
      this.base.read(start, this.base.size - start),
      this.tail.subarray(0, end - this.base.size),
    ]);
  }

  /** The base is the caller's to close. */
  close(): void {}
}
