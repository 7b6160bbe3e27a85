// `hoso verify --extract DIR` and `--extract-revision N OUT` end to end through the real binary:
// what is written, where, byte for byte, and never over an existing file without --force.
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schemeFor } from '../../../src/cms/index.js';
import { BufferSource, defaultContext, fixedClock } from '../../../src/kernel/index.js';
import {
  IncrementalUpdate,
  PdfDict,
  PdfName,
  PdfStream,
  isPdfArray,
  openPdf,
  type PdfRef,
} from '../../../src/pdf/index.js';
import type { VerificationReport } from '../../../src/report/model.js';
import { signPdf } from '../../../src/sign/index.js';
import { SAMPLES } from '../../support/paths.js';
import { hoso } from '../../support/run-cli.js';
import { certPath, testKey } from '../../support/test-keys.js';
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

/** A sample signed here with src/sign, then changed by an incremental update after signing. */
async function signedThenChanged(): Promise<{ signed: Buffer; changed: Buffer }> {
  const base = new Uint8Array(readFileSync(join(SAMPLES, 'inputs', 'application-form.pdf')));
  const key = testKey('citizen');
  const result = await signPdf(
    new BufferSource(base),
    { key, scheme: schemeFor(key.privateKey, false), digest: 'sha256' },
    defaultContext({ clock: fixedClock('2026-11-24T02:15:00Z') }),
  );
  const signed = Buffer.concat([base, result.update]);
  // As scripts/gen-samples.ts appendContentChange: a new content stream on page 1.
  const pdf = openPdf(new BufferSource(new Uint8Array(signed)));
  const page = pdf.pages()[0]!;
  const upd = new IncrementalUpdate(pdf);
  const stream = upd.allocate();
  upd.set(
    stream,
    new PdfStream(new PdfDict(), new TextEncoder().encode('0 0 1 rg 1 1 9 9 re f\n')),
  );
  const newPage = new PdfDict(page.dict.entries());
  const contents = pdf.resolve(page.dict.get('Contents'));
  const list = isPdfArray(contents) ? [...contents] : [page.dict.get('Contents') as PdfRef];
  newPage.set('Contents', [...list, stream]);
  newPage.set('HosoTest', PdfName.of('ChangedAfterSigning'));
  upd.set(page.ref, newPage);
  const built = upd.build({ baseLength: signed.length });
  return { signed, changed: Buffer.concat([signed, built.bytes]) };
}

describe('hoso verify FILE --extract-revision N OUT', () => {
  let signed: Buffer;
  let changedPath: string;
  beforeAll(async () => {
    const made = await signedThenChanged();
    signed = made.signed;
    changedPath = join(tmp(), 'changed-after-signing.pdf');
    writeFileSync(changedPath, made.changed);
  });

  it('writes exactly the bytes signature 1 signed: the file as it was before the change', () => {
    const out = join(tmp(), 'as-signed.pdf');
    const r = hoso([
      'verify',
      changedPath,
      '--trust',
      ROOT_CERT,
      '--extract-revision',
      '1',
      out,
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1); // the change after signing is not allowed: the verdict stands
    expect(readFileSync(out).equals(signed)).toBe(true);
    expect(r.stderr).toContain(`(${signed.length} bytes) to ${out}`);
    const again = verifyJson([out, '--trust', ROOT_CERT]);
    expect(again.code).toBe(0);
    expect(again.report.files[0]!.signatures[0]!.coverage).toBe('ENTIRE_FILE');
  });

  it('never overwrites OUT without --force', () => {
    const out = join(tmp(), 'exists.pdf');
    writeFileSync(out, 'keep me');
    const r = hoso(['verify', changedPath, '--extract-revision', '1', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(out);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = hoso(['verify', changedPath, '--extract-revision', '1', out, '--force']);
    expect(forced.code).toBe(1); // changed after signing, trusted or not; the bytes are written
    expect(readFileSync(out).equals(signed)).toBe(true);
  });

  it('exit 3 with a clear message for a bad N, a missing signature, a file that is not one PDF', () => {
    const dir = tmp();
    const out = join(dir, 'out.pdf');
    const cases: [string[], RegExp][] = [
      [[changedPath, '--extract-revision', '2', out], /has 1 signature/],
      [[changedPath, '--extract-revision', '0', out], /counted from 1/],
      [[changedPath, '--extract-revision', '1'], /exactly two values/],
      [
        ['--extract-revision', '1', out, changedPath],
        /exactly two values.*before --extract-revision/,
      ],
      [[DOSSIER, '--extract-revision', '1', out], /single PDF/],
      [[join(DOSSIER, 'to-khai.xml.p7m'), '--extract-revision', '1', out], /not a PDF/],
    ];
    for (const [args, message] of cases) {
      const r = hoso(['verify', '--lang', 'en', ...args]);
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses a signature whose ByteRange failed its check, and writes nothing', () => {
    // 100 bytes fewer covered, written in as many characters: b + c no longer ends a revision.
    const bytes = Buffer.from(signed);
    const at = bytes.indexOf('/ByteRange', 0, 'latin1');
    const open = bytes.indexOf('[', at, 'latin1');
    const close = bytes.indexOf(']', open, 'latin1');
    const text = bytes.subarray(open + 1, close).toString('latin1');
    const numbers = text.trim().split(/\s+/).map(Number);
    const last = numbers[3]!;
    const edited = text
      .replace(new RegExp(`${last}(\\s*)$`), `${last - 100}$1  `)
      .slice(0, text.length);
    expect(edited.length).toBe(text.length);
    bytes.write(edited, open + 1, 'latin1');
    const dir = tmp();
    const broken = join(dir, 'byterange-short.pdf');
    writeFileSync(broken, bytes);
    const out = join(dir, 'out.pdf');
    const r = hoso(['verify', '--lang', 'en', broken, '--extract-revision', '1', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/pdf\.byterange/);
    expect(existsSync(out)).toBe(false);
  });
});
