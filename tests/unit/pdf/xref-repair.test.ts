import { deflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../../src/kernel/index.js';
import type { PdfStream } from '../../../src/pdf/index.js';
import { openPdf, PdfDict, type PdfFile } from '../../../src/pdf/index.js';
import { basicObjects, concat, dec, enc, PdfBuilder } from './pdf-builder.js';

const open = (bytes: Uint8Array): PdfFile => openPdf(new BufferSource(bytes));

/** Rows of a cross-reference stream with /W [1 4 2]. */
function xrefRows(rows: [type: number, f2: number, f3: number][]): Uint8Array {
  const out = Buffer.alloc(rows.length * 7);
  rows.forEach(([t, a, b], i) => {
    out.writeUInt8(t, i * 7);
    out.writeUInt32BE(a, i * 7 + 1);
    out.writeUInt16BE(b, i * 7 + 5);
  });
  return new Uint8Array(out);
}

/** Replaces a fixed-width placeholder (same length) in `bytes`. */
function patch(bytes: Uint8Array, placeholder: string, value: string): Uint8Array {
  const at = dec(bytes).indexOf(placeholder);
  if (at < 0 || value.length !== placeholder.length) throw new Error('bad patch');
  const out = bytes.slice();
  out.set(enc(value), at);
  return out;
}

const pad10 = (n: number): string => String(n).padStart(10, '0');

describe('cross-reference tolerance (ISO 32000-1 §7.5)', () => {
  it('finds the section when startxref is a few bytes off or points at white space', () => {
    for (const delta of [-3, -1, 2, 5]) {
      const b = basicObjects(new PdfBuilder());
      const x = b.xref();
      const f = b.trailer('<< /Size 4 /Root 1 0 R >>', x + delta).open();
      expect(f.damaged).toBe(false);
      expect(f.startxref).toBe(x);
      expect(f.pages()).toHaveLength(1);
    }
    const b = basicObjects(new PdfBuilder());
    const ws = b.length;
    b.text('\n\n   \r\n');
    const x = b.xref();
    const f = b.trailer('<< /Size 4 /Root 1 0 R >>', ws).open();
    expect(f.damaged).toBe(false);
    expect(f.startxref).toBe(x);
  });

  it('never takes an older section for the newest when startxref is off', () => {
    const b = basicObjects(new PdfBuilder());
    const x1 = b.xref();
    b.trailer('<< /Size 4 /Root 1 0 R >>', x1);
    b.obj(4, '(only in the update)');
    const x2 = b.xref({ only: [4] });
    // startxref points 2 bytes past the *old* section: searching near it finds that one, which
    // is not followed by the final startxref, so it is rejected and the file rebuilt instead.
    const f = b.trailer(`<< /Size 5 /Root 1 0 R /Prev ${x1} >>`, x1 + 2).open();
    expect(f.damaged).toBe(true);
    expect(f.startxref).toBe(x2);
    expect(dec((f.getObject(4) as { bytes: Uint8Array }).bytes)).toBe('only in the update');
    expect(f.revisions.map((r) => r.xrefOffset)).toEqual([x1, x2]);
  });

  it('reads 19- and 21-byte xref entries', () => {
    for (const eol of ['\n', '\r', ' \r\n', '\r\n\n']) {
      const b = basicObjects(new PdfBuilder());
      const f = b.trailer('<< /Size 4 /Root 1 0 R >>', b.xref({ eol })).open();
      expect(f.damaged).toBe(false);
      expect(f.pages()[0]?.dict.get('MediaBox')).toEqual([0, 0, 612, 792]);
    }
  });

  it('computes the size to continue from when /Size is wrong', () => {
    const b = basicObjects(new PdfBuilder()).obj(9, '(late)');
    const f = b.trailer('<< /Size 2 /Root 1 0 R >>', b.xref()).open();
    expect(f.size).toBe(10);
    expect(f.trailer.get('Size')).toBe(2);
  });

  it('renumbers a first subsection that says "1 n" but starts with entry 0', () => {
    const b = basicObjects(new PdfBuilder());
    const f = b.trailer('<< /Size 4 /Root 1 0 R >>', b.xref({ first: 1 })).open();
    expect(f.damaged).toBe(false);
    expect(f.pages()).toHaveLength(1);
  });

  it('finds stream data when /Length is wrong, missing or indirect', () => {
    const b = basicObjects(new PdfBuilder())
      .stream(4, '', 'abcdef', 1000)
      .stream(5, '', 'abcdef', 2)
      .stream(6, '', 'abcdef', -4)
      .stream(7, '', 'abcdef', '8 0 R')
      .obj(8, '6')
      .stream(9, '', 'abc\r\n', '10 0 R')
      .obj(10, '999');
    const f = b.trailer('<< /Size 11 /Root 1 0 R >>', b.xref()).open();
    for (const n of [4, 5, 6, 7])
      expect(dec(f.readStreamData(f.getObject(n) as PdfStream))).toBe('abcdef');
    expect(dec(f.readStreamData(f.getObject(9) as PdfStream))).toBe('abc\r\n');
  });

  it('stops at a /Prev loop', () => {
    const b = basicObjects(new PdfBuilder());
    const x1 = b.xref();
    b.trailer('<< /Size 4 /Root 1 0 R /Prev PPPPPPPPPP >>', x1);
    b.obj(4, '(update)');
    const x2 = b.xref({ only: [4] });
    b.trailer(`<< /Size 5 /Root 1 0 R /Prev ${x1} >>`, x2);
    const bytes = patch(b.toBytes(), 'PPPPPPPPPP', pad10(x2));
    const f = open(bytes);
    expect(f.damaged).toBe(false);
    expect(f.revisions.map((r) => r.xrefOffset)).toEqual([x1, x2]);
    expect(dec((f.getObject(4) as { bytes: Uint8Array }).bytes)).toBe('update');
    expect(f.pages()).toHaveLength(1);
  });

  it('reads a hybrid-reference file: /XRefStm entries beat the table’s free entries (§7.5.8.4)', () => {
    const b = new PdfBuilder('%PDF-1.5\n')
      .obj(1, '<< /Type /Catalog /Pages 2 0 R /Extra 6 0 R >>')
      .obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
      .obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 20] >>');
    const objstm = enc('6 0 7 19 << /Hidden true >> (seven)');
    b.stream(
      4,
      '/Type /ObjStm /N 2 /First 9 /Filter /FlateDecode',
      new Uint8Array(deflateSync(objstm)),
    );
    const at5 = b.length;
    const rows = xrefRows([
      [1, b.offsets.get(4)!, 0],
      [1, at5, 0],
      [2, 4, 0],
      [2, 4, 1],
    ]);
    b.stream(5, '/Type /XRef /Size 8 /W [1 4 2] /Index [4 4]', rows);
    const x = b.xref({ only: [0, 1, 2, 3, 4, 5, 6, 7] }); // 6 and 7 are written as free entries
    const f = b.trailer(`<< /Size 8 /Root 1 0 R /XRefStm ${at5} >>`, x).open();
    expect(f.damaged).toBe(false);
    expect(f.xrefKind).toBe('table');
    expect(f.revisions).toHaveLength(1);
    expect(f.xrefEntry(6)?.type).toBe('compressed');
    expect(f.lookupDict(f.catalog().get('Extra'))?.get('Hidden')).toBe(true);
    expect(dec((f.getObject(7) as { bytes: Uint8Array }).bytes)).toBe('seven');
    expect(f.trailer.get('XRefStm')).toBe(at5);
  });

  it('reads an xref stream with /Index subsections and a PNG predictor', () => {
    const b = basicObjects(new PdfBuilder('%PDF-1.5\n')).obj(7, '(seven)');
    const at = b.length;
    // Columns 7 = 1 + 4 + 2; every row filtered with PNG Up (type 2).
    const rows = xrefRows([
      [0, 0, 65535],
      [1, b.offsets.get(1)!, 0],
      [1, b.offsets.get(2)!, 0],
      [1, b.offsets.get(3)!, 0],
      [1, b.offsets.get(7)!, 0],
      [1, at, 0],
    ]);
    const up = new Uint8Array(6 * 8);
    for (let r = 0; r < 6; r++) {
      up[r * 8] = 2;
      for (let j = 0; j < 7; j++)
        up[r * 8 + 1 + j] = (rows[r * 7 + j]! - (r > 0 ? rows[(r - 1) * 7 + j]! : 0)) & 0xff;
    }
    b.stream(
      8,
      '/Type /XRef /Size 9 /W [1 4 2] /Index [0 4 7 2] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 7 >>',
      new Uint8Array(deflateSync(up)),
    );
    b.text(`startxref\n${at}\n%%EOF\n`);
    const f = b.open();
    expect(f.damaged).toBe(false);
    expect(f.xrefKind).toBe('stream');
    expect(f.size).toBe(9);
    expect(dec((f.getObject(7) as { bytes: Uint8Array }).bytes)).toBe('seven');
    expect(f.pages()).toHaveLength(1);
  });

  it('finds an object a few bytes away from its recorded offset without calling the file damaged', () => {
    const b = basicObjects(new PdfBuilder());
    b.offsets.set(3, b.offsets.get(3)! + 3);
    const f = b.trailer('<< /Size 4 /Root 1 0 R >>', b.xref()).open();
    expect(f.pages()).toHaveLength(1);
    expect(f.damaged).toBe(false);
    expect(f.objectsRepaired).toBe(true);
  });

  it('rebuilds the cross-reference by scanning when startxref is garbage (damaged: true)', () => {
    const b = basicObjects(new PdfBuilder());
    const x = b.xref();
    const bytes = b.trailer('<< /Size 4 /Root 1 0 R /Info 4 0 R >>', 999_999).toBytes();
    const f = open(bytes);
    expect(f.damaged).toBe(true);
    expect(f.startxref).toBe(x);
    expect(f.pages()).toHaveLength(1);
    expect(f.revisions).toEqual([
      { index: 0, xrefOffset: x, end: bytes.length, markerEnd: bytes.length - 1, kind: 'table' },
    ]);
  });

  it('rebuilds when there is no xref or trailer at all, finding the catalog by its /Type', () => {
    const b = basicObjects(new PdfBuilder()).obj(
      1,
      '<< /Type /Catalog /Pages 2 0 R /Version /1.7 >>',
    );
    const f = b.open();
    expect(f.damaged).toBe(true);
    expect(f.catalog().getName('Version')).toBe('1.7'); // the later copy of object 1 wins
    expect(f.pages()).toHaveLength(1);
    expect(f.size).toBe(4);
  });

  it('rebuilds a truncated file and a file whose xref table is garbage', () => {
    const b = basicObjects(new PdfBuilder());
    b.text('xref\n0 4\nthis is not a table\ntrailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n');
    const x = dec(b.toBytes()).indexOf('xref\n0 4');
    const f = b.text(`${x}\n%%EOF\n`).open();
    expect(f.damaged).toBe(true);
    expect(f.pages()).toHaveLength(1);

    const whole = basicObjects(new PdfBuilder()).toBytes();
    const cut = open(whole.subarray(0, whole.length - 20));
    expect(cut.damaged).toBe(true);
    expect(cut.catalog().getName('Type')).toBe('Catalog');
  });

  it('rebuilds an xref-stream file with object streams from its stream dictionary', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([100, 200]);
    doc.addPage([300, 400]);
    const bytes = await doc.save();
    const text = dec(bytes);
    const sx = text.lastIndexOf('startxref\n') + 'startxref\n'.length;
    const broken = concat(bytes.subarray(0, sx), enc('9999'), bytes.subarray(sx));
    const f = open(broken);
    expect(f.damaged).toBe(true);
    expect(f.xrefKind).toBe('stream');
    expect(f.pages().map((p) => p.dict.get('MediaBox'))).toEqual([
      [0, 0, 100, 200],
      [0, 0, 300, 400],
    ]);
  });

  it('folds a linearized file’s first-page section into the revision it belongs to', () => {
    const build = (o: Record<string, number>): Uint8Array => {
      let s = '%PDF-1.5\n';
      const mark = (name: string): void => {
        o[`@${name}`] = s.length;
      };
      mark('lin');
      s += '9 0 obj\n<< /Linearized 1 >>\nendobj\n';
      mark('x1');
      s += `xref\n1 3\n${pad10(o['@1'] ?? 0)} 00000 n\r\n${pad10(o['@2'] ?? 0)} 00000 n\r\n${pad10(o['@3'] ?? 0)} 00000 n\r\n`;
      s += `trailer\n<< /Size 10 /Root 1 0 R /Prev ${pad10(o['@x2'] ?? 0)} >>\nstartxref\n0\n%%EOF\n`;
      mark('1');
      s += '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n';
      mark('2');
      s += '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n';
      mark('3');
      s += '3 0 obj\n<< /Type /Page /Parent 2 0 R >>\nendobj\n';
      mark('x2');
      s += `xref\n0 1\n0000000000 65535 f\r\n9 1\n${pad10(o['@lin'] ?? 0)} 00000 n\r\n`;
      s += `trailer\n<< /Size 10 >>\nstartxref\n${pad10(o['@x1'] ?? 0)}\n%%EOF\n`;
      return enc(s);
    };
    const offsets: Record<string, number> = {};
    build(offsets);
    const bytes = build(offsets);
    const f = open(bytes);
    expect(f.damaged).toBe(false);
    expect(f.startxref).toBe(offsets['@x1']);
    expect(f.pages()).toHaveLength(1);
    expect(f.revisions).toEqual([
      {
        index: 0,
        xrefOffset: offsets['@x1'],
        end: bytes.length,
        markerEnd: bytes.length - 1,
        kind: 'table',
      },
    ]);
    expect(f.getObject(9)).toBeInstanceOf(PdfDict);
  });
});
