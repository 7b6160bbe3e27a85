/**
 * The write gate (src/registry/write-gate.ts) between real worker threads: one holder at a time
 * and no lost update however the holders interleave their awaits, and a gate left held by a
 * thread that died opens again when the owner of the pool says so. The workers load the built
 * module (dist/, made by `npm run build` before the tests).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { newWriteGate, releaseGateHeldBy } from '../../../src/registry/index.js';
import { throughGate } from '../../../src/registry/write-gate.js';
import { ROOT } from '../../support/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'hoso-gate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gateModule = pathToFileURL(join(ROOT, 'dist', 'registry', 'write-gate.js')).href;

/** Takes the gate `rounds` times; inside, a read-await-write on a shared counter. */
const COUNTER = join(dir, 'counter.mjs');
writeFileSync(
  COUNTER,
  `import { workerData, parentPort } from 'node:worker_threads';
import { throughGate } from ${JSON.stringify(gateModule)};
const { gate, shared, rounds } = workerData;
const cells = new Int32Array(shared); // 0: counter, 1: holders now, 2: most holders seen
for (let i = 0; i < rounds; i++) {
  await throughGate(gate, async () => {
    const inside = Atomics.add(cells, 1, 1) + 1;
    if (inside > Atomics.load(cells, 2)) Atomics.store(cells, 2, inside);
    const v = Atomics.load(cells, 0);
    await new Promise((r) => setTimeout(r, i % 3));
    Atomics.store(cells, 0, v + 1);
    Atomics.sub(cells, 1, 1);
  });
}
parentPort.postMessage('done');
`,
);
/** Takes the gate and dies holding it. */
const DIES = join(dir, 'dies.mjs');
writeFileSync(
  DIES,
  `import { workerData, parentPort } from 'node:worker_threads';
import { throughGate } from ${JSON.stringify(gateModule)};
await throughGate(workerData.gate, async () => {
  parentPort.postMessage('holding');
  await new Promise((r) => setTimeout(r, 50));
  process.exit(3);
});
`,
);

function finished(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
}

describe('write gate', () => {
  it('lets one thread in at a time and loses no update', async () => {
    const gate = newWriteGate();
    const shared = new SharedArrayBuffer(12);
    const workers = Array.from(
      { length: 4 },
      () => new Worker(COUNTER, { workerData: { gate, shared, rounds: 25 } }),
    );
    expect(await Promise.all(workers.map(finished))).toEqual([0, 0, 0, 0]);
    const cells = new Int32Array(shared);
    expect(cells[0]).toBe(100);
    expect(cells[2]).toBe(1);
    expect(new Int32Array(gate)[0]).toBe(0); // open again
  });

  it('does not make a thread wait for itself (a write begun while its own is open)', async () => {
    const gate = newWriteGate();
    const started = Date.now();
    const inner = await throughGate(gate, () => throughGate(gate, () => Promise.resolve(42)));
    expect(inner).toBe(42);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(new Int32Array(gate)[0]).toBe(0);
  });

  it('opens a gate held by a thread that died, and the next thread gets in at once', async () => {
    const gate = newWriteGate();
    const dying = new Worker(DIES, { workerData: { gate } });
    const threadId = dying.threadId;
    await new Promise((resolve) => dying.once('message', resolve));
    expect(await finished(dying)).toBe(3);
    expect(new Int32Array(gate)[0]).toBe(threadId + 1); // still held in the dead thread's name
    releaseGateHeldBy(gate, threadId + 1000); // not the holder: nothing happens
    expect(new Int32Array(gate)[0]).toBe(threadId + 1);
    releaseGateHeldBy(gate, threadId);
    const shared = new SharedArrayBuffer(12);
    const started = Date.now();
    const next = new Worker(COUNTER, { workerData: { gate, shared, rounds: 1 } });
    expect(await finished(next)).toBe(0);
    expect(new Int32Array(shared)[0]).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000); // not the 30 s patience
  });
});
