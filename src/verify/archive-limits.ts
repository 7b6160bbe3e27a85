/** The limits verify-archive.ts applies to ZIP archives against zip bombs (see there). */
export interface ArchiveLimits {
  /** Entries in the archive and in the archives it holds, directories included. */
  readonly maxEntries: number;
  /** Uncompressed size of one entry. */
  readonly maxEntrySize: number;
  /** Uncompressed size of all the entries read, nested archives' entries included. */
  readonly maxTotalSize: number;
  /** Uncompressed : compressed, for entries larger than `ratioFrom`. */
  readonly maxRatio: number;
  readonly ratioFrom: number;
  /** How many archives deep entries are opened: 1 = a ZIP inside the ZIP, not deeper. */
  readonly maxNesting: number;
}

const MiB = 1024 * 1024;

export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxEntrySize: 512 * MiB,
  maxTotalSize: 2048 * MiB,
  maxRatio: 100,
  ratioFrom: 1 * MiB,
  maxNesting: 1,
};
