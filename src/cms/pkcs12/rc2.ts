/**
 * RC2 (RFC 2268), enough of it to open the certificate safes that `openssl pkcs12 -export
 * -legacy`, older openssl and Windows write with pbeWithSHAAnd40BitRC2-CBC. Node 20's OpenSSL 3
 * keeps RC2 in the legacy provider, which is not loaded, so we carry the cipher ourselves.
 * Encryption exists only so the RFC's §5 test vectors can be checked in the direction they are
 * printed; hoso never writes RC2.
 */
import { HosoError } from '../../kernel/index.js';

// RFC 2268 §2: PITABLE, a permutation of 0..255 built from the digits of pi.
const PITABLE = Uint8Array.from(
  (
    'd9 78 f9 c4 19 dd b5 ed 28 e9 fd 79 4a a0 d8 9d c6 7e 37 83 2b 76 53 8e 62 4c 64 88 44 8b fb a2 ' +
    '17 9a 59 f5 87 b3 4f 13 61 45 6d 8d 09 81 7d 32 bd 8f 40 eb 86 b7 7b 0b f0 95 21 22 5c 6b 4e 82 ' +
    '54 d6 65 93 ce 60 b2 1c 73 56 c0 14 a7 8c f1 dc 12 75 ca 1f 3b be e4 d1 42 3d d4 30 a3 3c b6 26 ' +
    '6f bf 0e da 46 69 07 57 27 f2 1d 9b bc 94 43 03 f8 11 c7 f6 90 ef 3e e7 06 c3 d5 2f c8 66 1e d7 ' +
    '08 e8 ea de 80 52 ee f7 84 aa 72 ac 35 4d 6a 2a 96 1a d2 71 5a 15 49 74 4b 9f d0 5e 04 18 a4 ec ' +
    'c2 e0 41 6e 0f 51 cb cc 24 91 af 50 a1 f4 70 39 99 7c 3a 85 23 b8 b4 7a fc 02 36 5b 25 55 97 31 ' +
    '2d 5d fa 98 e3 8a 92 ae 05 df 29 10 67 6c ba c9 d3 00 e6 cf e1 9e a8 2c 63 16 01 3f 58 e2 89 a9 ' +
    '0d 38 34 1b ab 33 ff b0 bb 48 0c 5f b9 b1 cd 2e c5 f3 db 47 e5 a5 9c 77 0a a6 20 68 fe 7f c1 ad'
  )
    .split(' ')
    .map((h) => parseInt(h, 16)),
);

/** Rotation amounts s[0..3] of the MIX operation (§3.1). */
const ROTATE = [1, 2, 3, 5] as const;

/** The 64 sixteen-bit key words K[0..63] (§2, "Key expansion"). */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  if (key.length < 1 || key.length > 128)
    throw new RangeError(`RC2 key must be 1..128 bytes, got ${key.length}`);
  if (!Number.isInteger(effectiveBits) || effectiveBits < 1 || effectiveBits > 1024) {
    throw new RangeError(`RC2 effective key bits must be 1..1024, got ${effectiveBits}`);
  }
  const t = key.length;
  const t8 = Math.ceil(effectiveBits / 8);
  const tm = 0xff >> (8 * t8 - effectiveBits);
  const l = new Uint8Array(128);
  l.set(key);
  for (let i = t; i < 128; i++)
    l[i] = PITABLE[((l[i - 1] as number) + (l[i - t] as number)) & 0xff] as number;
  l[128 - t8] = PITABLE[(l[128 - t8] as number) & tm] as number;
  for (let i = 127 - t8; i >= 0; i--)
    l[i] = PITABLE[(l[i + 1] as number) ^ (l[i + t8] as number)] as number;
  const k = new Uint16Array(64);
  for (let i = 0; i < 64; i++) k[i] = (l[2 * i] as number) | ((l[2 * i + 1] as number) << 8);
  return k;
}

/** Reads the block as four little-endian words R[0..3] (§3). */
function loadWords(block: Uint8Array, offset: number): number[] {
  const r: number[] = [];
  for (let i = 0; i < 4; i++)
    r.push((block[offset + 2 * i] as number) | ((block[offset + 2 * i + 1] as number) << 8));
  return r;
}

function storeWords(r: readonly number[], out: Uint8Array, offset: number): void {
  for (let i = 0; i < 4; i++) {
    out[offset + 2 * i] = (r[i] as number) & 0xff;
    out[offset + 2 * i + 1] = (r[i] as number) >> 8;
  }
}

const word = (r: readonly number[], i: number): number => r[(i + 4) % 4] as number;

/** One 8-byte block, §3.3: 5 MIXING, MASHING, 6 MIXING, MASHING, 5 MIXING rounds. */
export function rc2EncryptBlock(
  k: Uint16Array,
  input: Uint8Array,
  output: Uint8Array,
  offset = 0,
): void {
  const r = loadWords(input, offset);
  let j = 0;
  const mix = (): void => {
    for (let i = 0; i < 4; i++) {
      const sum =
        word(r, i) +
        (k[j++] as number) +
        (word(r, i - 1) & word(r, i - 2)) +
        (~word(r, i - 1) & word(r, i - 3));
      const s = ROTATE[i] as number;
      const x = sum & 0xffff;
      r[i] = ((x << s) | (x >> (16 - s))) & 0xffff;
    }
  };
  const mash = (): void => {
    for (let i = 0; i < 4; i++) r[i] = (word(r, i) + (k[word(r, i - 1) & 63] as number)) & 0xffff;
  };
  for (const [rounds, thenMash] of [
    [5, true],
    [6, true],
    [5, false],
  ] as const) {
    for (let n = 0; n < rounds; n++) mix();
    if (thenMash) mash();
  }
  storeWords(r, output, offset);
}

/** One 8-byte block, §4: the inverse rounds in reverse order. */
export function rc2DecryptBlock(
  k: Uint16Array,
  input: Uint8Array,
  output: Uint8Array,
  offset = 0,
): void {
  const r = loadWords(input, offset);
  let j = 63;
  const rmix = (): void => {
    for (let i = 3; i >= 0; i--) {
      const s = ROTATE[i] as number;
      const x = word(r, i);
      const rotated = ((x >> s) | (x << (16 - s))) & 0xffff;
      r[i] =
        (rotated -
          (k[j--] as number) -
          (word(r, i - 1) & word(r, i - 2)) -
          (~word(r, i - 1) & word(r, i - 3))) &
        0xffff;
    }
  };
  const rmash = (): void => {
    for (let i = 3; i >= 0; i--) r[i] = (word(r, i) - (k[word(r, i - 1) & 63] as number)) & 0xffff;
  };
  for (const [rounds, thenMash] of [
    [5, true],
    [6, true],
    [5, false],
  ] as const) {
    for (let n = 0; n < rounds; n++) rmix();
    if (thenMash) rmash();
  }
  storeWords(r, output, offset);
}

/**
 * RC2-CBC decryption with PKCS#5 padding removal (RFC 8018 §6.1.1 step 4). Bad padding means a
 * wrong key, which for PKCS#12 means a wrong password: P12_BAD_PASSWORD.
 */
export function rc2CbcDecrypt(
  key: Uint8Array,
  effectiveBits: number,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  if (iv.length !== 8)
    throw new HosoError('P12_MALFORMED', {
      params: { detail: `RC2 IV must be 8 bytes, got ${iv.length}` },
    });
  if (ciphertext.length === 0 || ciphertext.length % 8 !== 0) {
    throw new HosoError('P12_MALFORMED', {
      params: { detail: `RC2 ciphertext length ${ciphertext.length} is not a multiple of 8` },
    });
  }
  const k = rc2ExpandKey(key, effectiveBits);
  const plain = new Uint8Array(ciphertext.length);
  let previous = iv;
  for (let off = 0; off < ciphertext.length; off += 8) {
    rc2DecryptBlock(k, ciphertext, plain, off);
    for (let i = 0; i < 8; i++)
      plain[off + i] = (plain[off + i] as number) ^ (previous[i] as number);
    previous = ciphertext.subarray(off, off + 8);
  }
  return removePkcs5Padding(plain, 8);
}

export function removePkcs5Padding(plain: Uint8Array, blockSize: number): Uint8Array {
  const pad = plain[plain.length - 1] ?? 0;
  let ok = pad >= 1 && pad <= blockSize && pad <= plain.length;
  for (let i = plain.length - pad; ok && i < plain.length; i++) ok = plain[i] === pad;
  if (!ok) throw new HosoError('P12_BAD_PASSWORD');
  return plain.subarray(0, plain.length - pad);
}
