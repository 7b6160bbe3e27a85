/**
 * The errors a copy can fail with, each naming the input (`path` is the name the caller gave,
 * usually the file name) and saying what is wrong in both languages: the catalogue's `{detail}`
 * is filled from `detail.vi` or `detail.en` by the CLI's language, and `detail` (English) serves
 * library users and logs.
 */
import { HosoError, type ErrorCode } from '../kernel/index.js';

export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export function copyError(
  code: ErrorCode,
  path: string,
  detail: Bilingual,
  cause?: unknown,
): HosoError {
  return new HosoError(code, {
    params: { path, detail: detail.en, 'detail.vi': detail.vi, 'detail.en': detail.en },
    ...(cause === undefined ? {} : { cause }),
  });
}

export function imageMalformed(path: string, vi: string, en: string, cause?: unknown): HosoError {
  return copyError('IMAGE_MALFORMED', path, { vi, en }, cause);
}

export function imageUnsupported(path: string, vi: string, en: string): HosoError {
  return copyError('IMAGE_UNSUPPORTED', path, { vi, en });
}

export function templateInvalid(path: string, vi: string, en: string): HosoError {
  return copyError('TEMPLATE_INVALID', path, { vi, en });
}
