// `hoso trust show` end to end: the real bin/hoso.js (built dist/), exit codes 0 trusted, 2 not
// trusted, 3 bad input; text in Vietnamese (default) and English; one JSON document with --json.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_CERTS } from '../../support/paths.js';
import { hoso } from '../../support/run-cli.js';
import { certPath, testCertDer } from '../../support/test-keys.js';
import { INTERMEDIATE_NAME, issue, p7b, pem, testKey } from './mint.js';

const ROOT = certPath('root');
const INTERMEDIATE = certPath('intermediate');
const CRL = join(TEST_CERTS, 'intermediate.crl');
const AT = '2026-11-25T00:00:00Z';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-trust-cli-'));
  dirs.push(dir);
  return dir;
}

interface ShowJson {
  trusted: boolean;
  indication: string;
  subIndication: string | null;
  anchored: boolean;
  purpose: string;
  anchor: { subject: string; source: string | null } | null;
  chain: { subject: string; sha256: string; source: string | null }[];
  checks: {
    id: string;
    status: string;
    subIndication?: string;
    params?: Record<string, unknown>;
  }[];
  revocation: { status: string; source: string | null; revokedAt: string | null };
  trustStore: { anchors: number; intermediates: number; crls: number; skippedFiles: number };
}

function show(args: readonly string[], cwd?: string) {
  return hoso(['trust', 'show', ...args, '--at', AT], cwd ? { cwd } : {});
}
function showJson(args: readonly string[]): { code: number; json: ShowJson } {
  const r = show([...args, '--json']);
  return { code: r.code, json: JSON.parse(r.stdout) as ShowJson };
}
const checkOf = (json: ShowJson, id: string) => json.checks.find((c) => c.id === id);

describe('hoso trust show: trusted', () => {
  it('prints the path, validity, SHA-256 and why it is trusted, in Vietnamese; exit 0', () => {
    const r = show([certPath('officer'), '--trust', ROOT, '--certs', INTERMEDIATE, '--crl', CRL]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Chứng thư: Nguyễn Văn An');
    expect(r.stdout).toContain('Đường dẫn chứng thực:');
    expect(r.stdout).toContain('1. Nguyễn Văn An');
    expect(r.stdout).toContain('2. hoso Test Issuing CA (NOT FOR PRODUCTION)');
    expect(r.stdout).toContain('3. hoso Test Root CA (NOT FOR PRODUCTION) — gốc tin cậy');
    expect(r.stdout).toContain('Hiệu lực:  01/01/2026 → 01/01/2031');
    for (const name of ['officer', 'intermediate', 'root'])
      expect(r.stdout).toContain(createHash('sha256').update(testCertDer(name)).digest('hex'));
    expect(r.stdout).toContain('✔ TIN CẬY');
    expect(r.stdout).toContain('chưa bị thu hồi theo CRL ngày 01/11/2026');
  });

  it('speaks English with --lang en', () => {
    const r = hoso([
      '--lang',
      'en',
      'trust',
      'show',
      certPath('officer'),
      '--trust',
      ROOT,
      '--certs',
      INTERMEDIATE,
      '--at',
      AT,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Certification path:');
    expect(r.stdout).toContain('✔ TRUSTED');
    expect(r.stdout).toContain('→ To check revocation, add the revocation list: --crl <file>');
  });

  it('prints one JSON document with --json', () => {
    const { code, json } = showJson([
      certPath('officer'),
      '--trust',
      ROOT,
      '--certs',
      INTERMEDIATE,
      '--crl',
      CRL,
    ]);
    expect(code).toBe(0);
    expect(json).toMatchObject({
      trusted: true,
      indication: 'TOTAL_PASSED',
      subIndication: null,
      anchored: true,
      purpose: 'signature',
      anchor: { source: ROOT },
      revocation: { status: 'GOOD', source: 'CRL', revokedAt: null },
      trustStore: { anchors: 1, intermediates: 1, crls: 1, skippedFiles: 0 },
    });
    expect(json.chain.map((c) => c.source)).toEqual([certPath('officer'), INTERMEDIATE, ROOT]);
    expect(json.checks.map((c) => [c.id, c.status])).toEqual([
      ['trust.chain', 'PASSED'],
      ['trust.validity', 'PASSED'],
      ['trust.keyusage', 'PASSED'],
      ['trust.revocation', 'PASSED'],
      ['policy.algorithms', 'PASSED'],
    ]);
  });

  it('uses the other certificates of a .p7b or PEM bundle as intermediates', () => {
    const dir = workdir();
    writeFileSync(
      join(dir, 'chain.p7b'),
      p7b([testCertDer('agency'), testCertDer('intermediate')]),
    );
    writeFileSync(
      join(dir, 'chain.pem'),
      pem('CERTIFICATE', testCertDer('citizen')) + pem('CERTIFICATE', testCertDer('intermediate')),
    );
    const a = showJson([join(dir, 'chain.p7b'), '--trust', ROOT]);
    expect(a.code).toBe(0);
    expect(a.json.chain[0]!.subject).toContain('UBND Phường Hoàn Kiếm');
    expect(a.json.chain[1]!.source).toBe(join(dir, 'chain.p7b'));
    expect(show([join(dir, 'chain.pem'), '--trust', ROOT]).code).toBe(0);
  });

  it('shows a CA certificate without a signing purpose, and a folder of anchors with skipped files', () => {
    const dir = workdir();
    copyFileSync(ROOT, join(dir, 'root.pem'));
    writeFileSync(join(dir, 'README.txt'), 'anchors for the ward office\n');
    const { code, json } = showJson([INTERMEDIATE, '--trust', dir]);
    expect(code).toBe(0);
    expect(json.purpose).toBe('any');
    expect(checkOf(json, 'trust.keyusage')?.status).toBe('SKIPPED');
    expect(json.trustStore.skippedFiles).toBe(1);
    const text = show([INTERMEDIATE, '--trust', dir]);
    expect(text.stdout).toContain('bỏ qua 1 tệp');
  });

  it('reads anchors from the config file key "trust"', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'hoso.config.json'), JSON.stringify({ trust: [ROOT] }));
    expect(show([certPath('officer'), '--certs', INTERMEDIATE], dir).code).toBe(0);
  });
});

describe('hoso trust show: not trusted (exit 2)', () => {
  it('untrusted-signer under other-root names the missing issuer and says to pass --trust', () => {
    const r = show([certPath('untrusted-signer'), '--trust', ROOT, '--certs', INTERMEDIATE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('? CHƯA TIN CẬY');
    expect(r.stdout).toContain('hoso Other Test Root (NOT FOR PRODUCTION)');
    expect(r.stdout).toContain('--trust');
    const { json } = showJson([certPath('untrusted-signer'), '--trust', ROOT]);
    expect(json).toMatchObject({
      trusted: false,
      indication: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
    });
  });

  it('with no anchors at all: INDETERMINATE with the hint', () => {
    const r = show([certPath('officer'), '--certs', INTERMEDIATE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('chưa có chứng thư gốc tin cậy nào (--trust)');
    expect(r.stdout).toContain('→ Thêm chứng thư gốc/trung gian: --trust');
    const { json } = showJson([certPath('officer')]);
    expect(checkOf(json, 'trust.chain')?.params).toMatchObject({
      reason: 'no-anchors',
      missingIssuer: 'hoso Test Issuing CA (NOT FOR PRODUCTION)',
    });
  });

  it('expired, not yet valid, revoked, no signing usage', () => {
    const base = ['--trust', ROOT, '--certs', INTERMEDIATE, '--crl', CRL];
    const cases = [
      ['expired', 'INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE'],
      ['not-yet-valid', 'TOTAL_FAILED', 'NOT_YET_VALID'],
      ['revoked', 'TOTAL_FAILED', 'REVOKED'],
      ['no-signing-usage', 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE'],
    ] as const;
    for (const [name, indication, sub] of cases) {
      const { code, json } = showJson([certPath(name), ...base]);
      expect(code, name).toBe(2);
      expect(json, name).toMatchObject({
        trusted: false,
        anchored: true,
        indication,
        subIndication: sub,
      });
    }
    const revoked = show([certPath('revoked'), ...base]);
    expect(revoked.stdout).toContain('✘ KHÔNG TIN CẬY');
    expect(revoked.stdout).toContain('đã bị thu hồi từ 01/03/2026');
    const expired = show([certPath('expired'), ...base]);
    expect(expired.stdout).toContain('đã hết hạn ngày 01/01/2022');
  });

  it('a forged certificate with the right issuer name is never trusted', () => {
    const dir = workdir();
    const forged = issue({
      subject: [['CN', 'Nguyễn Văn An']],
      subjectKey: testKey('officer'),
      issuer: INTERMEDIATE_NAME,
      issuerKey: testKey('other-root'),
      akiKey: testKey('intermediate'),
    });
    writeFileSync(join(dir, 'forged.pem'), pem('CERTIFICATE', forged));
    const r = show([join(dir, 'forged.pem'), '--trust', ROOT, '--certs', INTERMEDIATE]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('giả mạo');
    const { json } = showJson([join(dir, 'forged.pem'), '--trust', ROOT, '--certs', INTERMEDIATE]);
    expect(json).toMatchObject({
      trusted: false,
      anchored: false,
      indication: 'TOTAL_FAILED',
      subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
    });
  });
});

describe('hoso trust show: bad input (exit 3)', () => {
  it('a missing certificate file', () => {
    const r = show(['khong-co.pem', '--trust', ROOT]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('Không tìm thấy tệp: khong-co.pem');
  });

  it('a file that is not a certificate, as CERT or as --trust, named in the message', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'note.txt'), 'not a certificate');
    const a = hoso(['--lang', 'en', 'trust', 'show', join(dir, 'note.txt')]);
    expect(a.code).toBe(3);
    expect(a.stderr).toContain(`Cannot read certificate ${join(dir, 'note.txt')}`);
    const b = show([certPath('officer'), '--trust', join(dir, 'note.txt')]);
    expect(b.code).toBe(3);
    expect(b.stderr).toContain(join(dir, 'note.txt'));
    const c = show([certPath('officer'), '--crl', ROOT]);
    expect(c.code).toBe(3);
  });

  it('a bad --at, a folder as CERT, no subcommand', () => {
    expect(hoso(['trust', 'show', certPath('officer'), '--at', 'hôm qua']).code).toBe(3);
    expect(show([TEST_CERTS]).code).toBe(3);
    expect(hoso(['trust']).code).toBe(3);
    const json = hoso(['trust', 'show', 'khong-co.pem', '--json']);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
  });
});
