/**
 * `hoso copy certify ORIGINAL... -o OUT`, `hoso copy issue RECORD -o OUT`, `hoso copy list`
 * (CLI.md; Decree 45/2020 Art. 10, Decree 23/2015 as amended; LEGAL.md §2).
 *
 * certify: the certified electronic copy of a paper original's capture (one PDF, or scans in
 * order). Everything that can be refused is refused before the registry is touched (inputs,
 * officer, agency, place, both keys and their passwords, the output name). Then, in one registry
 * transaction: the next number of the book is reserved, the copy is composed with it, signed by
 * the officer (a certification signature, DocMDP P=2: only the agency's signature may follow)
 * and by the agency, checked, staged beside OUT, and recorded. A failure anywhere in there
 * rolls the transaction back: no number used, no record, no output.
 *
 * issue: a copy of a master-register record, signed by the agency; a signed original PDF is
 * attached inside the copy so that its own signatures stay verifiable (the copy does not
 * pretend to carry them).
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { schemeFor, type SigningKey } from '../../cms/index.js';
import {
  composeCertifiedCopy,
  composeRegisterCopy,
  detectOriginalKind,
  parseCopyTemplate,
  DEFAULT_COPY_TEMPLATE,
  type ComposedCopy,
  type CopyTemplate,
  type OriginalInput,
} from '../../copy/index.js';
import {
  BufferSource,
  HosoError,
  describeCause,
  usageError,
  type Context,
} from '../../kernel/index.js';
import {
  assertDossierCode,
  formatLookupCode,
  lookupUrl,
  newLookupCode,
} from '../../lookup/codes.js';
import type {
  Indication,
  ProducedDocument,
  RegisteredDocument,
  Registry,
} from '../../registry/index.js';
import { formatVietnamTime } from '../../report/index.js';
import { vietnamParts } from '../../report/vietnam-time.js';
import type { FileReport } from '../../report/model.js';
import { makeTimestamper, signPdf, type Timestamper } from '../../sign/index.js';
import { certificateInfo } from '../../trust/index.js';
import { verifyFile } from '../../verify/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { openInput, readInput } from '../input-file.js';
import { assertOutputFree } from '../output-file.js';
import { positiveInteger, requiredText } from '../option-values.js';
import { loadP12Key } from '../p12-key.js';
import { lookupBaseUrl, withRegistry } from '../registry-access.js';
import { OutputPublisher, produce, signersOf } from '../registry-output.js';
import { loadTrustOptions } from '../trust-options.js';
import { httpTimeStampTransport } from '../tsa-client.js';

const usage = (vi: string, en: string) => usageError('copy', vi, en);
const MAX_ORIGINAL = 256 * 1024 * 1024;
const MAX_TEMPLATE = 1024 * 1024;

interface CopyOptions {
  output?: string;
  p12?: string;
  passEnv: string;
  agencyP12?: string;
  agencyPassEnv: string;
  officer?: string;
  officerTitle?: string;
  agency?: string;
  place?: string;
  book?: string;
  dossier?: string;
  tsa?: string;
  template?: string;
  trust?: string[];
  certs?: string[];
  crl?: string[];
  registry?: string;
  force?: boolean;
  year?: string;
}

// ---------------------------------------------------------------------------------------------
// What is checked before the registry is touched

function readOriginals(paths: readonly string[]): OriginalInput[] {
  if (paths.length === 0)
    throw usage(
      'cần bản chính: một tệp PDF, hoặc các ảnh quét JPEG/PNG theo thứ tự trang',
      'the original is needed: one PDF, or JPEG/PNG scans in page order',
    );
  const originals = paths.map((path): OriginalInput => {
    const bytes = readInput(path, MAX_ORIGINAL);
    const kind = detectOriginalKind(basename(path), bytes.subarray(0, 1024));
    if (kind === null)
      throw new HosoError('IMAGE_UNSUPPORTED', {
        params: {
          path,
          detail: 'neither PDF nor JPEG nor PNG',
          'detail.vi': 'không phải PDF, JPEG hay PNG',
          'detail.en': 'neither PDF nor JPEG nor PNG',
        },
      });
    return { kind, name: path, bytes };
  });
  if (originals.some((o) => o.kind === 'pdf') && originals.length > 1)
    throw usage(
      'bản chính là một tệp PDF, hoặc các ảnh quét (không trộn lẫn, không nhiều tệp PDF)',
      'the original is one PDF, or scans (not mixed, not several PDFs)',
    );
  return originals;
}

const required = (value: string | undefined, vi: string, en: string): string =>
  requiredText('copy', value, vi, en);

/** The agency that certifies or issues, and the place its statement names: flag, else config. */
function agencyAndPlace(cli: CliEnv, opts: CopyOptions): { agencyName: string; place: string } {
  return {
    agencyName: required(
      opts.agency ?? cli.config.agency?.name,
      'cần tên cơ quan: --agency "…" (hoặc "agency.name" trong tệp cấu hình)',
      'the agency is needed: --agency "…" (or "agency.name" in the configuration)',
    ),
    place: required(
      opts.place ?? cli.config.agency?.place,
      'cần địa danh ghi trong lời chứng: --place "…" (hoặc "agency.place" trong tệp cấu hình)',
      'the place named in the statement is needed: --place "…" (or "agency.place" in the configuration)',
    ),
  };
}

function loadTemplate(path: string | undefined): CopyTemplate {
  if (path === undefined) return DEFAULT_COPY_TEMPLATE;
  const bytes = readInput(path, MAX_TEMPLATE);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch (e) {
    throw new HosoError('TEMPLATE_INVALID', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
  return parseCopyTemplate(json, path);
}

function loadKeys(
  cli: CliEnv,
  opts: CopyOptions,
  officer: boolean,
): {
  officer: SigningKey | null;
  agency: SigningKey;
} {
  const agencyP12 = required(
    opts.agencyP12,
    'cần khóa của cơ quan: --agency-p12 TỆP (mật khẩu trong biến --agency-pass-env)',
    "the agency's key is needed: --agency-p12 FILE (password in --agency-pass-env)",
  );
  const officerKey = officer
    ? loadP12Key(
        {
          p12: required(
            opts.p12,
            'cần khóa của người chứng thực: --p12 TỆP',
            "the certifying officer's key is needed: --p12 FILE",
          ),
          passEnv: opts.passEnv,
          passStdin: false,
        },
        cli.env,
      )
    : null;
  const agencyKey = loadP12Key(
    { p12: agencyP12, passEnv: opts.agencyPassEnv, passStdin: false },
    cli.env,
  );
  return { officer: officerKey, agency: agencyKey };
}

function timestamperFor(cli: CliEnv, tsa: string | undefined): Timestamper | undefined {
  if (tsa === undefined) return undefined;
  if (!/^https?:\/\//.test(tsa))
    throw usage(
      `--tsa cần một địa chỉ http(s), không phải "${tsa}"`,
      `--tsa wants an http(s) URL, not "${tsa}"`,
    );
  return makeTimestamper(tsa, httpTimeStampTransport(tsa), cli.ctx.random);
}

// ---------------------------------------------------------------------------------------------
// Producing: compose, sign, stage, verify

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

async function signStep(
  pdf: Uint8Array,
  key: SigningKey,
  box: ComposedCopy['officerSignature'],
  extra: { reason: string; location: string; certify?: 2; timestamper?: Timestamper | undefined },
  ctx: Context,
): Promise<Uint8Array> {
  const result = await signPdf(
    new BufferSource(pdf),
    {
      key,
      scheme: schemeFor(key.privateKey, false),
      digest: 'sha256',
      reason: extra.reason,
      location: extra.location,
      visible: { page: box.page, rect: box.rect },
      ...(extra.certify ? { certify: extra.certify } : {}),
      ...(extra.timestamper ? { timestamper: extra.timestamper } : {}),
    },
    ctx,
  );
  return concat(pdf, result.update);
}

/** The finished copy: published, checked, and what the registry records of it. */
function finishCopy(
  cli: CliEnv,
  opts: CopyOptions,
  output: OutputPublisher,
  bytes: Uint8Array,
  pages: number,
  facts: { value: CopyFacts | null },
): ProducedDocument {
  const checked = output.publish(bytes, (tmp) => verifyStaged(cli, opts, tmp));
  facts.value = { sha256: checked.sha256, pages, verification: checked.indication };
  return {
    sha256: checked.sha256,
    size: bytes.length,
    content: { bytes },
    pages,
    verification: checked.indication,
    signers: signersOf(checked),
  };
}

interface CopyFacts {
  readonly sha256: string;
  readonly pages: number;
  readonly verification: Indication;
}

/** The recorded copy, said in words or JSON; warned about when it does not verify as valid. */
function done(
  cli: CliEnv,
  registered: RegisteredDocument,
  facts: { value: CopyFacts | null },
  what: { output: string; lookupCode: string; lookupUrl: string; book: string | null },
): number {
  const f = facts.value!;
  warnUnlessValid(cli, f.verification);
  report(cli, {
    copyId: registered.documentId,
    certificationNumber: registered.certificationNumber,
    book: what.book,
    year: registered.certificationYear,
    lookupCode: what.lookupCode,
    lookupUrl: what.lookupUrl,
    output: what.output,
    sha256: f.sha256,
    pages: f.pages,
    verification: f.verification,
  });
  return 0;
}

/** Says so when the finished copy does not verify as valid with the configured trust. */
function warnUnlessValid(cli: CliEnv, verification: Indication): void {
  if (verification === 'TOTAL_PASSED') return;
  cli.err(
    cli.lang === 'vi'
      ? `Cảnh báo: chữ ký trên bản sao chưa được xác nhận là hợp lệ (${verification}) — thêm gốc tin cậy: --trust, hoặc "trust" trong tệp cấu hình\n`
      : `Warning: the copy's signatures were not confirmed valid (${verification}) — add trust anchors: --trust, or "trust" in the configuration\n`,
  );
}

/** Says so when the officer named in the statement is not the holder of the signing key. */
function warnIfOfficerIsNotSigner(cli: CliEnv, officerName: string, key: SigningKey): void {
  const holder = certificateInfo(key.certificate).subject.commonName ?? '';
  const norm = (t: string) =>
    t.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  if (holder === '' || norm(holder).includes(norm(officerName))) return;
  cli.err(
    cli.lang === 'vi'
      ? `Cảnh báo: lời chứng ghi người chứng thực "${officerName}" nhưng khóa --p12 là của "${holder}"\n`
      : `Warning: the statement names the officer "${officerName}" but the --p12 key belongs to "${holder}"\n`,
  );
}

function verifyStaged(cli: CliEnv, opts: CopyOptions, path: string): FileReport {
  const { trust, extraCertificates } = loadTrustOptions({
    trust: [...(cli.config.trust ?? []), ...(opts.trust ?? [])],
    crl: opts.crl ?? [],
    certs: opts.certs ?? [],
    command: 'copy',
  });
  return verifyFile(
    path,
    { trust, at: cli.ctx.clock.now(), policy: 'strict', extraCertificates },
    { open: openInput, exists: existsSync },
  );
}

interface CopyResult {
  readonly copyId: number;
  readonly certificationNumber: number | null;
  readonly book: string | null;
  readonly year: number | null;
  readonly lookupCode: string;
  readonly lookupUrl: string;
  readonly output: string;
  readonly sha256: string;
  readonly pages: number;
  readonly verification: Indication;
}

function report(cli: CliEnv, r: CopyResult): void {
  if (cli.json) {
    printJson(cli, {
      copyId: r.copyId,
      certificationNumber: r.certificationNumber,
      book: r.book,
      year: r.year,
      lookupCode: r.lookupCode,
      lookupUrl: r.lookupUrl,
      output: r.output,
      sha256: r.sha256,
      pages: r.pages,
      verification: r.verification,
    });
    return;
  }
  const vi = cli.lang === 'vi';
  const rows: [string, string][] = [];
  if (r.certificationNumber !== null)
    rows.push([
      vi ? 'Số chứng thực' : 'Certification number',
      `${r.certificationNumber}   ${vi ? 'Quyển số' : 'Book'}: ${r.book}/${r.year}-SCT/BS`,
    ]);
  rows.push(
    [vi ? 'Mã tra cứu' : 'Lookup code', formatLookupCode(r.lookupCode)],
    [vi ? 'Địa chỉ tra cứu' : 'Lookup URL', r.lookupUrl],
    [vi ? 'Số trang' : 'Pages', String(r.pages)],
    ['SHA-256', r.sha256],
  );
  const width = Math.max(...rows.map(([l]) => l.length)) + 2;
  cli.out(
    (r.certificationNumber !== null
      ? vi
        ? `Đã chứng thực bản sao: ${r.output}\n`
        : `Certified copy written: ${r.output}\n`
      : vi
        ? `Đã cấp bản sao từ sổ gốc: ${r.output}\n`
        : `Copy from the master register written: ${r.output}\n`) +
      rows.map(([l, v]) => `  ${`${l}:`.padEnd(width)}${v}\n`).join(''),
  );
}

// ---------------------------------------------------------------------------------------------
// The subcommands

async function certify(cli: CliEnv, paths: string[], opts: CopyOptions): Promise<number> {
  const output = required(
    opts.output,
    'cần tệp đầu ra: -o TỆP',
    'an output file is needed: -o FILE',
  );
  const originals = readOriginals(paths);
  const officerName = required(
    opts.officer ?? cli.config.officer?.name,
    'cần họ tên người chứng thực: --officer "…" (hoặc "officer.name" trong tệp cấu hình)',
    'the certifying officer is needed: --officer "…" (or "officer.name" in the configuration)',
  );
  const officerTitle =
    opts.officerTitle?.trim() ||
    cli.config.officer?.title ||
    DEFAULT_COPY_TEMPLATE.defaultOfficerTitle;
  const { agencyName, place } = agencyAndPlace(cli, opts);
  const book = opts.book?.trim() || '01';
  if (!/^[0-9A-Za-z.-]{1,20}$/.test(book))
    throw usage(`--book: số quyển không hợp lệ "${book}"`, `--book: invalid book number "${book}"`);
  const dossier = opts.dossier !== undefined ? assertDossierCode(opts.dossier) : null;
  const template = loadTemplate(opts.template);
  const force = Boolean(opts.force);
  assertOutputFree(output, force);
  const keys = loadKeys(cli, opts, true);
  const timestamper = timestamperFor(cli, opts.tsa);
  const lookupCode = newLookupCode(cli.ctx.random);
  const url = lookupUrl(lookupBaseUrl(cli), lookupCode);
  const yearOf = (at: Date) => vietnamParts(at).year;
  const agencyCode = cli.config.agency?.code ?? null;
  warnIfOfficerIsNotSigner(cli, officerName, keys.officer!);

  const out = new OutputPublisher(output, force);
  const facts: { value: CopyFacts | null } = { value: null };
  const registered = await produce(out, () =>
    withRegistry(cli, opts.registry, 'write', (registry: Registry) =>
      registry.produceDocument(
        {
          kind: 'certified-copy',
          title: basename(originals[0]!.name),
          dossierCode: dossier,
          system: {
            name: cli.config.system?.name ?? null,
            owner: cli.config.system?.owner ?? null,
          },
          agency: { code: agencyCode, name: agencyName },
          lookupCode,
          certification: {
            book,
            year: yearOf(cli.ctx.clock.now()),
            originalSha256: originalDigest(originals),
            officerName,
            officerTitle,
            place,
          },
          certificationYearOf: yearOf,
        },
        async ({ at, certificationNumber, certificationYear }) => {
          const composed = await composeCertifiedCopy(
            originals,
            {
              number: certificationNumber!,
              book,
              year: certificationYear!,
              place,
              date: at,
              officerName,
              officerTitle,
              agencyName,
              lookupUrl: url,
              lookupCodeDisplay: formatLookupCode(lookupCode),
            },
            template,
          );
          const byOfficer = await signStep(
            composed.pdf,
            keys.officer!,
            composed.officerSignature,
            {
              reason: 'Chứng thực bản sao đúng với bản chính',
              location: place,
              certify: 2,
              timestamper,
            },
            cli.ctx,
          );
          const signed = await signStep(
            byOfficer,
            keys.agency,
            composed.agencySignature,
            { reason: `${agencyName} chứng thực bản sao`, location: place, timestamper },
            cli.ctx,
          );
          return finishCopy(cli, opts, out, signed, composed.pages, facts);
        },
      ),
    ),
  );
  return done(cli, registered, facts, { output, lookupCode, lookupUrl: url, book });
}

/** The original's fingerprint in the register: of the PDF, or of the scans in order. */
function originalDigest(originals: readonly OriginalInput[]): string {
  if (originals.length === 1) return createHash('sha256').update(originals[0]!.bytes).digest('hex');
  const h = createHash('sha256');
  for (const o of originals) h.update(createHash('sha256').update(o.bytes).digest());
  return h.digest('hex');
}

async function issue(cli: CliEnv, recordText: string, opts: CopyOptions): Promise<number> {
  const output = required(
    opts.output,
    'cần tệp đầu ra: -o TỆP',
    'an output file is needed: -o FILE',
  );
  const recordId = positiveInteger('copy', recordText, 'RECORD');
  const { agencyName, place } = agencyAndPlace(cli, opts);
  const template = loadTemplate(opts.template);
  const force = Boolean(opts.force);
  assertOutputFree(output, force);
  const keys = loadKeys(cli, opts, false);
  const timestamper = timestamperFor(cli, opts.tsa);
  const lookupCode = newLookupCode(cli.ctx.random);
  const url = lookupUrl(lookupBaseUrl(cli), lookupCode);

  const out = new OutputPublisher(output, force);
  const facts: { value: CopyFacts | null } = { value: null };
  const registered = await produce(out, () =>
    withRegistry(cli, opts.registry, 'write', async (registry) => {
      const record = await registry.getDocument(recordId, true);
      if (record === null || record.recordId === null)
        throw new HosoError('RECORD_NOT_FOUND', { params: { id: recordId } });
      const bytes = await registry.readContent(record.sha256);
      if (bytes === null)
        throw new HosoError('RECORD_NOT_FOUND', {
          params: { id: `${recordId} (${record.title}: no stored content)` },
        });
      const name = record.title;
      const kind = detectOriginalKind(name, bytes.subarray(0, 1024));
      if (kind === null)
        throw usage(
          `bản ghi số ${recordId} không phải PDF hay ảnh quét (JPEG/PNG): hoso chỉ cấp bản sao điện tử của các dạng đó`,
          `record ${recordId} is neither a PDF nor a scan (JPEG/PNG): hoso issues electronic copies of those only`,
        );
      const originalSigned =
        kind === 'pdf' && record.verification !== null && record.verification !== 'NO_SIGNATURE';
      return registry.produceDocument(
        {
          kind: 'register-copy',
          title: record.title,
          dossierCode: record.dossierCode,
          resultCode: record.resultCode,
          procedureCode: record.procedureCode,
          sourceId: record.id,
          system: {
            name: cli.config.system?.name ?? null,
            owner: cli.config.system?.owner ?? null,
          },
          agency: { code: cli.config.agency?.code ?? null, name: agencyName },
          lookupCode,
        },
        async ({ at }) => {
          const composed = await composeRegisterCopy(
            { kind, name, bytes },
            {
              recordNumber: recordId,
              dossierCode: record.resultCode ?? record.dossierCode ?? '',
              title: record.title,
              date: at,
              place,
              agencyName,
              signerTitle: opts.officerTitle?.trim() || cli.config.officer?.title || agencyName,
              lookupUrl: url,
              lookupCodeDisplay: formatLookupCode(lookupCode),
              attachment: originalSigned
                ? { name: attachmentName(name), bytes, signed: true }
                : null,
            },
            template,
          );
          const signed = await signStep(
            composed.pdf,
            keys.agency,
            composed.agencySignature,
            {
              reason: 'Cấp bản sao điện tử từ sổ gốc',
              location: place,
              certify: 2,
              timestamper,
            },
            cli.ctx,
          );
          return finishCopy(cli, opts, out, signed, composed.pages, facts);
        },
      );
    }),
  );
  return done(cli, registered, facts, { output, lookupCode, lookupUrl: url, book: null });
}

/** The attached original's file name: the record's title made a safe file name, `.pdf`. */
function attachmentName(title: string): string {
  const base = title
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-')
    .trim()
    .slice(0, 100);
  return /\.pdf$/i.test(base) ? base : `${base || 'ban-goc'}.pdf`;
}

async function list(cli: CliEnv, opts: Record<string, unknown>): Promise<number> {
  const book = (opts['book'] as string | undefined)?.trim();
  const yearText = opts['year'] as string | undefined;
  const year = yearText !== undefined ? positiveInteger('copy', yearText, '--year') : undefined;
  const rows = await withRegistry(cli, opts['registry'] as string | undefined, 'read', (r) =>
    r.listCertifications({
      ...(book !== undefined ? { book } : {}),
      ...(year !== undefined ? { year } : {}),
    }),
  );
  if (cli.json) {
    printJson(cli, { certifications: rows });
    return 0;
  }
  const vi = cli.lang === 'vi';
  if (rows.length === 0) {
    cli.out(vi ? 'Sổ chứng thực chưa có mục nào.\n' : 'The register of copies is empty.\n');
    return 0;
  }
  cli.out(
    vi
      ? 'Số   Quyển            Ngày chứng thực    Bản chính — người chứng thực — số bản sao\n'
      : 'No.  Book             Certified          Original — officer — copies\n',
  );
  for (const r of rows)
    cli.out(
      `${String(r.number).padEnd(5)}${`${r.book}/${r.year}-SCT/BS`.padEnd(17)}${(formatVietnamTime(r.certifiedAt) ?? r.certifiedAt).padEnd(19)}${r.title} — ${r.officerName} — ${r.copies}\n`,
    );
  cli.out(
    vi ? `Tổng: ${rows.length} số chứng thực\n` : `Total: ${rows.length} certification numbers\n`,
  );
  return 0;
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  opts: Record<string, unknown>,
  command: string,
): Promise<number> {
  switch (command) {
    case 'certify':
      return certify(cli, (args[0] as string[] | undefined) ?? [], opts as unknown as CopyOptions);
    case 'issue':
      return issue(cli, String(args[0]), opts as unknown as CopyOptions);
    default:
      return list(cli, opts);
  }
}
