/**
 * Option values several commands take, checked the same way everywhere: a text that must be
 * given (flag or configuration), a positive whole number, a time (`--at`), a dossier or result
 * code.
 */
import { usageError } from '../kernel/index.js';
import { assertDossierCode, assertResultCode, checkCode } from '../lookup/codes.js';

/** The trimmed value, or a usage error of `command` worded in both languages. */
export function requiredText(
  command: string,
  value: string | undefined,
  vi: string,
  en: string,
): string {
  const v = value?.trim();
  if (!v) throw usageError(command, vi, en);
  return v;
}

/** A whole number from 1 to 2^31 − 1 (record numbers, limits, years). */
export function positiveInteger(command: string, text: string, what: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 2 ** 31 - 1)
    throw usageError(
      command,
      `${what} cần một số nguyên dương, không phải "${text}"`,
      `${what} wants a positive whole number, not "${text}"`,
    );
  return Number(text);
}

/**
 * A time as ISO 8601 gives it (`2026-11-25T09:00:00+07:00`, `2026-11-25`), for `--at`: a date
 * first, so that "11/25/2026" — read differently by different people — is refused, not guessed.
 */
export function isoInstant(command: string, text: string, option = '--at'): Date {
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(d.getTime()))
    throw usageError(
      command,
      `${option} cần thời điểm dạng ISO 8601 (ví dụ 2026-11-25T09:00:00+07:00), không phải "${text}"`,
      `${option} wants an ISO 8601 time (e.g. 2026-11-25T09:00:00+07:00), not "${text}"`,
    );
  return d;
}

/**
 * `--dossier` takes a dossier code, or a result code `<dossier>-KQ<n>` of one of its results
 * (Decree 45/2020 Art. 14(3)); a malformed one is refused naming its wrong part.
 */
export function dossierOrResultCode(text: string): {
  dossierCode: string;
  resultCode: string | null;
} {
  const kind = checkCode(text);
  if (kind.ok && kind.kind === 'result') {
    const resultCode = assertResultCode(text);
    return { dossierCode: resultCode.replace(/-KQ\d+$/, ''), resultCode };
  }
  return { dossierCode: assertDossierCode(text), resultCode: null };
}
