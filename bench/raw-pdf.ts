/**
 * A one-page unsigned PDF of about `bytes` bytes, written object by object straight to disk: an
 * uncompressed RGB image of random bytes (incompressible, like a scan) under a line of text, and
 * a classic xref table. pdf-lib would need the whole file in memory, which a 1 GB input cannot
 * have; this writer holds one 1 MB chunk at a time. `label` makes every file's bytes different.
 */
import { randomFillSync } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';

const CHUNK = 1 << 20;
const WIDTH = 1000;

export function writeRawPdf(path: string, bytes: number, label: string): string {
  const fd = openSync(path, 'w');
  let pos = 0;
  const offsets: number[] = [];
  const put = (data: string | Uint8Array): void => {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    writeSync(fd, b);
    pos += b.length;
  };
  const object = (body: string): void => {
    offsets.push(pos);
    put(`${offsets.length} 0 obj\n${body}\nendobj\n`);
  };
  try {
    put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    object('<< /Type /Catalog /Pages 2 0 R >>');
    object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    object(
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R' +
        ' /Resources << /Font << /F1 5 0 R >> /XObject << /Im1 6 0 R >> >> >>',
    );
    const text = `BT /F1 14 Tf 72 770 Td (${label.replace(/[()\\]/g, '')}) Tj ET\nq 451 0 0 600 72 120 cm /Im1 Do Q\n`;
    object(`<< /Length ${text.length} >>\nstream\n${text}endstream`);
    object('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
    const height = Math.max(1, Math.ceil(Math.max(0, bytes - 1024) / (WIDTH * 3)));
    const length = WIDTH * height * 3;
    offsets.push(pos);
    put(
      `6 0 obj\n<< /Type /XObject /Subtype /Image /Width ${WIDTH} /Height ${height}` +
        ` /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length ${length} >>\nstream\n`,
    );
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK, length));
    for (let left = length; left > 0; left -= chunk.length) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      randomFillSync(part);
      put(part);
    }
    put('\nendstream\nendobj\n');
    const xref = pos;
    put(`xref\n0 ${offsets.length + 1}\n0000000000 65535 f \n`);
    for (const o of offsets) put(`${String(o).padStart(10, '0')} 00000 n \n`);
    put(`trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  } finally {
    closeSync(fd);
  }
  return path;
}
