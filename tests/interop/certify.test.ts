/**
 * Certification signatures from the outside (issue 5): a copy certified by the officer with
 * `hoso sign --certify 2` (DocMDP P=2, ISO 32000-1 §12.8.2.2) and then approved by the agency
 * with an ordinary signature. poppler `pdfsig` (NSS trusting the test root) says "Signature is
 * Valid." and "Certificate is Trusted." for both, `qpdf --check` finds no errors, and
 * `hoso verify` gives TOTAL_PASSED for each and reports the certification level.
 *
 * What pdfsig prints for DocMDP: nothing. poppler 22.12 (Debian 12) reads no /Reference, /Perms
 * or DocMDP transform at all (neither pdfsig nor libpoppler carries those names), so its report
 * of a certified file is the same as for approval signatures: the certification signature is
 * "Not total document signed" once the approval signature follows. Nothing is asserted about a
 * certification line there. Needs pdfsig, certutil and qpdf: fails, never skips, without them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../src/report/model.js';
import { nssDbTrusting, requireTool, runTool } from '../support/external-tools.js';
import { SAMPLES } from '../support/paths.js';
import { pdfsig } from '../support/pdfsig.js';
import { hoso } from '../support/run-cli.js';
import { certPath, p12Path } from '../support/test-keys.js';

const env = { HOSO_P12_PASSWORD: 'hoso-test' };
let dir = '';
let nss = '';

beforeAll(() => {
  for (const tool of ['pdfsig', 'qpdf', 'certutil']) requireTool(tool);
  dir = mkdtempSync(join(tmpdir(), 'hoso-certify-interop-'));
  nss = nssDbTrusting([certPath('root')]);
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (nss) rmSync(nss.replace(/^sql:/, ''), { recursive: true, force: true });
});

const sample = (name: string) => join(SAMPLES, 'inputs', name);

function signCli(input: string, output: string, key: string, args: readonly string[] = []) {
  return hoso(['sign', input, '-o', output, '--p12', p12Path(key), '--json', ...args], { env });
}

function verifyJson(file: string): { code: number; report: VerificationReport } {
  const r = hoso(['verify', file, '--trust', certPath('root'), '--json']);
  return { code: r.code, report: JSON.parse(r.stdout) as VerificationReport };
}

function expectCleanQpdf(file: string): void {
  const qpdf = runTool('qpdf', ['--check', file]);
  expect(qpdf.out).toContain('No syntax or stream encoding errors found');
  expect(qpdf.code).toBe(0);
}

describe('certified copy: officer certifies (DocMDP P=2), agency approves', () => {
  it('passes pdfsig, qpdf and hoso verify, which reports the certification level', () => {
    const certified = join(dir, 'ban-sao-chung-nhan.pdf');
    const approved = join(dir, 'ban-sao-phe-duyet.pdf');
    const c = signCli(sample('application-form.pdf'), certified, 'officer', [
      '--certify',
      '2',
      '--reason',
      'Chứng thực bản sao đúng với bản chính',
    ]);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ certification: 2, fieldName: 'Signature1' });
    const a = signCli(certified, approved, 'agency', ['--visible', '1,330,60,210,64']);
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ certification: null });
    // both are incremental updates of the original
    const original = readFileSync(sample('application-form.pdf'));
    expect(readFileSync(approved).subarray(0, original.length).equals(original)).toBe(true);

    // poppler pdfsig with NSS trusting the test root: both signatures valid and trusted
    const ps = pdfsig(approved, nss);
    expect(ps.signatures, ps.raw).toHaveLength(2);
    for (const s of ps.signatures) {
      expect(s.validation, ps.raw).toBe('Signature is Valid.');
      expect(s.certificate, ps.raw).toBe('Certificate is Trusted.');
    }
    expect(ps.signatures.map((s) => s.totalDocument)).toEqual([false, true]);
    expectCleanQpdf(approved);

    // hoso verify: TOTAL_PASSED for each, the first a level-2 certification
    const { code, report } = verifyJson(approved);
    expect(code).toBe(0);
    const [first, second] = report.files[0]!.signatures;
    expect(first!.indication).toBe('TOTAL_PASSED');
    expect(second!.indication).toBe('TOTAL_PASSED');
    expect(first!.certificationLevel).toBe(2);
    expect(second!.certificationLevel).toBeNull();
    expect(first!.checks.find((x) => x.id === 'pdf.modifications.docmdp')).toMatchObject({
      status: 'PASSED',
      params: { level: 2, found: 'FORM_FILLING' },
    });
    expect(second!.checks.find((x) => x.id === 'pdf.modifications.docmdp')?.status).toBe('SKIPPED');

    // and in words, on the terminal
    const vi = hoso(['verify', approved, '--trust', certPath('root')]);
    expect(vi.code).toBe(0);
    expect(vi.stdout).toContain('Chữ ký chứng nhận — mức 2: cho phép điền biểu mẫu và ký thêm');
    const en = hoso(['verify', approved, '--trust', certPath('root'), '--lang', 'en']);
    expect(en.stdout).toContain(
      'Certification signature — level 2: form filling and further signatures allowed',
    );
  });

  it('P=1 and P=3 certifications alone pass pdfsig and qpdf; P=1 takes no further signature', () => {
    for (const level of ['1', '3']) {
      const out = join(dir, `certified-p${level}.pdf`);
      const r = signCli(sample('application-form-classic.pdf'), out, 'officer', [
        '--certify',
        level,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const ps = pdfsig(out, nss);
      expect(ps.signatures.map((s) => [s.validation, s.certificate, s.totalDocument])).toEqual([
        ['Signature is Valid.', 'Certificate is Trusted.', true],
      ]);
      expectCleanQpdf(out);
      const { code, report } = verifyJson(out);
      expect(code).toBe(0);
      expect(report.files[0]!.signatures[0]!.certificationLevel).toBe(Number(level));
    }
    const refused = join(dir, 'after-p1.pdf');
    const r = hoso(
      [
        '--lang',
        'en',
        'sign',
        join(dir, 'certified-p1.pdf'),
        '-o',
        refused,
        '--p12',
        p12Path('agency'),
      ],
      { env },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('certified at level 1');
    expect(() => readFileSync(refused)).toThrow();
  });

  it('refuses to certify a signed document, and --certify outside PDF signing', () => {
    const signed = join(dir, 'signed.pdf');
    expect(signCli(sample('application-form.pdf'), signed, 'agency').code).toBe(0);
    const r = hoso(
      ['sign', signed, '-o', join(dir, 'late.pdf'), '--p12', p12Path('officer'), '--certify', '2'],
      { env },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('chữ ký chứng nhận phải là chữ ký đầu tiên');
    const bad = hoso(['sign', signed, '--p12', p12Path('officer'), '--certify', '4'], { env });
    expect(bad.code).toBe(3);
    const cms = hoso(
      ['sign', sample('id-card.jpg'), '--detached', '--certify', '2', '--p12', p12Path('agency')],
      { env },
    );
    expect(cms.code).toBe(3);
  });
});
