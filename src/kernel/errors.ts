/**
 * The one exception type of hoso. Exceptions mean "the job could not be done"; findings about a
 * signature are report data, never exceptions (STYLE.md rule 3).
 *
 * `code` is stable and machine-readable; `message` is English (for library users and logs);
 * the CLI renders the same code in the user's language from the message catalogue, using
 * `params`. `hint` says what to do next.
 */
import { ERROR_CODES, type ErrorCode } from './error-codes.js';
import { renderErrorMessage } from './messages.js';

export interface HosoErrorOptions {
  /** Values substituted into the catalogue text (file names, details). Strings only: safe to print. */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly cause?: unknown;
  /** Byte offset in the input where a parse error was found. */
  readonly offset?: number;
}

export class HosoError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly offset: number | undefined;
  readonly params: Readonly<Record<string, string | number>>;

  constructor(code: ErrorCode, options: HosoErrorOptions = {}) {
    const params = options.params ?? {};
    const text = renderErrorMessage(code, params, 'en', options.offset);
    super(text.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HosoError';
    this.code = code;
    this.hint = text.hint;
    this.offset = options.offset;
    this.params = params;
  }

  /** The process exit code of CLI.md for this error. */
  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }
}

export function isHosoError(e: unknown): e is HosoError {
  return e instanceof HosoError;
}

/** A short description of an unknown thrown value, for wrapping library errors as `detail`. */
export function describeCause(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** A usage error worded in both languages (the CLI picks one): exit 3 with `hoso help <command>`. */
export function usageError(command: string, vi: string, en: string): HosoError {
  return new HosoError('USAGE', {
    params: { detail: en, 'detail.vi': vi, 'detail.en': en, command },
  });
}
