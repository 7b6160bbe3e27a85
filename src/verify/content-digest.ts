/**
 * Digests of the signed bytes, computed on demand per algorithm and streamed from the source
 * (never the whole file in memory). A signer names its digest algorithm; the ranges are the
 * PDF ByteRange, a detached content file, or an enveloped eContent.
 */
import { createHash, getHashes } from 'node:crypto';
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

/** SHA-256 of a whole source, hex (the report's file fingerprint). */
export function sha256Of(src: ByteSource): string {
  const h = createHash('sha256');
  forEachChunk(src, 0, src.size, (c) => h.update(c));
  return h.digest('hex');
}
