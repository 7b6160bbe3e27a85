/**
 * `npm run test:corpus`: hoso verify over the third-party corpus in ../shared/corpus (files
 * signed by other projects: pyHanko, EU DSS, node-signpdf, PKI.js, pdf.js), against the verdicts
 * those projects' own tests assert (EXPECT.tsv, from MANIFEST.tsv). Needs ../shared: it FAILS
 * when the corpus is missing (CI has it). Disagreements we accept are listed below with a reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../src/report/model.js';
import { ROOT } from '../support/paths.js';
import { hoso } from '../support/run-cli.js';

const CORPUS = resolve(ROOT, '..', 'shared', 'corpus');

interface Expectation {
  readonly file: string;
  readonly args: string[];
  readonly core: string;
  readonly full: string;
}

function expectations(): Expectation[] {
  const tsv = join(CORPUS, 'EXPECT.tsv');
  if (!existsSync(tsv))
    throw new Error(`the corpus is missing: ${tsv} (../shared/corpus must be beside the project)`);
  return readFileSync(tsv, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [file = '', args = '', core = '', full = ''] = l.split('\t');
      return {
        file,
        args: args
          .split(/\s+/)
          .filter(Boolean)
          .map((a) => (a.startsWith('--') ? a : join(CORPUS, a))),
        core,
        full,
      };
    });
}

/**
 * Where hoso knowingly differs from the project's expectation, and why. Keys: `file` (core
 * column) or `file#full` (full column, after modification analysis).
 */
const KNOWN: Record<string, string> = {};

function check(expectation: string, report: VerificationReport, code: number): string | null {
  const f = report.files[0];
  if (!f) return 'no file in the report';
  if (code < 0 || code > 3) return `exit code ${code}`;
  const intact = () =>
    f.signatures.length > 0 &&
    f.signatures.every((s) =>
      ['cms.digest', 'cms.signature'].every(
        (id) => s.checks.find((c) => c.id === id)?.status === 'PASSED',
      ),
    );
  if (expectation === 'ANY') return null;
  if (expectation === 'INTACT') return intact() ? null : `not intact: ${summary(f)}`;
  if (expectation === 'NOTPASS')
    return f.indication !== 'TOTAL_PASSED' && f.indication !== 'NO_SIGNATURE'
      ? null
      : `indication ${f.indication}`;
  if (expectation === 'NOTPASS_OR_NOSIG')
    return f.indication !== 'TOTAL_PASSED' ? null : `indication ${f.indication}`;
  const mod = /^MODLEVEL:(\w+)$/.exec(expectation);
  if (mod) {
    if (!intact()) return `not intact: ${summary(f)}`;
    const level = f.signatures[0]?.modificationLevel;
    return level === mod[1] ? null : `modificationLevel ${level}`;
  }
  return `unknown expectation ${expectation}`;
}

function summary(f: VerificationReport['files'][number]): string {
  return (
    `${f.indication} ${f.error?.code ?? ''} ` +
    f.signatures
      .map(
        (s) =>
          `#${s.index} ${s.indication}/${s.subIndication} ` +
          s.checks
            .filter((c) => c.status !== 'PASSED' && c.status !== 'SKIPPED')
            .map((c) => `${c.id}=${c.status}`)
            .join(','),
      )
      .join(' | ')
  );
}

describe('hoso verify agrees with the corpus projects', () => {
  for (const e of expectations()) {
    for (const column of ['core', 'full'] as const) {
      const expected = e[column];
      const key = column === 'core' ? e.file : `${e.file}#full`;
      it(`${e.file} [${column}: ${expected}]`, () => {
        const r = hoso(['verify', '--json', join(CORPUS, e.file), ...e.args]);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        let report: VerificationReport;
        try {
          report = JSON.parse(r.stdout) as VerificationReport;
        } catch {
          throw new Error(`no JSON (exit ${r.code}): ${r.stderr}`);
        }
        const problem = check(expected, report, r.code);
        if (KNOWN[key]) {
          // a documented disagreement: it must still be one (or the entry is stale)
          expect(problem, `KNOWN entry for ${key} is stale: ${KNOWN[key]}`).not.toBeNull();
        } else {
          expect(problem, problem ?? '').toBeNull();
        }
      });
    }
  }
});
