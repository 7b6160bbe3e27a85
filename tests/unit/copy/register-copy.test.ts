/**
 * Copies issued from the master register: marked as such, one signature box (the agency's), and
 * a signed original carried as an embedded file (ISO 32000-1 §7.11.4) that comes out byte for
 * byte, named in the statement.
 */
import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  composeRegisterCopy,
  type OriginalInput,
  type RegisterCopyFields,
} from '../../../src/copy/index.js';
import { BufferSource } from '../../../src/kernel/index.js';
import {
  PdfStream,
  PdfString,
  decodePdfTextString,
  isPdfArray,
  openPdf,
  type PdfFile,
} from '../../../src/pdf/index.js';

async function record(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Birth certificate (record in the master register)', {
    x: 72,
    y: 760,
    size: 14,
    font,
  });
  return doc.save();
}

function fields(attachment: RegisterCopyFields['attachment']): RegisterCopyFields {
  return {
    recordNumber: 318,
    dossierCode: '000.00.12.H29-260105-0007',
    title: 'Giấy khai sinh',
    date: new Date('2026-02-02T02:00:00Z'),
    place: 'Hà Nội',
    agencyName: 'Ủy ban nhân dân phường Ba Đình',
    signerTitle: 'TM. Ủy ban nhân dân',
    lookupUrl: 'https://tra-cuu.example.vn/c/Q2XWD5RTB8N7K3M9',
    lookupCodeDisplay: 'Q2XW-D5RT-B8N7-K3M9',
    attachment,
  };
}

/** The embedded files of a PDF: name → decoded bytes and the file specification. */
function attachments(pdf: PdfFile): Map<string, { bytes: Uint8Array; md5: string }> {
  const out = new Map<string, { bytes: Uint8Array; md5: string }>();
  const names = pdf.lookupDict(pdf.lookupDict(pdf.catalog().get('Names'))?.get('EmbeddedFiles'));
  const list = pdf.resolve(names?.get('Names'));
  if (!isPdfArray(list)) return out;
  for (let i = 0; i + 1 < list.length; i += 2) {
    const name = pdf.resolve(list[i]);
    const spec = pdf.lookupDict(list[i + 1]);
    const ef = pdf.lookupDict(spec?.get('EF'));
    const stream = pdf.resolve(ef?.get('F'));
    if (!(name instanceof PdfString) || !(stream instanceof PdfStream)) continue;
    const params = pdf.lookupDict(stream.dict.get('Params'));
    const sum = pdf.resolve(params?.get('CheckSum'));
    out.set(decodePdfTextString(name.bytes), {
      bytes: pdf.readStreamData(stream, { decode: true }),
      md5: sum instanceof PdfString ? Buffer.from(sum.bytes).toString('hex') : '',
    });
  }
  return out;
}

/** The document title (the statement's own glyphs are read back in the interop test). */
function documentTitle(pdf: PdfFile): string {
  const info = pdf.lookupDict(pdf.trailer.get('Info'));
  const title = pdf.resolve(info?.get('Title'));
  return title instanceof PdfString ? decodePdfTextString(title.bytes) : '';
}

describe('copy issued from the master register', () => {
  it('attaches a signed original byte for byte and names it in the statement', async () => {
    const original = await record();
    const input: OriginalInput = { kind: 'pdf', name: 'khai-sinh.pdf', bytes: original };
    const copy = await composeRegisterCopy(
      input,
      fields({ name: 'khai-sinh-goc.pdf', bytes: original, signed: true }),
    );
    expect(copy.pages).toBe(1);
    expect(copy.addedPage).toBe(false);
    // One signature: the agency's, in both places of the contract.
    expect(copy.officerSignature).toEqual(copy.agencySignature);
    const pdf = openPdf(new BufferSource(copy.pdf));
    const files = attachments(pdf);
    expect([...files.keys()]).toEqual(['khai-sinh-goc.pdf']);
    const file = files.get('khai-sinh-goc.pdf')!;
    expect(Buffer.from(file.bytes).equals(Buffer.from(original))).toBe(true);
    expect(file.md5).toBe(createHash('md5').update(original).digest('hex'));
    // Associated file on the catalog, with its relationship.
    const af = pdf.resolve(pdf.catalog().get('AF'));
    expect(isPdfArray(af) && af.length === 1).toBe(true);
    const spec = pdf.lookupDict((af as unknown[])[0] as never)!;
    expect(spec.getName('AFRelationship')).toBe('Source');
    expect(spec.getName('Type')).toBe('Filespec');
    // Stored compressed: the original's bytes do not appear as they are in the copy.
    expect(Buffer.from(copy.pdf).indexOf(Buffer.from(original.subarray(0, 200)))).toBe(-1);
    expect(documentTitle(pdf)).toContain('BẢN SAO ĐIỆN TỬ ĐƯỢC CẤP TỪ SỔ GỐC');
    expect(documentTitle(pdf)).toContain('Số bản ghi trong sổ gốc: 318');
  });

  it('attaches nothing when there is nothing to attach', async () => {
    const copy = await composeRegisterCopy(
      { kind: 'pdf', name: 'khai-sinh.pdf', bytes: await record() },
      fields(null),
    );
    const pdf = openPdf(new BufferSource(copy.pdf));
    expect(attachments(pdf).size).toBe(0);
    expect(pdf.catalog().has('AF')).toBe(false);
  });

  it('puts the agency box inside the statement band, under the signer title', async () => {
    const copy = await composeRegisterCopy(
      { kind: 'pdf', name: 'khai-sinh.pdf', bytes: await record() },
      fields(null),
    );
    const [bx, by, bw, bh] = copy.statementBand;
    const [x, y, w, h] = copy.agencySignature.rect;
    expect(x).toBeGreaterThanOrEqual(bx);
    expect(y).toBeGreaterThanOrEqual(by);
    expect(x + w).toBeLessThanOrEqual(bx + bw);
    expect(y + h).toBeLessThanOrEqual(by + bh);
    expect(copy.agencySignature.page).toBe(copy.statementPage);
  });
});
