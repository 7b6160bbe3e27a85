// PAdES signing through the library API on real PDFs with the real test PKI; the CMS is read
// back independently with pkijs and checked with node:crypto.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import {
  answerTimeStampRequest,
  readTimeStampToken,
  schemeFor,
  type SigningKey,
} from '../../../src/cms/index.js';
import { BufferSource, defaultContext, fixedClock, HosoError } from '../../../src/kernel/index.js';
import type { PdfStream, PdfString } from '../../../src/pdf/index.js';
import { openPdf, PdfName } from '../../../src/pdf/index.js';
import { decodePdfTextString } from '../../../src/pdf/text-string.js';
import { makeTimestamper, signPdf, type PadesRequest } from '../../../src/sign/index.js';
import { digestOf, inspectCms, signatureVerifies } from '../../support/cms-inspect.js';
import { SAMPLES } from '../../support/paths.js';
import { testKey } from '../../support/test-keys.js';

const ctx = defaultContext({ clock: fixedClock('2026-11-25T07:00:00Z') });
const form = () => new Uint8Array(readFileSync(join(SAMPLES, 'inputs', 'application-form.pdf')));
const classic = () =>
  new Uint8Array(readFileSync(join(SAMPLES, 'inputs', 'application-form-classic.pdf')));

async function sign(base: Uint8Array, key: SigningKey, extra: Partial<PadesRequest> = {}) {
  const r = await signPdf(
    new BufferSource(base),
    { key, scheme: schemeFor(key.privateKey, false), digest: 'sha256', ...extra },
    ctx,
  );
  return { result: r, bytes: new Uint8Array(Buffer.concat([base, r.update])) };
}

function cmsOf(bytes: Uint8Array, byteRange: readonly number[]): Uint8Array {
  const hex = Buffer.from(bytes.subarray(byteRange[1]! + 1, byteRange[2]! - 1)).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  const len = der[1] === 0x82 ? 4 + der.readUInt16BE(2) : 5 + der.readUIntBE(2, 3);
  return new Uint8Array(der.subarray(0, len));
}

function signedRangeDigest(bytes: Uint8Array, br: readonly number[], hash = 'sha256'): Buffer {
  return digestOf(
    hash,
    bytes.subarray(br[0]!, br[0]! + br[1]!),
    bytes.subarray(br[2]!, br[2]! + br[3]!),
  );
}

describe('signPdf (PAdES B-B)', () => {
  for (const [name, input] of [
    ['xref-stream input', form],
    ['classic-xref input', classic],
  ] as const) {
    it(`keeps the original as an exact prefix and covers the whole file (${name})`, async () => {
      const base = input();
      const { result, bytes } = await sign(base, testKey('officer'));
      expect(Buffer.from(bytes.subarray(0, base.length)).equals(Buffer.from(base))).toBe(true);
      const [a, b, c, d] = result.byteRange;
      expect(a).toBe(0);
      expect(c + d).toBe(bytes.length);
      expect(bytes[b]).toBe(0x3c); // '<'
      expect(bytes[c - 1]).toBe(0x3e); // '>'
      const cms = inspectCms(cmsOf(bytes, result.byteRange));
      expect(cms.messageDigest.equals(signedRangeDigest(bytes, result.byteRange))).toBe(true);
      expect(signatureVerifies(cms)).toBe(true);

      // the signed file reopens with the new field, its /V a PAdES signature dictionary
      const pdf = openPdf(new BufferSource(bytes));
      expect(pdf.revisions).toHaveLength(openPdf(new BufferSource(base)).revisions.length + 1);
      const acro = pdf.lookupDict(pdf.catalog().get('AcroForm'))!;
      expect(acro.get('SigFlags')).toBe(3);
      const fields = pdf.resolve(acro.get('Fields')) as unknown[];
      const field = pdf.lookupDict(fields[fields.length - 1] as never)!;
      expect(decodePdfTextString((field.get('T') as PdfString).bytes)).toBe(result.fieldName);
      const sig = pdf.lookupDict(field.get('V'))!;
      expect(sig.get('SubFilter')).toBe(PdfName.of('ETSI.CAdES.detached'));
      expect(decodePdfTextString((sig.get('M') as PdfString).bytes)).toBe(
        "D:20261125140000+07'00'",
      );
    });
  }

  it('writes the baseline B-B signed attributes and no signing-time (ETSI EN 319 142-1)', async () => {
    const key = testKey('officer');
    const { result, bytes } = await sign(form(), key);
    const cms = inspectCms(cmsOf(bytes, result.byteRange));
    expect([...cms.attributes.keys()].sort()).toEqual(
      ['1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4', '1.2.840.113549.1.9.16.2.47'].sort(),
    );
    // ESS signing-certificate-v2 binds the signer certificate by its SHA-256
    const scv2 = cms.attributes.get('1.2.840.113549.1.9.16.2.47')!.values[0] as asn1js.Sequence;
    const essCertId = (scv2.valueBlock.value[0] as asn1js.Sequence).valueBlock
      .value[0] as asn1js.Sequence;
    const certHash = essCertId.valueBlock.value[0] as asn1js.OctetString;
    expect(Buffer.from(certHash.valueBlock.valueHexView).toString('hex')).toBe(
      createHash('sha256').update(key.certificate).digest('hex'),
    );
    // the chain from the PKCS#12 travels in the CMS
    expect(cms.signedData.certificates).toHaveLength(1 + key.chain.length);
  });

  it('signs with RSASSA-PSS, ECDSA P-256 and SHA-384/512', async () => {
    for (const [name, pss, digest] of [
      ['pss', true, 'sha256'],
      ['ecdsa', false, 'sha256'],
      ['officer', false, 'sha384'],
      ['officer', true, 'sha512'],
    ] as const) {
      const key = testKey(name);
      const base = form();
      const r = await signPdf(
        new BufferSource(base),
        { key, scheme: schemeFor(key.privateKey, pss), digest },
        ctx,
      );
      const bytes = new Uint8Array(Buffer.concat([base, r.update]));
      const cms = inspectCms(cmsOf(bytes, r.byteRange));
      expect(cms.messageDigest.equals(signedRangeDigest(bytes, r.byteRange, digest))).toBe(true);
      expect(signatureVerifies(cms)).toBe(true);
      const alg = cms.signerInfo.signatureAlgorithm.algorithmId;
      if (name === 'ecdsa') expect(alg).toBe('1.2.840.10045.4.3.2');
      else if (pss) expect(alg).toBe('1.2.840.113549.1.1.10');
      else expect(alg).toBe('1.2.840.113549.1.1.12');
    }
  });

  it('adds a second signature without disturbing the first', async () => {
    const first = await sign(form(), testKey('officer'));
    const second = await sign(first.bytes, testKey('agency'));
    const bytes = second.bytes;
    expect(
      Buffer.from(bytes.subarray(0, first.bytes.length)).equals(Buffer.from(first.bytes)),
    ).toBe(true);
    expect(first.result.fieldName).toBe('Signature1');
    expect(second.result.fieldName).toBe('Signature2');
    // the first signature still covers exactly its revision and still matches
    const br1 = first.result.byteRange;
    const cms1 = inspectCms(cmsOf(bytes, br1));
    expect(cms1.messageDigest.equals(signedRangeDigest(bytes, br1))).toBe(true);
    const cms2 = inspectCms(cmsOf(bytes, second.result.byteRange));
    expect(cms2.messageDigest.equals(signedRangeDigest(bytes, second.result.byteRange))).toBe(true);
    expect(second.result.byteRange[2] + second.result.byteRange[3]).toBe(bytes.length);
  });

  it('sizes /Contents from the real CMS, even with a long embedded chain', async () => {
    const key = testKey('officer');
    const many = Array.from(
      { length: 12 },
      (_, i) => testKey(['citizen', 'agency', 'ecdsa', 'pss'][i % 4]!).certificate,
    );
    // distinct certificates only are embedded; pad with the whole PKI to make the chain long
    const { result, bytes } = await sign(form(), key, { extraCertificates: many });
    expect(result.cmsLength).toBeGreaterThan(6000);
    expect(result.reserved).toBeGreaterThanOrEqual(result.cmsLength);
    expect(result.reserved - result.cmsLength).toBeLessThan(1100);
    expect(signatureVerifies(inspectCms(cmsOf(bytes, result.byteRange)))).toBe(true);
  });

  it('draws a visible appearance with Vietnamese text in an embedded subset font', async () => {
    const { bytes } = await sign(form(), testKey('officer'), {
      visible: { page: 1, rect: [330, 104, 210, 64] },
      reason: 'Phê duyệt hồ sơ',
    });
    const pdf = openPdf(new BufferSource(bytes));
    const page = pdf.pages()[0]!;
    const annots = pdf.resolve(page.dict.get('Annots')) as unknown[];
    const widget = pdf.lookupDict(annots[annots.length - 1] as never)!;
    expect(widget.get('Rect')).toEqual([330, 104, 540, 168]);
    const ap = pdf.lookupDict(widget.get('AP'))!;
    const xobject = pdf.resolve(ap.get('N')) as PdfStream;
    const fonts = pdf.lookupDict(xobject.dict.get('Resources'));
    const f1 = pdf.lookupDict(pdf.lookupDict(fonts!.get('Font'))!.get('F1'))!;
    expect(f1.get('Subtype')).toBe(PdfName.of('Type0'));
    expect((f1.get('BaseFont') as PdfName).name).toMatch(/^[A-Z]{6}\+Tinos-Regular$/);
  });

  it('adds a signature timestamp (B-T) over the signature value', async () => {
    const tsaKey = testKey('tsa');
    let calls = 0;
    const timestamper = makeTimestamper(
      'test',
      async (req) => {
        calls++;
        return answerTimeStampRequest(
          {
            key: tsaKey,
            policy: '1.3.6.1.4.1.99999.1.1',
            now: () => new Date('2026-11-25T07:00:01Z'),
            serial: () => BigInt(calls),
          },
          req,
        );
      },
      ctx.random,
    );
    const { result, bytes } = await sign(form(), testKey('officer'), { timestamper });
    expect(result.level).toBe('B-T');
    expect(result.timestamp?.genTime.toISOString()).toBe('2026-11-25T07:00:01.000Z');
    const cms = inspectCms(cmsOf(bytes, result.byteRange));
    const tokenAttr = cms.unsignedAttributes.get('1.2.840.113549.1.9.16.2.14')!;
    const token = new Uint8Array(tokenAttr.values[0]!.toBER());
    const info = readTimeStampToken(token);
    const sigValue = Buffer.from(cms.signerInfo.signature.valueBlock.valueHexView);
    expect(Buffer.from(info.imprint).equals(createHash('sha256').update(sigValue).digest())).toBe(
      true,
    );
    expect(calls).toBe(2); // one dry run to size /Contents, one for real
  });

  it('refuses an expired signer unless allowed, and a certificate not meant for signing', async () => {
    await expect(sign(form(), testKey('expired'))).rejects.toMatchObject({
      code: 'SIGNER_EXPIRED',
    });
    await expect(sign(form(), testKey('not-yet-valid'))).rejects.toMatchObject({
      code: 'SIGNER_NOT_YET_VALID',
    });
    await expect(sign(form(), testKey('no-signing-usage'))).rejects.toMatchObject({
      code: 'SIGNER_KEY_USAGE',
    });
    const { result } = await sign(form(), testKey('expired'), { allowExpired: true });
    expect(result.warnings).toEqual(['expired']);
  });

  it('refuses an encrypted PDF and a file that is not a PDF', async () => {
    const encrypted = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n' +
        '3 0 obj\n<< /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>\nendobj\n',
      'latin1',
    );
    const xref = encrypted.length;
    const offsets = [9, encrypted.indexOf('2 0 obj'), encrypted.indexOf('3 0 obj')];
    const table =
      `xref\n0 4\n0000000000 65535 f \n` +
      offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
      `trailer\n<< /Size 4 /Root 1 0 R /Encrypt 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    const file = new Uint8Array(Buffer.concat([encrypted, Buffer.from(table, 'latin1')]));
    await expect(sign(file, testKey('officer'))).rejects.toMatchObject({ code: 'PDF_ENCRYPTED' });
    await expect(
      sign(new Uint8Array(Buffer.from('hello, not a pdf')), testKey('officer')),
    ).rejects.toBeInstanceOf(HosoError);
  });
});
