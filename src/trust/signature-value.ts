/**
 * Verifying a signature over bytes with node:crypto, given the X.509 AlgorithmIdentifier that
 * names the scheme: what a CRL (RFC 5280 §5.1.1.2) needs. Certificates are verified with
 * X509Certificate.verify, which does the same inside OpenSSL.
 */
import { verify as cryptoVerify, constants, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describeSignatureAlgorithm, hashName } from './algorithms.js';

/** node:crypto digest names for the hashes OpenSSL can use in signatures. */
const NODE_HASH: Readonly<Record<string, string>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha224: 'sha224',
  sha256: 'sha256',
  sha384: 'sha384',
  sha512: 'sha512',
  'sha3-224': 'sha3-224',
  'sha3-256': 'sha3-256',
  'sha3-384': 'sha3-384',
  'sha3-512': 'sha3-512',
};

/** True when `signature` over `data` verifies under `key` with `algorithm`; false otherwise (never throws). */
export function signatureVerifies(
  data: Uint8Array,
  algorithm: pkijs.AlgorithmIdentifier,
  signature: Uint8Array,
  key: KeyObject,
): boolean {
  const info = describeSignatureAlgorithm(algorithm);
  try {
    if (info.family === 'EdDSA') return cryptoVerify(null, data, key, signature);
    const hash = info.hash === null ? undefined : NODE_HASH[info.hash];
    if (hash === undefined) return false;
    if (info.family === 'RSA-PSS') {
      let saltLength = 20; // RFC 4055 §3.1 default
      if (algorithm.algorithmParams instanceof asn1js.Sequence) {
        const params = new pkijs.RSASSAPSSParams({ schema: algorithm.algorithmParams });
        saltLength = params.saltLength;
        const mgf = params.maskGenAlgorithm.algorithmParams as unknown;
        const mgfHash =
          mgf instanceof asn1js.Sequence
            ? hashName(new pkijs.AlgorithmIdentifier({ schema: mgf }).algorithmId)
            : 'sha1';
        // node:crypto uses the signature hash for MGF1; other combinations are not supported.
        if (mgfHash !== info.hash) return false;
      }
      return cryptoVerify(
        hash,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength },
        signature,
      );
    }
    if (info.family === 'RSA' || info.family === 'ECDSA' || info.family === 'DSA')
      return cryptoVerify(hash, data, key, signature);
    return false;
  } catch {
    return false;
  }
}
