/**
 * `hoso verify --jobs N`: the inputs of a batch shared between N lanes — this thread, which has
 * the verifier loaded already, and N-1 worker threads (verify-worker.ts), each of which loads the
 * verifier and builds its trust store once, then takes paths. Results are put back in input
 * order, so the report is the same whatever N is. With one input or one job there are no workers.
 *
 * Failures keep the single-threaded semantics: an error thrown while verifying an input (a
 * missing file, a bug) is raised for the first such input in input order, as the loop would
 * have. A worker that dies (a crash, running out of memory) is different — one thread lost
 * should not cost the batch: its input gets a TOTAL_FAILED entry with the reason, a new worker
 * takes its place, and the batch goes on.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import type { Worker } from 'node:worker_threads';
import {
  ERROR_CODES,
  forEachChunk,
  HosoError,
  usageError,
  type ErrorCode,
} from '../kernel/index.js';
import type { FileReport } from '../report/model.js';
import { detectFormat } from '../verify/index.js';
import { openInput } from './input-file.js';
import type { TrustOptionInput } from './trust-options.js';

/** What a worker needs to rebuild the command's verification context (structured-cloneable). */
export interface VerifyWorkerSetup {
  readonly trust: Omit<TrustOptionInput, 'command'>;
  /** Validation time, ISO 8601. */
  readonly at: string;
  readonly policy: 'strict' | 'lenient';
  readonly revocation: 'hard' | 'soft' | 'off';
}

/** What a pool worker is started with: its role (the bundle is loaded in every thread) and setup. */
export const VERIFY_WORKER_ROLE = 'hoso-verify-worker';
export interface VerifyWorkerData {
  readonly role: typeof VERIFY_WORKER_ROLE;
  readonly setup: VerifyWorkerSetup;
}

export interface VerifyJob {
  readonly id: number;
  readonly path: string;
}

export type SerializedError =
  | {
      readonly kind: 'hoso';
      readonly code: string;
      readonly params: Record<string, string | number>;
      readonly offset?: number;
      readonly causeStack?: string;
    }
  | { readonly kind: 'other'; readonly message: string; readonly stack?: string };

export type VerifyWorkerReply =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly files: FileReport[] }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

export interface VerifyBatchOptions {
  /** Worker threads; 1 (or a single input) verifies in this thread. */
  readonly jobs: number;
  readonly setup: VerifyWorkerSetup;
  /** Verifies one input in this thread. */
  readonly verifyHere: (path: string) => Promise<FileReport[]>;
  /** Progress: called before each input in this thread, as each result arrives with workers. */
  readonly onProgress?: (path: string) => void;
  /** The worker script; tests substitute their own. */
  readonly workerUrl?: URL;
  /**
   * Whether this thread takes inputs too (default true). False gives every input to `jobs`
   * workers, which only tests want: this thread is then idle.
   */
  readonly thisThreadVerifies?: boolean;
}

/** Inputs sent ahead to a worker, so it never waits for the next path. */
const IN_FLIGHT = 2;

/**
 * Rough cost of verifying one input in one thread, measured on the bench machine (2 cores): about
 * a millisecond for a small signed PDF, plus reading and hashing its bytes at some 1.5 GB/s.
 */
const SECONDS_PER_INPUT = 0.0015;
const BYTES_PER_SECOND = 1.5e9;
/**
 * A worker costs some 0.2 s of CPU to start (the verifier, the trust store) and shares the cores
 * with V8's own threads: it pays for itself only with about half a second of work to take.
 */
const SECONDS_PER_WORKER = 0.5;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * The number of threads for `--jobs`: a positive integer. By default one per CPU, as far as the
 * batch has work for them (a few files stay in this thread); never more than there are inputs.
 */
export function jobCount(requested: string | undefined, paths: readonly string[]): number {
  if (requested !== undefined) {
    if (!/^\d+$/.test(requested.trim()) || Number(requested) < 1) {
      throw usageError(
        'verify',
        `--jobs cần một số nguyên dương, không phải "${requested}"`,
        `--jobs wants a positive whole number, not "${requested}"`,
      );
    }
    return Math.max(1, Math.min(Number(requested), paths.length));
  }
  const work = paths.reduce((s, p) => s + SECONDS_PER_INPUT + sizeOf(p) / BYTES_PER_SECOND, 0);
  const lanes = 1 + Math.floor(work / SECONDS_PER_WORKER);
  return Math.max(1, Math.min(availableParallelism(), lanes, paths.length));
}

export async function verifyBatch(
  paths: readonly string[],
  options: VerifyBatchOptions,
): Promise<FileReport[]> {
  if (options.jobs <= 1 || paths.length <= 1) return verifyInThisThread(paths, options);
  // Loaded only for a pool: a single file does not pay for it at start-up. (Not import(): the
  // bundle runs under node:vm with a code cache, where a dynamic import has no loader.)
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  return new WorkerPool(paths, options, Worker).run();
}

async function verifyInThisThread(
  paths: readonly string[],
  options: VerifyBatchOptions,
): Promise<FileReport[]> {
  const files: FileReport[] = [];
  for (const path of paths) {
    options.onProgress?.(path);
    files.push(...(await options.verifyHere(path)));
  }
  return files;
}

function deserializeError(e: SerializedError): Error {
  if (e.kind === 'other') {
    const err = new Error(e.message);
    if (e.stack) err.stack = e.stack;
    return err;
  }
  const code: ErrorCode = e.code in ERROR_CODES ? (e.code as ErrorCode) : 'INTERNAL';
  let cause: Error | undefined;
  if (e.causeStack) {
    cause = new Error(e.causeStack.split('\n')[0]);
    cause.stack = e.causeStack;
  }
  return new HosoError(code, {
    params: e.params,
    ...(e.offset !== undefined ? { offset: e.offset } : {}),
    ...(cause ? { cause } : {}),
  });
}

/** The entry of an input whose worker died on it: its fingerprint, and why there is no verdict. */
function abandonedReport(path: string, reason: string): FileReport {
  let sha256 = '';
  let format: FileReport['format'] = 'unknown';
  const src = openInput(path);
  try {
    const h = createHash('sha256');
    forEachChunk(src, 0, src.size, (c) => h.update(c));
    sha256 = h.digest('hex');
    format = detectFormat(basename(path), src.read(0, 1024));
  } finally {
    src.close();
  }
  return {
    path,
    sha256,
    format,
    indication: 'TOTAL_FAILED',
    signatures: [],
    error: {
      code: 'INTERNAL',
      message: `the verifier stopped while reading this file (${reason}); the other files are not affected`,
    },
  };
}

interface Slot {
  readonly worker: Worker;
  /** Job ids sent to this worker, oldest (the one being verified) first. */
  readonly inFlight: number[];
  ready: boolean;
  gone: boolean;
}

/** Lets worker messages in between two inputs verified in this thread. */
const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * This thread is one of the lanes: it has the verifier loaded already and starts at once, while
 * the `jobs - 1` workers load theirs; whichever lane is free takes the next input.
 */
class WorkerPool {
  private readonly results: (FileReport[] | undefined)[];
  private readonly retry: number[] = [];
  private readonly slots = new Set<Slot>();
  private next = 0;
  private firstError: { index: number; error: Error } | null = null;
  /** A worker failed before it could take work: no more are started, this thread does the rest. */
  private broken = false;
  private localRunning = false;
  private finished = false;
  private settle!: (value: FileReport[]) => void;
  private fail!: (error: unknown) => void;

  constructor(
    private readonly paths: readonly string[],
    private readonly options: VerifyBatchOptions,
    private readonly WorkerThread: typeof Worker,
  ) {
    this.results = new Array<FileReport[] | undefined>(paths.length);
  }

  run(): Promise<FileReport[]> {
    const done = new Promise<FileReport[]>((resolve, reject) => {
      this.settle = resolve;
      this.fail = reject;
    });
    const local = this.options.thisThreadVerifies ?? true;
    for (let i = local ? 1 : 0; i < this.options.jobs; i++) this.spawn();
    if (local) void this.localLane();
    return done;
  }

  private get limit(): number {
    return this.firstError ? this.firstError.index : this.paths.length;
  }

  /** The next input no lane has taken, or -1. */
  private take(): number {
    while (this.retry.length) {
      const id = this.retry.shift()!;
      if (id < this.limit && this.results[id] === undefined) return id;
    }
    return this.next < this.limit ? this.next++ : -1;
  }

  private recordError(index: number, error: unknown): void {
    if (!this.firstError || index < this.firstError.index)
      this.firstError = { index, error: error instanceof Error ? error : new Error(String(error)) };
  }

  private async localLane(): Promise<void> {
    if (this.localRunning) return;
    this.localRunning = true;
    for (let id = this.take(); id >= 0 && !this.finished; id = this.take()) {
      const path = this.paths[id]!;
      this.options.onProgress?.(path);
      try {
        this.results[id] = await this.options.verifyHere(path);
      } catch (e) {
        this.recordError(id, e);
      }
      await yieldToEvents();
    }
    this.localRunning = false;
    this.checkDone();
  }

  private spawn(): void {
    const url = this.options.workerUrl ?? new URL('./verify-worker.js', import.meta.url);
    const workerData: VerifyWorkerData = { role: VERIFY_WORKER_ROLE, setup: this.options.setup };
    const worker = new this.WorkerThread(url, { workerData });
    const slot: Slot = { worker, inFlight: [], ready: false, gone: false };
    this.slots.add(slot);
    worker.on('message', (reply: VerifyWorkerReply) => this.onReply(slot, reply));
    worker.on('error', (e) => this.onDeath(slot, e.message));
    worker.on('exit', (code) => this.onDeath(slot, `worker exited with code ${code}`));
  }

  /** Inputs go to a worker once it is ready: until then this thread takes them. */
  private feed(slot: Slot): void {
    while (!this.broken && slot.ready && !slot.gone && slot.inFlight.length < IN_FLIGHT) {
      const id = this.take();
      if (id < 0) break;
      slot.inFlight.push(id);
      slot.worker.postMessage({ id, path: this.paths[id]! } satisfies VerifyJob);
    }
  }

  private onReply(slot: Slot, reply: VerifyWorkerReply): void {
    if (reply.type === 'ready') {
      slot.ready = true;
      this.feed(slot);
      this.checkDone();
      return;
    }
    const at = slot.inFlight.indexOf(reply.id);
    if (at >= 0) slot.inFlight.splice(at, 1);
    if (reply.type === 'result') {
      this.results[reply.id] = reply.files;
      this.options.onProgress?.(this.paths[reply.id]!);
    } else {
      this.recordError(reply.id, deserializeError(reply.error));
    }
    this.feed(slot);
    this.checkDone();
  }

  private onDeath(slot: Slot, reason: string): void {
    if (slot.gone) return;
    slot.gone = true;
    this.slots.delete(slot);
    void slot.worker.terminate();
    const [current, ...queued] = slot.inFlight;
    this.retry.unshift(...queued);
    if (!slot.ready) {
      // It never came up (the verifier or the trust store could not load there): no input is
      // to blame, and another worker would fail the same way.
      if (current !== undefined) this.retry.unshift(current);
      this.broken = true;
    } else if (current !== undefined && current < this.limit) {
      try {
        this.results[current] = [abandonedReport(this.paths[current]!, reason)];
        this.options.onProgress?.(this.paths[current]!);
      } catch (e) {
        this.recordError(current, e);
      }
    }
    if (!this.broken && !this.finished) this.spawn();
    if (this.broken) void this.localLane();
    this.checkDone();
  }

  private checkDone(): void {
    if (this.finished || this.localRunning) return;
    for (let i = 0; i < this.limit; i++) if (this.results[i] === undefined) return;
    this.finished = true;
    const slots = [...this.slots];
    this.slots.clear();
    for (const s of slots) s.gone = true;
    void Promise.all(slots.map((s) => s.worker.terminate())).then(() => {
      if (this.firstError) this.fail(this.firstError.error);
      else this.settle(this.results.flatMap((r) => r ?? []));
    });
  }
}
