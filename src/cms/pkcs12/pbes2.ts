/**
 * PBES2 (RFC 8018 §6.2): PBKDF2 then a CBC cipher. Modern openssl, Windows 10+ ("AES256-SHA256"
 * export) and Java write shrouded keys and certificate safes this way.
 */
import * as asn1js from 'asn1js';
import { HosoError } from '../../kernel/index.js';
import { type CbcCipher, cbcDecrypt, cbcEncrypt, fixedKeyBytes } from './block-cipher.js';
import {
  type AlgorithmIdentifier,
  algorithmOf,
  isInteger,
  malformed,
  octetsOf,
  sequenceItems,
  smallIntegerOf,
} from './der-reading.js';
import { OID, describeOid } from './object-identifiers.js';
import { parsePbkdf2, pbkdf2, pbkdf2AlgorithmIdentifier } from './pbkdf2.js';

/**
 * RC2-CBC-Parameter's rc2ParameterVersion encodes the effective key bits (RFC 8018 B.2.3):
 * 160 → 40, 120 → 64, 58 → 128, and any value ≥ 256 is the bit count itself.
 */
function rc2EffectiveBits(version: number | undefined): number {
  if (version === undefined) return 32;
  const table: Record<number, number> = { 160: 40, 120: 64, 58: 128 };
  const bits = table[version] ?? (version >= 256 ? version : undefined);
  if (bits === undefined || bits > 1024) throw malformed(`RC2 parameter version ${version}`);
  return bits;
}

/** The encryptionScheme: which cipher, and its IV. */
function parseScheme(scheme: AlgorithmIdentifier): { cipher: CbcCipher; iv: Uint8Array } {
  const simple: Record<string, CbcCipher> = {
    [OID.aes128Cbc]: { name: 'aes-128-cbc' },
    [OID.aes192Cbc]: { name: 'aes-192-cbc' },
    [OID.aes256Cbc]: { name: 'aes-256-cbc' },
    [OID.desEde3Cbc]: { name: 'des-ede3-cbc' },
  };
  const cipher = simple[scheme.oid];
  if (cipher !== undefined)
    return { cipher, iv: octetsOf(scheme.params, `PBES2 ${cipher.name} IV`) };
  if (scheme.oid === OID.rc2Cbc) {
    const items = sequenceItems(scheme.params, 'PBES2 RC2-CBC-Parameter', 1);
    const hasVersion = isInteger(items[0]);
    const version = hasVersion ? smallIntegerOf(items[0], 'RC2 parameter version') : undefined;
    const iv = octetsOf(items[hasVersion ? 1 : 0], 'PBES2 RC2 IV');
    return { cipher: { name: 'rc2-cbc', effectiveBits: rc2EffectiveBits(version) }, iv };
  }
  throw new HosoError('P12_UNSUPPORTED', {
    params: { detail: `PBES2 encryption scheme ${describeOid(scheme.oid)}` },
  });
}

export function pbes2Decrypt(
  params: asn1js.AsnType | undefined,
  passwordUtf8: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array {
  const [kdfNode, schemeNode] = sequenceItems(params, 'PBES2-params', 2);
  const kdf = parsePbkdf2(algorithmOf(kdfNode, 'PBES2 keyDerivationFunc'), 'PBES2');
  const { cipher, iv } = parseScheme(algorithmOf(schemeNode, 'PBES2 encryptionScheme'));
  // The cipher fixes the key size; for RC2 it comes from PBKDF2's keyLength (default 16 bytes,
  // RFC 8018 B.2.3). A keyLength that contradicts the cipher is a broken file.
  const wanted = fixedKeyBytes(cipher) ?? kdf.keyLength ?? 16;
  if (kdf.keyLength !== undefined && kdf.keyLength !== wanted) {
    throw malformed(`PBKDF2 keyLength ${kdf.keyLength} does not fit ${cipher.name}`);
  }
  return cbcDecrypt(cipher, pbkdf2(passwordUtf8, kdf, wanted), iv, ciphertext);
}

export interface Pbes2EncryptionOptions {
  readonly salt: Uint8Array;
  readonly iv: Uint8Array;
  readonly iterations: number;
}

/**
 * Encrypts as openssl 3 does by default: PBKDF2 with HMAC-SHA256, AES-256-CBC. Returns the
 * AlgorithmIdentifier to store beside the ciphertext.
 */
export function pbes2Encrypt(
  plaintext: Uint8Array,
  passwordUtf8: Uint8Array,
  options: Pbes2EncryptionOptions,
): { algorithm: asn1js.Sequence; ciphertext: Uint8Array } {
  const cipher: CbcCipher = { name: 'aes-256-cbc' };
  const kdf = {
    salt: options.salt,
    iterations: options.iterations,
    keyLength: undefined,
    prf: { oid: OID.hmacWithSHA256, digest: 'sha256', outputBytes: 32 },
  };
  const key = pbkdf2(passwordUtf8, kdf, 32);
  const ciphertext = cbcEncrypt(cipher, key, options.iv, plaintext);
  const algorithm = new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.pbes2 }),
      new asn1js.Sequence({
        value: [
          pbkdf2AlgorithmIdentifier(options.salt, options.iterations, OID.hmacWithSHA256),
          new asn1js.Sequence({
            value: [
              new asn1js.ObjectIdentifier({ value: OID.aes256Cbc }),
              new asn1js.OctetString({ valueHex: options.iv }),
            ],
          }),
        ],
      }),
    ],
  });
  return { algorithm, ciphertext };
}
