export { verifyFile, MAX_CMS_FILE, type VerifyIo } from './verify-file.js';
export { verifyPdfSignatures } from './verify-pdf.js';
export { verifyCmsSignatures } from './verify-cms.js';
export { type AssessContext } from './signer-assessment.js';
export { detectFormat, isZipArchive } from './input-format.js';
export { analyseModifications } from './modifications.js';
export { ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.js';
// verifyArchive (verify-archive.ts) is reached through verifyInput, which loads it on demand.
export { verifyInput } from './verify-input.js';
