// SourceDigests: ByteRange digests and the file fingerprint from one shared pass give exactly
// what hashing each range on its own gives, in whatever order they are asked for.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BufferSource, type ByteSource } from '../../../src/kernel/index.js';
import { SourceDigests, type ByteRanges } from '../../../src/verify/content-digest.js';

const bytes = new Uint8Array(3 * 1024 * 1024 + 123).map((_, i) => (i * 2654435761) >>> 24);

function direct(algorithm: string, ranges: ByteRanges): string {
  const h = createHash(algorithm);
  for (const [o, l] of ranges) h.update(bytes.subarray(o, o + l));
  return h.digest('hex');
}

/** A BufferSource that counts the bytes read from it. */
function counting(): { src: ByteSource; read: () => number } {
  const inner = new BufferSource(bytes);
  let n = 0;
  const src: ByteSource = {
    size: inner.size,
    read: (o, l) => {
      const r = inner.read(o, l);
      n += r.length;
      return r;
    },
    close: () => {},
  };
  return { src, read: () => n };
}

const hex = (d: Uint8Array | null) => Buffer.from(d!).toString('hex');

describe('SourceDigests', () => {
  it('gives the digests of separate passes, signatures in any order, several algorithms', () => {
    const { src } = counting();
    const digests = new SourceDigests(src);
    const second: ByteRanges = [
      [0, 2_000_000],
      [2_100_000, 1_000_000],
    ];
    const first: ByteRanges = [
      [0, 500_000],
      [510_000, 90_000],
    ];
    const odd: ByteRanges = [[1000, 5000]];
    expect(hex(digests.provider(second)('sha256'))).toBe(direct('sha256', second));
    expect(hex(digests.provider(first)('sha256'))).toBe(direct('sha256', first));
    expect(hex(digests.provider(second)('sha512'))).toBe(direct('sha512', second));
    expect(hex(digests.provider(odd)('sha256'))).toBe(direct('sha256', odd));
    expect(digests.provider(second)('no-such-hash')).toBeNull();
    expect(digests.sha256()).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('reads a file about once for a signature covering it and the fingerprint', () => {
    const { src, read } = counting();
    const digests = new SourceDigests(src);
    const size = bytes.length;
    const ranges: ByteRanges = [
      [0, size - 20_000],
      [size - 10_000, 10_000],
    ];
    expect(hex(digests.provider(ranges)('sha256'))).toBe(direct('sha256', ranges));
    expect(digests.sha256()).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(read()).toBe(size + 10_000);
  });
});
