/**
 * Differential test against poppler pdfsig on every PDF in samples/ (issue 3): the integrity
 * verdicts agree. Needs pdfsig and certutil: fails, never skips, without them.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareWithPdfsig, pdfFilesUnder } from '../support/differential.js';
import { nssDbTrusting, requireTool } from '../support/external-tools.js';
import { SAMPLES } from '../support/paths.js';
import { certPath } from '../support/test-keys.js';

requireTool('pdfsig');
const nss = nssDbTrusting([certPath('root')]);
afterAll(() => rmSync(nss.replace(/^sql:/, ''), { recursive: true, force: true }));

describe('hoso and pdfsig agree on integrity (samples/)', () => {
  for (const file of pdfFilesUnder(SAMPLES)) {
    it(file.slice(SAMPLES.length + 1), () => {
      expect(compareWithPdfsig(file, nss)).toEqual([]);
    });
  }
  it('covers every signed sample', () => {
    expect(pdfFilesUnder(join(SAMPLES, 'dossier-001')).length).toBeGreaterThan(1);
  });
});
