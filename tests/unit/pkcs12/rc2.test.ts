import { describe, expect, test } from 'vitest';
import {
  rc2CbcDecrypt,
  rc2DecryptBlock,
  rc2EncryptBlock,
  rc2ExpandKey,
} from '../../../src/cms/pkcs12/rc2.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

// RFC 2268 §5: key, effective key bits, plaintext, ciphertext.
const RFC2268_VECTORS: [string, number, string, string][] = [
  ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
  ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
  ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
  ['88', 64, '0000000000000000', '61a8a244adacccf0'],
  ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
  ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
  ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
  [
    '88bca90e90875a7f0f79c384627bafb216f80a6f85920584c42fceb0be255daf1e',
    129,
    '0000000000000000',
    '5b78d3a43dfff1f1',
  ],
];

describe('RC2 (RFC 2268 §5 vectors)', () => {
  for (const [key, bits, plain, cipher] of RFC2268_VECTORS) {
    test(`key ${key}, ${bits} effective bits`, () => {
      const k = rc2ExpandKey(hex(key), bits);
      const decrypted = new Uint8Array(8);
      rc2DecryptBlock(k, hex(cipher), decrypted);
      expect(toHex(decrypted)).toBe(plain);
      const encrypted = new Uint8Array(8);
      rc2EncryptBlock(k, hex(plain), encrypted);
      expect(toHex(encrypted)).toBe(cipher);
    });
  }
});

describe('RC2-CBC decryption', () => {
  const key = hex('88bca90e90875a7f0f79c384627bafb2');
  const iv = hex('0102030405060708');

  function encryptCbc(plain: Uint8Array): Uint8Array {
    const k = rc2ExpandKey(key, 40);
    const out = new Uint8Array(plain.length);
    let previous = iv;
    for (let off = 0; off < plain.length; off += 8) {
      const block = plain.slice(off, off + 8).map((b, i) => b ^ (previous[i] as number));
      const encrypted = new Uint8Array(8);
      rc2EncryptBlock(k, block, encrypted);
      out.set(encrypted, off);
      previous = out.subarray(off, off + 8);
    }
    return out;
  }

  test('undoes CBC chaining and PKCS#5 padding', () => {
    const message = new Uint8Array(Buffer.from('hồ sơ điện tử!'));
    const pad = 8 - (message.length % 8);
    const padded = new Uint8Array([...message, ...new Array<number>(pad).fill(pad)]);
    expect(Buffer.from(rc2CbcDecrypt(key, 40, iv, encryptCbc(padded))).toString()).toBe(
      'hồ sơ điện tử!',
    );
  });

  test('bad padding is reported as a wrong password', () => {
    const garbage = encryptCbc(hex('00112233445566778899aabbccddeeff'));
    expect(() => rc2CbcDecrypt(key, 40, iv, garbage)).toThrow(
      expect.objectContaining({ code: 'P12_BAD_PASSWORD' }),
    );
  });

  test('a ciphertext that is not whole blocks is malformed', () => {
    expect(() => rc2CbcDecrypt(key, 40, iv, hex('0011223344'))).toThrow(
      expect.objectContaining({ code: 'P12_MALFORMED' }),
    );
  });
});
