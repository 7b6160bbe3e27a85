// `hoso print --jobs 2` on a PostgreSQL registry (several machines share one in an office): the
// workers record their conversions through their own connections, each output is registered
// once with its audit entries, and `hoso lookup` of each QR URL finds the conversion. Needs
// HOSO_TEST_PG (fails without it, never skips).
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRINT_FIELDS, type PrintEntry } from '../support/paper-acceptance.js';
import { SAMPLES } from '../support/paths.js';
import { freshPostgresDatabase, type FreshDatabase } from '../support/postgres.js';
import { hoso } from '../support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hoso-pg-print-'));
let db: FreshDatabase;
let results: PrintEntry[];
let code: number;

beforeAll(async () => {
  db = await freshPostgresDatabase();
  const inputs = join(dir, 'ket-qua');
  mkdirSync(inputs);
  // Six inputs, three distinct results twice over under other names: six conversions.
  const sources = [
    join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf'),
    join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf'),
    join(SAMPLES, 'results', 'giay-xac-nhan.pdf'),
  ];
  sources.forEach((s, i) => {
    copyFileSync(s, join(inputs, `kq-${i}a.pdf`));
    copyFileSync(s, join(inputs, `kq-${i}b.pdf`));
  });
  const run = hoso([
    'print',
    inputs,
    '-o',
    join(dir, 'giay'),
    ...PRINT_FIELDS,
    '--registry',
    db.location,
    '--jobs',
    '2',
    '--json',
  ]);
  code = run.code;
  results = (JSON.parse(run.stdout) as { results: PrintEntry[] }).results;
}, 120_000);

afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('hoso print on PostgreSQL', () => {
  it('converts all six with two workers and records each once, with its audit entries', async () => {
    expect(code).toBe(0);
    expect(results).toHaveLength(6);
    for (const r of results) expect(r.error).toBeNull();
    expect(new Set(results.map((r) => r.lookupUrl)).size).toBe(6);
    const client = new pg.Client({ connectionString: db.location });
    await client.connect();
    try {
      const papers = await client.query<{ sha256: string }>(
        `SELECT sha256 FROM documents WHERE kind = 'paper'`,
      );
      const conversions = await client.query(`SELECT 1 FROM conversions`);
      expect(papers.rows).toHaveLength(6);
      expect(conversions.rows).toHaveLength(6);
      const outputs = results.map((r) =>
        createHash('sha256').update(readFileSync(r.output)).digest('hex'),
      );
      expect(papers.rows.map((r) => r.sha256).sort()).toEqual([...outputs].sort());
    } finally {
      await client.end();
    }
    const verify = hoso(['register', 'verify', '--registry', db.location]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  });

  it('hoso lookup finds each conversion by its QR URL', () => {
    for (const r of results) {
      const out = hoso(['lookup', r.lookupUrl!, '--registry', db.location, '--json']);
      expect(out.code, out.stderr).toBe(0);
      const rec = JSON.parse(out.stdout) as { kind: string; sha256: string; verification: string };
      expect(rec.kind).toBe('paper');
      expect(rec.sha256).toBe(createHash('sha256').update(readFileSync(r.output)).digest('hex'));
      expect(rec.verification).toBe(r.verification);
    }
  });
});
