// `hoso print` through the real bin/hoso.js (built dist/): real SQLite registries in temp
// folders, the real test PKI and verifier, the real composer (CLI.md "hoso print"; issue 6,
// items 3 and 4: registry recording, batches, manifest, --resume, exit codes, bad inputs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptedPdf, pageCount, pagelessPdf } from '../../support/copy-fixtures.js';
import type { PrintEntry } from '../../support/paper-acceptance.js';
import { BIN, SAMPLES, TEST_CERTS } from '../../support/paths.js';

const SIGNED = join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf');
const ROOT_CERT = join(TEST_CERTS, 'root.cert.pem');
const SYSTEM = ['--system', 'Hệ thống thông tin giải quyết TTHC tỉnh Thử Nghiệm'];
const OWNER = ['--owner', 'Văn phòng UBND tỉnh Thử Nghiệm'];
const CONVERTER = ['--converter', 'Trần Thị Bình', '--converter-title', 'Công chức một cửa'];
const FIELDS = [...SYSTEM, ...OWNER, ...CONVERTER, '--trust', ROOT_CERT];

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-print-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** The binary in `cwd`, with no configuration from outside (only what the test writes there). */
function hoso(args: readonly string[], cwd: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['HOSO_CONFIG'];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const registry = (dir: string) => ['--registry', `sqlite:${join(dir, 'hoso.db')}`];
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Counts straight from the SQLite file: paper documents, conversions, audit entries. */
function counts(dir: string): { papers: number; conversions: number; audit: number } {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(join(dir, 'hoso.db'), { readonly: true });
  try {
    const one = (q: string) => (db.prepare(q).get() as { n: number }).n;
    return {
      papers: one("SELECT count(*) AS n FROM documents WHERE kind = 'paper'"),
      conversions: one('SELECT count(*) AS n FROM conversions'),
      audit: one('SELECT count(*) AS n FROM audit_log'),
    };
  } finally {
    db.close();
  }
}

function paperShas(dir: string): Set<string> {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(join(dir, 'hoso.db'), { readonly: true });
  try {
    const rows = db.prepare("SELECT sha256 FROM documents WHERE kind = 'paper'").all() as {
      sha256: string;
    }[];
    return new Set(rows.map((r) => r.sha256));
  } finally {
    db.close();
  }
}

describe('hoso print: one signed result', () => {
  let dir: string;
  let run: Run;
  let entry: PrintEntry;
  const out = () => join(dir, 'quyet-dinh.giay.pdf');

  beforeAll(() => {
    dir = tempDir();
    run = hoso(['print', SIGNED, '-o', out(), ...FIELDS, ...registry(dir), '--json'], dir);
    entry = (JSON.parse(run.stdout) as { results: PrintEntry[] }).results[0]!;
  });

  it('writes the paper form: the pages of the original plus the conversion page', async () => {
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(out())).toBe(true);
    const original = await pageCount(readFileSync(SIGNED));
    expect(await pageCount(readFileSync(out()))).toBe(original + 1);
    expect(entry).toMatchObject({
      input: SIGNED,
      output: out(),
      pages: original + 1,
      verification: 'TOTAL_PASSED',
      skipped: false,
      error: null,
    });
    expect(entry.lookupUrl).toMatch(/^http:\/\/127\.0\.0\.1:8080\/.+/);
    expect(entry.lookupUrl).toContain(entry.lookupCode);
    expect(run.stderr).toContain('Đã chuyển đổi 1/1 tệp, 0 lỗi');
    expect(readdirSync(dir).filter((n) => n.startsWith('.hoso-tmp-'))).toEqual([]);
  });

  it('hoso lookup of the URL shows the conversion record: kind paper, converted at', () => {
    const r = hoso(['lookup', entry.lookupUrl!, ...registry(dir), '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const rec = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(rec).toMatchObject({
      lookupCode: entry.lookupCode,
      kind: 'paper',
      sha256: sha256(readFileSync(out())),
      verification: 'TOTAL_PASSED',
      pages: entry.pages,
    });
    expect(typeof rec['convertedAt']).toBe('string');
  });

  it('records one conversion with its audit entries, and the audit chain is intact', () => {
    expect(counts(dir)).toMatchObject({ papers: 1, conversions: 1 });
    const r = hoso(['register', 'verify', ...registry(dir)], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('refuses to replace the output without --force (exit 1, nothing recorded), replaces it with', () => {
    const again = hoso(['print', SIGNED, '-o', out(), ...FIELDS, ...registry(dir), '--json'], dir);
    expect(again.code).toBe(1);
    const e = (JSON.parse(again.stdout) as { results: PrintEntry[] }).results[0]!;
    expect(e.error?.code).toBe('OUTPUT_EXISTS');
    expect(counts(dir).papers).toBe(1);
    const forced = hoso(
      ['print', SIGNED, '-o', out(), ...FIELDS, ...registry(dir), '--force'],
      dir,
    );
    expect(forced.code, forced.stderr).toBe(0);
    expect(counts(dir).papers).toBe(2);
  });
});

describe('hoso print: a folder with bad inputs', () => {
  let dir: string;
  let run: Run;
  let results: PrintEntry[];

  beforeAll(() => {
    dir = tempDir();
    const inputs = join(dir, 'ket-qua');
    mkdirSync(join(inputs, 'khoa'), { recursive: true });
    copyFileSync(SIGNED, join(inputs, 'a-quyet-dinh.pdf'));
    copyFileSync(join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf'), join(inputs, 'b-don.pdf'));
    writeFileSync(join(inputs, 'c-ghi-chu.txt'), 'không phải PDF\n');
    writeFileSync(join(inputs, 'd-ma-hoa.pdf'), encryptedPdf('secret'));
    writeFileSync(join(inputs, 'e-khong-trang.pdf'), pagelessPdf());
    copyFileSync(SIGNED, join(inputs, 'khoa', 'f-quyet-dinh.pdf'));
    // The output folder for khoa/ cannot be made: a file stands where it would be.
    mkdirSync(join(dir, 'giay'));
    writeFileSync(join(dir, 'giay', 'khoa'), 'a file, not a folder');
    run = hoso(
      [
        'print',
        inputs,
        '-o',
        join(dir, 'giay'),
        ...FIELDS,
        ...registry(dir),
        '--jobs',
        '2',
        '--manifest',
        join(dir, 'manifest.csv'),
        '--json',
      ],
      dir,
    );
    results = (JSON.parse(run.stdout) as { results: PrintEntry[] }).results;
  });

  it('converts the good ones, reports the bad ones in input order, and exits 1', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(results.map((r) => [r.input.slice(dir.length + 1), r.error?.code ?? null])).toEqual([
      ['ket-qua/a-quyet-dinh.pdf', null],
      ['ket-qua/b-don.pdf', null],
      ['ket-qua/c-ghi-chu.txt', 'NOT_A_PDF'],
      ['ket-qua/d-ma-hoa.pdf', 'PDF_ENCRYPTED'],
      ['ket-qua/e-khong-trang.pdf', 'PDF_NO_PAGES'],
      ['ket-qua/khoa/f-quyet-dinh.pdf', 'OUTPUT_UNWRITABLE'],
    ]);
    expect(existsSync(join(dir, 'giay', 'a-quyet-dinh.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'giay', 'b-don.pdf'))).toBe(true);
    expect(existsSync(join(dir, 'giay', 'c-ghi-chu.txt.pdf'))).toBe(false);
    expect(run.stderr).toContain('Đã chuyển đổi 2/6 tệp, 4 lỗi');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(counts(dir)).toMatchObject({ papers: 2, conversions: 2 });
    expect(readdirSync(join(dir, 'giay')).filter((n) => n.startsWith('.hoso-tmp-'))).toEqual([]);
  });

  it('writes a complete CSV manifest', () => {
    const csv = readFileSync(join(dir, 'manifest.csv'), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'input,output,lookupCode,lookupUrl,pages,verification,skipped,errorCode,errorMessage',
    );
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain(results[0]!.lookupCode!);
    expect(lines[1]).toContain('TOTAL_PASSED');
    expect(lines[4]).toContain('PDF_ENCRYPTED');
  });

  it('--resume converts nothing new, adds no records, and writes the manifest again (JSON)', () => {
    const before = counts(dir);
    const again = hoso(
      [
        'print',
        join(dir, 'ket-qua'),
        '-o',
        join(dir, 'giay'),
        ...FIELDS,
        ...registry(dir),
        '--resume',
        '--manifest',
        join(dir, 'manifest.json'),
        '--lang',
        'en',
      ],
      dir,
    );
    expect(again.code).toBe(1); // the bad inputs are still bad
    expect(counts(dir)).toEqual(before);
    expect(again.stderr).toContain('Converted 2/6 files, 4 errors (2 done before)');
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      results: PrintEntry[];
    };
    expect(manifest.results).toHaveLength(6);
    expect(manifest.results[0]).toMatchObject({
      skipped: true,
      lookupCode: results[0]!.lookupCode,
      error: null,
    });
  });

  it('--resume redoes an output that exists but is not registered, and removes our staged files', () => {
    const out = join(dir, 'giay', 'b-don.pdf');
    writeFileSync(out, 'left by a killed run, never recorded');
    const stale = join(dir, 'giay', '.hoso-tmp-0123456789ab-a-quyet-dinh.pdf');
    writeFileSync(stale, 'half written');
    const notOurs = join(dir, 'giay', '.hoso-tmp-0123456789ab-someone-else.pdf');
    writeFileSync(notOurs, 'not an output of this batch');
    const before = counts(dir);
    const again = hoso(
      [
        'print',
        join(dir, 'ket-qua'),
        '-o',
        join(dir, 'giay'),
        ...FIELDS,
        ...registry(dir),
        '--resume',
      ],
      dir,
    );
    expect(again.code).toBe(1);
    expect(counts(dir).papers).toBe(before.papers + 1);
    expect(paperShas(dir).has(sha256(readFileSync(out)))).toBe(true);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(notOurs)).toBe(true);
  });
});

describe('hoso print: usage errors before any work', () => {
  it('no system name or owner (neither flag nor config): exit 3, nothing written', () => {
    const dir = tempDir();
    for (const missing of [SYSTEM, OWNER]) {
      const args = [...SYSTEM, ...OWNER, ...CONVERTER].filter((a) => !missing.includes(a));
      const r = hoso(['print', SIGNED, '-o', join(dir, 'out.pdf'), ...args, ...registry(dir)], dir);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(missing === SYSTEM ? /--system/ : /--owner/);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes the system, owner and converter from the configuration file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'hoso.config.json'),
      JSON.stringify({
        system: { name: 'Hệ thống A', owner: 'Sở B', lookupBaseUrl: 'https://tracuu.example.vn' },
        officer: { name: 'Lê Văn C' },
      }),
    );
    const r = hoso(['print', SIGNED, '-o', 'out.pdf', ...registry(dir), '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const e = (JSON.parse(r.stdout) as { results: PrintEntry[] }).results[0]!;
    expect(e.lookupUrl).toMatch(/^https:\/\/tracuu\.example\.vn\//);
  });

  it('no converter, a bad --dossier, --jobs or --manifest, a missing input: exit 3', () => {
    const dir = tempDir();
    const base = ['print', SIGNED, '-o', join(dir, 'out.pdf'), ...registry(dir)];
    expect(hoso([...base, ...SYSTEM, ...OWNER], dir).code).toBe(3);
    expect(hoso([...base, ...FIELDS, '--dossier', 'not-a-code'], dir).code).toBe(3);
    expect(hoso([...base, ...FIELDS, '--jobs', '0'], dir).code).toBe(3);
    expect(hoso([...base, ...FIELDS, '--manifest', join(dir, 'm.txt')], dir).code).toBe(3);
    const missing = hoso(
      ['print', join(dir, 'nope.pdf'), '-o', dir, ...FIELDS, ...registry(dir)],
      dir,
    );
    expect(missing.code).toBe(3);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('hoso print: progress on a terminal only', () => {
  // A real pseudo-terminal from util-linux `script`: stderr is a TTY there, as at the counter.
  function inputsOf(dir: string): string {
    const folder = join(dir, 'ket-qua');
    mkdirSync(folder);
    for (let i = 0; i < 4; i++) copyFileSync(SIGNED, join(folder, `kq-${i}.pdf`));
    return folder;
  }
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

  it('draws the bar (count and rate) on a TTY and nothing of it through a pipe', () => {
    const dir = tempDir();
    const folder = inputsOf(dir);
    const args = (out: string) => [
      'print',
      folder,
      '-o',
      join(dir, out),
      ...FIELDS,
      ...registry(dir),
    ];
    const command = [process.execPath, BIN, ...args('tty')].map(quote).join(' ');
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (tty.error)
      throw new Error(`util-linux script is needed for this test: ${tty.error.message}`);
    expect(tty.status, tty.stdout).toBe(0);
    // The bar redraws its line: carriage return, erase to end of line (ESC [ K), then the bar.
    const redraw = new RegExp(`\r${String.fromCharCode(27)}\\[K\\[#+ *\\] [1-4]/4 [\\d.]+/s`);
    expect(tty.stdout).toMatch(redraw);
    expect(tty.stdout).toContain('Đã chuyển đổi 4/4 tệp, 0 lỗi');

    const piped = hoso(args('pipe'), dir);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('\r');
    expect(piped.stderr).not.toContain('\x1b[');
    expect(piped.stderr).toContain('Đã chuyển đổi 4/4 tệp, 0 lỗi');
  });
});
