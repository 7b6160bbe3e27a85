/**
 * A write gate: an in-process lock, in shared memory, that the threads of one `hoso print
 * --jobs N` batch take before SQLite's own write lock.
 *
 * Why: a thread that finds SQLite's write lock taken waits in SQLite's busy handler, which sleeps
 * 1, 2, 5, 10 … 100 ms between tries. Short transactions from two threads then collide on nearly
 * every conversion and each collision costs milliseconds of sleep — with two jobs the batch ran
 * slower than with one (issue 6's benchmark). Threads of one process queue here instead and are
 * woken the moment the gate opens (Atomics.wait/notify). Other processes still meet SQLite's lock
 * and its busy timeout, as before; PostgreSQL needs no gate (its advisory lock wakes waiters).
 *
 * The cell holds 0 (open) or the holder's tag (its thread id + 1). If a holder dies, the thread
 * that owns the pool opens the gate in its name (releaseGateHeldBy). A waiter gives up waiting
 * after GATE_PATIENCE_MS and goes on to SQLite's lock, whose busy timeout then decides.
 */
import { threadId } from 'node:worker_threads';

export type WriteGate = SharedArrayBuffer;

const GATE_PATIENCE_MS = 30_000;

export function newWriteGate(): WriteGate {
  return new SharedArrayBuffer(4);
}

/** The tag this thread writes into the gate while holding it. */
export function gateTag(thread = threadId): number {
  return thread + 1;
}

/** Runs `fn` holding the gate (waiting for it first), and opens it again after. */
export async function throughGate<T>(
  gate: WriteGate | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (gate === undefined) return fn();
  const cell = new Int32Array(gate);
  const tag = gateTag();
  const deadline = Date.now() + GATE_PATIENCE_MS;
  let held = false;
  for (;;) {
    const holder = Atomics.compareExchange(cell, 0, 0, tag);
    if (holder === 0) {
      held = true;
      break;
    }
    // This thread holds it already (a second write started before the first ended): waiting
    // would be waiting for ourselves. The write goes on to SQLite's lock, as without a gate.
    if (holder === tag) break;
    const left = deadline - Date.now();
    if (left <= 0) break;
    Atomics.wait(cell, 0, holder, left);
  }
  try {
    return await fn();
  } finally {
    if (held) {
      Atomics.store(cell, 0, 0);
      Atomics.notify(cell, 0, 1);
    }
  }
}

/** Opens the gate if the thread with `thread` id holds it (that thread has died). */
export function releaseGateHeldBy(gate: WriteGate, thread: number): void {
  const cell = new Int32Array(gate);
  if (Atomics.compareExchange(cell, 0, gateTag(thread), 0) === gateTag(thread))
    Atomics.notify(cell, 0, 1);
}
