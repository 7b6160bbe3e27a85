import { X509Certificate, createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPkcs12, writePkcs12 } from '../../../src/cms/pkcs12/index.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/pkcs12');
const certDer = (name: string): Uint8Array =>
  new Uint8Array(new X509Certificate(readFileSync(join(FIXTURES, name))).raw);
const keyOf = (name: string) => createPrivateKey(readFileSync(join(FIXTURES, name)));
const spkiHex = (key: ReturnType<typeof keyOf>): string =>
  createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('hex');

/** A deterministic byte source, so two writes can be compared byte for byte. */
function counterRandom(): (n: number) => Uint8Array {
  let counter = 0;
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 32) {
      out.set(
        createHash('sha256')
          .update(`test-${counter++}`)
          .digest()
          .subarray(0, Math.min(32, n - i)),
        i,
      );
    }
    return out;
  };
}

describe('writePkcs12 round trip', () => {
  for (const [label, keyFile, certFile] of [
    ['RSA', 'rsa.key.pem', 'rsa.cert.pem'],
    ['EC P-256', 'ec.key.pem', 'ec.cert.pem'],
  ] as const) {
    test(label, () => {
      const privateKey = keyOf(keyFile);
      const certificate = certDer(certFile);
      const ca = certDer('ca.cert.pem');
      const p12 = writePkcs12({
        privateKey,
        certificate,
        chain: [ca],
        password: 'hoso-test',
        friendlyName: 'Nguyễn Văn An',
      });
      const back = readPkcs12(p12, 'hoso-test');
      expect(spkiHex(back.privateKey)).toBe(spkiHex(privateKey));
      expect(Buffer.from(back.certificate).equals(certificate)).toBe(true);
      expect(back.chain.map((c) => Buffer.from(c).equals(ca))).toEqual([true]);
      expect(back.friendlyName).toBe('Nguyễn Văn An');
    });
  }

  test('wrong password', () => {
    const p12 = writePkcs12({
      privateKey: keyOf('rsa.key.pem'),
      certificate: certDer('rsa.cert.pem'),
      chain: [],
      password: 'right',
    });
    expect(() => readPkcs12(p12, 'wrong', { path: 'ours.p12' })).toThrow(
      expect.objectContaining({ code: 'P12_BAD_PASSWORD' }),
    );
  });

  test('empty and non-ASCII passwords', () => {
    for (const password of ['', 'mật khẩu 🔑']) {
      const p12 = writePkcs12({
        privateKey: keyOf('ec.key.pem'),
        certificate: certDer('ec.cert.pem'),
        chain: [],
        password,
      });
      expect(readPkcs12(p12, password).privateKey.asymmetricKeyType).toBe('ec');
    }
  });

  test('an injected random source makes the output reproducible', () => {
    const input = {
      privateKey: keyOf('rsa.key.pem'),
      certificate: certDer('rsa.cert.pem'),
      chain: [],
      password: 'p',
    };
    const a = writePkcs12({ ...input, random: counterRandom() });
    const b = writePkcs12({ ...input, random: counterRandom() });
    const c = writePkcs12(input);
    expect(Buffer.from(a).equals(b)).toBe(true);
    expect(Buffer.from(a).equals(c)).toBe(false);
  });

  test('refuses a key that does not belong to the certificate', () => {
    expect(() =>
      writePkcs12({
        privateKey: keyOf('ec.key.pem'),
        certificate: certDer('rsa.cert.pem'),
        chain: [],
        password: 'p',
      }),
    ).toThrow(expect.objectContaining({ code: 'P12_NO_KEY' }));
  });

  test('refuses bad iteration counts and bad certificates', () => {
    const base = {
      privateKey: keyOf('rsa.key.pem'),
      certificate: certDer('rsa.cert.pem'),
      chain: [],
      password: 'p',
    };
    expect(() => writePkcs12({ ...base, iterations: 0 })).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
    expect(() => writePkcs12({ ...base, chain: [new Uint8Array([1, 2, 3])] })).toThrow(
      expect.objectContaining({ code: 'CERT_MALFORMED' }),
    );
  });
});
