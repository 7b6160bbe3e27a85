/**
 * The algorithms a verifier meets in CMS SignerInfos, by object identifier: digests (RFC 5754,
 * RFC 8702, NIST CSOR), signature algorithms (RFC 8017, RFC 4055, RFC 5758, RFC 8419, BSI
 * TR-03111 plain ECDSA). Reading an OID never fails: an unknown one is carried as is and the
 * verification says it is unsupported. Whether an algorithm is still *acceptable* (SHA-1, MD5,
 * key sizes) is policy, decided in src/trust, not here.
 */
import { createHash, getHashes, type Hash } from 'node:crypto';

/** Digest names as node:crypto spells them, plus 'shake256' (512-bit output, RFC 8419 §3.1). */
export type DigestName =
  | 'md5'
  | 'sha1'
  | 'sha224'
  | 'sha256'
  | 'sha384'
  | 'sha512'
  | 'sha3-224'
  | 'sha3-256'
  | 'sha3-384'
  | 'sha3-512'
  | 'shake256'
  | 'ripemd160';

const DIGESTS: Readonly<Record<string, DigestName>> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.7': 'sha3-224',
  '2.16.840.1.101.3.4.2.8': 'sha3-256',
  '2.16.840.1.101.3.4.2.9': 'sha3-384',
  '2.16.840.1.101.3.4.2.10': 'sha3-512',
  // RFC 8419 §3.1 names id-shake256-len (512); its errata and most software use id-shake256.
  '2.16.840.1.101.3.4.2.12': 'shake256',
  '2.16.840.1.101.3.4.2.18': 'shake256',
  '1.3.36.3.2.1': 'ripemd160',
};

const DIGEST_OIDS: Readonly<Record<DigestName, string>> = {
  md5: '1.2.840.113549.2.5',
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  'sha3-224': '2.16.840.1.101.3.4.2.7',
  'sha3-256': '2.16.840.1.101.3.4.2.8',
  'sha3-384': '2.16.840.1.101.3.4.2.9',
  'sha3-512': '2.16.840.1.101.3.4.2.10',
  shake256: '2.16.840.1.101.3.4.2.12',
  ripemd160: '1.3.36.3.2.1',
};

/** The digest name for an OID, or the OID itself when hoso does not know it. */
export function digestNameOf(oid: string): string {
  return DIGESTS[oid] ?? oid;
}

export function isDigestName(name: string): name is DigestName {
  return Object.hasOwn(DIGEST_OIDS, name);
}

export function digestOidOf(name: DigestName): string {
  return DIGEST_OIDS[name];
}

let available: Set<string> | undefined;

/**
 * A node:crypto Hash for a digest name (as `ParsedSigner.digestAlgorithm` gives it), or null when
 * the name is unknown or this Node build lacks it. Callers stream the signed content into it.
 */
export function createDigest(name: string): Hash | null {
  if (!isDigestName(name)) return null;
  available ??= new Set(getHashes().map((h) => h.toLowerCase()));
  if (!available.has(name)) return null;
  return name === 'shake256' ? createHash(name, { outputLength: 64 }) : createHash(name);
}

/** One-shot digest of `parts`, or null when the algorithm is unsupported. */
export function digestOf(name: string, ...parts: readonly Uint8Array[]): Uint8Array | null {
  const h = createDigest(name);
  if (!h) return null;
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/**
 * How a signature algorithm OID verifies: the scheme, and the hash it names (null when the hash
 * comes from the SignerInfo's digestAlgorithm: rsaEncryption, ecPublicKey; or from the PSS
 * parameters; or is not used: PureEdDSA).
 */
export type SignatureFamily =
  'rsa-pkcs1' | 'rsa-pss' | 'ecdsa' | 'ecdsa-plain' | 'ed25519' | 'ed448';

export interface SignatureAlgorithmInfo {
  readonly family: SignatureFamily;
  readonly hash: DigestName | null;
  readonly name: string;
}

const rsa = (name: string, hash: DigestName | null): SignatureAlgorithmInfo => ({
  family: 'rsa-pkcs1',
  hash,
  name,
});
const ecdsa = (name: string, hash: DigestName | null): SignatureAlgorithmInfo => ({
  family: 'ecdsa',
  hash,
  name,
});
const plain = (name: string, hash: DigestName): SignatureAlgorithmInfo => ({
  family: 'ecdsa-plain',
  hash,
  name,
});

const SIGNATURES: Readonly<Record<string, SignatureAlgorithmInfo>> = {
  '1.2.840.113549.1.1.1': rsa('rsaEncryption', null),
  '1.2.840.113549.1.1.4': rsa('md5WithRSAEncryption', 'md5'),
  '1.2.840.113549.1.1.5': rsa('sha1WithRSAEncryption', 'sha1'),
  '1.3.14.3.2.29': rsa('sha1WithRSASignature', 'sha1'),
  '1.2.840.113549.1.1.14': rsa('sha224WithRSAEncryption', 'sha224'),
  '1.2.840.113549.1.1.11': rsa('sha256WithRSAEncryption', 'sha256'),
  '1.2.840.113549.1.1.12': rsa('sha384WithRSAEncryption', 'sha384'),
  '1.2.840.113549.1.1.13': rsa('sha512WithRSAEncryption', 'sha512'),
  '2.16.840.1.101.3.4.3.13': rsa('id-rsassa-pkcs1-v1_5-with-sha3-224', 'sha3-224'),
  '2.16.840.1.101.3.4.3.14': rsa('id-rsassa-pkcs1-v1_5-with-sha3-256', 'sha3-256'),
  '2.16.840.1.101.3.4.3.15': rsa('id-rsassa-pkcs1-v1_5-with-sha3-384', 'sha3-384'),
  '2.16.840.1.101.3.4.3.16': rsa('id-rsassa-pkcs1-v1_5-with-sha3-512', 'sha3-512'),
  '1.2.840.113549.1.1.10': { family: 'rsa-pss', hash: null, name: 'RSASSA-PSS' },
  '1.2.840.10045.2.1': ecdsa('ecPublicKey', null),
  '1.2.840.10045.4.1': ecdsa('ecdsa-with-SHA1', 'sha1'),
  '1.2.840.10045.4.3.1': ecdsa('ecdsa-with-SHA224', 'sha224'),
  '1.2.840.10045.4.3.2': ecdsa('ecdsa-with-SHA256', 'sha256'),
  '1.2.840.10045.4.3.3': ecdsa('ecdsa-with-SHA384', 'sha384'),
  '1.2.840.10045.4.3.4': ecdsa('ecdsa-with-SHA512', 'sha512'),
  '2.16.840.1.101.3.4.3.9': ecdsa('id-ecdsa-with-sha3-224', 'sha3-224'),
  '2.16.840.1.101.3.4.3.10': ecdsa('id-ecdsa-with-sha3-256', 'sha3-256'),
  '2.16.840.1.101.3.4.3.11': ecdsa('id-ecdsa-with-sha3-384', 'sha3-384'),
  '2.16.840.1.101.3.4.3.12': ecdsa('id-ecdsa-with-sha3-512', 'sha3-512'),
  // BSI TR-03111 §5.2.1: r || s instead of a DER SEQUENCE (German and Austrian signature cards)
  '0.4.0.127.0.7.1.1.4.1.1': plain('ecdsa-plain-SHA1', 'sha1'),
  '0.4.0.127.0.7.1.1.4.1.2': plain('ecdsa-plain-SHA224', 'sha224'),
  '0.4.0.127.0.7.1.1.4.1.3': plain('ecdsa-plain-SHA256', 'sha256'),
  '0.4.0.127.0.7.1.1.4.1.4': plain('ecdsa-plain-SHA384', 'sha384'),
  '0.4.0.127.0.7.1.1.4.1.5': plain('ecdsa-plain-SHA512', 'sha512'),
  '0.4.0.127.0.7.1.1.4.1.6': plain('ecdsa-plain-RIPEMD160', 'ripemd160'),
  '0.4.0.127.0.7.1.1.4.1.8': plain('ecdsa-plain-SHA3-224', 'sha3-224'),
  '0.4.0.127.0.7.1.1.4.1.9': plain('ecdsa-plain-SHA3-256', 'sha3-256'),
  '0.4.0.127.0.7.1.1.4.1.10': plain('ecdsa-plain-SHA3-384', 'sha3-384'),
  '0.4.0.127.0.7.1.1.4.1.11': plain('ecdsa-plain-SHA3-512', 'sha3-512'),
  '1.3.101.112': { family: 'ed25519', hash: null, name: 'Ed25519' },
  '1.3.101.113': { family: 'ed448', hash: null, name: 'Ed448' },
};

export function signatureAlgorithmInfo(oid: string): SignatureAlgorithmInfo | null {
  return SIGNATURES[oid] ?? null;
}

/** A readable name for a signature algorithm OID (the OID itself when unknown). */
export function signatureAlgorithmNameOf(oid: string): string {
  return SIGNATURES[oid]?.name ?? oid;
}

/** Human spelling of a digest name for details and reports: SHA-256, SHA3-256, MD5. */
export function digestLabel(name: string): string {
  if (!isDigestName(name)) return name;
  if (name.startsWith('sha3-')) return `SHA3-${name.slice(5)}`;
  if (name === 'shake256') return 'SHAKE256';
  if (name === 'ripemd160') return 'RIPEMD-160';
  if (name === 'md5') return 'MD5';
  return `SHA-${name.slice(3)}`;
}
