/**
 * `hoso print --jobs N`: N worker threads (print-worker.ts), each with its own registry
 * connection, trust store and composer, each doing the whole pipeline of one input at a time
 * (print-one.ts). This thread only hands out inputs and puts the results back in input order,
 * for the manifest and the JSON. SQLite in WAL mode lets the threads read at once; the write lock
 * is held only for the short recording step. With one job, or one input, there are no workers.
 *
 * Unlike `hoso verify`'s pool (verify-pool.ts) this thread takes no inputs itself: a conversion
 * holds an input, its paper form and the composer's fonts in memory, and a thread that also
 * collects results and draws the progress bar would only add a third copy of that on two cores.
 *
 * A worker that dies on an input (a crash, out of memory) costs that input only: it gets an
 * INTERNAL error entry, a new worker takes the dead one's place, and the batch goes on. A worker
 * that cannot start (the registry or the trust store will not open there) stops the batch with
 * its error, as the same failure in this thread would.
 */
import type { Worker } from 'node:worker_threads';
import {
  defaultContext,
  ERROR_CODES,
  HosoError,
  renderErrorMessage,
  type ErrorCode,
} from '../kernel/index.js';
import {
  openPrintLane,
  printOne,
  type PrintJob,
  type PrintResult,
  type PrintSetup,
} from './print-one.js';
import { newWriteGate, releaseGateHeldBy } from '../registry/index.js';

export const PRINT_WORKER_ROLE = 'hoso-print-worker';
export interface PrintWorkerData {
  readonly role: typeof PRINT_WORKER_ROLE;
  readonly setup: PrintSetup;
}

/** What this thread sends a worker: an input to convert, or the end of the batch. */
export type PrintWorkerMessage =
  { readonly type: 'job'; readonly job: PrintJob } | { readonly type: 'stop' };

export type PrintWorkerReply =
  | { readonly type: 'ready' }
  | {
      readonly type: 'fatal';
      readonly code: string;
      readonly params: Record<string, string | number>;
      readonly message: string;
    }
  | { readonly type: 'result'; readonly id: number; readonly result: PrintResult };

export interface PrintBatchOptions {
  readonly jobs: number;
  readonly setup: PrintSetup;
  /** Called as each input is done, in the order they finish. */
  readonly onResult?: (result: PrintResult) => void;
  /** The worker script; tests substitute their own. */
  readonly workerUrl?: URL;
}

/** Inputs sent ahead to a worker, so that it never waits for the next one. */
const IN_FLIGHT = 2;

export async function printBatch(
  jobs: readonly PrintJob[],
  options: PrintBatchOptions,
): Promise<PrintResult[]> {
  if (options.jobs <= 1 || jobs.length <= 1) return printInThisThread(jobs, options);
  // Not import(): the bundle runs under node:vm, where a dynamic import has no loader.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new PrintPool(jobs, options, Worker).run();
}

async function printInThisThread(
  jobs: readonly PrintJob[],
  options: PrintBatchOptions,
): Promise<PrintResult[]> {
  const lane = await openPrintLane(options.setup, defaultContext());
  try {
    const results: PrintResult[] = [];
    for (const job of jobs) {
      const result = await printOne(lane, job);
      options.onResult?.(result);
      results.push(result);
    }
    return results;
  } finally {
    await lane.registry.close().catch(() => undefined);
  }
}

interface Slot {
  readonly worker: Worker;
  /** Kept from the start: a finished worker's threadId reads -1. */
  readonly threadId: number;
  readonly inFlight: number[];
  ready: boolean;
  gone: boolean;
}

class PrintPool {
  private readonly results: (PrintResult | undefined)[];
  private readonly retry: number[] = [];
  private readonly slots = new Set<Slot>();
  private next = 0;
  private finished = false;
  /** The workers' write gate (write-gate.ts): a SQLite registry's lock taken in turn. */
  private readonly gate = newWriteGate();
  private settle!: (value: PrintResult[]) => void;
  private fail!: (error: unknown) => void;

  constructor(
    private readonly jobs: readonly PrintJob[],
    private readonly options: PrintBatchOptions,
    private readonly WorkerThread: typeof Worker,
  ) {
    this.results = new Array<PrintResult | undefined>(jobs.length);
  }

  run(): Promise<PrintResult[]> {
    const done = new Promise<PrintResult[]>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    for (let i = 0; i < Math.min(this.options.jobs, this.jobs.length); i++) this.spawn();
    return done;
  }

  private take(): number {
    const again = this.retry.shift();
    if (again !== undefined) return again;
    return this.next < this.jobs.length ? this.next++ : -1;
  }

  private spawn(): void {
    const url = this.options.workerUrl ?? new URL('./print-worker.js', import.meta.url);
    const workerData: PrintWorkerData = {
      role: PRINT_WORKER_ROLE,
      setup: { ...this.options.setup, writeGate: this.gate },
    };
    const worker = new this.WorkerThread(url, { workerData });
    const slot: Slot = {
      worker,
      threadId: worker.threadId,
      inFlight: [],
      ready: false,
      gone: false,
    };
    this.slots.add(slot);
    worker.on('message', (reply: PrintWorkerReply) => this.onReply(slot, reply));
    worker.on('error', (e) => this.onDeath(slot, e.message));
    worker.on('exit', (code) => this.onDeath(slot, `worker exited with code ${code}`));
  }

  private feed(slot: Slot): void {
    while (slot.ready && !slot.gone && slot.inFlight.length < IN_FLIGHT) {
      const id = this.take();
      if (id < 0) break;
      slot.inFlight.push(id);
      slot.worker.postMessage({ type: 'job', job: this.jobs[id]! } satisfies PrintWorkerMessage);
    }
  }

  private onReply(slot: Slot, reply: PrintWorkerReply): void {
    if (reply.type === 'ready') {
      slot.ready = true;
      this.feed(slot);
    } else if (reply.type === 'fatal') {
      const code: ErrorCode = reply.code in ERROR_CODES ? (reply.code as ErrorCode) : 'INTERNAL';
      this.abort(
        new HosoError(code, {
          params: code === 'INTERNAL' ? { detail: reply.message } : reply.params,
        }),
      );
      return;
    } else {
      const at = slot.inFlight.indexOf(reply.id);
      if (at >= 0) slot.inFlight.splice(at, 1);
      this.results[reply.id] = reply.result;
      this.options.onResult?.(reply.result);
      this.feed(slot);
    }
    this.checkDone();
  }

  private onDeath(slot: Slot, reason: string): void {
    if (slot.gone || this.finished) return;
    slot.gone = true;
    this.slots.delete(slot);
    // A worker that died inside a registry write leaves the gate to the others.
    releaseGateHeldBy(this.gate, slot.threadId);
    if (!slot.ready) {
      this.abort(new HosoError('INTERNAL', { params: { detail: `print worker: ${reason}` } }));
      return;
    }
    const [current, ...queued] = slot.inFlight;
    this.retry.unshift(...queued);
    if (current !== undefined) {
      const job = this.jobs[current]!;
      const detail = `the converter stopped while working on this file (${reason}); the other files are not affected`;
      const result: PrintResult = {
        input: job.input,
        output: job.output,
        lookupCode: null,
        lookupUrl: null,
        pages: null,
        verification: null,
        skipped: false,
        error: {
          code: 'INTERNAL',
          message: renderErrorMessage('INTERNAL', { detail }, this.options.setup.lang).message,
        },
      };
      this.results[current] = result;
      this.options.onResult?.(result);
    }
    this.spawn();
    this.checkDone();
  }

  private abort(error: Error): void {
    if (this.finished) return;
    this.finished = true;
    const slots = [...this.slots];
    this.slots.clear();
    for (const s of slots) s.gone = true;
    void Promise.all(slots.map((s) => s.worker.terminate())).then(() => this.fail(error));
  }

  private checkDone(): void {
    if (this.finished) return;
    for (let i = 0; i < this.jobs.length; i++) if (this.results[i] === undefined) return;
    this.finished = true;
    const slots = [...this.slots];
    this.slots.clear();
    // Each worker closes its registry connection and ends: no thread is cut off mid-write.
    const ended = slots.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.gone = true;
          s.worker.once('exit', () => resolve());
          s.worker.postMessage({ type: 'stop' } satisfies PrintWorkerMessage);
        }),
    );
    void Promise.all(ended).then(() => this.settle(this.results as PrintResult[]));
  }
}
