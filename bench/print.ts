/**
 * bench/print (issue 6): `hoso print` pages per second and peak RSS, through the real binary
 * with a real SQLite registry, on
 *   - one signed result of 100 pages,
 *   - a batch of 200 signed one-page results, with --jobs 1 and with --jobs 2.
 * Targets (issue 6): ≥ 200 pages/s with --jobs 2 on the 2-core bench machine; peak RSS bounded
 * by the largest single input, not by the batch size.
 *
 * Pages per second count the pages of the electronic results (not the added conversion pages)
 * over the whole command's wall time: start-up, verification, composition, registry and disk.
 * Each run writes to a fresh folder and a fresh registry (nothing is replaced or skipped); the
 * cases run in turn (medians of interleaved runs, bench/measure.ts). Inputs are made here with
 * pdf-lib and signed in this process with the officer's test key; all under bench/out/print,
 * deleted at the end.
 *
 *   npm run bench:print [-- --runs 5]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { schemeFor } from '../src/cms/index.js';
import { readPkcs12 } from '../src/cms/pkcs12/index.js';
import { BufferSource, defaultContext } from '../src/kernel/index.js';
import { signPdf } from '../src/sign/index.js';
import { measure, mediansInterleaved, type Sample } from './measure.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'bench', 'out', 'print');
const argv = process.argv.slice(2);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 3;
const BATCH = 200;
const BIG_PAGES = 100;
const TARGET_PAGES_PER_SECOND = 200;

const node = process.execPath;
const hosoBin = join(ROOT, 'bin', 'hoso.js');
const FIELDS = [
  '--system',
  'Hệ thống thông tin giải quyết TTHC tỉnh Thử Nghiệm',
  '--owner',
  'Văn phòng UBND tỉnh Thử Nghiệm',
  '--converter',
  'Trần Thị Bình',
  '--trust',
  join(ROOT, 'test-certs', 'root.cert.pem'),
];

/** A signed result of `pages` A4 pages of text, numbered `n` so that every file differs. */
async function signedResult(path: string, pages: number, n: number): Promise<void> {
  const p12 = signingKey();
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let p = 1; p <= pages; p++) {
    const page = doc.addPage([595, 842]);
    page.drawText(`Quyet dinh so ${n}/QD-UBND`, { x: 72, y: 760, size: 14, font });
    for (let line = 0; line < 30; line++)
      page.drawText(`Dieu ${line + 1}. Noi dung trang ${p}, dong ${line + 1}.`, {
        x: 72,
        y: 720 - line * 20,
        size: 12,
        font,
      });
  }
  const bytes = await doc.save({ useObjectStreams: false });
  const signed = await signPdf(
    new BufferSource(bytes),
    { key: p12, scheme: schemeFor(p12.privateKey, false), digest: 'sha256' },
    defaultContext(),
  );
  writeFileSync(path, Buffer.concat([bytes, signed.update]));
}

let key: ReturnType<typeof readKey> | null = null;
function readKey() {
  const p12 = readPkcs12(
    new Uint8Array(readFileSync(join(ROOT, 'test-certs', 'officer.p12'))),
    'hoso-test',
  );
  return { privateKey: p12.privateKey, certificate: p12.certificate, chain: p12.chain };
}
function signingKey() {
  key ??= readKey();
  return key;
}

let runNo = 0;
/** One `hoso print` into a fresh output and a fresh registry. */
function printRun(inputs: string, single: boolean, jobs: number): Sample {
  const run = join(OUT, `run-${++runNo}`);
  mkdirSync(run, { recursive: true });
  const sample = measure(node, [
    hosoBin,
    'print',
    inputs,
    '-o',
    single ? join(run, 'out.pdf') : join(run, 'giay'),
    ...FIELDS,
    '--registry',
    `sqlite:${join(run, 'hoso.db')}`,
    '--jobs',
    String(jobs),
  ]);
  rmSync(run, { recursive: true, force: true });
  return sample;
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  try {
    const t0 = Date.now();
    const big = join(OUT, 'ket-qua-100-trang.pdf');
    await signedResult(big, BIG_PAGES, 0);
    const folder = join(OUT, 'ket-qua');
    mkdirSync(folder);
    for (let i = 1; i <= BATCH; i++)
      await signedResult(join(folder, `kq-${String(i).padStart(4, '0')}.pdf`), 1, i);
    const setup = `made and signed the inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s`;

    printRun(big, true, 1); // warm the page cache and the code cache
    const [one, batch1, batch2] = mediansInterleaved(RUNS, [
      () => printRun(big, true, 1),
      () => printRun(folder, false, 1),
      () => printRun(folder, false, 2),
    ]) as [Sample, Sample, Sample];

    const rows: [string, number, Sample][] = [
      [`one result of ${BIG_PAGES} pages`, BIG_PAGES, one],
      [`${BATCH} one-page results, --jobs 1`, BATCH, batch1],
      [`${BATCH} one-page results, --jobs 2`, BATCH, batch2],
    ];
    console.log(
      `bench/print — medians of ${RUNS} interleaved runs; wall seconds of the whole command, peak RSS (GNU time); ${cpus().length} CPUs`,
    );
    console.log(`  setup: ${setup}`);
    console.log('');
    console.log(
      `${'case'.padEnd(34)} ${'wall'.padStart(8)} ${'pages/s'.padStart(9)} ${'peak RSS'.padStart(10)}`,
    );
    for (const [what, pages, s] of rows)
      console.log(
        `${what.padEnd(34)} ${`${s.wall.toFixed(2)} s`.padStart(8)} ${(pages / s.wall).toFixed(0).padStart(9)} ${`${s.rssMb.toFixed(0)} MB`.padStart(10)}`,
      );
    const rate2 = BATCH / batch2.wall;
    console.log('');
    console.log(
      `--jobs 2 on ${BATCH} one-page results: ${rate2.toFixed(0)} pages/s (target ≥ ${TARGET_PAGES_PER_SECOND}: ${rate2 >= TARGET_PAGES_PER_SECOND ? 'met' : 'NOT met'}); --jobs 2 ÷ --jobs 1: ${(batch1.wall / batch2.wall).toFixed(2)}×`,
    );
    console.log(
      `peak RSS: ${BATCH}-file batch ${batch1.rssMb.toFixed(0)} MB (--jobs 1), ${batch2.rssMb.toFixed(0)} MB (--jobs 2); one ${BIG_PAGES}-page result ${one.rssMb.toFixed(0)} MB`,
    );
    console.log(
      JSON.stringify({
        bigPagesPerSecond: BIG_PAGES / one.wall,
        batchJobs1PagesPerSecond: BATCH / batch1.wall,
        batchJobs2PagesPerSecond: rate2,
        big: one,
        batchJobs1: batch1,
        batchJobs2: batch2,
      }),
    );
  } finally {
    rmSync(OUT, { recursive: true, force: true });
  }
}

await main();
