// The --jobs pool of hoso print (src/cli/print-pool.ts) with stand-in workers (.mjs files
// speaking the pool's protocol, taking the real write gate from dist/ for every input): results
// come back in input order whichever worker finished first; a worker that dies on an input —
// even while holding the registry write gate — costs that input only (an INTERNAL entry), a new
// worker takes its place and can take the gate; a worker that cannot start stops the batch.
// The real worker runs in print-cli.test.ts and the interop batch test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrintJob, PrintSetup } from '../../../src/cli/print-one.js';
import { printBatch } from '../../../src/cli/print-pool.js';
import { isHosoError } from '../../../src/kernel/index.js';
import { ROOT } from '../../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'hoso-print-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gateModule = pathToFileURL(join(ROOT, 'dist', 'registry', 'write-gate.js')).href;

const STAND_IN = join(dir, 'stand-in.mjs');
writeFileSync(
  STAND_IN,
  `import { parentPort, workerData, threadId } from 'node:worker_threads';
import { throughGate } from ${JSON.stringify(gateModule)};
const gate = workerData.setup.writeGate;
parentPort.postMessage({ type: 'ready' });
let queue = Promise.resolve();
parentPort.on('message', (m) => { queue = queue.then(() => handle(m)); });
async function handle(m) {
  if (m.type === 'stop') { parentPort.close(); return; }
  const { id, input, output } = m.job;
  await throughGate(gate, async () => {
    // "crash": the worker dies inside its registry write, holding the gate.
    if (input.includes('crash')) process.exit(9);
    await new Promise((r) => setTimeout(r, (id * 7) % 5));
  });
  parentPort.postMessage({ type: 'result', id, result: { input, output, lookupCode: null,
    lookupUrl: null, pages: 1, verification: 'TOTAL_PASSED', skipped: false, error: null,
    by: threadId } });
}
`,
);
const CANNOT_START = join(dir, 'cannot-start.mjs');
writeFileSync(
  CANNOT_START,
  `import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'fatal', code: 'REGISTRY_UNAVAILABLE',
  params: { location: 'sqlite:/nowhere/hoso.db', detail: 'stand-in' }, message: 'stand-in' });
`,
);

const setup = { lang: 'en' } as unknown as PrintSetup;
const jobs = (names: readonly string[]): PrintJob[] =>
  names.map((n, id) => ({ id, input: join(dir, n), output: join(dir, `${n}.out.pdf`) }));

describe('printBatch with workers', () => {
  it('keeps input order whichever worker finished first', async () => {
    const batch = jobs(Array.from({ length: 30 }, (_, i) => `kq-${i}.pdf`));
    const seen: string[] = [];
    const results = await printBatch(batch, {
      jobs: 2,
      setup,
      workerUrl: pathToFileURL(STAND_IN),
      onResult: (r) => seen.push(r.input),
    });
    expect(results.map((r) => r.input)).toEqual(batch.map((j) => j.input));
    expect(seen.sort()).toEqual(batch.map((j) => j.input).sort());
    // Both workers took part.
    expect(new Set(results.map((r) => (r as unknown as { by: number }).by)).size).toBe(2);
  });

  it('a worker dying inside the write gate costs its input only; the batch goes on', async () => {
    const batch = jobs(['a.pdf', 'b.pdf', 'crash-c.pdf', 'd.pdf', 'e.pdf', 'f.pdf', 'g.pdf']);
    const started = Date.now();
    const results = await printBatch(batch, {
      jobs: 2,
      setup,
      workerUrl: pathToFileURL(STAND_IN),
    });
    expect(results.map((r) => r.error?.code ?? null)).toEqual([
      null,
      null,
      'INTERNAL',
      null,
      null,
      null,
      null,
    ]);
    expect(results[2]!.error!.message).toMatch(/stopped while working on this file/);
    // The gate was opened for the others at once, not after the 30 s a waiter gives up.
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a worker that cannot start stops the batch with its error', async () => {
    let error: unknown;
    try {
      await printBatch(jobs(['a.pdf', 'b.pdf']), {
        jobs: 2,
        setup,
        workerUrl: pathToFileURL(CANNOT_START),
      });
    } catch (e) {
      error = e;
    }
    expect(isHosoError(error) && error.code).toBe('REGISTRY_UNAVAILABLE');
  });
});
