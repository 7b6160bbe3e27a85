/**
 * PKCS#12 against OpenSSL, both ways: openssl opens every file we write, and we read every
 * variant openssl writes right now. Fails (never skips) when openssl is missing.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPkcs12, writePkcs12 } from '../../src/cms/pkcs12/index.js';
import { requireTool, runTool } from '../support/external-tools.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'tests/fixtures/pkcs12');
const TEST_CERTS = join(ROOT, 'test-certs');

function openssl(args: string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let work = '';

beforeAll(() => {
  requireTool('openssl');
  expect(openssl(['version'])).toMatch(/^OpenSSL 3\./);
  work = mkdtempSync(join(tmpdir(), 'hoso-p12-interop-'));
});

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

const spkiHex = (key: Parameters<typeof createPublicKey>[0]): string =>
  createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('hex');

describe('openssl opens what writePkcs12 writes', () => {
  for (const [label, keyFile, certFile] of [
    ['RSA', 'rsa.key.pem', 'rsa.cert.pem'],
    ['EC', 'ec.key.pem', 'ec.cert.pem'],
  ] as const) {
    test(label, () => {
      const privateKey = createPrivateKey(readFileSync(join(FIXTURES, keyFile)));
      const certificate = new X509Certificate(readFileSync(join(FIXTURES, certFile)));
      const ca = new X509Certificate(readFileSync(join(FIXTURES, 'ca.cert.pem')));
      const file = join(work, `ours-${label}.p12`);
      writeFileSync(
        file,
        writePkcs12({
          privateKey,
          certificate: certificate.raw,
          chain: [ca.raw],
          password: 'mật khẩu',
          friendlyName: 'hoso interop',
        }),
      );

      // -info without -legacy: the file must use only algorithms of OpenSSL 3's default provider.
      const info = runTool('openssl', [
        'pkcs12',
        '-info',
        '-noout',
        '-in',
        file,
        '-passin',
        'pass:mật khẩu',
      ]);
      expect(info.code, info.out).toBe(0);
      expect(info.out).toContain('MAC: sha256');
      expect(info.out).toContain('PBES2, PBKDF2, AES-256-CBC');
      expect(info.out).toContain('PRF hmacWithSHA256');
      const dump = openssl(['pkcs12', '-in', file, '-passin', 'pass:mật khẩu', '-nodes']);
      const keyPem = dump.slice(dump.indexOf('-----BEGIN PRIVATE KEY-----'));
      expect(spkiHex(keyPem)).toBe(spkiHex(privateKey));
      // ASCII name: OpenSSL 3.0 prints BMPString attributes by their low bytes only.
      expect(dump).toContain('friendlyName: hoso interop');
      expect(dump.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    });
  }

  test('openssl rejects our file with the wrong password', () => {
    const privateKey = createPrivateKey(readFileSync(join(FIXTURES, 'rsa.key.pem')));
    const certificate = new X509Certificate(readFileSync(join(FIXTURES, 'rsa.cert.pem')));
    const file = join(work, 'wrong.p12');
    writeFileSync(
      file,
      writePkcs12({ privateKey, certificate: certificate.raw, chain: [], password: 'right' }),
    );
    expect(() =>
      openssl(['pkcs12', '-info', '-noout', '-in', file, '-passin', 'pass:wrong']),
    ).toThrow();
  });
});

describe('readPkcs12 reads what openssl writes today', () => {
  const variants: [string, string[]][] = [
    ['default', []],
    ['legacy', ['-legacy']],
    ['3des', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
    ['2des', ['-certpbe', 'PBE-SHA1-2DES', '-keypbe', 'PBE-SHA1-2DES']],
    ['rc2-128', ['-legacy', '-certpbe', 'PBE-SHA1-RC2-128', '-keypbe', 'PBE-SHA1-RC2-128']],
    ['macalg-sha256', ['-macalg', 'sha256']],
    ['macalg-sha512', ['-macalg', 'sha512', '-keypbe', 'aes-128-cbc', '-certpbe', 'aes-192-cbc']],
    ['nomac', ['-nomac']],
    ['legacy-nomac', ['-legacy', '-nomac']],
    ['unencrypted', ['-keypbe', 'NONE', '-certpbe', 'NONE']],
    ['iter-100000', ['-iter', '100000']],
  ];
  for (const [name, extra] of variants) {
    test(name, () => {
      const file = join(work, `openssl-${name}.p12`);
      openssl([
        'pkcs12',
        '-export',
        '-inkey',
        join(FIXTURES, 'rsa.key.pem'),
        '-in',
        join(FIXTURES, 'rsa.cert.pem'),
        '-certfile',
        join(FIXTURES, 'ca.cert.pem'),
        '-name',
        'hoso',
        '-passout',
        'pass:hoso-interop',
        '-out',
        file,
        ...extra,
      ]);
      const contents = readPkcs12(new Uint8Array(readFileSync(file)), 'hoso-interop', {
        path: file,
      });
      expect(spkiHex(contents.privateKey)).toBe(
        spkiHex(readFileSync(join(FIXTURES, 'rsa.key.pem'))),
      );
      expect(contents.chain).toHaveLength(1);
      expect(contents.friendlyName).toBe('hoso');
      expect(() => readPkcs12(new Uint8Array(readFileSync(file)), 'wrong')).toThrow(
        expect.objectContaining({ code: 'P12_BAD_PASSWORD' }),
      );
    });
  }
});

describe('the committed test PKI', () => {
  const p12Files = existsSync(TEST_CERTS)
    ? readdirSync(TEST_CERTS).filter((f) => f.endsWith('.p12'))
    : [];

  test('has .p12 files', () => {
    expect(p12Files.length).toBeGreaterThanOrEqual(12);
  });

  for (const file of p12Files) {
    test(`openssl opens ${file}`, () => {
      openssl([
        'pkcs12',
        '-info',
        '-noout',
        '-in',
        join(TEST_CERTS, file),
        '-passin',
        'pass:hoso-test',
      ]);
    });
  }

  test('openssl verify accepts the officer certificate', () => {
    const out = openssl([
      'verify',
      '-CAfile',
      join(TEST_CERTS, 'root.cert.pem'),
      '-untrusted',
      join(TEST_CERTS, 'intermediate.cert.pem'),
      '-attime',
      String(Date.parse('2027-01-01T00:00:00Z') / 1000),
      join(TEST_CERTS, 'officer.cert.pem'),
    ]);
    expect(out).toContain(': OK');
  });
});
