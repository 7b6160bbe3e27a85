/**
 * `hoso register add|list|show|verify` (CLI.md): the master register (sổ gốc) and the check of
 * the registry's tamper-evident audit chain.
 *
 * `add FILE --dossier CODE --title TEXT` verifies the file's signatures first (as `hoso verify`
 * would, with the configured trust) and records the verdict and the signers with it: that is the
 * "verification status recorded at issue" a lookup shows later. The file's bytes are kept in the
 * registry (content-addressed). Files hoso cannot verify (a scan, an office document) are
 * recorded as not verified; a damaged PDF or CMS file is refused (exit 3) rather than registered.
 */
import { existsSync, statSync } from 'node:fs';
import { HosoError, usageError, type ErrorCode } from '../../kernel/index.js';
import {
  assertDossierCode,
  formatLookupCode,
  lookupUrl,
  newLookupCode,
} from '../../lookup/codes.js';
import { openPdf } from '../../pdf/index.js';
import type {
  AuditProblem,
  DocumentView,
  Indication,
  RegisterListItem,
} from '../../registry/index.js';
import type { FileReport } from '../../report/model.js';
import { formatVietnamTime, indicationWord } from '../../report/index.js';
import { verifyFile } from '../../verify/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { openInput } from '../input-file.js';
import { lookupBaseUrl, withRegistry } from '../registry-access.js';
import { dossierOrResultCode, positiveInteger } from '../option-values.js';
import { signersOf } from '../registry-output.js';
import { loadTrustOptions } from '../trust-options.js';

const usage = (vi: string, en: string) => usageError('register', vi, en);
const MAX_TITLE = 500;

interface AddOptions {
  dossier?: string;
  title?: string;
  procedure?: string;
  registry?: string;
  trust?: string[];
  certs?: string[];
  crl?: string[];
}

function pageCount(path: string, report: FileReport): number | null {
  if (report.format !== 'pdf') return null;
  const src = openInput(path);
  try {
    return openPdf(src).pages().length;
  } catch {
    return null;
  } finally {
    src.close();
  }
}

async function add(cli: CliEnv, path: string, opts: AddOptions): Promise<number> {
  if (opts.dossier === undefined)
    throw usage('cần mã hồ sơ: --dossier MÃ', 'a dossier code is needed: --dossier CODE');
  const title = opts.title?.trim();
  if (!title)
    throw usage('cần tên văn bản: --title "…"', 'a document title is needed: --title "…"');
  if (title.length > MAX_TITLE)
    throw usage(
      `tên văn bản dài quá ${MAX_TITLE} ký tự`,
      `the title is longer than ${MAX_TITLE} characters`,
    );
  const { dossierCode: dossier, resultCode: result } = dossierOrResultCode(opts.dossier);
  const procedure = opts.procedure?.trim() || null;
  openInput(path).close(); // missing file, folder, unreadable: exit 3 before anything else

  const { trust, extraCertificates } = loadTrustOptions({
    trust: [...(cli.config.trust ?? []), ...(opts.trust ?? [])],
    crl: opts.crl ?? [],
    certs: opts.certs ?? [],
    command: 'register',
  });
  const report = verifyFile(
    path,
    { trust, at: cli.ctx.clock.now(), policy: 'strict', extraCertificates },
    { open: openInput, exists: existsSync },
  );
  if (report.error !== null)
    throw new HosoError(report.error.code as ErrorCode, {
      params: report.error.params ?? { path, detail: report.error.message },
    });
  const verification: Indication | null = report.format === 'unknown' ? null : report.indication;
  const size = statSync(path).size;
  const lookupCode = newLookupCode(cli.ctx.random);
  const baseUrl = lookupBaseUrl(cli);

  const registered = await withRegistry(cli, opts.registry, 'write', (registry) =>
    registry.registerDocument({
      kind: 'original',
      title,
      sha256: report.sha256,
      size,
      content: { path },
      dossierCode: dossier,
      resultCode: result,
      procedureCode: procedure,
      pages: pageCount(path, report),
      system: { name: cli.config.system?.name ?? null, owner: cli.config.system?.owner ?? null },
      agency: { code: cli.config.agency?.code ?? null, name: cli.config.agency?.name ?? null },
      verification,
      signers: signersOf(report),
      lookupCode,
      registerRecord: true,
    }),
  );
  const url = lookupUrl(baseUrl, lookupCode);
  if (cli.json) {
    printJson(cli, {
      recordId: registered.recordId,
      lookupCode,
      lookupUrl: url,
      sha256: report.sha256,
      documentId: registered.documentId,
      dossierCode: dossier,
      resultCode: result,
      verification,
    });
    return 0;
  }
  const vi = cli.lang === 'vi';
  const lines: [string, string][] = [
    [vi ? 'Tên văn bản' : 'Title', title],
    [vi ? 'Mã hồ sơ' : 'Dossier code', result ?? dossier],
    [vi ? 'Mã tra cứu' : 'Lookup code', formatLookupCode(lookupCode)],
    [vi ? 'Địa chỉ tra cứu' : 'Lookup URL', url],
    [
      vi ? 'Chữ ký số' : 'Signatures',
      verification === null
        ? vi
          ? 'không kiểm tra (không phải PDF hay CMS)'
          : 'not verified (neither PDF nor CMS)'
        : `${indicationWord(verification, cli.lang)} (${report.signatures.length})`,
    ],
    ['SHA-256', report.sha256],
  ];
  cli.out(
    (vi
      ? `Đã vào sổ gốc: bản ghi số ${registered.recordId}\n`
      : `Entered in the master register: record ${registered.recordId}\n`) + table(lines),
  );
  return 0;
}

function table(rows: readonly [string, string][]): string {
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, v]) => `  ${`${l}:`.padEnd(width)}${v}\n`).join('');
}

async function list(cli: CliEnv, opts: Record<string, unknown>): Promise<number> {
  const limitText = opts['limit'] as string | undefined;
  const limit =
    limitText !== undefined ? positiveInteger('register', limitText, '--limit') : undefined;
  const dossier = opts['dossier'] as string | undefined;
  const records: readonly RegisterListItem[] = await withRegistry(
    cli,
    opts['registry'] as string | undefined,
    'read',
    (r) =>
      r.listRegister({
        ...(dossier !== undefined ? { dossierCode: assertDossierCode(dossier) } : {}),
        ...(limit !== undefined ? { limit } : {}),
      }),
  );
  if (cli.json) {
    printJson(cli, { records });
    return 0;
  }
  const vi = cli.lang === 'vi';
  if (records.length === 0) {
    cli.out(vi ? 'Sổ gốc chưa có bản ghi nào.\n' : 'The master register has no records.\n');
    return 0;
  }
  for (const r of records)
    cli.out(
      `${String(r.recordId).padStart(5)}  ${r.dossierCode}  ${formatVietnamTime(r.registeredAt)}  ${
        r.lookupCode ? formatLookupCode(r.lookupCode) : '-'
      }  ${r.title}\n`,
    );
  cli.out(vi ? `Tổng: ${records.length} bản ghi\n` : `Total: ${records.length} records\n`);
  return 0;
}

async function show(cli: CliEnv, idText: string, opts: Record<string, unknown>): Promise<number> {
  const id = positiveInteger('register', idText, 'RECORD');
  const view: DocumentView | null = await withRegistry(
    cli,
    opts['registry'] as string | undefined,
    'read',
    (r) => r.getDocument(id, true),
  );
  if (view === null) throw new HosoError('RECORD_NOT_FOUND', { params: { id } });
  const baseUrl = lookupBaseUrl(cli);
  if (cli.json) {
    printJson(cli, {
      ...view,
      lookupUrls: view.lookupCodes.map((c) => lookupUrl(baseUrl, c)),
    });
    return 0;
  }
  const vi = cli.lang === 'vi';
  const rows: [string, string][] = [
    [vi ? 'Tên văn bản' : 'Title', view.title],
    [vi ? 'Mã hồ sơ' : 'Dossier code', view.resultCode ?? view.dossierCode ?? '-'],
    [vi ? 'Vào sổ lúc' : 'Registered', `${formatVietnamTime(view.createdAt)} — ${view.createdBy}`],
    [vi ? 'Kích thước' : 'Size', `${view.size} byte${vi ? '' : 's'}`],
    ['SHA-256', view.sha256],
    [
      vi ? 'Chữ ký số' : 'Signatures',
      view.verification === null
        ? vi
          ? 'không kiểm tra'
          : 'not verified'
        : indicationWord(view.verification, cli.lang),
    ],
    ...view.signers.map((s, i): [string, string] => [
      `  ${i + 1}`,
      `${s.name}${s.signingTime ? ` — ${formatVietnamTime(s.signingTime)}` : ''} — ${indicationWord(s.indication, cli.lang)}`,
    ]),
    ...view.lookupCodes.map((c): [string, string] => [
      vi ? 'Mã tra cứu' : 'Lookup code',
      `${formatLookupCode(c)}  ${lookupUrl(baseUrl, c)}`,
    ]),
  ];
  if (view.revokedAt)
    rows.push([
      vi ? 'Thu hồi lúc' : 'Revoked',
      formatVietnamTime(view.revokedAt) ?? view.revokedAt,
    ]);
  cli.out((vi ? `Bản ghi số ${view.recordId}\n` : `Record ${view.recordId}\n`) + table(rows));
  return 0;
}

const PROBLEM_TEXT: Record<AuditProblem['kind'], { vi: string; en: string }> = {
  'entry-altered': {
    vi: 'nội dung mục nhật ký đã bị sửa (mã băm không khớp)',
    en: 'the entry itself was altered (its hash does not match)',
  },
  'chain-broken': {
    vi: 'chuỗi bị đứt: mục này không nối với mục trước',
    en: 'the chain is broken: this entry does not link to the one before',
  },
  'entry-missing': {
    vi: 'thiếu mục nhật ký trước mục này (đã bị xóa)',
    en: 'entries before this one are missing (deleted)',
  },
  'row-altered': {
    vi: 'bản ghi mà mục này ghi nhận đã bị sửa sau khi ghi',
    en: 'the row this entry records was changed after it was written',
  },
  'row-missing': {
    vi: 'bản ghi mà mục này ghi nhận đã bị xóa',
    en: 'the row this entry records was deleted',
  },
  'row-unrecorded': {
    vi: 'bản ghi không có trong nhật ký (được thêm ngoài hoso)',
    en: 'a row no entry records (added outside hoso)',
  },
  'content-altered': {
    vi: 'tệp lưu trữ đã bị sửa (SHA-256 không khớp)',
    en: 'the stored file was altered (its SHA-256 does not match)',
  },
  'content-missing': {
    vi: 'tệp lưu trữ bị mất',
    en: 'the stored file is missing',
  },
};

function describeProblem(p: AuditProblem, cli: CliEnv): string {
  const vi = cli.lang === 'vi';
  const where = `${p.table} ${p.key}`;
  const head =
    p.seq === null
      ? vi
        ? `bản ghi ${where}`
        : `row ${where}`
      : vi
        ? `mục nhật ký số ${p.seq} (${p.action}, ${where})`
        : `audit entry ${p.seq} (${p.action}, ${where})`;
  return `${head}: ${PROBLEM_TEXT[p.kind][cli.lang]}`;
}

async function verifyRegistry(cli: CliEnv, opts: Record<string, unknown>): Promise<number> {
  const result = await withRegistry(cli, opts['registry'] as string | undefined, 'read', (r) =>
    r.verify(),
  );
  const first = result.problems[0] ?? null;
  if (cli.json) {
    printJson(cli, {
      intact: result.intact,
      entries: result.entries,
      head: result.head,
      firstBrokenEntry: first?.seq ?? null,
      problems: result.problems.map((p) => ({ ...p, message: describeProblem(p, cli) })),
    });
    return result.intact ? 0 : 1;
  }
  const vi = cli.lang === 'vi';
  if (result.intact) {
    cli.out(
      vi
        ? `✔ Sổ đăng ký nguyên vẹn: ${result.entries} mục nhật ký, mọi bản ghi và tệp lưu trữ khớp\n  Mã băm cuối chuỗi: ${result.head}\n  (ghi lại mã này ở nơi khác để sau này đối chiếu cả phần cuối chuỗi)\n`
        : `✔ The registry is intact: ${result.entries} audit entries, every row and stored file matches\n  Head hash: ${result.head}\n  (note it elsewhere to check the end of the chain later)\n`,
    );
    return 0;
  }
  cli.out(
    vi
      ? `✘ Sổ đăng ký đã bị sửa đổi ngoài hoso — ${describeProblem(first!, cli)}\n`
      : `✘ The registry was altered outside hoso — ${describeProblem(first!, cli)}\n`,
  );
  for (const p of result.problems.slice(1, 20)) cli.out(`  • ${describeProblem(p, cli)}\n`);
  if (result.problems.length > 20)
    cli.out(
      vi
        ? `  … và ${result.problems.length - 20} vấn đề khác\n`
        : `  … and ${result.problems.length - 20} more\n`,
    );
  return 1;
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  opts: Record<string, unknown>,
  command: string,
): Promise<number> {
  switch (command) {
    case 'add':
      return add(cli, String(args[0]), opts as AddOptions);
    case 'list':
      return list(cli, opts);
    case 'show':
      return show(cli, String(args[0]), opts);
    default:
      return verifyRegistry(cli, opts);
  }
}
