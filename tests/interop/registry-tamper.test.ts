// Tampering with a registry through the engines' own clients, sqlite3 and psql, as an operator
// with access to the database could: `hoso register verify` must name the audit entry that
// recorded the changed row (exit 1) and pass an untouched copy (exit 0). Fails, never skips,
// without sqlite3, psql or HOSO_TEST_PG.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireTool, runTool } from '../support/external-tools.js';
import {
  freshPostgresDatabase,
  postgresAdminUrl,
  type FreshDatabase,
} from '../support/postgres.js';
import { hoso } from '../support/run-cli.js';
import { SAMPLES, TEST_CERTS } from '../support/paths.js';

const DOSSIER = '000.00.12.H29-261125-0001';
const FILES = [
  ['quyet-dinh.pdf', 'Quyết định cấp giấy phép'],
  ['don-de-nghi.pdf', 'Đơn đề nghị'],
] as const;

/** Registers the two sample PDFs with the CLI: documents 1 and 2. */
function registerTwo(registry: string): void {
  for (const [file, title] of FILES) {
    const r = hoso([
      'register',
      'add',
      join(SAMPLES, 'dossier-001', file),
      '--dossier',
      DOSSIER,
      '--title',
      title,
      '--trust',
      join(TEST_CERTS, 'root.cert.pem'),
      '--registry',
      registry,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
  }
}

function verify(registry: string, ...extra: string[]) {
  return hoso(['register', 'verify', '--registry', registry, ...extra]);
}

/** What verify must report when document 2's title was changed. */
function expectDocument2Named(registry: string, seq: number): void {
  const text = verify(registry);
  expect(text.code, text.stdout + text.stderr).toBe(1);
  expect(text.stdout).toContain(`mục nhật ký số ${seq} (document.add, documents 2)`);
  const json = verify(registry, '--json');
  expect(json.code).toBe(1);
  expect(JSON.parse(json.stdout)).toMatchObject({
    intact: false,
    firstBrokenEntry: seq,
    problems: [{ kind: 'row-altered', seq, action: 'document.add', table: 'documents', key: '2' }],
  });
}

describe('registry tampering with sqlite3', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-tamper-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('an UPDATE through sqlite3 is named by hoso register verify; the untouched copy passes', () => {
    const sqlite3 = requireTool('sqlite3');
    const db = join(dir, 'hoso.db');
    registerTwo(`sqlite:${db}`);
    // An untouched copy of the database and its stored files (the writer has exited: no WAL).
    cpSync(db, join(dir, 'copy.db'));
    cpSync(`${db}.content`, join(dir, 'copy.db.content'), { recursive: true });

    const refused = runTool(sqlite3, [db, "UPDATE documents SET title='x' WHERE id=2"]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('append-only');
    expect(verify(`sqlite:${db}`).code).toBe(0);

    const seqOut = runTool(sqlite3, [
      db,
      "SELECT seq FROM audit_log WHERE subject_table='documents' AND subject_key='2'",
    ]);
    expect(seqOut.code).toBe(0);
    const seq = Number(seqOut.out.trim());
    expect(seq).toBeGreaterThan(0);

    const tamper = runTool(sqlite3, [
      db,
      "DROP TRIGGER documents_no_update; UPDATE documents SET title='x' WHERE id=2",
    ]);
    expect(tamper, tamper.out).toMatchObject({ code: 0 });
    expect(runTool(sqlite3, [db, 'SELECT title FROM documents WHERE id=2']).out.trim()).toBe('x');

    expectDocument2Named(`sqlite:${db}`, seq);
    const copy = verify(`sqlite:${join(dir, 'copy.db')}`);
    expect(copy.code, copy.stdout + copy.stderr).toBe(0);
  });
});

describe('registry tampering with psql', () => {
  const databases: FreshDatabase[] = [];
  afterAll(async () => {
    for (const d of databases.reverse()) await d.drop();
  });

  it('an UPDATE through psql is named by hoso register verify; the untouched copy passes', async () => {
    const psql = requireTool('psql');
    postgresAdminUrl(); // HOSO_TEST_PG is required: a clear failure without it
    const original = await freshPostgresDatabase();
    databases.push(original);
    registerTwo(original.location);
    // An untouched copy: CREATE DATABASE … TEMPLATE (no one is connected to the original now).
    const copy = await freshPostgresDatabase(original.name);
    databases.push(copy);

    const refused = runTool(psql, [
      original.location,
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      "UPDATE documents SET title='x' WHERE id=2",
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('append-only');
    expect(verify(original.location).code).toBe(0);

    const seqOut = runTool(psql, [
      original.location,
      '-At',
      '-c',
      "SELECT seq FROM audit_log WHERE subject_table='documents' AND subject_key='2'",
    ]);
    expect(seqOut.code).toBe(0);
    const seq = Number(seqOut.out.trim());
    expect(seq).toBeGreaterThan(0);

    const tamper = runTool(psql, [
      original.location,
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      "ALTER TABLE documents DISABLE TRIGGER documents_append_only; UPDATE documents SET title='x' WHERE id=2",
    ]);
    expect(tamper, tamper.out).toMatchObject({ code: 0 });

    expectDocument2Named(original.location, seq);
    const untouched = verify(copy.location);
    expect(untouched.code, untouched.stdout + untouched.stderr).toBe(0);
    expect(untouched.stdout).toContain('nguyên vẹn');
  });
});
