/**
 * The outside tools the interop suite checks our output with (INTEROP.md). A missing tool is a
 * failure, never a skip: CI installs them (.ci/run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function requireTool(name: string): string {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(
      `${name} is not installed: the interop suite needs it (apt-get install poppler-utils qpdf libnss3-tools openssl)`,
    );
  }
  return r.stdout.trim();
}

export function runTool(cmd: string, args: readonly string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, out: (r.stdout ?? '') + (r.stderr ?? '') };
}

/** An NSS database that trusts `rootPem` for pdfsig -nssdir (INTEROP.md). */
export function nssDbTrusting(rootPems: readonly string[]): string {
  requireTool('certutil');
  const dir = mkdtempSync(join(tmpdir(), 'hoso-nss-'));
  execFileSync('certutil', ['-N', '-d', `sql:${dir}`, '--empty-password']);
  rootPems.forEach((pem, i) => {
    execFileSync('certutil', [
      '-A',
      '-d',
      `sql:${dir}`,
      '-n',
      `root${i}`,
      '-t',
      'CT,C,C',
      '-i',
      pem,
    ]);
  });
  return `sql:${dir}`;
}

/** ByteRange and CMS of every signature in a PDF we produced, found in the bytes. */
export function extractSignatures(pdf: Buffer): { byteRange: number[]; cms: Buffer }[] {
  const text = pdf.toString('latin1');
  const out: { byteRange: number[]; cms: Buffer }[] = [];
  for (const m of text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)) {
    const byteRange = m.slice(1, 5).map(Number);
    const gap = text.slice(byteRange[1], byteRange[2]);
    const hex = gap.replace(/^</, '').replace(/>$/, '');
    let cms = Buffer.from(hex, 'hex');
    // strip the zero padding after the DER (its length is in the outer TLV)
    if (cms[0] === 0x30 && cms[1] === 0x82) cms = cms.subarray(0, 4 + cms.readUInt16BE(2));
    else if (cms[0] === 0x30 && cms[1] === 0x83) cms = cms.subarray(0, 5 + cms.readUIntBE(2, 3));
    out.push({ byteRange, cms });
  }
  return out;
}

export function signedBytes(pdf: Buffer, byteRange: number[]): Buffer {
  const [a, b, c, d] = byteRange as [number, number, number, number];
  return Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
}

export function writeTemp(dir: string, name: string, data: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
}
