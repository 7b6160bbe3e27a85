/**
 * CBC decryption through node:crypto for the ciphers OpenSSL 3's default provider has (AES,
 * triple DES), and through our own RC2 for the one it lacks. Decryption that fails on the
 * padding is reported as P12_BAD_PASSWORD: with the right key the padding is always right.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { HosoError } from '../../kernel/index.js';
import { rc2CbcDecrypt } from './rc2.js';

export type CbcCipher =
  | { readonly name: 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc' }
  | { readonly name: 'rc2-cbc'; readonly effectiveBits: number };

const KEY_BYTES = {
  'aes-128-cbc': 16,
  'aes-192-cbc': 24,
  'aes-256-cbc': 32,
  'des-ede3-cbc': 24,
} as const;
const IV_BYTES = {
  'aes-128-cbc': 16,
  'aes-192-cbc': 16,
  'aes-256-cbc': 16,
  'des-ede3-cbc': 8,
  'rc2-cbc': 8,
} as const;

export function ivBytes(cipher: CbcCipher): number {
  return IV_BYTES[cipher.name];
}

/** The fixed key size, or undefined for RC2, whose key size comes from the parameters. */
export function fixedKeyBytes(cipher: CbcCipher): number | undefined {
  return cipher.name === 'rc2-cbc' ? undefined : KEY_BYTES[cipher.name];
}

export function cbcDecrypt(
  cipher: CbcCipher,
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  if (iv.length !== ivBytes(cipher)) {
    throw new HosoError('P12_MALFORMED', {
      params: { detail: `${cipher.name} IV has ${iv.length} bytes, expected ${ivBytes(cipher)}` },
    });
  }
  if (cipher.name === 'rc2-cbc') return rc2CbcDecrypt(key, cipher.effectiveBits, iv, ciphertext);
  try {
    const decipher = createDecipheriv(cipher.name, key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch (e) {
    // OpenSSL says "bad decrypt" for a padding failure and "wrong final block length" for a
    // ciphertext that is not whole blocks; only the first is a password problem.
    if (ciphertext.length === 0 || ciphertext.length % ivBytes(cipher) !== 0) {
      throw new HosoError('P12_MALFORMED', {
        params: {
          detail: `${cipher.name} ciphertext of ${ciphertext.length} bytes is not whole blocks`,
        },
        cause: e,
      });
    }
    throw new HosoError('P12_BAD_PASSWORD', { cause: e });
  }
}

export function cbcEncrypt(
  cipher: CbcCipher,
  key: Uint8Array,
  iv: Uint8Array,
  plaintext: Uint8Array,
): Uint8Array {
  if (cipher.name === 'rc2-cbc') throw new Error('hoso does not encrypt with RC2');
  const c = createCipheriv(cipher.name, key, iv);
  return new Uint8Array(Buffer.concat([c.update(plaintext), c.final()]));
}
