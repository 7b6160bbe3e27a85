/**
 * Bounds on what a PKCS#12 reader accepts. A .p12 holds a key and a handful of certificates,
 * a few kilobytes; an attacker-supplied file must not make us allocate gigabytes or spin for
 * minutes on a KDF. Real exports use 2 048 (openssl) to 600 000 (some HSM tools) iterations.
 */
import { HosoError } from '../../kernel/index.js';

export const MAX_PKCS12_BYTES = 10 * 1024 * 1024;
export const MAX_ITERATIONS = 10_000_000;
/** RFC 7292 lets safeContentsBag nest; nobody nests deeper than one level. */
export const MAX_BAG_NESTING = 8;

/** Iteration counts come from the file; refuse absurd ones before spending CPU on them. */
export function checkIterations(iterations: number, what: string): void {
  if (iterations < 1) {
    throw new HosoError('P12_MALFORMED', {
      params: { detail: `${what} iteration count is ${iterations}` },
    });
  }
  if (iterations > MAX_ITERATIONS) {
    throw new HosoError('P12_UNSUPPORTED', {
      params: {
        detail: `${what} iteration count ${iterations} exceeds the limit of ${MAX_ITERATIONS}`,
      },
    });
  }
}
