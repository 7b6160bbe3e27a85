/**
 * The registry: one typed query layer (kysely) over either engine. Everything hoso records —
 * dossier codes, documents, the master register, certifications, conversions, lookup codes,
 * revocations — goes through here, each insert with its audit entry in the same transaction.
 *
 * Codes are formatted and checked by the capability that owns them (src/lookup); the registry
 * stores and counts.
 */
import type { Clock } from '../kernel/index.js';
import { HosoError } from '../kernel/index.js';
import { appendAudit, verifyAuditChain, type AuditVerification } from './audit-log.js';
import { contentStoreFor, type ContentInput, type ContentStore } from './content-store.js';
import { openEngine, registryError, type Db, type EngineHandle, type OpenMode } from './engine.js';
import type { RegistryLocation } from './location.js';
import type {
  DocumentKind,
  Indication,
  LookupRecord,
  LookupSource,
  SignerAtIssue,
} from './lookup-record.js';
import type { AuditedTable, DocumentsTable } from './tables.js';
import type { WriteGate } from './write-gate.js';

/** Circular 01/2018/TT-VPCP Art. 19: four digits a day per receiving unit. */
export const MAX_DOSSIER_NUMBER = 9999;

export interface OpenRegistryOptions {
  readonly location: RegistryLocation;
  readonly mode: OpenMode;
  readonly clock: Clock;
  /** Who acts, recorded in every row and audit entry (officer name or OS user@host). */
  readonly actor: string;
  /** Threads of one process writing to one SQLite registry queue here first (write-gate.ts). */
  readonly writeGate?: WriteGate;
}

export interface NewDocument {
  readonly kind: DocumentKind;
  readonly title: string;
  readonly sha256: string;
  readonly size: number;
  /** Keep the bytes (content-addressed); omit to record the hash only. */
  readonly content?: ContentInput;
  readonly dossierCode?: string | null;
  readonly resultCode?: string | null;
  readonly procedureCode?: string | null;
  readonly pages?: number | null;
  readonly system?: { readonly name: string | null; readonly owner: string | null };
  readonly agency?: { readonly code: string | null; readonly name: string | null };
  readonly sourceId?: number | null;
  readonly verification?: Indication | null;
  readonly signers?: readonly SignerAtIssue[];
  /** Canonical lookup code made by the caller (src/lookup); none when the document gets none. */
  readonly lookupCode?: string;
  /** Enter the document in the master register (sổ gốc) under its dossier code. */
  readonly registerRecord?: boolean;
  /** Enter it in the certification register; `number` omitted → the book's next number. */
  readonly certification?: {
    readonly book: string;
    readonly year: number;
    readonly number?: number;
    readonly originalSha256: string;
    readonly officerName: string;
    readonly officerTitle: string | null;
    readonly place: string | null;
  };
  readonly conversion?: {
    readonly sourceSha256: string;
    readonly converterName: string | null;
    readonly converterTitle: string | null;
  };
}

/** What `produceDocument` hands its producer before the document exists. */
export interface ReservedForProduction {
  /** The time recorded for the document: print it on the document. */
  readonly at: Date;
  readonly certificationNumber: number | null;
  readonly certificationYear: number | null;
}

/** What the producer returns: the finished document's bytes and facts. */
export interface ProducedDocument {
  readonly sha256: string;
  readonly size: number;
  readonly content: ContentInput;
  readonly pages: number | null;
  readonly verification?: Indication | null;
  readonly signers?: readonly SignerAtIssue[];
}

export interface RegisteredDocument {
  readonly documentId: number;
  readonly recordId: number | null;
  readonly lookupCode: string | null;
  readonly certificationNumber: number | null;
  readonly certificationYear: number | null;
  readonly createdAt: string;
}

export interface DocumentView {
  readonly id: number;
  readonly kind: DocumentKind;
  readonly title: string;
  readonly sha256: string;
  readonly size: number;
  readonly dossierCode: string | null;
  readonly resultCode: string | null;
  readonly procedureCode: string | null;
  readonly pages: number | null;
  readonly recordId: number | null;
  readonly lookupCodes: readonly string[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly verification: Indication | null;
  readonly signers: readonly SignerAtIssue[];
  readonly contentStored: boolean;
  readonly revokedAt: string | null;
}

export interface CertificationListItem {
  readonly book: string;
  readonly year: number;
  readonly number: number;
  readonly certifiedAt: string;
  readonly title: string;
  readonly originalSha256: string;
  readonly officerName: string;
  readonly agencyName: string | null;
  readonly copies: number;
}

export interface RegisterListItem {
  readonly recordId: number;
  readonly documentId: number;
  readonly dossierCode: string;
  readonly title: string;
  readonly sha256: string;
  readonly registeredAt: string;
  readonly registeredBy: string;
  readonly lookupCode: string | null;
}

async function nextId(
  db: Db,
  table: 'documents' | 'register_records' | 'certification_entries' | 'conversions' | 'revocations',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0) + 1;
}

/** Carries a producer's error through the transaction's rollback unchanged. */
class ProducerFailure {
  constructor(readonly cause: unknown) {}
}

export class Registry implements LookupSource {
  private constructor(
    private readonly handle: EngineHandle,
    private readonly contents: ContentStore,
    private readonly clock: Clock,
    private readonly actor: string,
  ) {}

  static async open(options: OpenRegistryOptions): Promise<Registry> {
    const handle = await openEngine(
      options.location,
      options.mode,
      () => options.clock.now(),
      options.writeGate,
    );
    const dbPath = options.location.engine === 'sqlite' ? options.location.path : null;
    return new Registry(
      handle,
      contentStoreFor(handle.engine, dbPath),
      options.clock,
      options.actor,
    );
  }

  get engine(): 'sqlite' | 'postgres' {
    return this.handle.engine;
  }

  get location(): RegistryLocation {
    return this.handle.location;
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  /** Runs a write under the lock, mapping engine errors to registry errors. */
  private async write<T>(fn: (db: Db, at: string) => Promise<T>): Promise<T> {
    try {
      return await this.handle.write((db) => fn(db, this.clock.now().toISOString()));
    } catch (e) {
      // The producer's own failure (a wrong password, a TSA down) is not the registry's.
      if (e instanceof ProducerFailure) throw e.cause;
      throw registryError(e, this.handle.location);
    }
  }

  private async read<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    try {
      return await fn(this.handle.db);
    } catch (e) {
      throw registryError(e, this.handle.location);
    }
  }

  private async insert(
    db: Db,
    table: AuditedTable,
    row: Record<string, unknown>,
    action: string,
    at: string,
  ): Promise<void> {
    await db
      .insertInto(table)
      .values(row as never)
      .execute();
    await appendAudit(db, { at, actor: this.actor, action, table, row });
  }

  /**
   * The next number of `agency` on `day` (YYMMDD), recorded with the code `format` makes of it.
   * One transaction under the write lock: concurrent callers get distinct numbers without gaps.
   */
  async allocateDossierNumber(
    agencyCode: string,
    day: string,
    format: (n: number) => string,
  ): Promise<{ code: string; number: number }> {
    return this.write(async (db, at) => {
      const current = await db
        .selectFrom('dossier_sequences')
        .select('last_number')
        .where('agency_code', '=', agencyCode)
        .where('day', '=', day)
        .executeTakeFirst();
      const number = (current?.last_number ?? 0) + 1;
      if (number > MAX_DOSSIER_NUMBER)
        throw new HosoError('CODE_SEQUENCE_EXHAUSTED', { params: { agency: agencyCode, day } });
      if (current)
        await db
          .updateTable('dossier_sequences')
          .set({ last_number: number })
          .where('agency_code', '=', agencyCode)
          .where('day', '=', day)
          .execute();
      else
        await db
          .insertInto('dossier_sequences')
          .values({ agency_code: agencyCode, day, last_number: number })
          .execute();
      const code = format(number);
      await this.insert(
        db,
        'dossier_codes',
        { code, agency_code: agencyCode, day, number, allocated_at: at, allocated_by: this.actor },
        'dossier-code.allocate',
        at,
      );
      return { code, number };
    });
  }

  async registerDocument(doc: NewDocument): Promise<RegisteredDocument> {
    const data = await this.stageContent(doc);
    return this.write((db, at) => this.insertDocument(db, at, doc, data));
  }

  /**
   * Reserves what a document to be produced needs — the time, and the next certification number
   * when `spec.certification` has none — then calls `produce` to make and sign the document,
   * and records it: all in one transaction under the write lock. If `produce` throws (a wrong
   * password, a TSA that is down) nothing is recorded and no number is used (issue 5). Writers
   * from other processes wait meanwhile; `produce` should not take long.
   */
  async produceDocument(
    spec: Omit<NewDocument, 'sha256' | 'size' | 'content' | 'pages'> & {
      /** The certification book's year for the transaction's time (default: certification.year). */
      readonly certificationYearOf?: (at: Date) => number;
      /**
       * The time to record instead of the transaction's: for a document composed (with this
       * time printed on it) before the write lock was taken, so that writers do not queue
       * behind the composition (hoso print).
       */
      readonly at?: Date;
    },
    produce: (reserved: ReservedForProduction) => Promise<ProducedDocument>,
  ): Promise<RegisteredDocument> {
    return this.write(async (db, transactionAt) => {
      const at = spec.at?.toISOString() ?? transactionAt;
      const c = spec.certification;
      // The book's year is the year of the transaction's time (Vietnam year for a Vietnamese
      // book: the caller's yearOf), not of whenever the command started waiting for the lock.
      const year = c ? (spec.certificationYearOf?.(new Date(at)) ?? c.year) : null;
      const certificationNumber =
        c && year !== null
          ? (c.number ?? (await this.nextCertificationNumber(db, c.book, year, spec.agency)))
          : null;
      let produced: ProducedDocument;
      try {
        produced = await produce({
          at: new Date(at),
          certificationNumber,
          certificationYear: year,
        });
      } catch (e) {
        throw new ProducerFailure(e);
      }
      const doc: NewDocument = {
        ...spec,
        ...produced,
        ...(c && certificationNumber !== null && year !== null
          ? { certification: { ...c, year, number: certificationNumber } }
          : {}),
      };
      const data = await this.stageContent(doc);
      return this.insertDocument(db, at, doc, data);
    });
  }

  /** Stored bytes go in place before the rows that reference them (content-store.ts). */
  private async stageContent(doc: NewDocument): Promise<Uint8Array | null> {
    if (!doc.content) return null;
    try {
      await this.contents.prepare(doc.sha256, doc.content);
      return await this.contents.rowData(doc.content);
    } catch (e) {
      throw registryError(e, this.handle.location);
    }
  }

  /** Numbers run per book and year at one agency (LEGAL.md §2; the agency's code, else its name). */
  private async nextCertificationNumber(
    db: Db,
    book: string,
    year: number,
    agency: NewDocument['agency'],
  ): Promise<number> {
    const key = agency?.code ?? agency?.name ?? '';
    const last = await db
      .selectFrom('certification_entries')
      .select((eb) => eb.fn.max('number').as('m'))
      .where('book', '=', book)
      .where('year', '=', year)
      .where((eb) => eb.fn.coalesce('agency_code', 'agency_name', eb.val('')), '=', key)
      .executeTakeFirst();
    return Number(last?.m ?? 0) + 1;
  }

  private async insertDocument(
    db: Db,
    at: string,
    doc: NewDocument,
    data: Uint8Array | null,
  ): Promise<RegisteredDocument> {
    if (doc.content) {
      const known = await db
        .selectFrom('contents')
        .select('sha256')
        .where('sha256', '=', doc.sha256)
        .executeTakeFirst();
      if (!known)
        await this.insert(
          db,
          'contents',
          { sha256: doc.sha256, size: doc.size, stored_at: at, data },
          'content.store',
          at,
        );
    }
    const documentId = await nextId(db, 'documents');
    const row: DocumentsTable = {
      id: documentId,
      kind: doc.kind,
      sha256: doc.sha256,
      size: doc.size,
      title: doc.title,
      dossier_code: doc.dossierCode ?? null,
      result_code: doc.resultCode ?? null,
      procedure_code: doc.procedureCode ?? null,
      pages: doc.pages ?? null,
      system_name: doc.system?.name ?? null,
      system_owner: doc.system?.owner ?? null,
      agency_code: doc.agency?.code ?? null,
      agency_name: doc.agency?.name ?? null,
      source_id: doc.sourceId ?? null,
      verification: doc.verification ?? null,
      signers: JSON.stringify(doc.signers ?? []),
      created_at: at,
      created_by: this.actor,
    };
    await this.insert(db, 'documents', { ...row }, 'document.add', at);

    let recordId: number | null = null;
    if (doc.registerRecord) {
      if (!doc.dossierCode) throw new Error('a register record needs a dossier code');
      recordId = await nextId(db, 'register_records');
      await this.insert(
        db,
        'register_records',
        {
          id: recordId,
          document_id: documentId,
          dossier_code: doc.dossierCode,
          title: doc.title,
          registered_at: at,
          registered_by: this.actor,
        },
        'register.add',
        at,
      );
    }

    let certificationNumber: number | null = null;
    if (doc.certification) {
      const c = doc.certification;
      certificationNumber =
        c.number ?? (await this.nextCertificationNumber(db, c.book, c.year, doc.agency));
      await this.insert(
        db,
        'certification_entries',
        {
          id: await nextId(db, 'certification_entries'),
          book: c.book,
          year: c.year,
          number: certificationNumber,
          document_id: documentId,
          original_sha256: c.originalSha256,
          officer_name: c.officerName,
          officer_title: c.officerTitle,
          agency_code: doc.agency?.code ?? null,
          agency_name: doc.agency?.name ?? null,
          place: c.place,
          certified_at: at,
          certified_by: this.actor,
        },
        'certification.add',
        at,
      );
    }

    if (doc.conversion) {
      await this.insert(
        db,
        'conversions',
        {
          id: await nextId(db, 'conversions'),
          paper_document_id: documentId,
          source_sha256: doc.conversion.sourceSha256,
          converter_name: doc.conversion.converterName,
          converter_title: doc.conversion.converterTitle,
          converted_at: at,
          converted_by: this.actor,
        },
        'conversion.add',
        at,
      );
    }

    if (doc.lookupCode !== undefined)
      await this.insert(
        db,
        'lookup_codes',
        { code: doc.lookupCode, document_id: documentId, created_at: at },
        'lookup-code.issue',
        at,
      );

    return {
      documentId,
      recordId,
      lookupCode: doc.lookupCode ?? null,
      certificationNumber,
      certificationYear: doc.certification?.year ?? null,
      createdAt: at,
    };
  }

  /** Withdraws a document (its lookup page then says so); a new row, never an edit. */
  async revokeDocument(documentId: number, reason: string): Promise<string> {
    return this.write(async (db, at) => {
      const exists = await db
        .selectFrom('documents')
        .select('id')
        .where('id', '=', documentId)
        .executeTakeFirst();
      if (!exists) throw new HosoError('RECORD_NOT_FOUND', { params: { id: documentId } });
      await this.insert(
        db,
        'revocations',
        {
          id: await nextId(db, 'revocations'),
          document_id: documentId,
          reason,
          revoked_at: at,
          revoked_by: this.actor,
        },
        'revocation.add',
        at,
      );
      return at;
    });
  }

  /**
   * One query (the lookup service's hot path, issue 4's load target): the document and, joined,
   * its certification entry, conversion and earliest revocation, if any.
   */
  async findByLookupCode(code: string): Promise<LookupRecord | null> {
    return this.read(async (db) => {
      const d = await db
        .selectFrom('lookup_codes as l')
        .innerJoin('documents as d', 'd.id', 'l.document_id')
        .leftJoin('certification_entries as c', 'c.document_id', 'd.id')
        .leftJoin('conversions as v', 'v.paper_document_id', 'd.id')
        .selectAll('d')
        .select([
          'l.code as lookup_code',
          'c.number as cert_number',
          'c.book as cert_book',
          'c.year as cert_year',
          'v.converted_at as converted_at',
          (eb) =>
            eb
              .selectFrom('revocations as r')
              .select((e) => e.fn.min('r.revoked_at').as('m'))
              .whereRef('r.document_id', '=', 'd.id')
              .as('revoked_at'),
        ])
        .where('l.code', '=', code)
        .limit(1)
        .executeTakeFirst();
      if (!d) return null;
      const revokedAt = (d.revoked_at as string | null) ?? null;
      return {
        lookupCode: d.lookup_code,
        kind: d.kind as DocumentKind,
        title: d.title,
        dossierCode: d.dossier_code,
        resultCode: d.result_code,
        procedureCode: d.procedure_code,
        system: { name: d.system_name, owner: d.system_owner },
        agency: { code: d.agency_code, name: d.agency_name },
        issuedAt: d.created_at,
        convertedAt: d.converted_at ?? null,
        certification:
          d.cert_number !== null && d.cert_book !== null && d.cert_year !== null
            ? { number: d.cert_number, book: d.cert_book, year: d.cert_year }
            : null,
        status: revokedAt ? 'REVOKED' : 'VALID',
        revokedAt,
        verification: d.verification as Indication | null,
        signers: JSON.parse(d.signers) as SignerAtIssue[],
        sha256: d.sha256,
        pages: d.pages,
      };
    });
  }

  /** A document by id (`hoso register show`), or by register record id when `byRecord`. */
  async getDocument(id: number, byRecord = false): Promise<DocumentView | null> {
    return this.read(async (db) => {
      const record = byRecord
        ? await db
            .selectFrom('register_records')
            .select(['id', 'document_id'])
            .where('id', '=', id)
            .executeTakeFirst()
        : await db
            .selectFrom('register_records')
            .select(['id', 'document_id'])
            .where('document_id', '=', id)
            .orderBy('id')
            .limit(1)
            .executeTakeFirst();
      const documentId = byRecord ? record?.document_id : id;
      if (documentId === undefined) return null;
      const d = await db
        .selectFrom('documents')
        .selectAll()
        .where('id', '=', documentId)
        .executeTakeFirst();
      if (!d) return null;
      const [codes, content, revocation] = await Promise.all([
        db
          .selectFrom('lookup_codes')
          .select('code')
          .where('document_id', '=', d.id)
          .orderBy('created_at')
          .execute(),
        db
          .selectFrom('contents')
          .select('sha256')
          .where('sha256', '=', d.sha256)
          .executeTakeFirst(),
        db
          .selectFrom('revocations')
          .select('revoked_at')
          .where('document_id', '=', d.id)
          .orderBy('id')
          .limit(1)
          .executeTakeFirst(),
      ]);
      return {
        id: d.id,
        kind: d.kind as DocumentKind,
        title: d.title,
        sha256: d.sha256,
        size: d.size,
        dossierCode: d.dossier_code,
        resultCode: d.result_code,
        procedureCode: d.procedure_code,
        pages: d.pages,
        recordId: record?.id ?? null,
        lookupCodes: codes.map((c) => c.code),
        createdAt: d.created_at,
        createdBy: d.created_by,
        verification: d.verification as Indication | null,
        signers: JSON.parse(d.signers) as SignerAtIssue[],
        contentStored: content !== undefined,
        revokedAt: revocation?.revoked_at ?? null,
      };
    });
  }

  /** Documents with these bytes (newest first): how `hoso print` finds a result's dossier. */
  async findBySha256(sha256: string): Promise<readonly DocumentView[]> {
    const ids = await this.read((db) =>
      db
        .selectFrom('documents')
        .select('id')
        .where('sha256', '=', sha256)
        .orderBy('id', 'desc')
        .execute(),
    );
    const views = await Promise.all(ids.map((r) => this.getDocument(r.id)));
    return views.filter((v): v is DocumentView => v !== null);
  }

  /** The master register in order of entry. */
  async listRegister(
    filter: { dossierCode?: string; limit?: number; offset?: number } = {},
  ): Promise<readonly RegisterListItem[]> {
    return this.read(async (db) => {
      let q = db
        .selectFrom('register_records as r')
        .innerJoin('documents as d', 'd.id', 'r.document_id')
        .leftJoin('lookup_codes as l', 'l.document_id', 'd.id')
        .select([
          'r.id as recordId',
          'd.id as documentId',
          'r.dossier_code as dossierCode',
          'r.title as title',
          'd.sha256 as sha256',
          'r.registered_at as registeredAt',
          'r.registered_by as registeredBy',
          'l.code as lookupCode',
        ])
        .orderBy('r.id');
      if (filter.dossierCode !== undefined) q = q.where('r.dossier_code', '=', filter.dossierCode);
      if (filter.limit !== undefined) q = q.limit(filter.limit);
      if (filter.offset !== undefined) q = q.offset(filter.offset);
      return q.execute();
    });
  }

  /**
   * The register of copies (sổ chứng thực), one line per certification number: several copies of
   * one original made at once share a number (LEGAL.md §2), hence `copies`.
   */
  async listCertifications(
    filter: { book?: string; year?: number } = {},
  ): Promise<readonly CertificationListItem[]> {
    return this.read(async (db) => {
      let q = db
        .selectFrom('certification_entries as c')
        .innerJoin('documents as d', 'd.id', 'c.document_id')
        .select((eb) => [
          'c.book as book',
          'c.year as year',
          'c.number as number',
          eb.fn.min('c.certified_at').as('certifiedAt'),
          eb.fn.min('d.title').as('title'),
          eb.fn.min('c.original_sha256').as('originalSha256'),
          eb.fn.min('c.officer_name').as('officerName'),
          eb.fn.min('c.agency_name').as('agencyName'),
          eb.fn.count<number>('c.id').as('copies'),
        ])
        // Numbers run per agency (its code, else its name), book and year.
        .groupBy((eb) => [
          eb.fn.coalesce('c.agency_code', 'c.agency_name', eb.val('')),
          'c.book',
          'c.year',
          'c.number',
        ])
        .orderBy('c.year')
        .orderBy('c.book')
        .orderBy('c.number');
      if (filter.book !== undefined) q = q.where('c.book', '=', filter.book);
      if (filter.year !== undefined) q = q.where('c.year', '=', filter.year);
      const rows = await q.execute();
      return rows.map((r) => ({ ...r, copies: Number(r.copies) }));
    });
  }

  async readContent(sha256: string): Promise<Uint8Array | null> {
    return this.read((db) => this.contents.read(db, sha256));
  }

  /** Walks the audit chain and every recorded row (`hoso register verify`). */
  async verify(): Promise<AuditVerification> {
    return this.read((db) => verifyAuditChain(db, (sha) => this.contents.check(db, sha)));
  }

  /** Numbers a day's codes have taken, for checks that no number was skipped. */
  async dossierNumbers(agencyCode: string, day: string): Promise<readonly number[]> {
    const rows = await this.read((db) =>
      db
        .selectFrom('dossier_codes')
        .select('number')
        .where('agency_code', '=', agencyCode)
        .where('day', '=', day)
        .orderBy('number')
        .execute(),
    );
    return rows.map((r) => r.number);
  }
}
