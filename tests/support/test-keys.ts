/** Loads the committed test PKI (test-certs/) for tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { readPkcs12 } from '../../src/cms/pkcs12/index.js';
import type { SigningKey } from '../../src/cms/index.js';
import { TEST_CERTS, TEST_PASSWORD } from './paths.js';

export function testKey(name: string): SigningKey {
  const p12 = readPkcs12(
    new Uint8Array(readFileSync(join(TEST_CERTS, `${name}.p12`))),
    TEST_PASSWORD,
  );
  return { privateKey: p12.privateKey, certificate: p12.certificate, chain: p12.chain };
}

export function testCertDer(name: string): Uint8Array {
  return new Uint8Array(
    new X509Certificate(readFileSync(join(TEST_CERTS, `${name}.cert.pem`))).raw,
  );
}

export const p12Path = (name: string) => join(TEST_CERTS, `${name}.p12`);
export const certPath = (name: string) => join(TEST_CERTS, `${name}.cert.pem`);
