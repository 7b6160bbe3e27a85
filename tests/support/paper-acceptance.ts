/**
 * Issue 6's acceptance checks of one `hoso print` output, made with outside tools and the real
 * binary only, for the samples (tests/interop/print-acceptance.test.ts) and the third-party
 * corpus (tests/corpus/print-corpus.test.ts):
 * - `qpdf --check` is clean;
 * - page count (pdfinfo, poppler) = the original's + 1, and what the manifest says;
 * - `pdftotext` finds on every sheet the footer fields (conversion mark, information system and
 *   owner, dossier code when given, lookup code, "Trang x/y"), and on the conversion page the
 *   document name, the system and owner, the converter, the time of conversion, the original's
 *   SHA-256, the lookup URL, and per signature of `hoso verify --json` of the original its
 *   signer and verdict in Vietnamese (or the plain sentence for an unsigned result);
 * - the QR code on page 1, decoded by zbarimg from a pdftoppm rendering, is the lookup URL;
 * - `hoso lookup URL --json` returns the conversion: a paper record with the output's SHA-256.
 * Text is compared with all white space removed: the conversion page wraps long names and codes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { requireTool, runTool } from './external-tools.js';
import { TEST_CERTS } from './paths.js';
import { hoso } from './run-cli.js';

export const PAPER_TOOLS = ['qpdf', 'pdfinfo', 'pdftotext', 'pdftoppm', 'zbarimg'] as const;
export const MARK = 'BẢN CHUYỂN ĐỔI TỪ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH ĐIỆN TỬ';

/** Verdict words of the conversion page (report catalogue, Vietnamese). */
const VERDICT: Record<string, string> = {
  TOTAL_PASSED: 'HỢP LỆ',
  TOTAL_FAILED: 'KHÔNG HỢP LỆ',
  INDETERMINATE: 'CHƯA XÁC ĐỊNH',
};

export interface PrintEntry {
  readonly input: string;
  readonly output: string;
  readonly lookupCode: string | null;
  readonly lookupUrl: string | null;
  readonly pages: number | null;
  readonly verification: string | null;
  readonly skipped: boolean;
  readonly error: { readonly code: string; readonly message: string } | null;
}

/** The paper fields most print tests give: a test system, its owner, a converter, the test root. */
export const PRINT_FIELDS: readonly string[] = [
  '--system',
  'Hệ thống thông tin giải quyết TTHC tỉnh Thử Nghiệm',
  '--owner',
  'Văn phòng UBND tỉnh Thử Nghiệm',
  '--converter',
  'Trần Thị Bình',
  '--trust',
  join(TEST_CERTS, 'root.cert.pem'),
];

export interface PaperExpectations {
  readonly systemName: string;
  readonly systemOwner: string;
  readonly converterName: string;
  readonly converterTitle?: string;
  readonly dossierCode?: string;
  /** `hoso verify` options that give the verdict the conversion page shows (e.g. --trust). */
  readonly verifyArgs: readonly string[];
  readonly registry: string;
  /** Folder for renderings. */
  readonly scratch: string;
}

/**
 * The URLs of the QR codes on page 1 of `pdf`, decoded by zbarimg from a 150 dpi pdftoppm
 * rendering (written under `scratch`).
 */
export function qrUrlsOnPage1(pdf: string, scratch: string): string[] {
  const png = join(scratch, `${basename(pdf, '.pdf')}-p1`);
  const r = runTool('pdftoppm', [
    '-r',
    '150',
    '-f',
    '1',
    '-l',
    '1',
    '-singlefile',
    '-png',
    pdf,
    png,
  ]);
  expect(r.code, r.out).toBe(0);
  const z = runTool('zbarimg', ['--raw', '-q', `${png}.png`]);
  // zbarimg may complain on stderr (no D-Bus here); each symbol's data is a line of its own.
  return z.out.split('\n').filter((l) => /^https?:/.test(l));
}

/**
 * `hoso print INPUTS -o FOLDER` with the fields of `x`, `--jobs 2` and a JSON manifest: the exit
 * code and the manifest's results.
 */
export function printBatchFor(
  inputs: readonly string[],
  x: PaperExpectations,
  extra: readonly string[] = [],
): { code: number; results: PrintEntry[] } {
  const manifest = join(x.scratch, 'manifest.json');
  const run = hoso([
    'print',
    ...inputs,
    '-o',
    join(x.scratch, 'giay'),
    '--system',
    x.systemName,
    '--owner',
    x.systemOwner,
    '--converter',
    x.converterName,
    ...(x.converterTitle !== undefined ? ['--converter-title', x.converterTitle] : []),
    ...(x.dossierCode !== undefined ? ['--dossier', x.dossierCode] : []),
    '--registry',
    x.registry,
    '--jobs',
    '2',
    '--manifest',
    manifest,
    ...extra,
  ]);
  const results = (JSON.parse(readFileSync(manifest, 'utf8')) as { results: PrintEntry[] }).results;
  return { code: run.code, results };
}

export function requirePaperTools(): void {
  for (const t of PAPER_TOOLS) requireTool(t);
}

const squash = (s: string): string => s.replace(/\s+/g, '');

function pageCount(pdf: string): number {
  const r = runTool('pdfinfo', [pdf]);
  const m = /^Pages:\s+(\d+)/m.exec(r.out);
  if (m) return Number(m[1]);
  const q = runTool('qpdf', ['--show-npages', pdf]);
  expect(q.code, `neither pdfinfo nor qpdf counts the pages of ${pdf}: ${r.out} ${q.out}`).toBe(0);
  return Number(q.out.trim());
}

/** pdftotext of one page, as it prints it. */
export function pdfPageText(pdf: string, page: number): string {
  const r = runTool('pdftotext', [
    '-f',
    String(page),
    '-l',
    String(page),
    '-enc',
    'UTF-8',
    pdf,
    '-',
  ]);
  expect(r.code, r.out).toBe(0);
  return r.out;
}

const pageText = (pdf: string, page: number): string => squash(pdfPageText(pdf, page));

interface VerifiedSignature {
  readonly indication: string;
  readonly signer?: { readonly commonName?: string | null } | null;
}

/** The signatures as `hoso verify --json` reports them for the original. */
function verifiedSignatures(input: string, args: readonly string[]): VerifiedSignature[] {
  const r = hoso(['verify', input, '--json', ...args]);
  const report = JSON.parse(r.stdout) as { files: { signatures: VerifiedSignature[] }[] };
  return report.files[0]?.signatures ?? [];
}

/** Vietnam time (UTC+7), as the conversion page writes it: dd/mm/yyyy hh:mm. */
function vietnamTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(t.getUTCDate())}/${two(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`;
}

export function checkPaperOutput(entry: PrintEntry, x: PaperExpectations): void {
  const where = basename(entry.input);
  expect(entry.error, where).toBeNull();
  expect(entry.lookupUrl, where).toMatch(/^https?:\/\/.+\/v\/[0-9A-Z]{18}$/);
  const url = entry.lookupUrl!;

  const q = runTool('qpdf', ['--check', entry.output]);
  expect(q.code, `${where}: ${q.out}`).toBe(0);

  const pages = pageCount(entry.output);
  expect(pages, where).toBe(pageCount(entry.input) + 1);
  expect(entry.pages, where).toBe(pages);

  const lookup = JSON.parse(hoso(['lookup', url, '--registry', x.registry, '--json']).stdout) as {
    kind: string;
    sha256: string;
    convertedAt: string;
    lookupCodeDisplay: string;
    title: string;
  };
  const output = readFileSync(entry.output);
  expect(lookup.kind, where).toBe('paper');
  expect(lookup.sha256, where).toBe(createHash('sha256').update(output).digest('hex'));

  for (let p = 1; p <= pages; p++) {
    const t = pageText(entry.output, p);
    const fields = [
      MARK,
      x.systemName,
      x.systemOwner,
      lookup.lookupCodeDisplay,
      `Trang ${p}/${pages}`,
      ...(x.dossierCode !== undefined ? [x.dossierCode] : []),
    ];
    for (const f of fields) expect(t, `${where}, sheet ${p}: ${f}`).toContain(squash(f));
  }

  const last = pageText(entry.output, pages);
  const original = readFileSync(entry.input);
  const conversionFields = [
    'THÔNG TIN CHUYỂN ĐỔI',
    lookup.title,
    x.converterName,
    ...(x.converterTitle !== undefined ? [x.converterTitle] : []),
    vietnamTime(lookup.convertedAt),
    createHash('sha256').update(original).digest('hex'),
    url,
  ];
  for (const f of conversionFields)
    expect(last, `${where}, conversion page: ${f}`).toContain(squash(f));
  const signatures = verifiedSignatures(entry.input, x.verifyArgs);
  if (signatures.length === 0) {
    expect(last, where).toMatch(/khôngcóchữkýsố|Khôngkiểmtrađượcchữkýsố/);
  } else {
    // Table cells wrap, and pdftotext may interleave the lines of neighbouring cells: the
    // verdict and the signer's name are looked for word by word.
    const words = (s: string): string[] => s.split(/\s+/).filter((w) => w !== '');
    for (const s of signatures) {
      for (const w of words(VERDICT[s.indication]!))
        expect(last, `${where}: verdict ${s.indication}`).toContain(w);
      const name = s.signer?.commonName;
      if (name) for (const w of words(name)) expect(last, `${where}: signer ${name}`).toContain(w);
    }
    // One verdict per signature: "HỢP" of (KHÔNG) HỢP LỆ, "XÁC" of CHƯA XÁC ĐỊNH (upper case,
    // found nowhere else on the page).
    const count = (word: string): number => last.split(word).length - 1;
    const decided = signatures.filter((s) => s.indication !== 'INDETERMINATE').length;
    expect(count('HỢP'), `${where}: verdicts`).toBe(decided);
    expect(count('XÁC'), `${where}: verdicts`).toBe(signatures.length - decided);
  }

  expect(qrUrlsOnPage1(entry.output, x.scratch), where).toEqual([url]);
}
