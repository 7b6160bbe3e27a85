// `hoso sign` end to end: the real bin/hoso.js in a fresh temporary folder per test (CLI.md,
// "hoso sign" and "Exit codes"). Needs nothing but Node and the npm packages.
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type * as asn1js from 'asn1js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectCms, signatureVerifies } from '../../support/cms-inspect.js';
import { loadTestKey } from '../../support/crl-builder.js';
import { buildOcspResponse, certIdOf } from '../../support/ocsp-builder.js';
import { SAMPLES, TEST_CERTS, TEST_PASSWORD } from '../../support/paths.js';
import { hoso, hosoAsync, type CliRun } from '../../support/run-cli.js';
import { certPath, p12Path, testCertDer } from '../../support/test-keys.js';
import { startTsa } from '../../support/tsa-server.js';

const OFFICER = p12Path('officer');
const OFFICER_CN = 'Nguyễn Văn An';
const PASSWORD_ENV = { HOSO_P12_PASSWORD: TEST_PASSWORD };
const FORM = join(SAMPLES, 'inputs', 'application-form.pdf');
const DECISION = join(SAMPLES, 'inputs', 'result-decision.pdf');
const ID_CARD = join(SAMPLES, 'inputs', 'id-card.jpg');

// hoso() passes this process's environment on; a password set where the tests run must not
// leak into the cases that need it unset. Each test file runs in its own worker.
beforeAll(() => {
  delete process.env['HOSO_P12_PASSWORD'];
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh temporary folder holding a copy of `files` (by base name). */
function workdir(...files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-sign-cli-'));
  dirs.push(dir);
  for (const f of files) copyFileSync(f, join(dir, f.split('/').pop()!));
  return dir;
}

/** `hoso sign` run from `dir` with the officer's key and the password in the environment. */
function sign(
  dir: string,
  args: readonly string[],
  opts: { env?: Record<string, string>; input?: string; key?: boolean } = {},
): CliRun {
  return hoso(['sign', ...args, ...(opts.key === false ? [] : ['--p12', OFFICER])], {
    cwd: dir,
    env: opts.env ?? PASSWORD_ENV,
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function tempLeftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.hoso-tmp-'));
}

function expectPrefix(original: string, signed: string): void {
  const a = readFileSync(original);
  const b = readFileSync(signed);
  expect(b.length).toBeGreaterThan(a.length);
  expect(b.subarray(0, a.length).equals(a)).toBe(true);
}

function expectSignedPdf(dir: string, original: string, output: string): void {
  expect(existsSync(join(dir, output))).toBe(true);
  expectPrefix(original, join(dir, output));
  expect(tempLeftovers(dir)).toEqual([]);
}

/**
 * A refusal as CLI.md wants it: the exit code, one line `hoso: … → hint` on stderr, no stack
 * trace, nothing on stdout, no output file and no temporary file left in the output's folder.
 */
function expectRefusal(r: CliRun, exit: number, output: string): void {
  expect(r.code, r.stderr).toBe(exit);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^hoso: .+ → \S/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
  expect(existsSync(output)).toBe(false);
  if (existsSync(dirname(output))) expect(tempLeftovers(dirname(output))).toEqual([]);
}

/**
 * A small valid PDF whose trailer says it is encrypted (/Encrypt → a /Standard security handler
 * dictionary, ISO 32000-1 §7.6.3), with a correct classic xref table.
 */
function encryptedPdf(): Buffer {
  const body = Buffer.from(
    '%PDF-1.4\n' +
      '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
      '3 0 obj\n<< /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>\nendobj\n',
    'latin1',
  );
  const offsets = ['1 0 obj', '2 0 obj', '3 0 obj'].map((o) => body.indexOf(o));
  const xref =
    'xref\n0 4\n0000000000 65535 f \n' +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size 4 /Root 1 0 R /Encrypt 3 0 R >>\nstartxref\n${body.length}\n%%EOF\n`;
  return Buffer.concat([body, Buffer.from(xref, 'latin1')]);
}

/** A TCP port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('hoso sign: success', () => {
  it('signs a PDF as an incremental update (the input is an exact prefix)', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'signed.pdf']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('signed.pdf');
    expect(r.stdout).toContain(OFFICER_CN);
    expectSignedPdf(dir, FORM, 'signed.pdf');
  });

  it('prints exactly one JSON document with --json', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'signed.pdf', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as {
      output: string;
      sha256: string;
      format: string;
      level: string;
      signer: { commonName: string };
    };
    expect(doc).toMatchObject({
      output: 'signed.pdf',
      format: 'pdf',
      level: 'B-B',
      signer: { commonName: OFFICER_CN },
    });
    expect(doc.sha256).toBe(sha256(readFileSync(join(dir, 'signed.pdf'))));
    expectSignedPdf(dir, FORM, 'signed.pdf');
  });

  it('reads the password from stdin with --pass-stdin (one trailing newline dropped)', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'signed.pdf', '--pass-stdin'], {
      env: {},
      input: `${TEST_PASSWORD}\n`,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectSignedPdf(dir, FORM, 'signed.pdf');
  });

  it('reads the password from the variable named by --pass-env', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'signed.pdf', '--pass-env', 'OTHER'], {
      env: { OTHER: TEST_PASSWORD },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectSignedPdf(dir, FORM, 'signed.pdf');
  });

  it('draws a visible signature with --visible PAGE,X,Y,W,H', () => {
    const dir = workdir(FORM);
    const r = sign(dir, [
      'application-form.pdf',
      '-o',
      'signed.pdf',
      '--visible',
      '1,330,104,210,64',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectSignedPdf(dir, FORM, 'signed.pdf');
    const update = readFileSync(join(dir, 'signed.pdf')).subarray(readFileSync(FORM).length);
    expect(update.toString('latin1')).toMatch(/\/Rect\s*\[\s*330 104 540 168\s*\]/);
  });

  it('writes FILE.p7s for any file with --detached (default name without -o)', () => {
    const dir = workdir(ID_CARD);
    const r = sign(dir, ['id-card.jpg', '--detached']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('id-card.jpg.p7s');
    const cms = inspectCms(readFileSync(join(dir, 'id-card.jpg.p7s')));
    expect(cms.signedData.encapContentInfo.eContent).toBeUndefined();
    expect(cms.messageDigest.toString('hex')).toBe(sha256(readFileSync(ID_CARD)));
    expect(signatureVerifies(cms)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['id-card.jpg', 'id-card.jpg.p7s']);
  });

  it('writes FILE.p7m carrying the content with --enveloping', () => {
    const dir = workdir(ID_CARD);
    const r = sign(dir, ['id-card.jpg', '--enveloping']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const cms = inspectCms(readFileSync(join(dir, 'id-card.jpg.p7m')));
    const content = cms.signedData.encapContentInfo.eContent as asn1js.OctetString;
    expect(Buffer.from(content.getValue()).equals(readFileSync(ID_CARD))).toBe(true);
    expect(signatureVerifies(cms)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['id-card.jpg', 'id-card.jpg.p7m']);
  });

  it('speaks English with --lang en', () => {
    const dir = workdir(FORM);
    const r = hoso(
      ['--lang', 'en', 'sign', 'application-form.pdf', '-o', 'signed.pdf', '--p12', OFFICER],
      { cwd: dir, env: PASSWORD_ENV },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `Signed: signed.pdf\nSigner: ${OFFICER_CN}\nSignature level: PAdES B-B\n`,
    );
  });

  it('adds a signature timestamp with --level B-T --tsa URL', async () => {
    const dir = workdir(FORM);
    const tsa = await startTsa();
    try {
      // hosoAsync: the TSA is served by this process, so its event loop must keep running.
      const r = await hosoAsync(
        [
          'sign',
          'application-form.pdf',
          '-o',
          'signed.pdf',
          '--p12',
          OFFICER,
          '--level',
          'B-T',
          '--tsa',
          tsa.url,
          '--json',
        ],
        { cwd: dir, env: PASSWORD_ENV },
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as { level: string; timestamp: { time: string } | null };
      expect(doc.level).toBe('B-T');
      expect(doc.timestamp?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(tsa.requests()).toBeGreaterThanOrEqual(1);
      expectSignedPdf(dir, FORM, 'signed.pdf');
    } finally {
      await tsa.close();
    }
  });

  it('replaces an existing output with --force', () => {
    const dir = workdir(FORM);
    writeFileSync(join(dir, 'signed.pdf'), 'an older file\n');
    const r = sign(dir, ['application-form.pdf', '-o', 'signed.pdf', '--force']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expectSignedPdf(dir, FORM, 'signed.pdf');
  });

  it('signs with an expired certificate only with --allow-expired, and warns', () => {
    const dir = workdir(FORM);
    const r = hoso(
      [
        '--lang',
        'en',
        'sign',
        'application-form.pdf',
        '-o',
        'signed.pdf',
        '--p12',
        p12Path('expired'),
        '--allow-expired',
      ],
      { cwd: dir, env: PASSWORD_ENV },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Warning: .*expired/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expectSignedPdf(dir, FORM, 'signed.pdf');
  });
});

describe('hoso sign: refusals (exit code, one line with a hint, no output)', () => {
  it('a file that is not a PDF → 3, pointing at --detached', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'note.txt'), 'just some text\n');
    const r = sign(dir, ['note.txt', '-o', 'out.pdf']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('note.txt');
    expect(r.stderr.split('→')[1]).toContain('--detached');
  });

  it('an encrypted PDF → 3, saying encryption is not supported yet and naming the file', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'locked.pdf'), encryptedPdf());
    const r = hoso(['--lang', 'en', 'sign', 'locked.pdf', '-o', 'out.pdf', '--p12', OFFICER], {
      cwd: dir,
      env: PASSWORD_ENV,
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('hoso: locked.pdf is an encrypted PDF');
    expect(r.stderr).toContain('cannot process encrypted PDFs yet');
  });

  it('a wrong PKCS#12 password → 3, naming the key file', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf'], {
      env: { HOSO_P12_PASSWORD: 'not-the-password' },
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain(OFFICER);
    expect(r.stderr.split('→')[1]).toContain('HOSO_P12_PASSWORD');
  });

  it('a wrong password from --pass-env OTHER → 3, the hint names OTHER', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--pass-env', 'OTHER'], {
      env: { OTHER: 'not-the-password' },
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain(OFFICER);
    expect(r.stderr.split('→')[1]).toContain('OTHER');
    expect(r.stderr).not.toContain('HOSO_P12_PASSWORD');
  });

  it('no password (HOSO_P12_PASSWORD unset) → 3, naming HOSO_P12_PASSWORD', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf'], { env: {} });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('HOSO_P12_PASSWORD');
  });

  it('a missing input file → 3', () => {
    const dir = workdir();
    const r = sign(dir, ['missing.pdf', '-o', 'out.pdf']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('missing.pdf');
  });

  it('a missing --p12 file → 3', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--p12', 'missing.p12'], {
      key: false,
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('missing.p12');
  });

  it.each([
    ['truncated', () => readFileSync(OFFICER).subarray(0, 700)],
    ['garbage', () => Buffer.from('this is not a PKCS#12 file\n'.repeat(40))],
    ['empty', () => Buffer.alloc(0)],
  ])('a %s PKCS#12 file → 3', (_name, bytes) => {
    const dir = workdir(FORM);
    writeFileSync(join(dir, 'bad.p12'), bytes());
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--p12', 'bad.p12'], {
      key: false,
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('bad.p12');
  });

  it.each([
    ['expired', /2022-01-01/],
    ['not-yet-valid', /2040-01-01/],
    ['no-signing-usage', /digitalSignature/],
  ])('a %s signing certificate → 3', (name, why) => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--p12', p12Path(name)], {
      key: false,
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toMatch(why);
  });

  it('an existing output without --force → 3, the file unchanged', () => {
    const dir = workdir(FORM);
    const before = Buffer.from('%PDF-1.7 someone else’s file\n');
    writeFileSync(join(dir, 'out.pdf'), before);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf']);
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^hoso: .*out\.pdf.* → .*--force/);
    expect(readFileSync(join(dir, 'out.pdf')).equals(before)).toBe(true);
    expect(tempLeftovers(dir)).toEqual([]);
  });

  it.each([
    ['application-form.pdf', FORM],
    ['result-decision.pdf', DECISION],
  ])('the first half of %s → 3 (damaged PDF)', (_name, sample) => {
    const dir = workdir();
    const bytes = readFileSync(sample);
    writeFileSync(join(dir, 'half.pdf'), bytes.subarray(0, bytes.length >> 1));
    const r = hoso(['--lang', 'en', 'sign', 'half.pdf', '-o', 'out.pdf', '--p12', OFFICER], {
      cwd: dir,
      env: PASSWORD_ENV,
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('damaged or malformed');
  });

  it('an empty file → 3', () => {
    const dir = workdir();
    writeFileSync(join(dir, 'empty.pdf'), '');
    const r = sign(dir, ['empty.pdf', '-o', 'out.pdf']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
  });

  it('a folder as input → 3', () => {
    const dir = workdir();
    mkdirSync(join(dir, 'a-folder.pdf'));
    const r = sign(dir, ['a-folder.pdf', '-o', 'out.pdf']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('a-folder.pdf là một thư mục, không phải tệp');
  });

  it('a wrong password from --pass-stdin → 3, the hint points at standard input', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--pass-stdin'], {
      env: {},
      input: 'not-the-password\n',
    });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr.split('→')[1]).toContain('--pass-stdin');
    expect(r.stderr).not.toContain('HOSO_P12_PASSWORD');
  });

  it('an empty --field → 3', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--field', '']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('--field');
  });

  it('--level B-T without --tsa → 3', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--level', 'B-T']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    // usage details are worded in the user's language too
    expect(r.stderr).toContain('--level B-T cần máy chủ dấu thời gian: --tsa URL');
  });

  it('a timestamp server that does not answer → 4 (TSA_FAILED), no output', async () => {
    for (const tsa of ['http://127.0.0.1:9/', `http://127.0.0.1:${await closedPort()}/tsa`]) {
      const dir = workdir(FORM);
      const r = sign(dir, [
        'application-form.pdf',
        '-o',
        'out.pdf',
        '--level',
        'B-T',
        '--tsa',
        tsa,
        '--json',
      ]);
      expect(r.code).toBe(4);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^hoso: .*→ \S/);
      expect(r.stderr).toContain(tsa);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'TSA_FAILED' } });
      expect(existsSync(join(dir, 'out.pdf'))).toBe(false);
      expect(tempLeftovers(dir)).toEqual([]);
    }
  });

  it.each([['1,2,3'], ['1,a,b,c,d'], ['0,10,10,100,50'], ['1,10,10,-100,50'], ['']])(
    'a malformed --visible "%s" → 3',
    (spec) => {
      const dir = workdir(FORM);
      const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--visible', spec]);
      expectRefusal(r, 3, join(dir, 'out.pdf'));
      expect(r.stderr).toContain('--visible');
    },
  );

  it('--visible on a page the document does not have → 3', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--visible', '99,10,10,100,50']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('tài liệu không có trang 99');
  });

  it('--detached with --enveloping → 3', () => {
    const dir = workdir(ID_CARD);
    const r = sign(dir, ['id-card.jpg', '--detached', '--enveloping']);
    expectRefusal(r, 3, join(dir, 'id-card.jpg.p7s'));
    expect(existsSync(join(dir, 'id-card.jpg.p7m'))).toBe(false);
  });

  it('an unknown --digest md5 → 3', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', 'out.pdf', '--digest', 'md5']);
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain('md5');
  });

  it.each([['B-LT'], ['B-LTA']])(
    '--level %s --detached → 3, not available yet (CAdES)',
    (level) => {
      const dir = workdir(FORM);
      const r = hoso(
        [
          '--lang',
          'en',
          'sign',
          'application-form.pdf',
          '-o',
          'out.pdf',
          '--p12',
          OFFICER,
          '--level',
          level,
          '--tsa',
          'http://127.0.0.1:9/',
          '--detached',
        ],
        { cwd: dir, env: PASSWORD_ENV },
      );
      expectRefusal(r, 3, join(dir, 'out.pdf'));
      expect(r.stderr).toContain(`Not available in this version yet: --level ${level} --detached`);
    },
  );

  it('an output folder that does not exist → 3, and it is not created', () => {
    const dir = workdir(FORM);
    const r = sign(dir, ['application-form.pdf', '-o', join('no-such-folder', 'out.pdf')]);
    expectRefusal(r, 3, join(dir, 'no-such-folder', 'out.pdf'));
    expect(existsSync(join(dir, 'no-such-folder'))).toBe(false);
    expect(tempLeftovers(dir)).toEqual([]);
  });
});

describe('hoso demo', () => {
  it('runs offline, prints its steps on stderr and leaves a signed PDF', () => {
    const dir = workdir();
    const r = hoso(['demo', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${dir}\n`);
    expect(r.stderr).toContain('Bước 1');
    expect(r.stderr).toContain('Bước 5');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const pdfs = readdirSync(dir)
      .filter((n) => n.endsWith('.pdf'))
      .sort();
    // the signed form, the certified copy of the ID card scan, and the form's paper conversion
    expect(pdfs).toEqual(['ban-giay-don-de-nghi.pdf', 'ban-sao-cccd.pdf', 'don-de-nghi-da-ky.pdf']);
    expect(r.stderr).toContain('Số chứng thực:   1');
    expectPrefix(FORM, join(dir, 'don-de-nghi-da-ky.pdf'));
  });
});

describe('hoso sign --level B-LT / B-LTA and --extend (long-term validation data)', () => {
  /** The issuing CA's committed CRL: current from 2026-11-01 to 2036, lists only `revoked`. */
  const CRL = join(TEST_CERTS, 'intermediate.crl');

  interface VerifyJson {
    files: {
      indication: string;
      signatures: {
        indication: string;
        subFilter?: string;
        modificationLevel: string | null;
        revocation: { status: string; source: string | null };
        checks: { id: string; status: string }[];
      }[];
    }[];
  }

  /** `hoso verify` trusting only the root: no intermediate, no --crl. */
  function verifyJson(dir: string, file: string): { code: number; doc: VerifyJson } {
    const r = hoso(['verify', file, '--trust', certPath('root'), '--json'], { cwd: dir });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    return { code: r.code, doc: JSON.parse(r.stdout) as VerifyJson };
  }

  async function withTsa<T>(fn: (url: string, requests: () => number) => Promise<T>): Promise<T> {
    const tsa = await startTsa();
    try {
      return await fn(tsa.url, tsa.requests);
    } finally {
      await tsa.close();
    }
  }

  /** `hoso sign` through hosoAsync (the TSA is served by this process) with the officer's key. */
  const signAsync = (dir: string, args: readonly string[]) =>
    hosoAsync(['sign', ...args], { cwd: dir, env: PASSWORD_ENV });

  it('B-LT with --crl: the JSON says B-LT, and hoso verify without --crl passes with revocation GOOD', async () => {
    const dir = workdir(FORM);
    await withTsa(async (url) => {
      const r = await signAsync(dir, [
        'application-form.pdf',
        '-o',
        'lt.pdf',
        '--p12',
        OFFICER,
        '--level',
        'B-LT',
        '--tsa',
        url,
        '--crl',
        CRL,
        '--json',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const doc = JSON.parse(r.stdout) as {
        level: string;
        sha256: string;
        dss: { certificates: number; crls: number; ocsps: number };
        documentTimestamp: unknown;
        revocation: { status: string; source: string };
      };
      expect(doc.level).toBe('B-LT');
      expect(doc.dss).toEqual({ certificates: 4, crls: 1, ocsps: 0 });
      expect(doc.documentTimestamp).toBeNull();
      expect(doc.revocation).toMatchObject({ status: 'GOOD', source: 'CRL' });
      expect(doc.sha256).toBe(sha256(readFileSync(join(dir, 'lt.pdf'))));
    });
    expectSignedPdf(dir, FORM, 'lt.pdf');
    const { code, doc } = verifyJson(dir, 'lt.pdf');
    expect(code).toBe(0);
    const [sig] = doc.files[0]!.signatures;
    expect(sig!.indication).toBe('TOTAL_PASSED');
    expect(sig!.revocation).toMatchObject({ status: 'GOOD', source: 'CRL' });
    expect(sig!.modificationLevel).toBe('LTA_UPDATES');
  });

  it('B-LTA: a document timestamp follows, hoso verify passes both', async () => {
    const dir = workdir(FORM);
    await withTsa(async (url) => {
      const r = await signAsync(dir, [
        'application-form.pdf',
        '-o',
        'lta.pdf',
        '--p12',
        OFFICER,
        '--level',
        'B-LTA',
        '--tsa',
        url,
        '--crl',
        CRL,
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('PAdES B-LTA');
    });
    const { code, doc } = verifyJson(dir, 'lta.pdf');
    expect(code).toBe(0);
    expect(doc.files[0]!.signatures.map((s) => [s.subFilter, s.indication])).toEqual([
      ['ETSI.CAdES.detached', 'TOTAL_PASSED'],
      ['ETSI.RFC3161', 'TOTAL_PASSED'],
    ]);
  });

  it('B-LT with a PEM --ocsp response: revocation from OCSP', async () => {
    const dir = workdir(FORM);
    const at = new Date();
    const der = buildOcspResponse({
      signer: loadTestKey('ocsp'),
      producedAt: new Date(at.getTime() - 3600_000),
      responses: ['officer', 'tsa'].map((name) => ({
        certId: certIdOf(testCertDer(name), testCertDer('intermediate')),
        status: { status: 'good' as const },
        thisUpdate: new Date(at.getTime() - 3600_000),
        nextUpdate: new Date(at.getTime() + 7 * 86400_000),
      })),
    });
    const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
    writeFileSync(
      join(dir, 'officer.ocsp.pem'),
      `-----BEGIN OCSP RESPONSE-----\n${b64}\n-----END OCSP RESPONSE-----\n`,
    );
    await withTsa(async (url) => {
      const r = await signAsync(dir, [
        'application-form.pdf',
        '-o',
        'lt.pdf',
        '--p12',
        OFFICER,
        '--level',
        'B-LT',
        '--tsa',
        url,
        '--ocsp',
        'officer.ocsp.pem',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    });
    const { doc } = verifyJson(dir, 'lt.pdf');
    expect(doc.files[0]!.signatures[0]!.revocation).toMatchObject({
      status: 'GOOD',
      source: 'OCSP',
    });
  });

  it('B-LT without revocation data → 3, one line naming the signer and pointing at --crl, no output, no timestamp asked', async () => {
    const dir = workdir(FORM);
    await withTsa(async (url, requests) => {
      const r = await signAsync(dir, [
        'application-form.pdf',
        '-o',
        'lt.pdf',
        '--p12',
        OFFICER,
        '--level',
        'B-LT',
        '--tsa',
        url,
      ]);
      expectRefusal(r, 3, join(dir, 'lt.pdf'));
      expect(r.stderr).toContain('Nguyễn Văn An');
      expect(r.stderr.split('→')[1]).toContain('--crl');
      expect(requests()).toBe(0);
    });
  });

  it('--extend: a B-B signature raised to B-LT, then B-LTA; hoso verify passes every signature', async () => {
    const dir = workdir(FORM);
    const bb = sign(dir, ['application-form.pdf', '-o', 'bb.pdf']);
    expect(bb.code).toBe(0);
    const lt = hoso(
      ['sign', '--extend', 'bb.pdf', '-o', 'lt.pdf', '--level', 'B-LT', '--crl', CRL, '--json'],
      {
        cwd: dir,
      },
    );
    expect(lt.stderr).toBe('');
    expect(lt.code).toBe(0);
    expect(JSON.parse(lt.stdout)).toMatchObject({
      level: 'B-LT',
      signatures: [{ fieldName: 'Signature1', kind: 'signature', revocation: { status: 'GOOD' } }],
      dss: { certificates: 3, crls: 1, ocsps: 0 },
    });
    expectPrefix(join(dir, 'bb.pdf'), join(dir, 'lt.pdf'));
    const first = verifyJson(dir, 'lt.pdf');
    expect(first.code).toBe(0);
    expect(first.doc.files[0]!.signatures[0]!.modificationLevel).toBe('LTA_UPDATES');

    await withTsa(async (url) => {
      const r = await hosoAsync(['sign', '--extend', 'lt.pdf', '--level', 'B-LTA', '--tsa', url], {
        cwd: dir,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(
        'Đã bổ sung dữ liệu kiểm tra dài hạn: lt-b-lta.pdf\nMức chữ ký: PAdES B-LTA\n',
      );
    });
    expectPrefix(join(dir, 'lt.pdf'), join(dir, 'lt-b-lta.pdf'));
    const second = verifyJson(dir, 'lt-b-lta.pdf');
    expect(second.code).toBe(0);
    expect(
      second.doc.files[0]!.signatures.map((s) => [s.subFilter, s.indication, s.modificationLevel]),
    ).toEqual([
      ['ETSI.CAdES.detached', 'TOTAL_PASSED', 'LTA_UPDATES'],
      ['ETSI.RFC3161', 'TOTAL_PASSED', 'NONE'],
    ]);
  });

  it('--extend to an existing output without --force → 3, the file unchanged; with --force it is replaced', () => {
    const dir = workdir(FORM);
    expect(sign(dir, ['application-form.pdf', '-o', 'bb.pdf']).code).toBe(0);
    const before = Buffer.from('%PDF-1.7 someone else’s file\n');
    writeFileSync(join(dir, 'out.pdf'), before);
    const args = ['sign', '--extend', 'bb.pdf', '-o', 'out.pdf', '--level', 'B-LT', '--crl', CRL];
    const r = hoso(args, { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^hoso: .*out\.pdf.* → .*--force/);
    expect(readFileSync(join(dir, 'out.pdf')).equals(before)).toBe(true);
    expect(tempLeftovers(dir)).toEqual([]);
    expect(hoso([...args, '--force'], { cwd: dir }).code).toBe(0);
    expectPrefix(join(dir, 'bb.pdf'), join(dir, 'out.pdf'));
  });

  it.each([
    ['--extend without a long-term --level', ['--extend', 'application-form.pdf'], '--level B-LT'],
    [
      '--extend with --p12',
      ['--extend', 'application-form.pdf', '--level', 'B-LT', '--p12', OFFICER],
      '--p12',
    ],
    [
      '--extend of an unsigned PDF',
      ['--extend', 'application-form.pdf', '--level', 'B-LT', '--crl', CRL],
      '--extend',
    ],
    [
      '--extend --level B-LTA without --tsa',
      ['--extend', 'application-form.pdf', '--level', 'B-LTA'],
      '--tsa',
    ],
    [
      '--level B-LT without --tsa',
      ['application-form.pdf', '--p12', OFFICER, '--level', 'B-LT', '--crl', CRL],
      '--tsa',
    ],
    ['--crl with --level B-B', ['application-form.pdf', '--p12', OFFICER, '--crl', CRL], '--crl'],
    [
      '--online with --level B-T',
      [
        'application-form.pdf',
        '--p12',
        OFFICER,
        '--level',
        'B-T',
        '--tsa',
        'http://127.0.0.1:9/',
        '--online',
      ],
      '--online',
    ],
    [
      'an --ocsp file that is not one',
      ['--extend', 'application-form.pdf', '--level', 'B-LT', '--ocsp', 'application-form.pdf'],
      '--ocsp',
    ],
    [
      'a missing --crl file',
      ['--extend', 'application-form.pdf', '--level', 'B-LT', '--crl', 'none.crl'],
      'none.crl',
    ],
  ])('%s → 3', (_name, args, mentions) => {
    const dir = workdir(FORM);
    const r = hoso(['sign', ...args, '-o', 'out.pdf'], { cwd: dir, env: PASSWORD_ENV });
    expectRefusal(r, 3, join(dir, 'out.pdf'));
    expect(r.stderr).toContain(mentions);
  });
});
