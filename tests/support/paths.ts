import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEST_CERTS = join(ROOT, 'test-certs');
export const SAMPLES = join(ROOT, 'samples');
export const BIN = join(ROOT, 'bin', 'hoso.js');
/** The documented password of every test PKCS#12 file (test-certs/README.md). */
export const TEST_PASSWORD = 'hoso-test';
