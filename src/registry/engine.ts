/**
 * The two engines behind the one query layer: SQLite (better-sqlite3, one file, WAL) and
 * PostgreSQL (pg). Only three things differ and they live here: how a connection is opened, how
 * the registry-wide write lock is taken, and how driver errors become HosoErrors (exit 4: an
 * environment problem, CLI.md) — everything else is kysely over the same schema.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type Pg from 'pg';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type RawBuilder } from 'kysely';
import { HosoError, describeCause } from '../kernel/index.js';
import type { RegistryLocation } from './location.js';
import { MIGRATIONS, SCHEMA_VERSION, type Engine } from './migrations.js';
import type { RegistryTables } from './tables.js';
import { throughGate, type WriteGate } from './write-gate.js';

export type { Engine };
export type Db = Kysely<RegistryTables>;
export type OpenMode = 'read' | 'write';

/** A constant key for PostgreSQL's transaction-level advisory lock ('hoso' in ASCII). */
const PG_LOCK_KEY = 0x686f736f;

/**
 * The drivers are loaded when a registry is opened, not when hoso starts (`hoso verify` never
 * pays for them), with require(): they stay outside the bundle (scripts/bundle.mjs), where an
 * import() of a package could not run.
 */
function loadDriver<T>(name: 'better-sqlite3' | 'pg'): T {
  return createRequire(import.meta.url)(name) as T;
}

export interface EngineHandle {
  readonly engine: Engine;
  readonly location: RegistryLocation;
  readonly db: Db;
  /** Runs `fn` in a transaction holding the registry-wide write lock: writers queue, readers go on. */
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function driverCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Maps an engine's error to the registry error a user can act on; HosoErrors pass through. */
export function registryError(e: unknown, location: RegistryLocation): Error {
  if (e instanceof HosoError) return e;
  const where = { location: location.display, detail: describeCause(e) };
  const code = driverCode(e) ?? '';
  if (code === 'SQLITE_NOTADB')
    return new HosoError('REGISTRY_NOT_A_DATABASE', {
      params: {
        location: location.display,
        detail: 'not an SQLite database',
        'detail.vi': 'không phải cơ sở dữ liệu SQLite',
        'detail.en': 'not an SQLite database',
      },
      cause: e,
    });
  if (code.startsWith('SQLITE_READONLY') || code === '42501' || code === '25006')
    return new HosoError('REGISTRY_READ_ONLY', { params: where, cause: e });
  if (code.startsWith('SQLITE_CONSTRAINT') || code === '23505' || code === 'P0001')
    return new HosoError('REGISTRY_CONFLICT', { params: { detail: describeCause(e) }, cause: e });
  return new HosoError('REGISTRY_UNAVAILABLE', { params: where, cause: e });
}

function sqliteOpenError(path: string, location: RegistryLocation, mode: OpenMode): HosoError {
  const dir = dirname(path);
  const detail = (vi: string, en: string) => ({
    location: location.display,
    detail: en,
    'detail.vi': vi,
    'detail.en': en,
  });
  if (!existsSync(dir))
    return new HosoError('REGISTRY_UNAVAILABLE', {
      params: detail(`thư mục ${dir} không tồn tại`, `the folder ${dir} does not exist`),
    });
  if (mode === 'read' && !existsSync(path))
    return new HosoError('REGISTRY_UNAVAILABLE', {
      params: detail(
        'chưa có tệp sổ đăng ký (chưa đăng ký gì ở đây)',
        'there is no registry file yet (nothing has been registered here)',
      ),
    });
  if (existsSync(path) && statSync(path).isDirectory())
    return new HosoError('REGISTRY_NOT_A_DATABASE', {
      params: detail('đây là một thư mục', 'it is a folder'),
    });
  try {
    accessSync(existsSync(path) ? path : dir, constants.W_OK);
  } catch {
    return new HosoError('REGISTRY_READ_ONLY', {
      params: detail('không có quyền ghi', 'no write permission'),
    });
  }
  return new HosoError('REGISTRY_UNAVAILABLE', {
    params: detail('SQLite không mở được tệp', 'SQLite cannot open the file'),
  });
}

/**
 * `fn` on one connection inside a transaction opened by `begin` (which also takes the
 * registry-wide lock), committed when it returns, rolled back when it throws.
 */
function lockedTransaction<T>(
  db: Db,
  begin: readonly RawBuilder<unknown>[],
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  return db.connection().execute(async (conn) => {
    try {
      for (const statement of begin) await statement.execute(conn);
      const result = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (e) {
      await sql`ROLLBACK`.execute(conn).catch(() => undefined);
      throw e;
    }
  });
}

async function openSqlite(
  location: Extract<RegistryLocation, { engine: 'sqlite' }>,
  mode: OpenMode,
  gate: WriteGate | undefined,
): Promise<EngineHandle> {
  const Database = loadDriver<typeof BetterSqlite3>('better-sqlite3');
  const path = location.path;
  if (mode === 'read' && !existsSync(path)) throw sqliteOpenError(path, location, mode);
  let raw: InstanceType<typeof Database>;
  try {
    raw = new Database(path, { readonly: mode === 'read', fileMustExist: mode === 'read' });
  } catch (e) {
    if (driverCode(e) === 'SQLITE_CANTOPEN') {
      const err = sqliteOpenError(path, location, mode);
      throw new HosoError(err.code, { params: err.params, cause: e });
    }
    throw registryError(e, location);
  }
  try {
    // Writers from other processes wait for the lock rather than fail at once.
    raw.pragma('busy_timeout = 30000');
    // The first real read: a file that is not SQLite fails here (SQLITE_NOTADB).
    const tables = raw
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    if (tables.length > 0 && !tables.includes('schema_migrations'))
      throw new HosoError('REGISTRY_NOT_A_DATABASE', {
        params: {
          location: location.display,
          detail: 'an SQLite database of another program',
          'detail.vi': 'cơ sở dữ liệu SQLite của chương trình khác',
          'detail.en': 'an SQLite database of another program',
        },
      });
    if (mode === 'write') {
      // WAL: readers (the lookup service) never wait for a writer. FULL: a committed
      // registration survives a power cut (never lose registry data).
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = FULL');
    }
    raw.pragma('foreign_keys = ON');
  } catch (e) {
    raw.close();
    if (mode === 'read' && driverCode(e)?.startsWith('SQLITE_READONLY'))
      // SQLite reads a WAL database through its shared-memory index (`-shm`), which it must be
      // able to create beside the file: a read-only copy in a read-only folder cannot be read.
      throw new HosoError('REGISTRY_UNAVAILABLE', {
        params: {
          location: location.display,
          detail: 'SQLite needs write access to the folder to read it (its -shm index)',
          'detail.vi': 'SQLite cần quyền ghi vào thư mục để đọc sổ (tệp chỉ mục -shm)',
          'detail.en': 'SQLite needs write access to the folder to read it (its -shm index)',
        },
        cause: e,
      });
    throw registryError(e, location);
  }
  const db = new Kysely<RegistryTables>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    engine: 'sqlite',
    location,
    db,
    write: (fn) =>
      // IMMEDIATE takes the write lock before the first read, so that the read of a counter or
      // of the audit chain's head and the write that follows cannot interleave with another
      // process (a DEFERRED transaction would fail with SQLITE_BUSY on upgrade instead).
      // Threads of this process queue at the gate first (write-gate.ts).
      throughGate(gate, () => lockedTransaction(db, [sql`BEGIN IMMEDIATE`], fn)),
    close: () => db.destroy(),
  };
}

async function openPostgres(
  location: Extract<RegistryLocation, { engine: 'postgres' }>,
): Promise<EngineHandle> {
  const pg = loadDriver<typeof Pg>('pg');
  const pool = new pg.Pool({
    connectionString: location.url,
    max: 8,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 10_000,
    // int8 (sizes) as numbers, like SQLite: the audit digests must not depend on the engine.
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        oid === 20
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw registryError(e, location);
  }
  const db = new Kysely<RegistryTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    location,
    db,
    write: (fn) =>
      lockedTransaction(db, [sql`BEGIN`, sql`SELECT pg_advisory_xact_lock(${PG_LOCK_KEY})`], fn),
    close: () => db.destroy(),
  };
}

/** The schema version, or null when the database has no hoso registry. Asked without failing
 * (a failed statement would abort a PostgreSQL transaction). */
async function schemaVersion(db: Db, engine: Engine): Promise<number | null> {
  // PostgreSQL: read the catalog with an ordinary query, not to_regclass(): that goes through
  // the backend's catalog cache, which may still hold "no such table" from before another
  // process created it while we waited for the lock.
  const exists =
    engine === 'postgres'
      ? await sql<{
          t: string | null;
        }>`SELECT tablename AS t FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = 'schema_migrations'`.execute(
          db,
        )
      : await sql<{
          t: string | null;
        }>`SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`.execute(
          db,
        );
  if (!exists.rows[0]?.t) return null;
  const row = await db
    .selectFrom('schema_migrations')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return row?.v === null || row?.v === undefined ? 0 : Number(row.v);
}

/** Applies the migrations the database lacks, under the write lock, exactly once. */
async function migrate(handle: EngineHandle, now: () => Date): Promise<void> {
  const found = await schemaVersion(handle.db, handle.engine);
  if (found !== null && found > SCHEMA_VERSION)
    throw new HosoError('REGISTRY_SCHEMA_NEWER', {
      params: { location: handle.location.display, found, known: SCHEMA_VERSION },
    });
  if (found === SCHEMA_VERSION) return;
  await handle.write(async (db) => {
    let current = await schemaVersion(db, handle.engine);
    if (current === null) {
      await db.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();
      current = 0;
    }
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      await m.up(db, handle.engine);
      await db
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name, applied_at: now().toISOString() })
        .execute();
    }
  });
}

export async function openEngine(
  location: RegistryLocation,
  mode: OpenMode,
  now: () => Date,
  gate?: WriteGate,
): Promise<EngineHandle> {
  const handle =
    location.engine === 'sqlite'
      ? await openSqlite(location, mode, gate)
      : await openPostgres(location);
  try {
    if (mode === 'write') await migrate(handle, now);
    else {
      const found = await schemaVersion(handle.db, handle.engine);
      if (found !== null && found > SCHEMA_VERSION)
        throw new HosoError('REGISTRY_SCHEMA_NEWER', {
          params: { location: location.display, found, known: SCHEMA_VERSION },
        });
      // A reader never creates or upgrades a schema nor changes a row (SQLite may still leave its
      // WAL files, -wal and -shm, beside the database: they are how it reads one).
      if (found === null)
        throw new HosoError('REGISTRY_UNAVAILABLE', {
          params: {
            location: location.display,
            detail: 'it holds no hoso registry yet (nothing has been registered there)',
            'detail.vi': 'chưa có sổ đăng ký hoso nào trong đó (chưa đăng ký gì)',
            'detail.en': 'it holds no hoso registry yet (nothing has been registered there)',
          },
        });
      if (found < SCHEMA_VERSION) await migrate(handle, now);
    }
  } catch (e) {
    await handle.close().catch(() => undefined);
    throw registryError(e, location);
  }
  return handle;
}
