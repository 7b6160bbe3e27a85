// `hoso serve` seen by a real browser (Debian chromium through playwright-core): a real signed
// sample registered with the real binary in a temporary SQLite registry, the real service as a
// child process on port 0, and what a citizen's phone shows after scanning the QR code —
// JavaScript off, since the pages must work without it (the CSP forbids any script).
// Screenshots go to tests/output/ (kept by CI as an artifact).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { LOOKUP_ALPHABET, newLookupCode } from '../../src/lookup/lookup-code.js';
import { launchChromium } from '../support/browser.js';
import { ROOT, SAMPLES, TEST_CERTS } from '../support/paths.js';
import { hoso } from '../support/run-cli.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';

const SAMPLE = join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf');
const DOSSIER = '000.00.12.H29-261125-0007';
const TITLE = 'Quyết định cấp giấy phép xây dựng';
const OUTPUT = join(ROOT, 'tests', 'output');

/** A phone after scanning the QR code: small screen, touch, Vietnamese, no script. */
const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  javaScriptEnabled: false,
};
const DESKTOP: BrowserContextOptions = {
  viewport: { width: 1280, height: 800 },
  locale: 'vi-VN',
  javaScriptEnabled: false,
};

interface Registered {
  readonly lookupCode: string;
  readonly sha256: string;
}

/** Width, height and the size in bytes of a PNG file, after checking its signature. */
function pngFacts(path: string): { width: number; height: number; bytes: number } {
  const png = readFileSync(path);
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: statSync(path).size };
}

const withoutSpaces = (s: string | null): string => (s ?? '').replace(/\s+/g, '');

describe('hoso serve in a real browser', () => {
  let browser: Browser | undefined;
  let tmp: string;
  let server: ServeProcess | null = null;
  let registered: Registered;
  let phone: BrowserContext;
  /** The canonical code in display form, computed here rather than trusted from the page. */
  let display: string;

  /**
   * Browser, registry and service, set up by the first test that needs them rather than in
   * beforeAll: when chromium is missing every test then FAILS with the install hint, where a
   * failing beforeAll would leave them reported as skipped.
   */
  let ready: Promise<void> | null = null;
  const given = (): Promise<void> => (ready ??= setUp());

  async function setUp(): Promise<void> {
    browser = await launchChromium();
    tmp = mkdtempSync(join(tmpdir(), 'hoso-browser-'));
    const registry = `sqlite:${join(tmp, 'hoso.db')}`;
    const add = hoso(
      [
        'register',
        'add',
        SAMPLE,
        '--dossier',
        DOSSIER,
        '--title',
        TITLE,
        '--trust',
        join(TEST_CERTS, 'root.cert.pem'),
        '--registry',
        registry,
        '--json',
      ],
      { cwd: tmp },
    );
    expect(add.code, add.stderr).toBe(0);
    registered = JSON.parse(add.stdout) as Registered;
    expect(registered.lookupCode).toMatch(/^[2-9A-HJKMNP-Z]{18}$/);
    const c = registered.lookupCode;
    display = `${c.slice(0, 6)}-${c.slice(6, 12)}-${c.slice(12)}`;
    server = await startServe(['--registry', registry], { cwd: tmp });
    phone = await browser.newContext(PHONE);
    mkdirSync(OUTPUT, { recursive: true });
  }

  afterAll(async () => {
    await browser?.close();
    // Only when a test failed before the SIGTERM test stopped it.
    if (server !== null && server.child.exitCode === null) await server.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const url = (path: string): string => new URL(path, server!.url).href;

  async function openPhonePage(path: string): Promise<{ page: Page; status: number }> {
    const page = await phone.newPage();
    const response = await page.goto(url(path));
    expect(response, `no response for ${path}`).not.toBeNull();
    return { page, status: response!.status() };
  }

  it('shows the record on a phone without JavaScript, in Vietnamese, with the security headers', async () => {
    await given();
    const page = await phone.newPage();
    const response = await page.goto(url(`/v/${registered.lookupCode}`));
    expect(response!.status()).toBe(200);

    const headers = response!.headers();
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toBe('no-store');
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('script-src');
    expect(csp).not.toContain('unsafe-inline');

    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect(page.title()).resolves.toContain(TITLE);
    const h1 = page.getByRole('heading', { level: 1 });
    expect(await h1.count()).toBe(1);
    expect((await h1.innerText()).trim()).toBe(TITLE);

    expect(await page.getByText('Còn hiệu lực', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByText('Đã bị thu hồi').count()).toBe(0);
    expect(await page.getByText(DOSSIER, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Bản gốc trong sổ gốc', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Thời điểm vào sổ', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(display, { exact: true }).isVisible()).toBe(true);

    // quyet-dinh.pdf: the officer, then the agency (samples/SOURCES.md), each HỢP LỆ at issue.
    const signers = page.getByRole('listitem');
    expect(await signers.count()).toBe(2);
    const officer = signers.filter({ hasText: 'Nguyễn Văn An' });
    expect(await officer.count()).toBe(1);
    expect(await officer.getByText('HỢP LỆ', { exact: true }).isVisible()).toBe(true);
    expect(await signers.nth(1).innerText()).toContain('UBND Phường Hoàn Kiếm');
    expect(await signers.nth(1).getByText('HỢP LỆ', { exact: true }).isVisible()).toBe(true);

    // The SHA-256 in groups a phone can wrap; the 64 digits when the spaces go.
    const hashHeading = page.getByRole('heading', { level: 2, name: /SHA-256/ });
    expect(await hashHeading.isVisible()).toBe(true);
    const hash = hashHeading.locator('xpath=following-sibling::p[1]');
    expect(withoutSpaces(await hash.innerText())).toBe(registered.sha256);
    expect(await hash.textContent()).toBe(registered.sha256); // what a copy carries
    expect(await page.getByText('sha256sum', { exact: false }).isVisible()).toBe(true);

    // page.evaluate runs through the DevTools protocol, not as page script: it works with
    // JavaScript disabled (checked here on chromium 156), so the measurements need no second context.
    const layout = (await page.evaluate(
      '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth, bodyFont: getComputedStyle(document.body).fontSize})',
    )) as { scrollWidth: number; clientWidth: number; bodyFont: string };
    expect(layout.clientWidth).toBe(360); // the viewport meta tag took effect
    expect(layout.scrollWidth).toBeLessThanOrEqual(360); // no sideways scrolling
    expect(layout.bodyFont).toBe('18px'); // the inline style ran under the CSP (1.125rem)

    const phonePng = join(OUTPUT, 'lookup-page-phone.png');
    await page.screenshot({ path: phonePng, fullPage: true });
    const p = pngFacts(phonePng);
    expect(p.width).toBe(720); // 360 CSS px at device scale 2
    expect(p.height).toBeGreaterThanOrEqual(1480);
    expect(p.bytes).toBeGreaterThan(20_000);
    await page.close();
  });

  it('shows a paper conversion made by hoso print: its kind, system and owner, time of conversion', async () => {
    await given();
    const registry = `sqlite:${join(tmp, 'hoso.db')}`;
    const printed = hoso(
      [
        'print',
        join(SAMPLES, 'results', 'giay-xac-nhan.pdf'),
        '-o',
        join(tmp, 'giay-xac-nhan-giay.pdf'),
        '--system',
        'Hệ thống thông tin giải quyết TTHC Thành phố Hà Nội',
        '--owner',
        'Văn phòng UBND Thành phố Hà Nội',
        '--converter',
        'Lê Thị Ngọc Ánh',
        '--trust',
        join(TEST_CERTS, 'root.cert.pem'),
        '--registry',
        registry,
        '--json',
      ],
      { cwd: tmp },
    );
    expect(printed.code, printed.stderr).toBe(0);
    const [result] = (JSON.parse(printed.stdout) as { results: { lookupCode: string }[] }).results;
    // The server reads the registry as it is now: the conversion was recorded after it started.
    const { page, status } = await openPhonePage(`/v/${result!.lookupCode}`);
    expect(status).toBe(200);
    for (const text of [
      'Bản chuyển đổi từ kết quả điện tử',
      'Hệ thống thông tin giải quyết TTHC Thành phố Hà Nội',
      'Văn phòng UBND Thành phố Hà Nội',
      'Thời điểm chuyển đổi',
      'giay-xac-nhan.pdf',
    ])
      expect(await page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
    const signer = page.getByRole('listitem').filter({ hasText: 'Nguyễn Văn An' });
    expect(await signer.getByText('HỢP LỆ', { exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'lookup-page-paper.png'), fullPage: true });
    await page.close();
  });

  it('shows the same record on a desktop screen (screenshot)', async () => {
    await given();
    const desktop = await browser!.newContext(DESKTOP);
    try {
      const page = await desktop.newPage();
      const response = await page.goto(url(`/v/${registered.lookupCode}`));
      expect(response!.status()).toBe(200);
      expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe(TITLE);
      const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
      expect(width).toBeLessThanOrEqual(1280);
      const desktopPng = join(OUTPUT, 'lookup-page-desktop.png');
      await page.screenshot({ path: desktopPng, fullPage: true });
      const d = pngFacts(desktopPng);
      expect(d.width).toBe(1280);
      expect(d.height).toBeGreaterThanOrEqual(800);
      expect(d.bytes).toBeGreaterThan(20_000);
    } finally {
      await desktop.close();
    }
  });

  it('answers a mistyped, an unknown and a malformed code with one and the same 404 page', async () => {
    await given();
    const real = registered.lookupCode;
    // One symbol changed, same length: the check symbol catches it (lookup-code.ts).
    const i = 5;
    const next = LOOKUP_ALPHABET[(LOOKUP_ALPHABET.indexOf(real[i]!) + 1) % LOOKUP_ALPHABET.length];
    const mistyped = real.slice(0, i) + next + real.slice(i + 1);
    expect(mistyped).toHaveLength(real.length);
    expect(mistyped).not.toBe(real);
    let unknown = newLookupCode((n) => new Uint8Array(randomBytes(n)));
    while (unknown === real) unknown = newLookupCode((n) => new Uint8Array(randomBytes(n)));
    const malformed = 'O0I1L-not-a-code';

    const seen: { body: Buffer; content: string }[] = [];
    for (const code of [mistyped, unknown, malformed]) {
      const page = await phone.newPage();
      const response = await page.goto(url(`/v/${encodeURIComponent(code)}`));
      expect(response!.status(), code).toBe(404);
      expect(response!.headers()['x-frame-options']).toBe('DENY');
      expect(
        (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
        `heading for ${code}`,
      ).toBe('Không tìm thấy văn bản');
      // The form to try again is offered, and nothing of the real record leaks.
      expect(await page.getByLabel('Mã tra cứu').isVisible()).toBe(true);
      const text = await page.locator('body').innerText();
      expect(text).not.toContain(TITLE);
      expect(text).not.toContain(DOSSIER);
      seen.push({ body: await response!.body(), content: await page.content() });
      await page.close();
    }
    expect(seen[1]!.body.equals(seen[0]!.body)).toBe(true);
    expect(seen[2]!.body.equals(seen[0]!.body)).toBe(true);
    expect(seen[1]!.content).toBe(seen[0]!.content);
    expect(seen[2]!.content).toBe(seen[0]!.content);
  });

  it('finds the record from the search form on / (code typed in lower case with hyphens, no JavaScript)', async () => {
    await given();
    const { page, status } = await openPhonePage('/');
    expect(status).toBe(200);
    await page.getByLabel('Mã tra cứu').fill(display.toLowerCase());
    await Promise.all([
      page.waitForURL((u) => u.pathname === `/v/${registered.lookupCode}`),
      page.getByRole('button', { name: 'Tra cứu', exact: true }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe(`/v/${registered.lookupCode}`);
    expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe(TITLE);
    expect(await page.getByText('Còn hiệu lực').isVisible()).toBe(true);
    await page.close();
  });

  it('shows the page in English with ?lang=en', async () => {
    await given();
    const { page, status } = await openPhonePage(`/v/${registered.lookupCode}?lang=en`);
    expect(status).toBe(200);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect((await page.getByRole('heading', { level: 1 }).innerText()).trim()).toBe(TITLE);
    expect(await page.getByText('In force', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByText('Original in the master register').isVisible()).toBe(true);
    expect(await page.getByText('Dossier code', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('VALID', { exact: true }).count()).toBe(2);
    expect(await page.getByText('Còn hiệu lực').count()).toBe(0);
    // and back: the language link keeps the visitor on the same record
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    expect(await page.getByText('Còn hiệu lực').isVisible()).toBe(true);
    await page.close();
  });

  it('serves the documented JSON from /api/v1/lookup/<code>', async () => {
    await given();
    const page = await phone.newPage();
    const response = await page.request.get(url(`/api/v1/lookup/${registered.lookupCode}`));
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/json; charset=utf-8');
    const body = (await response.json()) as Record<string, unknown>;
    const fileSha256 = createHash('sha256').update(readFileSync(SAMPLE)).digest('hex');
    expect(body).toMatchObject({
      schemaVersion: 1,
      lookupCode: registered.lookupCode,
      lookupCodeDisplay: display,
      kind: 'original',
      title: TITLE,
      dossierCode: DOSSIER,
      status: 'VALID',
      verification: 'TOTAL_PASSED',
    });
    expect(body['sha256']).toBe(registered.sha256);
    expect(body['sha256']).toBe(fileSha256);
    expect(Number.isNaN(Date.parse(String(body['issuedAt'])))).toBe(false);
    const signers = body['signers'] as { name: string; indication: string }[];
    expect(signers).toHaveLength(2);
    expect(signers[0]).toMatchObject({ name: 'Nguyễn Văn An', indication: 'TOTAL_PASSED' });
    expect(signers[1]).toMatchObject({ indication: 'TOTAL_PASSED' });

    // An unknown code: the API's one 404, in English codes.
    const missing = await page.request.get(url(`/api/v1/lookup/${'2'.repeat(18)}`));
    expect(missing.status()).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    await page.close();
  });

  it('stops on SIGTERM with exit code 0', async () => {
    await given();
    const s = server!;
    const exit = await s.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(s.stderr()).toContain('Đã dừng dịch vụ tra cứu.');
  });
});
