/**
 * Digests of the signed bytes, computed on demand per algorithm and streamed from the source
 * (never the whole file in memory). A signer names its digest algorithm; the ranges are the
 * PDF ByteRange, a detached content file, or an enveloped eContent.
 */
import { createHash, getHashes, type Hash } from 'node:crypto';
import { forEachChunk, type ByteSource } from '../kernel/index.js';

const SUPPORTED = new Set(getHashes());

export type ByteRanges = readonly (readonly [offset: number, length: number])[];

/** `(algorithm) => digest | null`: null for an algorithm node:crypto does not know. */
export function digestProvider(
  src: ByteSource,
  ranges: ByteRanges,
): (algorithm: string) => Uint8Array | null {
  const cache = new Map<string, Uint8Array | null>();
  return (algorithm) => {
    if (cache.has(algorithm)) return cache.get(algorithm)!;
    let digest: Uint8Array | null = null;
    if (SUPPORTED.has(algorithm)) {
      const h = createHash(algorithm);
      for (const [offset, length] of ranges) forEachChunk(src, offset, length, (c) => h.update(c));
      digest = new Uint8Array(h.digest());
    }
    cache.set(algorithm, digest);
    return digest;
  };
}

/** The same for bytes already in memory (an enveloped eContent). */
export function digestOfBytes(bytes: Uint8Array): (algorithm: string) => Uint8Array | null {
  return (algorithm) =>
    SUPPORTED.has(algorithm) ? new Uint8Array(createHash(algorithm).update(bytes).digest()) : null;
}

/**
 * Digests of one source's ranges that start at byte 0, sharing that prefix: a PDF signature's
 * ByteRange is [0 a b c] and covers all but its /Contents, and the file's SHA-256 covers it all,
 * so a running hash per algorithm is carried forward through the file and copied (Hash.copy) at
 * each range end. A 1 GB file is read and hashed about once instead of once per signature plus
 * once for its fingerprint. A range ending before the running hash starts a pass of its own.
 */
export class SourceDigests {
  private readonly running = new Map<string, { readonly hash: Hash; at: number }>();

  constructor(private readonly src: ByteSource) {}

  /** digestProvider for `ranges` of this source, its first range read through the shared prefix. */
  provider(ranges: ByteRanges): (algorithm: string) => Uint8Array | null {
    const cache = new Map<string, Uint8Array | null>();
    return (algorithm) => {
      if (cache.has(algorithm)) return cache.get(algorithm)!;
      let digest: Uint8Array | null = null;
      if (SUPPORTED.has(algorithm)) {
        const [first, ...rest] = ranges;
        const shared = first !== undefined && first[0] === 0;
        const h = shared ? this.prefix(algorithm, first[1]) : createHash(algorithm);
        for (const [offset, length] of shared ? rest : ranges)
          forEachChunk(this.src, offset, length, (c) => h.update(c));
        digest = new Uint8Array(h.digest());
      }
      cache.set(algorithm, digest);
      return digest;
    };
  }

  /** SHA-256 of the whole source, hex (the report's file fingerprint). */
  sha256(): string {
    return this.prefix('sha256', this.src.size).digest('hex');
  }

  /** A hash of [0, length) that the caller may finish. */
  private prefix(algorithm: string, length: number): Hash {
    let run = this.running.get(algorithm);
    if (run && run.at > length) {
      const h = createHash(algorithm);
      forEachChunk(this.src, 0, length, (c) => h.update(c));
      return h;
    }
    if (!run) {
      run = { hash: createHash(algorithm), at: 0 };
      this.running.set(algorithm, run);
    }
    const hash = run.hash;
    forEachChunk(this.src, run.at, length - run.at, (c) => hash.update(c));
    run.at = length;
    return hash.copy();
  }
}

/** SHA-256 of a whole source, hex (the report's file fingerprint). */
export function sha256Of(src: ByteSource): string {
  const h = createHash('sha256');
  forEachChunk(src, 0, src.size, (c) => h.update(c));
  return h.digest('hex');
}
