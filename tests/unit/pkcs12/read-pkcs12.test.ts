import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { describe, expect, test } from 'vitest';
import { readPkcs12 } from '../../../src/cms/pkcs12/index.js';
import { OID } from '../../../src/cms/pkcs12/object-identifiers.js';
import { buildPfx, certBag, dataSafe, keyBag, nestedBag, shroudedKeyBag } from './pfx-builder.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/pkcs12');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));
const certDer = (name: string): Uint8Array =>
  new Uint8Array(new X509Certificate(readFileSync(join(FIXTURES, name))).raw);
const spki = (key: Parameters<typeof createPublicKey>[0]): Buffer =>
  createPublicKey(key).export({ type: 'spki', format: 'der' });

const RSA_CERT = certDer('rsa.cert.pem');
const CA_CERT = certDer('ca.cert.pem');
const RSA_KEY = createPrivateKey(readFileSync(join(FIXTURES, 'rsa.key.pem')));

/** openssl-written files: name, password. All hold rsa.key.pem, rsa.cert.pem and ca.cert.pem. */
const OPENSSL_RSA_FILES: [string, string][] = [
  ['default-aes256-sha256.p12', 'fixture-pass'],
  ['legacy-rc2-40-3des-sha1.p12', 'fixture-pass'],
  ['pbe-sha1-3des.p12', 'fixture-pass'],
  ['pbe-sha1-2des.p12', 'fixture-pass'],
  ['pbe-sha1-rc2-128.p12', 'fixture-pass'],
  ['pbes2-aes128-aes192-sha512.p12', 'fixture-pass'],
  ['pbes2-3des-sha384.p12', 'fixture-pass'],
  ['nomac.p12', 'fixture-pass'],
  ['legacy-nomac.p12', 'fixture-pass'],
  ['unencrypted.p12', 'fixture-pass'],
  ['empty-password.p12', ''],
  ['legacy-empty-password.p12', ''],
  ['unicode-password.p12', 'mật khẩu'],
];

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return undefined;
};

describe('readPkcs12 on files openssl wrote', () => {
  for (const [name, password] of OPENSSL_RSA_FILES) {
    test(name, () => {
      const contents = readPkcs12(fixture(name), password, { path: name });
      expect(spki(contents.privateKey).equals(spki(RSA_KEY))).toBe(true);
      expect(Buffer.from(contents.certificate).equals(RSA_CERT)).toBe(true);
      expect(contents.chain.map((c) => Buffer.from(c).toString('hex'))).toEqual([
        Buffer.from(CA_CERT).toString('hex'),
      ]);
      expect(contents.friendlyName).toBe('hoso fixture');
    });

    test(`${name} with a wrong password`, () => {
      expect(() => readPkcs12(fixture(name), `${password}x`, { path: name })).toThrow(
        expect.objectContaining({
          code: 'P12_BAD_PASSWORD',
          params: expect.objectContaining({ path: name }),
        }),
      );
    });
  }

  test('EC P-256 key', () => {
    const contents = readPkcs12(fixture('ec-default.p12'), 'fixture-pass');
    expect(contents.privateKey.asymmetricKeyType).toBe('ec');
    expect(new X509Certificate(contents.certificate).checkPrivateKey(contents.privateKey)).toBe(
      true,
    );
    expect(contents.friendlyName).toBeUndefined();
  });

  test('PBMAC1 (RFC 9579 Appendix A.1 test vector)', () => {
    const contents = readPkcs12(fixture('rfc9579-a1-pbmac1-sha256.p12'), '1234');
    expect(new X509Certificate(contents.certificate).checkPrivateKey(contents.privateKey)).toBe(
      true,
    );
    expect(codeOf(() => readPkcs12(fixture('rfc9579-a1-pbmac1-sha256.p12'), '1235'))).toBe(
      'P12_BAD_PASSWORD',
    );
  });
});

describe('readPkcs12 on damaged input', () => {
  const good = fixture('default-aes256-sha256.p12');

  test('truncated file', () => {
    const error = (() => {
      try {
        readPkcs12(good.subarray(0, good.length - 100), 'fixture-pass', { path: 'cut.p12' });
      } catch (e) {
        return e as { code: string; message: string };
      }
      throw new Error('no error');
    })();
    expect(error.code).toBe('P12_MALFORMED');
    expect(error.message).toContain('cut.p12');
    expect(error.message).toMatch(/PFX/);
  });

  test('garbage', () => {
    expect(
      codeOf(() => readPkcs12(new Uint8Array(Buffer.from('this is not a key file at all')), 'x')),
    ).toBe('P12_MALFORMED');
    expect(codeOf(() => readPkcs12(new Uint8Array(0), 'x'))).toBe('P12_MALFORMED');
    expect(codeOf(() => readPkcs12(RSA_CERT, 'x'))).toBe('P12_MALFORMED');
  });

  test('a flipped byte inside the MAC-protected data is caught by the MAC', () => {
    const damaged = new Uint8Array(good);
    damaged[200] = (damaged[200] as number) ^ 0xff;
    expect(codeOf(() => readPkcs12(damaged, 'fixture-pass'))).toMatch(
      /^P12_(BAD_PASSWORD|MALFORMED)$/,
    );
  });

  test('more than 10 MB is refused before parsing', () => {
    expect(codeOf(() => readPkcs12(new Uint8Array(10 * 1024 * 1024 + 1), 'x'))).toBe(
      'INPUT_TOO_LARGE',
    );
  });
});

describe('readPkcs12 on hand-built structures', () => {
  const pkcs8 = new Uint8Array(RSA_KEY.export({ type: 'pkcs8', format: 'der' }));

  test('matches the key to its certificate by public key, not by order; plain and nested bags', () => {
    const pfx = buildPfx([
      dataSafe([certBag(CA_CERT), nestedBag([keyBag(pkcs8), certBag(RSA_CERT)])]),
    ]);
    const contents = readPkcs12(pfx, 'pw');
    expect(Buffer.from(contents.certificate).equals(RSA_CERT)).toBe(true);
    expect(contents.chain).toHaveLength(1);
    expect(contents.friendlyName).toBeUndefined();
  });

  test('a key without its certificate is P12_NO_KEY', () => {
    expect(
      codeOf(() => readPkcs12(buildPfx([dataSafe([keyBag(pkcs8), certBag(CA_CERT)])]), 'pw')),
    ).toBe('P12_NO_KEY');
    expect(codeOf(() => readPkcs12(buildPfx([dataSafe([certBag(RSA_CERT)])]), 'pw'))).toBe(
      'P12_NO_KEY',
    );
  });

  test('an unknown encryption algorithm is P12_UNSUPPORTED and named', () => {
    const params = new asn1js.Sequence({
      value: [
        new asn1js.OctetString({ valueHex: new Uint8Array(8) }),
        new asn1js.Integer({ value: 1 }),
      ],
    });
    for (const [algorithm, named] of [
      ['1.2.3.4.5', '1.2.3.4.5'],
      [OID.pbeWithSHAAnd128BitRC4, 'pbeWithSHAAnd128BitRC4'],
    ] as const) {
      const pfx = buildPfx([
        dataSafe([shroudedKeyBag(algorithm, params, new Uint8Array(16)), certBag(RSA_CERT)]),
      ]);
      try {
        readPkcs12(pfx, 'pw');
        throw new Error('no error');
      } catch (e) {
        expect(e).toMatchObject({ code: 'P12_UNSUPPORTED' });
        expect((e as Error).message).toContain(named);
      }
    }
  });

  test('an absurd iteration count is refused before any work', () => {
    const pfx = buildPfx([dataSafe([keyBag(pkcs8), certBag(RSA_CERT)])], {
      macIterations: 20_000_000,
    });
    const started = Date.now();
    try {
      readPkcs12(pfx, 'pw');
      throw new Error('no error');
    } catch (e) {
      expect(e).toMatchObject({ code: 'P12_UNSUPPORTED' });
      expect((e as Error).message).toContain('20000000');
    }
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('without a MAC, unencrypted content needs no password check', () => {
    const contents = readPkcs12(
      buildPfx([dataSafe([keyBag(pkcs8), certBag(RSA_CERT)])], { noMac: true }),
      'anything',
    );
    expect(Buffer.from(contents.certificate).equals(RSA_CERT)).toBe(true);
  });
});
