// `hoso verify dossier.zip` end to end through the real binary: ZIP archives built here (by
// tests/support/zip-writer.ts, which also writes what careful archivers refuse), entries
// verified as files in a folder, limits against zip bombs, hostile names. No ../shared, no
// outside tools.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { FileReport, VerificationReport } from '../../../src/report/model.js';
import { ROOT, SAMPLES } from '../../support/paths.js';
import { hoso } from '../../support/run-cli.js';
import { certPath } from '../../support/test-keys.js';
import { buildZip, zerosDeflated, type ZipEntrySpec } from '../../support/zip-writer.js';

const ROOT_CERT = certPath('root');
const DOSSIER = join(SAMPLES, 'dossier-001');
const DOSSIER_FILES = [
  'cccd.jpg',
  'cccd.jpg.p7s',
  'don-de-nghi.pdf',
  'quyet-dinh.pdf',
  'to-khai.xml.p7m',
] as const;
const dossierFile = (name: string) => new Uint8Array(readFileSync(join(DOSSIER, name)));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'hoso-zip-'));
  dirs.push(d);
  return d;
}

function verifyJson(
  args: string[],
  cwd?: string,
): { code: number; report: VerificationReport; stderr: string } {
  const r = hoso(['verify', '--json', ...args], cwd ? { cwd } : {});
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { code: r.code, report: JSON.parse(r.stdout) as VerificationReport, stderr: r.stderr };
}

const entry = (report: VerificationReport, path: string): FileReport => {
  const f = report.files.find((x) => x.path === path);
  if (!f) throw new Error(`${path} not in report: ${report.files.map((x) => x.path).join(', ')}`);
  return f;
};

/** What a verdict is made of, without the validation time or the path. */
function verdict(f: FileReport) {
  return {
    format: f.format,
    indication: f.indication,
    sha256: f.sha256,
    error: f.error,
    signatures: f.signatures.map((s) => ({
      indication: s.indication,
      subIndication: s.subIndication,
      coverage: s.coverage,
      modificationLevel: s.modificationLevel,
      signer: s.signer.commonName,
      checks: s.checks.map((c) => `${c.id}:${c.status}`),
    })),
  };
}

function writeZip(dir: string, name: string, entries: readonly ZipEntrySpec[]): string {
  const path = join(dir, name);
  writeFileSync(path, buildZip(entries));
  return path;
}

/** Runs the CLI in a child process that reports its own peak RSS and run time. */
function hosoMeasured(args: string[]): {
  code: number;
  ms: number;
  maxRssMiB: number;
  report: VerificationReport;
} {
  const dir = tmp();
  const script = join(dir, 'measure.mjs');
  const mainUrl = pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href;
  writeFileSync(
    script,
    `import { main } from ${JSON.stringify(mainUrl)};
const out = [];
const t = performance.now();
const code = await main(process.argv.slice(2), { out: (s) => out.push(s), err: () => {} });
const ms = performance.now() - t;
process.stdout.write(JSON.stringify({ code, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024, report: JSON.parse(out.join('')) }));
`,
  );
  const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as ReturnType<typeof hosoMeasured>;
}

describe('hoso verify on a ZIP archive', () => {
  it('verifies the zipped dossier as it verifies the folder, entries named zip!/path', () => {
    const dir = tmp();
    // Reverse order, mixed methods: the report follows names, as a folder walk does.
    const zip = writeZip(
      dir,
      'dossier.zip',
      [...DOSSIER_FILES].reverse().map((name, i) => ({
        name: `dossier-001/${name}`,
        data: dossierFile(name),
        method: i % 2 === 0 ? ('deflate' as const) : ('store' as const),
      })),
    );
    const folder = verifyJson([DOSSIER, '--trust', ROOT_CERT]);
    const zipped = verifyJson([zip, '--trust', ROOT_CERT]);
    expect(zipped.code).toBe(folder.code);
    expect(zipped.code).toBe(0);
    expect(zipped.report.summary).toEqual(folder.report.summary);
    expect(zipped.report.files.map((f) => f.path)).toEqual([
      `${zip}!/dossier-001/cccd.jpg.p7s`,
      `${zip}!/dossier-001/don-de-nghi.pdf`,
      `${zip}!/dossier-001/quyet-dinh.pdf`,
      `${zip}!/dossier-001/to-khai.xml.p7m`,
    ]);
    for (const f of folder.report.files) {
      const name = f.path.slice(DOSSIER.length + 1);
      expect(verdict(entry(zipped.report, `${zip}!/dossier-001/${name}`)), name).toEqual(
        verdict(f),
      );
    }
  });

  it('pairs a .p7s with its content entry, and without it the signature is INDETERMINATE', () => {
    const dir = tmp();
    const paired = writeZip(dir, 'paired.zip', [
      { name: 'cccd.jpg', data: dossierFile('cccd.jpg') },
      { name: 'cccd.jpg.p7s', data: dossierFile('cccd.jpg.p7s') },
      { name: 'orphan.jpg.p7s', data: dossierFile('cccd.jpg.p7s') },
    ]);
    const { code, report } = verifyJson([paired, '--trust', ROOT_CERT]);
    expect(code).toBe(2);
    expect(report.files.map((f) => f.path)).toEqual([
      `${paired}!/cccd.jpg.p7s`,
      `${paired}!/orphan.jpg.p7s`,
    ]);
    const sig = entry(report, `${paired}!/cccd.jpg.p7s`);
    expect(sig.format).toBe('cms-detached');
    expect(sig.indication).toBe('TOTAL_PASSED');
    const orphan = entry(report, `${paired}!/orphan.jpg.p7s`);
    expect(orphan.indication).toBe('INDETERMINATE');
    expect(orphan.signatures[0]!.subIndication).toBe('SIGNED_DATA_NOT_FOUND');
  });

  it('walks into .zip files found in folders, and opens one nested archive level', () => {
    const dir = tmp();
    const inner = buildZip([{ name: 'don-de-nghi.pdf', data: dossierFile('don-de-nghi.pdf') }]);
    const innermost = buildZip([{ name: 'deep.zip', data: inner }]);
    mkdirSync(join(dir, 'inbox'));
    writeZip(join(dir, 'inbox'), 'outer.zip', [
      { name: 'inner.zip', data: inner },
      { name: 'too-deep.zip', data: innermost },
    ]);
    const { code, report } = verifyJson([dir, '--trust', ROOT_CERT]);
    const outer = join(dir, 'inbox', 'outer.zip');
    expect(report.files.map((f) => f.path)).toEqual([
      `${outer}!/inner.zip!/don-de-nghi.pdf`,
      `${outer}!/too-deep.zip!/deep.zip`,
    ]);
    expect(entry(report, `${outer}!/inner.zip!/don-de-nghi.pdf`).indication).toBe('TOTAL_PASSED');
    const deep = entry(report, `${outer}!/too-deep.zip!/deep.zip`);
    expect(deep.indication).toBe('TOTAL_FAILED');
    expect(deep.error?.code).toBe('ARCHIVE_ENTRY_UNSUPPORTED');
    expect(code).toBe(1);
  });

  it('reports entries named ../../etc/passwd or /abs and writes nothing', () => {
    const dir = tmp();
    const work = join(dir, 'a', 'b');
    mkdirSync(work, { recursive: true });
    const absolute = join(dir, 'absolute.txt');
    const zip = writeZip(work, 'evil.zip', [
      { name: '../../etc/passwd', data: new TextEncoder().encode('root:x:0:0::/root:/bin/sh\n') },
      { name: absolute, data: new TextEncoder().encode('absolute') },
      { name: '..\\..\\windows.txt', data: new TextEncoder().encode('backslashes') },
      { name: 'don-de-nghi.pdf', data: dossierFile('don-de-nghi.pdf') },
    ]);
    const { code, report } = verifyJson(['evil.zip', '--trust', ROOT_CERT], work);
    expect(code).toBe(1);
    for (const name of ['../../etc/passwd', absolute, '../../windows.txt']) {
      const f = entry(report, `evil.zip!/${name}`);
      expect(f.indication, name).toBe('TOTAL_FAILED');
      expect(f.error?.code, name).toBe('ARCHIVE_ENTRY_UNSAFE');
      expect(f.sha256).toBe('');
    }
    expect(entry(report, 'evil.zip!/don-de-nghi.pdf').indication).toBe('TOTAL_PASSED');
    expect(existsSync(join(dir, 'etc'))).toBe(false);
    expect(existsSync(absolute)).toBe(false);
    expect(existsSync(join(dir, 'windows.txt'))).toBe(false);
    expect(zip).toBe(join(work, 'evil.zip'));
  });

  it('a truncated archive is one TOTAL_FAILED entry and the batch goes on', () => {
    const dir = tmp();
    const whole = buildZip(DOSSIER_FILES.map((name) => ({ name, data: dossierFile(name) })));
    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    writeFileSync(join(dir, 'not-a-zip.zip'), 'PK but not really');
    writeFileSync(join(dir, 'ok.pdf'), dossierFile('don-de-nghi.pdf'));
    const { code, report } = verifyJson([dir, '--trust', ROOT_CERT]);
    expect(code).toBe(1);
    expect(report.files).toHaveLength(3);
    for (const name of ['truncated.zip', 'not-a-zip.zip']) {
      const f = entry(report, join(dir, name));
      expect(f.indication).toBe('TOTAL_FAILED');
      expect(f.error?.code).toBe('ARCHIVE_MALFORMED');
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(entry(report, join(dir, 'ok.pdf')).indication).toBe('TOTAL_PASSED');

    const text = hoso(['verify', '--lang', 'en', truncated, '--trust', ROOT_CERT]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('ARCHIVE_MALFORMED');
    expect(text.stderr).not.toMatch(/\n\s+at /);
  });

  it('an entry whose data does not match its CRC-32 is reported, not verified', () => {
    const dir = tmp();
    const zip = buildZip([
      { name: 'don-de-nghi.pdf', data: dossierFile('don-de-nghi.pdf'), method: 'store' },
    ]);
    zip[200] = (zip[200] ?? 0) ^ 0xff; // inside the stored data
    writeFileSync(join(dir, 'flipped.zip'), zip);
    const { report } = verifyJson([join(dir, 'flipped.zip'), '--trust', ROOT_CERT]);
    const f = entry(report, `${join(dir, 'flipped.zip')}!/don-de-nghi.pdf`);
    expect(f.error?.code).toBe('ARCHIVE_MALFORMED');
    expect(f.error?.message).toContain('CRC-32');
  });

  it('an empty archive says it holds nothing signed', () => {
    const dir = tmp();
    const zip = writeZip(dir, 'empty.zip', [{ name: 'folder/' }]);
    const { code, report } = verifyJson([zip, '--trust', ROOT_CERT]);
    expect(code).toBe(2);
    expect(report.files).toHaveLength(1);
    expect(report.files[0]!.indication).toBe('NO_SIGNATURE');
  });
});

describe('hoso verify against zip bombs', () => {
  it('an entry larger than 512 MiB is INPUT_TOO_LARGE without being inflated', async () => {
    const dir = tmp();
    const bomb = await zerosDeflated(600);
    const zip = writeZip(dir, 'bomb.zip', [
      { name: 'zeros.pdf', raw: bomb },
      { name: 'don-de-nghi.pdf', data: dossierFile('don-de-nghi.pdf') },
    ]);
    const r = hosoMeasured(['verify', '--json', zip, '--trust', ROOT_CERT]);
    expect(r.code).toBe(1);
    const f = entry(r.report, `${zip}!/zeros.pdf`);
    expect(f.error?.code).toBe('INPUT_TOO_LARGE');
    expect(entry(r.report, `${zip}!/don-de-nghi.pdf`).indication).toBe('TOTAL_PASSED');
    expect(r.maxRssMiB).toBeLessThan(300);
  });

  it('a smaller entry compressed beyond 100:1 is refused on its declared ratio', async () => {
    const dir = tmp();
    const zip = writeZip(dir, 'ratio.zip', [
      { name: 'zeros.xml.p7m', raw: await zerosDeflated(64) },
    ]);
    const { report } = verifyJson([zip]);
    const f = entry(report, `${zip}!/zeros.xml.p7m`);
    expect(f.error?.code).toBe('INPUT_TOO_LARGE');
    expect(f.error?.message).toMatch(/compression \d+:1/);
  });

  it('an entry that lies about its size stops inflating at the size it declared', async () => {
    const dir = tmp();
    const bomb = await zerosDeflated(1024); // 1 GiB of zeros, ~1 MiB compressed
    const zip = writeZip(dir, 'liar.zip', [
      { name: 'small.pdf', raw: bomb, declaredSize: 1000 * 1024 },
    ]);
    const r = hosoMeasured(['verify', '--json', zip]);
    const f = entry(r.report, `${zip}!/small.pdf`);
    expect(f.indication).toBe('TOTAL_FAILED');
    expect(f.error?.code).toBe('ARCHIVE_MALFORMED');
    expect(f.error?.message).toContain('inflates past its declared size of 1024000 bytes');
    // Inflating the whole GiB takes seconds and, buffered, a GiB of memory.
    expect(r.ms).toBeLessThan(3000);
    expect(r.maxRssMiB).toBeLessThan(300);
  });

  it('more than 10,000 entries, or more than 2 GiB declared in all, fails the archive', () => {
    const dir = tmp();
    const many = writeZip(
      dir,
      'many.zip',
      Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}.txt`, method: 'store' as const })),
    );
    // Five entries claiming 500 MiB each at 100:1; the data is never read.
    const huge = writeZip(
      dir,
      'huge.zip',
      Array.from({ length: 5 }, (_, i) => ({
        name: `part${i}.pdf`,
        raw: {
          compressed: Buffer.from([0x03, 0x00]),
          uncompressedSize: 500 * 1024 * 1024,
          crc32: 0,
          compressedSize: 5 * 1024 * 1024,
        },
      })),
    );
    const { code, report } = verifyJson([many, huge]);
    expect(code).toBe(1);
    expect(report.files.map((f) => [f.path, f.indication, f.error?.code])).toEqual([
      [many, 'TOTAL_FAILED', 'INPUT_TOO_LARGE'],
      [huge, 'TOTAL_FAILED', 'INPUT_TOO_LARGE'],
    ]);
  });
});
