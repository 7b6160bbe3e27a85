/**
 * What the paper tests share: the fields of a conversion, verification reports (unsigned, one
 * valid signature, one that failed), and a reader that gives back the text a page shows — page
 * content and the form XObjects it paints, hex strings decoded through each font's ToUnicode
 * map (what pdftotext does, without poppler).
 */
import type { PDFDocument } from 'pdf-lib';
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  decodePDFRawStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import type { PaperFields } from '../../../src/paper/index.js';
import type { FileReport, SignatureReport } from '../../../src/report/index.js';
import { decodeCids, parseBfChar } from '../layout/to-unicode.js';

export const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const FIELDS: PaperFields = {
  title: 'Quyết định cho phép sử dụng tạm thời một phần hè phố',
  dossierCode: '000.00.12.H29-261125-0007',
  resultCode: '000.00.12.H29-261125-0007-KQ1',
  procedureCode: '1.000494.000.00.00.H29',
  systemName: 'Hệ thống thông tin giải quyết TTHC thành phố Hà Nội',
  systemOwner: 'Ủy ban nhân dân thành phố Hà Nội',
  lookupUrl: 'https://tra-cuu.hanoi.example.vn/v/ABCDEFGHJKMNPQRSTU',
  lookupCodeDisplay: 'ABCDEF-GHJKMN-PQRSTU',
  convertedAt: new Date('2026-11-25T07:05:00Z'), // 14:05 in Vietnam
  converterName: 'Trần Thị Bình',
  converterTitle: 'Văn thư',
  seal: true,
  sourceSha256: SHA,
};

export const UNSIGNED: FileReport = {
  path: 'ket-qua.pdf',
  sha256: SHA,
  format: 'pdf',
  indication: 'NO_SIGNATURE',
  signatures: [],
  error: null,
};

function signature(over: Partial<SignatureReport>): SignatureReport {
  return {
    index: 0,
    fieldName: 'Signature1',
    indication: 'TOTAL_PASSED',
    subIndication: null,
    signer: {
      commonName: 'Nguyễn Văn An',
      organization: 'UBND Phường Hoàn Kiếm',
      serialNumber: null,
      issuer: 'CN=VNPT Certification Authority, O=VNPT',
      certificateSha256: null,
    },
    signingTime: '2026-11-25T03:00:00Z',
    signingTimeSource: 'signed-attribute',
    timestamp: null,
    coverage: 'ENTIRE_FILE',
    modificationLevel: 'NONE',
    checks: [{ id: 'cms.digest', status: 'PASSED', detail: '' }],
    chain: [],
    revocation: { status: 'UNKNOWN', source: null, revokedAt: null },
    ...over,
  };
}

export const VALID: FileReport = {
  ...UNSIGNED,
  indication: 'TOTAL_PASSED',
  signatures: [signature({})],
};

export const FAILED: FileReport = {
  ...UNSIGNED,
  indication: 'TOTAL_FAILED',
  signatures: [
    signature({
      indication: 'TOTAL_FAILED',
      subIndication: 'HASH_FAILURE',
      checks: [
        {
          id: 'cms.digest',
          status: 'FAILED',
          detail: 'message digest mismatch',
          subIndication: 'HASH_FAILURE',
        },
      ],
    }),
  ],
};

function bytesOf(stream: PDFStream): Uint8Array {
  return stream instanceof PDFRawStream
    ? decodePDFRawStream(stream).decode()
    : stream.getContents();
}

function dictOf(context: PDFContext, obj: PDFObject | undefined): PDFDict | undefined {
  const v = obj === undefined ? undefined : context.lookup(obj);
  return v instanceof PDFDict ? v : undefined;
}

/** Text lines shown by one content stream and the forms it paints, in drawing order. */
function streamText(
  context: PDFContext,
  data: Uint8Array,
  resources: PDFDict | undefined,
  out: string[],
): void {
  const fonts = dictOf(context, resources?.get(PDFName.of('Font')));
  const xobjects = dictOf(context, resources?.get(PDFName.of('XObject')));
  const src = Buffer.from(data).toString('latin1');
  let map: Map<number, string> | null = null;
  for (const m of src.matchAll(
    /\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\/([^\s/<>[\]()]+)\s+Do/g,
  )) {
    if (m[1] !== undefined) {
      const font = dictOf(context, fonts?.get(PDFName.of(m[1])));
      const tu = font?.get(PDFName.of('ToUnicode'));
      const cmap = tu === undefined ? undefined : context.lookup(tu);
      map =
        cmap instanceof PDFStream
          ? parseBfChar(Buffer.from(bytesOf(cmap)).toString('latin1'))
          : null;
    } else if (m[2] !== undefined) {
      if (map !== null) out.push(decodeCids(m[2], map));
    } else if (m[3] !== undefined) {
      const xo = xobjects?.get(PDFName.of(m[3]));
      const form = xo === undefined ? undefined : context.lookup(xo);
      if (
        form instanceof PDFStream &&
        form.dict.get(PDFName.of('Subtype')) === PDFName.of('Form')
      ) {
        const res = dictOf(context, form.dict.get(PDFName.of('Resources')));
        streamText(context, bytesOf(form), res, out);
      }
    }
  }
}

/** The text lines page `index` (0-based) shows, in drawing order. */
export function pageText(doc: PDFDocument, index: number): string[] {
  const page = doc.getPage(index);
  const context = doc.context;
  const contents = context.lookup(page.node.get(PDFName.of('Contents')));
  const streams =
    contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
  const resources = dictOf(context, page.node.get(PDFName.of('Resources')));
  const out: string[] = [];
  for (const r of streams) {
    const s = r instanceof PDFRef ? context.lookup(r) : r;
    if (s instanceof PDFStream) streamText(context, bytesOf(s), resources, out);
  }
  return out;
}

/** The names of the form XObjects page `index` paints, in its own content. */
export function paintedForms(doc: PDFDocument, index: number): string[] {
  const page = doc.getPage(index);
  const context = doc.context;
  const contents = context.lookup(page.node.get(PDFName.of('Contents')));
  const streams =
    contents instanceof PDFArray ? contents.asArray() : [page.node.get(PDFName.of('Contents'))];
  const names: string[] = [];
  for (const r of streams) {
    const s = r instanceof PDFRef ? context.lookup(r) : r;
    if (!(s instanceof PDFStream)) continue;
    for (const m of Buffer.from(bytesOf(s))
      .toString('latin1')
      .matchAll(/\/(\S+)\s+Do/g)) {
      names.push(m[1]!);
    }
  }
  return names;
}
