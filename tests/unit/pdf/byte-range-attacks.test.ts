// Attacks on the ByteRange/Contents structure, made by editing the bytes of a signed sample
// (samples/dossier-001/don-de-nghi.pdf) in the test: the universal signature forgery variants
// (Mladenov et al., "1 Trillion Dollar Refund", 2019), signature wrapping, an uncovered tail,
// and a first signature that no longer covers its revision. Each must fail its own check.
import { describe, expect, it } from 'vitest';
import {
  checkByteRange,
  findSignatures,
  type ByteRangeResult,
  type PdfSignature,
} from '../../../src/pdf/index.js';
import { BufferSource } from '../../../src/kernel/index.js';
import { TrustStore } from '../../../src/trust/index.js';
import { verifyPdfSignatures } from '../../../src/verify/index.js';
import { testCertDer, testKey } from '../../support/test-keys.js';
import { concat } from './pdf-builder.js';
import { find, latin, open, overwrite, padTo, sample, sign } from './signed-fixtures.js';

const signed = () => sample('dossier-001/don-de-nghi.pdf');

interface Located {
  readonly sig: PdfSignature;
  /** Offsets of the signature dictionary and of its /ByteRange array's '[' and ']' + 1. */
  readonly dictAt: number;
  readonly rangeStart: number;
  readonly rangeEnd: number;
  readonly br: readonly [number, number, number, number];
}

function locate(bytes: Uint8Array, index = 0): Located {
  const pdf = open(bytes);
  const sig = findSignatures(pdf)[index]!;
  const e = pdf.xrefEntry(sig.objectNumber!);
  if (e?.type !== 'offset') throw new Error('signature dictionary not at an offset');
  const rangeStart = find(bytes, '[', find(bytes, '/ByteRange', e.offset));
  const rangeEnd = find(bytes, ']', rangeStart) + 1;
  const br = sig.byteRange as unknown as [number, number, number, number];
  return { sig, dictAt: e.offset, rangeStart, rangeEnd, br };
}

/** The file with its (first) /ByteRange value rewritten in place, same width. */
function rewriteByteRange(bytes: Uint8Array, value: string, index = 0): Uint8Array {
  const { rangeStart, rangeEnd } = locate(bytes, index);
  return overwrite(bytes, rangeStart, padTo(value, rangeEnd - rangeStart));
}

function check(bytes: Uint8Array, index = 0): ByteRangeResult {
  const pdf = open(bytes);
  const result = checkByteRange(pdf, findSignatures(pdf)[index]!);
  if (result.checks.some((c) => c.id === 'pdf.byterange' && c.status === 'FAILED'))
    expectNotPassed(bytes, index);
  return result;
}

/** The whole verifier, trusting the test root: an attacked signature is never TOTAL_PASSED. */
function expectNotPassed(bytes: Uint8Array, index = 0): void {
  const ctx = {
    trust: TrustStore.fromBytes({ anchors: [testCertDer('root')] }),
    at: new Date('2026-11-25T08:00:00Z'),
    policy: 'strict' as const,
    extraCertificates: [],
  };
  const sig = verifyPdfSignatures(new BufferSource(bytes), ctx)[index]!;
  expect(sig.indication).not.toBe('TOTAL_PASSED');
  expect(sig.checks.find((c) => c.id === 'pdf.byterange')?.status).toBe('FAILED');
}

/** The statuses by id, and the reason of the failed sub-checks. */
function outcome(r: ByteRangeResult) {
  const failed = r.checks
    .filter((c) => c.status === 'FAILED' && c.id !== 'pdf.byterange')
    .map((c) => `${c.id}:${String(c.params?.reason ?? '')}`);
  const summary = r.checks.find((c) => c.id === 'pdf.byterange')!;
  return { failed, summary: summary.status, subIndication: summary.subIndication };
}

describe('ByteRange attacks (each fails the right check, FORMAT_FAILURE)', () => {
  it('the untouched sample passes', () => {
    const r = check(signed());
    expect(outcome(r)).toEqual({ failed: [], summary: 'PASSED', subIndication: undefined });
    expect(r.coverage).toBe('ENTIRE_FILE');
  });

  it('missing /Contents (the key renamed)', () => {
    const bytes = signed();
    const { dictAt } = locate(bytes);
    const at = find(bytes, '/Contents', dictAt);
    const r = check(overwrite(bytes, at, '/Contentz'));
    expect(outcome(r)).toEqual({
      failed: ['pdf.byterange.gap-matches-contents:no-contents'],
      summary: 'FAILED',
      subIndication: 'FORMAT_FAILURE',
    });
  });

  it('empty /ByteRange []', () => {
    const r = check(rewriteByteRange(signed(), '[]'));
    expect(outcome(r).failed).toEqual(['pdf.byterange.well-formed:shape']);
    expect(outcome(r).summary).toBe('FAILED');
    expect(r.coverage).toBeNull();
  });

  it('null /ByteRange', () => {
    const bytes = signed();
    const { rangeStart, rangeEnd } = locate(bytes);
    const r = check(overwrite(bytes, rangeStart, padTo('null', rangeEnd - rangeStart)));
    expect(outcome(r).failed).toEqual(['pdf.byterange.well-formed:missing']);
    expect(outcome(r).subIndication).toBe('FORMAT_FAILURE');
  });

  it('a ByteRange pointing elsewhere (the gap moved off /Contents)', () => {
    const bytes = signed();
    const [, a, b, c] = locate(bytes).br;
    const r = check(rewriteByteRange(bytes, `[0 ${a - 200} ${b - 200} ${c + 200}]`));
    expect(outcome(r).failed).toEqual(['pdf.byterange.gap-matches-contents:mismatch']);
  });

  it('/Contents outside the gap: a second /Contents key after the signed one', () => {
    const bytes = signed();
    const { dictAt, sig } = locate(bytes);
    // /M (D:…) follows /Contents in this dictionary: overwrite it with another /Contents
    const at = find(bytes, '/M (', dictAt);
    const width = find(bytes, ')', at) + 1 - at;
    const forged = overwrite(bytes, at, padTo('/Contents <3082>', width));
    const pdf = open(forged);
    const forgedSig = findSignatures(pdf)[0]!;
    expect(forgedSig.duplicateKeys).toContain('Contents');
    expect(forgedSig.contents!.start).toBeGreaterThan(sig.contents!.end);
    const r = checkByteRange(pdf, forgedSig);
    expect(outcome(r).failed).toEqual(['pdf.byterange.gap-matches-contents:mismatch']);
    expectNotPassed(forged);
  });

  it('signature wrapping: the signed tail relocated to the end, the gap widened over new bytes', () => {
    const bytes = signed();
    const [, a, b, c] = locate(bytes).br;
    // [0 a L c]: the second range now points at a copy of the signed tail appended at L; the
    // gap [a, L) holds /Contents and everything an attacker puts after it.
    const L = bytes.length;
    const wrapped = concat(rewriteByteRange(bytes, `[0 ${a} ${L} ${c}]`), bytes.slice(b, b + c));
    const r = check(wrapped);
    expect(outcome(r).failed).toContain('pdf.byterange.gap-matches-contents:mismatch');
    expect(outcome(r).summary).toBe('FAILED');
    // the ranges themselves look fine and even reach the end of the file
    expect(r.checks.find((x) => x.id === 'pdf.byterange.well-formed')!.status).toBe('PASSED');
  });

  it('a tail not covered: bytes appended without a new revision', () => {
    const bytes = concat(signed(), latin('1 0 obj\n(appended)\nendobj\n%%EOF\n'));
    const r = check(bytes);
    expect(outcome(r).failed).toEqual(['pdf.byterange.covers-revision:uncovered-tail']);
    expect(r.checks.find((x) => x.id === 'pdf.byterange.covers-revision')!.params).toMatchObject({
      lastRevisionEnd: signed().length,
      fileSize: bytes.length,
    });
    expect(r.coverage).toBe('PARTIAL');
  });

  it('two signatures where the first no longer covers its revision', async () => {
    const bytes = signed();
    const [, a, b, c] = locate(bytes).br;
    // the first signature's range stops 20 bytes short of its revision (its xref and trailer)
    const short = rewriteByteRange(bytes, `[0 ${a} ${b} ${c - 20}]`);
    const { bytes: twice } = await sign(short, testKey('agency'));
    const first = check(twice, 0);
    const second = check(twice, 1);
    expect(outcome(first).failed).toEqual(['pdf.byterange.covers-revision:not-a-revision-end']);
    expect(first.coverage).toBe('PARTIAL');
    expect(first.signedRevision).toBeNull();
    expect(outcome(second)).toMatchObject({ failed: [], summary: 'PASSED' });
    expect(second.coverage).toBe('ENTIRE_FILE');
  });
});
