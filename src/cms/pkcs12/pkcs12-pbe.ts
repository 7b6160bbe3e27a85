/**
 * The legacy password-based encryption schemes of RFC 7292 Appendix C (pkcs-12PbeIds): SHA-1
 * and the Appendix B KDF derive the key and IV. Still what `openssl pkcs12 -export -legacy`,
 * openssl 1.x and many Windows and CA exports use (RC2-40 for certificates, 3DES for the key).
 */
import type * as asn1js from 'asn1js';
import { HosoError } from '../../kernel/index.js';
import { type CbcCipher, cbcDecrypt } from './block-cipher.js';
import { octetsOf, sequenceItems, smallIntegerOf } from './der-reading.js';
import { SHA1 } from './digest-algorithms.js';
import { checkIterations } from './limits.js';
import { OID, describeOid } from './object-identifiers.js';
import { KDF_PURPOSE, pkcs12Kdf } from './pkcs12-kdf.js';

interface LegacyScheme {
  readonly cipher: CbcCipher;
  readonly keyBytes: number;
}

const SCHEMES: Readonly<Record<string, LegacyScheme>> = {
  [OID.pbeWithSHAAnd3KeyTripleDESCBC]: { cipher: { name: 'des-ede3-cbc' }, keyBytes: 24 },
  // Two-key triple DES is three-key triple DES with K3 = K1 (the key is expanded below).
  [OID.pbeWithSHAAnd2KeyTripleDESCBC]: { cipher: { name: 'des-ede3-cbc' }, keyBytes: 16 },
  [OID.pbeWithSHAAnd128BitRC2CBC]: {
    cipher: { name: 'rc2-cbc', effectiveBits: 128 },
    keyBytes: 16,
  },
  [OID.pbeWithSHAAnd40BitRC2CBC]: { cipher: { name: 'rc2-cbc', effectiveBits: 40 }, keyBytes: 5 },
};

export function isPkcs12PbeOid(oid: string): boolean {
  return oid.startsWith('1.2.840.113549.1.12.1.');
}

/** Decrypts with one of the pkcs-12PbeIds; `passwordBmp` is the BMPString form of password.ts. */
export function pkcs12PbeDecrypt(
  oid: string,
  params: asn1js.AsnType | undefined,
  passwordBmp: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  const scheme = SCHEMES[oid];
  if (scheme === undefined) {
    // pbeWithSHAAnd128BitRC4 and 40BitRC4 are stream ciphers nobody has exported with for
    // two decades; refusing them is cheaper than carrying RC4.
    throw new HosoError('P12_UNSUPPORTED', {
      params: { detail: `encryption ${describeOid(oid)}` },
    });
  }
  // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
  const [saltNode, iterNode] = sequenceItems(params, 'pkcs-12PbeParams', 2);
  const salt = octetsOf(saltNode, 'pkcs-12PbeParams salt');
  const iterations = smallIntegerOf(iterNode, 'pkcs-12PbeParams iterations');
  checkIterations(iterations, 'PKCS#12 PBE');
  let key = pkcs12Kdf(SHA1, passwordBmp, salt, iterations, KDF_PURPOSE.key, scheme.keyBytes);
  if (oid === OID.pbeWithSHAAnd2KeyTripleDESCBC)
    key = new Uint8Array(Buffer.concat([key, key.subarray(0, 8)]));
  const iv = pkcs12Kdf(SHA1, passwordBmp, salt, iterations, KDF_PURPOSE.iv, 8);
  return cbcDecrypt(scheme.cipher, key, iv, ciphertext);
}
