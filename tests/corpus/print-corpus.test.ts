/**
 * `npm run test:corpus`: issue 6's acceptance of `hoso print` on every PDF of the third-party
 * corpus in ../shared/corpus (signed by pyHanko, EU DSS, node-signpdf, PKI.js, pdf.js — valid,
 * damaged and attacked files alike), in one batch through the real binary with --jobs 2 and a
 * real SQLite registry, each output checked with outside tools (tests/support/paper-acceptance):
 * qpdf --check, pages = original + 1, every field on the right sheet, the verdict hoso verify
 * gives, the QR code and `hoso lookup`. Needs ../shared: FAILS when the corpus is missing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPaperOutput,
  printBatchFor,
  requirePaperTools,
  type PaperExpectations,
  type PrintEntry,
} from '../support/paper-acceptance.js';
import { ROOT } from '../support/paths.js';

const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

function pdfsUnder(folder: string): string[] {
  if (!existsSync(folder))
    throw new Error(
      `the corpus is missing: ${folder} (../shared/corpus must be beside the project)`,
    );
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...pdfsUnder(path));
    else if (name.toLowerCase().endsWith('.pdf')) out.push(path);
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'hoso-print-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectations: PaperExpectations = {
  systemName: 'Hệ thống thông tin giải quyết TTHC tỉnh Thử Nghiệm',
  systemOwner: 'Văn phòng UBND tỉnh Thử Nghiệm',
  converterName: 'Trần Thị Bình',
  verifyArgs: [],
  registry: `sqlite:${join(dir, 'hoso.db')}`,
  scratch: dir,
};

const inputs = pdfsUnder(CORPUS);
let results: PrintEntry[];
let exitCode: number;

beforeAll(() => {
  requirePaperTools();
  ({ code: exitCode, results } = printBatchFor(inputs, expectations));
}, 300_000);

describe('hoso print on the corpus', () => {
  it('converts every corpus PDF (the corpus has 40 or more)', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(40);
    expect(results.map((r) => r.input)).toEqual(inputs);
    expect(results.filter((r) => r.error !== null)).toEqual([]);
    expect(exitCode).toBe(0);
  });

  it.each(inputs.map((input, i) => [relative(CORPUS, input), i] as const))(
    '%s',
    (_name, i) => checkPaperOutput(results[i]!, expectations),
    60_000,
  );
});
