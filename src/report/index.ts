/**
 * The verification report: the model (CLI.md `verify --json`, schemaVersion 1), conclusions
 * computed from checks, the stable check ids, the message catalogue (vi, en) and the renderers
 * (terminal text, printable PDF).
 */
import type { VerificationReport } from './model.js';
import type { PdfReportOptions } from './pdf-report.js';

export type {
  Check,
  CheckStatus,
  ChainElement,
  Coverage,
  FileFormat,
  FileIndication,
  FileReport,
  Indication,
  ModificationLevel,
  RevocationFacts,
  SignatureReport,
  SignerFacts,
  SubIndication,
  TimestampFacts,
  VerificationReport,
} from './model.js';
export { conclude, fileIndication, summarise, verifyExitCode } from './conclusion.js';
export { CORE_CHECKS, SUB_CHECKS, type CoreCheckId } from './check-ids.js';
export {
  CATALOGUED_CHECKS,
  EXTRA_CHECKS,
  capitalize,
  checkLabel,
  checkStatusWord,
  coverageText,
  describeCheck,
  fileErrorText,
  fillTemplate,
  formatText,
  indicationCountWord,
  indicationSentence,
  indicationWord,
  isCatalogued,
  modificationLevelText,
  reportWord,
  subIndicationAdvice,
  subIndicationText,
  verdictSentence,
  type CataloguedCheckId,
  type CheckMessage,
  type MessageParams,
  type ReportWordKey,
} from './check-messages.js';
export {
  describeSignature,
  type Reason,
  type SignatureDescription,
} from './signature-description.js';
export { renderText, type TextRenderOptions } from './text-renderer.js';
export type { PdfReportOptions } from './pdf-report.js';
export { formatVietnamTime, formatVietnamDate, vietnameseDateLine } from './vietnam-time.js';
export { commonNameOf, identifierText } from './distinguished-name.js';

/**
 * The printable report (pdf-report.ts), loaded on first use: pdf-lib and the fonts cost tens of
 * milliseconds that `hoso verify` without `--report-pdf` should not pay.
 */
export async function renderPdfReport(
  report: VerificationReport,
  opts: PdfReportOptions,
): Promise<Uint8Array> {
  const { renderPdfReport: render } = await import('./pdf-report.js');
  return render(report, opts);
}
