/**
 * One input of `hoso print`, start to finish, in whichever thread runs it (print-pool.ts): verify
 * the electronic result, compose its paper form, stage the output beside its name, record the
 * conversion and put the output in place in one registry transaction, and say how it went. A
 * failure is this input's result, never the batch's: the next input goes on.
 *
 * What a crash (even SIGKILL) can leave, and why `--resume` never makes a duplicate record:
 * - before the transaction: at most a staged `.hoso-tmp-…` file (--resume removes it);
 * - inside it: the output is linked into place, then the rows are written, then COMMIT. Killed
 *   before COMMIT, SQLite rolls the transaction back: an output without a record, which --resume
 *   finds unregistered (its SHA-256 is in no paper document) and replaces;
 * - after COMMIT: output and record, which --resume finds registered and skips.
 * A record is never committed without its output in place, and an input is redone only when
 * its output's bytes are not registered — so each output has exactly one record.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import {
  HosoError,
  describeCause,
  isHosoError,
  renderErrorMessage,
  type Context,
  type Lang,
} from '../kernel/index.js';
import { formatLookupCode, lookupUrl, newLookupCode } from '../lookup/codes.js';
import { composePaper } from '../paper/index.js';
import {
  Registry,
  type DocumentView,
  type Indication,
  type RegistryLocation,
  type WriteGate,
} from '../registry/index.js';
import { verifyFile, type AssessContext } from '../verify/index.js';
import { openInput, readInput } from './input-file.js';
import { OutputPublisher, produce, signersOf } from './registry-output.js';
import { loadTrustOptions } from './trust-options.js';

/** The largest electronic result converted (as `hoso copy`'s originals). */
const MAX_INPUT = 256 * 1024 * 1024;

/** Everything a thread needs to convert inputs (structured-cloneable: it goes to workers). */
export interface PrintSetup {
  readonly lang: Lang;
  readonly trust: { readonly trust: string[]; readonly crl: string[]; readonly certs: string[] };
  /** `--at`: the validation time, ISO 8601; null: the time of each conversion. */
  readonly at: string | null;
  readonly registry: RegistryLocation;
  readonly actor: string;
  readonly lookupBaseUrl: string;
  /** `--dossier`, split into dossier and result code; null: from the registry, else none. */
  readonly dossier: { readonly dossierCode: string; readonly resultCode: string | null } | null;
  /** `--title`; null: the registry's title, else the file name. */
  readonly title: string | null;
  readonly converterName: string;
  readonly converterTitle: string | null;
  readonly systemName: string;
  readonly systemOwner: string;
  readonly agency: { readonly code: string | null; readonly name: string | null };
  readonly seal: boolean;
  readonly force: boolean;
  readonly resume: boolean;
  /** Set by the pool for its workers: they queue here before SQLite's write lock. */
  readonly writeGate?: WriteGate;
}

export interface PrintJob {
  readonly id: number;
  readonly input: string;
  readonly output: string;
}

/** One line of the results (CLI.md `hoso print` JSON, plus `skipped`). */
export interface PrintResult {
  readonly input: string;
  readonly output: string;
  readonly lookupCode: string | null;
  readonly lookupUrl: string | null;
  readonly pages: number | null;
  readonly verification: Indication | null;
  /** Converted and registered by an earlier run (--resume): nothing done this time. */
  readonly skipped: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** One thread's means: its own registry connection, trust store and context. */
export interface PrintLane {
  readonly setup: PrintSetup;
  readonly registry: Registry;
  readonly verification: Omit<AssessContext, 'at'>;
  readonly ctx: Context;
}

export async function openPrintLane(setup: PrintSetup, ctx: Context): Promise<PrintLane> {
  const { trust, extraCertificates } = loadTrustOptions({ ...setup.trust, command: 'print' });
  const registry = await Registry.open({
    location: setup.registry,
    mode: 'write',
    clock: ctx.clock,
    actor: setup.actor,
    ...(setup.writeGate !== undefined ? { writeGate: setup.writeGate } : {}),
  });
  return {
    setup,
    registry,
    verification: { trust, policy: 'strict', extraCertificates },
    ctx,
  };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The error entry of a result, in the user's language; never a stack trace. */
export function errorEntry(e: unknown, lang: Lang): { code: string; message: string } {
  if (isHosoError(e))
    return { code: e.code, message: renderErrorMessage(e.code, e.params, lang).message };
  const params = { detail: describeCause(e) };
  return { code: 'INTERNAL', message: renderErrorMessage('INTERNAL', params, lang).message };
}

/** With --resume: the registered paper document whose bytes the output already is, if any. */
async function registeredOutput(lane: PrintLane, output: string): Promise<DocumentView | null> {
  if (!existsSync(output)) return null;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(output);
  } catch {
    return null; // unreadable: redone (and replaced) like an unregistered output
  }
  const docs = await lane.registry.findBySha256(sha256(bytes));
  return docs.find((d) => d.kind === 'paper') ?? null;
}

/** The registered electronic result with these bytes (not a paper form of one), if any. */
async function registeredSource(lane: PrintLane, digest: string): Promise<DocumentView | null> {
  const docs = await lane.registry.findBySha256(digest);
  return docs.find((d) => d.kind !== 'paper') ?? null;
}

function makeFolder(output: string): void {
  try {
    mkdirSync(dirname(output), { recursive: true });
  } catch (e) {
    throw new HosoError('OUTPUT_UNWRITABLE', {
      params: { path: output, detail: describeCause(e) },
      cause: e,
    });
  }
}

export async function printOne(lane: PrintLane, job: PrintJob): Promise<PrintResult> {
  const { setup, registry, ctx } = lane;
  const base = { input: job.input, output: job.output };
  try {
    if (setup.resume) {
      const done = await registeredOutput(lane, job.output);
      if (done)
        return {
          ...base,
          lookupCode: done.lookupCodes[0] ?? null,
          lookupUrl:
            done.lookupCodes[0] !== undefined
              ? lookupUrl(setup.lookupBaseUrl, done.lookupCodes[0])
              : null,
          pages: done.pages,
          verification: done.verification,
          skipped: true,
          error: null,
        };
    }
    // With --resume an output still here is not registered (above): it is replaced.
    const replace = setup.force || setup.resume;
    if (!replace && existsSync(job.output))
      throw new HosoError('OUTPUT_EXISTS', { params: { path: job.output } });

    const bytes = readInput(job.input, MAX_INPUT);
    const sourceSha256 = sha256(bytes);
    const source = await registeredSource(lane, sourceSha256);
    const at = ctx.clock.now();
    const report = verifyFile(
      job.input,
      { ...lane.verification, at: setup.at !== null ? new Date(setup.at) : at },
      { open: openInput, exists: existsSync },
    );
    if (report.format !== 'pdf') throw new HosoError('NOT_A_PDF', { params: { path: job.input } });
    const lookupCode = newLookupCode(ctx.random);
    const url = lookupUrl(setup.lookupBaseUrl, lookupCode);
    const dossierCode = setup.dossier ? setup.dossier.dossierCode : (source?.dossierCode ?? null);
    const resultCode = setup.dossier ? setup.dossier.resultCode : (source?.resultCode ?? null);
    const title = setup.title ?? source?.title ?? basename(job.input);
    // Composed before the registry's write lock is taken (the slow part), with the time that
    // will be recorded: other threads and processes record meanwhile.
    const paper = await composePaper(bytes, basename(job.input), report, {
      title,
      dossierCode,
      resultCode,
      procedureCode: source?.procedureCode ?? null,
      systemName: setup.systemName,
      systemOwner: setup.systemOwner,
      lookupUrl: url,
      lookupCodeDisplay: formatLookupCode(lookupCode),
      convertedAt: at,
      converterName: setup.converterName,
      converterTitle: setup.converterTitle,
      seal: setup.seal,
      sourceSha256,
    });
    makeFolder(job.output);
    const out = new OutputPublisher(job.output, replace);
    const staged = out.stage(paper.pdf);
    try {
      const record = () =>
        registry.produceDocument(
          {
            kind: 'paper',
            title,
            dossierCode,
            resultCode,
            procedureCode: source?.procedureCode ?? null,
            sourceId: source?.id ?? null,
            system: { name: setup.systemName, owner: setup.systemOwner },
            agency: setup.agency,
            lookupCode,
            conversion: {
              sourceSha256,
              converterName: setup.converterName,
              converterTitle: setup.converterTitle,
            },
            at,
          },
          // In the transaction: the output takes its name before the rows are written and
          // committed (see the top of this file for what a crash leaves).
          async () => {
            out.link(staged);
            return {
              sha256: sha256(paper.pdf),
              size: paper.pdf.length,
              content: { bytes: paper.pdf },
              pages: paper.pages,
              verification: report.indication,
              signers: signersOf(report),
            };
          },
        );
      await produce(out, record);
    } finally {
      rmSync(staged, { force: true });
    }
    return {
      ...base,
      lookupCode,
      lookupUrl: url,
      pages: paper.pages,
      verification: report.indication,
      skipped: false,
      error: null,
    };
  } catch (e) {
    return {
      ...base,
      lookupCode: null,
      lookupUrl: null,
      pages: null,
      verification: null,
      skipped: false,
      error: errorEntry(e, setup.lang),
    };
  }
}
