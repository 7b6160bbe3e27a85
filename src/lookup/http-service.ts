/**
 * The HTTP lookup service behind `hoso serve` (CLI.md): the page a phone opens after scanning
 * the QR code printed on a paper conversion or a certified copy, the same record as JSON, a
 * search form and a health check. Plain node:http: five routes and no body to parse need no
 * framework, and every header the service sends is written here where it can be reviewed.
 *
 * Routes (all GET and HEAD; any other method → 405 with `Allow`, RFC 9110 §15.5.6):
 *   GET /                         the search form
 *   GET /tra-cuu?ma=CODE          303 to /v/<canonical>, so the form works without script
 *   GET /v/:code                  the HTML page (Vietnamese; ?lang=en for English)
 *   GET /api/v1/lookup/:code      the LookupRecord as JSON (+ schemaVersion, lookupCodeDisplay)
 *   GET /healthz                  200 {"status":"ok"}; 503 while shutting down
 *
 * Disclosure (Decree 45/2020 Art. 6, LEGAL.md §5): an unknown, malformed or mistyped code gets
 * one and the same 404 body, and a malformed code still costs one registry query (for a fixed
 * well-formed dummy code), so neither the body nor, roughly, the timing tells a well-formed
 * unknown code from a typo; which part of a code is wrong is `hoso lookup`'s job, offline.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { isIP } from 'node:net';
import type { Socket } from 'node:net';
import type { Lang } from '../kernel/index.js';
import type { LookupRecord, LookupSource } from '../registry/lookup-record.js';
import { formatLookupCode, newLookupCode, parseLookupCode } from './lookup-code.js';
import {
  LOOKUP_PAGE_STYLE_SOURCE,
  langQuery,
  renderHomePage,
  renderMessagePage,
  messageWords,
  renderRecordPage,
  type MessagePageKind,
} from './lookup-page.js';
import { lookupRecordJson } from './lookup-json.js';
import { RateLimiter, clientKey, type RateLimitOptions } from './rate-limiter.js';

export interface LookupServiceOptions {
  readonly source: LookupSource;
  /** The pages' language when the URL has no `?lang=`; default `vi`. */
  readonly lang?: Lang | undefined;
  /** Largest request body tolerated (and ignored); larger → 413. Default 1 KiB. */
  readonly maxBodyBytes?: number | undefined;
  /** Per-client token bucket; `null` turns it off. Default DEFAULT_RATE_LIMIT. */
  readonly rateLimit?: RateLimitOptions | null | undefined;
  /** Count clients by the first address of X-Forwarded-For (only behind a proxy that sets it). */
  readonly trustProxy?: boolean | undefined;
  /** Receives one access line per request (lookup codes masked) and one line per failure. */
  readonly log?: ((line: string) => void) | undefined;
  /** Milliseconds since the epoch; for the rate limiter and the log. Default Date.now. */
  readonly now?: (() => number) | undefined;
}

export interface LookupService {
  readonly server: http.Server;
  listen(port: number, host: string): Promise<{ port: number; host: string; url: string }>;
  /**
   * Graceful shutdown: stop accepting, let requests in flight finish for up to `graceMs`
   * (default 10 s), then cut whatever connections remain.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * 300 requests a minute per client, 60 at once: a clerk checking a pile of papers or an office
 * behind one NAT address stays far below it; a scraper does not. `hoso serve` lets operators
 * raise it or turn it off (a load benchmark does).
 */
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perMinute: 300, burst: 60 };

/**
 * Request limits. A URL longer than 2 KiB is no lookup (a code URL is under 60 characters) →
 * 414 (RFC 9110 §15.5.15). Headers: Node's 16 KiB default, kept explicit so a deployment under a
 * domain with large cookies still works. Timeouts against slow clients (slowloris; OWASP
 * Denial of Service Cheat Sheet): 10 s to send the headers, 15 s for the whole request, idle
 * keep-alive connections closed after 5 s, any connection silent for 30 s closed.
 */
const MAX_URL_LENGTH = 2048;
const MAX_HEADER_BYTES = 16 * 1024;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
const SOCKET_IDLE_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 1024;
const DEFAULT_GRACE_MS = 10_000;

const ALLOW = 'GET, HEAD';
const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Sent with every response, errors included (OWASP HTTP Headers Cheat Sheet; OWASP Secure
 * Headers Project). The pages run no script at all, so the CSP allows none; the one inline
 * style is allowed by its hash. `frame-ancestors` and X-Frame-Options both forbid framing
 * (older browsers only know the latter). No Strict-Transport-Security: this server speaks
 * plain HTTP behind a TLS terminator, which is where HSTS belongs.
 */
const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    `default-src 'none'; style-src ${LOOKUP_PAGE_STYLE_SOURCE}; img-src 'self' data:; ` +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // A lookup page is reached from a printed code, never from a search engine (Art. 6).
  'x-robots-tag': 'noindex, nofollow',
};

/**
 * Caching. Everything dynamic is `no-store`: a document can be revoked at any moment and the
 * badge must say so at the next look, not after a cache's max-age; nor should a shared phone
 * or a proxy keep a copy of what was looked up. The static pages (form) may be kept briefly.
 */
const NO_STORE = 'no-store';
const STATIC_CACHE = 'public, max-age=300';

type Cacheability = typeof NO_STORE | typeof STATIC_CACHE;

/** JSON error codes (English, never translated: CLI.md Conventions). */
type ApiErrorCode =
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'PAYLOAD_TOO_LARGE'
  | 'URI_TOO_LONG'
  | 'RATE_LIMITED'
  | 'INTERNAL_ERROR';

/** Statuses the service answers with a message page or JSON error, and what each says. */
const ERRORS = {
  codeNotFound: { status: 404, page: 'code-not-found', api: 'NOT_FOUND' },
  pageNotFound: { status: 404, page: 'page-not-found', api: 'NOT_FOUND' },
  methodNotAllowed: { status: 405, page: 'method-not-allowed', api: 'METHOD_NOT_ALLOWED' },
  payloadTooLarge: { status: 413, page: 'bad-request', api: 'PAYLOAD_TOO_LARGE' },
  uriTooLong: { status: 414, page: 'bad-request', api: 'URI_TOO_LONG' },
  tooManyRequests: { status: 429, page: 'too-many-requests', api: 'RATE_LIMITED' },
  serverError: { status: 500, page: 'server-error', api: 'INTERNAL_ERROR' },
} as const satisfies Record<string, { status: number; page: MessagePageKind; api: ApiErrorCode }>;

type ErrorKind = keyof typeof ERRORS;

/** The bodies that never change, rendered once per language at start-up. */
interface StaticBodies {
  readonly home: Buffer;
  readonly page: Readonly<Record<ErrorKind, Buffer>>;
  readonly api: Readonly<Record<ErrorKind, Buffer>>;
}

function staticBodies(lang: Lang, defaultLang: Lang): StaticBodies {
  const page = {} as Record<ErrorKind, Buffer>;
  const api = {} as Record<ErrorKind, Buffer>;
  for (const [kind, e] of Object.entries(ERRORS) as [ErrorKind, (typeof ERRORS)[ErrorKind]][]) {
    page[kind] = Buffer.from(renderMessagePage(e.page, lang, defaultLang), 'utf8');
    api[kind] = Buffer.from(
      JSON.stringify({ error: { code: e.api, message: messageWords(e.page, lang).text } }),
      'utf8',
    );
  }
  return { home: Buffer.from(renderHomePage(lang, defaultLang), 'utf8'), page, api };
}

const HEALTH_OK = Buffer.from('{"status":"ok"}', 'utf8');
const HEALTH_CLOSING = Buffer.from('{"status":"shutting-down"}', 'utf8');
const EMPTY = Buffer.alloc(0);

/**
 * Lookup codes and anything that could be one, shortened to 4 symbols in log lines: an access
 * log is read by more people than may look documents up (Decree 45 Art. 6). Runs of 8 or more
 * letters and digits (hyphens, spaces and `%20` inside count) are masked.
 */
const CODE_LIKE = /[0-9A-Za-z](?:[0-9A-Za-z]|-|%20|\+| ){7,}/g;

export function maskLookupCodes(text: string): string {
  return text.replace(CODE_LIKE, (run) => `${run.replace(/[^0-9A-Za-z]/g, '').slice(0, 4)}…`);
}

/** A request target fit for one log line: masked, printable ASCII, at most 200 characters. */
function logTarget(url: string): string {
  const masked = maskLookupCodes(url.length > 200 ? `${url.slice(0, 200)}…` : url);
  return masked.replace(/[^\x21-\x7e…]/g, '?');
}

/** The language asked for with `?lang=`, else the service's default. */
function queryLang(query: string, fallback: Lang): { lang: Lang; explicit: boolean } {
  if (query === '') return { lang: fallback, explicit: false };
  const asked = new URLSearchParams(query).get('lang');
  return asked === 'vi' || asked === 'en'
    ? { lang: asked, explicit: true }
    : { lang: fallback, explicit: false };
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** A raw HTTP response for errors met before Node made a request object (see clientError). */
function rawErrorResponse(status: 400 | 408 | 431, body: Buffer): Buffer {
  const reason = http.STATUS_CODES[status] ?? 'Error';
  let head = `HTTP/1.1 ${status} ${reason}\r\n`;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) head += `${name}: ${value}\r\n`;
  head +=
    `cache-control: ${NO_STORE}\r\ncontent-type: ${HTML}\r\n` +
    `content-length: ${body.length}\r\nconnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body]);
}

export function createLookupService(options: LookupServiceOptions): LookupService {
  const source = options.source;
  const defaultLang: Lang = options.lang ?? 'vi';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const now = options.now ?? Date.now;
  const log = options.log;
  const trustProxy = options.trustProxy === true;
  const rateLimit = options.rateLimit === undefined ? DEFAULT_RATE_LIMIT : options.rateLimit;
  const limiter = rateLimit === null ? null : new RateLimiter(rateLimit, now);

  const bodies: Readonly<Record<Lang, StaticBodies>> = {
    vi: staticBodies('vi', defaultLang),
    en: staticBodies('en', defaultLang),
  };
  // A well-formed code nobody holds (fresh per process), asked for instead of a malformed one.
  const dummyCode = newLookupCode((n) => new Uint8Array(randomBytes(n)));

  let shuttingDown = false;
  let closing: Promise<void> | null = null;

  const writeLog = (line: string): void => {
    if (log === undefined) return;
    try {
      log(line);
    } catch {
      // A failing log sink must not take the service down with it.
    }
  };

  /** Per-request state the access line needs. */
  interface Exchange {
    readonly req: http.IncomingMessage;
    readonly res: http.ServerResponse;
    readonly head: boolean;
    readonly start: number;
    readonly client: string;
    status: number;
    bytes: number;
  }

  const send = (
    x: Exchange,
    status: number,
    contentType: string | null,
    body: Buffer,
    cache: Cacheability,
    extra?: Readonly<Record<string, string>>,
  ): void => {
    const headers: Record<string, string | number> = {
      ...SECURITY_HEADERS,
      'cache-control': cache,
      'content-length': body.length,
    };
    if (contentType !== null) headers['content-type'] = contentType;
    if (extra !== undefined) Object.assign(headers, extra);
    // While draining, tell keep-alive clients to reconnect elsewhere (RFC 9112 §9.6).
    if (shuttingDown) headers['connection'] = 'close';
    x.status = status;
    x.bytes = x.head ? 0 : body.length;
    x.res.writeHead(status, headers);
    x.res.end(x.head ? undefined : body);
  };

  const sendError = (
    x: Exchange,
    kind: ErrorKind,
    api: boolean,
    lang: Lang,
    extra?: Readonly<Record<string, string>>,
  ): void => {
    const b = bodies[lang];
    const body = api ? b.api[kind] : b.page[kind];
    send(x, ERRORS[kind].status, api ? JSON_TYPE : HTML, body, NO_STORE, extra);
  };

  const sendHtml = (x: Exchange, status: number, html: string, cache: Cacheability): void => {
    send(x, status, HTML, Buffer.from(html, 'utf8'), cache);
  };

  const redirect = (x: Exchange, status: 301 | 303, location: string): void => {
    send(x, status, null, EMPTY, NO_STORE, { location });
  };

  /**
   * The record behind a code as typed, or null. A code that does not parse is replaced by the
   * dummy code so that the registry does the same work either way; the answer is then thrown
   * away.
   */
  const find = async (
    typed: string | null,
  ): Promise<{ code: string; canonical: boolean; record: LookupRecord } | null> => {
    const parsed = typed === null ? null : parseLookupCode(typed);
    const code = parsed?.ok === true ? parsed.code : dummyCode;
    const record = await source.findByLookupCode(code);
    if (parsed?.ok !== true || record === null) return null;
    return { code, canonical: typed === code, record };
  };

  /** A source that throws: a generic 500 (no detail to the visitor), the cause to the log. */
  const sourceFailed = (x: Exchange, err: unknown, api: boolean, lang: Lang): void => {
    const message = err instanceof Error ? err.message : String(err);
    writeLog(
      `${new Date(now()).toISOString()} error ${x.req.method ?? '-'} ${logTarget(x.req.url ?? '')}: ` +
        `lookup source failed: ${maskLookupCodes(message).replace(/[\r\n]+/g, ' ')}`,
    );
    sendError(x, 'serverError', api, lang);
  };

  const lookupPage = async (x: Exchange, segment: string, query: string): Promise<void> => {
    const { lang, explicit } = queryLang(query, defaultLang);
    let found;
    try {
      found = await find(decodeSegment(segment));
    } catch (err) {
      sourceFailed(x, err, false, lang);
      return;
    }
    if (found === null) {
      sendError(x, 'codeNotFound', false, lang);
      return;
    }
    if (!found.canonical) {
      // One URL per document (what the QR code carries): a typed variant of an existing code
      // moves to it (RFC 9110 §15.4.2). Only found codes redirect, so every unknown code, in
      // whatever form, still gets the one 404.
      redirect(x, 301, `/v/${found.code}${explicit ? `?lang=${lang}` : ''}`);
      return;
    }
    const html = renderRecordPage(found.record, {
      lang,
      defaultLang,
      lookupCode: found.code,
      lookupCodeDisplay: formatLookupCode(found.code),
    });
    sendHtml(x, 200, html, NO_STORE);
  };

  const lookupApi = async (x: Exchange, segment: string, query: string): Promise<void> => {
    const { lang } = queryLang(query, defaultLang);
    let found;
    try {
      found = await find(decodeSegment(segment));
    } catch (err) {
      sourceFailed(x, err, true, lang);
      return;
    }
    if (found === null) {
      sendError(x, 'codeNotFound', true, lang);
      return;
    }
    // Served directly, also for a non-canonical code: API clients need not follow redirects,
    // and the body names the canonical code.
    const json = JSON.stringify(lookupRecordJson(found.record));
    send(x, 200, JSON_TYPE, Buffer.from(json, 'utf8'), NO_STORE);
  };

  /** `GET /tra-cuu?ma=…`: the search form's target, so the form needs no script. */
  const search = (x: Exchange, query: string): void => {
    const params = new URLSearchParams(query);
    const { lang, explicit } = queryLang(query, defaultLang);
    const suffix = explicit ? langQuery(lang, defaultLang) : '';
    const typed = (params.get('ma') ?? '').trim();
    if (typed === '') {
      redirect(x, 303, `/${suffix}`);
      return;
    }
    const parsed = parseLookupCode(typed.slice(0, 256));
    if (!parsed.ok) {
      // The same page as any unknown code; whether the typo is in the length, a symbol or the
      // check symbol is left unsaid (the form is no oracle; `hoso lookup` says it offline).
      sendError(x, 'codeNotFound', false, lang);
      return;
    }
    // 303 See Other: the answer to a form submission is another resource (RFC 9110 §15.4.4).
    redirect(x, 303, `/v/${parsed.code}${suffix}`);
  };

  /** Reads a body sent in chunks (no Content-Length) up to the limit; false when over it. */
  const bodyWithinLimit = (req: http.IncomingMessage): Promise<boolean> =>
    new Promise((resolve) => {
      let received = 0;
      const done = (ok: boolean): void => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        resolve(ok);
      };
      const onData = (chunk: Buffer): void => {
        received += chunk.length;
        if (received > maxBodyBytes) done(false);
      };
      const onEnd = (): void => done(true);
      const onError = (): void => done(false);
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
    });

  const handle = async (x: Exchange): Promise<void> => {
    const { req } = x;
    let target = req.url ?? '/';
    const isApiTarget = target.startsWith('/api/');
    const { lang: targetLang } =
      target.length <= MAX_URL_LENGTH
        ? queryLang(target.includes('?') ? target.slice(target.indexOf('?') + 1) : '', defaultLang)
        : { lang: defaultLang };

    if (limiter !== null && target !== '/healthz' && !target.startsWith('/healthz?')) {
      const decision = limiter.take(clientKey(x.client));
      if (!decision.allowed) {
        // 429 Too Many Requests with Retry-After (RFC 6585 §4).
        sendError(x, 'tooManyRequests', isApiTarget, targetLang, {
          'retry-after': String(decision.retryAfterSeconds),
        });
        return;
      }
    }

    if (target.length > MAX_URL_LENGTH) {
      sendError(x, 'uriTooLong', isApiTarget, defaultLang);
      return;
    }

    // We take no request bodies; one over the limit is refused (RFC 9110 §15.5.14) and the
    // connection closed rather than read to its end.
    const declared = req.headers['content-length'];
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (
      (declared !== undefined && Number(declared) > maxBodyBytes) ||
      (chunked && !(await bodyWithinLimit(req)))
    ) {
      req.resume();
      sendError(x, 'payloadTooLarge', isApiTarget, targetLang, { connection: 'close' });
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendError(x, 'methodNotAllowed', isApiTarget, targetLang, { allow: ALLOW });
      return;
    }

    // Absolute-form targets (RFC 9112 §3.2.2) are legal, if rare from anything but proxies.
    if (!target.startsWith('/')) {
      try {
        const u = new URL(target);
        target = u.pathname + u.search;
      } catch {
        sendError(x, 'pageNotFound', false, defaultLang);
        return;
      }
    }
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? '' : target.slice(q + 1);

    if (path.startsWith('/v/')) return lookupPage(x, path.slice(3), query);
    if (path.startsWith('/api/v1/lookup/')) return lookupApi(x, path.slice(15), query);
    switch (path) {
      case '/':
        send(x, 200, HTML, bodies[targetLang].home, STATIC_CACHE);
        return;
      case '/tra-cuu':
        search(x, query);
        return;
      case '/healthz':
        send(
          x,
          shuttingDown ? 503 : 200,
          JSON_TYPE,
          shuttingDown ? HEALTH_CLOSING : HEALTH_OK,
          NO_STORE,
        );
        return;
      default:
        sendError(x, 'pageNotFound', path.startsWith('/api/'), targetLang);
    }
  };

  const clientAddress = (req: http.IncomingMessage): string => {
    if (trustProxy) {
      const forwarded = req.headers['x-forwarded-for'];
      const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
      if (first !== undefined && isIP(first) !== 0) return first;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };

  const server = http.createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      headersTimeout: HEADERS_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      // How often the two timeouts above are enforced (Node's default is 30 s).
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      const x: Exchange = {
        req,
        res,
        head: req.method === 'HEAD',
        start: now(),
        client: clientAddress(req),
        status: 0,
        bytes: 0,
      };
      if (log !== undefined) {
        res.once('close', () => {
          const ms = Math.max(0, now() - x.start);
          writeLog(
            `${new Date(x.start).toISOString()} ${x.client} ${req.method ?? '-'} ` +
              `${logTarget(req.url ?? '')} ${x.status} ${x.bytes} ${ms}ms` +
              (res.writableFinished ? '' : ' aborted'),
          );
        });
      }
      handle(x).catch((err: unknown) => {
        // A bug of ours, not the source's: still a proper answer, never a crash.
        writeLog(
          `${new Date(now()).toISOString()} error ${req.method ?? '-'} ${logTarget(req.url ?? '')}: ` +
            maskLookupCodes(err instanceof Error ? (err.stack ?? err.message) : String(err))
              .split('\n')
              .join(' | '),
        );
        if (!res.headersSent) sendError(x, 'serverError', false, defaultLang);
        else res.destroy();
      });
    },
  );
  server.maxHeadersCount = 100;
  server.setTimeout(SOCKET_IDLE_TIMEOUT_MS);

  // Malformed requests, oversized headers and request timeouts never reach the handler; Node's
  // own answer would lack the security headers, so write ours (RFC 9110 §15.5.1, RFC 6585 §5,
  // RFC 9110 §15.5.9).
  const clientErrorPage = Buffer.from(
    renderMessagePage('bad-request', defaultLang, defaultLang),
    'utf8',
  );
  const clientErrorBodies = {
    400: rawErrorResponse(400, clientErrorPage),
    408: rawErrorResponse(408, clientErrorPage),
    431: rawErrorResponse(431, clientErrorPage),
  };
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
    socket.end(clientErrorBodies[status]);
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        const onError = (err: Error): void => reject(err);
        server.once('error', onError);
        server.listen(port, host, () => {
          server.off('error', onError);
          const address = server.address();
          const bound = typeof address === 'object' && address !== null ? address.port : port;
          const urlHost = host.includes(':') ? `[${host}]` : host;
          resolve({ port: bound, host, url: `http://${urlHost}:${bound}/` });
        });
      });
    },
    close(graceMs = DEFAULT_GRACE_MS) {
      if (closing !== null) return closing;
      shuttingDown = true;
      closing = new Promise<void>((resolve, reject) => {
        // After the grace period, whatever is still open is cut.
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close((err?: Error) => {
          clearTimeout(timer);
          const code = (err as NodeJS.ErrnoException | undefined)?.code;
          if (err !== undefined && code !== 'ERR_SERVER_NOT_RUNNING') reject(err);
          else resolve();
        });
        // Stop accepting (above), and drop keep-alive connections with nothing in flight now;
        // busy ones close after their response, which carries `Connection: close`.
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
