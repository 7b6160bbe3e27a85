// The lookup service on a real socket (127.0.0.1, port 0) over an in-test LookupSource.
import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLookupService, type LookupService } from '../../../src/lookup/http-service.js';
import {
  formatLookupCode,
  LOOKUP_ALPHABET,
  newLookupCode,
  parseLookupCode,
} from '../../../src/lookup/lookup-code.js';
import { clientKey, RateLimiter } from '../../../src/lookup/rate-limiter.js';
import type { LookupRecord, LookupSource } from '../../../src/registry/lookup-record.js';

/** Deterministic "random" bytes, so the codes are the same at every run. */
function seeded(seed: number): (n: number) => Uint8Array {
  let state = seed;
  return (n) =>
    Uint8Array.from({ length: n }, () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % 248;
    });
}

const CODE = newLookupCode(seeded(1));
const HOSTILE_CODE = newLookupCode(seeded(2));
const UNKNOWN_CODE = newLookupCode(seeded(3));
const SHA256 = '3f5a9c0e1d2b4a6f8e7d6c5b4a3928171615141312111009080706050403020a';

function record(code: string, overrides: Partial<LookupRecord> = {}): LookupRecord {
  return {
    lookupCode: code,
    kind: 'paper',
    title: 'Quyết định cấp giấy phép xây dựng',
    dossierCode: '000.00.12.H29-261125-0007',
    resultCode: '000.00.12.H29-261125-0007-KQ1',
    procedureCode: '1.000494.000.00.00.H29',
    system: { name: 'Hệ thống thông tin giải quyết TTHC tỉnh Quảng Ninh', owner: 'UBND tỉnh' },
    agency: { code: '000.00.12.H49', name: 'UBND phường Hồng Gai' },
    issuedAt: '2026-11-25T07:05:00Z',
    convertedAt: '2026-11-25T07:05:00Z',
    certification: null,
    status: 'VALID',
    revokedAt: null,
    verification: 'TOTAL_PASSED',
    signers: [
      {
        name: 'UBND phường Hồng Gai',
        organization: 'UBND tỉnh Quảng Ninh',
        signingTime: '2026-11-24T03:02:00Z',
        indication: 'TOTAL_PASSED',
      },
    ],
    sha256: SHA256,
    pages: 3,
    ...overrides,
  };
}

const RECORDS = new Map<string, LookupRecord>([
  [CODE, record(CODE)],
  [HOSTILE_CODE, record(HOSTILE_CODE, { title: '<script>alert("x")</script> & <b>đậm</b>' })],
]);

/** A Map-backed source that remembers every code it was asked for. */
function mapSource(): LookupSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    findByLookupCode(code) {
      asked.push(code);
      return Promise.resolve(RECORDS.get(code) ?? null);
    },
  };
}

const SECURITY_HEADERS = {
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function expectSecurityHeaders(headers: Headers | http.IncomingHttpHeaders): void {
  const get = (name: string): string | null =>
    headers instanceof Headers
      ? headers.get(name)
      : ((headers[name] as string | undefined) ?? null);
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(get(name)).toBe(value);
  const csp = get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp).toContain("img-src 'self' data:");
  expect(csp).toContain("base-uri 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain('script-src');
  expect(get('permissions-policy')).toContain('camera=()');
  expect(get('cache-control')).not.toBeNull();
}

/** A request fetch cannot make (a GET with a body, odd headers), answered in full. */
function rawRequest(
  url: string,
  opts: http.RequestOptions & { body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { ...opts, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('lookup service', () => {
  const source = mapSource();
  const lines: string[] = [];
  let service: LookupService;
  let base: string;

  beforeAll(async () => {
    service = createLookupService({ source, rateLimit: null, log: (l) => lines.push(l) });
    base = (await service.listen(0, '127.0.0.1')).url.replace(/\/$/, '');
  });
  afterAll(() => service.close(1000));

  it('serves the page of a registered document', async () => {
    const res = await fetch(`${base}/v/${CODE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expectSecurityHeaders(res.headers);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('<h1>Quyết định cấp giấy phép xây dựng</h1>');
    expect(html).toContain('000.00.12.H29-261125-0007');
    expect(html).toContain('1.000494.000.00.00.H29');
    expect(html).toContain('Còn hiệu lực');
    expect(html).toContain(formatLookupCode(CODE));
    expect(html).toContain('25/11/2026 14:05 (giờ Việt Nam)');
    expect(html).toContain('HỢP LỆ');
    // All 64 digits, in groups (tags between them only).
    const hashText = /<p class="hash"><code>(.*?)<\/code><\/p>/.exec(html)?.[1] ?? '';
    expect(hashText.replace(/<[^>]+>/g, '')).toBe(SHA256);
    expect(html).not.toMatch(/<script/i);
  });

  it('serves the page in English with ?lang=en', async () => {
    const html = await (await fetch(`${base}/v/${CODE}?lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('In force');
    expect(html).toContain('Vietnam time');
  });

  it('serves the record as JSON with schemaVersion and the display code', async () => {
    const res = await fetch(`${base}/api/v1/lookup/${CODE}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(res.headers);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual({
      schemaVersion: 1,
      lookupCodeDisplay: formatLookupCode(CODE),
      ...record(CODE),
    });
  });

  it('serves the JSON for a code typed in lower case with hyphens, without a redirect', async () => {
    const res = await fetch(`${base}/api/v1/lookup/${formatLookupCode(CODE).toLowerCase()}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { lookupCode: string }).lookupCode).toBe(CODE);
  });

  it('moves a typed form of an existing code to the canonical URL', async () => {
    const typed = formatLookupCode(CODE).toLowerCase();
    const res = await fetch(`${base}/v/${typed}?lang=en`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`/v/${CODE}?lang=en`);
    expectSecurityHeaders(res.headers);
  });

  describe('unknown, malformed and mistyped codes', () => {
    const lastSymbol = CODE.slice(-1);
    const otherSymbol = LOOKUP_ALPHABET.charAt((LOOKUP_ALPHABET.indexOf(lastSymbol) + 1) % 31);
    const candidates = {
      'unknown well-formed code': UNKNOWN_CODE,
      'unknown code in display form': formatLookupCode(UNKNOWN_CODE).toLowerCase(),
      'malformed code': 'not-a-code!',
      'mistyped check symbol': CODE.slice(0, -1) + otherSymbol,
      'wrong length': CODE.slice(0, -2),
      'look-alike letter': 'O' + CODE.slice(1),
      'bad percent-encoding': '%E0%A4%A',
      'empty code': '',
    };

    it('have well-formed and ill-formed codes among the cases', () => {
      expect(parseLookupCode(UNKNOWN_CODE).ok).toBe(true);
      expect(parseLookupCode(candidates['mistyped check symbol'])).toMatchObject({ part: 'check' });
      expect(parseLookupCode(candidates['wrong length'])).toMatchObject({ part: 'length' });
    });

    for (const [api, prefix] of [
      [false, '/v/'],
      [true, '/api/v1/lookup/'],
    ] as const) {
      it(`get byte-identical 404s from ${prefix}, each after one registry query`, async () => {
        const bodies = new Set<string>();
        for (const [name, code] of Object.entries(candidates)) {
          const before = source.asked.length;
          const res = await fetch(`${base}${prefix}${code}`, { redirect: 'manual' });
          expect(res.status, name).toBe(404);
          expectSecurityHeaders(res.headers);
          expect(res.headers.get('cache-control')).toBe('no-store');
          expect(res.headers.get('content-type')).toBe(
            api ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
          );
          bodies.add(Buffer.from(await res.arrayBuffer()).toString('hex'));
          // The same work for every case: one query, always for a well-formed code.
          expect(source.asked.length - before, name).toBe(1);
          expect(parseLookupCode(source.asked.at(-1) ?? '').ok, name).toBe(true);
        }
        expect(bodies.size).toBe(1);
        const body = Buffer.from([...bodies][0] ?? '', 'hex').toString('utf8');
        if (api) {
          expect(JSON.parse(body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
        } else {
          expect(body).toContain('Không tìm thấy văn bản');
          expect(body).toContain('action="/tra-cuu"');
        }
        // Nothing in the body tells which part was wrong.
        expect(body).not.toMatch(/kiểm tra không khớp|check character|ở đây có|this one has/);
      });
    }
  });

  it('answers an unknown path with the 404 page', async () => {
    const res = await fetch(`${base}/wp-admin/`);
    expect(res.status).toBe(404);
    expectSecurityHeaders(res.headers);
    expect(await res.text()).toContain('Không tìm thấy trang');
    const api = await fetch(`${base}/api/v2/whatever`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('escapes a hostile title', async () => {
    const html = await (await fetch(`${base}/v/${HOSTILE_CODE}`)).text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>đậm');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;',
    );
  });

  it('serves the search form and sends its answer to the canonical URL', async () => {
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expectSecurityHeaders(home.headers);
    const html = await home.text();
    expect(html).toContain('<form method="get" action="/tra-cuu">');
    expect(html).toContain('Mã tra cứu');
    expect(html).not.toMatch(/<script/i);

    const typed = encodeURIComponent(` ${formatLookupCode(CODE).toLowerCase()} `);
    const found = await fetch(`${base}/tra-cuu?ma=${typed}`, { redirect: 'manual' });
    expect(found.status).toBe(303);
    expect(found.headers.get('location')).toBe(`/v/${CODE}`);

    const english = await fetch(`${base}/tra-cuu?ma=${CODE}&lang=en`, { redirect: 'manual' });
    expect(english.headers.get('location')).toBe(`/v/${CODE}?lang=en`);

    const empty = await fetch(`${base}/tra-cuu?ma=`, { redirect: 'manual' });
    expect(empty.status).toBe(303);
    expect(empty.headers.get('location')).toBe('/');

    const notFound = await (await fetch(`${base}/v/${UNKNOWN_CODE}`)).arrayBuffer();
    const typo = await fetch(`${base}/tra-cuu?ma=${CODE.slice(0, -1)}`, { redirect: 'manual' });
    expect(typo.status).toBe(404);
    expect(Buffer.from(await typo.arrayBuffer()).equals(Buffer.from(notFound))).toBe(true);
  });

  it('answers HEAD like GET, without a body', async () => {
    const get = await fetch(`${base}/v/${CODE}`);
    const getLength = (await get.arrayBuffer()).byteLength;
    const head = await rawRequest(`${base}/v/${CODE}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBe(getLength);
    expectSecurityHeaders(head.headers);
  });

  it('refuses other methods with 405 and Allow', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await fetch(`${base}/v/${CODE}`, { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('GET, HEAD');
      expectSecurityHeaders(res.headers);
    }
    const api = await fetch(`${base}/api/v1/lookup/${CODE}`, { method: 'POST' });
    expect(await api.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
  });

  it('refuses a body over the limit with 413', async () => {
    const post = await fetch(`${base}/v/${CODE}`, { method: 'POST', body: 'x'.repeat(2000) });
    expect(post.status).toBe(413);
    expectSecurityHeaders(post.headers);
    const get = await rawRequest(`${base}/v/${CODE}`, {
      method: 'GET',
      headers: { 'content-length': '5000' },
      body: 'x'.repeat(5000),
    });
    expect(get.status).toBe(413);
    const chunked = await rawRequest(`${base}/healthz`, {
      method: 'GET',
      headers: { 'transfer-encoding': 'chunked' },
      body: 'y'.repeat(3000),
    });
    expect(chunked.status).toBe(413);
    // A small body is tolerated (and ignored).
    const small = await rawRequest(`${base}/v/${CODE}`, {
      method: 'GET',
      headers: { 'content-length': '1' },
      body: 'z',
    });
    expect(small.status).toBe(200);
  });

  it('refuses a URL over 2 KiB with 414', async () => {
    const res = await fetch(`${base}/v/${'A'.repeat(3000)}`);
    expect(res.status).toBe(414);
    expectSecurityHeaders(res.headers);
  });

  it('answers headers over the limit with 431 and the security headers', async () => {
    const res = await rawRequest(`${base}/`, { headers: { 'x-big': 'b'.repeat(20_000) } });
    expect(res.status).toBe(431);
    expectSecurityHeaders(res.headers);
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expectSecurityHeaders(res.headers);
  });

  it('logs one line per request with lookup codes masked', async () => {
    await fetch(`${base}/v/${CODE}`);
    await fetch(`${base}/tra-cuu?ma=${formatLookupCode(CODE)}`, { redirect: 'manual' });
    await new Promise((r) => setTimeout(r, 20));
    const access = lines.filter((l) => / GET \/v\//.test(l));
    expect(access.length).toBeGreaterThan(0);
    expect(access.at(-1)).toMatch(/ 127\.0\.0\.1 GET \/v\/\w{4}… 200 \d+ \d+ms$/);
    const all = lines.join('\n');
    for (const code of [CODE, UNKNOWN_CODE, HOSTILE_CODE]) {
      expect(all).not.toContain(code);
      expect(all).not.toContain(formatLookupCode(code));
      expect(all).not.toContain(code.slice(0, 8));
    }
  });
});

describe('lookup service rate limit', () => {
  let clock = 1_000_000;
  let service: LookupService;
  let base: string;

  beforeAll(async () => {
    service = createLookupService({
      source: mapSource(),
      rateLimit: { perMinute: 60, burst: 2 },
      now: () => clock,
    });
    base = (await service.listen(0, '127.0.0.1')).url.replace(/\/$/, '');
  });
  afterAll(() => service.close(1000));

  it('answers 429 with Retry-After once the bucket is empty, then recovers', async () => {
    expect((await fetch(`${base}/v/${CODE}`)).status).toBe(200);
    expect((await fetch(`${base}/v/${CODE}`)).status).toBe(200);
    const limited = await fetch(`${base}/v/${CODE}`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expectSecurityHeaders(limited.headers);
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect(await limited.text()).toContain('Quá nhiều yêu cầu');
    const api = await fetch(`${base}/api/v1/lookup/${CODE}`);
    expect(api.status).toBe(429);
    expect(await api.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    // The health check is not counted: a load balancer polls it.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);

    clock += 1000; // one token back at 60 a minute
    expect((await fetch(`${base}/v/${CODE}`)).status).toBe(200);
    expect((await fetch(`${base}/v/${CODE}`)).status).toBe(429);
  });
});

describe('rate limiter', () => {
  it('keeps at most maxClients buckets, dropping refilled ones first', () => {
    let t = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 1, maxClients: 100 }, () => t);
    for (let i = 0; i < 1000; i++)
      expect(limiter.take(`10.0.${i >> 8}.${i & 255}`).allowed).toBe(true);
    expect(limiter.size).toBe(100);
    t += 60_000; // every bucket full again: equivalent to none
    limiter.take('192.0.2.1');
    expect(limiter.size).toBeLessThanOrEqual(100 - 8 + 1);
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::ffff')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('192.0.2.7')).toBe('192.0.2.7');
    let t = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 1 }, () => t);
    expect(limiter.take(clientKey('2001:db8:1:2::a')).allowed).toBe(true);
    expect(limiter.take(clientKey('2001:db8:1:2::b'))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
    t += 500;
    expect(limiter.take(clientKey('2001:db8:1:2::c')).allowed).toBe(false);
  });
});

describe('lookup service with a failing source', () => {
  let failing = true;
  const lines: string[] = [];
  let service: LookupService;
  let base: string;

  beforeAll(async () => {
    service = createLookupService({
      source: {
        findByLookupCode(code) {
          if (failing) {
            return Promise.reject(new Error(`database is locked (SQLITE_BUSY) for ${code}`));
          }
          return Promise.resolve(RECORDS.get(code) ?? null);
        },
      },
      rateLimit: null,
      log: (l) => lines.push(l),
    });
    base = (await service.listen(0, '127.0.0.1')).url.replace(/\/$/, '');
  });
  afterAll(() => service.close(1000));
  afterEach(() => {
    failing = true;
  });

  it('answers 500 with a generic page, logs the cause, and keeps serving', async () => {
    const page = await fetch(`${base}/v/${CODE}`);
    expect(page.status).toBe(500);
    expectSecurityHeaders(page.headers);
    const html = await page.text();
    expect(html).toContain('Đã có lỗi xảy ra');
    expect(html).not.toContain('SQLITE_BUSY');

    const api = await fetch(`${base}/api/v1/lookup/not-a-code`);
    expect(api.status).toBe(500);
    const body = await api.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'INTERNAL_ERROR' } });
    expect(body).not.toContain('SQLITE_BUSY');

    expect(lines.some((l) => l.includes('lookup source failed') && l.includes('SQLITE_BUSY'))).toBe(
      true,
    );
    expect(lines.join('\n')).not.toContain(CODE);

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    failing = false;
    expect((await fetch(`${base}/v/${CODE}`)).status).toBe(200);
  });

  it('survives a source that throws synchronously', async () => {
    const svc = createLookupService({
      source: {
        findByLookupCode() {
          throw new TypeError('boom');
        },
      },
      rateLimit: null,
    });
    const url = (await svc.listen(0, '127.0.0.1')).url;
    try {
      const res = await fetch(`${url}v/${CODE}`);
      expect(res.status).toBe(500);
      expectSecurityHeaders(res.headers);
      expect((await fetch(`${url}healthz`)).status).toBe(200);
    } finally {
      await svc.close(1000);
    }
  });
});

describe('lookup service shutdown', () => {
  it('lets a request in flight finish and refuses new connections', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let started: () => void = () => undefined;
    const inFlight = new Promise<void>((r) => {
      started = r;
    });
    const service = createLookupService({
      source: {
        async findByLookupCode(code) {
          started();
          await gate;
          return RECORDS.get(code) ?? null;
        },
      },
      rateLimit: null,
    });
    const { url } = await service.listen(0, '127.0.0.1');

    // An idle keep-alive connection, which close() should drop at once.
    const idle = await rawRequest(`${url}healthz`, { agent: new http.Agent({ keepAlive: true }) });
    expect(idle.status).toBe(200);

    const slow = rawRequest(`${url}v/${CODE}`, {});
    await inFlight;
    const closed = service.close(5000);
    await expect(fetch(`${url}healthz`)).rejects.toThrow();
    release();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('close');
    expect(answer.body).toContain('Quyết định cấp giấy phép xây dựng');
    await closed;
    expect(service.server.listening).toBe(false);
  });

  it('answers 503 to a health check whose headers were arriving when close() began', async () => {
    const service = createLookupService({ source: mapSource(), rateLimit: null });
    const { port } = await service.listen(0, '127.0.0.1');
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.write('GET /healthz HTTP/1.1\r\nHost: lookup.test\r\n');
    await new Promise((r) => setTimeout(r, 50));
    const closed = service.close(2000);
    socket.write('\r\n');
    await new Promise((r) => socket.once('close', r));
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('x-frame-options: DENY');
    expect(answer.endsWith('{"status":"shutting-down"}')).toBe(true);
  });

  it('cuts connections still open after the grace period', async () => {
    const service = createLookupService({
      source: { findByLookupCode: () => new Promise<null>(() => undefined) },
      rateLimit: null,
    });
    const { url } = await service.listen(0, '127.0.0.1');
    const hung = rawRequest(`${url}v/${CODE}`, {}).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = Date.now();
    await service.close(200);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await hung).toBeInstanceOf(Error);
  });
});
