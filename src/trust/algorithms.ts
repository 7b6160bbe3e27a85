/**
 * Names for the algorithms found in certificates, CRLs and CMS signatures, and the size of a
 * public key: what the algorithm policy (Circular 15/2025/TT-BKHCN, ../shared/LEGAL.md §4) judges
 * and what a person reads. Object identifiers from RFC 3279, RFC 4055, RFC 5480, RFC 5758,
 * RFC 8410 and the NIST CSOR registry (SHA-3).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { isElement, readElement, TAG_CLASS, toArrayBuffer, oidText } from '../kernel/index.js';
import type { AlgorithmIdentifierBytes } from './x509-certificate.js';

/** Hash functions by their usual lower-case names. */
export type HashName =
  | 'md2'
  | 'md4'
  | 'md5'
  | 'sha1'
  | 'sha224'
  | 'sha256'
  | 'sha384'
  | 'sha512'
  | 'sha512-224'
  | 'sha512-256'
  | 'sha3-224'
  | 'sha3-256'
  | 'sha3-384'
  | 'sha3-512';

/** The family of a signature scheme; `null` hash means "given elsewhere" (PSS parameters, CMS digestAlgorithm). */
export type SignatureFamily = 'RSA' | 'RSA-PSS' | 'ECDSA' | 'EdDSA' | 'DSA' | 'unknown';

export interface SignatureAlgorithmInfo {
  readonly oid: string;
  /** e.g. "sha256WithRSAEncryption", "RSASSA-PSS (sha256)", "ecdsa-with-SHA384". */
  readonly name: string;
  readonly family: SignatureFamily;
  readonly hash: HashName | null;
}

export interface KeyDescription {
  /** SubjectPublicKeyInfo algorithm OID. */
  readonly oid: string;
  readonly algorithm: 'RSA' | 'RSA-PSS' | 'EC' | 'Ed25519' | 'Ed448' | 'DSA' | 'unknown';
  /** RSA modulus or EC field size in bits; null when unknown. */
  readonly bits: number | null;
  /** Named curve ("P-256", …) for EC keys. */
  readonly curve: string | null;
}

export const DIGEST_OIDS: Readonly<Record<string, HashName>> = {
  '1.2.840.113549.2.2': 'md2',
  '1.2.840.113549.2.4': 'md4',
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.5': 'sha512-224',
  '2.16.840.1.101.3.4.2.6': 'sha512-256',
  '2.16.840.1.101.3.4.2.7': 'sha3-224',
  '2.16.840.1.101.3.4.2.8': 'sha3-256',
  '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
};

const RSA_PSS = '1.2.840.113549.1.1.10';

const SIGNATURE_OIDS: Readonly<
  Record<string, { name: string; family: SignatureFamily; hash: HashName | null }>
> = {
  '1.2.840.113549.1.1.1': { name: 'rsaEncryption', family: 'RSA', hash: null },
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', family: 'RSA', hash: 'md2' },
  '1.2.840.113549.1.1.3': { name: 'md4WithRSAEncryption', family: 'RSA', hash: 'md4' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', family: 'RSA', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', family: 'RSA', hash: 'sha1' },
  '1.3.14.3.2.29': { name: 'sha1WithRSASignature (OIW)', family: 'RSA', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', family: 'RSA', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', family: 'RSA', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', family: 'RSA', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', family: 'RSA', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.13': { name: 'RSA with SHA3-224', family: 'RSA', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.14': { name: 'RSA with SHA3-256', family: 'RSA', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.15': { name: 'RSA with SHA3-384', family: 'RSA', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.16': { name: 'RSA with SHA3-512', family: 'RSA', hash: 'sha3-512' },
  [RSA_PSS]: { name: 'RSASSA-PSS', family: 'RSA-PSS', hash: null },
  '1.2.840.10045.2.1': { name: 'ecPublicKey', family: 'ECDSA', hash: null },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', family: 'ECDSA', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', family: 'ECDSA', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', family: 'ECDSA', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', family: 'ECDSA', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', family: 'ECDSA', hash: 'sha512' },
  '2.16.840.1.101.3.4.3.9': { name: 'ecdsa-with-SHA3-224', family: 'ECDSA', hash: 'sha3-224' },
  '2.16.840.1.101.3.4.3.10': { name: 'ecdsa-with-SHA3-256', family: 'ECDSA', hash: 'sha3-256' },
  '2.16.840.1.101.3.4.3.11': { name: 'ecdsa-with-SHA3-384', family: 'ECDSA', hash: 'sha3-384' },
  '2.16.840.1.101.3.4.3.12': { name: 'ecdsa-with-SHA3-512', family: 'ECDSA', hash: 'sha3-512' },
  '1.3.101.112': { name: 'Ed25519', family: 'EdDSA', hash: null },
  '1.3.101.113': { name: 'Ed448', family: 'EdDSA', hash: null },
  '1.2.840.10040.4.3': { name: 'dsa-with-sha1', family: 'DSA', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.1': { name: 'dsa-with-sha224', family: 'DSA', hash: 'sha224' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-sha256', family: 'DSA', hash: 'sha256' },
};

const CURVES: Readonly<Record<string, { name: string; bits: number }>> = {
  '1.2.840.10045.3.1.1': { name: 'P-192', bits: 192 },
  '1.3.132.0.33': { name: 'P-224', bits: 224 },
  '1.2.840.10045.3.1.7': { name: 'P-256', bits: 256 },
  '1.3.132.0.34': { name: 'P-384', bits: 384 },
  '1.3.132.0.35': { name: 'P-521', bits: 521 },
  '1.3.132.0.10': { name: 'secp256k1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', bits: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', bits: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', bits: 512 },
};

export function hashName(oid: string): HashName | null {
  return DIGEST_OIDS[oid] ?? null;
}

/**
 * Describes a signature AlgorithmIdentifier. For RSASSA-PSS the hash comes from the parameters
 * (RFC 4055 §3.1; absent means SHA-1).
 */
export function describeSignatureAlgorithm(
  algorithm: pkijs.AlgorithmIdentifier,
): SignatureAlgorithmInfo {
  return describe(algorithm.algorithmId, () => algorithm.algorithmParams as unknown);
}

/** The same for an AlgorithmIdentifier read from bytes (x509-certificate.ts). */
export function describeSignatureAlgorithmBytes(
  algorithm: AlgorithmIdentifierBytes,
): SignatureAlgorithmInfo {
  const params = algorithm.params;
  return describe(algorithm.oid, () =>
    params ? asn1js.fromBER(toArrayBuffer(params)).result : undefined,
  );
}

function describe(oid: string, params: () => unknown): SignatureAlgorithmInfo {
  const known = SIGNATURE_OIDS[oid];
  if (!known) return { oid, name: oid, family: 'unknown', hash: null };
  if (oid !== RSA_PSS) return { oid, ...known };
  let hash: HashName | null = 'sha1';
  try {
    const schema = params();
    if (schema instanceof asn1js.Sequence) {
      const pss = new pkijs.RSASSAPSSParams({ schema });
      hash = hashName(pss.hashAlgorithm.algorithmId);
    }
  } catch {
    hash = null;
  }
  return { oid, name: `RSASSA-PSS (${hash ?? 'unknown hash'})`, family: 'RSA-PSS', hash };
}

/** Describes a signature algorithm given by OID alone (CMS SignerInfo), with an optional hash. */
export function describeSignatureOid(oid: string, hash?: HashName | null): SignatureAlgorithmInfo {
  const known = SIGNATURE_OIDS[oid];
  if (!known) return { oid, name: oid, family: 'unknown', hash: hash ?? null };
  const h = known.hash ?? hash ?? null;
  return {
    oid,
    name: known.hash === null && h !== null ? `${known.name} (${h})` : known.name,
    family: known.family,
    hash: h,
  };
}

function bitLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

/** Key type and size from a SubjectPublicKeyInfo. */
export function describeKey(spki: pkijs.PublicKeyInfo): KeyDescription {
  const oid = spki.algorithm.algorithmId;
  try {
    if (oid === '1.2.840.113549.1.1.1' || oid === RSA_PSS) {
      const parsed = asn1js.fromBER(toArrayBuffer(spki.subjectPublicKey.valueBlock.valueHexView));
      const key = new pkijs.RSAPublicKey({ schema: parsed.result });
      return {
        oid,
        algorithm: oid === RSA_PSS ? 'RSA-PSS' : 'RSA',
        bits: bitLength(key.modulus.valueBlock.valueHexView),
        curve: null,
      };
    }
    if (oid === '1.2.840.10045.2.1') {
      const params = spki.algorithm.algorithmParams as unknown;
      const curveOid =
        params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
      const curve = CURVES[curveOid];
      return { oid, algorithm: 'EC', bits: curve?.bits ?? null, curve: curve?.name ?? curveOid };
    }
    if (oid === '1.3.101.112') return { oid, algorithm: 'Ed25519', bits: 256, curve: null };
    if (oid === '1.3.101.113') return { oid, algorithm: 'Ed448', bits: 456, curve: null };
    if (oid === '1.2.840.10040.4.1') return { oid, algorithm: 'DSA', bits: null, curve: null };
  } catch {
    // fall through: an unreadable key is "unknown", which the policy flags
  }
  return { oid, algorithm: 'unknown', bits: null, curve: null };
}

/**
 * The same from a certificate read from bytes: the SPKI algorithm and the subjectPublicKey bits
 * (an RSAPublicKey for RSA, RFC 8017 §A.1.1; the curve is the EC parameters' OID, RFC 5480).
 */
export function describeSpki(
  algorithm: AlgorithmIdentifierBytes,
  publicKey: Uint8Array,
): KeyDescription {
  const oid = algorithm.oid;
  const { universal } = TAG_CLASS;
  try {
    if (oid === '1.2.840.113549.1.1.1' || oid === RSA_PSS) {
      const key = readElement(publicKey, 0, publicKey.length, 'RSAPublicKey');
      const modulus = isElement(key, universal, 16, true)
        ? readElement(publicKey, key.contentStart, key.contentEnd, 'modulus')
        : undefined;
      if (isElement(modulus, universal, 2, false)) {
        return {
          oid,
          algorithm: oid === RSA_PSS ? 'RSA-PSS' : 'RSA',
          bits: bitLength(publicKey.subarray(modulus.contentStart, modulus.contentEnd)),
          curve: null,
        };
      }
    } else if (oid === '1.2.840.10045.2.1') {
      const p = algorithm.params;
      const el = p ? readElement(p, 0, p.length, 'EC parameters') : undefined;
      const curveOid = p && isElement(el, universal, 6, false) ? oidText(p, el, 'namedCurve') : '';
      const curve = CURVES[curveOid];
      return { oid, algorithm: 'EC', bits: curve?.bits ?? null, curve: curve?.name ?? curveOid };
    }
    if (oid === '1.3.101.112') return { oid, algorithm: 'Ed25519', bits: 256, curve: null };
    if (oid === '1.3.101.113') return { oid, algorithm: 'Ed448', bits: 456, curve: null };
    if (oid === '1.2.840.10040.4.1') return { oid, algorithm: 'DSA', bits: null, curve: null };
  } catch {
    // fall through: an unreadable key is "unknown", which the policy flags
  }
  return { oid, algorithm: 'unknown', bits: null, curve: null };
}

/** "RSA 2048", "EC P-256", … */
export function keyText(key: KeyDescription): string {
  if (key.algorithm === 'EC') return `EC ${key.curve ?? '?'}`;
  if (key.algorithm === 'unknown') return `key ${key.oid}`;
  return key.bits === null ? key.algorithm : `${key.algorithm} ${key.bits}`;
}
