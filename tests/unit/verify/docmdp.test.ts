// Certification signatures (ISO 32000-1 §12.8.2.2 DocMDP) through the whole verifier: made with
// hoso's own signer and the test PKI (test-certs/), then extended with incremental updates built
// in the test (src/pdf's IncrementalUpdate) the way a later signer, reviewer or forger would.
import { describe, expect, it } from 'vitest';
import { BufferSource } from '../../../src/kernel/index.js';
import {
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
  type PdfSignature,
} from '../../../src/pdf/index.js';
import { describeCheck } from '../../../src/report/check-messages.js';
import type { Check, SignatureReport } from '../../../src/report/model.js';
import { renderText } from '../../../src/report/text-renderer.js';
import { TrustStore } from '../../../src/trust/index.js';
import { verifyPdfSignatures } from '../../../src/verify/index.js';
import { certificationOf, docMdpCheck } from '../../../src/verify/docmdp.js';
import { testCertDer, testKey } from '../../support/test-keys.js';
import { concat } from '../pdf/pdf-builder.js';
import { sign, unsignedForm } from '../pdf/signed-fixtures.js';

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
