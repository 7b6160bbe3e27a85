export { verifyFile, MAX_CMS_FILE, type VerifyIo } from './verify-file.js';
export { verifyPdfSignatures } from './verify-pdf.js';
export { verifyCmsSignatures, envelopedContent } from './verify-cms.js';
export { type AssessContext } from './signer-assessment.js';
export { detectFormat } from './input-format.js';
export { analyseModifications } from './modifications.js';
