// Issue 6's batch acceptance for `hoso print`, through the real binary and a real SQLite
// registry: 500 one-page signed results with --jobs 2 give 500 outputs, 500 records and a
// complete manifest; a run killed with SIGKILL half-way, then --resume, ends with 500 outputs,
// exactly 500 paper records (no duplicates), every output's SHA-256 registered, and no staged
// file left behind.
//
// The 500 results are all different (each says its own number), made with pdf-lib and signed in
// this process with the officer's test key: one key read, 500 signatures, a few seconds.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemeFor } from '../../src/cms/index.js';
import { readPkcs12 } from '../../src/cms/pkcs12/index.js';
import { BufferSource, defaultContext } from '../../src/kernel/index.js';
import { signPdf } from '../../src/sign/index.js';
import { PRINT_FIELDS } from '../support/paper-acceptance.js';
import { BIN, TEST_CERTS, TEST_PASSWORD } from '../support/paths.js';

const COUNT = 500;

let dir: string;
const inputs = () => join(dir, 'ket-qua');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hoso-print-batch-'));
  mkdirSync(inputs());
  const p12 = readPkcs12(
    new Uint8Array(readFileSync(join(TEST_CERTS, 'officer.p12'))),
    TEST_PASSWORD,
  );
  const key = { privateKey: p12.privateKey, certificate: p12.certificate, chain: p12.chain };
  const scheme = schemeFor(key.privateKey, false);
  const ctx = defaultContext();
  for (let i = 1; i <= COUNT; i++) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.TimesRoman);
    doc
      .addPage([595, 842])
      .drawText(`Quyet dinh so ${i}/QD-UBND`, { x: 72, y: 760, size: 14, font });
    const bytes = await doc.save({ useObjectStreams: false });
    const signed = await signPdf(new BufferSource(bytes), { key, scheme, digest: 'sha256' }, ctx);
    writeFileSync(
      join(inputs(), `kq-${String(i).padStart(4, '0')}.pdf`),
      Buffer.concat([bytes, signed.update]),
    );
  }
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function args(out: string, db: string, extra: readonly string[] = []): string[] {
  return [
    'print',
    inputs(),
    '-o',
    out,
    ...PRINT_FIELDS,
    '--registry',
    `sqlite:${db}`,
    '--jobs',
    '2',
    ...extra,
  ];
}

function hoso(argv: readonly string[]): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['HOSO_CONFIG'];
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 280_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function papers(db: string): { count: number; conversions: number; shas: Set<string> } {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  const sqlite = new Database(db, { readonly: true });
  try {
    const rows = sqlite.prepare("SELECT sha256 FROM documents WHERE kind = 'paper'").all() as {
      sha256: string;
    }[];
    const conversions = (
      sqlite.prepare('SELECT count(*) AS n FROM conversions').get() as { n: number }
    ).n;
    return { count: rows.length, conversions, shas: new Set(rows.map((r) => r.sha256)) };
  } finally {
    sqlite.close();
  }
}

const outputsIn = (folder: string) => readdirSync(folder).filter((n) => /^kq-\d{4}\.pdf$/.test(n));
const staged = (folder: string) => readdirSync(folder).filter((n) => n.startsWith('.hoso-tmp-'));
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

function expectAllRegistered(folder: string, db: string): void {
  const { count, conversions, shas } = papers(db);
  expect(count).toBe(COUNT);
  expect(conversions).toBe(COUNT);
  expect(shas.size).toBe(COUNT);
  const outputs = outputsIn(folder);
  expect(outputs).toHaveLength(COUNT);
  for (const name of outputs) expect(shas.has(sha256(join(folder, name))), name).toBe(true);
  expect(staged(folder)).toEqual([]);
}

describe(`hoso print: ${COUNT} results with --jobs 2`, () => {
  it('converts them all: 500 outputs, 500 records, a complete manifest, exit 0', () => {
    const out = join(dir, 'giay');
    const db = join(dir, 'hoso.db');
    const t0 = Date.now();
    const r = hoso(args(out, db, ['--manifest', join(dir, 'manifest.csv')]));
    const seconds = (Date.now() - t0) / 1000;
    console.log(`print-batch: ${COUNT} results in ${seconds.toFixed(1)} s with --jobs 2`);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Đã chuyển đổi ${COUNT}/${COUNT} tệp, 0 lỗi`);
    expectAllRegistered(out, db);
    const lines = readFileSync(join(dir, 'manifest.csv'), 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(COUNT + 1);
    for (const line of lines.slice(1)) expect(line).toMatch(/,2,TOTAL_PASSED,false,,$/);
    const reg = hoso(['register', 'verify', '--registry', `sqlite:${db}`]);
    expect(reg.code, reg.stdout + reg.stderr).toBe(0);
  });

  it('killed with SIGKILL half-way, --resume completes with no duplicate record and no staged file', async () => {
    const out = join(dir, 'giay-2');
    const db = join(dir, 'hoso-2.db');
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env['HOSO_CONFIG'];
    const child = spawn(process.execPath, [BIN, ...args(out, db)], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const deadline = Date.now() + 240_000;
    for (;;) {
      let n = 0;
      try {
        n = outputsIn(out).length;
      } catch {
        /* the folder is not there yet */
      }
      if (n >= COUNT / 2) break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`only ${n} outputs`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const before = papers(db).count;
    const left = outputsIn(out).length;
    console.log(`print-batch: killed with ${left} outputs and ${before} records`);
    expect(left).toBeLessThan(COUNT);

    const r = hoso(args(out, db, ['--resume', '--manifest', join(dir, 'manifest-2.json')]));
    expect(r.code, r.stderr).toBe(0);
    expectAllRegistered(out, db);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest-2.json'), 'utf8')) as {
      results: { skipped: boolean; error: unknown; lookupCode: string }[];
    };
    expect(manifest.results).toHaveLength(COUNT);
    expect(manifest.results.every((e) => e.error === null && e.lookupCode)).toBe(true);
    // every record committed before the kill has its output in place: those are skipped, all of them
    expect(manifest.results.filter((e) => e.skipped).length).toBe(before);
    const reg = hoso(['register', 'verify', '--registry', `sqlite:${db}`]);
    expect(reg.code, reg.stdout + reg.stderr).toBe(0);
  });
});
