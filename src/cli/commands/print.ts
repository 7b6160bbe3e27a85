/**
 * `hoso print INPUT... -o OUT` (CLI.md; issue 6; Decree 45/2020 Art. 18(2)): electronic results
 * to paper-ready PDFs, one at the counter or thousands in a batch.
 *
 * Everything that would fail every input is refused before any work starts, as a usage error
 * (exit 3: no converter, no system name or owner, no -o, a bad --dossier/--at/--jobs/--manifest,
 * a missing input, two inputs for one output) or an environment error (exit 4: the registry or
 * the trust store will not open). Then each input goes its own way (print-one.ts) in this thread
 * or in `--jobs` worker threads (print-pool.ts): one bad input is its own error line in the
 * results, the manifest and the summary, and the batch goes on.
 *
 * Exit codes: 0 when every input was converted (or, with --resume, had been), 1 when some were
 * not. CLI.md reserves 1 for `verify`'s failures; issue 6 asks exactly this of `print` ("exit
 * code 0 when all converted, 1 when some failed"), and the issue is followed here.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dossierOrResultCode, isoInstant, requiredText } from '../option-values.js';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { usageError } from '../../kernel/index.js';
import { parseRegistryLocation } from '../../registry/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { collectInputs } from '../collect-inputs.js';
import { assertOutputFree, writeBytesAtomically } from '../output-file.js';
import { manifestFormat, renderManifest, resultsDocument } from '../print-manifest.js';
import type { PrintJob, PrintResult, PrintSetup } from '../print-one.js';
import { printBatch } from '../print-pool.js';
import { progressBar } from '../progress.js';
import {
  actorName,
  lookupBaseUrl,
  openRegistryFor,
  registryLocationText,
} from '../registry-access.js';
import { STAGING_NAME } from '../registry-output.js';
import { loadTrustOptions } from '../trust-options.js';

interface PrintOptions {
  output?: string;
  dossier?: string;
  title?: string;
  converter?: string;
  converterTitle?: string;
  system?: string;
  owner?: string;
  seal?: boolean;
  jobs?: string;
  resume?: boolean;
  manifest?: string;
  trust?: string[];
  certs?: string[];
  crl?: string[];
  at?: string;
  registry?: string;
  force?: boolean;
}

const usage = (vi: string, en: string) => usageError('print', vi, en);

const required = (value: string | undefined, vi: string, en: string): string =>
  requiredText('print', value, vi, en);

/** `--jobs N`, else one thread per CPU; never more than there are inputs. */
function threads(requested: string | undefined, inputs: number): number {
  if (requested === undefined) return Math.max(1, Math.min(availableParallelism(), inputs));
  if (!/^\d+$/.test(requested.trim()) || Number(requested) < 1)
    throw usage(
      `--jobs cần một số nguyên dương, không phải "${requested}"`,
      `--jobs wants a positive whole number, not "${requested}"`,
    );
  return Math.max(1, Math.min(Number(requested), inputs));
}

/** The paper form's name: the input's, with `.pdf` (x.pdf → x.pdf, x.txt → x.txt.pdf). */
const paperName = (name: string): string => `${name.replace(/\.pdf$/i, '')}.pdf`;

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Inputs and their outputs. `-o` is a file for one input file, a folder for several, for a
 * folder input, or when it is a folder already (or ends with a separator). A folder's files keep
 * their places below it under `-o`, so that equal names in two subfolders stay apart; files
 * under `-o` itself and staged files are not inputs (a second run would convert its outputs).
 */
function planJobs(paths: readonly string[], output: string, cwd: string): PrintJob[] {
  const out = resolve(cwd, output);
  const anyFolder = paths.some((p) => isFolder(resolve(cwd, p)));
  const toFolder =
    paths.length > 1 || anyFolder || isFolder(out) || output.endsWith('/') || output.endsWith(sep);
  const inside = (file: string) => file === out || file.startsWith(out + sep);
  const pairs: { input: string; output: string }[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (isFolder(abs)) {
      for (const { path } of collectInputs([abs])) {
        if (inside(path) || STAGING_NAME.test(basename(path))) continue;
        pairs.push({ input: path, output: join(out, paperName(relative(abs, path))) });
      }
    } else {
      collectInputs([abs]); // a missing input is a usage error now, not a failed line later
      pairs.push({ input: abs, output: toFolder ? join(out, paperName(basename(abs))) : out });
    }
  }
  if (pairs.length === 0)
    throw usage('không có tệp nào để chuyển đổi', 'there are no files to convert');
  const seen = new Map<string, string>();
  for (const pair of pairs) {
    if (pair.output === pair.input)
      throw usage(
        `tệp đầu ra sẽ ghi đè lên chính tệp đầu vào ${pair.input}: chọn thư mục -o khác`,
        `the output would replace its own input ${pair.input}: choose another -o folder`,
      );
    const other = seen.get(pair.output);
    if (other !== undefined && other !== pair.input)
      throw usage(
        `${other} và ${pair.input} cùng cho ra ${pair.output}`,
        `${other} and ${pair.input} would both be written to ${pair.output}`,
      );
    seen.set(pair.output, pair.input);
  }
  const unique = [...new Map(pairs.map((p) => [p.input, p])).values()];
  return unique.map((p, id) => ({ id, input: p.input, output: p.output }));
}

/**
 * --resume: the staged files (`.hoso-tmp-<12 hex>-NAME`) a killed run left beside this batch's
 * outputs. Only those whose NAME is one of this batch's outputs are ours to remove.
 */
function removeStaleStaging(jobs: readonly PrintJob[]): number {
  const byFolder = new Map<string, Set<string>>();
  for (const j of jobs) {
    const names = byFolder.get(dirname(j.output)) ?? new Set<string>();
    names.add(basename(j.output));
    byFolder.set(dirname(j.output), names);
  }
  let removed = 0;
  for (const [folder, names] of byFolder) {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      continue; // no folder yet: nothing left behind
    }
    for (const entry of entries) {
      const m = STAGING_NAME.exec(entry);
      if (m && names.has(m[1]!)) {
        rmSync(join(folder, entry), { force: true });
        removed++;
      }
    }
  }
  return removed;
}

function reportResults(cli: CliEnv, results: readonly PrintResult[]): void {
  const vi = cli.lang === 'vi';
  for (const r of results) {
    if (r.error) cli.err(`hoso: ${r.input}: ${r.error.message}\n`);
    else
      cli.out(
        `${r.input} → ${r.output}  ${r.lookupUrl ?? ''}${r.skipped ? (vi ? '  (đã có từ lần trước)' : '  (done before)') : ''}\n`,
      );
  }
}

function summary(cli: CliEnv, results: readonly PrintResult[]): string {
  const total = results.length;
  const failed = results.filter((r) => r.error !== null).length;
  const skipped = results.filter((r) => r.skipped).length;
  const done = total - failed;
  if (cli.lang === 'vi')
    return `Đã chuyển đổi ${done}/${total} tệp, ${failed} lỗi${skipped ? ` (${skipped} tệp đã có từ lần trước)` : ''}\n`;
  return `Converted ${done}/${total} files, ${failed} ${failed === 1 ? 'error' : 'errors'}${skipped ? ` (${skipped} done before)` : ''}\n`;
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  raw: Record<string, unknown>,
): Promise<number> {
  const opts = raw as unknown as PrintOptions;
  const paths = (args[0] as string[] | undefined) ?? [];
  if (paths.length === 0)
    throw usage(
      'cần ít nhất một tệp kết quả hoặc thư mục',
      'at least one result file or folder is needed',
    );
  const output = required(
    opts.output,
    'cần nơi ghi: -o TỆP (một tệp đầu vào) hoặc -o THƯ_MỤC',
    'where to write is needed: -o FILE (one input) or -o FOLDER',
  );
  const converterName = required(
    opts.converter ?? cli.config.officer?.name,
    'cần họ tên người chuyển đổi: --converter "…" (hoặc "officer.name" trong tệp cấu hình)',
    'the converter is needed: --converter "…" (or "officer.name" in the configuration)',
  );
  const systemName = required(
    opts.system ?? cli.config.system?.name,
    'cần tên hệ thống thông tin: --system "…" (hoặc "system.name" trong tệp cấu hình)',
    'the information system is needed: --system "…" (or "system.name" in the configuration)',
  );
  const systemOwner = required(
    opts.owner ?? cli.config.system?.owner,
    'cần tên cơ quan chủ quản hệ thống: --owner "…" (hoặc "system.owner" trong tệp cấu hình)',
    'the system\'s owner is needed: --owner "…" (or "system.owner" in the configuration)',
  );
  const force = Boolean(opts.force);
  const resume = Boolean(opts.resume);
  const dossier = opts.dossier !== undefined ? dossierOrResultCode(opts.dossier) : null;
  const at = opts.at !== undefined ? isoInstant('print', opts.at).toISOString() : null;
  const manifest = opts.manifest;
  const format = manifest !== undefined ? manifestFormat(manifest) : null;
  // A resumed batch writes its manifest again, complete.
  if (manifest !== undefined) assertOutputFree(manifest, force || resume);
  const jobs = planJobs(paths, output, cli.cwd);
  const jobsCount = threads(opts.jobs, jobs.length);
  const trust = {
    trust: [...(cli.config.trust ?? []), ...(opts.trust ?? [])],
    crl: opts.crl ?? [],
    certs: opts.certs ?? [],
  };
  loadTrustOptions({ ...trust, command: 'print' }); // exit 4 now, not in every worker
  // Created and migrated here, once, before the threads open it.
  await (await openRegistryFor(cli, opts.registry, 'write')).close();

  const setup: PrintSetup = {
    lang: cli.lang,
    trust,
    at,
    registry: parseRegistryLocation(registryLocationText(cli, opts.registry), cli.cwd),
    actor: actorName(cli),
    lookupBaseUrl: lookupBaseUrl(cli),
    dossier,
    title: opts.title?.trim() || null,
    converterName,
    converterTitle: opts.converterTitle?.trim() || cli.config.officer?.title || null,
    systemName,
    systemOwner,
    agency: { code: cli.config.agency?.code ?? null, name: cli.config.agency?.name ?? null },
    seal: Boolean(opts.seal),
    force,
    resume,
  };
  if (resume) removeStaleStaging(jobs);

  const progress = progressBar(cli, jobs.length);
  const results = await printBatch(jobs, {
    jobs: jobsCount,
    setup,
    onResult: (r) => progress.tick(basename(r.input)),
  });
  progress.done();

  if (manifest !== undefined && format !== null)
    writeBytesAtomically(
      manifest,
      force || resume,
      new TextEncoder().encode(renderManifest(results, format)),
    );
  if (cli.json) printJson(cli, resultsDocument(results));
  else reportResults(cli, results);
  cli.err(summary(cli, results));
  return results.some((r) => r.error !== null) ? 1 : 0;
}
