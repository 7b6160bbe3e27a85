// `hoso copy certify|issue|list` through the real bin/hoso.js (built dist/): real SQLite
// registries in temp folders, the real test PKI, real signing and verification (CLI.md
// "hoso copy certify", "hoso copy issue", exit codes; LEGAL.md §2). Needs nothing outside Node.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../../src/report/model.js';
import {
  embeddedFiles,
  encryptedPdf,
  jpegScan,
  pageCount,
  pagelessPdf,
  pngScan,
  vietnamYear,
  writeHosoConfig,
} from '../../support/copy-fixtures.js';
import { BIN, SAMPLES, TEST_CERTS, TEST_PASSWORD } from '../../support/paths.js';
import { startTsa } from '../../support/tsa-server.js';

const ORIGINAL = join(SAMPLES, 'inputs', 'application-form.pdf');
const SIGNED_RECORD = join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf');
const ROOT_CERT = join(TEST_CERTS, 'root.cert.pem');
const OFFICER_P12 = join(TEST_CERTS, 'officer.p12');
const AGENCY_P12 = join(TEST_CERTS, 'agency.p12');
const OFFICER = 'Nguyễn Văn An';
const OFFICER_TITLE = 'Công chức tư pháp - hộ tịch';
const AGENCY = 'UBND phường Hoàn Kiếm';
const PLACE = 'Hà Nội';
const DOSSIER = '000.00.12.H29-261125-0007';
const DEFAULT_BASE = 'http://127.0.0.1:8080';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

interface CopyJson {
  readonly copyId: number;
  readonly certificationNumber: number | null;
  readonly book: string | null;
  readonly year: number | null;
  readonly lookupCode: string;
  readonly lookupUrl: string;
  readonly output: string;
  readonly sha256: string;
  readonly pages: number;
  readonly verification: string;
}

interface CertificationRow {
  readonly book: string;
  readonly year: number;
  readonly number: number;
  readonly certifiedAt: string;
  readonly title: string;
  readonly originalSha256: string;
  readonly officerName: string;
  readonly agencyName: string | null;
  readonly copies: number;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-copy-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * The binary's environment: both key passwords set, no configuration from outside (each test
 * runs in its own folder, where only the configuration it writes is found). `undefined` removes
 * a variable.
 */
function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOSO_P12_PASSWORD: TEST_PASSWORD,
    HOSO_AGENCY_P12_PASSWORD: TEST_PASSWORD,
  };
  delete env['HOSO_CONFIG'];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

function hoso(
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Run {
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: childEnv(env),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - start };
}

/** The same without blocking: several processes at once, or a TSA served by this process. */
function hosoAsync(
  args: readonly string[],
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<Run> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - start }),
    );
    child.stdin.end();
  });
}

const registry = (dir: string) => ['--registry', `sqlite:${join(dir, 'hoso.db')}`];

/** `copy certify` with every flag the brief's operator would type; `extra` comes last. */
function certifyArgs(
  dir: string,
  originals: string | readonly string[],
  output: string,
  extra: readonly string[] = [],
): string[] {
  return [
    'copy',
    'certify',
    ...(typeof originals === 'string' ? [originals] : originals),
    '-o',
    output,
    '--p12',
    OFFICER_P12,
    '--agency-p12',
    AGENCY_P12,
    '--officer',
    OFFICER,
    '--officer-title',
    OFFICER_TITLE,
    '--agency',
    AGENCY,
    '--place',
    PLACE,
    '--trust',
    ROOT_CERT,
    ...registry(dir),
    '--json',
    ...extra,
  ];
}

/** Runs a copy command that must succeed and returns its JSON, checked against the file. */
function copyOk(r: Run, warning?: string): CopyJson {
  if (warning === undefined) expect(r.stderr, r.stderr).toBe('');
  else expect(r.stderr).toContain(warning);
  expect(r.code, r.stdout).toBe(0);
  const json = JSON.parse(r.stdout) as CopyJson;
  expect(existsSync(json.output)).toBe(true);
  expect(json.sha256).toBe(sha256(readFileSync(json.output)));
  expect(json.lookupCode).toMatch(/^[0-9A-Z]{18}$/);
  return json;
}

function expectOneLine(r: Run, code: number): string {
  expect(r.code, r.stderr + r.stdout).toBe(code);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^hoso: /);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/); // no stack trace
  return lines[0]!;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function certificateSha256(name: string): string {
  return sha256(new X509Certificate(readFileSync(join(TEST_CERTS, `${name}.cert.pem`))).raw);
}

function listCertifications(dir: string, extra: readonly string[] = []): CertificationRow[] {
  const r = hoso(['copy', 'list', ...registry(dir), '--json', ...extra], dir);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { certifications: CertificationRow[] }).certifications;
}

function expectRegisterIntact(dir: string): void {
  const r = hoso(['register', 'verify', ...registry(dir), '--json'], dir);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ intact: true, firstBrokenEntry: null });
}

function verifyJson(file: string, cwd: string): { code: number; report: VerificationReport } {
  const r = hoso(['verify', file, '--trust', ROOT_CERT, '--json'], cwd);
  return { code: r.code, report: JSON.parse(r.stdout) as VerificationReport };
}

/** Files in `dir` that a failed command could have left: outputs and staged temp files. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((f) => !f.startsWith('hoso.db'));
}

describe('hoso copy certify: a PDF original', () => {
  let dir = '';
  let out = '';
  let first: CopyJson;

  beforeAll(() => {
    dir = tempDir();
    out = join(dir, 'ban-sao-1.pdf');
    first = copyOk(hoso(certifyArgs(dir, ORIGINAL, out), dir));
  });

  it('prints the copy id, number 1 in book 01, the lookup code and URL, the output and its SHA-256', () => {
    const year = vietnamYear(new Date());
    expect(first).toMatchObject({
      certificationNumber: 1,
      book: '01',
      year,
      output: out,
      lookupUrl: `${DEFAULT_BASE}/v/${first.lookupCode}`,
      verification: 'TOTAL_PASSED',
    });
    expect(Number.isInteger(first.copyId) && first.copyId > 0).toBe(true);
    expect(first.pages).toBeGreaterThanOrEqual(1);
    // nothing but the copy and the registry in the folder: no staged temp file left
    expect(leftovers(dir)).toEqual(['ban-sao-1.pdf']);
  });

  it('numbers run on in the book; another book starts at 1', () => {
    const second = copyOk(hoso(certifyArgs(dir, ORIGINAL, join(dir, 'ban-sao-2.pdf')), dir));
    expect(second.certificationNumber).toBe(2);
    expect(second.book).toBe('01');
    expect(second.lookupCode).not.toBe(first.lookupCode);
    expect(second.copyId).not.toBe(first.copyId);
    const book2 = copyOk(
      hoso(certifyArgs(dir, ORIGINAL, join(dir, 'quyen-2.pdf'), ['--book', '02']), dir),
    );
    expect(book2).toMatchObject({ certificationNumber: 1, book: '02' });
    const third = copyOk(hoso(certifyArgs(dir, ORIGINAL, join(dir, 'ban-sao-3.pdf')), dir));
    expect(third).toMatchObject({ certificationNumber: 3, book: '01' });
  });

  it('hoso verify: two signatures, both TOTAL_PASSED — the officer certifies (level 2), the agency approves', () => {
    const { code, report } = verifyJson(out, dir);
    expect(code).toBe(0);
    const file = report.files[0]!;
    expect(file.indication).toBe('TOTAL_PASSED');
    expect(file.sha256).toBe(first.sha256);
    expect(file.signatures).toHaveLength(2);
    const [officer, agency] = file.signatures;
    expect(officer!.indication).toBe('TOTAL_PASSED');
    expect(agency!.indication).toBe('TOTAL_PASSED');
    expect(officer!.certificationLevel).toBe(2);
    expect(agency!.certificationLevel ?? null).toBeNull();
    expect(officer!.signer.certificateSha256).toBe(certificateSha256('officer'));
    expect(agency!.signer.certificateSha256).toBe(certificateSha256('agency'));
    // the agency's signature covers the whole file; the officer's its own revision
    expect(agency!.coverage).toBe('ENTIRE_FILE');
    expect(officer!.checks.find((c) => c.id === 'pdf.modifications.docmdp')?.status).toBe('PASSED');
  });

  it('hoso lookup: the code and the QR URL show the certified copy with its number and book', () => {
    const r = hoso(['lookup', first.lookupCode, ...registry(dir), '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(rec).toMatchObject({
      lookupCode: first.lookupCode,
      kind: 'certified-copy',
      certification: { number: 1, book: '01', year: first.year },
      sha256: first.sha256,
      verification: 'TOTAL_PASSED',
      agency: { name: AGENCY },
      lookupUrl: first.lookupUrl,
    });
    const byUrl = hoso(['lookup', first.lookupUrl, ...registry(dir), '--json'], dir);
    expect(byUrl.code).toBe(0);
    expect(JSON.parse(byUrl.stdout)).toMatchObject({ lookupCode: first.lookupCode });
  });

  it('hoso copy list: the register of copies, per book and year; the audit chain is intact', () => {
    const year = first.year!;
    const rows = listCertifications(dir);
    expect(rows.map((r) => [r.book, r.number, r.agencyName])).toEqual([
      ['01', 1, AGENCY],
      ['01', 2, AGENCY],
      ['01', 3, AGENCY],
      ['02', 1, AGENCY],
    ]);
    const one = rows[0]!;
    expect(one).toMatchObject({
      year,
      title: 'application-form.pdf',
      originalSha256: sha256(readFileSync(ORIGINAL)),
      officerName: OFFICER,
      copies: 1,
    });
    expect(listCertifications(dir, ['--book', '02']).map((r) => r.number)).toEqual([1]);
    expect(listCertifications(dir, ['--year', String(year)])).toHaveLength(4);
    expect(listCertifications(dir, ['--year', String(year + 1)])).toEqual([]);
    const text = hoso(['copy', 'list', ...registry(dir)], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`01/${year}-SCT/BS`);
    expect(text.stdout).toContain(`02/${year}-SCT/BS`);
    expect(text.stdout).toContain('Tổng: 4 số chứng thực');
    expectRegisterIntact(dir);
  });

  it('prints in words, Vietnamese by default and English with --lang en', () => {
    const args = certifyArgs(dir, ORIGINAL, join(dir, 'vi.pdf')).filter((a) => a !== '--json');
    const vi = hoso(args, dir);
    expect(vi.code, vi.stderr).toBe(0);
    expect(vi.stderr).toBe('');
    const year = first.year!;
    expect(vi.stdout).toMatch(new RegExp(`Số chứng thực:\\s+4\\s+Quyển số: 01/${year}-SCT/BS`));
    const en = hoso(
      ['--lang', 'en', ...certifyArgs(dir, ORIGINAL, join(dir, 'en.pdf'))].filter(
        (a) => a !== '--json',
      ),
      dir,
    );
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain(`Certified copy written: ${join(dir, 'en.pdf')}`);
    expect(en.stdout).toMatch(new RegExp(`Certification number:\\s+5\\s+Book: 01/${year}-SCT/BS`));
    const url = /Lookup URL:\s+(\S+)/.exec(en.stdout)?.[1];
    expect(url).toMatch(new RegExp(`^${DEFAULT_BASE}/v/[0-9A-Z]{18}$`));
    expect(en.stdout).toContain(`SHA-256:`);
    expect(en.stdout).toContain(sha256(readFileSync(join(dir, 'en.pdf'))));
    // the URL printed is the one recorded
    const r = hoso(['lookup', url!, ...registry(dir), '--json'], dir);
    expect(JSON.parse(r.stdout)).toMatchObject({ certification: { number: 5, book: '01' } });
  });
});

describe('hoso copy certify: scans of a paper original', () => {
  it('three JPEG scans (JFIF 75 dpi, A4) become one copy of at least three pages, each scan embedded as it is', async () => {
    const dir = tempDir();
    const scans = [1, 2, 3].map((page) => {
      const path = join(dir, `trang-${page}.jpg`);
      writeFileSync(path, jpegScan({ width: 620, height: 877, dpi: 75, page }));
      return path;
    });
    const out = join(dir, 'ban-sao-anh.pdf');
    const copy = copyOk(hoso(certifyArgs(dir, scans, out), dir));
    expect(copy.certificationNumber).toBe(1);
    const bytes = readFileSync(out);
    const pages = await pageCount(bytes);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(copy.pages).toBe(pages);
    // JPEG goes into the PDF byte for byte (DCTDecode): no recompression of the capture
    for (const scan of scans) expect(bytes.includes(readFileSync(scan))).toBe(true);
    const { code, report } = verifyJson(out, dir);
    expect(code).toBe(0);
    expect(report.files[0]!.signatures.map((s) => s.indication)).toEqual([
      'TOTAL_PASSED',
      'TOTAL_PASSED',
    ]);
    // the register keeps the fingerprint of the scans in order
    const [row] = listCertifications(dir);
    expect(row).toMatchObject({ number: 1, title: 'trang-1.jpg' });
    expect(row!.originalSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a PNG scan with a pHYs resolution is certified too', async () => {
    const dir = tempDir();
    const scan = join(dir, 'giay-khai-sinh.png');
    writeFileSync(scan, pngScan({ width: 620, height: 877, dpi: 75 }));
    const out = join(dir, 'ban-sao-png.pdf');
    const copy = copyOk(hoso(certifyArgs(dir, scan, out), dir));
    expect(copy).toMatchObject({ certificationNumber: 1, verification: 'TOTAL_PASSED' });
    expect(await pageCount(readFileSync(out))).toBe(copy.pages);
  });
});

describe('hoso copy certify: numbering under concurrency', () => {
  it('4 processes certifying 50 copies of one original get 50 distinct consecutive numbers, 1..50', async () => {
    const dir = tempDir();
    const outDir = join(dir, 'out');
    mkdirSync(outDir);
    // no registry yet: the four processes also race to create it
    const shares = [13, 13, 12, 12];
    const start = Date.now();
    const results = await Promise.all(
      shares.map(async (count, worker) => {
        const mine: { run: Run; output: string }[] = [];
        for (let i = 0; i < count; i++) {
          const output = join(outDir, `w${worker}-${String(i).padStart(2, '0')}.pdf`);
          mine.push({ run: await hosoAsync(certifyArgs(dir, ORIGINAL, output), dir), output });
        }
        return mine;
      }),
    );
    const elapsed = Date.now() - start;
    const runs = results.flat();
    expect(runs).toHaveLength(50);
    const numbers: number[] = [];
    const codes = new Set<string>();
    for (const { run, output } of runs) {
      expect(run.code, run.stderr).toBe(0);
      const json = JSON.parse(run.stdout) as CopyJson;
      expect(json.output).toBe(output);
      expect(json.book).toBe('01');
      expect(sha256(readFileSync(output))).toBe(json.sha256);
      numbers.push(json.certificationNumber!);
      codes.add(json.lookupCode);
    }
    const expected = Array.from({ length: 50 }, (_, i) => i + 1);
    expect([...numbers].sort((a, b) => a - b)).toEqual(expected);
    expect(codes.size).toBe(50);
    // read back from the register
    const rows = listCertifications(dir, ['--book', '01']);
    expect(rows.map((r) => r.number)).toEqual(expected);
    expect(rows.every((r) => r.copies === 1)).toBe(true);
    // every output, and nothing else (no staged temp files)
    expect(readdirSync(outDir).sort()).toEqual(
      runs.map((r) => r.output.slice(outDir.length + 1)).sort(),
    );
    expectRegisterIntact(dir);
    console.log(`copy-cli: 50 certified copies by 4 processes in ${elapsed} ms`);
  }, 180_000);
});

describe('hoso copy certify: a copy that fails uses no number', () => {
  let dir = '';
  let outDir = '';
  beforeAll(() => {
    dir = tempDir();
    outDir = join(dir, 'out');
    mkdirSync(outDir);
    copyOk(hoso(certifyArgs(dir, ORIGINAL, join(outDir, 'dau-tien.pdf')), dir));
  });

  it('a wrong officer password: exit 3, no output, no temp file, and the next copy takes number 2', () => {
    const failed = join(outDir, 'sai-mat-khau.pdf');
    const r = hoso(certifyArgs(dir, ORIGINAL, failed), dir, { HOSO_P12_PASSWORD: 'wrong' });
    expectOneLine(r, 3);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'P12_BAD_PASSWORD' } });
    expect(existsSync(failed)).toBe(false);
    expect(readdirSync(outDir)).toEqual(['dau-tien.pdf']);
    // the agency's password too
    const agency = hoso(certifyArgs(dir, ORIGINAL, failed), dir, {
      HOSO_AGENCY_P12_PASSWORD: 'wrong',
    });
    expectOneLine(agency, 3);
    expect(existsSync(failed)).toBe(false);
    const next = copyOk(hoso(certifyArgs(dir, ORIGINAL, join(outDir, 'tiep-theo.pdf')), dir));
    expect(next.certificationNumber).toBe(2);
    expect(listCertifications(dir).map((r) => r.number)).toEqual([1, 2]);
  });

  it('a TSA that does not answer (failure inside the transaction): exit 4, no output, no record, no number', () => {
    const before = listCertifications(dir);
    const failed = join(outDir, 'tsa-hong.pdf');
    const r = hoso(certifyArgs(dir, ORIGINAL, failed, ['--tsa', 'http://127.0.0.1:1/']), dir);
    expectOneLine(r, 4);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'TSA_FAILED' } });
    expect(existsSync(failed)).toBe(false);
    expect(readdirSync(outDir).sort()).toEqual(['dau-tien.pdf', 'tiep-theo.pdf']);
    expect(listCertifications(dir)).toEqual(before);
    const next = copyOk(hoso(certifyArgs(dir, ORIGINAL, join(outDir, 'sau-tsa.pdf')), dir));
    expect(next.certificationNumber).toBe(before.length + 1);
    expectRegisterIntact(dir);
  });

  it('with a working TSA both signatures carry a valid timestamp (PAdES B-T)', async () => {
    const tsa = await startTsa();
    try {
      const out = join(outDir, 'co-dau-thoi-gian.pdf');
      const r = await hosoAsync(certifyArgs(dir, ORIGINAL, out, ['--tsa', tsa.url]), dir);
      const copy = copyOk(r);
      expect(copy.verification).toBe('TOTAL_PASSED');
      // two signatures, each asking the TSA at least once (the signer also asks once ahead
      // to learn the token's size)
      expect(tsa.requests()).toBeGreaterThanOrEqual(2);
      const v = await hosoAsync(['verify', out, '--trust', ROOT_CERT, '--json'], dir);
      const report = JSON.parse(v.stdout) as VerificationReport;
      for (const s of report.files[0]!.signatures) {
        expect(s.indication).toBe('TOTAL_PASSED');
        expect(s.timestamp?.valid).toBe(true);
      }
    } finally {
      await tsa.close();
    }
  });

  it('an output folder that does not exist: exit 3, no number', () => {
    const before = listCertifications(dir);
    const r = hoso(certifyArgs(dir, ORIGINAL, join(dir, 'khong-co', 'ban-sao.pdf')), dir);
    expectOneLine(r, 3);
    expect(existsSync(join(dir, 'khong-co'))).toBe(false);
    expect(listCertifications(dir)).toEqual(before);
  });
});

describe('hoso copy certify: refused before anything is written', () => {
  let dir = '';
  let outDir = '';
  const inputs: Record<string, string> = {};
  beforeAll(() => {
    dir = tempDir();
    outDir = join(dir, 'out');
    mkdirSync(outDir);
    const write = (name: string, bytes: Uint8Array | string) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      inputs[name] = p;
    };
    write('rac.jpg', 'not an image: a scanner error page saved as .jpg\n'.repeat(20));
    write('cut-cut.jpg', jpegScan({ width: 300, height: 400, dpi: 75 }).subarray(0, 2000));
    write('khong-trang.pdf', pagelessPdf());
    write('ma-hoa.pdf', encryptedPdf('Encrypted original'));
    write('mau-hong.json', '{ "texts": { "certifyHeading": "CHỨNG THỰC" ');
    write('mau-la.json', JSON.stringify({ texts: { heading: 'X' } }));
    write(
      'mau-thieu-so.json',
      JSON.stringify({ texts: { certifyNumberLine: 'Quyển số: {book}/{year}-SCT/BS' } }),
    );
    copyOk(hoso(certifyArgs(dir, ORIGINAL, join(dir, 'so-1.pdf')), dir));
  });

  /** Removes `flag` and its value from the full command line. */
  const without = (args: string[], ...flags: string[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (flags.includes(args[i]!)) i++;
      else out.push(args[i]!);
    }
    return out;
  };
  const target = () => join(outDir, 'ban-sao.pdf');

  const cases: {
    name: string;
    args: () => string[];
    code: number;
    error?: string;
    env?: Record<string, string | undefined>;
  }[] = [
    {
      name: 'an unreadable image (garbage bytes named .jpg)',
      args: () => certifyArgs(dir, inputs['rac.jpg']!, target()),
      code: 3,
      error: 'IMAGE_UNSUPPORTED',
    },
    {
      name: 'a truncated JPEG',
      args: () => certifyArgs(dir, inputs['cut-cut.jpg']!, target()),
      code: 3,
      error: 'IMAGE_MALFORMED',
    },
    {
      name: 'a PDF with no pages',
      args: () => certifyArgs(dir, inputs['khong-trang.pdf']!, target()),
      code: 3,
      error: 'PDF_NO_PAGES',
    },
    {
      name: 'an encrypted PDF (RC4, empty user password)',
      args: () => certifyArgs(dir, inputs['ma-hoa.pdf']!, target()),
      code: 3,
      error: 'PDF_ENCRYPTED',
    },
    {
      name: 'an original that does not exist',
      args: () => certifyArgs(dir, join(dir, 'khong-co.pdf'), target()),
      code: 3,
      error: 'FILE_NOT_FOUND',
    },
    {
      name: 'a PDF and a scan mixed',
      args: () => certifyArgs(dir, [ORIGINAL, join(SAMPLES, 'inputs', 'id-card.jpg')], target()),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'no officer (no flag, no configuration)',
      args: () => without(certifyArgs(dir, ORIGINAL, target()), '--officer'),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'no agency',
      args: () => without(certifyArgs(dir, ORIGINAL, target()), '--agency'),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'no place',
      args: () => without(certifyArgs(dir, ORIGINAL, target()), '--place'),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'no -o',
      args: () => without(certifyArgs(dir, ORIGINAL, target()), '-o'),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'no --agency-p12',
      args: () => without(certifyArgs(dir, ORIGINAL, target()), '--agency-p12'),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'no --p12 (the officer key)',
      args: () => without(certifyArgs(dir, ORIGINAL, target()), '--p12'),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'no agency key password in the environment',
      args: () => certifyArgs(dir, ORIGINAL, target()),
      env: { HOSO_AGENCY_P12_PASSWORD: undefined },
      code: 3,
      error: 'PASSWORD_MISSING',
    },
    {
      name: 'a template that is not JSON',
      args: () => certifyArgs(dir, ORIGINAL, target(), ['--template', inputs['mau-hong.json']!]),
      code: 3,
      error: 'TEMPLATE_INVALID',
    },
    {
      name: 'a template with an unknown key',
      args: () => certifyArgs(dir, ORIGINAL, target(), ['--template', inputs['mau-la.json']!]),
      code: 3,
      error: 'TEMPLATE_INVALID',
    },
    {
      name: 'a template whose number line drops {number}',
      args: () =>
        certifyArgs(dir, ORIGINAL, target(), ['--template', inputs['mau-thieu-so.json']!]),
      code: 3,
      error: 'TEMPLATE_INVALID',
    },
    {
      name: 'an invalid book',
      args: () => certifyArgs(dir, ORIGINAL, target(), ['--book', '01/2026']),
      code: 3,
      error: 'USAGE',
    },
    {
      name: 'an invalid dossier code',
      args: () => certifyArgs(dir, ORIGINAL, target(), ['--dossier', '000.00.12.H29-2611-1']),
      code: 3,
    },
    {
      name: 'a --tsa that is not an http(s) URL',
      args: () => certifyArgs(dir, ORIGINAL, target(), ['--tsa', 'ftp://tsa.example']),
      code: 3,
      error: 'USAGE',
    },
  ];

  for (const c of cases) {
    it(`${c.name}: exit ${c.code}, one line on stderr, nothing written, no number`, () => {
      const r = hoso(c.args(), dir, c.env ?? {});
      expectOneLine(r, c.code);
      if (c.error) expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: c.error } });
      expect(readdirSync(outDir)).toEqual([]);
      expect(listCertifications(dir).map((x) => x.number)).toEqual([1]);
    });
  }

  it('an existing output without --force: exit 3, the file unchanged; with --force it is replaced', () => {
    const existing = join(outDir, 'da-co.pdf');
    writeFileSync(existing, 'a file someone needs');
    const r = hoso(certifyArgs(dir, ORIGINAL, existing), dir);
    expectOneLine(r, 3);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'OUTPUT_EXISTS' } });
    expect(readFileSync(existing, 'utf8')).toBe('a file someone needs');
    expect(listCertifications(dir).map((x) => x.number)).toEqual([1]);
    // after all those refusals the next copy is number 2: none was used
    const forced = copyOk(hoso(certifyArgs(dir, ORIGINAL, existing, ['--force']), dir));
    expect(forced.certificationNumber).toBe(2);
    expect(readdirSync(outDir)).toEqual(['da-co.pdf']);
    expectRegisterIntact(dir);
  });
});

describe('hoso copy certify: the configuration file', () => {
  it('gives the officer, agency, place and lookup base URL; flags override it', () => {
    const dir = tempDir();
    writeHosoConfig(dir, {
      system: {
        name: 'Hệ thống thông tin giải quyết TTHC',
        lookupBaseUrl: 'https://tracuu.example.gov.vn',
      },
      agency: { code: 'H29.12', name: AGENCY, place: PLACE },
      officer: { name: OFFICER, title: OFFICER_TITLE },
      registry: 'sqlite:./so-chung-thuc.db',
    });
    const base = [
      'copy',
      'certify',
      ORIGINAL,
      '--p12',
      OFFICER_P12,
      '--agency-p12',
      AGENCY_P12,
      '--trust',
      ROOT_CERT,
      '--json',
    ];
    const fromConfig = copyOk(hoso([...base, '-o', join(dir, 'a.pdf')], dir));
    expect(fromConfig).toMatchObject({ certificationNumber: 1, book: '01' });
    expect(fromConfig.lookupUrl).toBe(`https://tracuu.example.gov.vn/v/${fromConfig.lookupCode}`);
    expect(existsSync(join(dir, 'so-chung-thuc.db'))).toBe(true);
    // Another officer named than the key's holder: certified, with a warning saying so.
    const overridden = copyOk(
      hoso([...base, '-o', join(dir, 'b.pdf'), '--officer', 'Trần Văn Bình'], dir),
      'khóa --p12 là của "Nguyễn Văn An"',
    );
    expect(overridden.certificationNumber).toBe(2);
    const rows = listCertifications(dir, ['--registry', 'sqlite:./so-chung-thuc.db']);
    expect(rows.map((r) => [r.number, r.officerName, r.agencyName])).toEqual([
      [1, OFFICER, AGENCY],
      [2, 'Trần Văn Bình', AGENCY],
    ]);
    const look = hoso(
      ['lookup', fromConfig.lookupUrl, '--registry', 'sqlite:./so-chung-thuc.db', '--json'],
      dir,
    );
    expect(JSON.parse(look.stdout)).toMatchObject({
      agency: { code: 'H29.12', name: AGENCY },
      system: { name: 'Hệ thống thông tin giải quyết TTHC' },
    });
  });
});

describe('hoso copy issue: a copy from the master register', () => {
  let dir = '';
  let recordId = 0;
  beforeAll(() => {
    dir = tempDir();
    const add = hoso(
      [
        'register',
        'add',
        SIGNED_RECORD,
        '--dossier',
        DOSSIER,
        '--title',
        'Quyết định',
        '--trust',
        ROOT_CERT,
        ...registry(dir),
        '--json',
      ],
      dir,
    );
    expect(add.code, add.stderr).toBe(0);
    recordId = (JSON.parse(add.stdout) as { recordId: number }).recordId;
    expect(recordId).toBeGreaterThan(0);
  });

  const issueArgs = (record: string, output: string, extra: readonly string[] = []) => [
    'copy',
    'issue',
    record,
    '-o',
    output,
    '--agency-p12',
    AGENCY_P12,
    '--agency',
    AGENCY,
    '--place',
    PLACE,
    '--trust',
    ROOT_CERT,
    ...registry(dir),
    '--json',
    ...extra,
  ];

  it('is signed by the agency, carries no certification number, and attaches the signed original', async () => {
    const out = join(dir, 'ban-sao-so-goc.pdf');
    const copy = copyOk(hoso(issueArgs(String(recordId), out), dir));
    expect(copy).toMatchObject({
      certificationNumber: null,
      book: null,
      output: out,
      lookupUrl: `${DEFAULT_BASE}/v/${copy.lookupCode}`,
      verification: 'TOTAL_PASSED',
    });
    const bytes = readFileSync(out);
    expect(bytes.includes('/EmbeddedFiles')).toBe(true);
    const original = readFileSync(SIGNED_RECORD);
    const attached = await embeddedFiles(bytes);
    expect(attached).toHaveLength(1);
    expect(attached[0]!.name).toBe('Quyết định.pdf');
    expect(attached[0]!.bytes.equals(original)).toBe(true);
    expect(attached[0]!.size).toBe(original.length);
    expect(attached[0]!.checksum).toBe(createHash('md5').update(original).digest('hex'));
    expect(attached[0]!.relationship).toBe('Source');
    expect(attached[0]!.subtype).toBe('application/pdf');

    const { code, report } = verifyJson(out, dir);
    expect(code).toBe(0);
    const sigs = report.files[0]!.signatures;
    expect(sigs).toHaveLength(1); // the original's signatures are inside the attachment only
    expect(sigs[0]!.indication).toBe('TOTAL_PASSED');
    expect(sigs[0]!.signer.certificateSha256).toBe(certificateSha256('agency'));
    // and the attachment, taken out, still verifies as the original did
    const extracted = join(dir, 'dinh-kem.pdf');
    writeFileSync(extracted, attached[0]!.bytes);
    const inner = verifyJson(extracted, dir);
    expect(inner.code).toBe(0);
    expect(inner.report.files[0]!.indication).toBe('TOTAL_PASSED');
  });

  it('hoso lookup shows the register copy; the register of certifications stays empty', () => {
    const out = join(dir, 'ban-sao-2.pdf');
    const copy = copyOk(hoso(issueArgs(String(recordId), out), dir));
    const r = hoso(['lookup', copy.lookupUrl, ...registry(dir), '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      kind: 'register-copy',
      title: 'Quyết định',
      dossierCode: DOSSIER,
      certification: null,
      sha256: copy.sha256,
      agency: { name: AGENCY },
    });
    expect(listCertifications(dir)).toEqual([]);
    expectRegisterIntact(dir);
  });

  it('--lang en names the copy from the master register and its lookup URL', () => {
    const out = join(dir, 'en.pdf');
    const r = hoso(
      ['--lang', 'en', ...issueArgs(String(recordId), out)].filter((a) => a !== '--json'),
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`Copy from the master register written: ${out}`);
    expect(r.stdout).toMatch(new RegExp(`Lookup URL:\\s+${DEFAULT_BASE}/v/[0-9A-Z]{18}`));
    expect(r.stdout).not.toContain('Certification number');
  });

  it('an unknown record, a record that is no number, no --agency-p12: exit 3, nothing written', () => {
    const out = join(dir, 'khong-co.pdf');
    const unknown = hoso(issueArgs('999', out), dir);
    expectOneLine(unknown, 3);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'RECORD_NOT_FOUND' } });
    expectOneLine(hoso(issueArgs('abc', out), dir), 3);
    const args = issueArgs(String(recordId), out);
    const i = args.indexOf('--agency-p12');
    args.splice(i, 2);
    expectOneLine(hoso(args, dir), 3);
    expectOneLine(
      hoso(issueArgs(String(recordId), out), dir, { HOSO_AGENCY_P12_PASSWORD: 'wrong' }),
      3,
    );
    expect(existsSync(out)).toBe(false);
    expect(leftovers(dir).filter((f) => f.startsWith('.hoso-tmp'))).toEqual([]);
  });
});

describe('hoso copy certify: what one copy does not take from another', () => {
  it("another agency's book 01 starts at 1, and the register of copies keeps the agencies apart", () => {
    const dir = tempDir();
    const mine = copyOk(hoso(certifyArgs(dir, ORIGINAL, join(dir, 'hoan-kiem.pdf')), dir));
    const other = copyOk(
      hoso(
        certifyArgs(dir, ORIGINAL, join(dir, 'hang-bac.pdf'), ['--agency', 'UBND phường Hàng Bạc']),
        dir,
      ),
    );
    // numbers run per agency, book and year (LEGAL.md §2)
    expect(mine).toMatchObject({ certificationNumber: 1, book: '01' });
    expect(other).toMatchObject({ certificationNumber: 1, book: '01' });
    // two certifications by two agencies, one copy each — not one number with two copies
    const rows = listCertifications(dir);
    expect(
      rows
        .map((r) => [r.number, r.agencyName, r.copies])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
    ).toEqual([
      [1, 'UBND phường Hàng Bạc', 1],
      [1, AGENCY, 1],
    ]);
  });

  it('two commands racing for one output name: one copy, one number; the other exits 3 and records nothing', async () => {
    const raceDir = tempDir();
    const out = join(raceDir, 'cung-ten.pdf');
    const runs = await Promise.all([
      hosoAsync(certifyArgs(raceDir, ORIGINAL, out), raceDir),
      hosoAsync(certifyArgs(raceDir, ORIGINAL, out), raceDir),
    ]);
    const won = runs.filter((r) => r.code === 0);
    const lost = runs.filter((r) => r.code !== 0);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expectOneLine(lost[0]!, 3);
    const copy = JSON.parse(won[0]!.stdout) as CopyJson;
    expect(sha256(readFileSync(out))).toBe(copy.sha256);
    // the loser's number and record must not exist: a lookup code of a copy nobody received
    expect(listCertifications(raceDir).map((r) => r.number)).toEqual([1]);
    expect(leftovers(raceDir)).toEqual(['cung-ten.pdf']);
  });
});
