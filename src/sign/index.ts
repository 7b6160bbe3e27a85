export {
  signPdf,
  type DocMdpPermission,
  type PadesRequest,
  type PadesResult,
  type VisibleSignature,
} from './pades-signer.js';
export {
  signFileCms,
  MAX_ENVELOPED_CONTENT,
  type CmsFileRequest,
  type CmsFileResult,
} from './cms-signer.js';
export { makeTimestamper, type Timestamper, type TimeStampTransport } from './timestamper.js';
export { checkSigner, type SignerCheckOptions, type SignerWarning } from './signer-check.js';
export {
  extendPdf,
  signPdfLongTerm,
  type LongTermLevel,
  type LongTermRequest,
  type LongTermResult,
  type LongTermSignResult,
  type SignatureValidationData,
} from './ltv.js';
export type { RevocationSources } from './validation-data.js';
export { addDocumentTimestamp, type DocumentTimestampResult } from './document-timestamp.js';
