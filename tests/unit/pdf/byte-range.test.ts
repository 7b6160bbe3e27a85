import { describe, expect, it } from 'vitest';
import { checkByteRange, findSignatures, type PdfSignature } from '../../../src/pdf/index.js';
import type { Check } from '../../../src/report/model.js';
import { testKey } from '../../support/test-keys.js';
import { concat } from './pdf-builder.js';
import { find, latin, open, overwrite, padTo, sign, unsignedForm } from './signed-fixtures.js';

const status = (checks: readonly Check[]) =>
  Object.fromEntries(checks.map((c) => [c.id, c.status]));
const byId = (checks: readonly Check[], id: string) => checks.find((c) => c.id === id)!;

/** A copy of the signed file with its /ByteRange array rewritten in place (same width). */
function withByteRange(bytes: Uint8Array, sig: PdfSignature, text: string): Uint8Array {
  const at = find(bytes, '/ByteRange [', find(bytes, `${sig.objectNumber} 0 obj`));
  const open = at + '/ByteRange '.length;
  const width = find(bytes, ']', open) + 1 - open;
  return overwrite(bytes, open, padTo(text, width));
}

describe('checkByteRange (ISO 32000-1 §12.8.1)', () => {
  it('passes a signature over the whole file: every check, ENTIRE_FILE, its revision', async () => {
    const { bytes } = await sign(unsignedForm());
    const pdf = open(bytes);
    const r = checkByteRange(pdf, findSignatures(pdf)[0]!);
    expect(r.checks.map((c) => c.id)).toEqual([
      'pdf.byterange.well-formed',
      'pdf.byterange.gap-matches-contents',
      'pdf.byterange.covers-revision',
      'pdf.byterange',
    ]);
    expect(r.checks.every((c) => c.status === 'PASSED')).toBe(true);
    expect(r.coverage).toBe('ENTIRE_FILE');
    expect(r.signedRevision).toBe(1);
    expect(byId(r.checks, 'pdf.byterange').params).toMatchObject({ coverage: 'ENTIRE_FILE' });
  });

  it('says ENTIRE_REVISION for the first of two signatures', async () => {
    const first = await sign(unsignedForm(), testKey('officer'));
    const second = await sign(first.bytes, testKey('agency'));
    const pdf = open(second.bytes);
    const [s1, s2] = findSignatures(pdf).map((s) => checkByteRange(pdf, s));
    expect(s1).toMatchObject({ coverage: 'ENTIRE_REVISION', signedRevision: 1 });
    expect(s2).toMatchObject({ coverage: 'ENTIRE_FILE', signedRevision: 2 });
    expect(s1!.checks.every((c) => c.status === 'PASSED')).toBe(true);
  });

  it('allows an end of line after the final %%EOF, and a range ending at %%EOF itself', async () => {
    const { bytes } = await sign(unsignedForm());
    const withCrLf = concat(bytes, latin('\r\n'));
    let pdf = open(withCrLf);
    let r = checkByteRange(pdf, findSignatures(pdf)[0]!);
    expect(r.coverage).toBe('ENTIRE_FILE');
    expect(status(r.checks)['pdf.byterange']).toBe('PASSED');

    // [0 a b c-1]: the signed bytes stop just before the final "\n" (the revision's markerEnd)
    pdf = open(bytes);
    const sig = findSignatures(pdf)[0]!;
    const [, a, b, c] = sig.byteRange as [number, number, number, number];
    const shorter = withByteRange(bytes, sig, `[0 ${a} ${b} ${c - 1}]`);
    pdf = open(shorter);
    r = checkByteRange(pdf, findSignatures(pdf)[0]!);
    expect(status(r.checks)['pdf.byterange.covers-revision']).toBe('PASSED');
    expect(r.coverage).toBe('ENTIRE_FILE');
  });

  it('rejects every malformed ByteRange with the reason', async () => {
    const { bytes } = await sign(unsignedForm());
    const pdf = open(bytes);
    const sig = findSignatures(pdf)[0]!;
    const [, a, b, c] = sig.byteRange as [number, number, number, number];
    const cases: [number[] | null, string][] = [
      [null, 'missing'],
      [[], 'shape'],
      [[0, a, b], 'shape'],
      [[0, a, b, c, 0], 'shape'],
      [[0, a + 0.5, b, c], 'shape'],
      [[-1, a, b, c], 'shape'],
      [[5, a, b, c], 'start'],
      [[0, 0, b, c], 'empty-first'],
      [[0, a, a, c], 'overlap'],
      [[0, a, a - 10, c], 'overlap'],
      [[0, a, b, 0], 'empty-second'],
      [[0, a, b, c + 1], 'outside-file'],
    ];
    for (const [byteRange, reason] of cases) {
      const r = checkByteRange(pdf, { ...sig, byteRange });
      const wf = byId(r.checks, 'pdf.byterange.well-formed');
      expect([byteRange, wf.status, wf.params?.reason]).toEqual([byteRange, 'FAILED', reason]);
      expect(wf.subIndication).toBe('FORMAT_FAILURE');
      expect(byId(r.checks, 'pdf.byterange')).toMatchObject({
        status: 'FAILED',
        subIndication: 'FORMAT_FAILURE',
      });
    }
    // without four usable numbers there is nothing to compare: those checks are skipped
    const r = checkByteRange(pdf, { ...sig, byteRange: [] });
    expect(status(r.checks)).toMatchObject({
      'pdf.byterange.gap-matches-contents': 'SKIPPED',
      'pdf.byterange.covers-revision': 'SKIPPED',
    });
    expect(r.coverage).toBeNull();
  });

  it('rejects a /Contents that is not a hexadecimal string even when the gap matches it', async () => {
    const { bytes } = await sign(unsignedForm());
    const pdf = open(bytes);
    const sig = findSignatures(pdf)[0]!;
    const [, a, b] = sig.byteRange as [number, number, number, number];
    // what a reader would take for a literal string spanning exactly the gap
    const literal = overwrite(overwrite(bytes, a, '('), b - 1, ')');
    const pdf2 = open(literal);
    const r = checkByteRange(pdf2, findSignatures(pdf2)[0]!);
    expect(byId(r.checks, 'pdf.byterange.gap-matches-contents')).toMatchObject({
      status: 'FAILED',
      params: { reason: 'not-hex' },
    });
  });
});
