/** Opening inputs with the errors CLI.md promises (missing file → exit 3 with a hint). */
import { readFileSync, statSync } from 'node:fs';
import { FileSource, HosoError, describeCause } from '../kernel/index.js';

function check(path: string): void {
  let st;
  try {
    st = statSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new HosoError('FILE_NOT_FOUND', { params: { path } });
    throw new HosoError('FILE_UNREADABLE', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
  if (st.isDirectory()) throw new HosoError('INPUT_IS_FOLDER', { params: { path } });
}

export function openInput(path: string): FileSource {
  check(path);
  try {
    return new FileSource(path);
  } catch (e) {
    throw new HosoError('FILE_UNREADABLE', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
}

export function readInput(path: string, limit: number): Uint8Array {
  check(path);
  const size = statSync(path).size;
  if (size > limit) {
    throw new HosoError('INPUT_TOO_LARGE', { params: { what: path, size, limit } });
  }
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new HosoError('FILE_UNREADABLE', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
}
