/**
 * The PKCS#12 key derivation function, RFC 7292 Appendix B.2. It derives MAC keys (ID 3) and
 * the keys (ID 1) and IVs (ID 2) of the legacy pkcs-12PbeIds ciphers. PBES2 and PBMAC1 use
 * PBKDF2 instead and never come here.
 */
import { createHash } from 'node:crypto';
import type { DigestAlgorithm } from './digest-algorithms.js';

/** B.3: which kind of material is derived. */
export const KDF_PURPOSE = { key: 1, iv: 2, mac: 3 } as const;
export type KdfPurpose = (typeof KDF_PURPOSE)[keyof typeof KDF_PURPOSE];

/** `value` repeated to fill a multiple of `v` bytes (B.2 steps 2 and 3); empty stays empty. */
function stretch(value: Uint8Array, v: number): Uint8Array {
  if (value.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(v * Math.ceil(value.length / v));
  for (let i = 0; i < out.length; i++) out[i] = value[i % value.length] as number;
  return out;
}

/**
 * @param password the BMPString form (see password.ts), terminator included
 * @param length   n, the number of bytes wanted
 */
export function pkcs12Kdf(
  digest: DigestAlgorithm,
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  purpose: KdfPurpose,
  length: number,
): Uint8Array {
  const u = digest.outputBytes;
  const v = digest.blockBytes;
  const diversifier = new Uint8Array(v).fill(purpose); // step 1: D
  const input = new Uint8Array(Buffer.concat([stretch(salt, v), stretch(password, v)])); // step 4: I = S || P
  const blocks = Math.ceil(length / u); // step 5: c
  const out = new Uint8Array(blocks * u);

  for (let i = 0; i < blocks; i++) {
    // Step 6a: A_i = H^r(D || I).
    let a = createHash(digest.nodeName).update(diversifier).update(input).digest();
    for (let r = 1; r < iterations; r++) a = createHash(digest.nodeName).update(a).digest();
    out.set(a, i * u);
    if (i === blocks - 1) break;

    // Steps 6b and 6c: B = A_i repeated to v bytes; each v-byte block I_j of I becomes
    // (I_j + B + 1) mod 2^(8v), big-endian arithmetic with the carry running right to left.
    const b = stretch(a, v);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (input[j + k] as number) + (b[k] as number) + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out.subarray(0, length);
}
