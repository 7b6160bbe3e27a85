/**
 * The electronic signatures of the original as the conversion page lists them, taken from
 * `hoso verify`'s report (FileReport) and worded by its catalogue (describeSignature,
 * indicationWord) — the paper says exactly what the verification said, in Vietnamese (Circular
 * 15/2025: valid or not, signer, signing time and its source; LEGAL.md §4). An invalid signature
 * is listed as KHÔNG HỢP LỆ with its reasons, never left out; an unsigned result is said plainly.
 */
import {
  describeSignature,
  fileErrorText,
  indicationWord,
  type FileReport,
} from '../report/index.js';

export interface SignatureRow {
  readonly number: number;
  readonly signer: string;
  readonly organization: string | null;
  /** "24/11/2026 10:02 (theo dấu thời gian của …)" or the signer's claim, as the report says. */
  readonly signingTime: string;
  /** HỢP LỆ / KHÔNG HỢP LỆ / CHƯA XÁC ĐỊNH. */
  readonly verdict: string;
  /** Why the verdict is not HỢP LỆ (at most three, most specific first). */
  readonly reasons: readonly string[];
}

export type SignatureSummary =
  | { readonly kind: 'signed'; readonly rows: readonly SignatureRow[] }
  | { readonly kind: 'unsigned'; readonly sentence: string }
  | { readonly kind: 'unverified'; readonly sentence: string };

export const UNSIGNED_SENTENCE = 'Văn bản điện tử không có chữ ký số.';
const MAX_REASONS = 3;

export function signatureSummary(report: FileReport): SignatureSummary {
  if (report.signatures.length === 0) {
    if (report.error !== null) {
      const { text } = fileErrorText(report.error, 'vi');
      return {
        kind: 'unverified',
        sentence: `Không kiểm tra được chữ ký số trên văn bản điện tử: ${text}`,
      };
    }
    return { kind: 'unsigned', sentence: UNSIGNED_SENTENCE };
  }
  const rows = report.signatures.map((sig, i): SignatureRow => {
    const d = describeSignature(sig, report, 'vi');
    return {
      number: i + 1,
      signer: d.signerName,
      organization: d.organization,
      signingTime: d.signingTime,
      verdict: indicationWord(sig.indication, 'vi'),
      reasons:
        sig.indication === 'TOTAL_PASSED' ? [] : d.reasons.slice(0, MAX_REASONS).map((r) => r.text),
    };
  });
  return { kind: 'signed', rows };
}
