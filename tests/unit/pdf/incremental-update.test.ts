import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BufferSource, HosoError } from '../../../src/kernel/index.js';
import {
  IncrementalUpdate,
  openPdf,
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfStream,
  PdfString,
  cloneObject,
  type PdfFile,
} from '../../../src/pdf/index.js';
import { basicObjects, concat, dec, enc, PdfBuilder } from './pdf-builder.js';

async function pdfLib(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 400]);
  doc.addPage([500, 600]);
  return doc.save({ useObjectStreams });
}

const open = (bytes: Uint8Array): PdfFile => openPdf(new BufferSource(bytes));

/** A signer-like update: a new signature dictionary with placeholders, a new AcroForm, a new catalog version. */
function signLikeUpdate(f: PdfFile, base: Uint8Array) {
  const upd = new IncrementalUpdate(f);
  const contents = new PdfRaw(enc(`<${'0'.repeat(64)}>`));
  const byteRange = new PdfRaw(enc('[0 /********** /********** /**********]'));
  const sig = upd.allocate();
  upd.set(
    sig,
    new PdfDict([
      ['Type', PdfName.of('Sig')],
      ['ByteRange', byteRange],
      ['Contents', contents],
      ['Name', new PdfString(enc('Nguy\xe1n (test)'))],
    ]),
  );
  const acro = upd.allocate();
  upd.set(
    acro,
    new PdfDict([
      ['Fields', []],
      ['SigFlags', 3],
    ]),
  );
  const rootRef = f.trailer.get('Root') as PdfRef;
  const catalog = cloneObject(f.catalog());
  catalog.set('AcroForm', acro);
  upd.set(rootRef, catalog);
  const built = upd.build({ baseLength: base.length });
  return { built, sig, acro, rootRef, contents, byteRange, all: concat(base, built.bytes) };
}

describe('IncrementalUpdate (ISO 32000-1 §7.5.6)', () => {
  for (const kind of ['table', 'stream'] as const) {
    it(`appends objects and a ${kind} cross-reference section that reopen correctly`, async () => {
      const base = await pdfLib(kind === 'stream');
      const f = open(base);
      expect(f.xrefKind).toBe(kind);
      const { built, sig, acro, rootRef, contents, byteRange, all } = signLikeUpdate(f, base);

      // The original is an exact prefix; pdf-lib ends without an EOL, so the update starts with one.
      expect(all.subarray(0, base.length)).toEqual(base);
      expect(dec(built.bytes).startsWith('\n')).toBe(true);
      expect(dec(built.bytes).endsWith(`startxref\n${built.startxref}\n%%EOF\n`)).toBe(true);

      // Offsets are absolute.
      for (const [num, off] of built.offsets)
        expect(dec(all.subarray(off, off + 12))).toMatch(new RegExp(`^${num} 0 obj`));
      expect(sig.num).toBe(f.size);
      expect(acro.num).toBe(f.size + 1);
      expect(
        dec(all.subarray(built.startxref)).startsWith(
          kind === 'table' ? 'xref\n' : `${f.size + 2} 0 obj`,
        ),
      ).toBe(true);

      // PdfRaw positions, within the update bytes.
      const cAt = built.rawOffsets.get(contents)!;
      const bAt = built.rawOffsets.get(byteRange)!;
      expect(dec(built.bytes.subarray(cAt, cAt + contents.bytes.length))).toBe(dec(contents.bytes));
      expect(dec(all.subarray(base.length + bAt, base.length + bAt + byteRange.bytes.length))).toBe(
        dec(byteRange.bytes),
      );

      const g = open(all);
      expect(g.damaged).toBe(false);
      expect(g.xrefKind).toBe(kind);
      expect(g.startxref).toBe(built.startxref);
      expect(g.size).toBe(kind === 'table' ? f.size + 2 : f.size + 3);
      expect(g.revisions).toHaveLength(2);
      expect(g.revisions[0]).toMatchObject({
        index: 0,
        xrefOffset: f.startxref,
        markerEnd: base.length,
        kind,
      });
      expect(g.revisions[1]).toMatchObject({
        index: 1,
        xrefOffset: built.startxref,
        end: all.length,
        kind,
      });
      expect(g.trailer.get('Prev')).toBe(f.startxref);
      expect(g.trailer.get('Root')).toEqual(rootRef);
      expect(g.trailer.get('Info')).toEqual(f.trailer.get('Info'));

      // New objects are there; the catalog has its new version; the rest is unchanged.
      const sigDict = g.lookupDict(sig);
      expect(sigDict?.get('Type')).toBe(PdfName.of('Sig'));
      expect(dec((sigDict?.get('Name') as PdfString).bytes)).toBe('Nguy\xe1n (test)');
      expect(g.catalog().get('AcroForm')).toEqual(acro);
      expect(f.catalog().has('AcroForm')).toBe(false);
      expect(g.pages().map((p) => p.dict.get('MediaBox'))).toEqual([
        [0, 0, 300, 400],
        [0, 0, 500, 600],
      ]);
      expect(g.pages().map((p) => p.ref)).toEqual(f.pages().map((p) => p.ref));
    });
  }

  it('writes a classic table with 20-byte entries and subsections of consecutive numbers', async () => {
    const base = await pdfLib(false);
    const f = open(base);
    const upd = new IncrementalUpdate(f);
    const a = upd.allocate();
    const b = upd.allocate();
    upd.set(b, 2);
    upd.set(a, 1);
    upd.set(new PdfRef(1, 0), new PdfDict([['Producer', new PdfString(enc('x'))]]));
    const text = dec(upd.build({ baseLength: base.length }).bytes);
    const table = text.slice(text.indexOf('xref\n'), text.indexOf('trailer\n'));
    expect(table).toMatch(
      new RegExp(`^xref\\n1 1\\n\\d{10} 00000 n\\r\\n${a.num} 2\\n(\\d{10} 00000 n\\r\\n){2}$`),
    );
    for (const line of table.split('\n').slice(2))
      if (line.length > 10) expect(line.length + 1).toBe(20);
    const trailer = text.slice(text.indexOf('trailer\n'));
    expect(trailer).toMatch(
      new RegExp(
        `^trailer\\n<< /Size ${b.num + 1} /Root \\d+ 0 R /Info \\d+ 0 R /Prev ${f.startxref} >>\\n`,
      ),
    );
  });

  it('writes an xref stream with /Type /XRef, /W, /Index and /Prev after an xref-stream file', async () => {
    const base = await pdfLib(true);
    const f = open(base);
    const upd = new IncrementalUpdate(f);
    upd.set(upd.allocate(), new PdfString(enc('x')));
    const text = dec(upd.build({ baseLength: base.length }).bytes);
    expect(text).toContain(
      `<< /Type /XRef /W [1 2 1] /Index [${f.size} 2] /Size ${f.size + 2} /Root 2 0 R /Info 3 0 R /Prev ${f.startxref} /Length 8 >>`,
    );
    expect(text).not.toContain('trailer');
  });

  it('widens /W for offsets beyond 16 bits in an xref stream update', () => {
    const b = basicObjects(new PdfBuilder('%PDF-1.5\n')).obj(4, `(${'x'.repeat(100_000)})`);
    const at = b.length;
    const row = (o: number): number[] => [1, (o >> 16) & 255, (o >> 8) & 255, o & 255];
    const rows = [[0, 0, 0, 0], ...[1, 2, 3, 4].map((n) => row(b.offsets.get(n)!)), row(at)].flat();
    b.stream(5, '/Type /XRef /Size 6 /W [1 3 0] /Root 1 0 R', new Uint8Array(rows));
    const base = b.text(`startxref\n${at}\n%%EOF\n`).toBytes();
    const f = open(base);
    expect(f.xrefKind).toBe('stream');
    const upd = new IncrementalUpdate(f);
    const r = upd.allocate();
    upd.set(r, new PdfString(enc('new')));
    const built = upd.build({ baseLength: base.length });
    expect(dec(built.bytes)).toContain('/W [1 3 1]');
    const g = open(concat(base, built.bytes));
    expect(g.damaged).toBe(false);
    expect(dec((g.getObject(r.num) as PdfString).bytes)).toBe('new');
    expect((g.getObject(4) as PdfString).bytes).toHaveLength(100_000);
  });

  it('writes /ID from opts.id, else keeps the existing /ID, and adds trailerExtra entries', () => {
    const b = basicObjects(new PdfBuilder());
    const base = b.trailer('<< /Size 4 /Root 1 0 R /ID [<AA> <BB>] >>', b.xref()).toBytes();
    const f = open(base);
    const keep = dec(new IncrementalUpdate(f).build({ baseLength: base.length }).bytes);
    expect(keep).toContain('/ID [<AA> <BB>]');
    // Nothing to list: the section still has a subsection (object 0, the free-list head).
    expect(keep.startsWith('xref\n0 1\n0000000000 65535 f\r\ntrailer\n')).toBe(true);
    const upd = new IncrementalUpdate(f);
    const built = upd.build({
      baseLength: base.length,
      id: [new Uint8Array([0xaa]), new Uint8Array([0x12, 0x34])],
      trailerExtra: { Info: new PdfRef(3, 0), Custom: PdfName.of('Yes') },
    });
    const text = dec(built.bytes);
    expect(text).toContain(
      `/Root 1 0 R /ID [<AA> <1234>] /Prev ${f.startxref} /Info 3 0 R /Custom /Yes >>`,
    );
    expect(() => upd.build({ baseLength: base.length, trailerExtra: { Prev: 1 } })).toThrow(
      HosoError,
    );
    expect(() => upd.build({ baseLength: base.length + 1 })).toThrow(HosoError);
    // The base ends with "\n": no extra EOL at the start of the update.
    expect(text.startsWith('xref\n')).toBe(true);
    const g = open(concat(base, built.bytes));
    expect(g.revisions.map((r) => r.end)).toEqual([base.length, base.length + built.bytes.length]);
  });

  it('continues a hybrid-reference file with a classic table', () => {
    const b = new PdfBuilder('%PDF-1.5\n')
      .obj(1, '<< /Type /Catalog /Pages 2 0 R >>')
      .obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>')
      .obj(3, '<< /Type /Page /Parent 2 0 R >>');
    const at4 = b.length;
    const row = (t: number, o: number): number[] => [t, (o >> 8) & 0xff, o & 0xff, 0];
    b.stream(4, '/Type /XRef /Size 5 /W [1 2 1] /Index [4 1]', new Uint8Array(row(1, at4)));
    const x = b.xref({ only: [0, 1, 2, 3] });
    const base = b.trailer(`<< /Size 5 /Root 1 0 R /XRefStm ${at4} >>`, x).toBytes();
    const f = open(base);
    expect(f.xrefKind).toBe('table');
    const upd = new IncrementalUpdate(f);
    const r = upd.allocate();
    upd.set(r, 7);
    const built = upd.build({ baseLength: base.length });
    expect(dec(built.bytes)).toMatch(/^xref\n5 1\n/m);
    const g = open(concat(base, built.bytes));
    expect(g.getObject(r.num)).toBe(7);
    expect(g.xrefEntry(4)?.type).toBe('offset');
  });

  it('stacks updates: three revisions, each prefix intact', async () => {
    const base = await pdfLib(true);
    const first = signLikeUpdate(open(base), base).all;
    const second = signLikeUpdate(open(first), first);
    const g = open(second.all);
    expect(g.revisions).toHaveLength(3);
    expect(g.revisions[1]!.end).toBe(first.length);
    expect(second.all.subarray(0, first.length)).toEqual(first);
    expect(g.lookupDict(second.sig)?.get('Type')).toBe(PdfName.of('Sig'));
  });

  it('writes streams with their data, copying raw bytes for a stream read from the file', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([100, 100]).drawRectangle({ x: 1, y: 1, width: 5, height: 5 });
    const base = await doc.save({ useObjectStreams: false });
    const f = open(base);
    const upd = new IncrementalUpdate(f);
    const fresh = upd.allocate();
    upd.set(fresh, new PdfStream(new PdfDict([['Length', 1]]), enc('0 0 m 10 10 l S')));
    const page = f.pages()[0]!;
    const contentsEntry = page.dict.get('Contents');
    const contentsRef = (Array.isArray(contentsEntry) ? contentsEntry[0] : contentsEntry) as PdfRef;
    expect(contentsRef).toBeInstanceOf(PdfRef);
    const original = f.getObject(contentsRef.num) as PdfStream;
    upd.set(contentsRef, original); // re-set as it is: raw bytes come from the input
    const g = open(concat(base, upd.build({ baseLength: base.length }).bytes));
    expect(dec(g.readStreamData(g.getObject(fresh.num) as PdfStream))).toBe('0 0 m 10 10 l S');
    const copy = g.getObject(contentsRef.num) as PdfStream;
    expect(g.readStreamData(copy)).toEqual(f.readStreamData(original));
    expect(original.data).toBeUndefined(); // the caller's object was not changed
  });

  it('refuses encrypted and damaged files', () => {
    const b = basicObjects(new PdfBuilder()).obj(4, '<< /Filter /Standard >>');
    const enc1 = b.trailer('<< /Size 5 /Root 1 0 R /Encrypt 4 0 R >>', b.xref()).toBytes();
    expect(() => new IncrementalUpdate(open(enc1))).toThrow(
      expect.objectContaining({ code: 'PDF_ENCRYPTED' }),
    );
    const damaged = basicObjects(new PdfBuilder()).toBytes();
    expect(open(damaged).damaged).toBe(true);
    expect(() => new IncrementalUpdate(open(damaged))).toThrow(
      expect.objectContaining({ code: 'PDF_UNSUPPORTED' }),
    );
  });
});
