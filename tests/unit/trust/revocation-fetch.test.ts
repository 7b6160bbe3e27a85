/**
 * The --online fetcher (src/trust/revocation-fetch.ts) against misbehaving servers on 127.0.0.1
 * (tests/support/ocsp-responder.ts, crl-builder.ts): answers served as PEM are read, an answer
 * larger than the limit is refused even without a Content-Length, a server slower than the
 * timeout is given up on, something that is not a CRL is not kept — each a recorded failure,
 * never an exception. The certificates are test-certs/citizen (whose URLs the fetcher is told
 * through a certificate minted with AIA and CDP, as the CLI test does).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, describe, expect, it } from 'vitest';
import { OnlineRevocation, revocationUrls } from '../../../src/trust/index.js';
import { buildCrl, startCrlServer } from '../../support/crl-builder.js';
import { startOcspResponder } from '../../support/ocsp-responder.js';
import { testCertDer } from '../../support/test-keys.js';
import { INTERMEDIATE_NAME, issue, rsaKey, testKey } from './mint.js';

const dir = mkdtempSync(join(tmpdir(), 'hoso-fetch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const INTERMEDIATE = testCertDer('intermediate');

function certWith(ocspUrl: string | null, crlUrl: string | null): Uint8Array {
  const uri = (value: string) => new pkijs.GeneralName({ type: 6, value });
  const extra: pkijs.Extension[] = [];
  if (ocspUrl)
    extra.push(
      new pkijs.Extension({
        extnID: '1.3.6.1.5.5.7.1.1',
        extnValue: new pkijs.InfoAccess({
          accessDescriptions: [
            new pkijs.AccessDescription({
              accessMethod: '1.3.6.1.5.5.7.48.1',
              accessLocation: uri(ocspUrl),
            }),
          ],
        })
          .toSchema()
          .toBER(),
      }),
    );
  if (crlUrl)
    extra.push(
      new pkijs.Extension({
        extnID: '2.5.29.31',
        extnValue: new pkijs.CRLDistributionPoints({
          distributionPoints: [new pkijs.DistributionPoint({ distributionPoint: [uri(crlUrl)] })],
        })
          .toSchema()
          .toBER(),
      }),
    );
  return issue({
    subject: [['CN', 'Người thử tải dữ liệu thu hồi']],
    subjectKey: rsaKey(2048),
    issuer: INTERMEDIATE_NAME,
    issuerKey: testKey('intermediate'),
    ca: false,
    keyUsage: ['digitalSignature'],
    extra,
  });
}

const limits = { timeoutMs: 400, maxCrlBytes: 64 * 1024, maxOcspBytes: 16 * 1024 };
const fetcher = () => new OnlineRevocation(null, () => new Date(), limits);

describe('OnlineRevocation', () => {
  it('reads the URLs of AIA (OCSP) and CDP (CRL), http only', () => {
    const der = certWith('http://127.0.0.1:1/ocsp', 'http://127.0.0.1:1/crl/a.crl');
    expect(revocationUrls(der)).toEqual({
      ocsp: ['http://127.0.0.1:1/ocsp'],
      crl: ['http://127.0.0.1:1/crl/a.crl'],
    });
    expect(revocationUrls(certWith('ldap://example/ocsp', null))).toEqual({ ocsp: [], crl: [] });
  });

  it('accepts an OCSP response and a CRL served as PEM', async () => {
    const ocsp = await startOcspResponder({ body: 'pem' });
    const crls = await startCrlServer();
    const crl = buildCrl({
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + 86_400_000),
    });
    crls.setCrl(
      'a.crl',
      `-----BEGIN X509 CRL-----\n${Buffer.from(crl).toString('base64')}\n-----END X509 CRL-----\n`,
    );
    try {
      const f = fetcher();
      f.want(certWith(ocsp.url, crls.url('a.crl')), INTERMEDIATE);
      expect(f.pending).toBe(true);
      await f.fetchWanted();
      expect(f.failures).toEqual([]);
      expect(f.ocsps).toHaveLength(1);
      expect(f.ocsps[0]![0]).toBe(0x30);
      expect(f.crls).toEqual([crl]);
      expect(f.pending).toBe(false);
      // Each certificate is asked for once.
      const again = certWith(ocsp.url, crls.url('a.crl'));
      f.want(again, INTERMEDIATE);
      expect(f.pending).toBe(true); // another certificate
      const asked = ocsp.requests.length;
      await f.fetchWanted();
      f.want(again, INTERMEDIATE);
      expect(f.pending).toBe(false); // that one was asked for already
      expect(ocsp.requests.length).toBe(asked + 1);
    } finally {
      await ocsp.close();
      await crls.close();
    }
  });

  it('refuses an answer larger than the limit, with or without Content-Length', async () => {
    const ocsp = await startOcspResponder({ body: 'oversize', oversizeBytes: 200_000 });
    try {
      const f = fetcher();
      f.want(certWith(ocsp.url, null), INTERMEDIATE);
      await f.fetchWanted();
      expect(f.ocsps).toEqual([]);
      expect(f.failures.join('\n')).toMatch(/larger than 16384 bytes/);
    } finally {
      await ocsp.close();
    }
  });

  it('gives up on a server slower than the timeout, and keeps nothing that is not a CRL', async () => {
    const slow = await startOcspResponder({ delayMs: 5_000 });
    const crls = await startCrlServer();
    crls.setCrl('html.crl', '<html>captive portal</html>');
    try {
      const f = fetcher();
      const started = Date.now();
      f.want(certWith(slow.url, crls.url('html.crl')), INTERMEDIATE);
      await f.fetchWanted();
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(f.ocsps).toEqual([]);
      expect(f.crls).toEqual([]);
      expect(f.failures).toHaveLength(2);
      expect(f.failures[0]).toMatch(/timeout|aborted/i);
    } finally {
      await slow.close();
      await crls.close();
    }
  });
});
