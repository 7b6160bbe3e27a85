/**
 * Issue 6's acceptance of `hoso print` on the samples, through the real binary, a real SQLite
 * registry and outside tools (tests/support/paper-acceptance.ts): the signed results with a
 * visible signature (quyet-dinh.pdf) and with filled form fields (results/giay-xac-nhan.pdf),
 * a citizen's signed form, a signed file damaged after signing (its signature must be shown as
 * invalid), and an unsigned result (said plainly, not refused). Needs poppler-utils, qpdf and
 * zbar-tools; fails when one is missing. The corpus counterpart is tests/corpus/print-corpus.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPaperOutput,
  printBatchFor,
  requirePaperTools,
  type PaperExpectations,
  type PrintEntry,
} from '../support/paper-acceptance.js';
import { SAMPLES, TEST_CERTS } from '../support/paths.js';

const INPUTS = [
  join(SAMPLES, 'results', 'giay-xac-nhan.pdf'),
  join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf'),
  join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf'),
  join(SAMPLES, 'defects', 'tampered-byte-flip.pdf'),
  join(SAMPLES, 'inputs', 'result-decision.pdf'),
];
const TRUST = ['--trust', join(TEST_CERTS, 'root.cert.pem')];

const dir = mkdtempSync(join(tmpdir(), 'hoso-print-acceptance-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const expectations: PaperExpectations = {
  systemName: 'Hệ thống thông tin giải quyết thủ tục hành chính Thành phố Hà Nội',
  systemOwner: 'Văn phòng Ủy ban nhân dân Thành phố Hà Nội',
  converterName: 'Lê Thị Ngọc Ánh',
  converterTitle: 'Công chức Bộ phận Một cửa',
  dossierCode: '000.00.16.H26-261125-0007',
  verifyArgs: TRUST,
  registry: `sqlite:${join(dir, 'hoso.db')}`,
  scratch: dir,
};

let results: PrintEntry[];
let exitCode: number;

beforeAll(() => {
  requirePaperTools();
  ({ code: exitCode, results } = printBatchFor(INPUTS, expectations, TRUST));
}, 120_000);

describe('hoso print on the samples', () => {
  it('converts every input, in input order, with the verdict hoso verify gives', () => {
    expect(exitCode).toBe(0);
    expect(results.map((r) => r.input)).toEqual(INPUTS);
    expect(results.map((r) => r.verification)).toEqual([
      'TOTAL_PASSED',
      'TOTAL_PASSED',
      'TOTAL_PASSED',
      'TOTAL_FAILED',
      'NO_SIGNATURE',
    ]);
  });

  it.each(INPUTS.map((input, i) => [input.split('/').slice(-2).join('/'), i] as const))(
    '%s: qpdf, page count, every field, QR and lookup',
    (_name, i) => checkPaperOutput(results[i]!, expectations),
    60_000,
  );
});
