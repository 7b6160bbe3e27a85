/**
 * The Document Security Store of a PDF (ISO 32000-2 §12.8.4.3; ETSI EN 319 142-1 §5.4.2): the
 * catalog's /DSS with /Certs, /CRLs and /OCSPs, arrays of streams holding DER certificates, CRLs
 * and OCSP responses, added for long-term validation (PAdES B-LT). The latest revision's DSS is
 * read: LTV material is added after the signatures it serves. Per-signature /VRI entries only
 * index the same streams, so the arrays are enough.
 *
 * What cannot be read (a missing object, an undecodable stream, more than the limits below) is
 * left out: this is evidence offered by the file, and an unreadable piece is no evidence.
 */
import { isHosoError } from '../kernel/index.js';
import { isPdfArray, PdfStream, type PdfDict, type PdfFile } from '../pdf/index.js';
import type { DocumentEvidence } from './signer-assessment.js';

/** Per stream, and per array: far beyond what a real DSS holds. */
const MAX_ITEM_BYTES = 16 * 1024 * 1024;
const MAX_ITEMS = 10_000;

export const EMPTY_DSS: DocumentEvidence = { certificates: [], crls: [], ocsps: [] };

export function documentSecurityStore(pdf: PdfFile): DocumentEvidence {
  let dss: PdfDict | undefined;
  try {
    dss = pdf.lookupDict(pdf.catalog().get('DSS'));
  } catch (e) {
    if (!isHosoError(e)) throw e;
    return EMPTY_DSS;
  }
  if (dss === undefined) return EMPTY_DSS;
  const streams = (key: string): Uint8Array[] => {
    const array = pdf.resolve(dss.get(key));
    if (!isPdfArray(array)) return [];
    const out: Uint8Array[] = [];
    for (const item of array.slice(0, MAX_ITEMS)) {
      try {
        const stream = pdf.resolve(item);
        if (stream instanceof PdfStream)
          out.push(pdf.readStreamData(stream, { decode: true, maxBytes: MAX_ITEM_BYTES }));
      } catch (e) {
        if (!isHosoError(e)) throw e;
      }
    }
    return out;
  };
  return { certificates: streams('Certs'), crls: streams('CRLs'), ocsps: streams('OCSPs') };
}
