import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../../src/kernel/index.js';
import {
  IncrementalUpdate,
  objectAtRevision,
  objectsChangedIn,
  openPdf,
  PdfDict,
  PdfName,
  PdfRef,
  revisionState,
  cloneObject,
  type PdfFile,
} from '../../../src/pdf/index.js';
import { basicObjects, concat, PdfBuilder } from './pdf-builder.js';

const open = (bytes: Uint8Array): PdfFile => openPdf(new BufferSource(bytes));
const entry = (offset: number) => `${String(offset).padStart(10, '0')} 00000 n\r\n`;

/**
 * Three revisions with classic tables: the original (objects 1–3), an update that gives the
 * page a new version and adds object 4, and one that frees object 4, lists object 1 again at
 * its old offset (no change) and lists the already free object 5 as free (no change).
 */
function threeRevisions(): { bytes: Uint8Array; offsets: Map<number, number> } {
  const b = basicObjects(new PdfBuilder());
  const x1 = b.xref();
  b.trailer('<< /Size 4 /Root 1 0 R >>', x1);
  b.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Rotate 90 >>');
  b.obj(4, '(added)');
  const x2 = b.xref({ only: [3, 4] });
  b.trailer(`<< /Size 5 /Root 1 0 R /Prev ${x1} >>`, x2);
  const x3 = b.length;
  b.text(
    `xref\n0 2\n0000000000 65535 f\r\n${entry(b.offsets.get(1)!)}4 2\n0000000000 00001 f\r\n0000000000 00000 f\r\n`,
  );
  b.trailer(`<< /Size 6 /Root 1 0 R /Prev ${x2} >>`, x3);
  return { bytes: b.toBytes(), offsets: b.offsets };
}

describe('revision views (ISO 32000-1 §7.5.6)', () => {
  it('lists what each revision changed, added or freed, not what it merely repeats', () => {
    const f = open(threeRevisions().bytes);
    expect(f.revisions).toHaveLength(3);
    expect(objectsChangedIn(f, 0)).toEqual([1, 2, 3]);
    expect(objectsChangedIn(f, 1)).toEqual([3, 4]);
    expect(objectsChangedIn(f, 2)).toEqual([4]);
  });

  it('gives each object as it was at the end of a revision', () => {
    const f = open(threeRevisions().bytes);
    const page = (r: number) => objectAtRevision(f, 3, r) as PdfDict;
    expect(page(0).has('Rotate')).toBe(false);
    expect(page(1).get('Rotate')).toBe(90);
    expect(page(2).get('Rotate')).toBe(90);
    expect(objectAtRevision(f, 4, 0)).toBeUndefined();
    expect(objectAtRevision(f, 4, 1)).toMatchObject({
      bytes: new Uint8Array(Buffer.from('added')),
    });
    expect(objectAtRevision(f, 4, 2)).toBeUndefined();
    expect(f.getObject(4)).toBeUndefined();
    // the catalog never changed: every revision sees the same object
    expect(objectAtRevision(f, 1, 0)).toBe(f.getObject(1));
  });

  it('reads pages and the trailer as of a revision', () => {
    const f = open(threeRevisions().bytes);
    const s0 = revisionState(f, 0);
    const s1 = revisionState(f, 1);
    expect(s0.trailer.get('Size')).toBe(4);
    expect(s1.trailer.get('Size')).toBe(5);
    expect(s0.trailer.get('Root')).toEqual(new PdfRef(1, 0));
    expect(s0.pages()[0]!.dict.has('Rotate')).toBe(false);
    expect(s1.pages()[0]!.dict.get('Rotate')).toBe(90);
    expect(s1.catalog()?.getName('Type')).toBe('Catalog');
  });

  it('refuses a revision that does not exist', () => {
    const f = open(threeRevisions().bytes);
    expect(() => objectsChangedIn(f, 3)).toThrow(/no revision 3/);
    expect(() => objectAtRevision(f, 1, -1)).toThrow(/no revision -1/);
  });

  it('reads old versions from object streams and lists compressed objects an update replaced', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([300, 400]);
    const base = await doc.save({ useObjectStreams: true });
    const f0 = open(base);
    const pageRef = f0.pages()[0]!.ref;
    expect(f0.xrefEntry(pageRef.num)?.type).toBe('compressed');
    const upd = new IncrementalUpdate(f0);
    const page = cloneObject(f0.pages()[0]!.dict);
    page.set('Rotate', 180);
    upd.set(pageRef, page);
    const added = upd.allocate();
    upd.set(added, new PdfDict([['Type', PdfName.of('Test')]]));
    const f = open(concat(base, upd.build({ baseLength: base.length }).bytes));
    expect(f.revisions).toHaveLength(2);
    const changed = objectsChangedIn(f, 1);
    expect(changed).toContain(pageRef.num);
    expect(changed).toContain(added.num);
    const old = objectAtRevision(f, pageRef.num, 0) as PdfDict;
    expect(old.has('Rotate')).toBe(false);
    expect((objectAtRevision(f, pageRef.num, 1) as PdfDict).get('Rotate')).toBe(180);
    expect(objectAtRevision(f, added.num, 0)).toBeUndefined();
    expect(revisionState(f, 0).pages()).toHaveLength(1);
  });

  it('keeps the precedence of hybrid files: the table frees what its /XRefStm stream holds', () => {
    // Object 4 is in an object stream listed only by the /XRefStm stream; the table marks it
    // free for PDF 1.4 readers, which must not hide it.
    const b = new PdfBuilder();
    b.obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
    b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    b.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Extra 4 0 R >>');
    const objStm = '4 0 (hidden)';
    b.stream(5, '/Type /ObjStm /N 1 /First 4', objStm);
    const rows = Buffer.from([2, 0, 5, 0]); // object 4: in stream 5 at index 0
    b.stream(6, '/Type /XRef /Size 7 /Index [4 1] /W [1 2 1]', rows);
    const xrefStm = b.offsets.get(6)!;
    const x = b.length;
    b.text('xref\n0 7\n0000000000 65535 f\r\n');
    for (const n of [1, 2, 3]) b.text(entry(b.offsets.get(n)!));
    b.text('0000000000 00000 f\r\n');
    for (const n of [5, 6]) b.text(entry(b.offsets.get(n)!));
    b.trailer(`<< /Size 7 /Root 1 0 R /XRefStm ${xrefStm} >>`, x);
    const f = b.open();
    expect(f.damaged).toBe(false);
    expect(objectsChangedIn(f, 0)).toContain(4);
    expect(objectAtRevision(f, 4, 0)).toMatchObject({
      bytes: new Uint8Array(Buffer.from('hidden')),
    });
  });
});
