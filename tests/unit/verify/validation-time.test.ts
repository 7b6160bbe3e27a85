/**
 * Issue 7's validation-time matrix, on real signed PDFs (signPdf with the test PKI's keys, a
 * signature timestamp from the test TSA answered in-process at a chosen time) and real CRLs
 * (tests/support/crl-builder.ts), verified by verifyPdfSignatures with the time frozen by --at:
 *
 * - valid now → TOTAL_PASSED;
 * - expired now, timestamped while valid → TOTAL_PASSED (the timestamp is the proof of existence),
 *   and the same with a document timestamp over it instead (B-LTA);
 * - expired now, no timestamp → INDETERMINATE OUT_OF_BOUNDS_NO_POE;
 * - revoked before signing → TOTAL_FAILED REVOKED;
 * - revoked after a trusted timestamp → TOTAL_PASSED; the same without the timestamp →
 *   INDETERMINATE REVOKED_NO_POE (the claim alone proves nothing);
 * - no revocation data with --revocation hard → INDETERMINATE TRY_LATER (soft: reported, passes);
 * - a stale CRL → flagged REVOCATION_OUT_OF_BOUNDS_NO_POE.
 * The claimed signing time and the trusted time are reported apart.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { answerTimeStampRequest, schemeFor } from '../../../src/cms/index.js';
import { BufferSource, defaultContext, fixedClock } from '../../../src/kernel/index.js';
import type { SignatureReport } from '../../../src/report/model.js';
import { addDocumentTimestamp, makeTimestamper, signPdf } from '../../../src/sign/index.js';
import { TrustStore, type RevocationPolicy } from '../../../src/trust/index.js';
import { verifyPdfSignatures } from '../../../src/verify/verify-pdf.js';
import { buildCrl, type CrlEntry } from '../../support/crl-builder.js';
import { testCertDer, testKey } from '../../support/test-keys.js';

const SIGNED_AT = new Date('2026-11-25T03:00:00Z');
const SERIAL = { citizen: '48a1000000001003', revoked: '48a1000000001008' };

async function unsigned(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  doc.addPage([595, 842]).drawText('Quyet dinh so 7/QD-UBND', { x: 72, y: 760, size: 14, font });
  return doc.save({ useObjectStreams: false });
}

let serial = 5000n;
/** The test TSA answering in this process, its clock at `at`. */
function tsaAt(at: Date) {
  return makeTimestamper(
    'in-process',
    (request) =>
      answerTimeStampRequest(
        {
          key: testKey('tsa'),
          policy: '1.3.6.1.4.1.99999.1.1',
          now: () => at,
          serial: () => serial++,
        },
        request,
      ),
    (n) => new Uint8Array(n).fill(7),
  );
}

/** A PDF signed by `signer` at SIGNED_AT, with a signature timestamp at `timestampAt` if given. */
async function signed(signer: string, timestampAt: Date | null): Promise<Uint8Array> {
  const base = await unsigned();
  const key = testKey(signer);
  const timestamper = timestampAt === null ? undefined : tsaAt(timestampAt);
  const result = await signPdf(
    new BufferSource(base),
    {
      key,
      scheme: schemeFor(key.privateKey, false),
      digest: 'sha256',
      allowExpired: true,
      ...(timestamper ? { timestamper } : {}),
    },
    defaultContext({ clock: fixedClock(SIGNED_AT.toISOString()) }),
  );
  return new Uint8Array(Buffer.concat([base, result.update]));
}

function crl(entries: CrlEntry[], thisUpdate: string, nextUpdate: string): Uint8Array {
  return buildCrl({ thisUpdate: new Date(thisUpdate), nextUpdate: new Date(nextUpdate), entries });
}

function verify(
  pdf: Uint8Array,
  at: string,
  crls: Uint8Array[] = [],
  revocation: RevocationPolicy = 'soft',
): SignatureReport {
  const trust = TrustStore.fromBytes({
    anchors: [testCertDer('root')],
    intermediates: [testCertDer('intermediate')],
    crls,
  });
  const [report] = verifyPdfSignatures(new BufferSource(pdf), {
    trust,
    at: new Date(at),
    policy: 'strict',
    extraCertificates: [],
    revocation,
  });
  return report!;
}

const check = (r: SignatureReport, id: string) => r.checks.find((c) => c.id === id)!;
/** A CRL current in mid-2027 listing nobody. */
const CLEAN_2027 = () => crl([], '2027-06-01T00:00:00Z', '2027-07-01T00:00:00Z');

describe('validation time and proof of existence', () => {
  it('valid now: TOTAL_PASSED, the claimed time reported as a claim', async () => {
    const r = verify(await signed('citizen', null), '2026-11-26T00:00:00Z', [
      crl([], '2026-11-20T00:00:00Z', '2026-12-20T00:00:00Z'),
    ]);
    expect(r.indication).toBe('TOTAL_PASSED');
    expect(r.signingTimeSource).toBe('pdf-m'); // PAdES puts the claim in /M, not in signing-time
    expect(r.timestamp).toBeNull();
  });

  it('expired now but timestamped while valid: TOTAL_PASSED, judged at the timestamp', async () => {
    const stamped = new Date(SIGNED_AT.getTime() + 5 * 60_000);
    const r = verify(await signed('short-lived', stamped), '2027-06-15T00:00:00Z', [CLEAN_2027()]);
    expect(r.indication, JSON.stringify(r.checks)).toBe('TOTAL_PASSED');
    expect(r.timestamp).toMatchObject({ time: stamped.toISOString(), valid: true });
    // The trusted time and the signer's claim, reported apart.
    expect(r.signingTime).toBe(stamped.toISOString());
    expect(r.signingTimeSource).toBe('timestamp');
    expect(r.claimedSigningTime).toBe(SIGNED_AT.toISOString());
    expect(check(r, 'trust.validity').status).toBe('PASSED');
  });

  it('expired now, no signature timestamp but a document timestamp while valid (B-LTA): TOTAL_PASSED', async () => {
    const signedPdf = await signed('short-lived', null);
    const stampedAt = new Date(SIGNED_AT.getTime() + 60 * 60_000);
    const ts = await addDocumentTimestamp(new BufferSource(signedPdf), tsaAt(stampedAt));
    const pdf = new Uint8Array(Buffer.concat([signedPdf, ts.update]));
    const trust = TrustStore.fromBytes({
      anchors: [testCertDer('root')],
      intermediates: [testCertDer('intermediate')],
      crls: [CLEAN_2027()],
    });
    const reports = verifyPdfSignatures(new BufferSource(pdf), {
      trust,
      at: new Date('2027-06-15T00:00:00Z'),
      policy: 'strict',
      extraCertificates: [],
    });
    expect(reports.map((r) => r.indication)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(reports[0]!.modificationLevel).toBe('LTA_UPDATES');
    expect(reports[0]!.checks.find((c) => c.id === 'trust.validity')!.status).toBe('PASSED');
  });

  it('expired now, no timestamp: INDETERMINATE OUT_OF_BOUNDS_NO_POE', async () => {
    const r = verify(await signed('short-lived', null), '2027-06-15T00:00:00Z', [CLEAN_2027()]);
    expect([r.indication, r.subIndication]).toEqual(['INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE']);
  });

  it('revoked before signing: TOTAL_FAILED REVOKED (with or without a timestamp)', async () => {
    const list = [
      crl(
        [{ serial: SERIAL.revoked, revocationDate: new Date('2026-03-01T00:00:00Z') }],
        '2026-11-01T00:00:00Z',
        '2026-12-31T00:00:00Z',
      ),
    ];
    for (const ts of [null, SIGNED_AT]) {
      const r = verify(await signed('revoked', ts), '2026-11-26T00:00:00Z', list);
      expect([r.indication, r.subIndication]).toEqual(['TOTAL_FAILED', 'REVOKED']);
      expect(r.revocation).toMatchObject({ status: 'REVOKED', source: 'CRL' });
    }
  });

  it('revoked after a trusted timestamp: TOTAL_PASSED; without the timestamp: INDETERMINATE REVOKED_NO_POE', async () => {
    const list = [
      crl(
        [
          {
            serial: SERIAL.citizen,
            revocationDate: new Date('2026-12-15T00:00:00Z'),
            reason: 'keyCompromise',
          },
        ],
        '2027-01-10T00:00:00Z',
        '2027-02-10T00:00:00Z',
      ),
    ];
    const timestamped = verify(await signed('citizen', SIGNED_AT), '2027-01-15T00:00:00Z', list);
    expect(timestamped.indication, JSON.stringify(timestamped.checks)).toBe('TOTAL_PASSED');
    expect(check(timestamped, 'trust.revocation')).toMatchObject({
      status: 'PASSED',
      params: { revokedLater: '2026-12-15T00:00:00.000Z' },
    });
    const claimOnly = verify(await signed('citizen', null), '2027-01-15T00:00:00Z', list);
    expect([claimOnly.indication, claimOnly.subIndication]).toEqual([
      'INDETERMINATE',
      'REVOKED_NO_POE',
    ]);
  });

  it('no revocation data: soft reports TRY_LATER and passes, hard is INDETERMINATE TRY_LATER, off does not look', async () => {
    const pdf = await signed('citizen', null);
    const soft = verify(pdf, '2026-11-26T00:00:00Z');
    expect(soft.indication).toBe('TOTAL_PASSED');
    expect(check(soft, 'trust.revocation')).toMatchObject({
      status: 'SKIPPED',
      params: { tryLater: 'TRY_LATER' },
    });
    const hard = verify(pdf, '2026-11-26T00:00:00Z', [], 'hard');
    expect([hard.indication, hard.subIndication]).toEqual(['INDETERMINATE', 'TRY_LATER']);
    const off = verify(pdf, '2026-11-26T00:00:00Z', [], 'off');
    expect(check(off, 'trust.revocation')).toMatchObject({
      status: 'SKIPPED',
      params: { reason: 'policy-off' },
    });
  });

  it('a stale CRL is flagged: REVOCATION_OUT_OF_BOUNDS_NO_POE (INDETERMINATE under hard)', async () => {
    const pdf = await signed('citizen', null);
    const stale = [crl([], '2026-09-01T00:00:00Z', '2026-10-01T00:00:00Z')];
    expect(check(verify(pdf, '2026-11-26T00:00:00Z', stale), 'trust.revocation')).toMatchObject({
      status: 'SKIPPED',
      params: { outOfBounds: 'REVOCATION_OUT_OF_BOUNDS_NO_POE' },
    });
    const hard = verify(pdf, '2026-11-26T00:00:00Z', stale, 'hard');
    expect([hard.indication, hard.subIndication]).toEqual([
      'INDETERMINATE',
      'REVOCATION_OUT_OF_BOUNDS_NO_POE',
    ]);
  });
});
