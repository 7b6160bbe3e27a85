/**
 * loadTrustPaths (src/cli/trust-paths.ts): files and folders given to --trust/--certs/--crl.
 * Named files must be what they were given for; folders are walked, non-certificates skipped and
 * counted; limits hold; symbolic-link loops end.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTrustPaths } from '../../../src/cli/trust-paths.js';
import { TEST_CERTS } from '../../support/paths.js';
import { testCertDer } from '../../support/test-keys.js';
import { p7b } from './mint.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hoso-trust-paths-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'roots'));
  mkdirSync(join(dir, 'roots', 'nested'));
  copyFileSync(join(TEST_CERTS, 'root.cert.pem'), join(dir, 'roots', 'root.pem'));
  writeFileSync(join(dir, 'roots', 'nested', 'chain.p7b'), p7b([testCertDer('intermediate')]));
  writeFileSync(join(dir, 'roots', 'nested', 'other.cer'), testCertDer('other-root'));
  copyFileSync(join(TEST_CERTS, 'intermediate.crl'), join(dir, 'roots', 'intermediate.crl'));
  writeFileSync(join(dir, 'roots', 'README.md'), '# our anchors\n');
  copyFileSync(join(TEST_CERTS, 'keys', 'root.key.pem'), join(dir, 'roots', 'nested', 'key.pem'));
  return dir;
}

describe('loadTrustPaths', () => {
  it('walks folders recursively: certificates, CRLs, and a count of skipped files', () => {
    const dir = tree();
    const r = loadTrustPaths([join(dir, 'roots')]);
    expect(r.certificates).toHaveLength(3);
    expect(r.certificates.map((c) => c.path.slice(dir.length + 1)).sort()).toEqual([
      'roots/nested/chain.p7b',
      'roots/nested/other.cer',
      'roots/root.pem',
    ]);
    expect(r.crls).toHaveLength(1);
    expect(r.skipped).toBe(2);
    expect(r.files).toBe(6);
  });

  it('a named file that is not a certificate is CERT_MALFORMED naming it', () => {
    const dir = tree();
    const readme = join(dir, 'roots', 'README.md');
    expect(() => loadTrustPaths([readme])).toThrow(
      expect.objectContaining({
        code: 'CERT_MALFORMED',
        params: expect.objectContaining({ path: readme }),
      }),
    );
    // A CRL named where certificates are wanted, and the other way round.
    expect(() => loadTrustPaths([join(dir, 'roots', 'intermediate.crl')])).toThrow(
      expect.objectContaining({ code: 'CERT_MALFORMED' }),
    );
    expect(() => loadTrustPaths([join(dir, 'roots', 'root.pem')], { want: 'crls' })).toThrow(
      expect.objectContaining({ code: 'CERT_MALFORMED' }),
    );
    expect(
      loadTrustPaths([join(dir, 'roots', 'intermediate.crl')], { want: 'crls' }).crls,
    ).toHaveLength(1);
  });

  it('a missing path is FILE_NOT_FOUND', () => {
    expect(() => loadTrustPaths(['/nonexistent/anchors'])).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_FOUND' }),
    );
  });

  it('is bounded: file count and file size', () => {
    const dir = tree();
    expect(() => loadTrustPaths([join(dir, 'roots')], { limits: { maxFiles: 3 } })).toThrow(
      expect.objectContaining({ code: 'USAGE' }),
    );
    const small = loadTrustPaths([join(dir, 'roots')], { limits: { maxFileSize: 1000 } });
    expect(small.skipped).toBeGreaterThan(2); // the larger certificates are skipped in folders
    expect(() =>
      loadTrustPaths([join(dir, 'roots', 'root.pem')], { limits: { maxFileSize: 1000 } }),
    ).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LARGE' }));
  });

  it('ends on a symbolic-link loop', () => {
    const dir = tree();
    symlinkSync(join(dir, 'roots'), join(dir, 'roots', 'nested', 'loop'));
    const r = loadTrustPaths([join(dir, 'roots')]);
    expect(r.certificates).toHaveLength(3);
  });
});
