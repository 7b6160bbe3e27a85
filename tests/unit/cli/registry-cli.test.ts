// `hoso code`, `hoso lookup` and `hoso register` through the real bin/hoso.js (built dist/) on
// SQLite registries in temp folders: exit codes, stdout, one-line stderr (CLI.md).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupCheckSymbol } from '../../../src/lookup/codes.js';
import { BIN, SAMPLES, TEST_CERTS } from '../../support/paths.js';

const AGENCY = '000.00.12.H29';
const SIGNED_PDF = join(SAMPLES, 'dossier-001', 'quyet-dinh.pdf');
const OTHER_SIGNED_PDF = join(SAMPLES, 'dossier-001', 'don-de-nghi.pdf');
const ROOT_CERT = join(TEST_CERTS, 'root.cert.pem');
const DOSSIER = '000.00.12.H29-261125-0001';

const IS_ROOT = process.getuid?.() === 0;
/** As root, file permissions stop nothing: the binary runs as `nobody` for read-only checks. */
const NOBODY = { uid: 65534, gid: 65534 };

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-registry-cli-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) {
    chmodTree(dir);
    rmSync(dir, { recursive: true, force: true });
  }
});
/** Makes folders writable again so a non-root run can clean up what it made read-only. */
function chmodTree(dir: string): void {
  try {
    chmodSync(dir, 0o755);
    for (const e of readdirSync(dir, { withFileTypes: true }))
      if (e.isDirectory()) chmodTree(join(dir, e.name));
  } catch {
    /* already gone */
  }
}

/** The binary in `cwd`, with no configuration but what the test writes there. */
function hoso(
  args: readonly string[],
  cwd: string,
  opts: { as?: { uid: number; gid: number } } = {},
): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['HOSO_CONFIG'];
  const start = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
    ...(opts.as ?? {}),
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - start };
}

function expectOneLine(r: Run, code: number): string {
  expect(r.code, r.stderr).toBe(code);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^hoso: /);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:/); // no stack trace
  return lines[0]!;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A valid lookup code (17 symbols and their check symbol). */
const PAYLOAD = 'DKSY6CJRX5BHQW4AG';
const LOOKUP = PAYLOAD + lookupCheckSymbol(PAYLOAD);
const display = (code: string) => `${code.slice(0, 6)}-${code.slice(6, 12)}-${code.slice(12)}`;
/** The same code with its check symbol replaced: a mistyped code. */
const MISTYPED = PAYLOAD + (LOOKUP.endsWith('A') ? 'B' : 'A');

describe('hoso code new', () => {
  it('prints the code alone on stdout; --json gives { code }, --count N gives { codes }', () => {
    const dir = tempDir();
    const base = ['code', 'new', '--agency', AGENCY, '--date', '2026-11-25'];
    const first = hoso([...base, '--registry', 'sqlite:./hoso.db'], dir);
    expect(first).toMatchObject({ code: 0, stdout: '000.00.12.H29-261125-0001\n', stderr: '' });
    const json = hoso([...base, '--registry', 'sqlite:./hoso.db', '--json'], dir);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ code: '000.00.12.H29-261125-0002' });
    // The default registry is ./hoso.db in the working folder.
    const many = hoso([...base, '--count', '2', '--json'], dir);
    expect(many.code).toBe(0);
    expect(JSON.parse(many.stdout)).toEqual({
      codes: ['000.00.12.H29-261125-0003', '000.00.12.H29-261125-0004'],
    });
    const lines = hoso([...base, '--count', '2'], dir);
    expect(lines.stdout).toBe('000.00.12.H29-261125-0005\n000.00.12.H29-261125-0006\n');
    const otherDay = hoso(['code', 'new', '--agency', AGENCY, '--date', '2026-11-26'], dir);
    expect(otherDay.stdout).toBe('000.00.12.H29-261126-0001\n');
    expect(readdirSync(dir).filter((f) => !f.startsWith('hoso.db'))).toEqual([]);
  });

  it('when the day runs out during --count, prints the codes it allocated, then fails (exit 4)', () => {
    const dir = tempDir();
    const base = ['code', 'new', '--agency', AGENCY, '--date', '2026-11-25'];
    expect(hoso(base, dir).code).toBe(0);
    // The day's counter is a plain row (not append-only): bring it to 9997 from outside.
    const db = new Database(join(dir, 'hoso.db'));
    db.exec("UPDATE dossier_sequences SET last_number = 9997 WHERE day = '261125'");
    db.close();
    const r = hoso([...base, '--count', '5'], dir);
    expect(r.stdout).toBe('000.00.12.H29-261125-9998\n000.00.12.H29-261125-9999\n');
    expect(expectOneLine(r, 4)).toContain('9999');
    const next = hoso(base, dir);
    expect(next.stdout).toBe('');
    expectOneLine(next, 4);
    expect(hoso(['code', 'new', '--agency', AGENCY, '--date', '2026-11-26'], dir).stdout).toBe(
      '000.00.12.H29-261126-0001\n',
    );
  });

  it('takes the agency and the registry from the configuration file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'hoso.config.json'),
      JSON.stringify({ agency: { code: 'H29.12' }, registry: 'sqlite:./so-dang-ky.db' }),
    );
    const r = hoso(['code', 'new', '--date', '2026-11-25'], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'H29.12-261125-0001\n', stderr: '' });
    expect(existsSync(join(dir, 'so-dang-ky.db'))).toBe(true);
    expect(existsSync(join(dir, 'hoso.db'))).toBe(false);
  });

  it('refuses --date 2026-02-30 with exit 3 and creates no registry', () => {
    const dir = tempDir();
    const r = hoso(['code', 'new', '--agency', AGENCY, '--date', '2026-02-30'], dir);
    expect(expectOneLine(r, 3)).toContain('2026-02-30');
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a missing --agency without configuration with exit 3', () => {
    const dir = tempDir();
    const r = hoso(['code', 'new', '--date', '2026-11-25'], dir);
    expect(expectOneLine(r, 3)).toContain('--agency');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a bad agency code with exit 3, naming the wrong part', () => {
    const dir = tempDir();
    const vi = hoso(['code', 'new', '--agency', '000.00.1.H29'], dir);
    expect(expectOneLine(vi, 3)).toContain('mã cấp 2 «1»');
    const en = hoso(['--lang', 'en', 'code', 'new', '--agency', '000.00.12.X29'], dir);
    expect(expectOneLine(en, 3)).toMatch(/level-1 code "X29"/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('hoso code check', () => {
  it.each([
    ['a dossier code (QCVN 102 agency)', '000.00.12.H29-261125-0001', 'dossier'],
    ['a dossier code (e-ID agency)', 'H29.12-261125-0001', 'dossier'],
    ['a result code', '000.00.12.H29-261125-0001-KQ2', 'result'],
    ['an agency code, QCVN 102:2016 form', '000.00.12.H29', 'agency'],
    ['an agency code, electronic ID form', 'H29.12', 'agency'],
    ['a lookup code', LOOKUP, 'lookup'],
    ['a lookup code as printed, in lower case', display(LOOKUP).toLowerCase(), 'lookup'],
  ])('accepts %s with exit 0', (_what, code, kind) => {
    const dir = tempDir();
    const text = hoso(['code', 'check', code], dir);
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    const json = hoso(['code', 'check', code, '--json'], dir);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { valid: boolean; kind: string; code: string };
    expect(parsed).toMatchObject({ valid: true, kind });
    expect(text.stdout).toContain(parsed.code);
    if (kind === 'lookup') expect(parsed.code).toBe(LOOKUP);
    else expect(parsed.code).toBe(code);
  });

  const sub = (i: number, ch: string) => LOOKUP.slice(0, i) + ch + LOOKUP.slice(i + 1);
  // [what, code, kind, part, words naming the part in Vietnamese, in English]
  const wrong: [string, string, string, string, string, string][] = [
    [
      'agency level-1 letter',
      '000.00.12.Z29-261125-0001',
      'dossier',
      'agency.level-1',
      'mã cấp 1 «Z29»',
      'level-1 code "Z29"',
    ],
    [
      'agency level-2',
      '000.00.1X.H29-261125-0001',
      'dossier',
      'agency.level-2',
      'mã cấp 2 «1X»',
      'level-2 code "1X"',
    ],
    [
      'agency level-1 number',
      'H99.12',
      'agency',
      'level-1',
      'mã cấp 1 «H99»',
      'level-1 code "H99"',
    ],
    [
      'agency level-3 under no level 2',
      '000.05.00.H29',
      'agency',
      'level-2',
      'mã cấp 3 là «05»',
      'level-3 code is "05"',
    ],
    ['date year', '000.00.12.H29-AB1125-0001', 'dossier', 'date.year', 'năm «AB»', 'year "AB"'],
    [
      'date month',
      '000.00.12.H29-261325-0001',
      'dossier',
      'date.month',
      'tháng «13»',
      'month "13"',
    ],
    ['date day', '000.00.12.H29-261100-0001', 'dossier', 'date.day', 'ngày «00»', 'day "00"'],
    [
      'not a calendar date',
      '000.00.12.H29-260230-0001',
      'dossier',
      'date',
      'không có trong lịch',
      'not a calendar date',
    ],
    [
      'sequence 0000',
      '000.00.12.H29-261125-0000',
      'dossier',
      'sequence',
      'số thứ tự 0000',
      'sequence number 0000',
    ],
    [
      'sequence of 5 digits',
      '000.00.12.H29-261125-00001',
      'dossier',
      'sequence',
      'số thứ tự «00001»',
      'sequence number "00001"',
    ],
    [
      'result suffix KQ0',
      '000.00.12.H29-261125-0001-KQ0',
      'result',
      'result',
      'không có KQ0',
      'no KQ0',
    ],
    [
      'result suffix KQ without a number',
      '000.00.12.H29-261125-0001-KQ',
      'result',
      'result',
      'sau «KQ»',
      '"KQ" must be followed',
    ],
    ['lookup check symbol', MISTYPED, 'lookup', 'check', 'ký tự kiểm tra', 'check character'],
    ['lookup letter O', sub(5, 'O'), 'lookup', 'characters', 'ký tự «O»', 'character "O"'],
    ['lookup digit 0', sub(5, '0'), 'lookup', 'characters', 'ký tự «0»', 'character "0"'],
    ['lookup digit 1', sub(5, '1'), 'lookup', 'characters', 'ký tự «1»', 'character "1"'],
    ['lookup letter I', sub(5, 'I'), 'lookup', 'characters', 'ký tự «I»', 'character "I"'],
    ['lookup letter L', sub(5, 'L'), 'lookup', 'characters', 'ký tự «L»', 'character "L"'],
    [
      'lookup code too short',
      LOOKUP.slice(0, 17),
      'lookup',
      'length',
      'ở đây có 17',
      'this one has 17',
    ],
    ['lookup code too long', LOOKUP + '2', 'lookup', 'length', 'ở đây có 19', 'this one has 19'],
  ];

  it.each(wrong)('names the wrong part (%s) with exit 3', (_what, code, kind, part, vi, en) => {
    const dir = tempDir();
    const text = hoso(['code', 'check', code], dir);
    expect(text.stdout).toBe('');
    expect(expectOneLine(text, 3)).toContain(vi);
    const json = hoso(['--lang', 'en', 'code', 'check', code, '--json'], dir);
    expect(expectOneLine(json, 3)).toContain(en);
    const parsed = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({ valid: false, kind, part });
    expect(parsed['message']).toContain(en);
  });
});

describe('hoso lookup', () => {
  let dir: string;
  let lookupCode: string;
  let lookupUrl: string;
  let canonicalOut: string;
  const registry = ['--registry', 'sqlite:./hoso.db'];

  beforeAll(() => {
    dir = tempDir();
    const r = hoso(
      [
        'register',
        'add',
        SIGNED_PDF,
        '--dossier',
        DOSSIER,
        '--title',
        'Quyết định cấp giấy phép',
        '--trust',
        ROOT_CERT,
        '--json',
        ...registry,
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    ({ lookupCode, lookupUrl } = JSON.parse(r.stdout) as { lookupCode: string; lookupUrl: string });
  });

  it('finds a record by its code', () => {
    const r = hoso(['lookup', lookupCode, ...registry], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Quyết định cấp giấy phép');
    expect(r.stdout).toContain(display(lookupCode));
    expect(r.stdout).toContain(DOSSIER);
    canonicalOut = r.stdout;
  });

  it.each([
    ['its display form in lower case', (c: string) => display(c).toLowerCase()],
    ['the scanned page URL', (c: string) => `http://x/v/${c}`],
    ['the API URL', (c: string) => `https://tracuu.example.gov.vn/api/v1/lookup/${c}`],
  ])('finds the same record by %s', (_what, form) => {
    const r = hoso(['lookup', form(lookupCode), ...registry], dir);
    expect(r).toMatchObject({ code: 0, stderr: '', stdout: canonicalOut });
  });

  it('--json gives the lookup record', () => {
    const r = hoso(['lookup', lookupCode, '--json', ...registry], dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({
      schemaVersion: 1,
      lookupCode,
      lookupCodeDisplay: display(lookupCode),
      lookupUrl,
      kind: 'original',
      title: 'Quyết định cấp giấy phép',
      dossierCode: DOSSIER,
      status: 'VALID',
      verification: 'TOTAL_PASSED',
      sha256: sha256(readFileSync(SIGNED_PDF)),
    });
    expect(lookupUrl).toMatch(new RegExp(`^https?://[^/]+/v/${lookupCode}$`));
    expect(Number.isNaN(Date.parse(j['issuedAt'] as string))).toBe(false);
    const signers = j['signers'] as { name: string; indication: string }[];
    expect(signers.length).toBeGreaterThan(0);
    for (const s of signers) expect(s).toMatchObject({ indication: 'TOTAL_PASSED' });
  });

  it('uses system.lookupBaseUrl from the configuration for the URL', () => {
    const cfg = join(dir, 'base-url.json');
    writeFileSync(
      cfg,
      JSON.stringify({ system: { lookupBaseUrl: 'https://tracuu.example.gov.vn/' } }),
    );
    const r = hoso(['--config', cfg, 'lookup', lookupCode, '--json', ...registry], dir);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { lookupUrl: string }).lookupUrl).toBe(
      `https://tracuu.example.gov.vn/v/${lookupCode}`,
    );
  });

  it('refuses a mistyped code with exit 3 naming the check character, before opening any registry', () => {
    const empty = tempDir();
    const typo = lookupCode.slice(0, 17) + (lookupCode.endsWith('A') ? 'B' : 'A');
    const r = hoso(['lookup', typo], empty);
    expect(r.stdout).toBe('');
    expect(expectOneLine(r, 3)).toContain('ký tự kiểm tra');
    const en = hoso(['--lang', 'en', 'lookup', display(typo)], empty);
    expect(expectOneLine(en, 3)).toContain('check character');
    expect(readdirSync(empty)).toEqual([]); // no ./hoso.db made
  });

  it('says "not found" with exit 3 for a well-formed code nobody issued', () => {
    const r = hoso(['lookup', LOOKUP, ...registry], dir);
    expect(r.stdout).toBe('');
    expect(expectOneLine(r, 3)).toContain(`Không có bản ghi nào với mã tra cứu ${display(LOOKUP)}`);
    const en = hoso(['--lang', 'en', 'lookup', LOOKUP, ...registry], dir);
    expect(expectOneLine(en, 3)).toContain('No record has the lookup code');
  });

  it('refuses a URL without /v/ with exit 3', () => {
    const r = hoso(['lookup', `http://x/w/${lookupCode}`, ...registry], dir);
    expect(expectOneLine(r, 3)).toContain('không chứa mã tra cứu');
    const en = hoso(['--lang', 'en', 'lookup', `https://x/${lookupCode}`, ...registry], dir);
    expect(expectOneLine(en, 3)).toContain('holds no lookup code');
  });
});

describe('hoso register', () => {
  let dir: string;
  const registry = ['--registry', 'sqlite:./hoso.db'];
  const records = (): { recordId: number; title: string }[] => {
    const r = hoso(['register', 'list', '--json', ...registry], dir);
    expect(r.code, r.stderr).toBe(0);
    return (JSON.parse(r.stdout) as { records: { recordId: number; title: string }[] }).records;
  };

  beforeAll(() => {
    dir = tempDir();
  });

  it('add of a signed PDF records it with its signers (TOTAL_PASSED)', () => {
    const r = hoso(
      [
        'register',
        'add',
        SIGNED_PDF,
        '--dossier',
        DOSSIER,
        '--title',
        'Quyết định',
        '--trust',
        ROOT_CERT,
        '--json',
        ...registry,
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ recordId: 1, sha256: sha256(readFileSync(SIGNED_PDF)) });
    expect(j['lookupCode']).toMatch(/^[2-9A-HJKMNP-Z]{18}$/);
    expect(j['lookupUrl']).toMatch(new RegExp(`/v/${j['lookupCode'] as string}$`));

    const show = hoso(['register', 'show', '1', '--json', ...registry], dir);
    expect(show.code).toBe(0);
    const view = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(view).toMatchObject({
      recordId: 1,
      title: 'Quyết định',
      dossierCode: DOSSIER,
      sha256: j['sha256'],
      size: statSync(SIGNED_PDF).size,
      verification: 'TOTAL_PASSED',
      lookupCodes: [j['lookupCode']],
      contentStored: true,
    });
    const signers = view['signers'] as { name: string; indication: string }[];
    expect(signers).toHaveLength(2); // quyet-dinh.pdf: officer, then agency
    for (const s of signers) {
      expect(s.indication).toBe('TOTAL_PASSED');
      expect(s.name.length).toBeGreaterThan(0);
    }
    // The bytes are kept beside the database, named by their hash.
    const sha = j['sha256'] as string;
    expect(sha256(readFileSync(join(dir, 'hoso.db.content', sha.slice(0, 2), sha)))).toBe(sha);
  });

  it('add of an unsigned file records it with verification null', () => {
    writeFileSync(join(dir, 'ghi-chu.txt'), 'Ghi chú của cán bộ tiếp nhận\n');
    const r = hoso(
      [
        'register',
        'add',
        'ghi-chu.txt',
        '--dossier',
        DOSSIER,
        '--title',
        'Ghi chú',
        '--json',
        ...registry,
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ recordId: 2, verification: null });
    const show = hoso(['register', 'show', '2', '--json', ...registry], dir);
    expect(JSON.parse(show.stdout)).toMatchObject({ verification: null, signers: [] });
  });

  it('refuses a corrupt PDF, a missing file, a missing --title or --dossier with exit 3 and records nothing', () => {
    writeFileSync(join(dir, 'hong.pdf'), readFileSync(OTHER_SIGNED_PDF).subarray(0, 5000));
    const add = (...args: string[]) => hoso(['register', 'add', ...args, ...registry], dir);
    const corrupt = add('hong.pdf', '--dossier', DOSSIER, '--title', 'Hỏng');
    expectOneLine(corrupt, 3);
    expect(corrupt.stdout).toBe('');
    expect(expectOneLine(add('khong-co.pdf', '--dossier', DOSSIER, '--title', 'T'), 3)).toContain(
      'khong-co.pdf',
    );
    expect(expectOneLine(add('ghi-chu.txt', '--dossier', DOSSIER), 3)).toContain('--title');
    expect(expectOneLine(add('ghi-chu.txt', '--title', 'T'), 3)).toContain('--dossier');
    expect(expectOneLine(add('ghi-chu.txt', '--title', 'T', '--dossier', 'H29-1'), 3)).toContain(
      'mã hồ sơ',
    );
    expect(records().map((r) => r.recordId)).toEqual([1, 2]);
  });

  it('list prints the register in order; --json and --dossier', () => {
    const text = hoso(['register', 'list', ...registry], dir);
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\s*1\s+000\.00\.12\.H29-261125-0001\s.*Quyết định$/);
    expect(lines[1]).toMatch(/^\s*2\s+.*Ghi chú$/);
    expect(lines[2]).toBe('Tổng: 2 bản ghi');
    expect(records().map((r) => [r.recordId, r.title])).toEqual([
      [1, 'Quyết định'],
      [2, 'Ghi chú'],
    ]);
    const none = hoso(
      ['register', 'list', '--dossier', '000.00.12.H29-261125-0002', '--json', ...registry],
      dir,
    );
    expect(JSON.parse(none.stdout)).toEqual({ records: [] });
  });

  it('show N prints one record; an unknown N is exit 3', () => {
    const text = hoso(['register', 'show', '1', ...registry], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Bản ghi số 1\n/);
    expect(text.stdout).toContain('Quyết định');
    expect(text.stdout).toContain(sha256(readFileSync(SIGNED_PDF)));
    const en = hoso(['--lang', 'en', 'register', 'show', '1', ...registry], dir);
    expect(en.stdout).toMatch(/^Record 1\n/);
    expect(expectOneLine(hoso(['register', 'show', '99', ...registry], dir), 3)).toContain('99');
    expectOneLine(hoso(['register', 'show', 'abc', ...registry], dir), 3);
  });

  it('verify says intact (exit 0), then names the entry of a row changed outside hoso (exit 1)', () => {
    const intact = hoso(['register', 'verify', ...registry], dir);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain('nguyên vẹn');
    const intactJson = JSON.parse(hoso(['register', 'verify', '--json', ...registry], dir).stdout);
    expect(intactJson).toMatchObject({ intact: true, firstBrokenEntry: null, problems: [] });

    const db = new Database(join(dir, 'hoso.db'));
    try {
      expect(() => db.exec("UPDATE documents SET title = 'x' WHERE id = 2")).toThrow(/append-only/);
      db.exec('DROP TRIGGER documents_no_update');
      db.exec("UPDATE documents SET title = 'Ghi chú đã sửa' WHERE id = 2");
    } finally {
      db.close();
    }
    const reader = new Database(join(dir, 'hoso.db'), { readonly: true });
    const { seq } = reader
      .prepare("SELECT seq FROM audit_log WHERE subject_table = 'documents' AND subject_key = '2'")
      .get() as { seq: number };
    reader.close();

    const broken = hoso(['register', 'verify', ...registry], dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`mục nhật ký số ${seq} (document.add, documents 2)`);
    const en = hoso(['--lang', 'en', 'register', 'verify', ...registry], dir);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain(`audit entry ${seq} (document.add, documents 2)`);
    const json = hoso(['register', 'verify', '--json', ...registry], dir);
    expect(json.code).toBe(1);
    const j = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({
      intact: false,
      firstBrokenEntry: seq,
      problems: [{ kind: 'row-altered', seq, table: 'documents', key: '2' }],
    });
  });
});

describe('environment errors: exit 4, one line, nothing written', () => {
  function expectEnvironmentError(r: Run): string {
    expect(r.stdout).toBe('');
    return expectOneLine(r, 4);
  }

  it('a file that is not SQLite is left byte for byte as it was', () => {
    const dir = tempDir();
    const notes = 'Sổ tay: không phải cơ sở dữ liệu\n'.repeat(10);
    writeFileSync(join(dir, 'notes.txt'), notes);
    for (const args of [
      ['code', 'new', '--agency', AGENCY],
      ['register', 'list'],
      ['lookup', LOOKUP],
      ['register', 'add', SIGNED_PDF, '--dossier', DOSSIER, '--title', 'T', '--trust', ROOT_CERT],
    ]) {
      const r = hoso([...args, '--registry', 'sqlite:./notes.txt'], dir);
      expect(expectEnvironmentError(r)).toContain('không phải sổ đăng ký của hoso');
    }
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe(notes);
    expect(readdirSync(dir)).toEqual(['notes.txt']); // no -wal, -shm, .content
  });

  it('an SQLite database of another program is refused and left as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec("CREATE TABLE foo (x TEXT); INSERT INTO foo VALUES ('bar')");
    db.close();
    const before = readFileSync(path);
    for (const args of [
      ['code', 'new', '--agency', AGENCY],
      ['register', 'verify'],
    ]) {
      const r = hoso([...args, '--registry', `sqlite:${path}`], dir);
      expect(expectEnvironmentError(r)).toContain('chương trình khác');
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['other.db']);
  });

  it(`a read-only location is refused${IS_ROOT ? ' (run as nobody: root ignores permissions)' : ''}`, () => {
    const dir = tempDir();
    chmodSync(dir, 0o755); // mkdtemp makes 0700: nobody must be able to enter it
    const as = IS_ROOT ? { as: NOBODY } : {};
    // A new registry in a folder nobody may write to.
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    chmodSync(empty, 0o555);
    const fresh = hoso(
      ['code', 'new', '--agency', AGENCY, '--registry', `sqlite:${empty}/hoso.db`],
      dir,
      as,
    );
    expect(expectEnvironmentError(fresh)).toContain('Không ghi được vào sổ đăng ký');
    expect(readdirSync(empty)).toEqual([]);
    // An existing registry, read-only, in a read-only folder.
    const full = join(dir, 'full');
    mkdirSync(full);
    const made = hoso(
      ['code', 'new', '--agency', AGENCY, '--registry', `sqlite:${full}/hoso.db`],
      dir,
    );
    expect(made.code, made.stderr).toBe(0);
    chmodSync(join(full, 'hoso.db'), 0o444);
    chmodSync(full, 0o555);
    const listing = readdirSync(full);
    const before = readFileSync(join(full, 'hoso.db'));
    const write = hoso(
      ['code', 'new', '--agency', AGENCY, '--registry', `sqlite:${full}/hoso.db`],
      dir,
      as,
    );
    expect(expectEnvironmentError(write)).toContain('Không ghi được vào sổ đăng ký');
    expect(readFileSync(join(full, 'hoso.db')).equals(before)).toBe(true);
    expect(readdirSync(full)).toEqual(listing);
  });

  it('a PostgreSQL server that does not answer is exit 4 within seconds', () => {
    const dir = tempDir();
    const r = hoso(
      ['code', 'new', '--agency', AGENCY, '--registry', 'postgres://postgres@127.0.0.1:1/x'],
      dir,
    );
    expect(expectEnvironmentError(r)).toContain('postgres://postgres@127.0.0.1:1/x');
    expect(r.ms).toBeLessThan(6000);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a registry that is neither sqlite: nor postgres:// is a configuration error (exit 4)', () => {
    const dir = tempDir();
    const r = hoso(['code', 'new', '--agency', AGENCY, '--registry', 'mysql://x'], dir);
    expect(expectEnvironmentError(r)).toContain('mysql://x');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a read command on a missing SQLite registry is exit 4 and creates no file', () => {
    const dir = tempDir();
    for (const args of [
      ['lookup', LOOKUP],
      ['register', 'list'],
      ['register', 'show', '1'],
      ['register', 'verify'],
    ]) {
      const r = hoso(args, dir);
      expect(expectEnvironmentError(r)).toContain('chưa có tệp sổ đăng ký');
      const other = hoso([...args, '--registry', 'sqlite:./khac/hoso.db'], dir);
      expectEnvironmentError(other);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
