/**
 * The append-only, tamper-evident audit log (Decree 45/2020 Art. 6: no altering of dossier data
 * or results; LEGAL.md §5).
 *
 * Every insert into an audited table appends one entry in the same transaction. An entry records
 * which row (table and key), the SHA-256 of that row's canonical form (`subject_digest`), and the
 * hash of the entry before it (`prev_hash`); its own `entry_hash` is the SHA-256 of all of that.
 * So editing any audited row, any entry, or deleting entries from the middle breaks the chain at
 * a point `verifyAuditChain` names. There is no update or delete path for these rows in the code,
 * and triggers refuse them in the database (migrations.ts).
 *
 * Known limit, stated plainly: cutting entries off the *end* together with their rows leaves a
 * shorter chain that is consistent. `hoso register verify` prints the head hash and the entry
 * count so an operator can note them elsewhere (a printed report, a second system) and compare.
 */
import { createHash } from 'node:crypto';
import type { Db } from './engine.js';
import { AUDITED_TABLES, type AuditLogTable, type AuditedTable } from './tables.js';

export const GENESIS_HASH = '0'.repeat(64);

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The row as it is hashed: columns in name order, binary content left out (it is addressed by
 * its own SHA-256, which is in the row). */
export function rowDigest(row: Readonly<Record<string, unknown>>): string {
  const columns = Object.keys(row)
    .filter((k) => k !== 'data')
    .sort();
  return sha256Hex(JSON.stringify(columns.map((k) => [k, row[k] ?? null])));
}

export function entryHash(e: Omit<AuditLogTable, 'entry_hash'>): string {
  return sha256Hex(
    JSON.stringify([
      e.seq,
      e.at,
      e.actor,
      e.action,
      e.subject_table,
      e.subject_key,
      e.subject_digest,
      e.prev_hash,
    ]),
  );
}

export interface AuditInput {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly table: AuditedTable;
  readonly row: Readonly<Record<string, unknown>>;
}

/** Appends one entry; the caller holds the write lock (engine.write), so the head is stable. */
export async function appendAudit(db: Db, input: AuditInput): Promise<AuditLogTable> {
  const head = await db
    .selectFrom('audit_log')
    .select(['seq', 'entry_hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const keyColumn = AUDITED_TABLES[input.table];
  const partial = {
    seq: (head?.seq ?? 0) + 1,
    at: input.at,
    actor: input.actor,
    action: input.action,
    subject_table: input.table,
    subject_key: String(input.row[keyColumn]),
    subject_digest: rowDigest(input.row),
    prev_hash: head?.entry_hash ?? GENESIS_HASH,
  };
  const entry = { ...partial, entry_hash: entryHash(partial) };
  await db.insertInto('audit_log').values(entry).execute();
  return entry;
}

export type AuditProblemKind =
  | 'entry-altered'
  | 'chain-broken'
  | 'entry-missing'
  | 'row-altered'
  | 'row-missing'
  | 'row-unrecorded'
  | 'content-altered'
  | 'content-missing';

export interface AuditProblem {
  readonly kind: AuditProblemKind;
  /** The entry concerned; null for a row no entry records. */
  readonly seq: number | null;
  readonly action: string | null;
  readonly table: string;
  readonly key: string;
}

export interface AuditVerification {
  readonly intact: boolean;
  readonly entries: number;
  /** entry_hash of the last entry (GENESIS_HASH for an empty log). */
  readonly head: string;
  /** The first problem in chain order, then rows no entry records. */
  readonly problems: readonly AuditProblem[];
}

/** Re-hashes stored content; the registry supplies it per engine (files or bytea). */
export type ContentCheck = (sha256: string) => Promise<'ok' | 'altered' | 'missing'>;

const PAGE = 1000;

/**
 * Walks the chain from the first entry: each entry's hash, its link to the one before, its
 * sequence number, and the row it records (re-hashed from the table as it is now), and the
 * stored content's own hash. Memory: one digest per audited row (fine to some millions of rows).
 */
export async function verifyAuditChain(
  db: Db,
  checkContent: ContentCheck,
): Promise<AuditVerification> {
  const digests = new Map<string, Map<string, string>>();
  for (const [table, keyColumn] of Object.entries(AUDITED_TABLES) as [AuditedTable, string][]) {
    const byKey = new Map<string, string>();
    // Keyset pages keep memory flat whatever the table size.
    let after: string | number | null = null;
    for (;;) {
      let q = db
        .selectFrom(table)
        .selectAll()
        .orderBy(keyColumn as never)
        .limit(PAGE);
      if (after !== null) q = q.where(keyColumn as never, '>', after as never);
      const rows = (await q.execute()) as Record<string, unknown>[];
      for (const row of rows) byKey.set(String(row[keyColumn]), rowDigest(row));
      if (rows.length < PAGE) break;
      after = rows[rows.length - 1]![keyColumn] as string | number;
    }
    digests.set(table, byKey);
  }

  const problems: AuditProblem[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  let lastSeq = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', lastSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const e of page) {
      entries++;
      lastSeq = e.seq;
      const at = { seq: e.seq, action: e.action, table: e.subject_table, key: e.subject_key };
      if (problems.length === 0) {
        if (e.seq !== expectedSeq) problems.push({ kind: 'entry-missing', ...at });
        else if (entryHash(e) !== e.entry_hash) problems.push({ kind: 'entry-altered', ...at });
        else if (e.prev_hash !== prev) problems.push({ kind: 'chain-broken', ...at });
        else {
          const byKey = digests.get(e.subject_table);
          const digest = byKey?.get(e.subject_key);
          if (digest === undefined) problems.push({ kind: 'row-missing', ...at });
          else if (digest !== e.subject_digest) problems.push({ kind: 'row-altered', ...at });
          else if (e.subject_table === 'contents') {
            const content = await checkContent(e.subject_key);
            if (content !== 'ok')
              problems.push({
                kind: content === 'missing' ? 'content-missing' : 'content-altered',
                ...at,
              });
          }
        }
      }
      digests.get(e.subject_table)?.delete(e.subject_key);
      expectedSeq = e.seq + 1;
      prev = e.entry_hash;
    }
    if (page.length < PAGE) break;
  }
  for (const [table, byKey] of digests)
    for (const key of byKey.keys())
      problems.push({ kind: 'row-unrecorded', seq: null, action: null, table, key });
  return { intact: problems.length === 0, entries, head: prev, problems };
}
