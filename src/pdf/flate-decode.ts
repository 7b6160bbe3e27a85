/**
 * FlateDecode (ISO 32000-1 §7.4.4): zlib/deflate (RFC 1950/1951) through node:zlib. Output is
 * capped with zlib's own `maxOutputLength`, so a decompression bomb stops at the limit instead of
 * exhausting memory.
 *
 * Real files often carry truncated streams or a wrong Adler-32 trailer; like other readers we
 * return what inflates (`Z_SYNC_FLUSH` keeps partial output) and, on a data error, retry as a
 * raw deflate stream, which skips the header and checksum.
 */
import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import { malformed, tooLarge } from './pdf-errors.js';

function isTooLarge(e: unknown): boolean {
  return (
    e instanceof RangeError ||
    (typeof e === 'object' &&
      e !== null &&
      (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE')
  );
}

export function flateDecode(data: Uint8Array, maxBytes: number): Uint8Array {
  const opts = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, maxBytes) };
  let firstError: unknown;
  const attempts: (() => Uint8Array)[] = [
    () => inflateSync(data, opts),
    () => inflateRawSync(data.subarray(2), opts),
    () => inflateRawSync(data, opts),
  ];
  for (const attempt of attempts) {
    try {
      const out = attempt();
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (e) {
      if (isTooLarge(e)) throw tooLarge('Decoded stream', maxBytes + 1, maxBytes);
      firstError ??= e;
    }
  }
  throw malformed('FlateDecode data cannot be inflated', undefined, firstError);
}
