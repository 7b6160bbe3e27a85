/**
 * The hash functions a PKCS#12 MAC or KDF may name, with what the RFC 7292 Appendix B KDF
 * needs to know about each: its output size `u` and its compression-function block size `v`
 * (B.2: "v = 512 bits for SHA-1/SHA-224/SHA-256, 1024 bits for SHA-384/SHA-512").
 */
import { HosoError } from '../../kernel/index.js';
import { OID, describeOid } from './object-identifiers.js';

export interface DigestAlgorithm {
  readonly oid: string;
  /** The name node:crypto knows it by. */
  readonly nodeName: string;
  readonly outputBytes: number;
  readonly blockBytes: number;
}

const DIGESTS: readonly DigestAlgorithm[] = [
  { oid: OID.sha1, nodeName: 'sha1', outputBytes: 20, blockBytes: 64 },
  { oid: OID.sha224, nodeName: 'sha224', outputBytes: 28, blockBytes: 64 },
  { oid: OID.sha256, nodeName: 'sha256', outputBytes: 32, blockBytes: 64 },
  { oid: OID.sha384, nodeName: 'sha384', outputBytes: 48, blockBytes: 128 },
  { oid: OID.sha512, nodeName: 'sha512', outputBytes: 64, blockBytes: 128 },
  { oid: OID.sha512_224, nodeName: 'sha512-224', outputBytes: 28, blockBytes: 128 },
  { oid: OID.sha512_256, nodeName: 'sha512-256', outputBytes: 32, blockBytes: 128 },
];

export const SHA1: DigestAlgorithm = DIGESTS[0] as DigestAlgorithm;
export const SHA256: DigestAlgorithm = DIGESTS[2] as DigestAlgorithm;

export function digestByOid(oid: string, usedFor: string): DigestAlgorithm {
  const found = DIGESTS.find((d) => d.oid === oid);
  if (found === undefined) {
    throw new HosoError('P12_UNSUPPORTED', {
      params: { detail: `${usedFor} digest ${describeOid(oid)}` },
    });
  }
  return found;
}
