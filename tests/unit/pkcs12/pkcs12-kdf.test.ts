import { describe, expect, test } from 'vitest';
import { digestByOid } from '../../../src/cms/pkcs12/digest-algorithms.js';
import { OID } from '../../../src/cms/pkcs12/object-identifiers.js';
import { bmpPassword, bmpPasswordCandidates } from '../../../src/cms/pkcs12/password.js';
import { type KdfPurpose, pkcs12Kdf } from '../../../src/cms/pkcs12/pkcs12-kdf.js';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

// Expected values computed by OpenSSL's PKCS12KDF (see tests/fixtures/pkcs12/README.md):
// digest, BMPString password (hex), salt, iterations, id, expected output.
const VECTORS: [string, string, string, number, KdfPurpose, string][] = [
  [
    OID.sha1,
    '0073006d006500670000',
    '0a58cf64530d823f',
    1,
    1,
    '8aaae6297b6cb04642ab5b077851284eb7128f1a2a7fbca3',
  ],
  [OID.sha1, '0073006d006500670000', '0a58cf64530d823f', 1, 2, '79993dfe048d3b76'],
  [
    OID.sha1,
    '0071007500650065006700000000',
    '3d83c0e4546ac140',
    1,
    3,
    '3d52a8469b5b536bad215b182c2615aa76b983f0',
  ],
  [
    OID.sha256,
    '00660069007800740075007200650000',
    '0102030405060708',
    2048,
    3,
    '5a23f95ff134d9fce0b2dcf225469810b87e0cbbbd3c910ed9f3e635c45cd664',
  ],
  [
    OID.sha512,
    '00660069007800740075007200650000',
    '0102030405060708',
    2048,
    3,
    'ed362c1a233284796a6ba46e286af91fc3a2322e713559572dfa8c5150a0456a49d9239365319c98b6eaf5eeba74a1fbdd10a1efdfb29aec40e2735fedecd263',
  ],
  // n > u and a salt longer than v: exercises the I_j + B + 1 update of step 6c.
  [
    OID.sha256,
    '00660069007800740075007200650000',
    'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9001',
    3,
    1,
    '143fdfa02da80f0dfd6bdc62f1ea0679935377394960281d256580bc34a32a86901568df1e50a97b403514612d879efc206afe99a88e22d8d17639a19922d2fd8092ee9880fd284a5d66198aa6b2d10269509a10668356cb1bbec7826656d94e2e0caeee',
  ],
  // The empty password as RFC 7292 B.1 encodes it: just the two terminating zero bytes.
  [
    OID.sha1,
    '0000',
    '0102030405060708',
    2048,
    1,
    'd9e86745c0eb8303bfc880579a1c7a45f2073495a0e9cd6e',
  ],
  [
    OID.sha384,
    '006d1ead00740020006b00681ea900750000',
    '0102030405060708',
    1000,
    3,
    'e423c6590716e311914f0dab9826ec3e31e03de2d1123afcf9a85ea89ae2a838fabf23f7421d10fb6658fa4e1b18cc23',
  ],
];

describe('PKCS#12 KDF (RFC 7292 Appendix B.2)', () => {
  for (const [oid, password, salt, iterations, id, expected] of VECTORS) {
    test(`${oid} id ${id}, ${iterations} iterations, ${expected.length / 2} bytes`, () => {
      const digest = digestByOid(oid, 'test');
      const out = pkcs12Kdf(digest, hex(password), hex(salt), iterations, id, expected.length / 2);
      expect(Buffer.from(out).toString('hex')).toBe(expected);
    });
  }
});

describe('BMPString password (RFC 7292 B.1)', () => {
  test('big-endian UTF-16 with two trailing zero bytes', () => {
    expect(Buffer.from(bmpPassword('smeg')).toString('hex')).toBe('0073006d006500670000');
    expect(Buffer.from(bmpPassword('mật khẩu')).toString('hex')).toBe(
      '006d1ead00740020006b00681ea900750000',
    );
  });

  test('the empty password is tried as 00 00 and as no bytes at all', () => {
    expect(bmpPasswordCandidates('').map((b) => Buffer.from(b).toString('hex'))).toEqual([
      '0000',
      '',
    ]);
    expect(bmpPasswordCandidates('a')).toHaveLength(1);
  });
});
