/**
 * Lookup URLs: what the QR code on paper carries (`<base>/v/<canonical code>`, the HTML page of
 * the lookup service, CLI.md "hoso serve") and how a scanned or pasted URL is read back.
 * Parsing only — nothing is fetched.
 */
import { codeInvalidError, type BilingualText } from './agency-code.js';
import {
  assertLookupCode,
  parseLookupCode,
  LOOKUP_CODE_EXPECTED,
  LOOKUP_CODE_WHAT,
  type LookupCodeCheck,
} from './lookup-code.js';

/** A lookup code check, or an address that carries no lookup code. */
export type LookupInputCheck =
  LookupCodeCheck | { readonly ok: false; readonly part: 'url'; readonly detail: BilingualText };

/**
 * `${baseUrl without trailing slashes}/v/${canonical code}`. `code` may be in any accepted form.
 * The base URL (configuration `system.lookupBaseUrl`) is taken as given: the configuration
 * loader validates it.
 */
export function lookupUrl(baseUrl: string, code: string): string {
  return `${baseUrl.trim().replace(/\/+$/, '')}/v/${assertLookupCode(code)}`;
}

/**
 * A lookup code from what a person or a QR scanner gives: a code in any accepted form, or a URL
 * whose path ends in `/v/<code>` or `/api/v1/lookup/<code>` (any prefix before it, an optional
 * trailing slash, query string and fragment ignored). `http`, `https` and no scheme at all are
 * accepted. Path words are matched case-insensitively because QR generators may upper-case a
 * whole URL to use the QR alphanumeric mode.
 */
export function lookupCodeFromInput(input: string): LookupInputCheck {
  const text = input.trim();
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!hasScheme && !text.includes('/')) return parseLookupCode(text);

  let url: URL;
  try {
    url = new URL(hasScheme ? text : `https://${text}`);
  } catch {
    return noCodeInUrl(text);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return noCodeInUrl(text);
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const word = (i: number): string => (segments[i] ?? '').toLowerCase();
  const n = segments.length;
  const isPage = n >= 2 && word(n - 2) === 'v';
  const isApi = n >= 4 && word(n - 4) === 'api' && word(n - 3) === 'v1' && word(n - 2) === 'lookup';
  if (!isPage && !isApi) return noCodeInUrl(text);
  let candidate: string;
  try {
    candidate = decodeURIComponent(segments[n - 1] ?? '');
  } catch {
    return noCodeInUrl(text);
  }
  return parseLookupCode(candidate);
}

/** The canonical code from a code or URL; otherwise a HosoError CODE_INVALID. */
export function assertLookupCodeFromInput(input: string): string {
  const r = lookupCodeFromInput(input);
  if (!r.ok) throw codeInvalidError(input, LOOKUP_CODE_WHAT, r.detail, LOOKUP_CODE_EXPECTED);
  return r.code;
}

function noCodeInUrl(text: string): LookupInputCheck {
  const chars = Array.from(text.replace(/[\p{Cc}\p{Cf}]/gu, '?'));
  const shown = chars.length > 120 ? chars.slice(0, 120).join('') + '…' : chars.join('');
  return {
    ok: false,
    part: 'url',
    detail: {
      vi: `địa chỉ «${shown}» không chứa mã tra cứu (cần dạng https://…/v/<mã tra cứu>)`,
      en: `the address "${shown}" holds no lookup code (expected https://…/v/<lookup code>)`,
    },
  };
}
