export { OID, DIGEST_ALGORITHMS, DIGEST_OID, DIGEST_LENGTH, type DigestAlgorithm } from './oids.js';
export { schemeFor, signBytes, type SignatureScheme, type SigningKey } from './signing-key.js';
export {
  buildSignedData,
  type SignedDataRequest,
  type BuiltSignedData,
} from './signed-data-builder.js';
export { certificateFields, type CertificateFields } from './certificate-fields.js';
export {
  buildTimeStampRequest,
  readTimeStampResponse,
  readTimeStampToken,
  readTstInfo,
  type TimeStampRequest,
  type TimeStampTokenInfo,
} from './timestamp-protocol.js';
export { answerTimeStampRequest, type TimeStampAuthority } from './timestamp-authority.js';
export {
  parseSignedData,
  MAX_SIGNED_DATA_BYTES,
  type ParsedSignedData,
  type ParsedSigner,
  type SignerIdentifier,
  type SignatureAlgorithm,
  type PssParameters,
  type EssCertId,
} from './signed-data-parser.js';
export {
  createDigest,
  digestOf,
  digestLabel,
  digestNameOf,
  signatureAlgorithmNameOf,
  type DigestName,
} from './algorithm-registry.js';
export { findSignerCertificate } from './signer-certificate.js';
export {
  verifySigner,
  type VerifySignerOptions,
  type SignerVerification,
} from './signer-verification.js';
export { pkcs7Sha1Content } from './pkcs7-sha1.js';
export {
  certificateIdentity,
  namesEqual,
  type CertificateIdentity,
} from './certificate-identity.js';
export {
  verifyTimeStampToken,
  type ImprintSource,
  type TimeStampVerification,
  type VerifyTimeStampOptions,
} from './timestamp-token-verification.js';
export { nameToText } from './name-text.js';
