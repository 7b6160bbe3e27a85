// A signed PDF is verified without holding it in memory: the whole file passes through once (its
// ByteRange and its SHA-256 share one pass), in reads of at most a megabyte or so, and the PDF
// structure is read from the end. What bench/verify shows on 1 GB, asserted here on 24 MB.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BufferSource, type ByteSource } from '../../../src/kernel/index.js';
import { certificatesFromFile, TrustStore } from '../../../src/trust/index.js';
import { verifyFile } from '../../../src/verify/index.js';
import { sign } from '../pdf/signed-fixtures.js';
import { certPath } from '../../support/test-keys.js';

async function bigPdf(mb: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  const filler = new Uint8Array(randomBytes(mb * 1024 * 1024)); // incompressible, like a scan
  doc.attach(filler, 'filler.bin', { mimeType: 'application/octet-stream' });
  return doc.save({ useObjectStreams: false });
}

describe('verifying a large signed PDF', () => {
  it('reads it about once, in bounded pieces', async () => {
    const { bytes } = await sign(await bigPdf(24));
    expect(bytes.length).toBeGreaterThan(24 * 1024 * 1024);
    const inner = new BufferSource(bytes);
    let total = 0;
    let largest = 0;
    const counting: ByteSource = {
      size: inner.size,
      read(offset, length) {
        const part = inner.read(offset, length);
        total += part.length;
        largest = Math.max(largest, part.length);
        return part;
      },
      close: () => {},
    };
    const root = certificatesFromFile(readFileSync(certPath('root')), 'root');
    const ctx = {
      trust: TrustStore.fromBytes({ anchors: root }),
      at: new Date('2026-11-25T08:00:00Z'),
      policy: 'strict' as const,
      extraCertificates: [],
    };
    const report = verifyFile('big.pdf', ctx, { open: () => counting, exists: () => false });
    expect(report.indication).toBe('TOTAL_PASSED');
    expect(report.signatures[0]!.coverage).toBe('ENTIRE_FILE');
    expect(total).toBeLessThan(bytes.length * 1.1);
    expect(largest).toBeLessThanOrEqual(2 * 1024 * 1024);
  });
});
