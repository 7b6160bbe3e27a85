// `hoso verify --jobs N` through the real binary: the report is the same, byte for byte and in
// the same order, whether one thread or several verify the batch — on the samples and on
// corrupt files mixed in, which never abort it.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../../src/report/model.js';
import { SAMPLES } from '../../support/paths.js';
import { hoso } from '../../support/run-cli.js';
import { certPath } from '../../support/test-keys.js';

const AT = '2026-11-25T00:00:00Z';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function verify(paths: string[], extra: string[]): { code: number; stdout: string } {
  const r = hoso(['verify', ...paths, '--trust', certPath('root'), '--at', AT, ...extra]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { code: r.code, stdout: r.stdout };
}

describe('hoso verify --jobs', () => {
  const samples = [join(SAMPLES, 'dossier-001'), join(SAMPLES, 'defects')];

  it('gives the same report with 1, 2 and 3 jobs and by default (JSON and text)', () => {
    const one = verify(samples, ['--json', '--jobs', '1']);
    expect(one.code).toBe(1);
    const report = JSON.parse(one.stdout) as VerificationReport;
    expect(report.files).toHaveLength(8);
    for (const jobs of [['--jobs', '2'], ['--jobs', '3'], []]) {
      const other = verify(samples, ['--json', ...jobs]);
      expect(other.code).toBe(1);
      expect(other.stdout).toBe(one.stdout);
    }
    expect(verify(samples, ['--jobs', '2']).stdout).toBe(verify(samples, ['--jobs', '1']).stdout);
  });

  it('corrupt files are TOTAL_FAILED entries in their place and never abort the batch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoso-jobs-'));
    dirs.push(dir);
    const good = join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf');
    const bytes = readFileSync(good);
    writeFileSync(join(dir, '01-empty.pdf'), '');
    writeFileSync(
      join(dir, '02-random.pdf'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 0xff)),
    );
    copyFileSync(good, join(dir, '03-good.pdf'));
    writeFileSync(join(dir, '04-truncated.pdf'), bytes.subarray(0, bytes.length / 2));
    writeFileSync(join(dir, '05-header-only.pdf'), '%PDF-1.7\n%%EOF\n');
    copyFileSync(good, join(dir, '06-good.pdf'));

    const one = verify([dir], ['--json', '--jobs', '1']);
    const two = verify([dir], ['--json', '--jobs', '2']);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const report = JSON.parse(two.stdout) as VerificationReport;
    expect(report.files.map((f) => f.path.slice(dir.length + 1))).toEqual([
      '01-empty.pdf',
      '02-random.pdf',
      '03-good.pdf',
      '04-truncated.pdf',
      '05-header-only.pdf',
      '06-good.pdf',
    ]);
    const byName = (n: string) => report.files.find((f) => f.path.endsWith(n))!;
    for (const n of ['03-good.pdf', '06-good.pdf'])
      expect(byName(n).indication).toBe('TOTAL_PASSED');
    // Not PDFs at all (no header): nothing to verify, said as NO_SIGNATURE.
    for (const n of ['01-empty.pdf', '02-random.pdf'])
      expect(byName(n).indication).toBe('NO_SIGNATURE');
    for (const n of ['04-truncated.pdf', '05-header-only.pdf']) {
      expect(byName(n).indication).toBe('TOTAL_FAILED');
      expect(byName(n).error?.code).toBe('PDF_MALFORMED');
    }
  });

  it('refuses a --jobs that is not a positive whole number (exit 3)', () => {
    for (const bad of ['0', 'many']) {
      const r = hoso(['verify', join(SAMPLES, 'defects'), '--jobs', bad]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('--jobs');
    }
  });
});
