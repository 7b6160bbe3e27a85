/**
 * Reading `--trust`, `--certs` and `--crl` paths (CLI.md): PEM, DER and .p7b files, and folders of
 * them walked recursively. A file named on the command line must hold what it was given for —
 * otherwise CERT_MALFORMED names it; inside a folder, files that hold neither certificates nor
 * CRLs (READMEs, keys, anything else) are skipped silently and counted. Bounded: at most
 * `maxFiles` files looked at, `maxFileSize` bytes per file (larger files in folders are skipped),
 * `maxDepth` folder levels; symbolic links to folders already walked are not walked again.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { HosoError, describeCause, isHosoError, usageError } from '../kernel/index.js';
import { readTrustMaterial } from '../trust/index.js';

export interface LoadedTrustFile {
  readonly der: Uint8Array;
  /** The file it came from (a bundle gives several entries with the same path). */
  readonly path: string;
}

export interface LoadedTrustPaths {
  readonly certificates: readonly LoadedTrustFile[];
  readonly crls: readonly LoadedTrustFile[];
  /** Files read. */
  readonly files: number;
  /** Files in folders that held no certificate or CRL, or were too large: skipped. */
  readonly skipped: number;
}

export interface TrustPathLimits {
  readonly maxFiles: number;
  readonly maxFileSize: number;
  readonly maxDepth: number;
}

export const TRUST_PATH_LIMITS: TrustPathLimits = {
  maxFiles: 10_000,
  maxFileSize: 10 * 1024 * 1024,
  maxDepth: 16,
};

export interface LoadTrustOptions {
  /** What a file named directly must contain: certificates (--trust, --certs) or CRLs (--crl). */
  readonly want?: 'certificates' | 'crls';
  readonly limits?: Partial<TrustPathLimits>;
  /** The command being run, for the usage hint ("hoso help verify"). */
  readonly command?: string;
}

function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new HosoError('FILE_NOT_FOUND', { params: { path } });
    throw new HosoError('FILE_UNREADABLE', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
}

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new HosoError('FILE_UNREADABLE', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
}

export function loadTrustPaths(
  paths: readonly string[],
  options: LoadTrustOptions = {},
): LoadedTrustPaths {
  const limits = { ...TRUST_PATH_LIMITS, ...options.limits };
  const want = options.want ?? 'certificates';
  const certificates: LoadedTrustFile[] = [];
  const crls: LoadedTrustFile[] = [];
  let files = 0;
  let skipped = 0;
  const walked = new Set<string>();

  const countFile = (path: string): void => {
    files++;
    if (files > limits.maxFiles)
      throw usageError(
        options.command ?? '',
        `Quá nhiều tệp chứng thư (hơn ${limits.maxFiles}) khi đọc ${path}; hãy chỉ định thư mục nhỏ hơn`,
        `Too many certificate files (more than ${limits.maxFiles}) while reading ${path}; name a smaller folder`,
      );
  };

  const readFile = (path: string, size: number, named: boolean): void => {
    countFile(path);
    if (size > limits.maxFileSize) {
      if (named)
        throw new HosoError('INPUT_TOO_LARGE', {
          params: { what: path, size, limit: limits.maxFileSize },
        });
      skipped++;
      return;
    }
    let material;
    try {
      material = readTrustMaterial(readBytes(path), path);
    } catch (e) {
      if (!named && isHosoError(e) && e.code === 'CERT_MALFORMED') {
        skipped++;
        return;
      }
      throw e;
    }
    if (named && want === 'certificates' && material.certificates.length === 0)
      throw new HosoError('CERT_MALFORMED', {
        params: { path, detail: 'no certificate found (the file holds only CRLs)' },
      });
    if (named && want === 'crls' && material.crls.length === 0)
      throw new HosoError('CERT_MALFORMED', {
        params: { path, detail: 'not a CRL (PEM "X509 CRL" or DER expected)' },
      });
    for (const der of material.certificates) certificates.push({ der, path });
    for (const der of material.crls) crls.push({ der, path });
  };

  const walk = (dir: string, depth: number): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (walked.has(real) || depth > limits.maxDepth) return;
    walked.add(real);
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch (e) {
      throw new HosoError('FILE_UNREADABLE', {
        params: { path: dir, detail: describeCause(e) },
        cause: e,
      });
    }
    for (const name of entries) {
      const path = join(dir, name);
      let st: Stats;
      try {
        st = statSync(path);
      } catch {
        skipped++; // a dangling link or a file removed meanwhile
        continue;
      }
      if (st.isDirectory()) walk(path, depth + 1);
      else if (st.isFile()) readFile(path, st.size, false);
    }
  };

  for (const path of paths) {
    const st = statOf(path);
    if (st.isDirectory()) walk(path, 0);
    else readFile(path, st.size, true);
  }
  return { certificates, crls, files, skipped };
}
