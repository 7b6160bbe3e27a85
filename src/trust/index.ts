export {
  certificateInfo,
  parseCertificate,
  allowsSigning,
  type CertificateInfo,
  type NameInfo,
  type KeyUsage,
} from './certificate-info.js';
export {
  certificatesFromFile,
  readTrustMaterial,
  type TrustMaterial,
} from './certificate-files.js';
export {
  describeKey,
  describeSignatureAlgorithm,
  describeSignatureOid,
  hashName,
  DIGEST_OIDS,
  keyText,
  type HashName,
  type KeyDescription,
  type SignatureAlgorithmInfo,
  type SignatureFamily,
} from './algorithms.js';
export { canonicalName } from './distinguished-name.js';
export {
  parseCrl,
  normaliseSerial,
  type CrlInfo,
  type RevocationEntry,
} from './certificate-revocation-list.js';
export { TrustStore, type TrustInput, type TrustStoreInput } from './trust-store.js';
export {
  buildChain,
  MAX_ISSUERS,
  type BuildChainOptions,
  type ChainResult,
} from './chain-builder.js';
export type { ChainPurpose } from './key-usage-check.js';
export {
  algorithmPolicy,
  DEFAULT_ALGORITHM_CUTOFFS,
  type AlgorithmCutoffs,
  type AlgorithmPolicyInput,
  type AlgorithmPolicyMode,
  type CmsAlgorithms,
} from './algorithm-policy.js';
export { parseOcspResponse, type OcspInfo, type OcspSingle } from './ocsp-response.js';
export type { RevocationPolicy } from './revocation-check.js';
export {
  OnlineRevocation,
  defaultRevocationCache,
  revocationUrls,
  type FetchLimits,
} from './revocation-fetch.js';
