/**
 * `policy.algorithms`: the algorithms and key sizes of a signature and its certification path
 * against what Circular 15/2025/TT-BKHCN expects of signatures (../shared/LEGAL.md §4): RSA keys
 * of at least 2048 bits (PKCS#1 v1.5 or PSS) or ECDSA keys of at least 256 bits, with SHA-2 or
 * SHA-3. Call it once per signature: it judges every certificate signature of the path (not the
 * trust anchor's self-signature, which proves nothing, RFC 5280 §6.1.1(d)), every key of the
 * path, and the CMS digest and signature algorithms and the signer's key.
 *
 * Three grades:
 * - broken (MD2, MD4, MD5; RSA under 1024 bits) and not listed (EdDSA, DSA, unknown algorithms):
 *   never pass;
 * - legacy (SHA-1, RSA 1024–2047, EC under 256 bits): pass only when `at` is before the cut-off,
 *   by default 2014-01-01, the date from which NIST SP 800-131A disallows them for signature
 *   generation (Circular 15/2025 gives no date; the cut-off is an input). The verifier passes as
 *   `at` the best proof of the signature's time it has (the validation time until timestamps
 *   are validated, issue 7).
 * - good: everything else on the list.
 * Under `strict` (the default of CLI.md) a finding is FAILED / CRYPTO_CONSTRAINTS_FAILURE_NO_POE
 * (the brief for issue 3; ETSI EN 319 102-1 would pair this NO_POE sub-indication with
 * INDETERMINATE); under `lenient` it is PASSED with `params.warning`.
 */
import type { Check } from '../report/model.js';
import {
  describeSignatureOid,
  hashName,
  keyText,
  type HashName,
  type KeyDescription,
  type SignatureAlgorithmInfo,
} from './algorithms.js';
import type { CertificateInfo } from './certificate-info.js';

export type AlgorithmPolicyMode = 'strict' | 'lenient';

export interface AlgorithmCutoffs {
  /** From this time SHA-1, RSA keys of 1024–2047 bits and EC keys under 256 bits no longer pass. */
  readonly legacy: Date;
}

export const DEFAULT_ALGORITHM_CUTOFFS: AlgorithmCutoffs = {
  legacy: new Date('2014-01-01T00:00:00Z'),
};

/** The algorithms of one CMS SignerInfo (RFC 5652 §5.3). */
export interface CmsAlgorithms {
  /** SignerInfo.digestAlgorithm, OID. */
  readonly digestAlgorithm: string;
  /** SignerInfo.signatureAlgorithm, OID (rsaEncryption, sha256WithRSAEncryption, RSASSA-PSS, ecdsa-with-…). */
  readonly signatureAlgorithm: string;
  /** For RSASSA-PSS: the hash OID from its parameters. */
  readonly signatureHash?: string | null;
  /** The signer's public key (certificateInfo(der).publicKey). */
  readonly key?: KeyDescription | null;
}

export interface AlgorithmPolicyInput {
  /** The path (leaf first) and whether it ends at an anchor: a ChainResult will do. */
  readonly chain: { readonly path: readonly CertificateInfo[]; readonly anchored: boolean };
  readonly signature?: CmsAlgorithms;
  readonly at: Date;
  readonly policy: AlgorithmPolicyMode;
  readonly cutoffs?: AlgorithmCutoffs;
}

type Grade = 'good' | 'legacy' | 'broken' | 'not-listed';

const BROKEN_HASHES: ReadonlySet<HashName> = new Set(['md2', 'md4', 'md5']);

function gradeHash(hash: HashName | null): Grade {
  if (hash === null) return 'not-listed';
  if (BROKEN_HASHES.has(hash)) return 'broken';
  if (hash === 'sha1') return 'legacy';
  return 'good';
}

function gradeSignature(alg: SignatureAlgorithmInfo): Grade {
  if (alg.family !== 'RSA' && alg.family !== 'RSA-PSS' && alg.family !== 'ECDSA')
    return 'not-listed';
  return gradeHash(alg.hash);
}

function gradeKey(key: KeyDescription): Grade {
  if (key.algorithm === 'RSA' || key.algorithm === 'RSA-PSS') {
    if (key.bits === null || key.bits < 1024) return 'broken';
    return key.bits < 2048 ? 'legacy' : 'good';
  }
  if (key.algorithm === 'EC') {
    if (key.bits === null) return 'not-listed';
    return key.bits < 256 ? 'legacy' : 'good';
  }
  return 'not-listed';
}

function named(info: CertificateInfo): string {
  return info.subject.commonName ?? info.subject.text;
}

export function algorithmPolicy(input: AlgorithmPolicyInput): Check {
  const { chain, signature, at, policy } = input;
  const cutoff = (input.cutoffs ?? DEFAULT_ALGORITHM_CUTOFFS).legacy;
  const findings: string[] = [];
  let algorithm: string | null = null;
  const judge = (grade: Grade, what: string, name: string): void => {
    if (grade === 'good') return;
    if (grade === 'legacy' && at.getTime() < cutoff.getTime()) return;
    const why =
      grade === 'legacy'
        ? `not accepted after ${cutoff.toISOString().slice(0, 10)}`
        : grade === 'broken'
          ? 'broken'
          : 'not on the list of Circular 15/2025';
    findings.push(`${what} (${why})`);
    algorithm ??= name;
  };

  const path = chain.path;
  path.forEach((cert, i) => {
    const last = i === path.length - 1;
    const selfSigned = cert.subject.text === cert.issuer.text;
    // The anchor's self-signature, or an untrusted root's, is not what makes anything valid.
    if (!(last && (chain.anchored || selfSigned)))
      judge(
        gradeSignature(cert.signatureAlgorithm),
        `signature ${cert.signatureAlgorithm.name} on "${named(cert)}"`,
        cert.signatureAlgorithm.name,
      );
    const key = keyText(cert.publicKey);
    judge(gradeKey(cert.publicKey), `key ${key} of "${named(cert)}"`, key);
  });

  if (signature) {
    const digest = hashName(signature.digestAlgorithm);
    const digestName = digest ?? signature.digestAlgorithm;
    judge(gradeHash(digest), `digest algorithm ${digestName} of the signature`, digestName);
    const pssHash = signature.signatureHash ? hashName(signature.signatureHash) : null;
    const alg = describeSignatureOid(signature.signatureAlgorithm, pssHash ?? digest);
    judge(gradeSignature(alg), `signature algorithm ${alg.name}`, alg.name);
    const leafKey = path[0]?.publicKey;
    if (signature.key && (!leafKey || keyText(signature.key) !== keyText(leafKey)))
      judge(
        gradeKey(signature.key),
        `signer's key ${keyText(signature.key)}`,
        keyText(signature.key),
      );
  }

  if (findings.length === 0)
    return {
      id: 'policy.algorithms',
      status: 'PASSED',
      detail: 'RSA ≥ 2048 bits or ECDSA ≥ 256 bits with SHA-2/SHA-3 throughout',
      params: { policy },
    };
  const issues = findings.join('; ');
  const first = algorithm ?? '';
  if (policy === 'lenient')
    return {
      id: 'policy.algorithms',
      status: 'PASSED',
      detail: `accepted under --policy lenient: ${issues}`,
      params: { policy, warning: issues, algorithm: first, count: findings.length },
    };
  return {
    id: 'policy.algorithms',
    status: 'FAILED',
    detail: issues,
    params: { policy, issues, algorithm: first, count: findings.length },
    subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
  };
}
