/**
 * `hoso verify PATH...` (CLI.md): every signature in each file, folders walked, one report in
 * text (default), JSON (`--json`) and optionally a printable PDF (`--report-pdf FILE`). One file
 * that cannot be parsed never aborts the batch: it is a TOTAL_FAILED entry with `error` set.
 * Exit codes: 0 all passed, 1 any failed, 2 otherwise, 3 usage, 4 environment.
 */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { existsSync } from 'node:fs';
import { t, usageError } from '../../kernel/index.js';
import { OnlineRevocation, defaultRevocationCache } from '../../trust/index.js';
import { summarise, verifyExitCode } from '../../report/conclusion.js';
import type { VerificationReport } from '../../report/model.js';
import { isZipArchive, verifyInput, type AssessContext } from '../../verify/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { collectInputs } from '../collect-inputs.js';
import { contentExtractor } from '../content-extraction.js';
import { openInput } from '../input-file.js';
import { writeAtomically } from '../output-file.js';
import { progressBar } from '../progress.js';
import {
  checkRevisionRequest,
  extractSignedRevision,
  parseRevisionRequest,
} from '../revision-extraction.js';
import { loadTrustOptions } from '../trust-options.js';
import { jobCount, verifyBatch } from '../verify-pool.js';
import { isoInstant } from '../option-values.js';

interface VerifyCliOptions {
  trust?: string[];
  crl?: string[];
  certs?: string[];
  at?: string;
  content?: string;
  policy: 'strict' | 'lenient';
  revocation: 'hard' | 'soft' | 'off';
  online?: boolean;
  reportPdf?: string;
  extract?: string;
  extractRevision?: string[];
  force?: boolean;
  jobs?: string;
}

const usage = (vi: string, en: string) => usageError('verify', vi, en);

function validationTime(opts: VerifyCliOptions, cli: CliEnv): Date {
  return opts.at === undefined ? cli.ctx.clock.now() : isoInstant('verify', opts.at);
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  raw: Record<string, unknown>,
): Promise<number> {
  const opts = raw as unknown as VerifyCliOptions;
  const paths = (args[0] as string[] | undefined) ?? [];
  const revision = parseRevisionRequest(opts.extractRevision);
  if (paths.length === 0)
    throw usage('cần ít nhất một tệp hoặc thư mục', 'at least one file or folder is needed');
  const at = validationTime(opts, cli);
  const inputs = collectInputs(paths);
  if (opts.content !== undefined && (inputs.length !== 1 || isZipArchive(inputs[0]!.path))) {
    throw usage(
      '--content chỉ dùng khi kiểm tra một tệp .p7s',
      '--content applies to a single .p7s file',
    );
  }
  const trustPaths = {
    trust: [...(cli.config.trust ?? []), ...(opts.trust ?? [])],
    crl: opts.crl ?? [],
    certs: opts.certs ?? [],
  };
  const { trust, extraCertificates } = loadTrustOptions({ ...trustPaths, command: 'verify' });
  // --online: certificates left without revocation data by a first, offline pass get it fetched
  // (revocation-fetch.ts), then the file is verified again. Without it no connection is made.
  const online = opts.online
    ? new OnlineRevocation(defaultRevocationCache(), () => cli.ctx.clock.now())
    : undefined;
  const ctx: AssessContext = {
    trust,
    at,
    policy: opts.policy,
    extraCertificates,
    revocation: opts.revocation,
    ...(online ? { online } : {}),
  };
  if (revision) checkRevisionRequest(revision, inputs, Boolean(opts.force));
  const extractor =
    opts.extract === undefined
      ? null
      : contentExtractor(opts.extract, Boolean(opts.force), (from, to) =>
          cli.err(t('verify.extracted', cli.lang, { from, to }) + '\n'),
        );
  extractor?.precheck(inputs.map((i) => i.path));

  const progress = progressBar(cli, inputs.length);
  const files = await verifyBatch(
    inputs.map((i) => i.path),
    {
      // --extract names its outputs across the whole batch: it stays in this thread.
      // --extract names its outputs across the whole batch, and --online shares what it fetched
      // between files: both stay in this thread.
      jobs:
        extractor || online
          ? 1
          : jobCount(
              opts.jobs,
              inputs.map((i) => i.path),
            ),
      setup: {
        trust: trustPaths,
        at: at.toISOString(),
        policy: opts.policy,
        revocation: opts.revocation,
      },
      verifyHere: async (path) => {
        const io = {
          open: openInput,
          exists: existsSync,
          ...(opts.content !== undefined ? { contentPath: opts.content } : {}),
        };
        const first = await verifyInput(path, ctx, {
          ...io,
          ...(extractor ? { onEnvelopedContent: extractor.write } : {}),
        });
        if (!online?.pending) return first;
        await online.fetchWanted();
        // Again with what was fetched; the content was extracted the first time.
        return verifyInput(path, ctx, io);
      },
      onProgress: (path) => progress.tick(basename(path)),
    },
  );
  progress.done();
  if (revision && files[0]) {
    const bytes = await extractSignedRevision(files[0], revision, Boolean(opts.force));
    const params = { n: revision.n, from: files[0].path, to: revision.out, bytes };
    cli.err(t('verify.revision-extracted', cli.lang, params) + '\n');
  }

  const report: VerificationReport = {
    schemaVersion: 1,
    validationTime: at.toISOString(),
    summary: summarise(files),
    files,
  };
  if (opts.reportPdf) {
    const { renderPdfReport } = await import('../../report/pdf-report.js');
    const pdf = await renderPdfReport(report, { lang: cli.lang, generatedAt: cli.ctx.clock.now() });
    await writeAtomically(opts.reportPdf, Boolean(opts.force), (tmp) => writeFileSync(tmp, pdf));
  }
  if (cli.json) {
    printJson(cli, report);
  } else {
    const { renderText } = await import('../../report/text-renderer.js');
    cli.out(renderText(report, { lang: cli.lang, color: Boolean(process.stdout.isTTY) }));
  }
  return verifyExitCode(report.summary);
}
