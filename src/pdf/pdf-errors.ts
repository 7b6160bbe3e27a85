/**
 * The two ways reading a PDF fails: the bytes break the syntax of ISO 32000-1 (`PDF_MALFORMED`,
 * with the byte offset where it was noticed), or they use something this layer does not
 * implement (`PDF_UNSUPPORTED`). Both are `HosoError`s so the CLI maps them to exit codes.
 */
import { HosoError } from '../kernel/index.js';

export function malformed(detail: string, offset?: number, cause?: unknown): HosoError {
  return new HosoError('PDF_MALFORMED', {
    params: { detail },
    ...(offset === undefined ? {} : { offset }),
    ...(cause === undefined ? {} : { cause }),
  });
}

export function unsupported(detail: string, offset?: number): HosoError {
  return new HosoError('PDF_UNSUPPORTED', {
    params: { detail },
    ...(offset === undefined ? {} : { offset }),
  });
}

export function tooLarge(what: string, size: number, limit: number): HosoError {
  return new HosoError('INPUT_TOO_LARGE', { params: { what, size, limit } });
}
