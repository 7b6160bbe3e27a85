/**
 * Differential check against poppler pdfsig: for every signature pdfsig reports, hoso must reach
 * the same integrity verdict (intact and valid vs digest mismatch / invalid), matched by the
 * signed ranges. Disagreements must be explained by the caller.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { VerificationReport } from '../../src/report/model.js';
import { pdfsig, pdfsigRanges } from './pdfsig.js';
import { hoso } from './run-cli.js';

export interface Disagreement {
  readonly file: string;
  readonly what: string;
}

const POPPLER_INTACT: Record<string, boolean> = {
  'Signature is Valid.': true,
  'Digest Mismatch.': false,
  'Signature is Invalid.': false,
};

export function pdfFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...pdfFilesUnder(p));
    else if (name.toLowerCase().endsWith('.pdf')) out.push(p);
  }
  return out;
}

export function compareWithPdfsig(file: string, nssdir: string): Disagreement[] {
  const ours = JSON.parse(hoso(['verify', '--json', file]).stdout) as VerificationReport;
  const theirs = pdfsig(file, nssdir).signatures;
  const f = ours.files[0]!;
  const out: Disagreement[] = [];
  for (const [i, s] of theirs.entries()) {
    const verdict = s.validation === null ? undefined : POPPLER_INTACT[s.validation];
    if (verdict === undefined) continue; // pdfsig itself could not decide: nothing to compare
    // matched by the ranges pdfsig prints; a ByteRange pdfsig cannot print, by position
    const mine =
      f.signatures.find((m) => m.byteRange && pdfsigRanges(m.byteRange) === s.ranges) ??
      (s.ranges === null ? f.signatures[i] : undefined);
    if (!mine) {
      out.push({
        file,
        what: `pdfsig signature #${i + 1} (${s.ranges}: ${s.validation}) not reported by hoso`,
      });
      continue;
    }
    const intact = ['cms.digest', 'cms.signature'].every(
      (id) => mine.checks.find((c) => c.id === id)?.status === 'PASSED',
    );
    if (intact !== verdict) {
      const why = mine.checks
        .filter((c) => c.status === 'FAILED' || c.status === 'INDETERMINATE')
        .map((c) => `${c.id}: ${c.detail}`);
      out.push({
        file,
        what: `#${i + 1} pdfsig "${s.validation}", hoso intact=${intact} (${why.join('; ')})`,
      });
    }
  }
  return out;
}
