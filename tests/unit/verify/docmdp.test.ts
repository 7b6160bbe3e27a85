// Certification signatures (ISO 32000-1 §12.8.2.2 DocMDP) and field locks (§12.8.2.4 FieldMDP)
// through the whole verifier: made with hoso's own signer and the test PKI (test-certs/), then
// extended with incremental updates built in the test (src/pdf's IncrementalUpdate) the way a
// later signer, reviewer or forger would.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSignedData, schemeFor } from '../../../src/cms/index.js';
import { BufferSource } from '../../../src/kernel/index.js';
import {
  cloneObject,
  findSignatures,
  IncrementalUpdate,
  isPdfArray,
  openPdf,
  pdfDate,
  PdfDict,
  PdfName,
  PdfRaw,
  PdfRef,
  PdfStream,
  PdfString,
  pdfTextString,
  type PdfFile,
  type PdfObject,
  type PdfSignature,
} from '../../../src/pdf/index.js';
import { describeCheck } from '../../../src/report/check-messages.js';
import type { Check, SignatureReport } from '../../../src/report/model.js';
import { renderText } from '../../../src/report/text-renderer.js';
import { TrustStore } from '../../../src/trust/index.js';
import { verifyPdfSignatures } from '../../../src/verify/index.js';
import { certificationOf, docMdpCheck } from '../../../src/verify/docmdp.js';
import { testCertDer, testKey } from '../../support/test-keys.js';
import { concat, PdfBuilder } from '../pdf/pdf-builder.js';
import { latin, sign, unsignedForm } from '../pdf/signed-fixtures.js';

const ctx = {
  trust: TrustStore.fromBytes({ anchors: [testCertDer('root')] }),
  at: new Date('2026-11-25T08:00:00Z'),
  policy: 'strict' as const,
  extraCertificates: [],
};

const verify = (bytes: Uint8Array): SignatureReport[] =>
  verifyPdfSignatures(new BufferSource(bytes), ctx);
const docmdp = (s: SignatureReport): Check =>
  s.checks.find((c) => c.id === 'pdf.modifications.docmdp')!;
const fieldmdp = (s: SignatureReport): Check =>
  s.checks.find((c) => c.id === 'pdf.modifications.fieldmdp')!;
const open = (bytes: Uint8Array): PdfFile => openPdf(new BufferSource(bytes));

/** Appends an incremental update made by `edit`. */
function update(bytes: Uint8Array, edit: (pdf: PdfFile, upd: IncrementalUpdate) => void) {
  const pdf = open(bytes);
  const upd = new IncrementalUpdate(pdf);
  edit(pdf, upd);
  return concat(bytes, upd.build({ baseLength: bytes.length }).bytes);
}

/** A sticky note on page 1 (a Text annotation), added the way a reviewer's viewer would. */
function addAnnotation(bytes: Uint8Array): Uint8Array {
  return update(bytes, (pdf, upd) => {
    const note = upd.allocate();
    const page = pdf.pages()[0]!;
    upd.set(
      note,
      new PdfDict([
        ['Type', PdfName.of('Annot')],
        ['Subtype', PdfName.of('Text')],
        ['Rect', [50, 700, 70, 720]],
        ['Contents', new PdfString(new Uint8Array(Buffer.from('Đã xem', 'utf16le')))],
        ['P', page.ref],
      ]),
    );
    const current = page.dict.get('Annots');
    const list = pdf.resolve(current);
    const annots = [...(isPdfArray(list) ? list : []), note];
    if (current instanceof PdfRef) {
      upd.set(current, annots);
    } else {
      const d = cloneObject(page.dict);
      d.set('Annots', annots);
      upd.set(page.ref, d);
    }
  });
}

/** Page 1 gets a new content stream drawn over the old one (what a forger does). */
function changeContent(bytes: Uint8Array): Uint8Array {
  return update(bytes, (pdf, upd) => {
    const page = pdf.pages()[0]!;
    const extra = upd.allocate();
    upd.set(
      extra,
      new PdfStream(new PdfDict(), new Uint8Array(Buffer.from('0 0 1 rg 10 10 100 100 re f'))),
    );
    const contents = page.dict.get('Contents');
    const d = cloneObject(page.dict);
    d.set('Contents', [...(isPdfArray(contents) ? contents : contents ? [contents] : []), extra]);
    upd.set(page.ref, d);
  });
}

/** The document catalog's /Perms /DocMDP pointed at `target`. */
function pointPermsAt(bytes: Uint8Array, target: PdfRef): Uint8Array {
  return update(bytes, (pdf, upd) => {
    const catalog = cloneObject(pdf.catalog());
    catalog.set('Perms', new PdfDict([['DocMDP', target]]));
    upd.set(pdf.trailer.get('Root') as PdfRef, catalog);
  });
}

describe('certification signatures (DocMDP)', () => {
  it('P=2 then an approval signature: both TOTAL_PASSED, level 2 on the first', async () => {
    const certified = await sign(unsignedForm(), testKey('officer'), { certify: 2 });
    expect(certified.result.certification).toBe(2);
    const approved = await sign(certified.bytes, testKey('agency'));
    expect(approved.result.certification).toBeNull();
    const [first, second] = verify(approved.bytes);
    expect(first!.indication, JSON.stringify(first!.checks)).toBe('TOTAL_PASSED');
    expect(second!.indication, JSON.stringify(second!.checks)).toBe('TOTAL_PASSED');
    expect(first!.certificationLevel).toBe(2);
    expect(first!.modificationLevel).toBe('FORM_FILLING');
    expect(docmdp(first!)).toMatchObject({
      status: 'PASSED',
      params: { level: 2, found: 'FORM_FILLING', later: 1 },
    });
    expect(second!.certificationLevel).toBeNull();
    expect(docmdp(second!).status).toBe('SKIPPED');
    // the check sits right after pdf.modifications
    const ids = first!.checks.map((c) => c.id);
    expect(ids.indexOf('pdf.modifications.docmdp')).toBe(ids.indexOf('pdf.modifications') + 1);

    expect(describeCheck(docmdp(first!), 'vi').text).toBe(
      'chữ ký chứng nhận (DocMDP mức 2): chỉ cho phép điền biểu mẫu và ký thêm; các bản sửa đổi sau đều trong phạm vi cho phép (1 bản sửa đổi)',
    );
    expect(describeCheck(docmdp(first!), 'en').text).toBe(
      'certification signature (DocMDP level 2): only form filling and further signatures allowed; every later revision stays within what it allows (1 revision(s))',
    );
  });

  it('a certification alone passes, with no later revision', async () => {
    for (const level of [1, 2, 3] as const) {
      const { bytes } = await sign(unsignedForm(), testKey('officer'), { certify: level });
      const [sig] = verify(bytes);
      expect(sig!.indication).toBe('TOTAL_PASSED');
      expect(sig!.certificationLevel).toBe(level);
      expect(docmdp(sig!)).toMatchObject({ status: 'PASSED', params: { level, found: 'NONE' } });
    }
  });

  it('P=1: an added annotation or changed page content fails the certification', async () => {
    const { bytes } = await sign(unsignedForm(), testKey('officer'), { certify: 1 });
    const annotated = verify(addAnnotation(bytes))[0]!;
    // the annotation alone is a permitted change for an approval signature…
    expect(annotated.checks.find((c) => c.id === 'pdf.modifications')!.status).toBe('PASSED');
    expect(annotated.modificationLevel).toBe('ANNOTATIONS');
    // …not for a P=1 certification
    expect(docmdp(annotated)).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
      params: { level: 1, found: 'ANNOTATIONS', revision: 3 },
    });
    expect(annotated.indication).toBe('TOTAL_FAILED');
    expect(annotated.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
    expect(describeCheck(docmdp(annotated), 'vi').text).toBe(
      'Chữ ký chứng nhận (DocMDP mức 1: không cho phép thay đổi gì, trừ bổ sung dữ liệu kiểm tra dài hạn và dấu thời gian), nhưng sau khi ký có thêm ghi chú, đánh dấu (bản sửa đổi thứ 3)',
    );

    const forged = verify(changeContent(bytes))[0]!;
    expect(forged.indication).toBe('TOTAL_FAILED');
    expect(docmdp(forged)).toMatchObject({
      status: 'FAILED',
      params: { level: 1, found: 'OTHER', pages: '1' },
    });
  });

  it('P=3 allows an annotation, P=2 does not', async () => {
    const p3 = await sign(unsignedForm(), testKey('officer'), { certify: 3 });
    const ok = verify(addAnnotation(p3.bytes))[0]!;
    expect(ok.indication).toBe('TOTAL_PASSED');
    expect(docmdp(ok)).toMatchObject({ status: 'PASSED', params: { level: 3 } });

    const p2 = await sign(unsignedForm(), testKey('officer'), { certify: 2 });
    const bad = verify(addAnnotation(p2.bytes))[0]!;
    expect(docmdp(bad)).toMatchObject({ status: 'FAILED', params: { found: 'ANNOTATIONS' } });
    expect(bad.indication).toBe('TOTAL_FAILED');
  });

  it('P=2 fails when a later revision changes page content, even after an approval signature', async () => {
    const certified = await sign(unsignedForm(), testKey('officer'), { certify: 2 });
    const approved = await sign(certified.bytes, testKey('agency'));
    const [first, second] = verify(changeContent(approved.bytes));
    expect(docmdp(first!)).toMatchObject({
      status: 'FAILED',
      params: { level: 2, found: 'OTHER' },
    });
    expect(second!.indication).toBe('TOTAL_FAILED'); // its own pdf.modifications
    expect(docmdp(second!).status).toBe('SKIPPED');
  });

  it('a certification after an approval signature fails (ISO 32000-1 §12.8.2.2.1)', async () => {
    // hoso refuses to certify a signed document, so hide the approval signature from the form
    // for the signer, certify, and put the approval field back in a later revision: the
    // certification is then the second signature of the file.
    const approval = await sign(unsignedForm(), testKey('agency'));
    const acroRef = open(approval.bytes).catalog().get('AcroForm') as PdfRef;
    let fields: PdfDict | undefined;
    const hidden = update(approval.bytes, (pdf, upd) => {
      fields = pdf.lookupDict(acroRef)!;
      upd.set(acroRef, cloneObject(fields).set('Fields', []));
    });
    expect(findSignatures(open(hidden))).toHaveLength(0);
    const certified = await sign(hidden, testKey('officer'), { certify: 2 });
    const restored = update(certified.bytes, (pdf, upd) => {
      const acro = cloneObject(pdf.lookupDict(acroRef)!);
      const now = pdf.resolve(acro.get('Fields'));
      const before = pdf.resolve(fields!.get('Fields'));
      acro.set('Fields', [...(isPdfArray(before) ? before : []), ...(isPdfArray(now) ? now : [])]);
      upd.set(acroRef, acro);
    });
    const [first, second] = verify(restored);
    expect(first!.certificationLevel).toBeNull();
    expect(docmdp(first!).status).toBe('SKIPPED');
    expect(second!.certificationLevel).toBe(2);
    expect(docmdp(second!)).toMatchObject({
      status: 'FAILED',
      subIndication: 'FORMAT_FAILURE',
      params: { level: 2, problem: 'not-first' },
    });
    expect(second!.indication).toBe('TOTAL_FAILED');
    expect(describeCheck(docmdp(second!), 'vi').text).toBe(
      'Chữ ký chứng nhận không hợp lệ: chữ ký chứng nhận phải là chữ ký đầu tiên của tài liệu, nhưng trước nó đã có chữ ký khác',
    );
  });

  it('/Perms /DocMDP naming an approval signature is a certification without DocMDP', async () => {
    const approval = await sign(unsignedForm(), testKey('agency'));
    const [sig] = findSignatures(open(approval.bytes));
    const claimed = verify(pointPermsAt(approval.bytes, new PdfRef(sig!.objectNumber!, 0)))[0]!;
    expect(claimed.certificationLevel).toBeNull();
    expect(docmdp(claimed)).toMatchObject({
      status: 'FAILED',
      subIndication: 'FORMAT_FAILURE',
      params: { problem: 'no-reference' },
    });
  });

  it('P=1 still allows DSS updates (ISO 32000-2 §12.8.2.2.1)', async () => {
    const { bytes } = await sign(unsignedForm(), testKey('officer'), { certify: 1 });
    const withDss = update(bytes, (pdf, upd) => {
      const cert = upd.allocate();
      upd.set(cert, new PdfStream(new PdfDict(), testCertDer('intermediate')));
      const catalog = cloneObject(pdf.catalog());
      catalog.set('DSS', new PdfDict([['Certs', [cert]]]));
      upd.set(pdf.trailer.get('Root') as PdfRef, catalog);
    });
    const [sig] = verify(withDss);
    expect(sig!.modificationLevel).toBe('LTA_UPDATES');
    expect(docmdp(sig!)).toMatchObject({ status: 'PASSED', params: { level: 1 } });
    expect(sig!.indication).toBe('TOTAL_PASSED');
  });

  it('/Perms /DocMDP naming another signature fails the certification', async () => {
    const certified = await sign(unsignedForm(), testKey('officer'), { certify: 2 });
    const approved = await sign(certified.bytes, testKey('agency'));
    const sigs = findSignatures(open(approved.bytes));
    const moved = pointPermsAt(approved.bytes, new PdfRef(sigs[1]!.objectNumber!, 0));
    const [first, second] = verify(moved);
    expect(docmdp(first!)).toMatchObject({
      status: 'FAILED',
      params: { problem: 'perms-elsewhere' },
    });
    expect(first!.indication).toBe('TOTAL_FAILED');
    expect(docmdp(second!)).toMatchObject({
      status: 'FAILED',
      params: { problem: 'no-reference' },
    });
  });

  it('the text report names the certification level', async () => {
    const certified = await sign(unsignedForm(), testKey('officer'), { certify: 2 });
    const approved = await sign(certified.bytes, testKey('agency'));
    const signatures = verify(approved.bytes);
    const report = {
      schemaVersion: 1 as const,
      validationTime: '2026-11-25T08:00:00Z',
      summary: { files: 1, passed: 1, failed: 0, indeterminate: 0, unsigned: 0 },
      files: [
        {
          path: 'ban-sao.pdf',
          sha256: '0'.repeat(64),
          format: 'pdf' as const,
          indication: 'TOTAL_PASSED' as const,
          signatures,
          error: null,
        },
      ],
    };
    const vi = renderText(report, { lang: 'vi', color: false });
    expect(vi).toContain('    Chữ ký chứng nhận — mức 2: cho phép điền biểu mẫu và ký thêm\n');
    expect(vi.match(/Chữ ký chứng nhận/g)).toHaveLength(1);
    const en = renderText(report, { lang: 'en', color: false });
    expect(en).toContain(
      'Certification signature — level 2: form filling and further signatures allowed',
    );
  });
});

describe('certificationOf (malformed certifications)', () => {
  const sig = (objectNumber: number, docMdp: PdfSignature['docMdp']): PdfSignature =>
    ({ objectNumber, docMdp }) as PdfSignature;

  it('names each defect', () => {
    const cert = sig(10, { permission: 2, count: 1 });
    const approval = sig(20, null);
    expect(certificationOf([cert, approval], 0, 10)).toEqual({
      level: 2,
      permission: 2,
      problem: null,
      namedByPerms: true,
    });
    // /Perms is optional (Table 258): detection works without it
    expect(certificationOf([cert], 0, null)?.problem).toBeNull();
    expect(certificationOf([approval, cert], 0, null)).toBeNull();
    expect(certificationOf([approval, cert], 1, null)?.problem).toBe('not-first');
    expect(certificationOf([cert], 0, 20)?.problem).toBe('perms-elsewhere');
    expect(certificationOf([cert], 0, 'not-a-reference')?.problem).toBe('perms-not-a-reference');
    expect(certificationOf([sig(10, { permission: 4, count: 1 })], 0, 10)).toMatchObject({
      level: null,
      permission: 4,
      problem: 'invalid-permission',
    });
    expect(certificationOf([sig(10, { permission: null, count: 1 })], 0, 10)?.problem).toBe(
      'invalid-permission',
    );
    expect(certificationOf([sig(10, { permission: 1, count: 2 })], 0, 10)?.problem).toBe('several');
    expect(certificationOf([approval], 0, 20)?.problem).toBe('no-reference');
  });

  it('words a malformed certification and an unanalysed one', () => {
    const invalid = docMdpCheck(
      certificationOf([sig(10, { permission: 7, count: 1 })], 0, 10),
      { level: 'NONE', changes: [] },
      0,
    );
    expect(invalid).toMatchObject({ status: 'FAILED', subIndication: 'FORMAT_FAILURE' });
    expect(invalid.detail).toContain('(P 7)');
    expect(describeCheck(invalid, 'en').text).toBe(
      'Invalid certification signature: its DocMDP permission level (P) is not 1, 2 or 3',
    );
    const unanalysed = docMdpCheck(
      certificationOf([sig(10, { permission: 3, count: 1 })], 0, 10),
      null,
      1,
    );
    expect(unanalysed).toMatchObject({ status: 'INDETERMINATE', params: { level: 3 } });
    expect(describeCheck(unanalysed, 'vi').text).toBe(
      'Chưa xác định được các thay đổi sau khi ký có nằm trong phạm vi chữ ký chứng nhận (DocMDP mức 3) cho phép hay không',
    );
  });
});

/**
 * A one-page form: text fields hoTen (object 4) and ghiChu (5), each a field merged with its
 * widget, with empty appearances (6, 7).
 */
function formPdf(): Uint8Array {
  const b = new PdfBuilder();
  b.obj(1, '<< /Type /Catalog /Pages 2 0 R /AcroForm 8 0 R >>');
  b.obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  b.obj(
    3,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 9 0 R /Annots [4 0 R 5 0 R] /Resources << /Font << /F1 10 0 R >> >> >>',
  );
  const field = (t: string, y: number, ap: number) =>
    `<< /Type /Annot /Subtype /Widget /FT /Tx /T (${t}) /V () /Rect [100 ${y} 300 ${y + 20}] /P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) /AP << /N ${ap} 0 R >> >>`;
  b.obj(4, field('hoTen', 700, 6));
  b.obj(5, field('ghiChu', 650, 7));
  b.stream(6, '/Type /XObject /Subtype /Form /BBox [0 0 200 20]', '/Tx BMC EMC');
  b.stream(7, '/Type /XObject /Subtype /Form /BBox [0 0 200 20]', '/Tx BMC EMC');
  b.obj(8, '<< /Fields [4 0 R 5 0 R] /DR << /Font << /Helv 10 0 R >> >> /DA (/Helv 0 Tf 0 g) >>');
  b.stream(9, '', 'BT /F1 12 Tf 100 750 Td (Don de nghi) Tj ET');
  b.obj(10, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const x = b.xref();
  b.trailer('<< /Size 11 /Root 1 0 R >>', x);
  return b.toBytes();
}

const FIELDS = { hoTen: new PdfRef(4), ghiChu: new PdfRef(5) } as const;

/** Fills in a text field as a viewer does: a new /V and a new appearance stream drawing it. */
function fill(bytes: Uint8Array, field: keyof typeof FIELDS, value: string): Uint8Array {
  return update(bytes, (pdf, upd) => {
    const ap = upd.allocate();
    upd.set(
      ap,
      new PdfStream(
        new PdfDict([
          ['Type', PdfName.of('XObject')],
          ['Subtype', PdfName.of('Form')],
          ['BBox', [0, 0, 200, 20]],
          ['Resources', new PdfDict([['Font', new PdfDict([['Helv', new PdfRef(10)]])]])],
        ]),
        latin(`/Tx BMC BT /Helv 12 Tf 2 6 Td (${value}) Tj ET EMC`),
      ),
    );
    const d = cloneObject(pdf.lookupDict(FIELDS[field])!);
    d.set('V', pdfTextString(value));
    d.set('AP', new PdfDict([['N', ap]]));
    upd.set(FIELDS[field], d);
  });
}

/** A field lock dictionary (Table 233) or FieldMDP transform parameters (Table 256). */
function lockDict(action: string, fields?: readonly string[], transform = false): PdfDict {
  const d = new PdfDict([
    ['Type', PdfName.of(transform ? 'TransformParams' : 'SigFieldLock')],
    ['Action', PdfName.of(action)],
  ]);
  if (fields)
    d.set(
      'Fields',
      fields.map((f) => pdfTextString(f)),
    );
  if (transform) d.set('V', PdfName.of('1.2'));
  return d;
}

/**
 * Signs `base` in a new signature field that carries field locks, the way Acrobat does when the
 * field says what to lock: `lock` as the field's /Lock, `transform` as a FieldMDP signature
 * reference in the signature dictionary. hoso's own signer writes neither, so the field, the
 * ByteRange and the CMS are made here, with the same building blocks (src/pdf, src/cms).
 */
async function signWithLocks(
  base: Uint8Array,
  opts: { lock?: PdfDict; transform?: PdfDict },
): Promise<Uint8Array> {
  const pdf = open(base);
  const upd = new IncrementalUpdate(pdf);
  const contents = new PdfRaw(latin(`<${'0'.repeat(16384)}>`));
  const byteRange = new PdfRaw(latin(`[0 ${'0'.repeat(10)} ${'0'.repeat(10)} ${'0'.repeat(10)}]`));
  const sigRef = upd.allocate();
  const sig = new PdfDict([
    ['Type', PdfName.of('Sig')],
    ['Filter', PdfName.of('Adobe.PPKLite')],
    ['SubFilter', PdfName.of('ETSI.CAdES.detached')],
    ['ByteRange', byteRange],
    ['Contents', contents],
    ['M', pdfDate(new Date('2026-11-25T07:00:00Z'), 420)],
  ]);
  if (opts.transform) {
    sig.set('Reference', [
      new PdfDict([
        ['Type', PdfName.of('SigRef')],
        ['TransformMethod', PdfName.of('FieldMDP')],
        ['TransformParams', opts.transform],
      ]),
    ]);
  }
  upd.set(sigRef, sig);
  const ap = upd.allocate();
  upd.set(ap, new PdfStream(new PdfDict([['BBox', [0, 0, 0, 0]]]), new Uint8Array()));
  const page = pdf.pages()[0]!;
  const widget = upd.allocate();
  const field = new PdfDict([
    ['Type', PdfName.of('Annot')],
    ['Subtype', PdfName.of('Widget')],
    ['FT', PdfName.of('Sig')],
    ['T', pdfTextString('kyDuyet')],
    ['V', sigRef],
    ['F', 132],
    ['Rect', [0, 0, 0, 0]],
    ['P', page.ref],
    ['AP', new PdfDict([['N', ap]])],
  ]);
  if (opts.lock) {
    // Table 233: /Lock is an indirect reference
    const lockRef = upd.allocate();
    upd.set(lockRef, opts.lock);
    field.set('Lock', lockRef);
  }
  upd.set(widget, field);
  const annots = pdf.resolve(page.dict.get('Annots'));
  upd.set(page.ref, cloneObject(page.dict).set('Annots', [...(annots as PdfObject[]), widget]));
  const acroRef = pdf.catalog().get('AcroForm') as PdfRef;
  const acro = cloneObject(pdf.lookupDict(acroRef)!);
  acro.set('Fields', [...(pdf.resolve(acro.get('Fields')) as PdfObject[]), widget]);
  acro.set('SigFlags', 3);
  upd.set(acroRef, acro);

  const built = upd.build({ baseLength: base.length });
  const bytes = concat(base, built.bytes);
  const gapStart = base.length + built.rawOffsets.get(contents)!;
  const gapEnd = gapStart + contents.bytes.length;
  const range = `[0 ${gapStart} ${gapEnd} ${bytes.length - gapEnd}]`;
  bytes.set(
    latin(range.padEnd(byteRange.bytes.length)),
    base.length + built.rawOffsets.get(byteRange)!,
  );
  const digest = createHash('sha256')
    .update(bytes.subarray(0, gapStart))
    .update(bytes.subarray(gapEnd))
    .digest();
  const key = testKey('officer');
  const cms = await buildSignedData({
    key,
    scheme: schemeFor(key.privateKey, false),
    digest: 'sha256',
    messageDigest: new Uint8Array(digest),
  });
  bytes.set(latin(Buffer.from(cms.der).toString('hex').toUpperCase()), gapStart + 1);
  return bytes;
}

describe('DocMDP and filling in form fields', () => {
  it('P=2 allows filling in a field: docmdp PASSED at FORM_FILLING, TOTAL_PASSED', async () => {
    const { bytes } = await sign(formPdf(), testKey('officer'), { certify: 2 });
    const [sig] = verify(fill(bytes, 'hoTen', 'Nguyen Van An'));
    expect(sig!.modificationLevel).toBe('FORM_FILLING');
    expect(docmdp(sig!)).toMatchObject({
      status: 'PASSED',
      params: { level: 2, found: 'FORM_FILLING', later: 1 },
    });
    expect(sig!.indication, JSON.stringify(sig!.checks)).toBe('TOTAL_PASSED');
  });

  it('P=1 does not: docmdp FAILED with SIG_CONSTRAINTS_FAILURE', async () => {
    const { bytes } = await sign(formPdf(), testKey('officer'), { certify: 1 });
    const [sig] = verify(fill(bytes, 'hoTen', 'Nguyen Van An'));
    // filling in is a permitted change for pdf.modifications…
    expect(sig!.checks.find((c) => c.id === 'pdf.modifications')!.status).toBe('PASSED');
    // …not for a P=1 certification
    expect(docmdp(sig!)).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
      params: { level: 1, found: 'FORM_FILLING', revision: 3 },
    });
    expect(sig!.indication).toBe('TOTAL_FAILED');
    expect(describeCheck(docmdp(sig!), 'en').text).toBe(
      'Certification signature (DocMDP level 1: no changes allowed except long-term validation data and document timestamps), but form fields were filled in or signatures added after signing (revision 3)',
    );
  });

  it('P=2 and a field filled in, then page content changed: docmdp FAILED naming the page', async () => {
    const { bytes } = await sign(formPdf(), testKey('officer'), { certify: 2 });
    const [sig] = verify(changeContent(fill(bytes, 'hoTen', 'Nguyen Van An')));
    expect(docmdp(sig!)).toMatchObject({
      status: 'FAILED',
      params: { level: 2, found: 'OTHER', pages: '1', revision: 4 },
    });
    expect(sig!.indication).toBe('TOTAL_FAILED');
  });

  it('P=2 and a new field that is not a signature field: FAILED (filling in, not extending)', async () => {
    const { bytes } = await sign(formPdf(), testKey('officer'), { certify: 2 });
    const extended = update(bytes, (pdf, upd) => {
      const field = upd.allocate();
      const page = pdf.pages()[0]!;
      upd.set(
        field,
        new PdfDict([
          ['Type', PdfName.of('Annot')],
          ['Subtype', PdfName.of('Widget')],
          ['FT', PdfName.of('Tx')],
          ['T', pdfTextString('soTien')],
          ['V', pdfTextString('1.000.000')],
          ['Rect', [100, 600, 300, 620]],
          ['P', page.ref],
        ]),
      );
      const annots = pdf.resolve(page.dict.get('Annots')) as PdfObject[];
      upd.set(page.ref, cloneObject(page.dict).set('Annots', [...annots, field]));
      const acroRef = pdf.catalog().get('AcroForm') as PdfRef;
      const acro = cloneObject(pdf.lookupDict(acroRef)!);
      acro.set('Fields', [...(pdf.resolve(acro.get('Fields')) as PdfObject[]), field]);
      upd.set(acroRef, acro);
    });
    const [sig] = verify(extended);
    expect(sig!.modificationLevel).toBe('OTHER');
    expect(docmdp(sig!)).toMatchObject({ status: 'FAILED', params: { level: 2, found: 'OTHER' } });
  });
});

describe('field locks (FieldMDP)', () => {
  it('a signature that locks nothing: SKIPPED', async () => {
    const { bytes } = await sign(formPdf());
    const [sig] = verify(fill(bytes, 'hoTen', 'Nguyen Van An'));
    expect(fieldmdp(sig!)).toMatchObject({ status: 'SKIPPED' });
    expect(describeCheck(fieldmdp(sig!), 'vi').text).toBe(
      'không áp dụng (chữ ký không khóa trường biểu mẫu nào)',
    );
    // the check sits right after pdf.modifications.docmdp
    const ids = sig!.checks.map((c) => c.id);
    expect(ids.indexOf('pdf.modifications.fieldmdp')).toBe(
      ids.indexOf('pdf.modifications.docmdp') + 1,
    );
  });

  it('/Lock /Include [hoTen]: filling in hoTen fails, naming it', async () => {
    const locked = await signWithLocks(formPdf(), { lock: lockDict('Include', ['hoTen']) });
    const [before] = verify(locked);
    expect(before!.indication, JSON.stringify(before!.checks)).toBe('TOTAL_PASSED');
    expect(fieldmdp(before!)).toMatchObject({
      status: 'PASSED',
      params: { action: 'Include', fields: 'hoTen' },
    });
    expect(describeCheck(fieldmdp(before!), 'vi').text).toBe(
      'chữ ký khóa các trường hoTen; chưa có sửa đổi nào sau khi ký',
    );

    const [sig] = verify(fill(locked, 'hoTen', 'Nguyen Van An'));
    // filling in is permitted in general…
    expect(sig!.checks.find((c) => c.id === 'pdf.modifications')!.status).toBe('PASSED');
    // …but not of a field the signature locked
    expect(fieldmdp(sig!)).toMatchObject({
      status: 'FAILED',
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
      params: { action: 'Include', fields: 'hoTen', changed: 'hoTen', revision: 3 },
    });
    expect(sig!.indication).toBe('TOTAL_FAILED');
    expect(sig!.subIndication).toBe('SIG_CONSTRAINTS_FAILURE');
    expect(describeCheck(fieldmdp(sig!), 'vi').text).toBe(
      'Chữ ký đã khóa trường hoTen (FieldMDP), nhưng sau khi ký trường này đã bị thay đổi (bản sửa đổi thứ 3)',
    );
    expect(describeCheck(fieldmdp(sig!), 'en').text).toBe(
      'The signature locked the field(s) hoTen (FieldMDP), but they were changed after signing (revision 3)',
    );
  });

  it('/Lock /Include [hoTen]: filling in ghiChu, which is not locked, passes', async () => {
    const locked = await signWithLocks(formPdf(), { lock: lockDict('Include', ['hoTen']) });
    const [sig] = verify(fill(locked, 'ghiChu', 'Da xem'));
    expect(fieldmdp(sig!)).toMatchObject({
      status: 'PASSED',
      params: { action: 'Include', fields: 'hoTen', later: 1 },
    });
    expect(sig!.indication, JSON.stringify(sig!.checks)).toBe('TOTAL_PASSED');
    expect(describeCheck(fieldmdp(sig!), 'en').text).toBe(
      'the signature locks the fields hoTen; no locked field changed after signing (1 revision(s))',
    );
  });

  it('a FieldMDP transform with /Action /All locks every field', async () => {
    const locked = await signWithLocks(formPdf(), { transform: lockDict('All', undefined, true) });
    for (const field of ['hoTen', 'ghiChu'] as const) {
      const [sig] = verify(fill(locked, field, 'Nguyen Van An'));
      expect(fieldmdp(sig!)).toMatchObject({
        status: 'FAILED',
        params: { action: 'All', changed: field },
      });
      expect(sig!.indication).toBe('TOTAL_FAILED');
    }
    // a signature added later in a new field is no field the signer locked
    const cosigned = await sign(locked, testKey('agency'));
    const [first, second] = verify(cosigned.bytes);
    expect(fieldmdp(first!)).toMatchObject({ status: 'PASSED', params: { action: 'All' } });
    expect(describeCheck(fieldmdp(first!), 'vi').text).toBe(
      'chữ ký khóa mọi trường của biểu mẫu; các trường bị khóa không thay đổi sau khi ký (1 bản sửa đổi)',
    );
    expect(fieldmdp(second!).status).toBe('SKIPPED');
  });

  it('/Exclude [ghiChu] locks every field but ghiChu', async () => {
    const locked = await signWithLocks(formPdf(), {
      transform: lockDict('Exclude', ['ghiChu'], true),
    });
    expect(fieldmdp(verify(fill(locked, 'ghiChu', 'Da xem'))[0]!).status).toBe('PASSED');
    expect(fieldmdp(verify(fill(locked, 'hoTen', 'Nguyen Van An'))[0]!)).toMatchObject({
      status: 'FAILED',
      params: { action: 'Exclude', fields: 'ghiChu', changed: 'hoTen' },
    });
  });

  it('a malformed lock fails with FORMAT_FAILURE', async () => {
    const locked = await signWithLocks(formPdf(), { lock: lockDict('Some', ['hoTen']) });
    const [sig] = verify(locked);
    expect(fieldmdp(sig!)).toMatchObject({
      status: 'FAILED',
      subIndication: 'FORMAT_FAILURE',
      params: { problem: 'invalid-action' },
    });
    expect(describeCheck(fieldmdp(sig!), 'en').text).toBe(
      "The signature's field lock (FieldMDP) is malformed: its /Action is not All, Include or Exclude",
    );
  });
});
