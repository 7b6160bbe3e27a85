/**
 * Outputs that the registry records (hoso copy, hoso print): the file is put in place from
 * inside the registry transaction that records it, so that a record never exists for an output
 * nobody received, and a name taken meanwhile fails the transaction instead.
 */
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { HosoError, describeCause } from '../kernel/index.js';
import type { SignerAtIssue } from '../registry/index.js';
import type { FileReport } from '../report/model.js';

/** The prefix of the temporary files an output is staged in, beside the output. */
export const STAGING_PREFIX = '.hoso-tmp-';
/** A staged file's name: the prefix, 12 hex digits, a dash, the output's own name. */
export const STAGING_NAME = /^\.hoso-tmp-[0-9a-f]{12}-(.+)$/s;

/**
 * The output, published from inside the registry transaction: written to a temporary file,
 * checked (hoso verify), then linked to its name (no clobbering without --force) *before* the
 * transaction commits, so that a name taken meanwhile fails the transaction — no number used —
 * rather than leaving a record for a copy nobody received. If the commit then fails, `retract`
 * removes the file this command published.
 */
export class OutputPublisher {
  private published = false;

  constructor(
    private readonly path: string,
    private readonly force: boolean,
  ) {}

  /** Writes, syncs and checks `bytes`, then publishes them; returns the check's report. */
  publish(bytes: Uint8Array, check: (tmp: string) => FileReport): FileReport {
    const tmp = this.stage(bytes);
    try {
      const report = check(tmp);
      this.link(tmp);
      return report;
    } finally {
      rmSync(tmp, { force: true });
    }
  }

  /**
   * Writes `bytes` to a new temporary file beside the output and syncs it to disk; returns its
   * path. The caller removes it (`link` leaves it, as a second name of the output).
   */
  stage(bytes: Uint8Array): string {
    const { path } = this;
    const tmp = join(
      dirname(path),
      `${STAGING_PREFIX}${randomBytes(6).toString('hex')}-${basename(path)}`,
    );
    try {
      writeFileSync(tmp, bytes, { flag: 'wx' });
      const fd = openSync(tmp, 'r');
      fsyncSync(fd);
      closeSync(fd);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new HosoError('OUTPUT_UNWRITABLE', {
        params: { path, detail: describeCause(e) },
        cause: e,
      });
    }
    return tmp;
  }

  /** Gives the staged file the output's name: link(2), or rename(2) over it with --force. */
  link(tmp: string): void {
    const { path } = this;
    try {
      if (this.force) renameSync(tmp, path);
      else linkSync(tmp, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST')
        throw new HosoError('OUTPUT_EXISTS', { params: { path } });
      throw new HosoError('OUTPUT_UNWRITABLE', {
        params: { path, detail: describeCause(e) },
        cause: e,
      });
    }
    this.published = true;
  }

  retract(): void {
    if (this.published) rmSync(this.path, { force: true });
  }
}

/** Runs the registry transaction; a failure after publishing takes the output back. */
export async function produce<T>(output: OutputPublisher, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    output.retract();
    throw e;
  }
}

/** The signers the registry keeps with a document, from its verification report. */
export function signersOf(report: FileReport): SignerAtIssue[] {
  return report.signatures.map((s) => ({
    name: s.signer.commonName ?? '?',
    organization: s.signer.organization ?? null,
    signingTime: s.signingTime,
    indication: s.indication,
  }));
}
