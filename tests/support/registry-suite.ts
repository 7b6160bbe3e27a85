/**
 * The registry test suite, declared once and run on both engines (issue: "the same registry test
 * suite runs on both engines"): tests/unit/registry/sqlite.test.ts on a temp-folder SQLite file,
 * tests/postgres/registry.test.ts on a fresh PostgreSQL database per test.
 *
 * Real engines only, no mocks. Tampering goes through a second, independent connection
 * (better-sqlite3 or pg.Client) exactly as someone with access to the database could, and the
 * acceptance test for concurrency spawns the real binary.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HosoError, fixedClock, systemClock, type Clock } from '../../src/kernel/index.js';
import { formatDossierCode, newLookupCode } from '../../src/lookup/codes.js';
import {
  GENESIS_HASH,
  MAX_DOSSIER_NUMBER,
  Registry,
  SCHEMA_VERSION,
  contentFolder,
  parseRegistryLocation,
  type RegisteredDocument,
  type RegistryLocation,
  type SignerAtIssue,
} from '../../src/registry/index.js';
import { hosoAsync } from './run-cli.js';

export type EngineName = 'sqlite' | 'postgres';

export interface FreshLocation {
  /** What `--registry` takes: `sqlite:/tmp/…/hoso.db` or `postgres://…/hoso_t_…`. */
  readonly location: string;
  readonly drop: () => Promise<void>;
}

/** The tables every insert of which is recorded in the audit log (src/registry/tables.ts). */
const AUDITED = [
  'dossier_codes',
  'contents',
  'documents',
  'register_records',
  'certification_entries',
  'conversions',
  'lookup_codes',
  'revocations',
] as const;

const AGENCY = '000.00.12.H29';
const OTHER_AGENCY = 'H29.12';
const DAY = '261125';
const NEXT_DAY = '261126';
const ISSUED = '2026-11-25T02:15:00.000Z';

/** A second connection to the same database, independent of the registry's own. */
export interface RawConnection {
  /** Runs statements returning nothing; rejects as the engine does. */
  exec(statements: string): Promise<void>;
  rows<T>(query: string): Promise<T[]>;
  /** Overwrites `contents.data` (PostgreSQL: the stored bytes). */
  setContentData(sha256: string, data: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export async function rawConnection(location: RegistryLocation): Promise<RawConnection> {
  if (location.engine === 'sqlite') {
    const db = new Database(location.path);
    return {
      exec: async (s) => void db.exec(s),
      rows: async <T>(q: string) => db.prepare(q).all() as T[],
      setContentData: async (sha, data) =>
        void db.prepare('UPDATE contents SET data = ? WHERE sha256 = ?').run(data, sha),
      close: async () => void db.close(),
    };
  }
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  return {
    exec: async (s) => void (await client.query(s)),
    rows: async <T>(q: string) => (await client.query(q)).rows as T[],
    setContentData: async (sha, data) =>
      void (await client.query('UPDATE contents SET data = $1 WHERE sha256 = $2', [
        Buffer.from(data),
        sha,
      ])),
    close: () => client.end(),
  };
}

/** SQL that lifts the append-only trigger(s) of `table` (names from src/registry/migrations.ts). */
function liftAppendOnly(engine: EngineName, table: string): string {
  return engine === 'sqlite'
    ? `DROP TRIGGER ${table}_no_update; DROP TRIGGER ${table}_no_delete;`
    : `ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only;`;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A clock one second further at each reading, so that times tell operations apart. */
function steppingClock(start: string): Clock {
  let t = new Date(start).getTime() - 1000;
  return { now: () => new Date((t += 1000)) };
}

const lookupCode = (): string => newLookupCode((n) => new Uint8Array(randomBytes(n)));
const dossierCode = (agency: string, day: string, n: number): string =>
  formatDossierCode(agency, day, n);

const SIGNERS: SignerAtIssue[] = [
  {
    name: 'Nguyễn Văn An',
    organization: 'UBND Phường Hoàn Kiếm',
    signingTime: '2026-11-25T03:00:00.000Z',
    indication: 'TOTAL_PASSED',
  },
  {
    name: 'UBND Phường Hoàn Kiếm',
    organization: null,
    signingTime: null,
    indication: 'TOTAL_PASSED',
  },
];

/** Bytes that a text round trip would spoil: every byte value, then random ones. */
function awkwardBytes(extra: number): Uint8Array {
  const b = new Uint8Array(256 + extra);
  for (let i = 0; i < 256; i++) b[i] = i;
  b.set(randomBytes(extra), 256);
  return b;
}

interface Seeded {
  readonly codes: string[];
  readonly originalId: number;
  readonly secondId: number;
  readonly copyId: number;
  readonly paperId: number;
  readonly originalSha: string;
  readonly copySha: string;
  /** Rows this mix writes into the audited tables, counted by hand. */
  readonly rowsWritten: number;
}

/** A mix of every kind of write: codes, originals, a certified copy, a paper, a revocation. */
async function seedMix(registry: Registry): Promise<Seeded> {
  const codes = [
    (await registry.allocateDossierNumber(AGENCY, DAY, (n) => dossierCode(AGENCY, DAY, n))).code,
    (await registry.allocateDossierNumber(AGENCY, DAY, (n) => dossierCode(AGENCY, DAY, n))).code,
  ];
  const originalBytes = awkwardBytes(1000);
  const secondBytes = awkwardBytes(2000);
  const copyBytes = awkwardBytes(3000);
  const original = await registry.registerDocument({
    kind: 'original',
    title: 'Quyết định cấp giấy phép',
    sha256: sha256(originalBytes),
    size: originalBytes.length,
    content: { bytes: originalBytes },
    dossierCode: codes[0]!,
    verification: 'TOTAL_PASSED',
    signers: SIGNERS,
    lookupCode: lookupCode(),
    registerRecord: true,
  });
  const second = await registry.registerDocument({
    kind: 'original',
    title: 'Đơn đề nghị',
    sha256: sha256(secondBytes),
    size: secondBytes.length,
    content: { bytes: secondBytes },
    dossierCode: codes[1]!,
    lookupCode: lookupCode(),
    registerRecord: true,
  });
  const copy = await registry.registerDocument({
    kind: 'certified-copy',
    title: 'Bản sao Quyết định',
    sha256: sha256(copyBytes),
    size: copyBytes.length,
    content: { bytes: copyBytes },
    dossierCode: codes[0]!,
    sourceId: original.documentId,
    lookupCode: lookupCode(),
    certification: {
      book: '01/2026-SCT/BS',
      year: 2026,
      originalSha256: sha256(originalBytes),
      officerName: 'Trần Thị Bình',
      officerTitle: 'Công chức Tư pháp - Hộ tịch',
      place: 'Hà Nội',
    },
  });
  const paper = await registry.registerDocument({
    kind: 'paper',
    title: 'Bản chuyển đổi Quyết định',
    sha256: sha256(originalBytes),
    size: originalBytes.length,
    dossierCode: codes[0]!,
    sourceId: original.documentId,
    pages: 3,
    lookupCode: lookupCode(),
    conversion: {
      sourceSha256: sha256(originalBytes),
      converterName: 'Lê Văn Cường',
      converterTitle: null,
    },
  });
  await registry.revokeDocument(second.documentId, 'cấp nhầm');
  return {
    codes,
    originalId: original.documentId,
    secondId: second.documentId,
    copyId: copy.documentId,
    paperId: paper.documentId,
    originalSha: sha256(originalBytes),
    copySha: sha256(copyBytes),
    // codes 2; original: content, document, record, lookup = 4; second: 4;
    // copy: content, document, certification, lookup = 4; paper: document, conversion, lookup = 3;
    // revocation 1
    rowsWritten: 2 + 4 + 4 + 4 + 3 + 1,
  };
}

async function expectHosoError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(HosoError);
  expect((error as HosoError).code).toBe(code);
}

export function defineRegistrySuite(engine: EngineName, fresh: () => Promise<FreshLocation>): void {
  describe(`registry on ${engine}`, () => {
    let current: FreshLocation;
    let location: RegistryLocation;
    const opened: Registry[] = [];
    const raws: RawConnection[] = [];

    beforeEach(async () => {
      current = await fresh();
      location = parseRegistryLocation(current.location, tmpdir());
    });

    afterEach(async () => {
      for (const r of opened.splice(0)) await r.close().catch(() => undefined);
      for (const c of raws.splice(0)) await c.close().catch(() => undefined);
      await current.drop();
    });

    async function open(
      mode: 'read' | 'write' = 'write',
      clock: Clock = fixedClock(ISSUED),
      actor = 'Trần Thị Bình',
    ): Promise<Registry> {
      const r = await Registry.open({ location, mode, clock, actor });
      opened.push(r);
      return r;
    }

    async function raw(): Promise<RawConnection> {
      const c = await rawConnection(location);
      raws.push(c);
      return c;
    }

    async function countRows(c: RawConnection, table: string): Promise<number> {
      const [row] = await c.rows<{ n: number }>(
        `SELECT CAST(count(*) AS integer) AS n FROM ${table}`,
      );
      return row!.n;
    }

    /** The audit entry that recorded a row, read straight from the table. */
    async function entryOf(
      c: RawConnection,
      table: string,
      key: string | number,
    ): Promise<{ seq: number; action: string }> {
      const rows = await c.rows<{ seq: number; action: string }>(
        `SELECT seq, action FROM audit_log WHERE subject_table = '${table}' AND subject_key = '${key}'`,
      );
      expect(rows).toHaveLength(1);
      return rows[0]!;
    }

    describe('schema', () => {
      it('is created once on the first open and reopening applies nothing', async () => {
        const first = await open('write', fixedClock('2026-11-25T01:00:00.000Z'));
        const c = await raw();
        const migrations = () =>
          c.rows<{ version: number; applied_at: string }>(
            'SELECT version, applied_at FROM schema_migrations ORDER BY version',
          );
        expect(await migrations()).toEqual([
          { version: 1, applied_at: '2026-11-25T01:00:00.000Z' },
        ]);
        expect(SCHEMA_VERSION).toBe(1);
        for (const table of [...AUDITED, 'audit_log', 'dossier_sequences'])
          expect(await countRows(c, table)).toBe(0);
        await first.close();
        opened.splice(opened.indexOf(first), 1);

        const again = await open('write', fixedClock('2026-12-01T01:00:00.000Z'));
        expect(await migrations()).toEqual([
          { version: 1, applied_at: '2026-11-25T01:00:00.000Z' },
        ]);
        const reader = await open('read');
        expect(await reader.verify()).toEqual({
          intact: true,
          entries: 0,
          head: GENESIS_HASH,
          problems: [],
        });
        expect(again.engine).toBe(engine);
      });

      it('a read-mode open of a location with no registry fails with REGISTRY_UNAVAILABLE and creates nothing', async () => {
        await expectHosoError(open('read'), 'REGISTRY_UNAVAILABLE');
        if (location.engine === 'sqlite') {
          expect(existsSync(location.path)).toBe(false);
          expect(readdirSync(dirname(location.path))).toEqual([]);
        } else {
          const c = await raw();
          const tables = await c.rows<{ tablename: string }>(
            "SELECT tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
          );
          expect(tables).toEqual([]);
        }
      });

      it('refuses a registry whose schema is newer than this hoso knows', async () => {
        await open();
        const c = await raw();
        await c.exec(
          `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${SCHEMA_VERSION + 1}, 'future', '2030-01-01T00:00:00.000Z')`,
        );
        await expectHosoError(open('write'), 'REGISTRY_SCHEMA_NEWER');
        await expectHosoError(open('read'), 'REGISTRY_SCHEMA_NEWER');
      });
    });

    describe('dossier numbers', () => {
      it('run 1, 2, 3 per agency and day, independently for each agency and each day', async () => {
        const registry = await open();
        const next = async (agency: string, day: string) =>
          registry.allocateDossierNumber(agency, day, (n) => dossierCode(agency, day, n));
        const got = [
          await next(AGENCY, DAY),
          await next(AGENCY, DAY),
          await next(OTHER_AGENCY, DAY),
          await next(AGENCY, DAY),
          await next(AGENCY, NEXT_DAY),
          await next(OTHER_AGENCY, DAY),
        ];
        expect(got).toEqual([
          { code: '000.00.12.H29-261125-0001', number: 1 },
          { code: '000.00.12.H29-261125-0002', number: 2 },
          { code: 'H29.12-261125-0001', number: 1 },
          { code: '000.00.12.H29-261125-0003', number: 3 },
          { code: '000.00.12.H29-261126-0001', number: 1 },
          { code: 'H29.12-261125-0002', number: 2 },
        ]);
        expect(await registry.dossierNumbers(AGENCY, DAY)).toEqual([1, 2, 3]);
        expect(await registry.dossierNumbers(AGENCY, NEXT_DAY)).toEqual([1]);
        expect(await registry.dossierNumbers(OTHER_AGENCY, DAY)).toEqual([1, 2]);
        expect(await registry.dossierNumbers(OTHER_AGENCY, NEXT_DAY)).toEqual([]);
        const c = await raw();
        const rows = await c.rows<{ code: string; allocated_by: string; allocated_at: string }>(
          "SELECT code, allocated_by, allocated_at FROM dossier_codes WHERE code = 'H29.12-261125-0002'",
        );
        expect(rows).toEqual([
          { code: 'H29.12-261125-0002', allocated_by: 'Trần Thị Bình', allocated_at: ISSUED },
        ]);
      });

      it(`stop at ${MAX_DOSSIER_NUMBER} a day: the 10,000th allocation fails with CODE_SEQUENCE_EXHAUSTED`, async () => {
        const registry = await open();
        const next = (agency: string, day: string) =>
          registry.allocateDossierNumber(agency, day, (n) => dossierCode(agency, day, n));
        let last: { code: string; number: number };
        if (engine === 'sqlite') {
          // The real path, one transaction per number: ~8 s on SQLite.
          for (let i = 1; i <= MAX_DOSSIER_NUMBER; i++) last = await next(AGENCY, DAY);
          expect(await registry.dossierNumbers(AGENCY, DAY)).toEqual(
            Array.from({ length: MAX_DOSSIER_NUMBER }, (_, i) => i + 1),
          );
        } else {
          // 9,999 transactions take ~23 s on PostgreSQL. The limit is decided from the day's
          // counter alone (dossier_sequences.last_number, a plain counter row that is neither
          // append-only nor audited), so it is set to 9,998 through a second connection after
          // one real allocation: the 9,999th and 10,000th allocations then run the real code.
          await next(AGENCY, DAY);
          const c = await raw();
          await c.exec(
            `UPDATE dossier_sequences SET last_number = ${MAX_DOSSIER_NUMBER - 1} WHERE agency_code = '${AGENCY}' AND day = '${DAY}'`,
          );
          last = await next(AGENCY, DAY);
          expect(await registry.dossierNumbers(AGENCY, DAY)).toEqual([1, MAX_DOSSIER_NUMBER]);
        }
        expect(last!).toEqual({ code: '000.00.12.H29-261125-9999', number: 9999 });
        await expectHosoError(next(AGENCY, DAY), 'CODE_SEQUENCE_EXHAUSTED');
        await expectHosoError(next(AGENCY, DAY), 'CODE_SEQUENCE_EXHAUSTED');
        // Nothing was recorded for the refused allocations; other agencies and days go on.
        expect((await registry.dossierNumbers(AGENCY, DAY)).at(-1)).toBe(MAX_DOSSIER_NUMBER);
        expect(await next(OTHER_AGENCY, DAY)).toEqual({ code: 'H29.12-261125-0001', number: 1 });
        expect(await next(AGENCY, NEXT_DAY)).toEqual({
          code: '000.00.12.H29-261126-0001',
          number: 1,
        });
        const check = await registry.verify();
        expect(check.intact).toBe(true);
        expect(check.entries).toBe((engine === 'sqlite' ? MAX_DOSSIER_NUMBER : 2) + 2);
      }, 60_000);
    });

    describe('documents', () => {
      it('round-trips every kind through registerDocument and findByLookupCode', async () => {
        const registry = await open();
        const bytes = awkwardBytes(500);
        const sha = sha256(bytes);
        const codes = Array.from({ length: 6 }, lookupCode);
        const dossier = dossierCode(AGENCY, DAY, 7);
        const common = {
          system: { name: 'Hệ thống thông tin giải quyết TTHC', owner: 'UBND TP Hồ Chí Minh' },
          agency: { code: AGENCY, name: 'UBND Phường Bến Nghé' },
        };
        const original = await registry.registerDocument({
          kind: 'original',
          title: 'Giấy phép xây dựng',
          sha256: sha,
          size: bytes.length,
          content: { bytes },
          dossierCode: dossier,
          resultCode: `${dossier}-KQ1`,
          procedureCode: '1.000494.000.00.00.H29',
          pages: 2,
          verification: 'TOTAL_PASSED',
          signers: SIGNERS,
          lookupCode: codes[0]!,
          registerRecord: true,
          ...common,
        });
        expect(original).toEqual({
          documentId: 1,
          recordId: 1,
          lookupCode: codes[0],
          certificationNumber: null,
          certificationYear: null,
          createdAt: ISSUED,
        });
        const certify = (book: string, code: string) =>
          registry.registerDocument({
            kind: 'certified-copy',
            title: 'Bản sao chứng thực',
            sha256: sha256(new TextEncoder().encode(code)),
            size: 18,
            dossierCode: dossier,
            sourceId: original.documentId,
            verification: 'TOTAL_PASSED',
            lookupCode: code,
            certification: {
              book,
              year: 2026,
              originalSha256: sha,
              officerName: 'Trần Thị Bình',
              officerTitle: null,
              place: 'TP Hồ Chí Minh',
            },
            ...common,
          });
        const copyA1 = await certify('A', codes[1]!);
        const copyA2 = await certify('A', codes[2]!);
        const copyB1 = await certify('B', codes[3]!);
        expect([copyA1, copyA2, copyB1].map((c) => c.certificationNumber)).toEqual([1, 2, 1]);
        expect([copyA1, copyA2, copyB1].map((c) => c.recordId)).toEqual([null, null, null]);
        const registerCopy = await registry.registerDocument({
          kind: 'register-copy',
          title: 'Bản sao từ sổ gốc',
          sha256: 'ab'.repeat(32),
          size: 99,
          dossierCode: dossier,
          sourceId: original.documentId,
          lookupCode: codes[4]!,
        });
        const paper = await registry.registerDocument({
          kind: 'paper',
          title: 'Bản chuyển đổi Giấy phép xây dựng',
          sha256: sha,
          size: bytes.length,
          dossierCode: dossier,
          sourceId: original.documentId,
          pages: 3,
          verification: 'TOTAL_PASSED',
          signers: SIGNERS,
          lookupCode: codes[5]!,
          conversion: { sourceSha256: sha, converterName: 'Lê Văn Cường', converterTitle: null },
          ...common,
        });
        expect(paper.documentId).toBe(6);
        expect(registerCopy.documentId).toBe(5);

        const base = {
          title: 'Giấy phép xây dựng',
          dossierCode: dossier,
          resultCode: null,
          procedureCode: null,
          system: common.system,
          agency: common.agency,
          issuedAt: ISSUED,
          convertedAt: null,
          certification: null,
          status: 'VALID',
          revokedAt: null,
          verification: 'TOTAL_PASSED',
          signers: [],
          pages: null,
        };
        expect(await registry.findByLookupCode(codes[0]!)).toEqual({
          ...base,
          lookupCode: codes[0],
          kind: 'original',
          resultCode: `${dossier}-KQ1`,
          procedureCode: '1.000494.000.00.00.H29',
          signers: SIGNERS,
          sha256: sha,
          pages: 2,
        });
        expect(await registry.findByLookupCode(codes[2]!)).toEqual({
          ...base,
          lookupCode: codes[2],
          kind: 'certified-copy',
          title: 'Bản sao chứng thực',
          certification: { number: 2, book: 'A', year: 2026 },
          sha256: sha256(new TextEncoder().encode(codes[2]!)),
        });
        expect((await registry.findByLookupCode(codes[3]!))?.certification).toEqual({
          number: 1,
          book: 'B',
          year: 2026,
        });
        expect(await registry.findByLookupCode(codes[4]!)).toEqual({
          ...base,
          lookupCode: codes[4],
          kind: 'register-copy',
          title: 'Bản sao từ sổ gốc',
          system: { name: null, owner: null },
          agency: { code: null, name: null },
          verification: null,
          sha256: 'ab'.repeat(32),
        });
        expect(await registry.findByLookupCode(codes[5]!)).toEqual({
          ...base,
          lookupCode: codes[5],
          kind: 'paper',
          title: 'Bản chuyển đổi Giấy phép xây dựng',
          convertedAt: ISSUED,
          signers: SIGNERS,
          sha256: sha,
          pages: 3,
        });
        expect(await registry.findByLookupCode(lookupCode())).toBeNull();

        // The rows behind them, read through a second connection.
        const c = await raw();
        expect(
          await c.rows(
            'SELECT book, year, number, document_id FROM certification_entries ORDER BY id',
          ),
        ).toEqual([
          { book: 'A', year: 2026, number: 1, document_id: 2 },
          { book: 'A', year: 2026, number: 2, document_id: 3 },
          { book: 'B', year: 2026, number: 1, document_id: 4 },
        ]);
        expect(await c.rows('SELECT paper_document_id, source_sha256 FROM conversions')).toEqual([
          { paper_document_id: 6, source_sha256: sha },
        ]);
        expect(
          await c.rows('SELECT id, document_id, dossier_code, title FROM register_records'),
        ).toEqual([{ id: 1, document_id: 1, dossier_code: dossier, title: 'Giấy phép xây dựng' }]);
      });

      it('getDocument, findBySha256 and listRegister (order, dossier filter, paging)', async () => {
        const clock = steppingClock('2026-11-25T01:00:00.000Z');
        const registry = await open('write', clock, 'Phạm Thu Hà');
        const d1 = dossierCode(AGENCY, DAY, 1);
        const d2 = dossierCode(AGENCY, DAY, 2);
        const files = [awkwardBytes(10), awkwardBytes(20), awkwardBytes(30)];
        const codes = files.map(() => lookupCode());
        const added: RegisteredDocument[] = [];
        for (const [i, dossier] of [d1, d2, d1].entries()) {
          added.push(
            await registry.registerDocument({
              kind: 'original',
              title: `Văn bản ${i + 1}`,
              sha256: sha256(files[i]!),
              size: files[i]!.length,
              content: { bytes: files[i]! },
              dossierCode: dossier,
              lookupCode: codes[i]!,
              registerRecord: true,
            }),
          );
        }
        // A paper of file 1 with the same bytes' hash, recorded without keeping the bytes again.
        const paper = await registry.registerDocument({
          kind: 'paper',
          title: 'Bản giấy của văn bản 1',
          sha256: sha256(files[0]!),
          size: files[0]!.length,
          dossierCode: d1,
          conversion: {
            sourceSha256: sha256(files[0]!),
            converterName: null,
            converterTitle: null,
          },
        });
        // A document recorded by hash only.
        const hashOnly = await registry.registerDocument({
          kind: 'register-copy',
          title: 'Chỉ có mã băm',
          sha256: 'cd'.repeat(32),
          size: 5,
        });

        const view = await registry.getDocument(added[1]!.documentId);
        expect(view).toEqual({
          id: 2,
          kind: 'original',
          title: 'Văn bản 2',
          sha256: sha256(files[1]!),
          size: files[1]!.length,
          dossierCode: d2,
          resultCode: null,
          procedureCode: null,
          pages: null,
          recordId: 2,
          lookupCodes: [codes[1]],
          createdAt: added[1]!.createdAt,
          createdBy: 'Phạm Thu Hà',
          verification: null,
          signers: [],
          contentStored: true,
          revokedAt: null,
        });
        // One clock reading per write: the three registrations are a second apart.
        const t0 = Date.parse(added[0]!.createdAt);
        expect(added.map((a) => a.createdAt)).toEqual(
          [0, 1, 2].map((i) => new Date(t0 + i * 1000).toISOString()),
        );
        expect(await registry.getDocument(3, true)).toMatchObject({ id: 3, recordId: 3 });
        expect(await registry.getDocument(paper.documentId)).toMatchObject({
          id: 4,
          kind: 'paper',
          recordId: null,
          lookupCodes: [],
          contentStored: true, // the same bytes are stored once, for document 1
        });
        expect(await registry.getDocument(hashOnly.documentId)).toMatchObject({
          contentStored: false,
        });
        expect(await registry.getDocument(99)).toBeNull();
        expect(await registry.getDocument(99, true)).toBeNull();

        expect((await registry.findBySha256(sha256(files[0]!))).map((d) => d.id)).toEqual([4, 1]);
        expect(await registry.findBySha256('ef'.repeat(32))).toEqual([]);

        const all = await registry.listRegister();
        expect(all).toEqual(
          [0, 1, 2].map((i) => ({
            recordId: i + 1,
            documentId: i + 1,
            dossierCode: [d1, d2, d1][i],
            title: `Văn bản ${i + 1}`,
            sha256: sha256(files[i]!),
            registeredAt: added[i]!.createdAt,
            registeredBy: 'Phạm Thu Hà',
            lookupCode: codes[i],
          })),
        );
        expect((await registry.listRegister({ dossierCode: d1 })).map((r) => r.recordId)).toEqual([
          1, 3,
        ]);
        expect(await registry.listRegister({ dossierCode: dossierCode(AGENCY, DAY, 9) })).toEqual(
          [],
        );
        expect(
          (await registry.listRegister({ limit: 1, offset: 1 })).map((r) => r.recordId),
        ).toEqual([2]);
      });

      it('readContent returns the exact bytes, stored once per SHA-256', async () => {
        const registry = await open();
        const bytes = awkwardBytes(64 * 1024);
        const sha = sha256(bytes);
        const dir = mkdtempSync(join(tmpdir(), 'hoso-content-'));
        try {
          const fromFile = awkwardBytes(4096);
          writeFileSync(join(dir, 'scan.png'), fromFile);
          await registry.registerDocument({
            kind: 'original',
            title: 'Từ bộ nhớ',
            sha256: sha,
            size: bytes.length,
            content: { bytes },
          });
          await registry.registerDocument({
            kind: 'original',
            title: 'Từ tệp',
            sha256: sha256(fromFile),
            size: fromFile.length,
            content: { path: join(dir, 'scan.png') },
          });
          await registry.registerDocument({
            kind: 'paper',
            title: 'Cùng nội dung',
            sha256: sha,
            size: bytes.length,
            content: { bytes },
          });
          expect(Buffer.from((await registry.readContent(sha))!)).toEqual(Buffer.from(bytes));
          expect(Buffer.from((await registry.readContent(sha256(fromFile)))!)).toEqual(
            Buffer.from(fromFile),
          );
          expect(await registry.readContent('00'.repeat(32))).toBeNull();

          const c = await raw();
          const stored = await c.rows<{
            sha256: string;
            size: number | string;
            data: Uint8Array | null;
          }>('SELECT sha256, size, data FROM contents ORDER BY stored_at, sha256');
          expect(stored.map((s) => s.sha256).sort()).toEqual([sha, sha256(fromFile)].sort());
          const mine = stored.find((s) => s.sha256 === sha)!;
          expect(Number(mine.size)).toBe(bytes.length); // bigint: a string from pg
          if (location.engine === 'sqlite') {
            // A file beside the database, named by its hash, read-only; no blob in the row.
            expect(mine.data).toBeNull();
            const file = join(contentFolder(location.path), sha.slice(0, 2), sha);
            expect(statSync(file).size).toBe(bytes.length);
            expect(statSync(file).mode & 0o777).toBe(0o444);
            expect(sha256(readFileSync(file))).toBe(sha);
          } else {
            expect(Buffer.from(mine.data!)).toEqual(Buffer.from(bytes));
          }
          const entries = await c.rows<{ subject_key: string }>(
            "SELECT subject_key FROM audit_log WHERE action = 'content.store' ORDER BY seq",
          );
          expect(entries.map((e) => e.subject_key)).toEqual([sha, sha256(fromFile)]);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });

      it('revokeDocument marks the document REVOKED with revokedAt, as a new row', async () => {
        const clock = steppingClock('2026-11-25T01:00:00.000Z');
        const registry = await open('write', clock);
        const code = lookupCode();
        const doc = await registry.registerDocument({
          kind: 'original',
          title: 'Sẽ thu hồi',
          sha256: 'aa'.repeat(32),
          size: 1,
          lookupCode: code,
        });
        expect(await registry.findByLookupCode(code)).toMatchObject({
          status: 'VALID',
          revokedAt: null,
        });
        const at = await registry.revokeDocument(doc.documentId, 'cấp nhầm người');
        const later = (s: number) => new Date(Date.parse(doc.createdAt) + s * 1000).toISOString();
        expect(at).toBe(later(1));
        expect(await registry.findByLookupCode(code)).toMatchObject({
          status: 'REVOKED',
          revokedAt: at,
          title: 'Sẽ thu hồi',
        });
        expect((await registry.getDocument(doc.documentId))?.revokedAt).toBe(at);
        // A second revocation keeps the first time.
        await registry.revokeDocument(doc.documentId, 'lần hai');
        expect((await registry.findByLookupCode(code))?.revokedAt).toBe(at);
        await expectHosoError(registry.revokeDocument(42, 'không có'), 'RECORD_NOT_FOUND');
        const c = await raw();
        expect(
          await c.rows('SELECT id, document_id, reason, revoked_at FROM revocations ORDER BY id'),
        ).toEqual([
          { id: 1, document_id: 1, reason: 'cấp nhầm người', revoked_at: at },
          { id: 2, document_id: 1, reason: 'lần hai', revoked_at: later(2) },
        ]);
      });
    });

    describe('audit chain', () => {
      it('is intact after a mix of operations, with one entry per row written', async () => {
        const registry = await open('write', steppingClock('2026-11-25T01:00:00.000Z'));
        const seeded = await seedMix(registry);
        const c = await raw();
        let rows = 0;
        for (const table of AUDITED) rows += await countRows(c, table);
        expect(rows).toBe(seeded.rowsWritten);
        const result = await registry.verify();
        const [head] = await c.rows<{ entry_hash: string }>(
          'SELECT entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1',
        );
        expect(result).toEqual({
          intact: true,
          entries: rows,
          head: head!.entry_hash,
          problems: [],
        });
        // The entries are numbered 1…n and each links to the one before.
        const chain = await c.rows<{ seq: number; prev_hash: string; entry_hash: string }>(
          'SELECT seq, prev_hash, entry_hash FROM audit_log ORDER BY seq',
        );
        expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
        chain.forEach((e, i) =>
          expect(e.prev_hash).toBe(i === 0 ? GENESIS_HASH : chain[i - 1]!.entry_hash),
        );
        // A reader sees the same.
        expect(await (await open('read')).verify()).toEqual(result);
      });

      it('the database refuses UPDATE and DELETE on the audit log and every audited table', async () => {
        const registry = await open();
        await seedMix(registry);
        const c = await raw();
        const keys: Record<string, string> = {
          dossier_codes: 'code',
          contents: 'sha256',
          documents: 'id',
          register_records: 'id',
          certification_entries: 'id',
          conversions: 'id',
          lookup_codes: 'code',
          revocations: 'id',
          audit_log: 'seq',
        };
        for (const [table, key] of Object.entries(keys)) {
          const before = await countRows(c, table);
          expect(before, table).toBeGreaterThan(0);
          await expect(c.exec(`UPDATE ${table} SET ${key} = ${key}`), table).rejects.toThrow(
            /append-only/,
          );
          await expect(c.exec(`DELETE FROM ${table}`), table).rejects.toThrow(/append-only/);
          expect(await countRows(c, table)).toBe(before);
        }
        expect((await registry.verify()).intact).toBe(true);
      });

      async function tamperSetup(): Promise<{
        registry: Registry;
        seeded: Seeded;
        c: RawConnection;
      }> {
        const registry = await open('write', steppingClock('2026-11-25T01:00:00.000Z'));
        const seeded = await seedMix(registry);
        expect((await registry.verify()).intact).toBe(true);
        return { registry, seeded, c: await raw() };
      }

      it('a changed documents.title is row-altered at exactly the entry that recorded that row', async () => {
        const { registry, seeded, c } = await tamperSetup();
        const id = seeded.secondId;
        await expect(
          c.exec(`UPDATE documents SET title = 'Đã sửa' WHERE id = ${id}`),
        ).rejects.toThrow(/append-only/);
        await c.exec(liftAppendOnly(engine, 'documents'));
        await c.exec(`UPDATE documents SET title = 'Đã sửa' WHERE id = ${id}`);
        const entry = await entryOf(c, 'documents', id);
        const result = await registry.verify();
        expect(result.intact).toBe(false);
        expect(result.entries).toBe(seeded.rowsWritten);
        expect(result.problems).toEqual([
          {
            kind: 'row-altered',
            seq: entry.seq,
            action: 'document.add',
            table: 'documents',
            key: String(id),
          },
        ]);
        expect(entry.action).toBe('document.add');
      });

      it('a changed audit_log.actor is entry-altered at that entry', async () => {
        const { registry, c } = await tamperSetup();
        await expect(
          c.exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 7"),
        ).rejects.toThrow(/append-only/);
        await c.exec(liftAppendOnly(engine, 'audit_log'));
        await c.exec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 7");
        const [entry] = await c.rows<{
          action: string;
          subject_table: string;
          subject_key: string;
        }>('SELECT action, subject_table, subject_key FROM audit_log WHERE seq = 7');
        const result = await registry.verify();
        expect(result.intact).toBe(false);
        expect(result.problems).toEqual([
          {
            kind: 'entry-altered',
            seq: 7,
            action: entry!.action,
            table: entry!.subject_table,
            key: entry!.subject_key,
          },
        ]);
      });

      it('an audit entry deleted from the middle is entry-missing where the gap is', async () => {
        const { registry, seeded, c } = await tamperSetup();
        await expect(c.exec('DELETE FROM audit_log WHERE seq = 5')).rejects.toThrow(/append-only/);
        const [gone] = await c.rows<{ subject_table: string; subject_key: string }>(
          'SELECT subject_table, subject_key FROM audit_log WHERE seq = 5',
        );
        await c.exec(liftAppendOnly(engine, 'audit_log'));
        await c.exec('DELETE FROM audit_log WHERE seq = 5');
        const [after] = await c.rows<{
          action: string;
          subject_table: string;
          subject_key: string;
        }>('SELECT action, subject_table, subject_key FROM audit_log WHERE seq = 6');
        const result = await registry.verify();
        expect(result.intact).toBe(false);
        expect(result.entries).toBe(seeded.rowsWritten - 1);
        expect(result.problems[0]).toEqual({
          kind: 'entry-missing',
          seq: 6,
          action: after!.action,
          table: after!.subject_table,
          key: after!.subject_key,
        });
        // The row the deleted entry recorded is now recorded by none.
        expect(result.problems.slice(1)).toEqual([
          {
            kind: 'row-unrecorded',
            seq: null,
            action: null,
            table: gone!.subject_table,
            key: gone!.subject_key,
          },
        ]);
      });

      it('a documents row inserted directly is row-unrecorded', async () => {
        const { registry, seeded, c } = await tamperSetup();
        await c.exec(
          `INSERT INTO documents (id, kind, sha256, size, title, signers, created_at, created_by)
           VALUES (${seeded.paperId + 1}, 'original', '${'ee'.repeat(32)}', 1, 'Giả mạo', '[]', '${ISSUED}', 'mallory')`,
        );
        const result = await registry.verify();
        expect(result.intact).toBe(false);
        expect(result.entries).toBe(seeded.rowsWritten);
        expect(result.problems).toEqual([
          {
            kind: 'row-unrecorded',
            seq: null,
            action: null,
            table: 'documents',
            key: String(seeded.paperId + 1),
          },
        ]);
      });

      it('overwritten stored content is content-altered at the entry that stored it', async () => {
        const { registry, seeded, c } = await tamperSetup();
        const forged = awkwardBytes(3000);
        if (location.engine === 'sqlite') {
          const file = join(
            contentFolder(location.path),
            seeded.copySha.slice(0, 2),
            seeded.copySha,
          );
          expect(statSync(file).mode & 0o222).toBe(0); // the store writes 0444
          chmodSync(file, 0o644);
          writeFileSync(file, forged);
        } else {
          await expect(c.setContentData(seeded.copySha, forged)).rejects.toThrow(/append-only/);
          await c.exec(liftAppendOnly(engine, 'contents'));
          await c.setContentData(seeded.copySha, forged);
        }
        expect(Buffer.from((await registry.readContent(seeded.copySha))!)).toEqual(
          Buffer.from(forged),
        );
        const entry = await entryOf(c, 'contents', seeded.copySha);
        const result = await registry.verify();
        expect(result.intact).toBe(false);
        expect(result.problems).toEqual([
          {
            kind: 'content-altered',
            seq: entry.seq,
            action: 'content.store',
            table: 'contents',
            key: seeded.copySha,
          },
        ]);
        // The other stored content is untouched.
        expect(sha256((await registry.readContent(seeded.originalSha))!)).toBe(seeded.originalSha);
      });
    });

    describe('concurrency (real binary)', () => {
      it('processes racing to create a new registry wait for one another and apply the schema once', async () => {
        // Hold the registry's write lock from outside while three processes open the new,
        // empty registry for writing, so that all three are queued on the lock before any
        // schema exists — the moment "eight processes opening a new database at once"
        // (migrations.ts) must survive — then let them go.
        const holder = await raw();
        // SQLite: as a hoso process does before it migrates — WAL, then BEGIN IMMEDIATE.
        if (engine === 'sqlite') await holder.exec('PRAGMA journal_mode = WAL; BEGIN IMMEDIATE');
        else {
          await holder.exec('BEGIN');
          // engine.ts PG_LOCK_KEY: 'hoso' in ASCII
          await holder.exec(`SELECT pg_advisory_xact_lock(${0x686f736f})`);
        }
        const racers = Array.from({ length: 3 }, () =>
          hosoAsync([
            'code',
            'new',
            '--agency',
            AGENCY,
            '--date',
            '2026-11-25',
            '--registry',
            current.location,
          ]),
        );
        if (engine === 'postgres') {
          const watcher = await raw();
          const deadline = Date.now() + 20_000;
          for (;;) {
            const [w] = await watcher.rows<{ n: number }>(
              "SELECT CAST(count(*) AS integer) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
            );
            if (w!.n === racers.length) break;
            expect(Date.now(), 'the processes never queued on the lock').toBeLessThan(deadline);
            await new Promise((r) => setTimeout(r, 50));
          }
        } else {
          // SQLite shows no queue; the processes start in ~0.2 s and then wait (busy_timeout).
          await new Promise((r) => setTimeout(r, 1500));
        }
        await holder.exec('COMMIT');
        const runs = await Promise.all(racers);
        for (const r of runs) {
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
        }
        expect(runs.map((r) => r.stdout).sort()).toEqual([
          '000.00.12.H29-261125-0001\n',
          '000.00.12.H29-261125-0002\n',
          '000.00.12.H29-261125-0003\n',
        ]);
        expect(await holder.rows('SELECT version FROM schema_migrations')).toEqual([
          { version: 1 },
        ]);
      });

      it('8 processes of `hoso code new --count 200` at once on a new registry get 1,600 distinct, gap-free codes', async () => {
        const processes = 8;
        const count = 200;
        const runs = await Promise.all(
          Array.from({ length: processes }, () =>
            hosoAsync([
              'code',
              'new',
              '--agency',
              AGENCY,
              '--date',
              '2026-11-25',
              '--count',
              String(count),
              '--registry',
              current.location,
              '--json',
            ]),
          ),
        );
        for (const r of runs) {
          expect(r.stderr).toBe('');
          expect(r.code).toBe(0);
        }
        const perProcess = runs.map((r) => (JSON.parse(r.stdout) as { codes: string[] }).codes);
        const all: number[] = [];
        for (const codes of perProcess) {
          expect(codes).toHaveLength(count);
          const numbers = codes.map((code) => {
            const m = /^000\.00\.12\.H29-261125-(\d{4})$/.exec(code);
            expect(m, code).not.toBeNull();
            return Number(m![1]);
          });
          // Each process's own codes increase.
          for (let i = 1; i < numbers.length; i++)
            expect(numbers[i]!).toBeGreaterThan(numbers[i - 1]!);
          all.push(...numbers);
        }
        const expected = Array.from({ length: processes * count }, (_, i) => i + 1);
        expect(new Set(all).size).toBe(processes * count);
        expect([...all].sort((a, b) => a - b)).toEqual(expected);

        const registry = await open('read', systemClock);
        expect(await registry.dossierNumbers(AGENCY, DAY)).toEqual(expected);
        const check = await registry.verify();
        expect(check.intact).toBe(true);
        expect(check.entries).toBe(processes * count);
        const c = await raw();
        expect(await c.rows('SELECT version FROM schema_migrations')).toEqual([{ version: 1 }]);
        expect(
          await c.rows(
            `SELECT last_number FROM dossier_sequences WHERE agency_code = '${AGENCY}' AND day = '${DAY}'`,
          ),
        ).toEqual([{ last_number: processes * count }]);
      }, 90_000);
    });
  });
}
