/**
 * The folder of hoso's package.json: where `--version` reads the version and `hoso demo` finds
 * the samples and the test PKI. Found by walking up from this module, because the same code runs
 * from dist/cli/ (tsc output) and from dist/bundle/ (the single-file build bin/hoso.js loads).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('hoso: package.json not found above ' + import.meta.url);
    dir = up;
  }
  root = dir;
  return dir;
}
