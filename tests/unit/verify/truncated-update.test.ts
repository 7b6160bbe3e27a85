/**
 * A signed PDF cut short inside its signing update (a broken download): the last `startxref` left
 * is the unsigned revision's. Read by that chain the file looks unsigned; hoso reads it by its
 * objects instead, finds the signature, and fails it because its ByteRange runs past the end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../../src/kernel/index.js';
import { TrustStore } from '../../../src/trust/index.js';
import { verifyPdfSignatures } from '../../../src/verify/index.js';
import { SourceDigests } from '../../../src/verify/content-digest.js';
import { SAMPLES } from '../../support/paths.js';

const signed = new Uint8Array(readFileSync(join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf')));
const ctx = {
  trust: TrustStore.fromBytes({ anchors: [], intermediates: [], crls: [] }),
  at: new Date('2026-11-25T00:00:00Z'),
  policy: 'strict' as const,
  extraCertificates: [],
};

function verify(bytes: Uint8Array) {
  const src = new BufferSource(bytes);
  return verifyPdfSignatures(src, ctx, new SourceDigests(src));
}

describe('a signed PDF truncated inside its signing update', () => {
  it('is not mistaken for an unsigned file: the signature is found and fails its ByteRange', () => {
    expect(verify(signed)).toHaveLength(1);
    const cut = signed.subarray(0, signed.length - 16); // the final startxref and %%EOF are gone
    const sigs = verify(cut);
    expect(sigs).toHaveLength(1);
    expect(sigs[0]!.indication).toBe('TOTAL_FAILED');
    const wellFormed = sigs[0]!.checks.find((c) => c.id === 'pdf.byterange.well-formed');
    expect(wellFormed?.status).toBe('FAILED');
    expect(wellFormed?.detail).toContain('past the end of the file');
  });

  it('still reads an intact file through its cross-reference chain', () => {
    expect(verify(signed)[0]!.checks.find((c) => c.id === 'pdf.byterange')?.status).toBe('PASSED');
  });
});
