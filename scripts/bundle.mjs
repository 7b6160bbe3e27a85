/**
 * Bundles the CLI into dist/bundle/ after tsc has built dist/: one ES module per entry (main,
 * the verify worker) plus the chunks the lazily loaded commands share. Node then opens a handful
 * of files instead of some two hundred modules, which was most of a cold `hoso verify`.
 * bin/hoso.js loads dist/bundle/main.js; dist/cli/ stays as tsc wrote it (the unit tests import
 * src/ and the tsc output, never the bundle).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const outdir = join(root, 'dist', 'bundle');
rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'dist/cli/main.js', 'verify-worker': 'dist/cli/verify-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (commander, qrcode, …) call require(): give the bundle one.
  banner: {
    js: "import { createRequire as __hosoCreateRequire } from 'node:module'; const require = __hosoCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
