import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../../src/kernel/index.js';
import {
  checkByteRange,
  cloneObject,
  findSignatures,
  IncrementalUpdate,
  isPdfArray,
  openPdf,
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  type PdfFile,
  type PdfObject,
} from '../../../src/pdf/index.js';
import { TrustStore } from '../../../src/trust/index.js';
import { verifyPdfSignatures } from '../../../src/verify/index.js';
import { analyseModifications } from '../../../src/verify/modifications.js';
import { ROOT } from '../../support/paths.js';
import { testCertDer, testKey } from '../../support/test-keys.js';
import { basicObjects, concat, PdfBuilder } from '../pdf/pdf-builder.js';
import { sample, sign, unsignedForm } from '../pdf/signed-fixtures.js';

const open = (bytes: Uint8Array): PdfFile => openPdf(new BufferSource(bytes));
const name = (n: string) => PdfName.of(n);
const text = (s: string) => new PdfString(new Uint8Array(Buffer.from(s, 'latin1')));

/** The analysis of a signature (by index or field name), from the revision it covers. */
function analyse(bytes: Uint8Array, which: number | string = 0) {
  const pdf = open(bytes);
  const sigs = findSignatures(pdf);
  const sig = typeof which === 'number' ? sigs[which]! : sigs.find((s) => s.fieldName === which)!;
  const { signedRevision } = checkByteRange(pdf, sig);
  return analyseModifications(pdf, signedRevision!, sig.fieldName ?? undefined);
}

/** Appends an incremental update made by `edit`. */
function update(bytes: Uint8Array, edit: (pdf: PdfFile, upd: IncrementalUpdate) => void) {
  const pdf = open(bytes);
  const upd = new IncrementalUpdate(pdf);
  edit(pdf, upd);
  return concat(bytes, upd.build({ baseLength: bytes.length }).bytes);
}

/** A new version of page 1 (or of its /Annots array) whose annotations are `annots(old)`. */
function setAnnots(
  pdf: PdfFile,
  upd: IncrementalUpdate,
  annots: (old: PdfObject[]) => PdfObject[],
): void {
  const page = pdf.pages()[0]!;
  const current = page.dict.get('Annots');
  const list = pdf.resolve(current);
  const old = isPdfArray(list) ? list : [];
  if (current instanceof PdfRef) {
    upd.set(current, annots(old));
  } else {
    const d = cloneObject(page.dict);
    d.set('Annots', annots(old));
    upd.set(page.ref, d);
  }
}

function acroForm(pdf: PdfFile): { ref: PdfRef; dict: PdfDict } {
  const ref = pdf.catalog().get('AcroForm') as PdfRef;
  return { ref, dict: pdf.lookupDict(ref)! };
}

/** Adds a new signature field (merged with its widget) on page 1, with /V `value`. */
function addSignatureField(
  pdf: PdfFile,
  upd: IncrementalUpdate,
  value: PdfDict,
  appearance?: PdfRef,
): PdfRef {
  const v = upd.allocate();
  upd.set(v, value);
  const widget = upd.allocate();
  const ap = appearance ?? upd.allocate();
  if (appearance === undefined)
    upd.set(ap, new PdfStream(new PdfDict([['BBox', [0, 0, 0, 0]]]), new Uint8Array()));
  upd.set(
    widget,
    new PdfDict([
      ['Type', name('Annot')],
      ['Subtype', name('Widget')],
      ['FT', name('Sig')],
      ['T', text(`Added${widget.num}`)],
      ['V', v],
      ['Rect', [0, 0, 0, 0]],
      ['P', pdf.pages()[0]!.ref],
      ['AP', new PdfDict([['N', ap]])],
    ]),
  );
  setAnnots(pdf, upd, (old) => [...old, widget]);
  const acro = acroForm(pdf);
  const d = cloneObject(acro.dict);
  d.set('Fields', [...(pdf.resolve(acro.dict.get('Fields')) as PdfObject[]), widget]);
  upd.set(acro.ref, d);
  return widget;
}

const fakeSignature = (type = 'Sig') =>
  new PdfDict([
    ['Type', name(type)],
    ['ByteRange', [0, 1, 2, 3]],
    ['Contents', new PdfString(new Uint8Array(8), true)],
  ]);

describe('analyseModifications on the samples', () => {
  it('a file signed once: NONE', () => {
    const r = analyse(sample('dossier-001/don-de-nghi.pdf'));
    expect(r.level).toBe('NONE');
    expect(r.changes).toEqual([]);
    expect(r.check).toMatchObject({
      id: 'pdf.modifications',
      status: 'PASSED',
      params: { level: 'NONE' },
    });
  });

  it('officer then agency: the officer signature sees FORM_FILLING, the agency one NONE', () => {
    const bytes = sample('dossier-001/quyet-dinh.pdf');
    const first = analyse(bytes, 0);
    expect(first.level).toBe('FORM_FILLING');
    expect(first.check).toMatchObject({ status: 'PASSED', params: { level: 'FORM_FILLING' } });
    expect(new Set(first.changes.map((c) => c.level))).toEqual(new Set(['FORM_FILLING']));
    expect(analyse(bytes, 1).level).toBe('NONE');
  });

  it('page content appended after signing: OTHER on page 1', () => {
    const r = analyse(sample('defects/appended-after-signing.pdf'));
    expect(r.level).toBe('OTHER');
    expect(r.check).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
      params: { pages: '1', level: 'OTHER' },
    });
    expect(r.changes).toContainEqual(
      expect.objectContaining({ kind: 'page', key: 'Contents', page: 1, level: 'OTHER' }),
    );
  });
});

describe('analyseModifications on updates made in the test', () => {
  it('a second hoso signature, visible with embedded fonts: FORM_FILLING', async () => {
    const first = await sign(unsignedForm(), testKey('officer'));
    const second = await sign(first.bytes, testKey('agency'), {
      visible: { page: 1, rect: [330, 104, 210, 64] },
      reason: 'Phê duyệt',
    });
    const r = analyse(second.bytes);
    expect(r.level).toBe('FORM_FILLING');
    expect(r.changes.length).toBeGreaterThan(6); // widget, signature, appearance, font objects
  });

  it('an annotation added: ANNOTATIONS', async () => {
    const { bytes } = await sign(unsignedForm());
    const edited = update(bytes, (pdf, upd) => {
      const note = upd.allocate();
      upd.set(
        note,
        new PdfDict([
          ['Type', name('Annot')],
          ['Subtype', name('Text')],
          ['Rect', [10, 10, 30, 30]],
          ['Contents', text('Đã xem')],
        ]),
      );
      setAnnots(pdf, upd, (old) => [...old, note]);
    });
    const r = analyse(edited);
    expect(r.level).toBe('ANNOTATIONS');
    expect(r.changes).toContainEqual(
      expect.objectContaining({ kind: 'annotation-added', page: 1, level: 'ANNOTATIONS' }),
    );
  });

  it('a DSS and a document timestamp field: LTA_UPDATES', async () => {
    const { bytes } = await sign(unsignedForm());
    const edited = update(bytes, (pdf, upd) => {
      const cert = upd.allocate();
      upd.set(cert, new PdfStream(new PdfDict(), new Uint8Array([0x30, 0x00])));
      const dss = upd.allocate();
      upd.set(dss, new PdfDict([['Certs', [cert]]]));
      const root = pdf.trailer.get('Root') as PdfRef;
      const catalog = cloneObject(pdf.catalog());
      catalog.set('DSS', dss);
      upd.set(root, catalog);
      addSignatureField(pdf, upd, fakeSignature('DocTimeStamp'));
    });
    const r = analyse(edited, 'Signature1');
    expect(r.level).toBe('LTA_UPDATES');
    expect(r.check.status).toBe('PASSED');
  });

  it('document information updated: LTA_UPDATES', async () => {
    const { bytes } = await sign(unsignedForm());
    const edited = update(bytes, (pdf, upd) => {
      const info = pdf.trailer.get('Info') as PdfRef;
      const d = cloneObject(pdf.lookupDict(info)!);
      d.set('ModDate', text("D:20261126000000+07'00'"));
      upd.set(info, d);
    });
    expect(analyse(edited).level).toBe('LTA_UPDATES');
  });

  it('a page attribute changed: OTHER, naming the page', async () => {
    const { bytes } = await sign(unsignedForm());
    const edited = update(bytes, (pdf, upd) => {
      const page = pdf.pages()[0]!;
      const d = cloneObject(page.dict);
      d.set('MediaBox', [0, 0, 100, 100]);
      upd.set(page.ref, d);
    });
    const r = analyse(edited);
    expect(r.level).toBe('OTHER');
    expect(r.check.params).toMatchObject({ pages: '1' });
    expect(r.changes).toContainEqual(expect.objectContaining({ kind: 'page', key: 'MediaBox' }));
  });

  it('the signature dictionary or its field changed after signing: OTHER', async () => {
    const { bytes } = await sign(unsignedForm());
    const pdf = open(bytes);
    const sig = findSignatures(pdf)[0]!;
    const reworded = update(bytes, (_pdf, upd) => {
      const d = cloneObject(sig.dictionary);
      d.set('Reason', text('something else'));
      upd.set(new PdfRef(sig.objectNumber!), d);
    });
    expect(analyse(reworded).changes).toContainEqual(
      expect.objectContaining({ kind: 'signature-dictionary-changed', level: 'OTHER' }),
    );
    const widget = (pdf.resolve(acroForm(pdf).dict.get('Fields')) as PdfRef[])[0]!;
    const restyled = update(bytes, (p, upd) => {
      const d = cloneObject(p.lookupDict(widget)!);
      d.set('AP', new PdfDict([['N', new PdfRef(1)]]));
      upd.set(widget, d);
    });
    expect(analyse(restyled).changes).toContainEqual(
      expect.objectContaining({ kind: 'signed-field-changed', level: 'OTHER' }),
    );
  });

  it('the signature field removed: OTHER', async () => {
    const { bytes } = await sign(unsignedForm());
    const edited = update(bytes, (pdf, upd) => {
      const acro = acroForm(pdf);
      const d = cloneObject(acro.dict);
      d.set('Fields', []);
      upd.set(acro.ref, d);
      setAnnots(pdf, upd, () => []);
    });
    const pdf = open(edited);
    expect(findSignatures(pdf)).toEqual([]);
    const r = analyseModifications(pdf, 1, 'Signature1');
    expect(r.level).toBe('OTHER');
    const kinds = r.changes.map((c) => c.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'field-removed',
        'signature-widget-removed',
        'signature-field-removed',
      ]),
    );
  });

  it('an object added under a number the signed page already referred to: OTHER', async () => {
    // The signed page draws XObject 9, which does not exist yet (a "shadow" prepared before
    // signing): defining it later changes what the page shows.
    const b = new PdfBuilder();
    b.obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
    b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    b.obj(
      3,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << /XObject << /X 9 0 R >> >> >>',
    );
    b.stream(4, '', 'q /X Do Q');
    const x = b.xref();
    b.trailer('<< /Size 5 /Root 1 0 R >>', x);
    const { bytes } = await sign(b.toBytes());
    const edited = update(bytes, (_pdf, upd) => {
      upd.set(
        new PdfRef(9),
        new PdfStream(
          new PdfDict([
            ['Type', name('XObject')],
            ['Subtype', name('Form')],
            ['BBox', [0, 0, 200, 200]],
          ]),
          new Uint8Array(Buffer.from('0 0 200 200 re f')),
        ),
      );
    });
    const r = analyse(edited);
    expect(r.level).toBe('OTHER');
    expect(r.changes).toContainEqual(
      expect.objectContaining({ object: 9, kind: 'added-to-content', page: 1 }),
    );
  });

  it('a new signature appearance that is also drawn by the page: OTHER', async () => {
    const b = basicObjects(new PdfBuilder());
    b.obj(
      5,
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 6 0 R /Resources << /XObject << /X 7 0 R >> >> >>',
    );
    b.obj(2, '<< /Type /Pages /Kids [5 0 R] /Count 1 >>');
    b.stream(6, '', 'q /X Do Q');
    b.stream(7, '/Type /XObject /Subtype /Form /BBox [0 0 200 200]', '');
    const x = b.xref();
    b.trailer('<< /Size 8 /Root 1 0 R >>', x);
    const { bytes } = await sign(b.toBytes());
    const edited = update(bytes, (pdf, upd) => {
      addSignatureField(pdf, upd, fakeSignature(), new PdfRef(7));
      upd.set(
        new PdfRef(7),
        new PdfStream(
          new PdfDict([
            ['Type', name('XObject')],
            ['Subtype', name('Form')],
            ['BBox', [0, 0, 200, 200]],
          ]),
          new Uint8Array(Buffer.from('0 0 200 200 re f')),
        ),
      );
    });
    const r = analyse(edited, 'Signature1');
    expect(r.level).toBe('OTHER');
    expect(r.changes).toContainEqual(expect.objectContaining({ object: 7, kind: 'content' }));
  });

  it('an existing empty signature field signed later: FORM_FILLING, unless more than signing changed', async () => {
    const b = new PdfBuilder();
    b.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [4 0 R] >> >>');
    b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    b.obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Annots [4 0 R] >>');
    b.obj(
      4,
      '<< /Type /Annot /Subtype /Widget /FT /Sig /T (Empty) /Rect [10 10 90 40] /P 3 0 R /F 4 >>',
    );
    const x = b.xref();
    b.trailer('<< /Size 5 /Root 1 0 R >>', x);
    const { bytes } = await sign(b.toBytes());
    const fill = (extra?: (d: PdfDict) => void) =>
      update(bytes, (pdf, upd) => {
        const v = upd.allocate();
        upd.set(v, fakeSignature());
        const ap = upd.allocate();
        upd.set(ap, new PdfStream(new PdfDict([['BBox', [0, 0, 80, 30]]]), new Uint8Array()));
        const d = cloneObject(pdf.lookupDict(new PdfRef(4))!);
        d.set('V', v);
        d.set('AP', new PdfDict([['N', ap]]));
        d.set('F', 132);
        extra?.(d);
        upd.set(new PdfRef(4), d);
      });
    const r = analyse(fill(), 'Signature1');
    expect(r.level).toBe('FORM_FILLING');
    const moved = analyse(
      fill((d) => d.set('Rect', [100, 100, 180, 130])),
      'Signature1',
    );
    expect(moved.level).toBe('OTHER');
    expect(moved.changes).toContainEqual(
      expect.objectContaining({ object: 4, kind: 'signature-field-changed', key: 'Rect' }),
    );
  });

  it('refuses a revision index outside the file', async () => {
    const pdf = open(sample('dossier-001/don-de-nghi.pdf'));
    expect(() => analyseModifications(pdf, 2)).toThrow(/no revision 2/);
  });
});

/**
 * A one-page form (ISO 32000-1 §12.7): text fields hoTen (object 4) and ghiChu (12), a check box
 * dongY (5) with /Yes and /Off appearances, each a field merged with its widget. hoTen's
 * appearance is stream 7, which `sharedWith` ghiChu, or with an empty signature field kyDuyet
 * (14), shows too; with `pageDraws`, the page's content also draws it as an XObject (so it is
 * page content as well).
 */
function formPdf(
  opts: { sharedWith?: 'ghiChu' | 'signature'; pageDraws?: boolean } = {},
): Uint8Array {
  const b = new PdfBuilder();
  b.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 6 0 R >>');
  b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  const xobject = opts.pageDraws ? ' /XObject << /X 7 0 R >>' : '';
  const fields = `4 0 R 5 0 R 12 0 R${opts.sharedWith === 'signature' ? ' 14 0 R' : ''}`;
  b.obj(
    3,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 9 0 R /Annots [${fields}] /Resources << /Font << /F1 11 0 R >>${xobject} >> >>`,
  );
  const widget = (t: string, rect: string, ap: string, extra = '') =>
    `<< /Type /Annot /Subtype /Widget /T (${t}) /Rect [${rect}] /P 3 0 R /F 4 /AP << /N ${ap} >>${extra} >>`;
  b.obj(4, widget('hoTen', '100 700 300 720', '7 0 R', ' /FT /Tx /V () /DA (/Helv 12 Tf 0 g)'));
  b.obj(
    5,
    widget(
      'dongY',
      '100 650 115 665',
      '<< /Yes 8 0 R /Off 10 0 R >>',
      ' /FT /Btn /V /Off /AS /Off',
    ),
  );
  b.obj(6, `<< /Fields [${fields}] /DR << /Font << /Helv 11 0 R >> >> /DA (/Helv 0 Tf 0 g) >>`);
  const form = '/Type /XObject /Subtype /Form /BBox [0 0 200 20]';
  b.stream(7, form, '/Tx BMC EMC');
  b.stream(8, '/Type /XObject /Subtype /Form /BBox [0 0 15 15]', '0 0 15 15 re f');
  b.stream(
    9,
    '',
    `BT /F1 12 Tf 100 750 Td (Don de nghi) Tj ET${opts.pageDraws ? ' q /X Do Q' : ''}`,
  );
  b.stream(10, '/Type /XObject /Subtype /Form /BBox [0 0 15 15]', '');
  b.obj(11, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  b.obj(
    12,
    widget(
      'ghiChu',
      '100 600 300 620',
      opts.sharedWith === 'ghiChu' ? '7 0 R' : '13 0 R',
      ' /FT /Tx /DA (/Helv 12 Tf 0 g)',
    ),
  );
  b.stream(13, form, '/Tx BMC EMC');
  if (opts.sharedWith === 'signature')
    b.obj(14, widget('kyDuyet', '300 100 500 160', '7 0 R', ' /FT /Sig'));
  const x = b.xref();
  b.trailer(`<< /Size ${opts.sharedWith === 'signature' ? 15 : 14} /Root 1 0 R >>`, x);
  return b.toBytes();
}

const HO_TEN = new PdfRef(4);
const DONG_Y = new PdfRef(5);

/** A text field's appearance showing `value` (what a viewer draws when it fills the field). */
const textAppearance = (value: string) =>
  new PdfStream(
    new PdfDict([
      ['Type', name('XObject')],
      ['Subtype', name('Form')],
      ['BBox', [0, 0, 200, 20]],
      ['Resources', new PdfDict([['Font', new PdfDict([['Helv', new PdfRef(11)]])]])],
    ]),
    new Uint8Array(Buffer.from(`/Tx BMC BT /Helv 12 Tf 2 6 Td (${value}) Tj ET EMC`, 'latin1')),
  );

/**
 * Fills hoTen the way a viewer does: a new /V and a new appearance stream for /AP /N; `extra`
 * edits the new version of the field further.
 */
function fillHoTen(
  bytes: Uint8Array,
  extra?: (d: PdfDict, pdf: PdfFile, upd: IncrementalUpdate) => void,
): Uint8Array {
  return update(bytes, (pdf, upd) => {
    const ap = upd.allocate();
    upd.set(ap, textAppearance('Nguyen Van An'));
    const d = cloneObject(pdf.lookupDict(HO_TEN)!);
    d.set('V', text('Nguyễn Văn An'));
    d.set('AP', new PdfDict([['N', ap]]));
    extra?.(d, pdf, upd);
    upd.set(HO_TEN, d);
  });
}

const verifyCtx = {
  trust: TrustStore.fromBytes({ anchors: [testCertDer('root')] }),
  at: new Date('2026-11-25T08:00:00Z'),
  policy: 'strict' as const,
  extraCertificates: [],
};

describe('analyseModifications: filling in form fields that are not signature fields', () => {
  it('a text field filled in (/V and a new /AP /N stream): FORM_FILLING, the signature TOTAL_PASSED', async () => {
    const { bytes } = await sign(formPdf());
    const filled = fillHoTen(bytes);
    const r = analyse(filled);
    expect(r.level).toBe('FORM_FILLING');
    expect(r.check).toMatchObject({ status: 'PASSED', params: { level: 'FORM_FILLING' } });
    expect(r.changes).toContainEqual(
      expect.objectContaining({
        object: 4,
        kind: 'form-field-filled',
        level: 'FORM_FILLING',
        page: 1,
        fields: ['hoTen'],
      }),
    );
    expect(r.changes).toContainEqual(
      expect.objectContaining({
        kind: 'form-appearance',
        level: 'FORM_FILLING',
        fields: ['hoTen'],
      }),
    );
    const [sig] = verifyPdfSignatures(new BufferSource(filled), verifyCtx);
    expect(sig!.modificationLevel).toBe('FORM_FILLING');
    expect(sig!.indication, JSON.stringify(sig!.checks)).toBe('TOTAL_PASSED');
  });

  it("a check box ticked (/V and the widget's /AS): FORM_FILLING", async () => {
    const { bytes } = await sign(formPdf());
    const ticked = update(bytes, (pdf, upd) => {
      const d = cloneObject(pdf.lookupDict(DONG_Y)!);
      d.set('V', name('Yes'));
      d.set('AS', name('Yes'));
      upd.set(DONG_Y, d);
    });
    const r = analyse(ticked);
    expect(r.level).toBe('FORM_FILLING');
    expect(r.changes).toContainEqual(
      expect.objectContaining({ object: 5, kind: 'form-field-filled', fields: ['dongY'] }),
    );
    // the state shown changing alone is not ticking the box
    const shownOnly = update(bytes, (pdf, upd) => {
      upd.set(DONG_Y, cloneObject(pdf.lookupDict(DONG_Y)!).set('AS', name('Yes')));
    });
    expect(analyse(shownOnly).changes).toContainEqual(
      expect.objectContaining({ object: 5, kind: 'appearance-without-value', key: 'AS' }),
    );
  });

  it('filling in that also moves the widget (/Rect) or hides it (/F): OTHER', async () => {
    const { bytes } = await sign(formPdf());
    const moved = analyse(fillHoTen(bytes, (d) => d.set('Rect', [100, 100, 300, 120])));
    expect(moved.level).toBe('OTHER');
    expect(moved.check).toMatchObject({ status: 'FAILED', params: { pages: '1' } });
    expect(moved.changes).toContainEqual(
      expect.objectContaining({ object: 4, kind: 'form-field-changed', key: 'Rect', page: 1 }),
    );
    const hidden = analyse(fillHoTen(bytes, (d) => d.set('F', 2)));
    expect(hidden.level).toBe('OTHER');
    expect(hidden.changes).toContainEqual(
      expect.objectContaining({ object: 4, kind: 'form-field-changed', key: 'F' }),
    );
    const action = analyse(
      fillHoTen(bytes, (d) =>
        d.set(
          'AA',
          new PdfDict([
            [
              'K',
              new PdfDict([
                ['S', name('JavaScript')],
                ['JS', text('app.alert(1)')],
              ]),
            ],
          ]),
        ),
      ),
    );
    expect(action.changes).toContainEqual(
      expect.objectContaining({ object: 4, kind: 'form-field-changed', key: 'AA' }),
    );
  });

  it('a new field that is not a signature field: OTHER (forms are filled in, not extended)', async () => {
    const { bytes } = await sign(formPdf());
    const extended = update(bytes, (pdf, upd) => {
      const field = upd.allocate();
      upd.set(
        field,
        new PdfDict([
          ['Type', name('Annot')],
          ['Subtype', name('Widget')],
          ['FT', name('Tx')],
          ['T', text('soTien')],
          ['V', text('1000000')],
          ['Rect', [100, 550, 300, 570]],
          ['P', pdf.pages()[0]!.ref],
        ]),
      );
      setAnnots(pdf, upd, (old) => [...old, field]);
      const acro = acroForm(pdf);
      const d = cloneObject(acro.dict);
      d.set('Fields', [...(pdf.resolve(acro.dict.get('Fields')) as PdfObject[]), field]);
      upd.set(acro.ref, d);
    });
    const r = analyse(extended);
    expect(r.level).toBe('OTHER');
    const kinds = r.changes.filter((c) => c.level === 'OTHER').map((c) => c.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['field-added', 'widget-added', 'form-field-added']),
    );
    expect(r.changes).toContainEqual(
      expect.objectContaining({ kind: 'field-added', fields: ['soTien'] }),
    );
  });

  it('an appearance redrawn over an unchanged value (the "replace" shadow attack): OTHER', async () => {
    // Signed with a value its appearance does not show, then only the appearance is redrawn.
    const { bytes } = await sign(
      update(formPdf(), (pdf, upd) => {
        upd.set(HO_TEN, cloneObject(pdf.lookupDict(HO_TEN)!).set('V', text('Attacker')));
      }),
    );
    const redrawn = update(bytes, (pdf, upd) => {
      const ap = upd.allocate();
      upd.set(ap, textAppearance('Attacker'));
      upd.set(HO_TEN, cloneObject(pdf.lookupDict(HO_TEN)!).set('AP', new PdfDict([['N', ap]])));
    });
    const r = analyse(redrawn);
    expect(r.level).toBe('OTHER');
    expect(r.changes).toContainEqual(
      expect.objectContaining({ object: 4, kind: 'appearance-without-value', key: 'AP' }),
    );
    expect(r.changes).toContainEqual(
      expect.objectContaining({ kind: 'appearance-without-value', fields: ['hoTen'] }),
    );
  });

  it('an appearance stream rewritten in place: filling in when only filled fields show it', async () => {
    const rewrite = async (base: Uint8Array, alsoGhiChu = false) => {
      const { bytes } = await sign(base);
      return analyse(
        update(bytes, (pdf, upd) => {
          upd.set(HO_TEN, cloneObject(pdf.lookupDict(HO_TEN)!).set('V', text('Nguyễn Văn An')));
          if (alsoGhiChu) {
            const ghiChu = new PdfRef(12);
            upd.set(ghiChu, cloneObject(pdf.lookupDict(ghiChu)!).set('V', text('Nguyễn Văn An')));
          }
          upd.set(new PdfRef(7), textAppearance('Nguyen Van An'));
        }),
      );
    };
    const own = await rewrite(formPdf());
    expect(own.level).toBe('FORM_FILLING');
    expect(own.changes).toContainEqual(
      expect.objectContaining({ object: 7, kind: 'form-appearance', fields: ['hoTen'] }),
    );
    // ghiChu shows stream 7 too: rewriting it redraws a field that was not filled in…
    const shared = await rewrite(formPdf({ sharedWith: 'ghiChu' }));
    expect(shared.level).toBe('OTHER');
    const seven = shared.changes.find((c) => c.object === 7)!;
    expect(seven).toMatchObject({ kind: 'appearance-without-value', level: 'OTHER' });
    expect(seven.fields).toEqual(expect.arrayContaining(['hoTen', 'ghiChu']));
    // …unless ghiChu is filled in as well
    expect((await rewrite(formPdf({ sharedWith: 'ghiChu' }), true)).level).toBe('FORM_FILLING');
    // an empty signature field shows it: what that field showed when signed changes
    const withSignature = await rewrite(formPdf({ sharedWith: 'signature' }));
    expect(withSignature.level).toBe('OTHER');
    expect(withSignature.changes).toContainEqual(
      expect.objectContaining({ object: 7, kind: 'signed-field-appearance-changed' }),
    );
    // the page draws stream 7 as well: it is page content
    const drawn = await rewrite(formPdf({ pageDraws: true }));
    expect(drawn.level).toBe('OTHER');
    expect(drawn.changes).toContainEqual(
      expect.objectContaining({ object: 7, kind: 'content', page: 1 }),
    );
  });

  it('a new appearance under a number the signed page already drew: OTHER', async () => {
    // The page draws XObject 20, which does not exist when signed; filling hoTen with an
    // appearance written as object 20 would change the page too.
    const base = update(formPdf(), (pdf, upd) => {
      const page = pdf.pages()[0]!;
      const resources = cloneObject(pdf.lookupDict(page.dict.get('Resources'))!);
      resources.set('XObject', new PdfDict([['S', new PdfRef(20)]]));
      upd.set(page.ref, cloneObject(page.dict).set('Resources', resources));
      upd.set(
        new PdfRef(9),
        new PdfStream(new PdfDict(), new Uint8Array(Buffer.from('q /S Do Q'))),
      );
    });
    const { bytes } = await sign(base);
    const shadow = update(bytes, (pdf, upd) => {
      upd.set(new PdfRef(20), textAppearance('Nguyen Van An'));
      const d = cloneObject(pdf.lookupDict(HO_TEN)!);
      d.set('V', text('Nguyễn Văn An'));
      d.set('AP', new PdfDict([['N', new PdfRef(20)]]));
      upd.set(HO_TEN, d);
    });
    const r = analyse(shadow);
    expect(r.level).toBe('OTHER');
    expect(r.changes).toContainEqual(
      expect.objectContaining({ object: 20, kind: 'added-to-content', page: 1 }),
    );
  });
});

// Files signed by other software (../shared/corpus, outside this repository). This is the
// only part of the suite that may skip: the project's own tests must pass without ../shared.
const CORPUS = join(ROOT, '..', 'shared', 'corpus');
const corpusFile = (p: string) => new Uint8Array(readFileSync(join(CORPUS, p)));

describe.skipIf(!existsSync(CORPUS))('analyseModifications on ../shared/corpus', () => {
  it('pyHanko: two fields signed twice by Adobe Reader, signature 1 FORM_FILLING', () => {
    expect(analyse(corpusFile('pyhanko/pdf/minimal-two-fields-signed-twice.pdf')).level).toBe(
      'FORM_FILLING',
    );
    expect(analyse(corpusFile('pyhanko/pdf/minimal-signed-twice-both-created.pdf')).level).toBe(
      'FORM_FILLING',
    );
  });

  it('DSS: an annotation added after signing, ANNOTATIONS', () => {
    expect(analyse(corpusFile('dss/pades/pades-signed-annot-added.pdf')).level).toBe('ANNOTATIONS');
  });

  it('pyHanko: DSS and document timestamp after a PAdES signature, LTA_UPDATES', () => {
    expect(analyse(corpusFile('pyhanko/pdf/pades-lta-dss-indirect-arrs-test.pdf')).level).toBe(
      'LTA_UPDATES',
    );
  });

  it('shadow attacks and a page added: OTHER', () => {
    // replace.pdf redraws a text field's appearance over its unchanged value after signing
    expect(analyse(corpusFile('dss/pades/replace.pdf')).changes).toContainEqual(
      expect.objectContaining({ kind: 'appearance-without-value', fields: ['Text1'] }),
    );
    for (const f of [
      'dss/pades/hide.pdf',
      'dss/pades/replace.pdf',
      'dss/pades/pdf-signed-added-page.pdf',
      'pyhanko/pdf/form-update-override-appearance-stream-sneaky.pdf',
    ]) {
      expect([f, analyse(corpusFile(f)).level]).toEqual([f, 'OTHER']);
    }
  });
});
