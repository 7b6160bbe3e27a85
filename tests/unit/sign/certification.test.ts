// Certification signatures (ISO 32000-1 §12.8.2.2 DocMDP, §12.8.4 /Perms) as signPdf writes
// them, and what it refuses: certifying a signed document, signing a P=1 certified one.
import { describe, expect, it } from 'vitest';
import { BufferSource, HosoError } from '../../../src/kernel/index.js';
import {
  findSignatures,
  isPdfArray,
  openPdf,
  PdfName,
  PdfRef,
  type PdfDict,
  type PdfFile,
} from '../../../src/pdf/index.js';
import { testKey } from '../../support/test-keys.js';
import { sign, unsignedForm } from '../pdf/signed-fixtures.js';

const open = (bytes: Uint8Array): PdfFile => openPdf(new BufferSource(bytes));

async function refusal(p: Promise<unknown>): Promise<HosoError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(HosoError);
  return e as HosoError;
}

describe('signPdf certify (DocMDP)', () => {
  it('writes the DocMDP /Reference and /Perms /DocMDP, keeping the catalog entries', async () => {
    const base = unsignedForm();
    const before = open(base).catalog();
    const { bytes, result } = await sign(base, testKey('officer'), { certify: 2 });
    expect(result.certification).toBe(2);
    const pdf = open(bytes);
    const [sig] = findSignatures(pdf);
    expect(sig!.docMdp).toEqual({ permission: 2, count: 1 });

    const refs = pdf.resolve(sig!.dictionary.get('Reference'));
    expect(isPdfArray(refs) && refs.length).toBe(1);
    const ref = pdf.lookupDict((refs as unknown[])[0] as never)!;
    expect(ref.get('Type')).toBe(PdfName.of('SigRef'));
    expect(ref.get('TransformMethod')).toBe(PdfName.of('DocMDP'));
    expect(ref.has('DigestMethod')).toBe(false);
    const params = ref.get('TransformParams') as PdfDict;
    expect(params.get('Type')).toBe(PdfName.of('TransformParams'));
    expect(params.get('P')).toBe(2);
    expect(params.get('V')).toBe(PdfName.of('1.2'));

    // /Perms /DocMDP is an indirect reference to the signature dictionary (Table 258)
    const catalog = pdf.catalog();
    const perms = pdf.lookupDict(catalog.get('Perms'))!;
    const docMdp = perms.get('DocMDP');
    expect(docMdp).toBeInstanceOf(PdfRef);
    expect((docMdp as PdfRef).num).toBe(sig!.objectNumber);
    // every entry of the original catalog is still there (AcroForm is new, or a new version)
    for (const key of before.keys()) expect(catalog.has(key), key).toBe(true);
    expect(catalog.get('Pages')).toEqual(before.get('Pages'));
    // the raw bytes say it too, the way other readers look
    expect(Buffer.from(result.update).toString('latin1')).toMatch(
      /\/Reference \[<< \/Type \/SigRef \/TransformMethod \/DocMDP \/TransformParams << \/Type \/TransformParams \/P 2 \/V \/1\.2 >> >>\]/,
    );
  });

  it('an approval signature writes neither /Reference nor /Perms', async () => {
    const { bytes, result } = await sign(unsignedForm(), testKey('officer'));
    expect(result.certification).toBeNull();
    const pdf = open(bytes);
    expect(findSignatures(pdf)[0]!.docMdp).toBeNull();
    expect(pdf.catalog().has('Perms')).toBe(false);
  });

  it('refuses to certify a document that is already signed', async () => {
    const signed = await sign(unsignedForm(), testKey('agency'));
    for (const certify of [1, 2, 3] as const) {
      const e = await refusal(sign(signed.bytes, testKey('officer'), { certify }));
      expect(e.code).toBe('USAGE');
      expect(e.params['detail.vi']).toContain('chữ ký chứng nhận phải là chữ ký đầu tiên');
      expect(e.params['detail.en']).toContain('a certification signature must be the first one');
    }
    // nor a certified one (a second certification is never the first signature)
    const certified = await sign(unsignedForm(), testKey('officer'), { certify: 3 });
    expect((await refusal(sign(certified.bytes, testKey('agency'), { certify: 2 }))).code).toBe(
      'USAGE',
    );
  });

  it('refuses a level other than 1, 2, 3', async () => {
    const e = await refusal(
      sign(unsignedForm(), testKey('officer'), { certify: 4 as unknown as 1 }),
    );
    expect(e.code).toBe('USAGE');
  });

  it('refuses to sign a P=1 certified document; P=2 and P=3 take approval signatures', async () => {
    const p1 = await sign(unsignedForm(), testKey('officer'), { certify: 1 });
    const e = await refusal(sign(p1.bytes, testKey('agency')));
    expect(e.code).toBe('USAGE');
    expect(e.params['detail.vi']).toContain('ký chứng nhận mức 1');
    expect(e.params['detail.en']).toContain('certified at level 1');
    expect(e.params['detail.en']).toContain('would invalidate the certification');

    for (const certify of [2, 3] as const) {
      const certified = await sign(unsignedForm(), testKey('officer'), { certify });
      const approved = await sign(certified.bytes, testKey('agency'));
      const sigs = findSignatures(open(approved.bytes));
      expect(sigs.map((s) => s.docMdp?.permission ?? null)).toEqual([certify, null]);
      // the approval signature left /Perms as it was
      const perms = open(approved.bytes).lookupDict(open(approved.bytes).catalog().get('Perms'))!;
      expect((perms.get('DocMDP') as PdfRef).num).toBe(sigs[0]!.objectNumber);
    }
  });
});
