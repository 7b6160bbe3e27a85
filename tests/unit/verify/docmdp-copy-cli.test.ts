// A certified copy (`hoso copy certify`: the officer's certification signature, DocMDP P=2, then
// the agency's approval) changed afterwards the way a forger would — an incremental update that
// draws over page 1 — must not verify: through the real bin/hoso.js (built dist/), the real
// test PKI and a real SQLite registry in a temp folder (ISO 32000-1 §12.8.2.2, CLI.md exit codes).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BufferSource } from '../../../src/kernel/index.js';
import {
  cloneObject,
  IncrementalUpdate,
  isPdfArray,
  openPdf,
  PdfDict,
  PdfStream,
} from '../../../src/pdf/index.js';
import type { Check, SignatureReport, VerificationReport } from '../../../src/report/model.js';
import { BIN, SAMPLES, TEST_CERTS, TEST_PASSWORD } from '../../support/paths.js';

const ORIGINAL = join(SAMPLES, 'inputs', 'application-form.pdf');
const ROOT_CERT = join(TEST_CERTS, 'root.cert.pem');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The binary in `cwd`, with both key passwords set and no configuration from outside. */
function hoso(
  args: readonly string[],
  cwd: string,
): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOSO_P12_PASSWORD: TEST_PASSWORD,
    HOSO_AGENCY_P12_PASSWORD: TEST_PASSWORD,
  };
  delete env['HOSO_CONFIG'];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function verifyJson(file: string, cwd: string): { code: number; report: VerificationReport } {
  const r = hoso(['verify', file, '--trust', ROOT_CERT, '--json'], cwd);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return { code: r.code, report: JSON.parse(r.stdout) as VerificationReport };
}

const check = (s: SignatureReport, id: string): Check | undefined =>
  s.checks.find((c) => c.id === id);

/** An incremental update that gives page 1 one more content stream, painting over the page. */
function drawOverPage1(bytes: Uint8Array): Uint8Array {
  const pdf = openPdf(new BufferSource(bytes));
  const upd = new IncrementalUpdate(pdf);
  const page = pdf.pages()[0]!;
  const extra = upd.allocate();
  upd.set(
    extra,
    new PdfStream(new PdfDict(), new Uint8Array(Buffer.from('1 1 1 rg 50 600 300 100 re f'))),
  );
  const contents = page.dict.get('Contents');
  const list = isPdfArray(contents) ? contents : contents === undefined ? [] : [contents];
  upd.set(page.ref, cloneObject(page.dict).set('Contents', [...list, extra]));
  return new Uint8Array(Buffer.concat([bytes, upd.build({ baseLength: bytes.length }).bytes]));
}

describe('hoso copy certify, then page content changed: the certification fails', () => {
  let dir = '';
  let copy = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hoso-docmdp-cli-'));
    dirs.push(dir);
    copy = join(dir, 'ban-sao.pdf');
    const r = hoso(
      [
        'copy',
        'certify',
        ORIGINAL,
        '-o',
        copy,
        '--p12',
        join(TEST_CERTS, 'officer.p12'),
        '--agency-p12',
        join(TEST_CERTS, 'agency.p12'),
        '--officer',
        'Nguyễn Văn An',
        '--officer-title',
        'Công chức tư pháp - hộ tịch',
        '--agency',
        'UBND phường Hoàn Kiếm',
        '--place',
        'Hà Nội',
        '--trust',
        ROOT_CERT,
        '--registry',
        `sqlite:${join(dir, 'hoso.db')}`,
        '--json',
      ],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
  });

  it('the copy as made: the officer certifies at P=2 and both signatures pass', () => {
    const { code, report } = verifyJson(copy, dir);
    expect(code).toBe(0);
    const [officer, agency] = report.files[0]!.signatures;
    expect(officer!.certificationLevel).toBe(2);
    expect(officer!.indication).toBe('TOTAL_PASSED');
    expect(check(officer!, 'pdf.modifications.docmdp')).toMatchObject({
      status: 'PASSED',
      params: { level: 2 },
    });
    expect(agency!.indication).toBe('TOTAL_PASSED');
  });

  it('drawn over after certification: docmdp FAILED naming page 1, the file TOTAL_FAILED, exit 1', () => {
    const tampered = join(dir, 'ban-sao-sua.pdf');
    writeFileSync(tampered, drawOverPage1(new Uint8Array(readFileSync(copy))));
    const { code, report } = verifyJson(tampered, dir);
    expect(code).toBe(1);
    const file = report.files[0]!;
    expect(file.indication).toBe('TOTAL_FAILED');
    const [officer, agency] = file.signatures;
    expect(officer!.certificationLevel).toBe(2);
    expect(officer!.indication).not.toBe('TOTAL_PASSED');
    expect(officer!.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
    expect(officer!.modificationLevel).toBe('OTHER');
    const docmdp = check(officer!, 'pdf.modifications.docmdp');
    expect(docmdp).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
      params: { level: 2, found: 'OTHER', pages: '1' },
    });
    expect(docmdp!.detail).toContain('on page 1');
    // the agency's approval signature covers the copy as it was, not the drawing either
    expect(agency!.indication).toBe('TOTAL_FAILED');
    expect(check(agency!, 'pdf.modifications')).toMatchObject({
      status: 'FAILED',
      params: { pages: '1' },
    });
  });
});
