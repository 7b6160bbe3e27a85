/**
 * `hoso verify --extract DIR` (CLI.md): the encapsulated content of each enveloping signature
 * (`.p7m`) verified is written to DIR/<its name without .p7m> — atomically, never over an
 * existing file without --force, never outside DIR. A file name from an archive entry is just
 * its last segment, so no entry name can steer the output elsewhere. The content is written
 * whatever the verdict: the report, printed beside it, says whether it can be relied on.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { HosoError, describeCause } from '../kernel/index.js';
import { writeBytesAtomically } from './output-file.js';

const ENVELOPING_SUFFIX = /\.p7m$/i;

/**
 * The file name for the content of `signaturePath`: without `.p7m`; a CMS file named otherwise,
 * or whose name would be nothing without the suffix, gets `.content` appended instead.
 */
export function extractedName(signaturePath: string): string {
  // eslint-disable-next-line no-control-regex
  const base = basename(signaturePath).replace(/[\u0000-\u001f\u007f]/g, '_');
  const stripped = base.replace(ENVELOPING_SUFFIX, '');
  if (stripped === base || stripped === '' || stripped === '.' || stripped === '..')
    return `${base}.content`;
  return stripped;
}

export interface ContentExtractor {
  /**
   * Fails before any work (OUTPUT_EXISTS) when the content of an input named `*.p7m` would
   * clobber a file, or two of them would share a name.
   */
  precheck(paths: readonly string[]): void;
  /** VerifyIo.onEnvelopedContent: writes the content and returns where. */
  write(signaturePath: string, content: Uint8Array): string;
}

export function contentExtractor(
  dir: string,
  force: boolean,
  note: (from: string, to: string) => void,
): ContentExtractor {
  const written = new Set<string>();
  const targetOf = (signaturePath: string): string => {
    const target = join(dir, extractedName(signaturePath));
    if (dirname(resolve(target)) !== resolve(dir)) {
      // Not reachable with a basename, kept as the guarantee CLI.md gives.
      throw new HosoError('OUTPUT_UNWRITABLE', {
        params: { path: target, detail: `outside ${dir}` },
      });
    }
    return target;
  };
  return {
    precheck(paths) {
      const seen = new Set<string>();
      for (const p of paths) {
        if (!ENVELOPING_SUFFIX.test(p)) continue;
        const target = targetOf(p);
        if ((!force && existsSync(target)) || seen.has(resolve(target)))
          throw new HosoError('OUTPUT_EXISTS', { params: { path: target } });
        seen.add(resolve(target));
      }
    },
    write(signaturePath, content) {
      const target = targetOf(signaturePath);
      // Two signatures with the same name in one run: --force replaces files found on disk,
      // never what this run has just extracted.
      if (written.has(resolve(target)))
        throw new HosoError('OUTPUT_EXISTS', { params: { path: target } });
      try {
        mkdirSync(dir, { recursive: true });
      } catch (e) {
        throw new HosoError('OUTPUT_UNWRITABLE', {
          params: { path: dir, detail: describeCause(e) },
          cause: e,
        });
      }
      writeBytesAtomically(target, force, content);
      written.add(resolve(target));
      note(signaturePath, target);
      return target;
    },
  };
}
