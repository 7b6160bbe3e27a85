/**
 * Copies made by `hoso copy certify` and `hoso copy issue`, checked from the outside (LEGAL.md
 * §2; INTEROP.md), for three originals: a PDF, a three-page JPEG scan, and a record of the master
 * register (a signed PDF). For each copy:
 * - poppler `pdfsig` (NSS trusting the test root): every signature "Signature is Valid." and
 *   "Certificate is Trusted.", the last one covering the whole file;
 * - `openssl cms -verify -purpose any`: every CMS verifies against exactly its ByteRange's bytes;
 * - `qpdf --check`: no syntax or stream errors;
 * - `pdftotext`: the statement's wording on the copy's last page — heading, number and book, the
 *   place and the date in Vietnam time, the officer's title and name, the agency;
 * - the QR code, read back by `zbarimg` from a `pdftoppm -r 150` rendering of that page, is the
 *   lookup URL, and `hoso lookup` of that URL shows the copy.
 * The register copy also carries the original, taken out again by poppler `pdfdetach`: the same
 * bytes, whose own signatures pdfsig still finds valid.
 * Needs pdfsig, pdftotext, pdftoppm, pdfdetach, qpdf, certutil, openssl and zbarimg (Debian
 * zbar-tools): fails, never skips, without them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegScan, vietnamDateLine } from '../support/copy-fixtures.js';
import {
  extractSignatures,
  nssDbTrusting,
  requireTool,
  runTool,
  signedBytes,
} from '../support/external-tools.js';
import { SAMPLES, TEST_PASSWORD } from '../support/paths.js';
import { pdfsig } from '../support/pdfsig.js';
import { hoso } from '../support/run-cli.js';
import { certPath, p12Path } from '../support/test-keys.js';

const env = { HOSO_P12_PASSWORD: TEST_PASSWORD, HOSO_AGENCY_P12_PASSWORD: TEST_PASSWORD };
const OFFICER = 'Nguyễn Văn An';
const OFFICER_TITLE = 'Công chức tư pháp - hộ tịch';
const AGENCY = 'UBND phường Hoàn Kiếm';
const PLACE = 'Hà Nội';
const DOSSIER = '000.00.12.H29-261125-0007';
const SIGNED_RECORD = join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf');

let dir = '';
let nss = '';
let registry: string[] = [];

beforeAll(() => {
  for (const tool of [
    'pdfsig',
    'pdftotext',
    'pdftoppm',
    'pdfdetach',
    'qpdf',
    'certutil',
    'openssl',
    'zbarimg',
  ])
    requireTool(tool);
  dir = mkdtempSync(join(tmpdir(), 'hoso-copy-interop-'));
  nss = nssDbTrusting([certPath('root')]);
  registry = ['--registry', `sqlite:${join(dir, 'hoso.db')}`];
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (nss) rmSync(nss.replace(/^sql:/, ''), { recursive: true, force: true });
});

interface CopyJson {
  readonly certificationNumber: number | null;
  readonly book: string | null;
  readonly year: number | null;
  readonly lookupCode: string;
  readonly lookupUrl: string;
  readonly output: string;
  readonly pages: number;
}

/** Whitespace as one space: pdftotext breaks lines where the layout does. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function pdftotext(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  const r = spawnSync('pdftotext', [...range, file, '-'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** The QR code on `page`, read back from a 150 dpi rendering (INTEROP.md). */
function qrOnPage(file: string, page: number): string {
  const prefix = join(dir, `qr-${page}-${Date.now()}`);
  const render = runTool('pdftoppm', [
    '-r',
    '150',
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    file,
    prefix,
  ]);
  expect(render.code, render.out).toBe(0);
  // zbarimg's stderr carries D-Bus noise in containers; the symbol's data is on stdout
  const r = spawnSync('zbarimg', ['--raw', '-q', `${prefix}.png`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

function lookup(codeOrUrl: string): Record<string, unknown> {
  const r = hoso(['lookup', codeOrUrl, ...registry, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** pdfsig, openssl cms and qpdf on a finished copy with `signatures` signatures. */
function expectValidFromOutside(file: string, signatures: number): void {
  const ps = pdfsig(file, nss);
  expect(ps.signatures, ps.raw).toHaveLength(signatures);
  for (const s of ps.signatures) {
    expect(s.validation, ps.raw).toBe('Signature is Valid.');
    expect(s.certificate, ps.raw).toBe('Certificate is Trusted.');
  }
  expect(ps.signatures.at(-1)!.totalDocument, ps.raw).toBe(true);

  const bytes = readFileSync(file);
  const sigs = extractSignatures(bytes);
  expect(sigs).toHaveLength(signatures);
  const caFile = certPath('root');
  sigs.forEach(({ byteRange, cms }, i) => {
    const cmsPath = join(dir, `sig-${i}.p7s`);
    const contentPath = join(dir, `sig-${i}.bin`);
    writeFileSync(cmsPath, cms);
    writeFileSync(contentPath, signedBytes(bytes, byteRange));
    const v = runTool('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      cmsPath,
      '-content',
      contentPath,
      '-CAfile',
      caFile,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    expect(v.out, `signature ${i}`).toContain('Verification successful');
  });

  const qpdf = runTool('qpdf', ['--check', file]);
  expect(qpdf.out).toContain('No syntax or stream encoding errors found');
  expect(qpdf.code).toBe(0);
}

function certify(originals: readonly string[], output: string): CopyJson {
  const r = hoso(
    [
      'copy',
      'certify',
      ...originals,
      '-o',
      output,
      '--p12',
      p12Path('officer'),
      '--agency-p12',
      p12Path('agency'),
      '--officer',
      OFFICER,
      '--officer-title',
      OFFICER_TITLE,
      '--agency',
      AGENCY,
      '--place',
      PLACE,
      '--trust',
      certPath('root'),
      ...registry,
      '--json',
    ],
    { env },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as CopyJson;
}

/** The certification statement, read by pdftotext from the copy's last page. */
function expectCertificationStatement(copy: CopyJson): void {
  const lastPage = flat(pdftotext(copy.output, copy.pages));
  const issuedAt = lookup(copy.lookupCode)['issuedAt'] as string;
  expect(lastPage).toContain('CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH');
  expect(lastPage).toMatch(
    new RegExp(
      `Số chứng thực: ${copy.certificationNumber} Quyển số: ${copy.book}/${copy.year}-SCT/BS`,
    ),
  );
  expect(lastPage).toContain(`Quyển số: 01/${copy.year}-SCT/BS`);
  expect(lastPage).toContain(`${PLACE}, ${vietnamDateLine(issuedAt)}`);
  expect(lastPage).toMatch(/ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
  expect(lastPage).toContain(OFFICER_TITLE.toLocaleUpperCase('vi'));
  expect(lastPage).toContain(OFFICER);
  expect(lastPage).toContain(AGENCY);
  expect(lastPage).toContain(`Bản sao này gồm ${copy.pages} trang.`);
  // the lookup code is printed under the QR code, grouped for reading aloud
  const c = copy.lookupCode;
  expect(lastPage).toContain(`${c.slice(0, 6)}-${c.slice(6, 12)}-${c.slice(12)}`);
  // the statement is on the last page only
  for (let p = 1; p < copy.pages; p++)
    expect(pdftotext(copy.output, p)).not.toContain('CHỨNG THỰC BẢN SAO');
}

function expectQrLooksUp(copy: CopyJson, kind: string): void {
  expect(qrOnPage(copy.output, copy.pages)).toBe(copy.lookupUrl);
  const rec = lookup(copy.lookupUrl);
  expect(rec).toMatchObject({ kind, lookupCode: copy.lookupCode, status: 'VALID' });
  const text = hoso(['lookup', copy.lookupUrl, ...registry]);
  expect(text.code, text.stderr).toBe(0);
  expect(text.stdout).toContain(`${copy.lookupCode.slice(0, 6)}-`);
}

describe('hoso copy certify, seen from outside', () => {
  it('a PDF original: pdfsig, openssl, qpdf, the statement in pdftotext, the QR code', () => {
    const copy = certify([join(SAMPLES, 'inputs', 'application-form.pdf')], join(dir, 'pdf.pdf'));
    expect(copy.certificationNumber).toBe(1);
    expectValidFromOutside(copy.output, 2);
    const ps = pdfsig(copy.output, nss);
    expect(ps.signatures.map((s) => s.totalDocument)).toEqual([false, true]);
    expectCertificationStatement(copy);
    expectQrLooksUp(copy, 'certified-copy');
    // the original's own text is still there, on its page
    expect(flat(pdftotext(copy.output, 1)).length).toBeGreaterThan(100);
  });

  it('a three-page JPEG scan: the same, and one page of the copy per scan', () => {
    const scans = [1, 2, 3].map((page) => {
      const path = join(dir, `scan-${page}.jpg`);
      writeFileSync(path, jpegScan({ width: 620, height: 877, dpi: 75, page }));
      return path;
    });
    const copy = certify(scans, join(dir, 'scans.pdf'));
    expect(copy.certificationNumber).toBe(2);
    expect(copy.pages).toBeGreaterThanOrEqual(3);
    const info = runTool('pdfinfo', [copy.output]);
    expect(info.out).toMatch(new RegExp(`Pages:\\s+${copy.pages}\\n`));
    expectValidFromOutside(copy.output, 2);
    expectCertificationStatement(copy);
    expectQrLooksUp(copy, 'certified-copy');
  });
});

describe('hoso copy certify refuses an original encrypted by qpdf', () => {
  it('AES-256 with an empty user password: exit 3, one line, no output, no number used', () => {
    const encrypted = join(dir, 'ma-hoa-aes.pdf');
    const enc = runTool('qpdf', [
      '--encrypt',
      '',
      'owner-secret',
      '256',
      '--',
      join(SAMPLES, 'inputs', 'application-form.pdf'),
      encrypted,
    ]);
    expect(enc.code, enc.out).toBe(0);
    expect(runTool('qpdf', ['--show-encryption', encrypted]).out).toMatch(/R = 6/);
    const listBefore = hoso(['copy', 'list', ...registry, '--json']);
    const out = join(dir, 'khong-duoc.pdf');
    const r = hoso(
      [
        'copy',
        'certify',
        encrypted,
        '-o',
        out,
        '--p12',
        p12Path('officer'),
        '--agency-p12',
        p12Path('agency'),
        '--officer',
        OFFICER,
        '--agency',
        AGENCY,
        '--place',
        PLACE,
        ...registry,
      ],
      { env },
    );
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(() => readFileSync(out)).toThrow();
    expect(hoso(['copy', 'list', ...registry, '--json']).stdout).toBe(listBefore.stdout);
  });
});

describe('hoso copy issue, seen from outside', () => {
  it('a master-register record: pdfsig, openssl, qpdf, the mark in pdftotext, the QR code, the attached original', () => {
    const add = hoso([
      'register',
      'add',
      SIGNED_RECORD,
      '--dossier',
      DOSSIER,
      '--title',
      'Quyết định',
      '--trust',
      certPath('root'),
      ...registry,
      '--json',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const { recordId } = JSON.parse(add.stdout) as { recordId: number };
    const out = join(dir, 'so-goc.pdf');
    const r = hoso(
      [
        'copy',
        'issue',
        String(recordId),
        '-o',
        out,
        '--agency-p12',
        p12Path('agency'),
        '--agency',
        AGENCY,
        '--place',
        PLACE,
        '--trust',
        certPath('root'),
        ...registry,
        '--json',
      ],
      { env },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const copy = JSON.parse(r.stdout) as CopyJson;
    expect(copy.certificationNumber).toBeNull();

    expectValidFromOutside(out, 1);

    const lastPage = flat(pdftotext(out, copy.pages));
    const issuedAt = lookup(copy.lookupCode)['issuedAt'] as string;
    expect(lastPage).toContain('BẢN SAO ĐIỆN TỬ ĐƯỢC CẤP TỪ SỔ GỐC');
    expect(lastPage).toMatch(
      new RegExp(`Số bản ghi trong sổ gốc: ${recordId} — Mã hồ sơ: ${escapeRe(DOSSIER)}`),
    );
    expect(lastPage).toContain('Quyết định');
    expect(lastPage).toContain(`${PLACE}, ${vietnamDateLine(issuedAt)}`);
    expect(lastPage).toContain(AGENCY);
    expect(lastPage).toContain(`Bản sao này gồm ${copy.pages} trang.`);
    expect(lastPage).not.toContain('Số chứng thực');
    expectQrLooksUp(copy, 'register-copy');

    // poppler sees the attachment and gives back the original's bytes, still validly signed
    const list = runTool('pdfdetach', ['-list', out]);
    expect(list.out).toContain('1 embedded files');
    expect(list.out).toContain('1: Quyết định.pdf');
    const extracted = join(dir, 'dinh-kem.pdf');
    const save = runTool('pdfdetach', ['-save', '1', '-o', extracted, out]);
    expect(save.code, save.out).toBe(0);
    expect(readFileSync(extracted).equals(readFileSync(SIGNED_RECORD))).toBe(true);
    const inner = pdfsig(extracted, nss);
    expect(inner.signatures.length).toBeGreaterThanOrEqual(1);
    for (const s of inner.signatures) {
      expect(s.validation, inner.raw).toBe('Signature is Valid.');
      expect(s.certificate, inner.raw).toBe('Certificate is Trusted.');
    }
  });
});
