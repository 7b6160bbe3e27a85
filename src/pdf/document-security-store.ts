/**
 * Reading the Document Security Store of a PDF (ISO 32000-2 §12.8.4.3; ETSI EN 319 142-1 §5.4.2):
 * the catalog's /DSS with /Certs, /CRLs and /OCSPs, arrays of streams each holding one DER
 * certificate, CRL or OCSP response, added for long-term validation (PAdES B-LT). The verifier
 * takes them as validation data; the signer builds on them when it extends a file again.
 *
 * What cannot be read (a missing object, an undecodable stream, more than the limits below) is
 * left out: this is evidence offered by the file, and an unreadable piece is no evidence.
 */
import { isHosoError } from '../kernel/index.js';
import { isPdfArray, PdfRef, PdfStream, type PdfObject } from './objects.js';
import type { PdfFile } from './pdf-file.js';

/** Per array, and per stream: far beyond what a real DSS holds. */
const MAX_ITEMS = 10_000;
const MAX_ITEM_BYTES = 16 * 1024 * 1024;

export interface DssStream {
  readonly ref: PdfRef;
  readonly data: Uint8Array;
}

/** The streams an array of the DSS refers to, decoded; unreadable ones are skipped. */
export function dssStreams(pdf: PdfFile, array: PdfObject | undefined): DssStream[] {
  const items = pdf.resolve(array);
  const out: DssStream[] = [];
  if (!isPdfArray(items)) return out;
  for (const item of items.slice(0, MAX_ITEMS)) {
    if (!(item instanceof PdfRef)) continue;
    try {
      const stream = pdf.resolve(item);
      if (stream instanceof PdfStream)
        out.push({
          ref: item,
          data: pdf.readStreamData(stream, { decode: true, maxBytes: MAX_ITEM_BYTES }),
        });
    } catch (e) {
      if (!isHosoError(e)) throw e;
    }
  }
  return out;
}

export interface DssContents {
  readonly certificates: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
}

/** What the latest revision's DSS holds (empty when there is none or it cannot be read). */
export function readDocumentSecurityStore(pdf: PdfFile): DssContents {
  let dss;
  try {
    dss = pdf.lookupDict(pdf.catalog().get('DSS'));
  } catch (e) {
    if (!isHosoError(e)) throw e;
    dss = undefined;
  }
  const data = (key: string) => dssStreams(pdf, dss?.get(key)).map((s) => s.data);
  return { certificates: data('Certs'), crls: data('CRLs'), ocsps: data('OCSPs') };
}
