// Runs the real bin/hoso.js (no ../shared, no outside tools needed).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hoso } from '../../support/run-cli.js';
import { ROOT } from '../../support/paths.js';

const version = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

function expectOneCleanLine(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^hoso: /);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('hoso CLI frame', () => {
  it('prints its version', () => {
    const r = hoso(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('lists commands in help', () => {
    const r = hoso(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('sign');
    expect(r.stdout).toContain('verify');
    expect(r.stdout).toContain('print');
  });

  it('rejects an unknown option with exit 3 and one Vietnamese line', () => {
    const r = hoso(['sign', 'x.pdf', '--bogus']);
    expect(r.code).toBe(3);
    expectOneCleanLine(r.stderr);
    expect(r.stderr).toContain('Tùy chọn không hợp lệ: --bogus');
    expect(r.stdout).toBe('');
  });

  it('speaks English with --lang en', () => {
    const r = hoso(['--lang', 'en', 'sign', 'x.pdf', '--bogus']);
    expect(r.code).toBe(3);
    expectOneCleanLine(r.stderr);
    expect(r.stderr).toContain('Unknown option: --bogus');
  });

  it('rejects an unknown --lang', () => {
    const r = hoso(['--lang', 'fr', '--version']);
    expect(r.code).toBe(3);
    expectOneCleanLine(r.stderr);
  });

  it('reports a missing input file with exit 3 and a hint', () => {
    const r = hoso(['sign', 'khong-co.pdf', '--p12', 'x.p12']);
    expect(r.code).toBe(3);
    expectOneCleanLine(r.stderr);
    expect(r.stderr).toContain('Không tìm thấy tệp: khong-co.pdf');
    expect(r.stderr).toContain('→');
  });

  it('prints one JSON error document with --json', () => {
    const r = hoso(['sign', 'khong-co.pdf', '--json', '--lang', 'en']);
    expect(r.code).toBe(3);
    const doc = JSON.parse(r.stdout) as { error: { code: string; message: string } };
    expect(doc.error.code).toBe('FILE_NOT_FOUND');
    expect(doc.error.message).toContain('khong-co.pdf');
  });

  it('says plainly that a later command is not available yet (exit 3)', () => {
    const r = hoso(['--lang', 'en', 'submit', 'print', 'a.pdf']);
    expect(r.code).toBe(3);
    expectOneCleanLine(r.stderr);
    expect(r.stderr).toContain('Not available in this version yet: hoso submit');
  });

  it('treats a broken configuration file as an environment problem (exit 4)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoso-cfg-'));
    const cfg = join(dir, 'hoso.config.json');
    writeFileSync(cfg, '{ "lang": "de" }');
    const r = hoso(['--config', cfg, '--version']);
    expect(r.code).toBe(4);
    expectOneCleanLine(r.stderr);
    expect(r.stderr).toContain('"lang" must be "vi" or "en"');
  });

  it('takes the language from the configuration file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoso-cfg-'));
    writeFileSync(join(dir, 'hoso.config.json'), '{ "lang": "en" }');
    const r = hoso(['sign', 'missing.pdf'], { cwd: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('File not found: missing.pdf');
  });
});
