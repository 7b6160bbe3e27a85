import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BufferSource, HosoError, type ByteSource } from '../../../src/kernel/index.js';
import {
  openPdf,
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  type PdfObject,
} from '../../../src/pdf/index.js';
import { basicObjects, concat, dec, enc, PdfBuilder } from './pdf-builder.js';

async function pdfLibDoc(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([300, 400]).drawText('first page', { x: 10, y: 10, font });
  doc.addPage([500, 600]);
  doc.addPage([595.28, 841.89]);
  doc.setTitle('Tiêu đề');
  return doc.save({ useObjectStreams });
}

/** Counts the bytes read, to prove that opening does not read the whole input. */
class CountingSource implements ByteSource {
  bytesRead = 0;
  constructor(private readonly inner: ByteSource) {}
  get size(): number {
    return this.inner.size;
  }
  read(offset: number, length: number): Uint8Array {
    const b = this.inner.read(offset, length);
    this.bytesRead += b.length;
    return b;
  }
  close(): void {}
}

const mediaBoxes = (bytes: Uint8Array): PdfObject[] => {
  const f = openPdf(new BufferSource(bytes));
  return f.pages().map((p) => f.inheritedPageAttribute(p.dict, 'MediaBox') ?? null);
};

describe('openPdf on files written by pdf-lib', () => {
  it('reads a classic xref table: header, trailer, pages and their MediaBox', async () => {
    const bytes = await pdfLibDoc(false);
    const f = openPdf(new BufferSource(bytes));
    expect(f.header).toEqual({ version: '1.7', offset: 0 });
    expect(f.xrefKind).toBe('table');
    expect(f.damaged).toBe(false);
    expect(f.isEncrypted).toBe(false);
    expect(dec(bytes.subarray(f.startxref, f.startxref + 4))).toBe('xref');
    expect(f.revisions).toEqual([
      {
        index: 0,
        xrefOffset: f.startxref,
        end: bytes.length,
        markerEnd: bytes.length,
        kind: 'table',
      },
    ]);
    expect(f.catalog().getName('Type')).toBe('Catalog');
    const pages = f.pages();
    expect(pages).toHaveLength(3);
    expect(pages.every((p) => p.ref instanceof PdfRef && p.dict.getName('Type') === 'Page')).toBe(
      true,
    );
    expect(mediaBoxes(bytes)).toEqual([
      [0, 0, 300, 400],
      [0, 0, 500, 600],
      [0, 0, 595.28, 841.89],
    ]);
    const maxNum = Math.max(...[...dec(bytes).matchAll(/(\d+) 0 obj/g)].map((m) => Number(m[1])));
    expect(f.size).toBe(maxNum + 1);
  });

  it('reads xref streams and objects inside object streams', async () => {
    const bytes = await pdfLibDoc(true);
    const f = openPdf(new BufferSource(bytes));
    expect(f.xrefKind).toBe('stream');
    expect(f.damaged).toBe(false);
    expect(f.revisions).toHaveLength(1);
    expect(f.revisions[0]).toMatchObject({
      kind: 'stream',
      end: bytes.length,
      xrefOffset: f.startxref,
    });
    expect(dec(bytes.subarray(f.startxref)).startsWith(`${f.size - 1} 0 obj`)).toBe(true);
    const rootRef = f.trailer.get('Root') as PdfRef;
    expect(f.xrefEntry(rootRef.num)?.type).toBe('compressed');
    expect(f.catalog().getName('Type')).toBe('Catalog');
    expect(f.pages()).toHaveLength(3);
    expect(mediaBoxes(bytes)[1]).toEqual([0, 0, 500, 600]);
    // The trailer is the xref stream's dictionary without its stream-only keys.
    expect([...f.trailer.keys()].sort()).toEqual(['Info', 'Root', 'Size']);
    const info = f.lookupDict(f.trailer.get('Info'));
    expect(info?.has('Title')).toBe(true);
  });

  it('reads and decodes a page content stream on demand', async () => {
    const bytes = await pdfLibDoc(false);
    const f = openPdf(new BufferSource(bytes));
    const page = f.pages()[0]!;
    const contents = f.resolve(page.dict.get('Contents'));
    const stream = (Array.isArray(contents) ? f.resolve(contents[0]) : contents) as PdfStream;
    expect(stream).toBeInstanceOf(PdfStream);
    expect(stream.data).toBeUndefined();
    expect(stream.sourceLength).toBe(f.resolve(stream.dict.get('Length')));
    const raw = f.readStreamData(stream);
    expect(raw).toHaveLength(stream.sourceLength!);
    const text = dec(f.readStreamData(stream, { decode: true }));
    expect(text).toMatch(/Tj/);
    expect(() => f.readStreamData(stream, { decode: true, maxBytes: 10 })).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_LARGE' }),
    );
  });
});

describe('openPdf on hand-written files', () => {
  it('refuses input without a %PDF- header in the first 1024 bytes', () => {
    for (const bytes of [enc('hello world'), concat(new Uint8Array(1100), enc('%PDF-1.4\n'))]) {
      try {
        openPdf(new BufferSource(bytes));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(HosoError);
        expect((e as HosoError).code).toBe('NOT_A_PDF');
        expect((e as HosoError).params).toEqual({ path: '<input>' });
      }
    }
  });

  it('accepts junk before the header, with offsets from the file start or from the header', () => {
    // Offsets counted from the start of the file (what §7.5.4 says).
    const b = basicObjects(new PdfBuilder('JUNK'.repeat(100) + '%PDF-1.4\n'));
    const x = b.xref();
    const f = b.trailer('<< /Size 4 /Root 1 0 R >>', x).open();
    expect(f.header).toEqual({ version: '1.4', offset: 400 });
    expect(f.damaged).toBe(false);
    expect(f.pages()).toHaveLength(1);

    // Offsets counted from %PDF- (what some producers do when something prepends junk).
    const plain = basicObjects(new PdfBuilder('%PDF-1.4\n'));
    const px = plain.xref();
    plain.trailer('<< /Size 4 /Root 1 0 R >>', px);
    const shifted = concat(enc('x'.repeat(300)), plain.toBytes());
    const g = openPdf(new BufferSource(shifted));
    expect(g.header.offset).toBe(300);
    expect(g.damaged).toBe(false);
    expect(g.startxref).toBe(px + 300);
    expect(g.pages()).toHaveLength(1);
  });

  it('inherits /MediaBox, /Rotate and /Resources from ancestors; the page overrides', () => {
    const b = new PdfBuilder()
      .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
      .obj(
        2,
        '<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 /MediaBox [0 0 100 100] /Rotate 90 /Resources 6 0 R >>',
      )
      .obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 50 50] >>')
      .obj(4, '<< /Type /Pages /Parent 2 0 R /Kids [5 0 R] /Count 1 /CropBox [1 1 9 9] >>')
      .obj(5, '<< /Type /Page /Parent 4 0 R /Rotate 180 >>')
      .obj(6, '<< /Font << >> >>');
    const f = b.trailer('<< /Size 7 /Root 1 0 R >>', b.xref()).open();
    const [p1, p2] = f.pages();
    expect(p1!.ref).toEqual(new PdfRef(3, 0));
    expect(p2!.ref).toEqual(new PdfRef(5, 0));
    expect(f.inheritedPageAttribute(p1!.dict, 'MediaBox')).toEqual([0, 0, 50, 50]);
    expect(f.inheritedPageAttribute(p2!.dict, 'MediaBox')).toEqual([0, 0, 100, 100]);
    expect(f.inheritedPageAttribute(p1!.dict, 'Rotate')).toBe(90);
    expect(f.inheritedPageAttribute(p2!.dict, 'Rotate')).toBe(180);
    expect(f.inheritedPageAttribute(p1!.dict, 'CropBox')).toBeUndefined();
    expect(f.inheritedPageAttribute(p2!.dict, 'CropBox')).toEqual([1, 1, 9, 9]);
    expect(f.inheritedPageAttribute(p2!.dict, 'Resources')).toBeInstanceOf(PdfDict);
  });

  it('walks a page tree with cycles (kids pointing up, parents in a loop) without looping', () => {
    const b = new PdfBuilder()
      .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
      .obj(2, '<< /Type /Pages /Kids [3 0 R 4 0 R 2 0 R] /Count 2 /Parent 4 0 R >>')
      .obj(3, '<< /Type /Page /Parent 2 0 R >>')
      .obj(4, '<< /Type /Pages /Kids [2 0 R 5 0 R 3 0 R] /Parent 2 0 R >>')
      .obj(5, '<< /Type /Page /Parent 4 0 R >>');
    const f = b.trailer('<< /Size 6 /Root 1 0 R >>', b.xref()).open();
    expect(f.pages().map((p) => p.ref.num)).toEqual([3, 5]);
    expect(f.inheritedPageAttribute(f.pages()[1]!.dict, 'MediaBox')).toBeUndefined();
  });

  it('reports /Encrypt and refuses to decode encrypted streams', () => {
    const b = basicObjects(new PdfBuilder())
      .stream(4, '/Filter /FlateDecode', new Uint8Array(deflateSync(enc('secret'))))
      .obj(5, '<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>');
    const f = b
      .trailer('<< /Size 6 /Root 1 0 R /Encrypt 5 0 R /ID [<01> <02>] >>', b.xref())
      .open();
    expect(f.isEncrypted).toBe(true);
    expect(f.pages()).toHaveLength(1);
    const s = f.getObject(4) as PdfStream;
    expect(f.readStreamData(s)).toHaveLength(s.sourceLength!);
    expect(() => f.readStreamData(s, { decode: true })).toThrow(
      expect.objectContaining({ code: 'PDF_UNSUPPORTED' }),
    );
  });

  it('opens an encrypted file whose catalog sits in an object stream, and says so', () => {
    const b = new PdfBuilder('%PDF-1.5\n');
    // Encrypted object stream data: we cannot read it, only know it is there.
    b.stream(4, '/Type /ObjStm /N 3 /First 12 /Filter /FlateDecode', enc('\x93\x11 ciphertext'));
    b.obj(5, '<< /Filter /Standard /V 4 /R 4 /O <00> /U <00> /P -4 >>');
    const at = b.length;
    const rows = [
      [0, 0, 0],
      [2, 4, 0],
      [2, 4, 1],
      [2, 4, 2],
      [1, b.offsets.get(4)!, 0],
      [1, b.offsets.get(5)!, 0],
      [1, at, 0],
    ].flatMap(([t, o, g]) => [t!, (o! >> 16) & 255, (o! >> 8) & 255, o! & 255, g!]);
    b.stream(
      6,
      '/Type /XRef /Size 7 /W [1 3 1] /Root 1 0 R /Encrypt 5 0 R /ID [<01> <02>]',
      new Uint8Array(rows),
    );
    b.text(`startxref\n${at}\n%%EOF\n`);
    const f = b.open();
    expect(f.isEncrypted).toBe(true);
    expect(f.damaged).toBe(false);
    expect(f.xrefKind).toBe('stream');
    expect(() => f.catalog()).toThrow(expect.objectContaining({ code: 'PDF_UNSUPPORTED' }));
  });

  it('resolves references, returns undefined for free and missing objects, and follows /Length refs', () => {
    const b = basicObjects(new PdfBuilder()).stream(4, '', 'stream data', '5 0 R').obj(5, '11');
    const f = b
      .trailer('<< /Size 8 /Root 1 0 R >>', b.xref({ only: [0, 1, 2, 3, 4, 5, 6] }))
      .open();
    expect(f.getObject(6)).toBeUndefined(); // free
    expect(f.getObject(7)).toBeUndefined(); // beyond the table
    expect(f.resolve(new PdfRef(99, 0))).toBeUndefined();
    expect(f.resolve(undefined)).toBeUndefined();
    expect(f.resolve(5)).toBe(5);
    expect(f.lookupDict(new PdfRef(1, 0))?.getName('Type')).toBe('Catalog');
    expect(f.lookupDict(new PdfRef(4, 0))).toBeUndefined(); // a stream, not a dictionary
    const s = f.getObject(4) as PdfStream;
    expect(dec(f.readStreamData(s))).toBe('stream data');
    // The same object comes from the cache.
    expect(f.getObject(1)).toBe(f.getObject(1));
    expect(f.size).toBe(8);
  });

  it('reads the tail, the xref and the objects asked for: not a 30 MB stream it never needs', () => {
    const big = new Uint8Array(30 * 1024 * 1024);
    const b = basicObjects(new PdfBuilder()).stream(4, '/Subtype /Image', big);
    const bytes = b.trailer('<< /Size 5 /Root 1 0 R >>', b.xref()).toBytes();
    const src = new CountingSource(new BufferSource(bytes));
    const f = openPdf(src);
    expect(f.pages()).toHaveLength(1);
    const s = f.getObject(4) as PdfStream;
    expect(s.sourceLength).toBe(big.length);
    expect(src.bytesRead).toBeLessThan(1024 * 1024);
    expect(() => f.readStreamData(s, { maxBytes: 1024 })).toThrow(
      expect.objectContaining({ code: 'INPUT_TOO_LARGE' }),
    );
  });

  it('keeps working past the object cache bound', () => {
    const b = new PdfBuilder().obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
    const n = 6000;
    const kids = Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(' ');
    b.obj(2, `<< /Type /Pages /Kids [${kids}] /Count ${n} /MediaBox [0 0 10 10] >>`);
    for (let i = 0; i < n; i++)
      b.obj(i + 3, `<< /Type /Page /Parent 2 0 R /Rotate ${(i % 4) * 90} >>`);
    const f = b.trailer(`<< /Size ${n + 3} /Root 1 0 R >>`, b.xref()).open();
    const pages = f.pages();
    expect(pages).toHaveLength(n);
    expect(pages.map((p) => f.inheritedPageAttribute(p.dict, 'Rotate'))).toEqual(
      Array.from({ length: n }, (_, i) => (i % 4) * 90),
    );
    expect(f.getObject(3)).toBeInstanceOf(PdfDict);
    expect((f.getObject(n + 2) as PdfDict).get('Type')).toBe(PdfName.of('Page'));
  });
});
