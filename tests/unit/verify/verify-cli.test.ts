// `hoso verify` end to end through the real binary on the committed samples (samples/SOURCES.md
// says what each should give) and on bad input. No ../shared, no outside tools.
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  copyFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CORE_CHECKS } from '../../../src/report/check-ids.js';
import type { FileReport, VerificationReport } from '../../../src/report/model.js';
import { SAMPLES } from '../../support/paths.js';
import { hoso } from '../../support/run-cli.js';
import { certPath } from '../../support/test-keys.js';

const ROOT_CERT = certPath('root');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'hoso-verify-'));
  dirs.push(d);
  return d;
}

function verifyJson(args: string[]): { code: number; report: VerificationReport; stderr: string } {
  const r = hoso(['verify', '--json', ...args]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { code: r.code, report: JSON.parse(r.stdout) as VerificationReport, stderr: r.stderr };
}

const file = (report: VerificationReport, name: string): FileReport => {
  const f = report.files.find((x) => x.path.endsWith(name));
  if (!f) throw new Error(`${name} not in report`);
  return f;
};
const checkOf = (f: FileReport, id: string, sig = 0) =>
  f.signatures[sig]?.checks.find((c) => c.id === id);

describe('hoso verify on samples/', () => {
  it('the dossier passes: 4 files, 5 signatures, exit 0, every core check present', () => {
    const { code, report } = verifyJson([join(SAMPLES, 'dossier-001'), '--trust', ROOT_CERT]);
    expect(code).toBe(0);
    expect(report.schemaVersion).toBe(1);
    expect(report.summary).toEqual({
      files: 4,
      passed: 4,
      failed: 0,
      indeterminate: 0,
      unsigned: 0,
    });
    expect(report.files.map((f) => f.format).sort()).toEqual([
      'cms-detached',
      'cms-enveloped',
      'pdf',
      'pdf',
    ]);
    const decision = file(report, 'quyet-dinh.pdf');
    expect(decision.signatures).toHaveLength(2);
    expect(decision.signatures[0]!.coverage).toBe('ENTIRE_REVISION');
    expect(decision.signatures[0]!.modificationLevel).toBe('FORM_FILLING');
    expect(decision.signatures[1]!.coverage).toBe('ENTIRE_FILE');
    expect(decision.signatures[0]!.signer.commonName).toBe('Nguyễn Văn An');
    for (const f of report.files) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
      for (const s of f.signatures) {
        expect(s.indication).toBe('TOTAL_PASSED');
        for (const id of CORE_CHECKS)
          expect(
            s.checks.some((c) => c.id === id),
            `${f.path} ${id}`,
          ).toBe(true);
        expect(s.chain.map((c) => c.subject).at(-1)).toContain('hoso Test Root CA');
      }
    }
  });

  it('the named defects fail as named', () => {
    const { code, report } = verifyJson([join(SAMPLES, 'defects'), '--trust', ROOT_CERT]);
    expect(code).toBe(1);
    const flip = file(report, 'tampered-byte-flip.pdf');
    expect(flip.indication).toBe('TOTAL_FAILED');
    expect(flip.signatures[0]!.subIndication).toBe('HASH_FAILURE');
    expect(checkOf(flip, 'cms.digest')?.status).toBe('FAILED');
    expect(checkOf(flip, 'cms.signature')?.status).toBe('PASSED');

    const appended = file(report, 'appended-after-signing.pdf');
    expect(appended.indication).toBe('TOTAL_FAILED');
    expect(appended.signatures[0]!.coverage).toBe('ENTIRE_REVISION');
    expect(appended.signatures[0]!.modificationLevel).toBe('OTHER');
    expect(checkOf(appended, 'cms.digest')?.status).toBe('PASSED');
    expect(checkOf(appended, 'pdf.modifications')?.status).toBe('FAILED');

    const untrusted = file(report, 'untrusted-root.pdf');
    expect(untrusted.indication).toBe('INDETERMINATE');
    expect(untrusted.signatures[0]!.subIndication).toBe('NO_CERTIFICATE_CHAIN_FOUND');

    const expired = file(report, 'expired-signer.pdf');
    expect(expired.indication).not.toBe('TOTAL_PASSED');
    expect(checkOf(expired, 'trust.validity')?.status).not.toBe('PASSED');
  });

  it('trusts nothing without anchors, and says how to fix it (exit 2)', () => {
    const r = hoso(['verify', join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('CHƯA XÁC ĐỊNH');
    expect(r.stdout).toContain('--trust');
  });

  it('an unsigned PDF is NO_SIGNATURE (exit 2)', () => {
    const { code, report } = verifyJson([
      join(SAMPLES, 'inputs', 'application-form.pdf'),
      '--trust',
      ROOT_CERT,
    ]);
    expect(code).toBe(2);
    expect(report.files[0]!.indication).toBe('NO_SIGNATURE');
    expect(report.summary.unsigned).toBe(1);
  });

  it('speaks English with --lang en', () => {
    const r = hoso([
      'verify',
      '--lang',
      'en',
      join(SAMPLES, 'defects', 'tampered-byte-flip.pdf'),
      '--trust',
      ROOT_CERT,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('INVALID');
    expect(r.stdout).not.toContain('KHÔNG HỢP LỆ');
  });

  it('writes a PDF report with --report-pdf, never over an existing file without --force', () => {
    const dir = tmp();
    const out = join(dir, 'bien-ban.pdf');
    const r = hoso([
      'verify',
      join(SAMPLES, 'dossier-001'),
      '--trust',
      ROOT_CERT,
      '--report-pdf',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const again = hoso([
      'verify',
      join(SAMPLES, 'dossier-001'),
      '--trust',
      ROOT_CERT,
      '--report-pdf',
      out,
    ]);
    expect(again.code).toBe(3);
  });
});

describe('hoso verify on bad input never crashes and never aborts the batch', () => {
  it('empty, random, truncated, not-SignedData and content-less files each get an entry', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'empty.pdf'), '');
    writeFileSync(
      join(dir, 'random.pdf'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
    );
    const signed = readFileSync(join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf'));
    writeFileSync(join(dir, 'truncated.pdf'), signed.subarray(0, Math.floor(signed.length / 2)));
    writeFileSync(
      join(dir, 'enveloped-data.p7m'),
      Buffer.from('3080060b2a864886f70d0109100117a0800000', 'hex'),
    );
    writeFileSync(join(dir, 'garbage.p7m'), 'not a signature at all');
    copyFileSync(join(SAMPLES, 'dossier-001', 'cccd.jpg.p7s'), join(dir, 'orphan.jpg.p7s'));
    copyFileSync(join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf'), join(dir, 'ok.pdf'));
    const { code, report } = verifyJson([dir, '--trust', ROOT_CERT]);
    expect(code).toBe(1);
    expect(report.files).toHaveLength(7);
    expect(file(report, 'ok.pdf').indication).toBe('TOTAL_PASSED');
    for (const name of ['random.pdf', 'truncated.pdf', 'enveloped-data.p7m', 'garbage.p7m']) {
      const f = file(report, name);
      expect(f.indication, name).not.toBe('TOTAL_PASSED');
    }
    expect(file(report, 'enveloped-data.p7m').error?.code).toBe('CMS_MALFORMED');
    const orphan = file(report, 'orphan.jpg.p7s');
    expect(orphan.indication).toBe('INDETERMINATE');
    expect(checkOf(orphan, 'cms.digest')?.status).not.toBe('PASSED');
  });

  it('a --trust file that is not a certificate is an environment problem: exit 4, one line', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'not-a-cert.pem'), 'hello');
    const r = hoso([
      'verify',
      join(SAMPLES, 'dossier-001'),
      '--trust',
      join(dir, 'not-a-cert.pem'),
    ]);
    expect(r.code).toBe(4);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('not-a-cert.pem');
  });

  it('a missing input path is exit 3', () => {
    const r = hoso(['verify', '/no/such/file.pdf']);
    expect(r.code).toBe(3);
    expect(existsSync('/no/such/file.pdf')).toBe(false);
  });

  it('--at takes ISO 8601 only: a date people read two ways is refused (exit 3), as in trust show and print', () => {
    const sample = join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf');
    for (const at of ['11/12/2026', 'hôm qua', '2026-13-45T00:00:00Z']) {
      const r = hoso(['verify', sample, '--at', at, '--lang', 'en']);
      expect(r.code, at).toBe(3);
      expect(r.stderr, at).toContain(
        '--at wants an ISO 8601 time (e.g. 2026-11-25T09:00:00+07:00)',
      );
    }
    expect(hoso(['verify', sample, '--at', '2026-11-25T09:00:00+07:00']).code).not.toBe(3);
  });
});

describe('hoso verify on legacy formats', () => {
  it('adbe.x509.rsa_sha1 is INDETERMINATE with a clear "unsupported legacy format", not a wrong answer', () => {
    const dir = tmp();
    const bytes = Buffer.from(readFileSync(join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf')));
    const at = bytes.indexOf('/ETSI.CAdES.detached');
    // same width: "/adbe.x509.rsa_sha1 " replaces "/ETSI.CAdES.detached"
    bytes.write('/adbe.x509.rsa_sha1 ', at, 'latin1');
    writeFileSync(join(dir, 'legacy.pdf'), bytes);
    const { code, report } = verifyJson([join(dir, 'legacy.pdf'), '--trust', ROOT_CERT]);
    expect(code).toBe(2);
    const f = report.files[0]!;
    expect(f.indication).toBe('INDETERMINATE');
    expect(checkOf(f, 'format')?.status).toBe('INDETERMINATE');
    expect(checkOf(f, 'format')?.detail).toContain('legacy');
    const text = hoso([
      'verify',
      '--lang',
      'en',
      join(dir, 'legacy.pdf'),
      '--trust',
      ROOT_CERT,
    ]).stdout;
    expect(text).toContain('INDETERMINATE');
  });
});
