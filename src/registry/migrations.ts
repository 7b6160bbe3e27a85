/**
 * Versioned schema migrations, applied automatically when a registry is opened for writing.
 * Each runs inside the registry's write lock (engine.ts), so that eight processes opening a new
 * database at once apply it exactly once. A database whose version is newer than the newest
 * migration here was written by a later hoso: it is refused rather than guessed at.
 */
import { sql, type Kysely } from 'kysely';
import type { RegistryTables } from './tables.js';

export type Engine = 'sqlite' | 'postgres';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<RegistryTables>, engine: Engine): Promise<void>;
}

/** Tables no code path updates or deletes from; a trigger refuses it at the database too. The
 * hash chain, not the trigger, is what detects tampering: whoever can drop a trigger can edit. */
const APPEND_ONLY = [
  'dossier_codes',
  'contents',
  'documents',
  'register_records',
  'certification_entries',
  'conversions',
  'lookup_codes',
  'revocations',
  'audit_log',
] as const;

async function appendOnlyTriggers(db: Kysely<RegistryTables>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`CREATE OR REPLACE FUNCTION hoso_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'hoso registry: % is append-only', TG_TABLE_NAME; END;
      $$ LANGUAGE plpgsql`.execute(db);
    for (const table of APPEND_ONLY)
      await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)}
        FOR EACH ROW EXECUTE FUNCTION hoso_append_only()`.execute(db);
    return;
  }
  for (const table of APPEND_ONLY)
    for (const op of ['UPDATE', 'DELETE'])
      await sql`CREATE TRIGGER ${sql.raw(`${table}_no_${op.toLowerCase()}`)} BEFORE ${sql.raw(op)} ON ${sql.table(table)}
        BEGIN SELECT RAISE(ABORT, ${sql.lit(`hoso registry: ${table} is append-only`)}); END`.execute(
        db,
      );
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'registry: codes, documents, registers, conversions, lookup codes, audit log',
    async up(db, engine) {
      const s = db.schema;
      const binary = engine === 'postgres' ? sql`bytea` : sql`blob`;
      await s
        .createTable('dossier_sequences')
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('last_number', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('dossier_sequences_pk', ['agency_code', 'day'])
        .execute();
      await s
        .createTable('dossier_codes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('agency_code', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('allocated_at', 'text', (c) => c.notNull())
        .addColumn('allocated_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('dossier_codes_number', ['agency_code', 'day', 'number'])
        .execute();
      await s
        .createTable('contents')
        .addColumn('sha256', 'text', (c) => c.primaryKey())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('stored_at', 'text', (c) => c.notNull())
        .addColumn('data', binary)
        .execute();
      await s
        .createTable('documents')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) =>
          c.notNull().check(sql`kind IN ('original', 'certified-copy', 'register-copy', 'paper')`),
        )
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('dossier_code', 'text')
        .addColumn('result_code', 'text')
        .addColumn('procedure_code', 'text')
        .addColumn('pages', 'integer')
        .addColumn('system_name', 'text')
        .addColumn('system_owner', 'text')
        .addColumn('agency_code', 'text')
        .addColumn('agency_name', 'text')
        .addColumn('source_id', 'integer', (c) => c.references('documents.id'))
        .addColumn('verification', 'text')
        .addColumn('signers', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await s.createIndex('documents_sha256').on('documents').column('sha256').execute();
      await s.createIndex('documents_dossier').on('documents').column('dossier_code').execute();
      await s
        .createTable('register_records')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('dossier_code', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('registered_at', 'text', (c) => c.notNull())
        .addColumn('registered_by', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('certification_entries')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('book', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('original_sha256', 'text', (c) => c.notNull())
        .addColumn('officer_name', 'text', (c) => c.notNull())
        .addColumn('officer_title', 'text')
        .addColumn('agency_code', 'text')
        .addColumn('agency_name', 'text')
        .addColumn('place', 'text')
        .addColumn('certified_at', 'text', (c) => c.notNull())
        .addColumn('certified_by', 'text', (c) => c.notNull())
        .addUniqueConstraint('certification_entries_copy', [
          'book',
          'year',
          'number',
          'document_id',
        ])
        .execute();
      await s
        .createTable('conversions')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('paper_document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('source_sha256', 'text', (c) => c.notNull())
        .addColumn('converter_name', 'text')
        .addColumn('converter_title', 'text')
        .addColumn('converted_at', 'text', (c) => c.notNull())
        .addColumn('converted_by', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('lookup_codes')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await s
        .createIndex('lookup_codes_document')
        .on('lookup_codes')
        .column('document_id')
        .execute();
      await s
        .createTable('revocations')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text', (c) => c.notNull())
        .addColumn('revoked_by', 'text', (c) => c.notNull())
        .execute();
      await s
        .createTable('audit_log')
        .addColumn('seq', 'integer', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('subject_table', 'text', (c) => c.notNull())
        .addColumn('subject_key', 'text', (c) => c.notNull())
        .addColumn('subject_digest', 'text', (c) => c.notNull())
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('entry_hash', 'text', (c) => c.notNull().unique())
        .execute();
      await s
        .createIndex('audit_log_subject')
        .on('audit_log')
        .columns(['subject_table', 'subject_key'])
        .execute();
      await appendOnlyTriggers(db, engine);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
