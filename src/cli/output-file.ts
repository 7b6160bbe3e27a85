/**
 * Writing outputs the way CLI.md promises: atomically (a temporary file in the target folder,
 * then a rename) and never over an existing file without --force. Without --force the final
 * step is link(2), which fails if the name was taken meanwhile, so there is no race either.
 */
import { existsSync, linkSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { HosoError, describeCause } from '../kernel/index.js';

export function assertOutputFree(path: string, force: boolean): void {
  if (!force && existsSync(path)) throw new HosoError('OUTPUT_EXISTS', { params: { path } });
  const dir = dirname(path);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    throw new HosoError('OUTPUT_UNWRITABLE', { params: { path, detail: `no folder ${dir}` } });
}

function temporaryPathFor(path: string): string {
  return join(dirname(path), `.hoso-tmp-${randomBytes(6).toString('hex')}-${basename(path)}`);
}

/** Publishes a finished temporary file as `path`: rename with --force, else link(2) (no race). */
function publish(tmp: string, path: string, force: boolean): void {
  if (force) {
    renameSync(tmp, path);
    return;
  }
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      throw new HosoError('OUTPUT_EXISTS', { params: { path } });
    throw e;
  }
}

function unwritable(path: string, e: unknown): HosoError {
  if (e instanceof HosoError) return e;
  return new HosoError('OUTPUT_UNWRITABLE', {
    params: { path, detail: describeCause(e) },
    cause: e,
  });
}

/**
 * Runs `produce` with a temporary path next to `path`, then publishes it as `path`. The
 * temporary file is removed whatever happens, so a failure leaves no half-written output.
 */
export async function writeAtomically(
  path: string,
  force: boolean,
  produce: (tmpPath: string) => Promise<void> | void,
): Promise<void> {
  assertOutputFree(path, force);
  const tmp = temporaryPathFor(path);
  try {
    await produce(tmp);
    publish(tmp, path, force);
  } catch (e) {
    throw unwritable(path, e);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The same for bytes in hand, synchronously (for outputs written while a batch runs). */
export function writeBytesAtomically(path: string, force: boolean, bytes: Uint8Array): void {
  assertOutputFree(path, force);
  const tmp = temporaryPathFor(path);
  try {
    writeFileSync(tmp, bytes, { flag: 'wx' });
    publish(tmp, path, force);
  } catch (e) {
    throw unwritable(path, e);
  } finally {
    rmSync(tmp, { force: true });
  }
}
