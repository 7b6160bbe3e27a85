// `hoso verify --extract DIR` end to end through the real binary: what is written, where, and
// never over an existing file without --force.
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '../../../src/report/model.js';
import { SAMPLES } from '../../support/paths.js';
import { hoso } from '../../support/run-cli.js';
import { certPath } from '../../support/test-keys.js';
import { buildZip } from '../../support/zip-writer.js';

const ROOT_CERT = certPath('root');
const DOSSIER = join(SAMPLES, 'dossier-001');
const declaration = () => readFileSync(join(SAMPLES, 'inputs', 'to-khai.xml'));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'hoso-extract-'));
  dirs.push(d);
  return d;
}

function verifyJson(args: string[]): { code: number; report: VerificationReport; stderr: string } {
  const r = hoso(['verify', '--json', ...args]);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { code: r.code, report: JSON.parse(r.stdout) as VerificationReport, stderr: r.stderr };
}

describe('hoso verify --extract DIR', () => {
  it('writes the content of each .p7m, says where, and adds "extracted" to its JSON entry', () => {
    const out = join(tmp(), 'noi-dung'); // made on demand
    const { code, report, stderr } = verifyJson([
      DOSSIER,
      '--trust',
      ROOT_CERT,
      '--extract',
      out,
      '--lang',
      'en',
    ]);
    expect(code).toBe(0);
    const target = join(out, 'to-khai.xml');
    expect(readFileSync(target).equals(declaration())).toBe(true);
    expect(readdirSync(out)).toEqual(['to-khai.xml']); // no temporary file left behind
    const p7m = report.files.find((f) => f.path.endsWith('to-khai.xml.p7m'))!;
    expect(p7m.extracted).toBe(target);
    for (const f of report.files.filter((x) => x !== p7m)) expect(f.extracted).toBeUndefined();
    expect(stderr).toContain(`to ${target}`);

    const text = hoso(['verify', join(DOSSIER, 'to-khai.xml.p7m'), '--extract', tmp()]);
    expect(text.stderr).toMatch(/Đã ghi nội dung của .*to-khai\.xml\.p7m vào .*to-khai\.xml/);
  });

  it('refuses to overwrite without --force (exit 3, OUTPUT_EXISTS), replaces with it', () => {
    const out = tmp();
    const target = join(out, 'to-khai.xml');
    writeFileSync(target, 'an older file');
    const refused = hoso(['verify', '--json', DOSSIER, '--trust', ROOT_CERT, '--extract', out]);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { code: 'OUTPUT_EXISTS' } });
    expect(readFileSync(target, 'utf8')).toBe('an older file');

    const forced = hoso(['verify', DOSSIER, '--trust', ROOT_CERT, '--extract', out, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(target).equals(declaration())).toBe(true);
  });

  it('extracts .p7m entries of a ZIP by their file name, inside DIR, never by their path', () => {
    const dir = tmp();
    const p7m = readFileSync(join(DOSSIER, 'to-khai.xml.p7m'));
    const zip = join(dir, 'dossier.zip');
    writeFileSync(
      zip,
      buildZip([
        { name: 'sub/folder/to-khai.xml.p7m', data: p7m },
        { name: '../../escape.xml.p7m', data: p7m },
      ]),
    );
    const out = join(dir, 'out');
    const { report } = verifyJson([zip, '--trust', ROOT_CERT, '--extract', out]);
    const ok = report.files.find((f) => f.path === `${zip}!/sub/folder/to-khai.xml.p7m`)!;
    expect(ok.indication).toBe('TOTAL_PASSED');
    expect(ok.extracted).toBe(join(out, 'to-khai.xml'));
    expect(readFileSync(join(out, 'to-khai.xml')).equals(declaration())).toBe(true);
    expect(readdirSync(out)).toEqual(['to-khai.xml']);
    expect(existsSync(join(dir, '..', 'escape.xml'))).toBe(false);
  });
});
