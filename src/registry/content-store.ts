/**
 * Where registered documents' bytes are kept, addressed by their SHA-256.
 *
 * - SQLite: in a folder beside the database (`hoso.db` → `hoso.db.content/ab/abcd…`), not in the
 *   database file: documents run to tens of megabytes, and a database of blobs grows, backs up
 *   and vacuums badly, while files named by their hash are written once, copied by any backup
 *   tool and checked with `sha256sum`.
 * - PostgreSQL: in the `contents` table as bytea. Several machines share a PostgreSQL registry
 *   and no folder is shared among them; bytea (unlike large objects) is transactional with the
 *   row that references it, travels with `pg_dump` of the table and needs no lo_unlink
 *   housekeeping. Its limit (1 GB a value, held in memory by the client) is beyond what a
 *   dossier component is; hoso refuses more than MAX_DB_CONTENT.
 *
 * A file is written (temp + rename) before the transaction that records it; if that transaction
 * fails the file stays as an unreferenced, harmless orphan — never the other way round.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { HosoError } from '../kernel/index.js';
import type { Db, Engine } from './engine.js';

export const MAX_DB_CONTENT = 512 * 1024 * 1024;

export type ContentInput = { readonly bytes: Uint8Array } | { readonly path: string };

export function contentFolder(databasePath: string): string {
  return `${databasePath}.content`;
}

function contentFile(folder: string, sha256: string): string {
  return join(folder, sha256.slice(0, 2), sha256);
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface ContentStore {
  /** Puts the bytes where they belong outside the transaction (SQLite folder); no-op for bytea. */
  prepare(sha256: string, input: ContentInput): Promise<void>;
  /** The value of `contents.data` for the row recorded in the transaction. */
  rowData(input: ContentInput): Promise<Uint8Array | null>;
  read(db: Db, sha256: string): Promise<Uint8Array | null>;
  check(db: Db, sha256: string): Promise<'ok' | 'altered' | 'missing'>;
}

export function fileContentStore(databasePath: string): ContentStore {
  const folder = contentFolder(databasePath);
  return {
    // Synchronous file calls: a handful of short system calls and one fsync, which through
    // fs/promises cost a thread-pool round trip each — most of a one-page conversion's waiting
    // (issue 6's benchmark). Only writing commands call this, never `hoso serve`.
    async prepare(sha256, input) {
      const target = contentFile(folder, sha256);
      if (existsSync(target)) return; // content-addressed: the same bytes are already there
      mkdirSync(dirname(target), { recursive: true });
      const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
      const bytes = 'bytes' in input ? input.bytes : await readFile(input.path);
      const fd = openSync(temp, 'wx', 0o444);
      try {
        writeFileSync(fd, bytes);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      try {
        // link() fails if another process stored the same bytes meanwhile: theirs are identical.
        linkSync(temp, target);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      } finally {
        rmSync(temp, { force: true });
      }
    },
    rowData: async () => null,
    async read(_db, sha256) {
      try {
        return new Uint8Array(await readFile(contentFile(folder, sha256)));
      } catch {
        return null;
      }
    },
    async check(_db, sha256) {
      const file = contentFile(folder, sha256);
      try {
        await stat(file);
      } catch {
        return 'missing';
      }
      return (await hashFile(file)) === sha256 ? 'ok' : 'altered';
    },
  };
}

export function databaseContentStore(): ContentStore {
  return {
    prepare: async () => undefined,
    async rowData(input) {
      const size = 'bytes' in input ? input.bytes.length : (await stat(input.path)).size;
      if (size > MAX_DB_CONTENT)
        throw new HosoError('INPUT_TOO_LARGE', {
          params: {
            what: 'path' in input ? input.path : 'content',
            size,
            limit: MAX_DB_CONTENT,
          },
        });
      return 'bytes' in input ? input.bytes : new Uint8Array(await readFile(input.path));
    },
    async read(db, sha256) {
      const row = await db
        .selectFrom('contents')
        .select('data')
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row?.data ? new Uint8Array(row.data) : null;
    },
    async check(db, sha256) {
      const data = await this.read(db, sha256);
      if (data === null) return 'missing';
      return createHash('sha256').update(data).digest('hex') === sha256 ? 'ok' : 'altered';
    },
  };
}

export function contentStoreFor(engine: Engine, databasePath: string | null): ContentStore {
  return engine === 'sqlite' && databasePath !== null
    ? fileContentStore(databasePath)
    : databaseContentStore();
}
