/**
 * Every PDF `hoso sign` produces, checked from the outside (issue 2 acceptance; INTEROP.md):
 * poppler `pdfsig` with an NSS database trusting the test root says "Signature is Valid." and
 * "Certificate is Trusted." for every signature, `qpdf --check` finds no errors, and each
 * extracted CMS verifies with `openssl cms -verify -binary -purpose any` against the signed
 * bytes. The original is an exact prefix of the output. Inputs: classic xref and xref-stream
 * PDFs, a second signature on a signed file, a 50 MB input, visible and invisible, RSA PKCS#1,
 * RSA-PSS, ECDSA, and B-T with a real RFC 3161 server on 127.0.0.1.
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
import { inspectCms } from '../support/cms-inspect.js';
import { writeLargePdf } from '../support/large-pdf.js';
import { SAMPLES, TEST_CERTS } from '../support/paths.js';
import { hoso, hosoAsync } from '../support/run-cli.js';
import { certPath, p12Path } from '../support/test-keys.js';
import { startTsa, type RunningTsa } from '../support/tsa-server.js';

const env = { HOSO_P12_PASSWORD: 'hoso-test' };
let dir = '';
let nss = '';
let tsa: RunningTsa;
let caFile = '';

beforeAll(async () => {
  for (const tool of ['pdfsig', 'qpdf', 'openssl', 'certutil']) requireTool(tool);
  dir = mkdtempSync(join(tmpdir(), 'hoso-sign-interop-'));
  nss = nssDbTrusting([certPath('root')]);
  tsa = await startTsa();
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, readFileSync(certPath('root')));
});
afterAll(async () => {
  await tsa?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (nss) rmSync(nss.replace(/^sql:/, ''), { recursive: true, force: true });
});

interface Case {
  readonly name: string;
  readonly input: () => string | Promise<string>;
  readonly key: string;
  readonly args?: readonly string[];
  /** Signatures expected in the output (a second signature on a signed file makes 2). */
  readonly signatures?: number;
  /** NSS (Debian 12) answer for this case where it differs from the plain one; see the note. */
  readonly expectTsa?: boolean;
}

const sample = (name: string) => join(SAMPLES, 'inputs', name);

const cases: Case[] = [
  {
    name: 'rsa-invisible-xref-stream',
    input: () => sample('application-form.pdf'),
    key: 'officer',
  },
  {
    name: 'rsa-invisible-classic-xref',
    input: () => sample('application-form-classic.pdf'),
    key: 'citizen',
  },
  { name: 'rsa-pss', input: () => sample('application-form.pdf'), key: 'pss', args: ['--pss'] },
  { name: 'ecdsa-p256', input: () => sample('application-form.pdf'), key: 'ecdsa' },
  {
    name: 'rsa-visible-page2',
    input: () => sample('result-decision.pdf'),
    key: 'officer',
    args: [
      '--visible',
      '2,330,272,210,76',
      '--reason',
      'Phê duyệt kết quả',
      '--location',
      'Hà Nội',
    ],
  },
  {
    name: 'ecdsa-visible-classic',
    input: () => sample('application-form-classic.pdf'),
    key: 'ecdsa',
    args: ['--visible', '1,330,104,210,64'],
  },
  {
    name: 'second-signature',
    input: () => join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf'),
    key: 'agency',
    signatures: 2,
  },
  {
    name: 'sha512',
    input: () => sample('application-form.pdf'),
    key: 'officer',
    args: ['--digest', 'sha512'],
  },
  {
    name: 'large-50mb',
    input: () => writeLargePdf(join(dir, 'input-50mb.pdf'), 50, 'stream'),
    key: 'officer',
  },
  {
    name: 'b-t-timestamp',
    input: () => sample('application-form.pdf'),
    key: 'officer',
    args: ['--level', 'B-T'],
    expectTsa: true,
  },
];

describe('hoso sign output passes outside validators', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const input = await c.input();
      const output = join(dir, `${c.name}.pdf`);
      const args = [...(c.args ?? [])];
      if (c.expectTsa) args.push('--tsa', tsa.url);
      const r = await hosoAsync(['sign', input, '-o', output, '--p12', p12Path(c.key), ...args], {
        env,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);

      const original = readFileSync(input);
      const signed = readFileSync(output);
      expect(signed.subarray(0, original.length).equals(original)).toBe(true);

      // poppler pdfsig with NSS trusting the test root
      const pdfsig = runTool('pdfsig', ['-nssdir', nss, output]).out;
      const expected = c.signatures ?? 1;
      expect(pdfsig.match(/Signature is Valid\./g) ?? [], pdfsig).toHaveLength(expected);
      expect(pdfsig.match(/Certificate is Trusted\./g) ?? [], pdfsig).toHaveLength(expected);
      expect(pdfsig).toContain('Total document signed');

      // qpdf: no structural problems
      const qpdf = runTool('qpdf', ['--check', output]);
      expect(qpdf.out).toContain('No syntax or stream encoding errors found');
      expect(qpdf.code).toBe(0);

      // openssl: every CMS verifies against exactly the bytes its ByteRange names
      const sigs = extractSignatures(signed);
      expect(sigs).toHaveLength(expected);
      sigs.forEach(({ byteRange, cms }, i) => {
        const cmsPath = join(dir, `${c.name}-${i}.p7s`);
        const contentPath = join(dir, `${c.name}-${i}.bin`);
        writeFileSync(cmsPath, cms);
        writeFileSync(contentPath, signedBytes(signed, byteRange));
        const v = runTool('openssl', [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          cmsPath,
          '-content',
          contentPath,
          '-CAfile',
          caFile,
          '-purpose',
          'any',
          '-out',
          '/dev/null',
        ]);
        expect(v.out, `signature ${i}`).toContain('Verification successful');
      });
      if (c.expectTsa) {
        // the signature timestamp token: openssl ts checks its TSA signature, its chain to the
        // test root and that its imprint is the hash of our signature value
        const cms = inspectCms(sigs[0]!.cms);
        const token = cms.unsignedAttributes.get('1.2.840.113549.1.9.16.2.14')!.values[0]!;
        const tokenPath = join(dir, `${c.name}-token.der`);
        writeFileSync(tokenPath, Buffer.from(token.toBER()));
        const sigValue = Buffer.from(cms.signerInfo.signature.valueBlock.valueHexView);
        const imprint = createHash('sha256').update(sigValue).digest('hex');
        const v = runTool('openssl', [
          'ts',
          '-verify',
          '-in',
          tokenPath,
          '-token_in',
          '-digest',
          imprint,
          '-CAfile',
          caFile,
          '-untrusted',
          certPath('intermediate'),
        ]);
        expect(v.out).toContain('Verification: OK');
      }
    });
  }
});

describe('hoso sign reads PKCS#12 files as openssl exports them', () => {
  // -legacy: RC2-40 certificate bag, 3DES key bag, SHA-1 MAC (what older CAs and Windows hand out)
  for (const variant of [
    ['-legacy'],
    ['-certpbe', 'AES-256-CBC', '-keypbe', 'AES-256-CBC', '-macalg', 'sha256'],
    ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
  ]) {
    it(`openssl pkcs12 -export ${variant.join(' ')}`, () => {
      const p12 = join(dir, `openssl${variant.join('')}.p12`);
      const chain = join(dir, 'chain.pem');
      writeFileSync(
        chain,
        Buffer.concat([readFileSync(certPath('intermediate')), readFileSync(certPath('root'))]),
      );
      const made = runTool('openssl', [
        'pkcs12',
        '-export',
        ...variant,
        '-inkey',
        join(TEST_CERTS, 'keys', 'agency.key.pem'),
        '-in',
        certPath('agency'),
        '-certfile',
        chain,
        '-passout',
        'pass:mật-khẩu',
        '-out',
        p12,
      ]);
      expect(made.code, made.out).toBe(0);
      const output = join(dir, `openssl${variant.join('')}.pdf`);
      const r = hoso(['sign', sample('application-form.pdf'), '-o', output, '--p12', p12], {
        env: { HOSO_P12_PASSWORD: 'mật-khẩu' },
      });
      expect(r.code, r.stderr).toBe(0);
      const pdfsig = runTool('pdfsig', ['-nssdir', nss, output]).out;
      expect(pdfsig).toContain('Signature is Valid.');
      expect(pdfsig).toContain('Certificate is Trusted.');
    });
  }
});

describe('hoso sign --detached / --enveloping pass openssl cms -verify', () => {
  it('detached .p7s over a JPEG and enveloping .p7m over XML', () => {
    const jpg = join(dir, 'cccd.jpg');
    writeFileSync(jpg, readFileSync(sample('id-card.jpg')));
    for (const [mode, key] of [
      ['--detached', 'citizen'],
      ['--enveloping', 'ecdsa'],
    ] as const) {
      const r = hoso(['sign', jpg, mode, '--p12', p12Path(key)], { env });
      expect(r.code, r.stderr).toBe(0);
      const sig = mode === '--detached' ? `${jpg}.p7s` : `${jpg}.p7m`;
      const args =
        mode === '--detached'
          ? ['cms', '-verify', '-binary', '-inform', 'DER', '-in', sig, '-content', jpg]
          : ['cms', '-verify', '-inform', 'DER', '-in', sig, '-out', join(dir, 'extracted.jpg')];
      const v = runTool('openssl', [
        ...args,
        '-CAfile',
        caFile,
        '-purpose',
        'any',
        ...(mode === '--detached' ? ['-out', '/dev/null'] : []),
      ]);
      expect(v.out).toContain('Verification successful');
      if (mode === '--enveloping')
        expect(readFileSync(join(dir, 'extracted.jpg')).equals(readFileSync(jpg))).toBe(true);
    }
  });
});
