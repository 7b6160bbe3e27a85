/**
 * The files `hoso verify PATH...` looks at: files as named, folders walked recursively in a
 * stable order (symbolic links to folders are not followed, so there are no loops). A detached
 * signature's content (`x.jpg` beside `x.jpg.p7s`) is verified with its signature, not listed
 * again as an unsigned file.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HosoError } from '../kernel/index.js';

const MAX_FILES = 100_000;

export interface CollectedInput {
  readonly path: string;
}

function walk(dir: string, out: string[]): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (out.length > MAX_FILES) {
      throw new HosoError('INPUT_TOO_LARGE', {
        params: { what: dir, size: out.length, limit: MAX_FILES },
      });
    }
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

export function collectInputs(paths: readonly string[]): CollectedInput[] {
  const files: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new HosoError('FILE_NOT_FOUND', { params: { path: p } });
    }
    if (st.isDirectory()) walk(p, files);
    else files.push(p);
  }
  const unique = [...new Set(files)];
  const signatures = new Set(
    unique.filter((f) => /\.p7s$/i.test(f)).map((f) => f.replace(/\.p7s$/i, '')),
  );
  return unique.filter((f) => !signatures.has(f)).map((path) => ({ path }));
}
