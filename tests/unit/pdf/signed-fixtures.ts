/**
 * Signed PDFs for the signature-reading tests, made in the test with hoso's own signer and the
 * test PKI (test-certs/), and helpers to edit their bytes the way attacks do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { schemeFor, type SigningKey } from '../../../src/cms/index.js';
import { BufferSource, defaultContext, fixedClock } from '../../../src/kernel/index.js';
import { openPdf, type PdfFile } from '../../../src/pdf/index.js';
import { signPdf, type PadesRequest, type PadesResult } from '../../../src/sign/index.js';
import { SAMPLES } from '../../support/paths.js';
import { testKey } from '../../support/test-keys.js';

const ctx = defaultContext({ clock: fixedClock('2026-11-25T07:00:00Z') });

export const sample = (path: string): Uint8Array =>
  new Uint8Array(readFileSync(join(SAMPLES, path)));

export const unsignedForm = (): Uint8Array => sample('inputs/application-form.pdf');

export const open = (bytes: Uint8Array): PdfFile => openPdf(new BufferSource(bytes));

export async function sign(
  base: Uint8Array,
  key: SigningKey = testKey('officer'),
  extra: Partial<PadesRequest> = {},
): Promise<{ bytes: Uint8Array; result: PadesResult }> {
  const result = await signPdf(
    new BufferSource(base),
    { key, scheme: schemeFor(key.privateKey, false), digest: 'sha256', ...extra },
    ctx,
  );
  return { bytes: new Uint8Array(Buffer.concat([base, result.update])), result };
}

export const latin = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));

/** Index of `needle` in `bytes` at or after `from` (the tests' own byte surgery, not a reader). */
export function find(bytes: Uint8Array, needle: string, from = 0): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(
    Buffer.from(needle, 'latin1'),
    from,
  );
}

/** A copy of `bytes` with `text` written over the bytes at `at` (same length: nothing moves). */
export function overwrite(bytes: Uint8Array, at: number, text: string): Uint8Array {
  const out = bytes.slice();
  out.set(latin(text), at);
  return out;
}

/** `text` padded with spaces to `width` bytes. */
export function padTo(text: string, width: number): string {
  if (text.length > width) throw new Error(`"${text}" is longer than ${width} bytes`);
  return text + ' '.repeat(width - text.length);
}
