import { describe, expect, it } from 'vitest';
import { findSignatures, PdfDict } from '../../../src/pdf/index.js';
import { testKey } from '../../support/test-keys.js';
import { enc, PdfBuilder } from './pdf-builder.js';
import { find, open, sign, unsignedForm } from './signed-fixtures.js';

describe('findSignatures on files signed by hoso', () => {
  it('reads the signature dictionary of a PAdES signature and locates /Contents', async () => {
    const { bytes, result } = await sign(unsignedForm(), testKey('officer'), {
      reason: 'Phê duyệt',
      location: 'Hà Nội',
      contactInfo: 'an@example.vn',
    });
    const pdf = open(bytes);
    const [sig, ...rest] = findSignatures(pdf);
    expect(rest).toHaveLength(0);
    const [, a, b] = result.byteRange;
    expect(sig).toMatchObject({
      fieldName: 'Signature1',
      type: 'Sig',
      filter: 'Adobe.PPKLite',
      subFilter: 'ETSI.CAdES.detached',
      byteRange: [...result.byteRange],
      contentsInObjectStream: false,
      m: "D:20261125140000+07'00'",
      reason: 'Phê duyệt',
      location: 'Hà Nội',
      contactInfo: 'an@example.vn',
      revisionIndex: 1,
      duplicateKeys: [],
    });
    expect(sig!.name).toBe(result.signer.subject.commonName);
    expect(sig!.signingTime?.toISOString()).toBe('2026-11-25T07:00:00.000Z');
    expect(sig!.contents).toMatchObject({ start: a, end: b });
    // the decoded string keeps its zero padding: half the gap less the delimiters
    expect(sig!.contents!.bytes).toHaveLength((b - a - 2) / 2);
    expect(sig!.contents!.bytes.subarray(result.cmsLength).every((x) => x === 0)).toBe(true);
    expect(pdf.getObject(sig!.objectNumber!)).toBe(sig!.dictionary);
  });

  it('lists two signatures in the order they were made, each with its revision', async () => {
    const first = await sign(unsignedForm(), testKey('officer'));
    const second = await sign(first.bytes, testKey('agency'));
    const sigs = findSignatures(open(second.bytes));
    expect(sigs.map((s) => [s.fieldName, s.revisionIndex])).toEqual([
      ['Signature1', 1],
      ['Signature2', 2],
    ]);
  });

  it('finds nothing in an unsigned file', () => {
    expect(findSignatures(open(unsignedForm()))).toEqual([]);
  });
});

/** A hand-made form: field tree with inheritance, a cycle, widgets, and fields that are no signatures. */
function formFile(): { bytes: Uint8Array; offsets: Map<number, number> } {
  const b = new PdfBuilder();
  b.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 5 0 R >>');
  b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  b.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
  b.obj(5, '<< /Fields [6 0 R 10 0 R 11 0 R 13 0 R 6 0 R] >>');
  // FT /Sig set on the parent, inherited by its kid; the parent lists itself as a kid (a cycle)
  b.obj(6, '<< /T (form) /FT /Sig /Kids [7 0 R 6 0 R] >>');
  b.obj(7, '<< /T (later) /Parent 6 0 R /V 8 0 R /Kids [12 0 R] >>');
  b.obj(
    8,
    "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 500 600 10] /Contents <ABCD00> /M (D:20240101120000+07'00') /Reason (r) >>",
  );
  // a widget (no /T) with a /V of its own is not a field: not a signature
  b.obj(12, '<< /Type /Annot /Subtype /Widget /Parent 7 0 R /V 9 0 R >>');
  b.obj(9, '<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>');
  b.obj(10, '<< /T (text) /FT /Tx /V 8 0 R >>'); // not a signature field
  b.obj(11, '<< /T (empty) /FT /Sig >>'); // a signature field not signed yet
  b.obj(
    13,
    '<< /T (direct) /FT /Sig /V << /Type /DocTimeStamp /SubFilter /ETSI.RFC3161 /ByteRange [0 100 200 5] /Contents <0102> >> >>',
  );
  const x = b.xref();
  b.trailer('<< /Size 14 /Root 1 0 R >>', x);
  return { bytes: b.toBytes(), offsets: b.offsets };
}

describe('findSignatures on hand-made field trees (ISO 32000-1 §12.7.3, §12.8)', () => {
  it('walks /Fields and /Kids with inherited /FT, once per field, and orders by the ByteRange gap', () => {
    const { bytes, offsets } = formFile();
    const sigs = findSignatures(open(bytes));
    expect(sigs.map((s) => s.fieldName)).toEqual(['direct', 'form.later']);
    const [direct, later] = sigs as [(typeof sigs)[0], (typeof sigs)[0]];

    expect(later).toMatchObject({
      type: 'Sig',
      subFilter: 'adbe.pkcs7.detached',
      byteRange: [0, 500, 600, 10],
      objectNumber: 8,
      reason: 'r',
      name: null,
      location: null,
    });
    const at = find(bytes, '<ABCD00>', offsets.get(8));
    expect(later.contents).toEqual({ bytes: enc('\xab\xcd\x00'), start: at, end: at + 8 });
    expect(later.signingTime?.toISOString()).toBe('2024-01-01T05:00:00.000Z');

    // written inside its field: no object number of its own, but /Contents still located
    expect(direct).toMatchObject({ type: 'DocTimeStamp', objectNumber: null, m: null });
    const at2 = find(bytes, '<0102>', offsets.get(13));
    expect(direct.contents).toEqual({ bytes: enc('\x01\x02'), start: at2, end: at2 + 6 });
    expect(direct.dictionary).toBeInstanceOf(PdfDict);
  });

  it('reports duplicate keys and, like the parser, keeps the last non-null value', () => {
    const b = new PdfBuilder();
    b.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 6 0 R] >> >>');
    b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    b.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
    b.obj(4, '<< /T (a) /FT /Sig /V 5 0 R >>');
    b.obj(
      5,
      '<< /Type /Sig /ByteRange [0 10 20 30] /Contents <AA> /Reason (x) /Contents <BBCC> >>',
    );
    b.obj(6, '<< /T (b) /FT /Sig /V 7 0 R >>');
    b.obj(7, '<< /Type /Sig /ByteRange [0 40 50 60] /Contents <DD> /Contents null >>');
    const x = b.xref();
    b.trailer('<< /Size 8 /Root 1 0 R >>', x);
    const bytes = b.toBytes();
    const [a, c] = findSignatures(open(bytes));
    expect(a!.duplicateKeys).toEqual(['Contents']);
    expect(a!.contents?.bytes).toEqual(enc('\xbb\xcc'));
    expect(a!.contents?.start).toBe(find(bytes, '<BBCC>'));
    expect(c!.duplicateKeys).toEqual(['Contents']);
    expect(c!.contents?.bytes).toEqual(enc('\xdd'));
    expect(c!.contents?.start).toBe(find(bytes, '<DD>'));
  });

  it('keeps what is not usable as null: ByteRange of non-numbers, indirect or literal /Contents', () => {
    const b = new PdfBuilder();
    b.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R 6 0 R 8 0 R] >> >>');
    b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    b.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
    b.obj(4, '<< /T (a) /FT /Sig /V 5 0 R >>');
    b.obj(5, '<< /Type /Sig /ByteRange [0 (x) 20 30] /Contents 9 0 R >>');
    b.obj(6, '<< /T (b) /FT /Sig /V 7 0 R >>');
    b.obj(7, '<< /Type /Whatever /ByteRange 10 0 R /Contents (literal) >>');
    b.obj(8, '<< /T (c) /FT /Sig /V 11 0 R >>');
    b.obj(11, '<< /ByteRange [] >>');
    b.obj(9, '<AA>');
    b.obj(10, '[0 1 2 3]');
    const x = b.xref();
    b.trailer('<< /Size 12 /Root 1 0 R >>', x);
    const bytes = b.toBytes();
    const byName = new Map(findSignatures(open(bytes)).map((s) => [s.fieldName, s]));
    expect(byName.get('a')).toMatchObject({ byteRange: null, contents: null, type: 'Sig' });
    // an indirect ByteRange is followed; a literal string is a string (the gap check rejects it)
    expect(byName.get('b')).toMatchObject({ byteRange: [0, 1, 2, 3], type: null });
    expect(byName.get('b')!.contents?.start).toBe(find(bytes, '(literal)'));
    expect(byName.get('c')).toMatchObject({ byteRange: [], contents: null, revisionIndex: 0 });
  });

  it('says when the signature dictionary sits in an object stream', () => {
    const b = new PdfBuilder('%PDF-1.5\n');
    b.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>');
    b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    b.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>');
    b.obj(4, '<< /Fields [6 0 R] >>');
    const o6 = '<< /T (s) /FT /Sig /V 7 0 R >>';
    const o7 = '<< /Type /Sig /ByteRange [0 1 2 3] /Contents <AA> >>';
    const header = `6 0 7 ${o6.length + 1} `;
    b.stream(5, `/Type /ObjStm /N 2 /First ${header.length}`, `${header}${o6}\n${o7}`);
    const xrefAt = b.length;
    const row = (type: number, f2: number, f3: number) => [type, f2 >> 8, f2 & 0xff, f3];
    const rows = [
      row(0, 0, 255),
      ...[1, 2, 3, 4, 5].map((n) => row(1, b.offsets.get(n)!, 0)),
      row(2, 5, 0),
      row(2, 5, 1),
      row(1, xrefAt, 0),
    ].flat();
    b.stream(8, '/Type /XRef /Size 9 /W [1 2 1] /Root 1 0 R', new Uint8Array(rows));
    b.text(`startxref\n${xrefAt}\n%%EOF\n`);
    const pdf = open(b.toBytes());
    expect(pdf.damaged).toBe(false);
    const [sig] = findSignatures(pdf);
    expect(sig).toMatchObject({
      fieldName: 's',
      objectNumber: 7,
      contentsInObjectStream: true,
      contents: null,
      byteRange: [0, 1, 2, 3],
    });
  });
});
