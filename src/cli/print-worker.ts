/**
 * One worker thread of `hoso print --jobs N` (print-pool.ts): opens its own registry connection
 * and trust store, says ready, then converts the inputs it is sent one at a time, in the order
 * sent (the pool knows which input a dead worker was on), posting each result back. On `stop`
 * it closes the registry and lets the thread end.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { defaultContext, describeCause, isHosoError } from '../kernel/index.js';
import { openPrintLane, printOne, type PrintLane, type PrintSetup } from './print-one.js';
import {
  PRINT_WORKER_ROLE,
  type PrintWorkerData,
  type PrintWorkerMessage,
  type PrintWorkerReply,
} from './print-pool.js';

export async function startPrintWorker(port: MessagePort, setup: PrintSetup): Promise<void> {
  const post = (reply: PrintWorkerReply): void => port.postMessage(reply);
  let lane: PrintLane;
  try {
    lane = await openPrintLane(setup, defaultContext());
  } catch (e) {
    post({
      type: 'fatal',
      code: isHosoError(e) ? e.code : 'INTERNAL',
      params: isHosoError(e) ? { ...e.params } : {},
      message: describeCause(e),
    });
    return;
  }
  post({ type: 'ready' });
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: PrintWorkerMessage) => {
    queue = queue.then(async () => {
      if (message.type === 'job') {
        post({ type: 'result', id: message.job.id, result: await printOne(lane, message.job) });
        return;
      }
      await lane.registry.close().catch(() => undefined);
      port.close();
    });
  });
}

// Started by being loaded in a thread the pool created, whether from dist/cli/ or from the
// single-file bundle (which the main thread loads too, where this does nothing).
const data = workerData as PrintWorkerData | null;
if (parentPort && data?.role === PRINT_WORKER_ROLE) void startPrintWorker(parentPort, data.setup);
