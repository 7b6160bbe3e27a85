/**
 * PAdES baseline signatures (ETSI EN 319 142-1 §5, B-B and B-T) as an incremental update
 * (ISO 32000-1 §7.5.6, §12.8.1): the original bytes stay an exact prefix of the output, so
 * earlier signatures stay valid. The document is never re-serialised; only the objects a
 * signature needs are added or given new versions.
 *
 * Sizing /Contents: a dry run builds the CMS (and asks the TSA once, for B-T) to learn its real
 * size; the placeholder reserves that plus a margin. If the real CMS still does not fit (a TSA
 * answering with a longer chain the second time), the update is rebuilt with the larger size.
 */
import { createHash } from 'node:crypto';
import {
  buildSignedData,
  type DigestAlgorithm,
  type SignatureScheme,
  type SigningKey,
  type TimeStampTokenInfo,
} from '../cms/index.js';
import { HosoError, usageError, type ByteSource, type Context } from '../kernel/index.js';
import {
  findSignatures,
  IncrementalUpdate,
  openPdf,
  PdfDict,
  PdfName,
  permsDocMdp,
  type PdfFile,
  type PdfObject,
  type PdfSignature,
} from '../pdf/index.js';
import { pdfDate, pdfTextString } from '../pdf/text-string.js';
import { certificateInfo, type CertificateInfo } from '../trust/index.js';
import { writeAppearance, writeEmptyAppearance } from './appearance-objects.js';
import { attachField, freeSignatureFieldName, widgetDictionary } from './signature-field.js';
import { checkSigner, type SignerCheckOptions, type SignerWarning } from './signer-check.js';
import {
  hashSource,
  placeSlot,
  sealSlot,
  signatureSlot,
  type PlacedSlot,
} from './signature-slot.js';
import type { Timestamper } from './timestamper.js';
import { formatVietnamTime } from '../report/vietnam-time.js';

export interface VisibleSignature {
  /** 1-based page number. */
  readonly page: number;
  /** x, y, width, height in points, from the page's lower-left corner. */
  readonly rect: readonly [number, number, number, number];
}

export interface PadesRequest extends SignerCheckOptions {
  readonly key: SigningKey;
  readonly scheme: SignatureScheme;
  readonly digest: DigestAlgorithm;
  readonly reason?: string;
  readonly location?: string;
  readonly contactInfo?: string;
  readonly fieldName?: string;
  readonly visible?: VisibleSignature;
  readonly extraCertificates?: readonly Uint8Array[];
  /** Adds a signature timestamp (B-T). */
  readonly timestamper?: Timestamper;
  /**
   * Makes a certification signature (ISO 32000-1 §12.8.2.2, DocMDP) with this permission level
   * P instead of an approval signature: 1 no change allowed, 2 form filling and signing,
   * 3 also annotations. Only on a document that has no signature yet.
   */
  readonly certify?: DocMdpPermission;
}

/** The DocMDP permission levels of ISO 32000-1 Table 254. */
export type DocMdpPermission = 1 | 2 | 3;

export interface PadesResult {
  /** The bytes to append to the input to get the signed file. */
  readonly update: Uint8Array;
  /** SHA-256 of the signed file (input followed by `update`), hex. */
  readonly sha256: string;
  readonly baseLength: number;
  readonly byteRange: readonly [number, number, number, number];
  readonly fieldName: string;
  readonly level: 'B-B' | 'B-T';
  readonly signingTime: Date;
  readonly signer: CertificateInfo;
  readonly cmsLength: number;
  readonly reserved: number;
  readonly timestamp: TimeStampTokenInfo | null;
  readonly warnings: readonly SignerWarning[];
  /** The DocMDP level of a certification signature; null for an approval signature. */
  readonly certification: DocMdpPermission | null;
}

/** Vietnam time, UTC+07:00 without daylight saving: what officers read in /M. */
const VIETNAM_OFFSET_MINUTES = 7 * 60;

async function prepareUpdate(
  pdf: PdfFile,
  baseLength: number,
  req: PadesRequest,
  opts: { reserve: number; fieldName: string; signingTime: Date; signer: CertificateInfo },
): Promise<PlacedSlot> {
  const upd = new IncrementalUpdate(pdf);
  const slot = signatureSlot(opts.reserve);
  const sigRef = upd.allocate();
  const sig = new PdfDict([
    ['Type', PdfName.of('Sig')],
    ['Filter', PdfName.of('Adobe.PPKLite')],
    ['SubFilter', PdfName.of('ETSI.CAdES.detached')],
    ['ByteRange', slot.byteRange],
    ['Contents', slot.contents],
    ['M', pdfDate(opts.signingTime, VIETNAM_OFFSET_MINUTES)],
  ]);
  if (opts.signer.subject.commonName)
    sig.set('Name', pdfTextString(opts.signer.subject.commonName));
  if (req.reason) sig.set('Reason', pdfTextString(req.reason));
  if (req.location) sig.set('Location', pdfTextString(req.location));
  if (req.contactInfo) sig.set('ContactInfo', pdfTextString(req.contactInfo));
  const catalogEntries = new Map<string, PdfObject>();
  if (req.certify !== undefined) {
    // ISO 32000-1 §12.8.1 Table 253 and §12.8.2.2 Table 254: one signature reference dictionary
    // with the DocMDP transform and its parameters (V is the name 1.2, not a number). No
    // /DigestMethod: the digest algorithm is the one the CMS names, and PDF/A-2 (ISO 19005-2
    // §6.1.12) forbids DigestMethod/DigestLocation/DigestValue in signature reference
    // dictionaries once /Perms names a DocMDP signature. ISO 32000-2 Table 256 calls the entry
    // required; we side with PDF/A and with pyHanko, which writes none either.
    sig.set('Reference', [
      new PdfDict([
        ['Type', PdfName.of('SigRef')],
        ['TransformMethod', PdfName.of('DocMDP')],
        [
          'TransformParams',
          new PdfDict([
            ['Type', PdfName.of('TransformParams')],
            ['P', req.certify],
            ['V', PdfName.of('1.2')],
          ]),
        ],
      ]),
    ]);
    // §12.8.4 Table 258: /Perms /DocMDP, an indirect reference to this signature dictionary, is
    // what makes viewers enforce P; other permissions already there (/UR3) are kept.
    const perms = pdf.lookupDict(pdf.catalog().get('Perms'));
    catalogEntries.set('Perms', new PdfDict(perms?.entries()).set('DocMDP', sigRef));
  }
  upd.set(sigRef, sig);

  let appearance;
  let rect: [number, number, number, number] = [0, 0, 0, 0];
  let pageIndex = 0;
  if (req.visible) {
    const [x, y, w, h] = req.visible.rect;
    rect = [x, y, x + w, y + h];
    pageIndex = req.visible.page - 1;
    const lines = [
      {
        text: `Ký bởi: ${opts.signer.subject.commonName ?? opts.signer.subject.text}`,
        size: 10,
        bold: true,
      },
      ...(opts.signer.subject.organization &&
      opts.signer.subject.organization !== opts.signer.subject.commonName
        ? [{ text: `Cơ quan: ${opts.signer.subject.organization}`, size: 9 }]
        : []),
      {
        text: `Thời gian ký: ${formatVietnamTime(opts.signingTime, { seconds: true }) ?? ''} +07:00`,
        size: 9,
      },
      ...(req.reason ? [{ text: `Lý do: ${req.reason}`, size: 9 }] : []),
      ...(req.location ? [{ text: `Nơi ký: ${req.location}`, size: 9 }] : []),
    ];
    // Fonts (fontkit) load only for visible signatures: they cost a third of a second.
    const { buildSignatureAppearance } = await import('../layout/index.js');
    appearance = writeAppearance(
      upd,
      await buildSignatureAppearance({ width: w, height: h, lines, border: true, fill: true }),
    );
  } else {
    appearance = writeEmptyAppearance(upd);
  }
  const widget = upd.allocate();
  attachField(pdf, upd, {
    widget,
    pageIndex,
    ...(catalogEntries.size > 0 ? { catalogEntries } : {}),
    widgetDict: widgetDictionary({
      fieldName: opts.fieldName,
      signature: sigRef,
      rect,
      appearance,
      fieldNameString: pdfTextString(opts.fieldName),
    }),
  });

  return placeSlot(upd.build({ baseLength }), slot);
}

/**
 * What DocMDP allows before anything is built. A certification signature must be the first
 * signature in the document: ISO 32000-1 §12.8.2.2.1 says a document holds only one signature
 * field with a DocMDP transform "and it shall be the first signed field in the document"
 * (ISO 32000-2 dropped the second half, but validators other than Acrobat still complain about
 * a late certification, and ETSI EN 319 142-1 builds on ISO 32000-1). And a document certified with
 * P=1 takes no further signature: any change, a new signature included, invalidates that
 * certification (Table 254); P=2 and P=3 allow signing.
 */
function checkDocMdp(pdf: PdfFile, certify: DocMdpPermission | undefined): void {
  if (certify !== undefined && ![1, 2, 3].includes(certify)) {
    throw usageError(
      'sign',
      `mức chứng nhận (DocMDP) phải là 1, 2 hoặc 3, không phải ${String(certify)}`,
      `the certification (DocMDP) level must be 1, 2 or 3, not ${String(certify)}`,
    );
  }
  const existing = findSignatures(pdf);
  if (certify !== undefined && existing.length > 0) {
    throw usageError(
      'sign',
      `không thể ký chứng nhận: tài liệu đã có ${existing.length} chữ ký, mà chữ ký chứng nhận phải là chữ ký đầu tiên (ISO 32000-1 mục 12.8.2.2). Ký chứng nhận trên bản chưa ký, hoặc bỏ --certify để ký phê duyệt`,
      `cannot certify: the document already has ${existing.length} signature(s), and a certification signature must be the first one (ISO 32000-1 §12.8.2.2). Certify the unsigned document, or drop --certify to add an approval signature`,
    );
  }
  const certification = certificationOf(pdf, existing);
  if (certification?.docMdp?.permission === 1) {
    const signer = certification.name ?? certification.fieldName;
    const by = signer === null ? '' : ` (${signer})`;
    throw usageError(
      'sign',
      `không thể ký thêm: tài liệu đã được ký chứng nhận mức 1${by} — không cho phép bất kỳ thay đổi nào (DocMDP P=1), một chữ ký mới sẽ làm chữ ký chứng nhận mất hiệu lực`,
      `cannot sign: the document is certified at level 1${by} — no change at all is allowed (DocMDP P=1), and a new signature would invalidate the certification`,
    );
  }
}

/** The certification signature: the one /Perms /DocMDP names, else the first with a DocMDP reference. */
function certificationOf(pdf: PdfFile, sigs: readonly PdfSignature[]): PdfSignature | undefined {
  const perms = permsDocMdp(pdf);
  const named = sigs.find((s) => s.objectNumber !== null && s.objectNumber === perms);
  return named?.docMdp ? named : sigs.find((s) => s.docMdp !== null);
}

/** Signs the PDF in `src`; returns the incremental update to append. */
export async function signPdf(
  src: ByteSource,
  req: PadesRequest,
  ctx: Context,
): Promise<PadesResult> {
  const pdf = openPdf(src);
  if (pdf.isEncrypted) throw new HosoError('PDF_ENCRYPTED', { params: { path: '<input>' } });
  const signingTime = ctx.clock.now();
  const signer = certificateInfo(req.key.certificate);
  const warnings = checkSigner(signer, signingTime, req);
  checkDocMdp(pdf, req.certify);
  const fieldName = req.fieldName ?? freeSignatureFieldName(pdf);
  if (req.visible && (req.visible.rect[2] <= 0 || req.visible.rect[3] <= 0)) {
    throw new HosoError('USAGE', {
      params: {
        detail: 'the visible signature box needs a positive width and height',
        command: 'sign',
      },
    });
  }
  const baseLength = src.size;
  const hashes = hashSource(src, req.digest);

  const cmsRequest = (messageDigest: Uint8Array) => ({
    key: req.key,
    scheme: req.scheme,
    digest: req.digest,
    messageDigest,
    ...(req.extraCertificates ? { extraCertificates: req.extraCertificates } : {}),
    ...(req.timestamper ? { timestamp: req.timestamper } : {}),
  });

  // Dry run: the real size of this signer's CMS (and of the TSA's token).
  const dry = await buildSignedData(cmsRequest(new Uint8Array(createHash(req.digest).digest())));
  // ECDSA signatures vary by a few bytes, TSA tokens by their serial and time; keep a margin.
  const sealed = await sealSlot(
    hashes.signing,
    baseLength,
    dry.der.length + (req.timestamper ? 512 : 64),
    (reserve) => prepareUpdate(pdf, baseLength, req, { reserve, fieldName, signingTime, signer }),
    async (digest) => (await buildSignedData(cmsRequest(digest))).der,
  );
  return {
    update: sealed.update,
    sha256: hashes.sha256.copy().update(sealed.update).digest('hex'),
    baseLength,
    byteRange: sealed.byteRange,
    fieldName,
    level: req.timestamper ? 'B-T' : 'B-B',
    signingTime,
    signer,
    cmsLength: sealed.der.length,
    reserved: sealed.reserved,
    timestamp: req.timestamper?.last() ?? null,
    warnings,
    certification: req.certify ?? null,
  };
}
