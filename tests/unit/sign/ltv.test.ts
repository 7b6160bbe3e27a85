/**
 * PAdES B-LT and B-LTA through the library, on real artefacts: a sample PDF signed in-process
 * with the test PKI's keys, signature and document timestamps answered in-process by the test
 * TSA, CRLs from tests/support/crl-builder.ts and OCSP responses from ocsp-builder.ts. Each
 * output is verified by verifyPdfSignatures with a trust store holding only the root — no
 * intermediate, no CRL — so whatever revocation status it finds came from the file's DSS.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTimeStampRequest, schemeFor, type SigningKey } from '../../../src/cms/index.js';
import {
  BufferSource,
  defaultContext,
  fixedClock,
  HosoError,
  type Context,
} from '../../../src/kernel/index.js';
import {
  findSignatures,
  isPdfArray,
  openPdf,
  PdfRef,
  PdfStream,
  type PdfFile,
} from '../../../src/pdf/index.js';
import type { SignatureReport } from '../../../src/report/model.js';
import {
  extendPdf,
  makeTimestamper,
  signPdf,
  signPdfLongTerm,
  type LongTermRequest,
  type RevocationSources,
  type Timestamper,
} from '../../../src/sign/index.js';
import { OnlineRevocation, TrustStore } from '../../../src/trust/index.js';
import { verifyPdfSignatures } from '../../../src/verify/verify-pdf.js';
import {
  buildCrl,
  loadTestKey,
  startCrlServer,
  type RunningCrlServer,
} from '../../support/crl-builder.js';
import { buildOcspResponse, certIdOf } from '../../support/ocsp-builder.js';
import { SAMPLES } from '../../support/paths.js';
import { testCertDer, testKey } from '../../support/test-keys.js';
import { INTERMEDIATE_NAME, issue, rsaKey, testKey as caKey } from '../trust/mint.js';

const SIGNED_AT = new Date('2026-11-25T03:00:00Z');
const VERIFIED_AT = '2026-11-26T00:00:00Z';
const ctx: Context = defaultContext({ clock: fixedClock(SIGNED_AT) });
const form = () => new Uint8Array(readFileSync(join(SAMPLES, 'inputs', 'application-form.pdf')));
const sha1Hex = (b: Uint8Array) => createHash('sha1').update(b).digest('hex').toUpperCase();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The test TSA answering in-process at SIGNED_AT; `calls()` counts its answers. */
function tsa(): Timestamper & { calls: () => number } {
  let serial = 9000n;
  let calls = 0;
  const stamper = makeTimestamper(
    'in-process',
    (request) => {
      calls++;
      return answerTimeStampRequest(
        {
          key: testKey('tsa'),
          policy: '1.3.6.1.4.1.99999.1.1',
          now: () => SIGNED_AT,
          serial: () => serial++,
        },
        request,
      );
    },
    (n) => new Uint8Array(n).fill(9),
  );
  return Object.assign(stamper, { calls: () => calls });
}

/** The issuing CA's CRL, current from a week before signing for a month; lists `revoked`. */
const currentCrl = () =>
  buildCrl({
    thisUpdate: new Date('2026-11-18T00:00:00Z'),
    nextUpdate: new Date('2026-12-18T00:00:00Z'),
    entries: [{ serial: '48a1000000001008', revocationDate: new Date('2026-03-01T00:00:00Z') }],
  });

/** "good" for each certificate named, from the delegated responder test-certs/ocsp. */
function goodOcsp(...names: string[]): Uint8Array {
  return buildOcspResponse({
    signer: loadTestKey('ocsp'),
    producedAt: new Date('2026-11-24T00:00:00Z'),
    responses: names.map((name) => ({
      certId: certIdOf(testCertDer(name), testCertDer('intermediate')),
      status: { status: 'good' as const },
      thisUpdate: new Date('2026-11-24T00:00:00Z'),
      nextUpdate: new Date('2026-12-01T00:00:00Z'),
    })),
  });
}

const sources = (s: Partial<RevocationSources> = {}): RevocationSources => ({
  crls: s.crls ?? [],
  ocsps: s.ocsps ?? [],
});

function padesRequest(key: SigningKey, timestamper?: Timestamper) {
  return {
    key,
    scheme: schemeFor(key.privateKey, false),
    digest: 'sha256' as const,
    ...(timestamper ? { timestamper } : {}),
  };
}

async function signLongTerm(
  req: Omit<LongTermRequest, 'timestamper'>,
  opts: { key?: string; base?: Uint8Array } = {},
) {
  const base = opts.base ?? form();
  const stamper = tsa();
  const result = await signPdfLongTerm(
    new BufferSource(base),
    padesRequest(testKey(opts.key ?? 'officer'), stamper),
    { ...req, timestamper: stamper },
    ctx,
  );
  return { result, stamper, bytes: new Uint8Array(Buffer.concat([base, result.update])) };
}

/** A B-B signature by the officer (no timestamp): what --extend starts from. */
async function signedBB(): Promise<Uint8Array> {
  const base = form();
  const r = await signPdf(new BufferSource(base), padesRequest(testKey('officer')), ctx);
  return new Uint8Array(Buffer.concat([base, r.update]));
}

function verify(pdf: Uint8Array): SignatureReport[] {
  return verifyPdfSignatures(new BufferSource(pdf), {
    trust: TrustStore.fromBytes({ anchors: [testCertDer('root')] }),
    at: new Date(VERIFIED_AT),
    policy: 'strict',
    extraCertificates: [],
    revocation: 'hard',
  });
}

const check = (r: SignatureReport, id: string) => r.checks.find((c) => c.id === id);

function expectLongTermPassed(r: SignatureReport, source: 'CRL' | 'OCSP'): void {
  expect(r.indication, JSON.stringify(r.checks, null, 1)).toBe('TOTAL_PASSED');
  expect(check(r, 'trust.revocation')?.status).toBe('PASSED');
  expect(check(r, 'trust.revocation')?.params?.['source']).toBe(source);
  expect(r.revocation).toMatchObject({ status: 'GOOD', source });
}

/** The DSS of the newest revision: decoded streams per array, and the VRI keys. */
function dssOf(pdf: PdfFile) {
  const dss = pdf.lookupDict(pdf.catalog().get('DSS'))!;
  const streams = (key: string): Uint8Array[] => {
    const arr = pdf.resolve(dss.get(key));
    if (!isPdfArray(arr)) return [];
    return arr.map((item) => {
      expect(item).toBeInstanceOf(PdfRef);
      const s = pdf.resolve(item);
      expect(s).toBeInstanceOf(PdfStream);
      return pdf.readStreamData(s as PdfStream, { decode: true });
    });
  };
  const vri = pdf.lookupDict(dss.get('VRI'));
  return {
    certs: streams('Certs').map(sha256),
    crls: streams('CRLs').map(sha256),
    ocsps: streams('OCSPs').map(sha256),
    vri: vri ? [...vri.keys()] : [],
    vriEntry: (key: string) => pdf.lookupDict(vri?.get(key)),
  };
}

describe('B-LT: a B-T signature, then the DSS in one more incremental update', () => {
  it('with a CRL: TOTAL_PASSED with revocation from the DSS, modifications LTA_UPDATES', async () => {
    const crl = currentCrl();
    const { result, bytes } = await signLongTerm({
      level: 'B-LT',
      revocation: sources({ crls: [crl] }),
    });
    expect(result.level).toBe('B-LT');
    expect(result.longTerm.dss).toEqual({ certificates: 4, crls: 1, ocsps: 0 });
    expect(result.sha256).toBe(sha256(bytes));

    const pdf = openPdf(new BufferSource(bytes));
    expect(pdf.revisions).toHaveLength(3); // original, signature, DSS
    const [sig] = findSignatures(pdf);
    const dss = dssOf(pdf);
    // officer, intermediate and root (the key's chain), and the TSA's certificate
    expect(dss.certs).toHaveLength(4);
    for (const name of ['officer', 'intermediate', 'root', 'tsa'])
      expect(dss.certs).toContain(sha256(testCertDer(name)));
    expect(dss.crls).toEqual([sha256(crl)]);
    expect(dss.ocsps).toEqual([]);
    // ISO 32000-2 §12.8.4.4: keyed by the SHA-1 of /Contents, padding included
    expect(dss.vri).toEqual([sha1Hex(sig!.contents!.bytes)]);
    const entry = dss.vriEntry(dss.vri[0]!)!;
    expect((pdf.resolve(entry.get('Cert')) as unknown[]).length).toBe(4);
    expect((pdf.resolve(entry.get('CRL')) as unknown[]).length).toBe(1);
    expect(entry.has('OCSP')).toBe(false);

    const [report, ...others] = verify(bytes);
    expect(others).toEqual([]);
    expectLongTermPassed(report!, 'CRL');
    expect(report!.modificationLevel).toBe('LTA_UPDATES');
    expect(check(report!, 'pdf.modifications')?.status).toBe('PASSED');
    expect(report!.timestamp?.valid).toBe(true);
  });

  it('with OCSP responses only: TOTAL_PASSED, the source is OCSP, the responder is embedded', async () => {
    const ocsp = goodOcsp('officer', 'tsa');
    const { bytes } = await signLongTerm({ level: 'B-LT', revocation: sources({ ocsps: [ocsp] }) });
    const dss = dssOf(openPdf(new BufferSource(bytes)));
    expect(dss.ocsps).toEqual([sha256(ocsp)]);
    expect(dss.crls).toEqual([]);
    expect(dss.certs).toContain(sha256(testCertDer('ocsp')));
    const [report] = verify(bytes);
    expectLongTermPassed(report!, 'OCSP');
  });

  it('leaves out revocation data that decides nothing for this signature', async () => {
    const foreign = buildCrl({
      issuer: loadTestKey('other-root'),
      thisUpdate: new Date('2026-11-18T00:00:00Z'),
      nextUpdate: new Date('2026-12-18T00:00:00Z'),
    });
    const crl = currentCrl();
    const { bytes } = await signLongTerm({
      level: 'B-LT',
      revocation: sources({ crls: [foreign, crl, crl] }),
    });
    expect(dssOf(openPdf(new BufferSource(bytes))).crls).toEqual([sha256(crl)]);
  });

  it('no revocation data for the signer → REVOCATION_DATA_MISSING before any timestamp is asked for', async () => {
    const stale = buildCrl({
      thisUpdate: new Date('2026-09-01T00:00:00Z'),
      nextUpdate: new Date('2026-10-01T00:00:00Z'),
    });
    for (const revocation of [
      sources(),
      sources({ crls: [stale] }),
      sources({ ocsps: [goodOcsp('tsa')] }),
    ]) {
      const stamper = tsa();
      const error = await signPdfLongTerm(
        new BufferSource(form()),
        padesRequest(testKey('officer'), stamper),
        { level: 'B-LT', revocation, timestamper: stamper },
        ctx,
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HosoError);
      expect((error as HosoError).code).toBe('REVOCATION_DATA_MISSING');
      expect((error as HosoError).exitCode).toBe(3);
      expect((error as HosoError).message).toContain('Nguyễn Văn An');
      expect(stamper.calls()).toBe(0);
    }
  });

  it('a signer the revocation data says is revoked → SIGNER_REVOKED', async () => {
    const error = await signLongTerm(
      { level: 'B-LT', revocation: sources({ crls: [currentCrl()] }) },
      { key: 'revoked' },
    ).catch((e: unknown) => e);
    expect((error as HosoError).code).toBe('SIGNER_REVOKED');
    expect((error as HosoError).message).toContain('2026-03-01');
  });

  it('needs a signature timestamp: no timestamper → usage error', async () => {
    const error = await signPdfLongTerm(
      new BufferSource(form()),
      padesRequest(testKey('officer')),
      { level: 'B-LT', revocation: sources({ crls: [currentCrl()] }) },
      ctx,
    ).catch((e: unknown) => e);
    expect((error as HosoError).code).toBe('USAGE');
  });
});

describe('B-LTA: then a document timestamp over everything', () => {
  it('adds an ETSI.RFC3161 /DocTimeStamp reported as a timestamp; the signature stays TOTAL_PASSED', async () => {
    const { result, bytes } = await signLongTerm({
      level: 'B-LTA',
      revocation: sources({ crls: [currentCrl()] }),
    });
    expect(result.level).toBe('B-LTA');
    const stamp = result.longTerm.documentTimestamp!;
    expect(stamp.timestamp.genTime.toISOString()).toBe(SIGNED_AT.toISOString());
    expect(stamp.byteRange[2] + stamp.byteRange[3]).toBe(bytes.length);

    const pdf = openPdf(new BufferSource(bytes));
    expect(pdf.revisions).toHaveLength(4);
    const sigs = findSignatures(pdf);
    expect(sigs.map((s) => [s.type, s.subFilter])).toEqual([
      ['Sig', 'ETSI.CAdES.detached'],
      ['DocTimeStamp', 'ETSI.RFC3161'],
    ]);
    expect(sigs[1]!.fieldName).toBe('DocumentTimestamp1');

    const [signature, timestamp] = verify(bytes);
    expectLongTermPassed(signature!, 'CRL');
    expect(signature!.modificationLevel).toBe('LTA_UPDATES');
    expect(timestamp!.subFilter).toBe('ETSI.RFC3161');
    expect(timestamp!.indication, JSON.stringify(timestamp!.checks, null, 1)).toBe('TOTAL_PASSED');
    expect(check(timestamp!, 'cms.digest.document-timestamp')?.status).toBe('PASSED');
    expect(check(timestamp!, 'trust.keyusage')?.params?.['purpose']).toBe('timestamp');
    expect(timestamp!.signer.commonName).toContain('TSA');
    expect(timestamp!.coverage).toBe('ENTIRE_FILE');
  });

  it('needs a timestamper for the document timestamp', async () => {
    const error = await extendPdf(
      new BufferSource(await signedBB()),
      { level: 'B-LTA', revocation: sources({ crls: [currentCrl()] }) },
      ctx,
    ).catch((e: unknown) => e);
    expect((error as HosoError).code).toBe('USAGE');
  });
});

describe('extendPdf (hoso sign --extend): an already signed PDF raised to B-LT / B-LTA', () => {
  it('(before: the B-B signature alone has no revocation data, INDETERMINATE TRY_LATER)', async () => {
    const [report] = verify(await signedBB());
    expect([report!.indication, report!.subIndication]).toEqual(['INDETERMINATE', 'TRY_LATER']);
  });

  it('B-B → B-LT: the signature stays valid, the DSS gives its revocation status', async () => {
    const base = await signedBB();
    const result = await extendPdf(
      new BufferSource(base),
      { level: 'B-LT', revocation: sources({ crls: [currentCrl()] }) },
      ctx,
    );
    const bytes = new Uint8Array(Buffer.concat([base, result.update]));
    expect(Buffer.from(bytes.subarray(0, base.length)).equals(Buffer.from(base))).toBe(true);
    expect(result.signatures).toMatchObject([
      { fieldName: 'Signature1', kind: 'signature', revocation: { status: 'GOOD' } },
    ]);
    expect(result.dss).toEqual({ certificates: 3, crls: 1, ocsps: 0 });
    const [report] = verify(bytes);
    expectLongTermPassed(report!, 'CRL');
    expect(report!.modificationLevel).toBe('LTA_UPDATES');
  });

  it('B-B → B-LTA: a document timestamp is added as well', async () => {
    const base = await signedBB();
    const result = await extendPdf(
      new BufferSource(base),
      { level: 'B-LTA', revocation: sources({ crls: [currentCrl()] }), timestamper: tsa() },
      ctx,
    );
    const bytes = new Uint8Array(Buffer.concat([base, result.update]));
    const [signature, timestamp] = verify(bytes);
    expectLongTermPassed(signature!, 'CRL');
    expect(signature!.modificationLevel).toBe('LTA_UPDATES');
    expect(timestamp!.subFilter).toBe('ETSI.RFC3161');
    expect(timestamp!.indication).toBe('TOTAL_PASSED');
  });

  it('B-LT → B-LTA → B-LTA again: the DSS is merged, nothing added twice, every signature passes', async () => {
    const crl = currentCrl();
    const first = await signLongTerm({ level: 'B-LT', revocation: sources({ crls: [crl] }) });
    const second = await extendPdf(
      new BufferSource(first.bytes),
      { level: 'B-LTA', revocation: sources({ crls: [crl] }), timestamper: tsa() },
      ctx,
    );
    // The signature's data was all there already.
    expect(second.dss).toEqual({ certificates: 0, crls: 0, ocsps: 0 });
    const afterSecond = new Uint8Array(Buffer.concat([first.bytes, second.update]));
    const third = await extendPdf(
      new BufferSource(afterSecond),
      {
        level: 'B-LTA',
        revocation: sources({ ocsps: [goodOcsp('officer', 'tsa')] }),
        timestamper: tsa(),
      },
      ctx,
    );
    expect(third.signatures.map((s) => s.kind)).toEqual(['signature', 'document-timestamp']);
    const bytes = new Uint8Array(Buffer.concat([afterSecond, third.update]));
    const pdf = openPdf(new BufferSource(bytes));
    const dss = dssOf(pdf);
    expect(dss.crls).toEqual([sha256(crl)]);
    expect(dss.ocsps).toHaveLength(1);
    expect(new Set(dss.certs).size).toBe(dss.certs.length);
    expect(dss.vri).toHaveLength(2);
    const reports = verify(bytes);
    expect(reports.map((r) => [r.subFilter, r.indication])).toEqual([
      ['ETSI.CAdES.detached', 'TOTAL_PASSED'],
      ['ETSI.RFC3161', 'TOTAL_PASSED'],
      ['ETSI.RFC3161', 'TOTAL_PASSED'],
    ]);
    expect(reports.slice(0, 2).map((r) => r.modificationLevel)).toEqual([
      'LTA_UPDATES',
      'LTA_UPDATES',
    ]);
  });

  it('B-LT → B-LTA months later with no new data: the DSS’s CRL, no longer current, still serves at the signature timestamp’s time', async () => {
    const first = await signLongTerm({
      level: 'B-LT',
      revocation: sources({ crls: [currentCrl()] }),
    });
    const later = defaultContext({ clock: fixedClock('2027-03-01T00:00:00Z') });
    const result = await extendPdf(
      new BufferSource(first.bytes),
      { level: 'B-LTA', revocation: sources(), timestamper: tsa() },
      later,
    );
    expect(result.dss).toEqual({ certificates: 0, crls: 0, ocsps: 0 });
    expect(result.signatures[0]!.revocation).toMatchObject({ status: 'GOOD', source: 'CRL' });
    const [signature, stamp] = verify(new Uint8Array(Buffer.concat([first.bytes, result.update])));
    expectLongTermPassed(signature!, 'CRL');
    expect(stamp!.indication).toBe('TOTAL_PASSED');
  });

  it('a B-B signature under a document timestamp is judged at that timestamp: extending again later needs no new data', async () => {
    const bb = await signedBB();
    const lta = await extendPdf(
      new BufferSource(bb),
      { level: 'B-LTA', revocation: sources({ crls: [currentCrl()] }), timestamper: tsa() },
      ctx,
    );
    const first = new Uint8Array(Buffer.concat([bb, lta.update]));
    const later = defaultContext({ clock: fixedClock('2027-03-01T00:00:00Z') });
    const again = await extendPdf(
      new BufferSource(first),
      { level: 'B-LTA', revocation: sources(), timestamper: tsa() },
      later,
    );
    expect(again.signatures.map((s) => [s.kind, s.revocation.status])).toEqual([
      ['signature', 'GOOD'],
      ['document-timestamp', 'GOOD'],
    ]);
  });

  it('a B-B signature (no timestamp) is judged now: a CRL that is no longer current is refused', async () => {
    const later = defaultContext({ clock: fixedClock('2027-03-01T00:00:00Z') });
    const error = await extendPdf(
      new BufferSource(await signedBB()),
      { level: 'B-LT', revocation: sources({ crls: [currentCrl()] }) },
      later,
    ).catch((e: unknown) => e);
    expect((error as HosoError).code).toBe('REVOCATION_DATA_MISSING');
    expect((error as HosoError).message).toContain('nextUpdate');
  });

  it('a certification with DocMDP P=1 (no change allowed) stays valid: DSS and document timestamps are allowed', async () => {
    const base = form();
    const key = testKey('officer');
    const certified = await signPdf(
      new BufferSource(base),
      { ...padesRequest(key, tsa()), certify: 1 },
      ctx,
    );
    const signed = new Uint8Array(Buffer.concat([base, certified.update]));
    const result = await extendPdf(
      new BufferSource(signed),
      { level: 'B-LTA', revocation: sources({ crls: [currentCrl()] }), timestamper: tsa() },
      ctx,
    );
    const [certification, stamp] = verify(new Uint8Array(Buffer.concat([signed, result.update])));
    expectLongTermPassed(certification!, 'CRL');
    expect(certification!.certificationLevel).toBe(1);
    expect(check(certification!, 'pdf.modifications.docmdp')?.status).toBe('PASSED');
    expect(stamp!.indication).toBe('TOTAL_PASSED');
  });

  it('a PDF without signatures → usage error', async () => {
    const error = await extendPdf(
      new BufferSource(form()),
      { level: 'B-LT', revocation: sources({ crls: [currentCrl()] }) },
      ctx,
    ).catch((e: unknown) => e);
    expect((error as HosoError).code).toBe('USAGE');
  });
});

describe('--online: revocation data fetched from the certificate’s CRL distribution point', () => {
  let server: RunningCrlServer;
  beforeAll(async () => {
    server = await startCrlServer({ crls: { 'intermediate.crl': currentCrl() } });
  });
  afterAll(() => server?.close());

  /** A signer issued by the test intermediate whose CRL distribution point is the test server. */
  function onlineSigner(): SigningKey {
    const privateKey = rsaKey(2048);
    const cdp = new pkijs.CRLDistributionPoints({
      distributionPoints: [
        new pkijs.DistributionPoint({
          distributionPoint: [
            new pkijs.GeneralName({ type: 6, value: server.url('intermediate.crl') }),
          ],
        }),
      ],
    });
    const certificate = issue({
      subject: [
        ['C', 'VN'],
        ['CN', 'Lý Thị Trực Tuyến'],
      ],
      subjectKey: privateKey,
      issuer: INTERMEDIATE_NAME,
      issuerKey: caKey('intermediate'),
      notBefore: '2026-01-01T00:00:00Z',
      notAfter: '2031-01-01T00:00:00Z',
      extra: [
        new pkijs.Extension({
          extnID: '2.5.29.31',
          critical: false,
          extnValue: cdp.toSchema().toBER(),
        }),
      ],
    });
    return { privateKey, certificate, chain: [testCertDer('intermediate')] };
  }

  it('B-LT with only --online: the fetched CRL goes in the DSS and decides the status', async () => {
    const online = new OnlineRevocation(null, () => SIGNED_AT);
    const key = onlineSigner();
    const stamper = tsa();
    const base = form();
    const result = await signPdfLongTerm(
      new BufferSource(base),
      padesRequest(key, stamper),
      { level: 'B-LT', revocation: { crls: [], ocsps: [], online }, timestamper: stamper },
      ctx,
    );
    expect(server.requests.map((r) => r.path)).toEqual(['/crl/intermediate.crl']);
    const bytes = new Uint8Array(Buffer.concat([base, result.update]));
    expect(dssOf(openPdf(new BufferSource(bytes))).crls).toEqual([sha256(currentCrl())]);
    const [report] = verify(bytes);
    expectLongTermPassed(report!, 'CRL');
  });

  it('without --online nothing is fetched, and the B-LT is refused', async () => {
    const before = server.requests.length;
    const stamper = tsa();
    const error = await signPdfLongTerm(
      new BufferSource(form()),
      padesRequest(onlineSigner(), stamper),
      { level: 'B-LT', revocation: sources(), timestamper: stamper },
      ctx,
    ).catch((e: unknown) => e);
    expect((error as HosoError).code).toBe('REVOCATION_DATA_MISSING');
    expect(server.requests.length).toBe(before);
  });
});
