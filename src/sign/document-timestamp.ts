/**
 * Document timestamps (ISO 32000-2 §12.8.5; ETSI EN 319 142-1 §5.4.3, what makes PAdES B-LTA): a
 * signature field whose signature dictionary is /Type /DocTimeStamp, /SubFilter /ETSI.RFC3161,
 * with an RFC 3161 TimeStampToken in /Contents whose message imprint is the SHA-256 of the
 * ByteRange — the whole file as it then is, its DSS included. Later, that token proves the
 * validation data existed while it could still be checked.
 *
 * Written as one incremental update, like a signature (signature-slot.ts): an invisible widget on
 * the first page with an empty appearance, the field added to /AcroForm. No /M: the time is the
 * token's genTime, which a /M could only contradict.
 */
import { createHash } from 'node:crypto';
import type { TimeStampTokenInfo } from '../cms/index.js';
import { HosoError, type ByteSource } from '../kernel/index.js';
import { IncrementalUpdate, openPdf, PdfDict, PdfName, type PdfFile } from '../pdf/index.js';
import { pdfTextString } from '../pdf/text-string.js';
import { writeEmptyAppearance } from './appearance-objects.js';
import { attachField, freeSignatureFieldName, widgetDictionary } from './signature-field.js';
import {
  hashSource,
  placeSlot,
  sealSlot,
  signatureSlot,
  type ByteRange,
  type PlacedSlot,
} from './signature-slot.js';
import type { Timestamper } from './timestamper.js';

export interface DocumentTimestampResult {
  /** The bytes to append to the input. */
  readonly update: Uint8Array;
  /** SHA-256 of the input followed by `update`, hex. */
  readonly sha256: string;
  readonly byteRange: ByteRange;
  readonly fieldName: string;
  readonly timestamp: TimeStampTokenInfo;
}

function prepareUpdate(
  pdf: PdfFile,
  baseLength: number,
  fieldName: string,
  reserve: number,
): PlacedSlot {
  const upd = new IncrementalUpdate(pdf);
  const slot = signatureSlot(reserve);
  const sigRef = upd.allocate();
  upd.set(
    sigRef,
    new PdfDict([
      ['Type', PdfName.of('DocTimeStamp')],
      ['Filter', PdfName.of('Adobe.PPKLite')],
      ['SubFilter', PdfName.of('ETSI.RFC3161')],
      ['ByteRange', slot.byteRange],
      ['Contents', slot.contents],
    ]),
  );
  const widget = upd.allocate();
  attachField(pdf, upd, {
    widget,
    pageIndex: 0,
    widgetDict: widgetDictionary({
      fieldName,
      signature: sigRef,
      rect: [0, 0, 0, 0],
      appearance: writeEmptyAppearance(upd),
      fieldNameString: pdfTextString(fieldName),
    }),
  });
  return placeSlot(upd.build({ baseLength }), slot);
}

/** Timestamps the PDF in `src` as a whole; returns the incremental update to append. */
export async function addDocumentTimestamp(
  src: ByteSource,
  timestamper: Timestamper,
): Promise<DocumentTimestampResult> {
  const pdf = openPdf(src);
  if (pdf.isEncrypted) throw new HosoError('PDF_ENCRYPTED', { params: { path: '<input>' } });
  const fieldName = freeSignatureFieldName(pdf, 'DocumentTimestamp');
  const baseLength = src.size;
  const hashes = hashSource(src, 'sha256');
  // Dry run: the size of this TSA's tokens (they vary only by serial and time), plus a margin.
  const dry = await timestamper.forImprint(new Uint8Array(createHash('sha256').digest()), 'sha256');
  const sealed = await sealSlot(
    hashes.signing,
    baseLength,
    dry.length + 512,
    (reserve) => Promise.resolve(prepareUpdate(pdf, baseLength, fieldName, reserve)),
    (digest) => timestamper.forImprint(digest, 'sha256'),
  );
  const timestamp = timestamper.last();
  if (!timestamp)
    throw new HosoError('INTERNAL', { params: { detail: 'the timestamper kept no token info' } });
  return {
    update: sealed.update,
    sha256: hashes.sha256.copy().update(sealed.update).digest('hex'),
    byteRange: sealed.byteRange,
    fieldName,
    timestamp,
  };
}
