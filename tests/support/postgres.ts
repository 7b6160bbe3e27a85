/**
 * A PostgreSQL database of its own for each registry test: `CREATE DATABASE hoso_t_<random>` on
 * the server named by HOSO_TEST_PG (an admin URL such as
 * `postgres://postgres@127.0.0.1:54329/postgres`; CI starts a cluster and sets it, .ci/run).
 * Without HOSO_TEST_PG the suites that need it fail with a clear message — they never skip.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_ENV = 'HOSO_TEST_PG';

/** The admin URL, or an Error saying how to provide it. */
export function postgresAdminUrl(): string {
  const url = process.env[POSTGRES_ENV]?.trim();
  if (!url)
    throw new Error(
      `${POSTGRES_ENV} is not set: the PostgreSQL registry tests need an admin connection URL, ` +
        `e.g. ${POSTGRES_ENV}=postgres://postgres@127.0.0.1:54329/postgres (CI starts a server, .ci/run)`,
    );
  if (!/^postgres(ql)?:\/\//i.test(url))
    throw new Error(`${POSTGRES_ENV}="${url}" is not a postgres:// URL`);
  return url;
}

/** The same server and credentials, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

async function asAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: postgresAdminUrl(),
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface FreshDatabase {
  /** `postgres://…/hoso_t_<random>`, empty. */
  readonly location: string;
  readonly name: string;
  /** Drops it, closing whatever connections are left (WITH (FORCE), PostgreSQL 13+). */
  drop(): Promise<void>;
}

/** A new empty database; `template` copies an existing one instead (CREATE DATABASE … TEMPLATE). */
export async function freshPostgresDatabase(template?: string): Promise<FreshDatabase> {
  const admin = postgresAdminUrl();
  const name = `hoso_t_${randomBytes(6).toString('hex')}`;
  await asAdmin((c) =>
    c.query(
      `CREATE DATABASE ${name}${template !== undefined ? ` TEMPLATE ${quoteIdent(template)}` : ''}`,
    ),
  );
  return {
    location: databaseUrl(admin, name),
    name,
    drop: () =>
      asAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
