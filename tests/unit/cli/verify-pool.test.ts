// The --jobs pool of hoso verify: input order kept whichever lane finishes first, a worker that
// dies costs only its input, an error thrown for an input is raised as a single thread would,
// and workers that cannot start leave the batch to this thread. Stand-in workers (.mjs files
// speaking the pool's protocol) make each case happen on purpose; the real worker runs in
// tests/unit/verify/verify-jobs-cli.test.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openInput } from '../../../src/cli/input-file.js';
import { loadTrustOptions } from '../../../src/cli/trust-options.js';
import { jobCount, verifyBatch, type VerifyBatchOptions } from '../../../src/cli/verify-pool.js';
import { HosoError } from '../../../src/kernel/index.js';
import type { FileReport } from '../../../src/report/model.js';
import { verifyInput } from '../../../src/verify/index.js';
import { ROOT, SAMPLES } from '../../support/paths.js';
import { certPath } from '../../support/test-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'hoso-pool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function entry(path: string, by: string): FileReport {
  return {
    path,
    sha256: by,
    format: 'pdf',
    indication: 'NO_SIGNATURE',
    signatures: [],
    error: null,
  };
}

/** A stand-in worker: answers like verify-worker.ts, dies on "crash", fails on "throw". */
const STAND_IN = `
import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'ready' });
parentPort.on('message', ({ id, path }) => {
  if (path.includes('crash')) process.exit(7);
  if (path.includes('throw')) {
    parentPort.postMessage({ type: 'error', id, error: { kind: 'hoso', code: 'FILE_UNREADABLE',
      params: { path, detail: 'stand-in' } } });
    return;
  }
  parentPort.postMessage({ type: 'result', id, files: [{ path, sha256: 'worker', format: 'pdf',
    indication: 'NO_SIGNATURE', signatures: [], error: null }] });
});
`;
const standIn = join(dir, 'stand-in.mjs');
writeFileSync(standIn, STAND_IN);
const cannotStart = join(dir, 'cannot-start.mjs');
writeFileSync(cannotStart, `throw new Error('the verifier cannot load here');\n`);

function inputs(names: readonly string[]): string[] {
  return names.map((n) => {
    const p = join(dir, n);
    writeFileSync(p, `%PDF-1.7 ${n}`);
    return p;
  });
}

function options(worker: string, progress: string[] = []): VerifyBatchOptions {
  return {
    jobs: 2,
    setup: {
      trust: { trust: [], crl: [], certs: [] },
      at: new Date(0).toISOString(),
      policy: 'strict',
      revocation: 'soft',
    },
    verifyHere: (path) => Promise.resolve([entry(path, 'here')]),
    onProgress: (path) => progress.push(path),
    workerUrl: pathToFileURL(worker),
  };
}

describe('verifyBatch with workers', () => {
  it('keeps input order whichever lane verified what', async () => {
    const paths = inputs(Array.from({ length: 40 }, (_, i) => `order-${i}.pdf`));
    const progress: string[] = [];
    const slowly = (path: string) =>
      new Promise<FileReport[]>((resolve) => setTimeout(() => resolve([entry(path, 'here')]), 5));
    const files = await verifyBatch(paths, { ...options(standIn, progress), verifyHere: slowly });
    expect(files.map((f) => f.path)).toEqual(paths);
    const lanes = new Set(files.map((f) => f.sha256));
    expect(lanes).toEqual(new Set(['here', 'worker']));
    expect([...progress].sort()).toEqual([...paths].sort());
  });

  it('a worker that dies costs its input only: TOTAL_FAILED with the reason, the rest verified', async () => {
    const paths = inputs(['a.pdf', 'crash.pdf', 'c.pdf', 'd.pdf', 'e.pdf', 'f.pdf']);
    const files = await verifyBatch(paths, { ...options(standIn), thisThreadVerifies: false });
    expect(files.map((f) => f.path)).toEqual(paths);
    const crashed = files[1]!;
    expect(crashed.indication).toBe('TOTAL_FAILED');
    expect(crashed.error?.code).toBe('INTERNAL');
    expect(crashed.error?.message).toMatch(/exited with code 7/);
    expect(crashed.sha256).toBe(createHash('sha256').update('%PDF-1.7 crash.pdf').digest('hex'));
    expect(crashed.format).toBe('pdf');
    for (const f of files.filter((_, i) => i !== 1)) {
      expect(f.error).toBeNull();
      expect(f.sha256).toBe('worker'); // the replacement worker took over
    }
  });

  it('an error thrown for an input is raised, as a single thread would raise it', async () => {
    const paths = inputs(['a.pdf', 'throw.pdf', 'c.pdf']);
    const e = await verifyBatch(paths, { ...options(standIn), thisThreadVerifies: false }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(HosoError);
    expect((e as HosoError).code).toBe('FILE_UNREADABLE');
    expect((e as HosoError).params['path']).toBe(paths[1]);
  });

  it('workers that cannot start leave the whole batch to this thread', async () => {
    const paths = inputs(['s1.pdf', 's2.pdf', 's3.pdf', 's4.pdf']);
    const files = await verifyBatch(paths, { ...options(cannotStart), thisThreadVerifies: false });
    expect(files.map((f) => [f.path, f.sha256])).toEqual(paths.map((p) => [p, 'here']));
  });

  it('one job, or one input, never starts a worker', async () => {
    const paths = inputs(['only.pdf']);
    const files = await verifyBatch(paths, { ...options(cannotStart), jobs: 4 });
    expect(files[0]!.sha256).toBe('here');
    const two = inputs(['x.pdf', 'y.pdf']);
    const here = await verifyBatch(two, { ...options(standIn), jobs: 1 });
    expect(here.map((f) => f.sha256)).toEqual(['here', 'here']);
  });
});

describe('the real worker (dist/cli/verify-worker.js)', () => {
  it('reports what this thread reports, for every sample, in order', async () => {
    const paths = ['dossier-001', 'defects', 'inputs'].flatMap((d) =>
      readdirSync(join(SAMPLES, d))
        .sort()
        .map((f) => join(SAMPLES, d, f)),
    );
    const at = new Date('2026-11-25T00:00:00Z');
    const trustPaths = { trust: [certPath('root')], crl: [], certs: [] };
    const { trust, extraCertificates } = loadTrustOptions({ ...trustPaths, command: 'verify' });
    const ctx = { trust, at, policy: 'strict' as const, extraCertificates };
    const verifyHere = (path: string) =>
      verifyInput(path, ctx, { open: openInput, exists: existsSync });
    const workers = await verifyBatch(paths, {
      jobs: 2,
      setup: { trust: trustPaths, at: at.toISOString(), policy: 'strict', revocation: 'soft' },
      verifyHere,
      workerUrl: pathToFileURL(join(ROOT, 'dist', 'cli', 'verify-worker.js')),
      thisThreadVerifies: false,
    });
    const here = await verifyBatch(paths, { ...options(standIn), jobs: 1, verifyHere });
    expect(workers.map((f) => f.path)).toEqual(paths);
    expect(JSON.stringify(workers)).toBe(JSON.stringify(here));
  });
});

describe('jobCount', () => {
  const paths = (n: number) => inputs(Array.from({ length: n }, (_, i) => `count-${i}.pdf`));

  it('takes a positive whole number, capped by the number of inputs', () => {
    expect(jobCount('3', paths(10))).toBe(3);
    expect(jobCount('8', paths(2))).toBe(2);
  });

  it('by default, one thread per CPU only as far as the batch has work for them', () => {
    expect(jobCount(undefined, paths(1))).toBe(1);
    expect(jobCount(undefined, paths(8))).toBe(1);
    expect(jobCount(undefined, paths(2000))).toBe(Math.min(availableParallelism(), 7));
  });

  it('refuses anything else as a usage error', () => {
    for (const bad of ['0', '-1', '1.5', 'two', '']) {
      expect(() => jobCount(bad, paths(10))).toThrow(HosoError);
      try {
        jobCount(bad, paths(10));
      } catch (e) {
        expect((e as HosoError).exitCode).toBe(3);
      }
    }
  });
});
