/**
 * bench/sign (issue 2): hoso sign vs @signpdf/signpdf on 1 MB and 50 MB PDFs, in the same run;
 * medians of wall time and peak RSS, and their ratios. Also hoso --version cold start.
 * Targets: hoso ≤ 0.2× @signpdf's time on 50 MB; peak RSS ≤ 150 MB; --version ≤ 150 ms.
 *
 *   npm run bench:sign [-- --runs 5]
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargePdf } from '../tests/support/large-pdf.js';
import { measure, medianOf } from './measure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const P12 = join(ROOT, 'test-certs', 'officer.p12');
const PASSWORD = 'hoso-test';

function makeInput(mb: number): Promise<string> {
  return writeLargePdf(join(OUT, `input-${mb}mb.pdf`), mb, 'table');
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const env = { ...process.env, HOSO_P12_PASSWORD: PASSWORD };
  const node = process.execPath;
  const hosoBin = join(ROOT, 'bin', 'hoso.js');
  const rows: string[] = [];
  const result: Record<string, unknown> = {};

  for (const mb of [1, 50]) {
    const input = await makeInput(mb);
    let i = 0;
    const hoso = medianOf(RUNS, () =>
      measure(
        node,
        [hosoBin, 'sign', input, '-o', join(OUT, `hoso-${mb}-${i++}.pdf`), '--p12', P12],
        env,
      ),
    );
    let j = 0;
    const peer = medianOf(RUNS, () =>
      measure(node, [
        join(ROOT, 'bench', 'signpdf-runner.mjs'),
        input,
        join(OUT, `signpdf-${mb}-${j++}.pdf`),
        P12,
        PASSWORD,
      ]),
    );
    rows.push(
      `${String(mb).padStart(3)} MB  hoso ${hoso.seconds.toFixed(3)} s ${hoso.rssMb.toFixed(0)} MB` +
        `  | @signpdf ${peer.seconds.toFixed(3)} s ${peer.rssMb.toFixed(0)} MB` +
        `  | time ratio ${(hoso.seconds / peer.seconds).toFixed(2)}×  RSS ratio ${(hoso.rssMb / peer.rssMb).toFixed(2)}×`,
    );
    result[`${mb}MB`] = { hoso, signpdf: peer, timeRatio: hoso.seconds / peer.seconds };
    rmSync(input);
  }
  const version = medianOf(Math.max(RUNS, 11), () => measure(node, [hosoBin, '--version']));
  rows.push(
    `hoso --version cold start: ${(version.seconds * 1000).toFixed(0)} ms, ${version.rssMb.toFixed(0)} MB`,
  );
  result['version'] = version;
  console.log(`bench/sign — medians of ${RUNS} runs (GNU time: wall seconds, peak RSS)`);
  for (const r of rows) console.log(r);
  console.log(JSON.stringify(result));
  rmSync(OUT, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
