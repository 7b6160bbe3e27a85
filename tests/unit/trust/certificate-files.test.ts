/**
 * readTrustMaterial: certificates and CRLs from PEM, DER and .p7b bytes, kept byte for byte; a
 * file that holds neither is CERT_MALFORMED naming the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatesFromFile, parseCrl, readTrustMaterial } from '../../../src/trust/index.js';
import { TEST_CERTS } from '../../support/paths.js';
import { testCertDer } from '../../support/test-keys.js';
import { p7b, pem } from './mint.js';

const ROOT = testCertDer('root');
const INTERMEDIATE = testCertDer('intermediate');
const CRL = new Uint8Array(readFileSync(join(TEST_CERTS, 'intermediate.crl')));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('readTrustMaterial', () => {
  it('reads a DER certificate and a DER CRL', () => {
    expect(readTrustMaterial(ROOT, 'root.cer')).toEqual({ certificates: [ROOT], crls: [] });
    expect(readTrustMaterial(CRL, 'x.crl')).toEqual({ certificates: [], crls: [CRL] });
  });

  it('reads every block of a PEM bundle, certificates and CRLs, with text around them', () => {
    const text =
      'Bundle of the test PKI\n' +
      pem('CERTIFICATE', ROOT) +
      'subject=...\n' +
      pem('CERTIFICATE', INTERMEDIATE) +
      pem('X509 CRL', CRL) +
      pem('PRIVATE KEY', new Uint8Array([1, 2, 3]));
    const m = readTrustMaterial(bytes(text), 'bundle.pem');
    expect(m.certificates.map(sha)).toEqual([sha(ROOT), sha(INTERMEDIATE)]);
    expect(m.crls.map(sha)).toEqual([sha(CRL)]);
  });

  it('reads .p7b bundles in DER and PEM, keeping the certificates byte for byte', () => {
    const bundle = p7b([INTERMEDIATE, ROOT], [CRL]);
    const m = readTrustMaterial(bundle, 'chain.p7b');
    expect(m.certificates.map(sha)).toEqual([sha(INTERMEDIATE), sha(ROOT)]);
    expect(m.crls.map(sha)).toEqual([sha(CRL)]);
    const fromPem = readTrustMaterial(bytes(pem('PKCS7', bundle)), 'chain.p7c');
    expect(fromPem.certificates.map(sha)).toEqual([sha(INTERMEDIATE), sha(ROOT)]);
  });

  it('drops bytes after the certificate (OpenSSL TRUSTED CERTIFICATE aux data)', () => {
    const withAux = new Uint8Array([...ROOT, 0x30, 0x00]);
    const m = readTrustMaterial(bytes(pem('TRUSTED CERTIFICATE', withAux)), 'trusted.pem');
    expect(m.certificates.map(sha)).toEqual([sha(ROOT)]);
  });

  it('refuses what is not a certificate, naming the file', () => {
    for (const [content, path] of [
      [bytes('hello, not a certificate'), 'notes.txt'],
      [new Uint8Array(0), 'empty.cer'],
      [bytes(pem('CERTIFICATE', new Uint8Array([0x30, 0x03, 1, 2, 3]))), 'broken.pem'],
      [bytes(pem('PRIVATE KEY', new Uint8Array([1]))), 'key.pem'],
    ] as const) {
      expect(() => readTrustMaterial(content, path), path).toThrow(
        expect.objectContaining({
          code: 'CERT_MALFORMED',
          params: expect.objectContaining({ path }),
        }),
      );
    }
  });

  it('certificatesFromFile wants certificates', () => {
    expect(certificatesFromFile(ROOT, 'root.cer')).toEqual([ROOT]);
    expect(() => certificatesFromFile(CRL, 'only.crl')).toThrow(
      expect.objectContaining({ code: 'CERT_MALFORMED' }),
    );
  });
});

describe('parseCrl', () => {
  it('reads the test CRL', () => {
    const crl = parseCrl(CRL, 'intermediate.crl');
    expect(crl.issuer.commonName).toBe('hoso Test Issuing CA (NOT FOR PRODUCTION)');
    expect(crl.thisUpdate.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(crl.nextUpdate?.toISOString()).toBe('2036-01-01T00:00:00.000Z');
    expect(crl.crlNumber).toBe('1');
    expect(crl.unusable).toBeNull();
    expect(crl.entries.get('48a1000000001008')).toMatchObject({ reason: 'keyCompromise' });
  });
});
