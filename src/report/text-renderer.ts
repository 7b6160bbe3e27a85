/**
 * `hoso verify` on a terminal (UX.md): a header with the counts and the validation time in
 * Vietnam time, then one block per file — the verdict first, in the words a clerk uses; for each
 * signature whether it certifies the document (DocMDP level), the signer, the signing time and
 * where it comes from, integrity and coverage, the trust path, revocation; the reason for any
 * verdict that is not HỢP LỆ on its own line and what to do next after "→" — and a closing
 * "Tổng:" line with the exit code. Pure: report in, string out; the caller decides whether
 * stdout is a TTY (`color`) and prints.
 */
import type { Lang } from '../kernel/index.js';
import {
  fileErrorText,
  indicationCountWord,
  indicationWord,
  reportWord,
  type MessageParams,
  type ReportWordKey,
} from './check-messages.js';
import { verifyExitCode } from './conclusion.js';
import type { FileIndication, FileReport, SignatureReport, VerificationReport } from './model.js';
import { describeSignature } from './signature-description.js';
import { formatVietnamTime } from './vietnam-time.js';

export interface TextRenderOptions {
  readonly lang: Lang;
  /** ANSI colours (only when stdout is a terminal). */
  readonly color: boolean;
  /** The renderer never reads the clock: times come from the report. */
  readonly now?: never;
}

const SYMBOL: Record<FileIndication, string> = {
  TOTAL_PASSED: '✔',
  TOTAL_FAILED: '✘',
  INDETERMINATE: '?',
  NO_SIGNATURE: '—',
};

const ANSI: Record<FileIndication, string> = {
  TOTAL_PASSED: '\x1b[1;32m',
  TOTAL_FAILED: '\x1b[1;31m',
  INDETERMINATE: '\x1b[1;33m',
  NO_SIGNATURE: '\x1b[2m',
};
const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';
const CYAN = '\x1b[36m';

/** Column where file names start: the widest verdict plus two spaces, as in UX.md. */
const VERDICT_COLUMN = 16;
const INDENT = '    ';

/**
 * Report strings come from files (names, certificate fields, error messages): control
 * characters, escape sequences among them, must not reach the terminal.
 */
// eslint-disable-next-line no-control-regex
const safe = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** Display width in terminal cells: NFC code points (Vietnamese letters are one cell each). */
const width = (s: string): number => [...s.normalize('NFC')].length;
const padEnd = (s: string, n: number): string => s + ' '.repeat(Math.max(1, n - width(s)));

export function renderText(report: VerificationReport, opts: TextRenderOptions): string {
  const { lang, color } = opts;
  const w = (key: ReportWordKey, params: MessageParams = {}): string =>
    reportWord(key, lang, params);
  const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
  const verdict = (indication: FileIndication): string =>
    `${SYMBOL[indication]} ${indicationWord(indication, lang)}`;
  const verdictCell = (indication: FileIndication): string => {
    const text = verdict(indication);
    const padding = ' '.repeat(Math.max(1, VERDICT_COLUMN - width(text)));
    return paint(ANSI[indication], text) + padding;
  };
  const labels = [
    w('label.signer'),
    w('label.signingTime'),
    w('label.integrity'),
    w('label.trust'),
    w('label.revocation'),
  ];
  const labelWidth = Math.max(...labels.map(width)) + 1;
  const out: string[] = [];

  // Header.
  const signatureCount = report.files.reduce((n, f) => n + f.signatures.length, 0);
  const fileCount = report.files.length;
  const when = formatVietnamTime(report.validationTime) ?? report.validationTime;
  const counts =
    w(fileCount === 1 ? 'count.file' : 'count.files', { n: fileCount }) +
    ', ' +
    w(signatureCount === 1 ? 'count.signature' : 'count.signatures', { n: signatureCount });
  out.push(
    paint(BOLD, `${w('text.title')} — ${counts} — ${w('text.validationTime', { time: when })}`),
  );
  out.push('');

  const adviceLine = (indent: string, advice: string): string =>
    `${indent}${paint(CYAN, '→')} ${advice}`;

  const signatureLines = (file: FileReport, sig: SignatureReport, indent: string): void => {
    const d = describeSignature(sig, file, lang);
    for (const reason of d.reasons) {
      out.push(`${indent}${safe(reason.text)}`);
      if (reason.advice !== null) out.push(adviceLine(indent, safe(reason.advice)));
    }
    if (d.certification !== null) out.push(`${indent}${d.certification}`);
    const field = (label: ReportWordKey, value: string): void => {
      out.push(`${indent}${padEnd(w(label), labelWidth)}${safe(value)}`);
    };
    field('label.signer', d.signer);
    field('label.signingTime', d.signingTime);
    field('label.integrity', d.integrity);
    field('label.trust', d.trust);
    field('label.revocation', d.revocation);
  };

  for (const file of report.files) {
    const n = file.signatures.length;
    const only = n === 1 ? file.signatures[0] : undefined;
    let head = `${verdictCell(file.indication)}${safe(file.path)}`;
    if (n === 0 && file.error === null) head += ` ${w('file.noSignature')}`;
    if (n > 1) head += ` — ${w('count.signatures', { n })}`;
    out.push(head);
    if (file.error !== null) {
      const e = fileErrorText(file.error, lang);
      out.push(`${INDENT}${safe(e.text)}`);
      out.push(adviceLine(INDENT, safe(e.advice)));
    }
    if (only !== undefined) {
      signatureLines(file, only, INDENT);
    } else {
      file.signatures.forEach((sig, i) => {
        out.push(`  ${verdictCell(sig.indication)}${w('signature.nth', { i: i + 1, n })}`);
        signatureLines(file, sig, INDENT);
      });
    }
    out.push('');
  }

  // Closing line: counts in the order of UX.md, and the exit code the command returns.
  const s = report.summary;
  const totals =
    s.files === 0
      ? w('text.noFiles')
      : (
          [
            ['TOTAL_PASSED', s.passed],
            ['TOTAL_FAILED', s.failed],
            ['INDETERMINATE', s.indeterminate],
            ['NO_SIGNATURE', s.unsigned],
          ] as const
        )
          .map(([indication, count]) => `${count} ${indicationCountWord(indication, lang)}`)
          .join(' · ');
  out.push(
    `${paint(BOLD, w('text.total'))} ${totals}        ${w('text.exit', { code: verifyExitCode(s) })}`,
  );
  return out.join('\n').normalize('NFC') + '\n';
}
