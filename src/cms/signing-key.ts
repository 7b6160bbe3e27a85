/**
 * A private key with its certificate and the chain to embed, and the signature scheme it
 * produces. The maths is done by node:crypto (OpenSSL), never by JavaScript code of ours.
 */
import { sign as cryptoSign, type KeyObject } from 'node:crypto';
import { HosoError } from '../kernel/index.js';
import { explicit, integer, oid, sequence } from './der.js';
import { DIGEST_LENGTH, DIGEST_OID, OID, type DigestAlgorithm } from './oids.js';

export type SignatureScheme = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa';

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** DER of further certificates to embed (intermediates, root), signer excluded. */
  readonly chain: readonly Uint8Array[];
}

const EC_CURVES: Record<string, DigestAlgorithm> = {
  prime256v1: 'sha256',
  'P-256': 'sha256',
  secp384r1: 'sha384',
  'P-384': 'sha384',
  secp521r1: 'sha512',
  'P-521': 'sha512',
};

/** Chooses the scheme from the key type; RSA keys use PKCS#1 v1.5 unless PSS is asked for. */
export function schemeFor(key: KeyObject, preferPss: boolean): SignatureScheme {
  const type = key.asymmetricKeyType;
  if (type === 'rsa-pss') return 'rsa-pss';
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) {
      throw new HosoError('KEY_UNSUPPORTED', {
        params: { detail: `RSA ${bits} bits (at least 2048 required)` },
      });
    }
    return preferPss ? 'rsa-pss' : 'rsa-pkcs1';
  }
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
    if (!(curve in EC_CURVES)) {
      throw new HosoError('KEY_UNSUPPORTED', {
        params: { detail: `EC curve ${curve || 'unknown'}` },
      });
    }
    return 'ecdsa';
  }
  throw new HosoError('KEY_UNSUPPORTED', { params: { detail: String(type) } });
}

function algorithmIdentifier(algorithm: string, params?: Uint8Array): Uint8Array {
  return params ? sequence(oid(algorithm), params) : sequence(oid(algorithm));
}

/** AlgorithmIdentifier of a digest (RFC 5754 §2: parameters absent). */
export function digestAlgorithmIdentifier(digest: DigestAlgorithm): Uint8Array {
  return algorithmIdentifier(DIGEST_OID[digest]);
}

const NULL = Uint8Array.of(0x05, 0x00);

/**
 * signatureAlgorithm of a SignerInfo. For PSS the parameters name the hash, MGF1 with the same
 * hash and a salt as long as the hash (RFC 4055 §3.1, the usual choice of ETSI and NSS).
 */
export function signatureAlgorithmIdentifier(
  scheme: SignatureScheme,
  digest: DigestAlgorithm,
): Uint8Array {
  switch (scheme) {
    case 'rsa-pkcs1': {
      const id = {
        sha256: OID.sha256WithRSAEncryption,
        sha384: OID.sha384WithRSAEncryption,
        sha512: OID.sha512WithRSAEncryption,
      }[digest];
      return algorithmIdentifier(id, NULL);
    }
    case 'ecdsa': {
      const id = {
        sha256: OID.ecdsaWithSHA256,
        sha384: OID.ecdsaWithSHA384,
        sha512: OID.ecdsaWithSHA512,
      }[digest];
      return algorithmIdentifier(id);
    }
    case 'rsa-pss': {
      const params = sequence(
        explicit(0, digestAlgorithmIdentifier(digest)),
        explicit(1, algorithmIdentifier(OID.mgf1, digestAlgorithmIdentifier(digest))),
        explicit(2, integer(DIGEST_LENGTH[digest])),
      );
      return algorithmIdentifier(OID.rsassaPss, params);
    }
  }
}

/** Signs `data` (the DER of the signed attributes) with the scheme's padding. */
export function signBytes(
  key: KeyObject,
  scheme: SignatureScheme,
  digest: DigestAlgorithm,
  data: Uint8Array,
): Uint8Array {
  const options =
    scheme === 'rsa-pss'
      ? { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength: DIGEST_LENGTH[digest] }
      : scheme === 'ecdsa'
        ? { key, dsaEncoding: 'der' as const }
        : { key };
  return new Uint8Array(cryptoSign(digest, data, options));
}
