/**
 * `hoso verify --online` through the built binary against an OCSP responder and a CRL server run
 * by the test on 127.0.0.1 (tests/support/ocsp-responder.ts, crl-builder.ts). The signer's
 * certificate is minted here with an Authority Information Access (OCSP) and a CRL Distribution
 * Point naming those servers. Shown:
 * - without --online, hoso opens no connection: the servers record no request at all;
 * - with --online it asks them, checks what comes back as it checks embedded data, and says
 *   "not revoked (OCSP)" or REVOKED; a response from an unauthorised signer is not accepted;
 * - answers are cached (XDG_CACHE_HOME) and reused while current: no second request.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as asn1js from 'asn1js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemeFor } from '../../../src/cms/index.js';
import { BufferSource, defaultContext } from '../../../src/kernel/index.js';
import { signPdf } from '../../../src/sign/index.js';
import {
  buildCrl,
  loadTestKey,
  startCrlServer,
  type RunningCrlServer,
} from '../../support/crl-builder.js';
import { startOcspResponder, type RunningOcspResponder } from '../../support/ocsp-responder.js';
import { TEST_CERTS } from '../../support/paths.js';
import { hosoAsync } from '../../support/run-cli.js';
import { testCertDer } from '../../support/test-keys.js';
import { INTERMEDIATE_NAME, issue, rsaKey, testKey } from '../trust/mint.js';

const dir = mkdtempSync(join(tmpdir(), 'hoso-online-'));
const SERIAL = '7e57000000000042';
let ocsp: RunningOcspResponder;
let crlServer: RunningCrlServer;
let pdfPath: string;

function uri(url: string): pkijs.GeneralName {
  return new pkijs.GeneralName({ type: 6, value: url });
}

/** A citizen's certificate whose AIA and CDP point at the test servers. */
function mintSigner(
  ocspUrl: string,
  crlUrl: string,
): { key: ReturnType<typeof rsaKey>; der: Uint8Array } {
  const key = rsaKey(2048);
  const aia = new pkijs.InfoAccess({
    accessDescriptions: [
      new pkijs.AccessDescription({
        accessMethod: '1.3.6.1.5.5.7.48.1',
        accessLocation: uri(ocspUrl),
      }),
    ],
  });
  const cdp = new pkijs.CRLDistributionPoints({
    distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uri(crlUrl)] })],
  });
  const ext = (extnID: string, value: { toSchema(): asn1js.BaseBlock }) =>
    new pkijs.Extension({ extnID, critical: false, extnValue: value.toSchema().toBER() });
  const der = issue({
    subject: [
      ['C', 'VN'],
      ['CN', 'Ngô Thị Trực Tuyến'],
    ],
    subjectKey: key,
    issuer: INTERMEDIATE_NAME,
    issuerKey: testKey('intermediate'),
    serial: SERIAL,
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2031-01-01T00:00:00Z',
    ca: false,
    keyUsage: ['digitalSignature', 'nonRepudiation'],
    extra: [ext('1.3.6.1.5.5.7.1.1', aia), ext('2.5.29.31', cdp)],
  });
  return { key, der };
}

beforeAll(async () => {
  ocsp = await startOcspResponder({ statuses: { [SERIAL]: { status: 'good' } } });
  crlServer = await startCrlServer();
  crlServer.setCrl(
    'intermediate.crl',
    buildCrl({
      thisUpdate: new Date(Date.now() - 3600_000),
      nextUpdate: new Date(Date.now() + 7 * 86400_000),
    }),
  );
  pdfPath = await signedPdf(mintSigner(ocsp.url, crlServer.url('intermediate.crl')), 'online.pdf');
});

/** A one-page PDF signed by `signer`, written to `name` in the test folder. */
async function signedPdf(signer: ReturnType<typeof mintSigner>, name: string): Promise<string> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  doc.addPage([595, 842]).drawText('Giay xac nhan truc tuyen', { x: 72, y: 760, size: 14, font });
  const base = await doc.save({ useObjectStreams: false });
  const key = {
    privateKey: signer.key,
    certificate: signer.der,
    chain: [testCertDer('intermediate')],
  };
  const signed = await signPdf(
    new BufferSource(base),
    { key, scheme: schemeFor(signer.key, false), digest: 'sha256' },
    defaultContext(),
  );
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([base, signed.update]));
  return path;
}

afterAll(async () => {
  await ocsp?.close();
  await crlServer?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Report {
  files: {
    indication: string;
    signatures: {
      subIndication: string | null;
      revocation: { status: string; source: string | null };
      checks: { id: string; status: string; detail: string }[];
    }[];
  }[];
}

async function verify(extra: string[], cache: string): Promise<Report> {
  const r = await hosoAsync(
    ['verify', pdfPath, '--trust', join(TEST_CERTS, 'root.cert.pem'), '--json', ...extra],
    {
      env: { XDG_CACHE_HOME: cache },
    },
  );
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return JSON.parse(r.stdout) as Report;
}

const revocationCheck = (r: Report) =>
  r.files[0]!.signatures[0]!.checks.find((c) => c.id === 'trust.revocation')!;

describe('hoso verify --online', () => {
  it('without --online opens no connection: neither server hears from hoso', async () => {
    const r = await verify([], join(dir, 'cache-none'));
    expect(ocsp.requests).toHaveLength(0);
    expect(crlServer.requests).toHaveLength(0);
    expect(revocationCheck(r).status).toBe('SKIPPED');
    expect(r.files[0]!.indication).toBe('TOTAL_PASSED');
  });

  it('with --online asks the responder and the CRL server, and says "not revoked"', async () => {
    const r = await verify(['--online'], join(dir, 'cache-a'));
    expect(ocsp.requests.length).toBeGreaterThanOrEqual(1);
    expect(crlServer.requests.map((q) => q.path)).toContain('/crl/intermediate.crl');
    expect(revocationCheck(r).status).toBe('PASSED');
    expect(r.files[0]!.signatures[0]!.revocation.status).toBe('GOOD');
    expect(r.files[0]!.indication).toBe('TOTAL_PASSED');
  });

  it('reuses the cached answers while current: no new request', async () => {
    const before = ocsp.requests.length;
    const r = await verify(['--online'], join(dir, 'cache-a'));
    expect(ocsp.requests.length).toBe(before);
    expect(revocationCheck(r).status).toBe('PASSED');
  });

  it('a revocation the responder reports (before the signing time) makes the signature TOTAL_FAILED REVOKED', async () => {
    ocsp.setStatus(SERIAL, {
      status: 'revoked',
      revocationTime: new Date('2026-02-01T00:00:00Z'),
      reason: 'keyCompromise',
    });
    const r = await verify(['--online'], join(dir, 'cache-b'));
    expect(r.files[0]!.indication).toBe('TOTAL_FAILED');
    expect(r.files[0]!.signatures[0]!.subIndication).toBe('REVOKED');
    expect(r.files[0]!.signatures[0]!.revocation).toMatchObject({
      status: 'REVOKED',
      source: 'OCSP',
    });
  });
});

describe('hoso verify --online with an unauthorised responder', () => {
  it('does not accept its answer: the revocation stays undecided', async () => {
    const rogue = await startOcspResponder({
      signer: loadTestKey('officer'),
      statuses: { [SERIAL]: { status: 'good' } },
    });
    try {
      // A signer whose certificate names the rogue responder (signed by test-certs/officer: no
      // id-kp-OCSPSigning, not the issuing CA).
      const path = await signedPdf(
        mintSigner(rogue.url, crlServer.url('missing.crl')),
        'rogue.pdf',
      );
      const r = await hosoAsync(
        ['verify', path, '--trust', join(TEST_CERTS, 'root.cert.pem'), '--json', '--online'],
        {
          env: { XDG_CACHE_HOME: join(dir, 'cache-rogue') },
        },
      );
      const report = JSON.parse(r.stdout) as Report;
      expect(rogue.requests.length).toBeGreaterThanOrEqual(1);
      const check = report.files[0]!.signatures[0]!.checks.find(
        (c) => c.id === 'trust.revocation',
      )!;
      expect(check.status).toBe('SKIPPED');
      expect(check.detail).toMatch(/not accepted/);
      expect(report.files[0]!.signatures[0]!.revocation.status).toBe('UNKNOWN');
    } finally {
      await rogue.close();
    }
  });
});
