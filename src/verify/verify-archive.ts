/**
 * ZIP archives, the way portals hand out dossiers: each entry is verified as if it were a file
 * in a folder (PDF, `.p7m`, `.p7s` with its content entry), reported as
 * `dossier.zip!/path/in/zip.pdf`, and nothing is ever written to disk.
 *
 * Archives come from strangers, so reading them has limits (archive-limits.ts) against zip bombs:
 * - the entry count, checked against the count the archive declares before its central
 *   directory is read;
 * - the size of one entry, the total of the entries, and the compression ratio of any entry
 *   past 1 MiB, all checked on the sizes the central directory declares, before inflating; and
 *   reading stops at the first byte past an entry's declared size, so an entry that lies
 *   inflates no further than it claimed;
 * - one level of nesting: a ZIP inside the ZIP is opened and its entries verified
 *   (`outer.zip!/inner.zip!/a.pdf`), counting against the same limits; a ZIP nested deeper is
 *   reported, not opened;
 * - entry names that are absolute or contain `..` are reported (ARCHIVE_ENTRY_UNSAFE), never
 *   read.
 * Each entry is read into memory (a BufferSource) one at a time, so memory is bounded by the
 * per-entry limit: at most the entry, plus its content entry for a `.p7s`, plus, inside a nested
 * archive, that archive's bytes. A PDF on disk is streamed whatever its size; inside an archive
 * it is not (known limit).
 *
 * A corrupt or hostile archive (no central directory, too many entries, too large in total) is
 * one TOTAL_FAILED FileReport with `error`; an entry that cannot be read or breaks a limit is a
 * TOTAL_FAILED entry with `error` and an empty `sha256` (its bytes were not read). Neither
 * aborts the batch.
 */
import { BufferSource, HosoError, isHosoError, type ByteSource } from '../kernel/index.js';
import type { FileReport } from '../report/model.js';
import { ARCHIVE_LIMITS, type ArchiveLimits } from './archive-limits.js';
import { sha256Of } from './content-digest.js';
import { isZipArchive } from './input-format.js';
import type { AssessContext } from './signer-assessment.js';
import { verifyFile, type VerifyIo } from './verify-file.js';
import { ZipArchive, type ZipEntryInfo } from './zip-archive.js';

/** What an archive verification may do besides reading: `--extract` of `.p7m` entries. */
export type ArchiveIo = Pick<VerifyIo, 'onEnvelopedContent'>;

interface Budget {
  entries: number;
  bytes: number;
}

const SIGNATURE_SUFFIX = /\.p7s$/i;

/** Verifies every entry of the ZIP archive in `src`, named `path` in the report. */
export async function verifyArchive(
  src: ByteSource,
  path: string,
  ctx: AssessContext,
  io: ArchiveIo = {},
  limits: ArchiveLimits = ARCHIVE_LIMITS,
): Promise<FileReport[]> {
  return verifyLevel(src, path, ctx, io, limits, { entries: 0, bytes: 0 }, 0);
}

function failure(path: string, sha256: string, e: HosoError): FileReport {
  return {
    path,
    sha256,
    format: 'unknown',
    indication: 'TOTAL_FAILED',
    signatures: [],
    error: { code: e.code, message: e.message, params: e.params },
  };
}

/** Only HosoErrors about the input become report entries; anything else is a bug. */
function asInputError(e: unknown): HosoError {
  if (!isHosoError(e) || e.code === 'INTERNAL') throw e;
  return e;
}

const tooLarge = (what: string, size: number, limit: number) =>
  new HosoError('INPUT_TOO_LARGE', { params: { what, size, limit } });

/** Why an entry is not read at all, or null. */
function refusal(info: ZipEntryInfo, display: string, limits: ArchiveLimits): HosoError | null {
  if (info.unsafeName !== null)
    return new HosoError('ARCHIVE_ENTRY_UNSAFE', { params: { what: display } });
  if (info.unsupported !== null)
    return new HosoError('ARCHIVE_ENTRY_UNSUPPORTED', {
      params: { what: display, detail: info.unsupported },
    });
  const size = info.uncompressedSize;
  if (size > limits.maxEntrySize) return tooLarge(display, size, limits.maxEntrySize);
  if (size > limits.ratioFrom && size > limits.maxRatio * info.compressedSize) {
    const ratio = Math.round(size / Math.max(1, info.compressedSize));
    return tooLarge(
      `${display} (compression ${ratio}:1, above ${limits.maxRatio}:1)`,
      size,
      limits.maxRatio * info.compressedSize,
    );
  }
  return null;
}

/** Folder-walk order: path segments compared one by one, as collect-inputs sorts each folder. */
function compareEntryNames(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** Opens the archive and lists its files, charging the budget; limits broken → INPUT_TOO_LARGE. */
async function openWithinLimits(
  src: ByteSource,
  path: string,
  limits: ArchiveLimits,
  budget: Budget,
): Promise<{ zip: ZipArchive; files: ZipEntryInfo[] }> {
  const zip = await ZipArchive.open(src, path);
  try {
    budget.entries += zip.entryCount;
    if (budget.entries > limits.maxEntries)
      throw tooLarge(`${path} (entries)`, budget.entries, limits.maxEntries);
    const files = (await zip.entries()).filter((e) => !e.isDirectory);
    // Only what would be read counts; entries refused on their own are reported as such.
    for (const f of files) {
      if (refusal(f, '', limits) === null) budget.bytes += f.uncompressedSize;
    }
    if (budget.bytes > limits.maxTotalSize)
      throw tooLarge(`${path} (total uncompressed)`, budget.bytes, limits.maxTotalSize);
    return { zip, files };
  } catch (e) {
    zip.close();
    throw e;
  }
}

async function verifyLevel(
  src: ByteSource,
  path: string,
  ctx: AssessContext,
  io: ArchiveIo,
  limits: ArchiveLimits,
  budget: Budget,
  nesting: number,
): Promise<FileReport[]> {
  let opened: { zip: ZipArchive; files: ZipEntryInfo[] };
  try {
    opened = await openWithinLimits(src, path, limits, budget);
  } catch (e) {
    return [failure(path, sha256Of(src), asInputError(e))];
  }
  const { zip, files } = opened;

  try {
    const byName = new Map<string, ZipEntryInfo>();
    for (const f of files) if (!byName.has(f.name)) byName.set(f.name, f);
    // As in a folder: the content a `.p7s` signs is verified with it, not listed again.
    const signedContents = new Set(
      files
        .filter((f) => SIGNATURE_SUFFIX.test(f.name))
        .map((f) => f.name.replace(SIGNATURE_SUFFIX, '')),
    );
    const listed = files
      .filter((f) => !signedContents.has(f.name))
      .sort((a, b) => compareEntryNames(a.name, b.name));
    if (listed.length === 0) {
      return [
        {
          path,
          sha256: sha256Of(src),
          format: 'unknown',
          indication: 'NO_SIGNATURE',
          signatures: [],
          error: null,
        },
      ];
    }

    const out: FileReport[] = [];
    const display = (info: ZipEntryInfo) => `${path}!/${info.name}`;
    const load = async (info: ZipEntryInfo): Promise<ByteSource | HosoError> => {
      const refused = refusal(info, display(info), limits);
      if (refused) return refused;
      try {
        return new BufferSource(await zip.read(info, display(info)));
      } catch (e) {
        return asInputError(e);
      }
    };
    for (const info of listed) {
      const name = display(info);
      if (isZipArchive(info.name) && nesting >= limits.maxNesting) {
        const detail = 'an archive nested this deep is not opened';
        const tooDeep = new HosoError('ARCHIVE_ENTRY_UNSUPPORTED', {
          params: { what: name, detail },
        });
        out.push(failure(name, '', tooDeep));
        continue;
      }
      const entry = await load(info);
      if (entry instanceof HosoError) {
        out.push(failure(name, '', entry));
        continue;
      }
      if (isZipArchive(info.name)) {
        out.push(...(await verifyLevel(entry, name, ctx, io, limits, budget, nesting + 1)));
        continue;
      }
      const sources = new Map<string, ByteSource | HosoError>([[name, entry]]);
      const content = SIGNATURE_SUFFIX.test(info.name)
        ? byName.get(info.name.replace(SIGNATURE_SUFFIX, ''))
        : undefined;
      if (content) sources.set(display(content), await load(content));
      out.push(
        verifyFile(name, ctx, {
          open: (p) => {
            const s = sources.get(p);
            if (s === undefined) throw new HosoError('FILE_NOT_FOUND', { params: { path: p } });
            if (s instanceof HosoError) throw s;
            return s;
          },
          exists: (p) => sources.has(p),
          ...(io.onEnvelopedContent ? { onEnvelopedContent: io.onEnvelopedContent } : {}),
        }),
      );
    }
    return out;
  } finally {
    zip.close();
  }
}
