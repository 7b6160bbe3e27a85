/**
 * The revocation test infrastructure (tests/support: ocsp-builder, ocsp-responder, crl-builder)
 * checked by an outside tool, OpenSSL, before any hoso test relies on it: if these pass, a hoso
 * revocation test that fails points at hoso, not at a home-made OCSP response or CRL.
 * Fails (never skips) when openssl is missing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildCrl, loadTestKey, startCrlServer } from '../support/crl-builder.js';
import { requireTool, runTool, writeTemp } from '../support/external-tools.js';
import { buildOcspResponse, certIdOf } from '../support/ocsp-builder.js';
import {
  startOcspResponder,
  type OcspResponderOptions,
  type RunningOcspResponder,
} from '../support/ocsp-responder.js';
import { certPath, testCertDer } from '../support/test-keys.js';

let work = '';
let caBundle = '';
const running: RunningOcspResponder[] = [];

beforeAll(() => {
  requireTool('openssl');
  work = mkdtempSync(join(tmpdir(), 'hoso-revocation-infra-'));
  caBundle = writeTemp(
    work,
    'ca-bundle.pem',
    ['root', 'intermediate'].map((n) => readFileSync(certPath(n), 'utf8')).join(''),
  );
});

afterAll(async () => {
  await Promise.all(running.map((r) => r.close()));
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

async function responder(options: OcspResponderOptions = {}): Promise<RunningOcspResponder> {
  const r = await startOcspResponder(options);
  running.push(r);
  return r;
}

/**
 * `openssl ocsp` asking about test-certs certificates issued by the intermediate. Run
 * asynchronously: with -url it talks to a responder served by this very process, which a
 * synchronous spawn (runTool) would block.
 */
function opensslOcsp(
  certs: readonly string[],
  extra: readonly string[],
): Promise<{ code: number; out: string }> {
  // `extra` first: openssl takes a CertID digest (-sha256) only before the -cert it applies to.
  const args = [
    'ocsp',
    ...extra,
    '-CAfile',
    caBundle,
    '-issuer',
    certPath('intermediate'),
    ...certs.flatMap((c) => ['-cert', certPath(c)]),
  ];
  return new Promise((resolve) => {
    execFile('openssl', args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, out: stdout + stderr });
    });
  });
}

describe('OCSP responder and builder, read by openssl ocsp', () => {
  test('delegated responder: officer good, revoked revoked on 2026-03-01, nonce echoed, response verifies', async () => {
    const r = await responder();
    const { code, out } = await opensslOcsp(['officer', 'revoked'], ['-url', r.url, '-resp_text']);
    expect(out).toContain('Response verify OK');
    expect(out).not.toContain('WARNING: no nonce in response');
    expect(out).toMatch(/officer\.cert\.pem: good\n/);
    expect(out).toMatch(
      /revoked\.cert\.pem: revoked\n(\t.*\n)*?\tReason: keyCompromise\n\tRevocation Time: Mar {2}1 00:00:00 2026 GMT/,
    );
    // The delegated responder names itself and ships its certificate (id-pkix-ocsp-nocheck).
    expect(out).toContain('Responder Id: C = VN, O = hoso test PKI, CN = hoso Test OCSP Responder');
    expect(code).toBe(0);
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]?.method).toBe('POST');
    expect(r.requests[0]?.contentType).toBe('application/ocsp-request');
    expect(r.requests[0]?.certIds.map((id) => id.serialNumber)).toEqual([
      '48a1000000001001',
      '48a1000000001008',
    ]);
    expect(r.requests[0]?.nonce).not.toBeNull();
  });

  test('the issuing CA signs its own responses, ResponderID byKey, no certs: verifies', async () => {
    const r = await responder({
      signer: loadTestKey('intermediate'),
      responderId: 'byKey',
      certificates: [],
    });
    const { code, out } = await opensslOcsp(['officer'], ['-url', r.url, '-resp_text']);
    expect(out).toContain('Response verify OK');
    expect(out).toMatch(/Responder Id: [0-9A-F]{40}\n/);
    expect(out).not.toContain('Certificate:');
    expect(out).toMatch(/officer\.cert\.pem: good\n/);
    expect(code).toBe(0);
  });

  test('a signer with no authority to answer (officer, no OCSPSigning EKU) fails verification', async () => {
    const r = await responder({ signer: loadTestKey('officer') });
    const { code, out } = await opensslOcsp(['officer'], ['-url', r.url]);
    expect(out).toContain('Response Verify Failure');
    expect(out).toContain('missing ocspsigning usage');
    expect(out).not.toContain('Response verify OK');
    expect(code).not.toBe(0);
  });

  test('setStatus: officer on hold from now on, as the next response says', async () => {
    const r = await responder();
    expect((await opensslOcsp(['officer'], ['-url', r.url])).out).toMatch(
      /officer\.cert\.pem: good\n/,
    );
    r.setStatus('48a1000000001001', {
      status: 'revoked',
      revocationTime: new Date('2026-11-20T08:30:00Z'),
      reason: 'certificateHold',
    });
    const { out } = await opensslOcsp(['officer'], ['-url', r.url]);
    expect(out).toContain('Response verify OK');
    expect(out).toMatch(
      /officer\.cert\.pem: revoked\n(\t.*\n)*?\tReason: certificateHold\n\tRevocation Time: Nov 20 08:30:00 2026 GMT/,
    );
  });

  test('a CertID naming another issuer is answered unknown; openssl denies the delegated responder authority over it', async () => {
    const r = await responder();
    // openssl hashes untrusted-signer's own issuer name (other-root) with the -issuer key.
    const { out } = await opensslOcsp(['untrusted-signer'], ['-url', r.url]);
    expect(out).toMatch(/untrusted-signer\.cert\.pem: unknown\n/);
    // RFC 6960 §4.2.2.2: a delegated responder speaks only for the CA that issued its certificate.
    expect(out).toContain('Response Verify Failure');
  });

  test('GET {url}/{base64}, with a SHA-256 CertID made by openssl: the response matches it', async () => {
    const r = await responder();
    const request = join(work, 'get-request.der');
    const reqOut = await opensslOcsp(['revoked'], ['-sha256', '-reqout', request]);
    expect(reqOut.code, reqOut.out).toBe(0);
    const b64 = readFileSync(request).toString('base64');
    const res = await fetch(`${r.url}/${encodeURIComponent(b64)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/ocsp-response');
    const response = writeTemp(work, 'get-response.der', new Uint8Array(await res.arrayBuffer()));
    // With -cert openssl builds a new request (new nonce) and ignores -reqin; so one run checks
    // signature and nonce against the request sent, the other reads the status (-no_nonce).
    const matched = await opensslOcsp([], ['-reqin', request, '-respin', response]);
    expect(matched.out).toContain('Response verify OK');
    expect(matched.out).not.toContain('Nonce Verify error');
    expect(matched.code).toBe(0);
    const { out } = await opensslOcsp(['revoked'], ['-sha256', '-no_nonce', '-respin', response]);
    expect(out).toContain('Response verify OK');
    expect(out).toMatch(/revoked\.cert\.pem: revoked\n/);
    expect(r.requests.map((q) => [q.method, q.certIds[0]?.hashAlgorithm])).toEqual([
      ['GET', 'sha256'],
    ]);
  });

  test('non-successful statuses carry no response bytes', async () => {
    const r = await responder({ responseStatus: 'tryLater' });
    expect((await opensslOcsp(['officer'], ['-url', r.url])).out).toContain(
      'Responder Error: trylater (3)',
    );
    for (const [status, text] of [
      ['malformedRequest', 'malformedrequest (1)'],
      ['unauthorized', 'unauthorized (6)'],
    ] as const) {
      const file = writeTemp(work, `${status}.der`, buildOcspResponse({ responseStatus: status }));
      expect(runTool('openssl', ['ocsp', '-respin', file, '-resp_text']).out).toContain(
        `Responder Error: ${text}`,
      );
    }
  });

  test('buildOcspResponse: the chosen times, statuses and hash, as openssl reads them', () => {
    const intermediate = testCertDer('intermediate');
    const der = buildOcspResponse({
      signer: loadTestKey('ocsp'),
      producedAt: new Date('2026-06-01T10:00:00Z'),
      responses: [
        {
          certId: certIdOf(testCertDer('citizen'), intermediate, 'sha256'),
          status: { status: 'unknown' },
          thisUpdate: new Date('2026-06-01T09:00:00Z'),
          nextUpdate: new Date('2026-06-08T09:00:00Z'),
        },
        {
          certId: certIdOf(testCertDer('revoked'), intermediate),
          status: { status: 'revoked', revocationTime: new Date('2026-03-01T00:00:00Z') },
          thisUpdate: new Date('2026-06-01T09:00:00Z'),
        },
      ],
    });
    const file = writeTemp(work, 'built.der', der);
    const { out } = runTool('openssl', ['ocsp', '-respin', file, '-resp_text', '-noverify']);
    expect(out).toContain('Produced At: Jun  1 10:00:00 2026 GMT');
    expect(out).toMatch(
      /Hash Algorithm: sha256\n(.*\n){2}\s+Serial Number: 48A1000000001003\n\s+Cert Status: unknown\n\s+This Update: Jun {2}1 09:00:00 2026 GMT\n\s+Next Update: Jun {2}8 09:00:00 2026 GMT/,
    );
    expect(out).toMatch(
      /Hash Algorithm: sha1\n(.*\n){2}\s+Serial Number: 48A1000000001008\n\s+Cert Status: revoked\n\s+Revocation Time: Mar {2}1 00:00:00 2026 GMT\n\s+This Update: Jun {2}1 09:00:00 2026 GMT\n\n/,
    );
    expect(out).not.toContain('Revocation Reason');
  });
});

describe('OCSP responder modes that misbehave on purpose', () => {
  const post = (url: string, body: Uint8Array) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/ocsp-request' },
      body,
    });
  let request: Uint8Array = new Uint8Array();

  beforeAll(async () => {
    const file = join(work, 'mode-request.der');
    expect((await opensslOcsp(['officer'], ['-reqout', file])).code).toBe(0);
    request = new Uint8Array(readFileSync(file));
  });

  test('delayMs: the answer comes no sooner; the request is recorded at once', async () => {
    const r = await responder({ delayMs: 400 });
    const started = Date.now();
    const pending = post(r.url, request);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(r.requests).toHaveLength(1);
    const res = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(new Uint8Array(await res.arrayBuffer())[0]).toBe(0x30);
  });

  test('body pem: PEM text under the OCSP media type', async () => {
    const r = await responder({ body: 'pem' });
    const res = await post(r.url, request);
    expect(res.headers.get('content-type')).toBe('application/ocsp-response');
    expect(await res.text()).toMatch(/^-----BEGIN OCSP RESPONSE-----\n[A-Za-z0-9+/=\n]+-----END/);
  });

  test('body oversize: that many bytes, chunked, with no Content-Length', async () => {
    const r = await responder({ body: 'oversize', oversizeBytes: 3_000_000 });
    const res = await post(r.url, request);
    expect(res.headers.get('content-length')).toBeNull();
    expect((await res.arrayBuffer()).byteLength).toBe(3_000_000);
  });

  test('a POST without the OCSP media type is refused (415) but recorded', async () => {
    const r = await responder();
    const res = await fetch(r.url, { method: 'POST', body: request });
    expect(res.status).toBe(415);
    expect(r.requests).toHaveLength(1);
  });
});

describe('CRL builder, read by openssl crl', () => {
  test('chosen thisUpdate / nextUpdate, entries with reasons, cRLNumber and AKI; verify OK', () => {
    const file = writeTemp(
      work,
      'built.crl',
      buildCrl({
        thisUpdate: new Date('2026-11-01T00:00:00Z'),
        nextUpdate: new Date('2026-11-08T12:00:00Z'),
        crlNumber: 42,
        entries: [
          {
            serial: '48a1000000001008',
            revocationDate: new Date('2026-03-01T00:00:00Z'),
            reason: 'keyCompromise',
          },
          {
            serial: '48a1000000001003',
            revocationDate: new Date('2026-10-15T06:00:00Z'),
            reason: 'certificateHold',
          },
        ],
      }),
    );
    const text = runTool('openssl', ['crl', '-inform', 'DER', '-in', file, '-text', '-noout']);
    expect(text.code, text.out).toBe(0);
    expect(text.out).toContain('Last Update: Nov  1 00:00:00 2026 GMT');
    expect(text.out).toContain('Next Update: Nov  8 12:00:00 2026 GMT');
    expect(text.out).toMatch(/X509v3 CRL Number: \n\s+42\n/);
    expect(text.out).toMatch(/X509v3 Authority Key Identifier: \n\s+2D:96:26:98/);
    expect(text.out).toMatch(
      /Serial Number: 48A1000000001008\n\s+Revocation Date: Mar {2}1 00:00:00 2026 GMT\n\s+CRL entry extensions:\n\s+X509v3 CRL Reason Code: \n\s+Key Compromise\n/,
    );
    expect(text.out).toMatch(
      /Serial Number: 48A1000000001003\n\s+Revocation Date: Oct 15 06:00:00 2026 GMT\n\s+CRL entry extensions:\n\s+X509v3 CRL Reason Code: \n\s+Certificate Hold\n/,
    );
    const verify = runTool('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      file,
      '-CAfile',
      caBundle,
      '-verify',
      '-noout',
    ]);
    expect(verify.out).toContain('verify OK');
    expect(verify.code).toBe(0);
  });

  test('no nextUpdate, no extensions, removeFromCRL; served over HTTP and recorded', async () => {
    const crl = buildCrl({
      thisUpdate: new Date('2026-11-20T00:00:00Z'),
      crlNumber: null,
      authorityKeyIdentifier: false,
      entries: [
        {
          serial: '48a1000000001003',
          revocationDate: new Date('2026-11-19T00:00:00Z'),
          reason: 'removeFromCRL',
        },
      ],
    });
    const server = await startCrlServer({ crls: { 'intermediate.crl': crl } });
    try {
      const res = await fetch(server.url('intermediate.crl'));
      expect(res.headers.get('content-type')).toBe('application/pkix-crl');
      const file = writeTemp(work, 'served.crl', new Uint8Array(await res.arrayBuffer()));
      expect((await fetch(server.url('other.crl'))).status).toBe(404);
      expect(server.requests.map((q) => q.path)).toEqual([
        '/crl/intermediate.crl',
        '/crl/other.crl',
      ]);
      const text = runTool('openssl', ['crl', '-inform', 'DER', '-in', file, '-text', '-noout']);
      expect(text.out).toContain('Next Update: NONE');
      expect(text.out).not.toContain('CRL extensions');
      expect(text.out).toMatch(/X509v3 CRL Reason Code: \n\s+Remove From CRL\n/);
      const verify = runTool('openssl', [
        'crl',
        ...['-inform', 'DER', '-in', file, '-CAfile', caBundle, '-verify', '-noout'],
      ]);
      expect(verify.out).toContain('verify OK');
    } finally {
      await server.close();
    }
  });

  test('a CRL signed with a key other than the issuer’s does not verify', () => {
    const file = writeTemp(
      work,
      'forged.crl',
      buildCrl({
        issuer: {
          privateKey: loadTestKey('officer').privateKey,
          certificate: testCertDer('intermediate'),
        },
        thisUpdate: new Date('2026-11-01T00:00:00Z'),
        nextUpdate: new Date('2026-12-01T00:00:00Z'),
      }),
    );
    const verify = runTool('openssl', [
      'crl',
      ...['-inform', 'DER', '-in', file, '-CAfile', caBundle, '-verify', '-noout'],
    ]);
    expect(verify.out).toContain('verify failure');
    expect(verify.out).not.toContain('verify OK');
  });
});
