/**
 * One worker thread of `hoso verify --jobs N` (verify-pool.ts). It loads the verifier once,
 * builds its trust store from the same paths the command was given, then verifies the paths it
 * is sent, one at a time, and posts back each input's FileReports — or the error that stopped
 * it, for the pool to raise in input order exactly as a single-threaded run would.
 */
import { existsSync } from 'node:fs';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { isHosoError } from '../kernel/index.js';
import { verifyInput, type AssessContext } from '../verify/index.js';
import { openInput } from './input-file.js';
import { loadTrustOptions } from './trust-options.js';
import {
  VERIFY_WORKER_ROLE,
  type SerializedError,
  type VerifyJob,
  type VerifyWorkerData,
  type VerifyWorkerReply,
  type VerifyWorkerSetup,
} from './verify-pool.js';

function serializeError(e: unknown): SerializedError {
  if (isHosoError(e)) {
    return {
      kind: 'hoso',
      code: e.code,
      params: { ...e.params },
      ...(e.offset !== undefined ? { offset: e.offset } : {}),
      ...(e.cause instanceof Error && e.cause.stack ? { causeStack: e.cause.stack } : {}),
    };
  }
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: 'other', message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
}

/** Serves the pool on `port`: loads the trust store, says ready, then verifies what it is sent. */
export function startVerifyWorker(port: MessagePort, setup: VerifyWorkerSetup): void {
  const { trust, extraCertificates } = loadTrustOptions({ ...setup.trust, command: 'verify' });
  const ctx: AssessContext = {
    trust,
    at: new Date(setup.at),
    policy: setup.policy,
    extraCertificates,
    revocation: setup.revocation,
  };
  const io = { open: openInput, exists: existsSync };
  const post = (reply: VerifyWorkerReply): void => port.postMessage(reply);
  post({ type: 'ready' });

  // One input at a time, in the order sent: the pool knows which input a dead worker was on.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (job: VerifyJob) => {
    queue = queue.then(async () => {
      try {
        post({ type: 'result', id: job.id, files: await verifyInput(job.path, ctx, io) });
      } catch (e) {
        post({ type: 'error', id: job.id, error: serializeError(e) });
      }
    });
  });
}

// Started by being loaded in a thread the pool created, whether from dist/cli/ or from the
// single-file bundle (which the main thread loads too, where this does nothing).
const data = workerData as VerifyWorkerData | null;
if (parentPort && data?.role === VERIFY_WORKER_ROLE) startVerifyWorker(parentPort, data.setup);
