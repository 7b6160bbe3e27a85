/**
 * PAdES B-LT and B-LTA made by `hoso sign` (issue 7), checked from the outside (INTEROP.md):
 * poppler `pdfsig`, with an NSS database trusting only the test root, says "Signature is Valid."
 * and "Certificate is Trusted." for the signature after the DSS and document timestamp updates,
 * and lists the document timestamp as a signature field of its own, by the test TSA, over the
 * whole file. pdfsig 22.12 cannot validate ETSI.RFC3161 (it prints "Signature Type: unknown" and
 * "Unable to validate this type of signature"), so `openssl ts -verify` checks that token: its
 * TSA signature, its chain to the test root, and that its imprint is the SHA-256 of the bytes
 * the ByteRange names. `qpdf --check` finds no structural problem in the chain of incremental
 * updates. Both for a fresh signature and for `--extend` of a B-B one.
 * Needs pdfsig, certutil, qpdf and openssl: fails, never skips, without them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  extractSignatures,
  nssDbTrusting,
  requireTool,
  runTool,
  signedBytes,
} from '../support/external-tools.js';
import { SAMPLES, TEST_CERTS } from '../support/paths.js';
import { pdfsig } from '../support/pdfsig.js';
import { hoso, hosoAsync } from '../support/run-cli.js';
import { certPath, p12Path } from '../support/test-keys.js';
import { startTsa, type RunningTsa } from '../support/tsa-server.js';

const env = { HOSO_P12_PASSWORD: 'hoso-test' };
const FORM = join(SAMPLES, 'inputs', 'application-form.pdf');
const CLASSIC = join(SAMPLES, 'inputs', 'application-form-classic.pdf');
const CRL = join(TEST_CERTS, 'intermediate.crl');
let dir = '';
let nss = '';
let tsa: RunningTsa;

beforeAll(async () => {
  for (const tool of ['pdfsig', 'qpdf', 'certutil', 'openssl']) requireTool(tool);
  dir = mkdtempSync(join(tmpdir(), 'hoso-ltv-interop-'));
  nss = nssDbTrusting([certPath('root')]);
  tsa = await startTsa();
});
afterAll(async () => {
  await tsa?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (nss) rmSync(nss.replace(/^sql:/, ''), { recursive: true, force: true });
});

function expectQpdfClean(file: string): void {
  const qpdf = runTool('qpdf', ['--check', file]);
  expect(qpdf.out).toContain('No syntax or stream encoding errors found');
  expect(qpdf.out).not.toMatch(/WARNING/);
  expect(qpdf.code).toBe(0);
}

/**
 * pdfsig's view: the signature valid and trusted though not covering the whole file, then
 * `timestamps` document timestamps by the test TSA, the last one covering everything.
 */
function expectPdfsig(file: string, timestamps: number): void {
  const { raw, signatures } = pdfsig(file, nss);
  expect(signatures, raw).toHaveLength(1 + timestamps);
  const blocks = raw.split(/^Signature #\d+:\s*$/m).slice(1);
  const [signature, ...stamps] = signatures;
  expect(blocks[0]).toContain('Signature Type: ETSI.CAdES.detached');
  expect(signature!.validation, raw).toBe('Signature is Valid.');
  expect(signature!.certificate, raw).toBe('Certificate is Trusted.');
  expect(signature!.totalDocument).toBe(false);
  stamps.forEach((stamp, i) => {
    expect(blocks[i + 1], raw).toContain(`Signature Field Name: DocumentTimestamp${i + 1}`);
    expect(blocks[i + 1], raw).toContain('Signer Certificate Common Name: hoso Test TSA');
    expect(stamp.totalDocument, raw).toBe(i === timestamps - 1);
  });
}

/** `openssl ts -verify` on every document timestamp: TSA signature, chain, imprint = ByteRange. */
function expectTokensVerify(file: string, timestamps: number): void {
  const pdf = readFileSync(file);
  const stamps = extractSignatures(pdf).slice(1);
  expect(stamps).toHaveLength(timestamps);
  stamps.forEach(({ byteRange, cms }, i) => {
    const token = join(dir, `token-${i}.der`);
    writeFileSync(token, cms);
    const imprint = createHash('sha256').update(signedBytes(pdf, byteRange)).digest('hex');
    const v = runTool('openssl', [
      'ts',
      '-verify',
      '-in',
      token,
      '-token_in',
      '-digest',
      imprint,
      '-CAfile',
      certPath('root'),
      '-untrusted',
      certPath('intermediate'),
    ]);
    expect(v.out, file).toContain('Verification: OK');
  });
}

function expectOutsideValid(file: string, timestamps: number): void {
  expectPdfsig(file, timestamps);
  expectTokensVerify(file, timestamps);
  expectQpdfClean(file);
}

describe('hoso sign --level B-LT / B-LTA, read by pdfsig and qpdf', () => {
  for (const [name, input] of [
    ['xref-stream', FORM],
    ['classic-xref', CLASSIC],
  ] as const) {
    for (const level of ['B-LT', 'B-LTA'] as const) {
      it(`${level} on a ${name} input`, async () => {
        const output = join(dir, `${name}-${level}.pdf`);
        const r = await hosoAsync(
          [
            'sign',
            input,
            '-o',
            output,
            '--p12',
            p12Path('officer'),
            '--level',
            level,
            '--tsa',
            tsa.url,
            '--crl',
            CRL,
          ],
          { env },
        );
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const original = readFileSync(input);
        expect(readFileSync(output).subarray(0, original.length).equals(original)).toBe(true);
        expectOutsideValid(output, level === 'B-LTA' ? 1 : 0);
      });
    }
  }

  it('--extend of a B-B signature to B-LT, then to B-LTA', async () => {
    const bb = join(dir, 'extend-bb.pdf');
    const signed = hoso(['sign', FORM, '-o', bb, '--p12', p12Path('officer')], { env });
    expect(signed.code).toBe(0);
    const lt = join(dir, 'extend-lt.pdf');
    const r1 = hoso(['sign', '--extend', bb, '-o', lt, '--level', 'B-LT', '--crl', CRL]);
    expect(r1.stderr).toBe('');
    expect(r1.code).toBe(0);
    expectOutsideValid(lt, 0);
    const lta = join(dir, 'extend-lta.pdf');
    const r2 = await hosoAsync([
      'sign',
      '--extend',
      lt,
      '-o',
      lta,
      '--level',
      'B-LTA',
      '--tsa',
      tsa.url,
    ]);
    expect(r2.stderr).toBe('');
    expect(r2.code).toBe(0);
    expectOutsideValid(lta, 1);
  });
});
