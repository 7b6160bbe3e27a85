/**
 * The registry's tables as the query layer (kysely) sees them. One schema for SQLite and
 * PostgreSQL: integers, text, and binary only where content is kept in the database; times are
 * ISO 8601 UTC text (`2026-11-25T08:15:00.000Z`) so that both engines hand back the same bytes
 * and the audit digests agree.
 *
 * Every table but `dossier_sequences` (a counter) and `schema_migrations` is append-only: rows
 * are inserted, never updated or deleted, and each insert is recorded in `audit_log`, whose
 * entries chain by SHA-256 (see audit-log.ts). A change of state, such as a revocation, is a new
 * row in its own table.
 */

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** Circular 01/2018/TT-VPCP Art. 19: the running number of dossiers per receiving unit and day. */
export interface DossierSequencesTable {
  agency_code: string;
  day: string; // YYMMDD, Vietnam time
  last_number: number;
}

export interface DossierCodesTable {
  code: string;
  agency_code: string;
  day: string;
  number: number;
  allocated_at: string;
  allocated_by: string;
}

/** Content-addressed bytes. SQLite: `data` is null, the bytes are in the folder beside the
 * database; PostgreSQL: `data` holds them (bytea). */
export interface ContentsTable {
  sha256: string;
  size: number;
  stored_at: string;
  data: Uint8Array | null;
}

export interface DocumentsTable {
  id: number;
  kind: string; // DocumentKind
  sha256: string;
  size: number;
  title: string;
  dossier_code: string | null;
  result_code: string | null;
  procedure_code: string | null;
  pages: number | null;
  system_name: string | null;
  system_owner: string | null;
  agency_code: string | null;
  agency_name: string | null;
  /** The document this one was made from (a copy's original, a paper's electronic result). */
  source_id: number | null;
  /** Indication of the document's signatures at issue, null when not verified. */
  verification: string | null;
  /** JSON array of SignerAtIssue. */
  signers: string;
  created_at: string;
  created_by: string;
}

/** The master register (sổ gốc): documents an agency holds and can issue copies from. */
export interface RegisterRecordsTable {
  id: number;
  document_id: number;
  dossier_code: string;
  title: string;
  registered_at: string;
  registered_by: string;
}

/** The certification register (sổ chứng thực bản sao): one number may cover several copies of
 * one original made at the same time (Decree 23/2015, LEGAL.md §2). */
export interface CertificationEntriesTable {
  id: number;
  book: string;
  year: number;
  number: number;
  document_id: number;
  original_sha256: string;
  officer_name: string;
  officer_title: string | null;
  agency_code: string | null;
  agency_name: string | null;
  place: string | null;
  certified_at: string;
  certified_by: string;
}

/** Paper conversions (Decree 45/2020 Art. 18(2)). */
export interface ConversionsTable {
  id: number;
  paper_document_id: number;
  source_sha256: string;
  converter_name: string | null;
  converter_title: string | null;
  converted_at: string;
  converted_by: string;
}

export interface LookupCodesTable {
  code: string;
  document_id: number;
  created_at: string;
}

export interface RevocationsTable {
  id: number;
  document_id: number;
  reason: string;
  revoked_at: string;
  revoked_by: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_table: string;
  subject_key: string;
  subject_digest: string;
  prev_hash: string;
  entry_hash: string;
}

export interface RegistryTables {
  schema_migrations: SchemaMigrationsTable;
  dossier_sequences: DossierSequencesTable;
  dossier_codes: DossierCodesTable;
  contents: ContentsTable;
  documents: DocumentsTable;
  register_records: RegisterRecordsTable;
  certification_entries: CertificationEntriesTable;
  conversions: ConversionsTable;
  lookup_codes: LookupCodesTable;
  revocations: RevocationsTable;
  audit_log: AuditLogTable;
}

/** Tables whose every row is recorded in the audit log, with the column that keys a row. */
export const AUDITED_TABLES = {
  dossier_codes: 'code',
  contents: 'sha256',
  documents: 'id',
  register_records: 'id',
  certification_entries: 'id',
  conversions: 'id',
  lookup_codes: 'code',
  revocations: 'id',
} as const satisfies Partial<Record<keyof RegistryTables, string>>;

export type AuditedTable = keyof typeof AUDITED_TABLES;
