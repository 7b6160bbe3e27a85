/**
 * Writing the Document Security Store (ISO 32000-2 §12.8.4.3; ETSI EN 319 142-1 §5.4.2, PAdES
 * B-LT) as one incremental update: the catalog's /DSS with /Certs, /CRLs and /OCSPs, arrays of
 * streams each holding one DER certificate, CRL or OCSP response, and /VRI, one dictionary per
 * signature keyed by the upper-case hex SHA-1 of its /Contents (the whole string, padding
 * included, as ISO 32000-2 §12.8.4.4 and Acrobat read it), whose /Cert, /CRL and /OCSP name the
 * streams that signature needs.
 *
 * A DSS already in the file is kept: its entries stay as they are (other keys too), new streams
 * are appended to its arrays, a stream already there with the same bytes is referred to rather
 * than added again, and a /VRI entry for the same signature gains the new references. Only the
 * DSS dictionary (or, when the file has none or holds it inside the catalog, the catalog) gets a
 * new version: nothing else, so earlier signatures see an LTA update and nothing more. What the
 * DSS holds is read back by src/pdf (readDocumentSecurityStore) for a later extension to build on.
 */
import { createHash } from 'node:crypto';
import { HosoError } from '../kernel/index.js';
import {
  dssStreams,
  IncrementalUpdate,
  isPdfArray,
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  type PdfFile,
  type PdfObject,
} from '../pdf/index.js';

/** What one signature needs, under its /VRI key. */
export interface VriEntry {
  /** Upper-case hex SHA-1 of the signature's /Contents bytes. */
  readonly key: string;
  readonly certificates: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
}

export interface DssUpdate {
  /** The bytes to append. */
  readonly update: Uint8Array;
  /** Streams written by this update (not counting those the DSS already had). */
  readonly added: { readonly certificates: number; readonly crls: number; readonly ocsps: number };
}

/** The /VRI key of a signature whose /Contents string holds `contents`. */
export function vriKey(contents: Uint8Array): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

/** Existing streams read to avoid adding them twice; beyond these limits they are just kept. */

const KINDS = [
  { array: 'Certs', vri: 'Cert', field: 'certificates' },
  { array: 'CRLs', vri: 'CRL', field: 'crls' },
  { array: 'OCSPs', vri: 'OCSP', field: 'ocsps' },
] as const;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** One of the three arrays: what it held, and the references new and old content is found at. */
class StreamArray {
  readonly items: PdfObject[];
  readonly byContent = new Map<string, PdfRef>();
  added = 0;

  constructor(
    pdf: PdfFile,
    private readonly upd: IncrementalUpdate,
    existing: PdfObject | undefined,
  ) {
    const array = pdf.resolve(existing);
    this.items = isPdfArray(array) ? [...array] : [];
    for (const { ref, data } of dssStreams(pdf, array)) this.byContent.set(sha256(data), ref);
  }

  /** The reference of a stream holding `der`: the one already there, or a new one. */
  refFor(der: Uint8Array): PdfRef {
    const key = sha256(der);
    const known = this.byContent.get(key);
    if (known) return known;
    const ref = this.upd.allocate();
    this.upd.set(ref, new PdfStream(new PdfDict(), der));
    this.items.push(ref);
    this.byContent.set(key, ref);
    this.added++;
    return ref;
  }
}

/** A /VRI entry: the existing one for the same signature with `refs` added to its arrays. */
function vriDictionary(
  pdf: PdfFile,
  existing: PdfObject | undefined,
  refs: ReadonlyMap<string, readonly PdfRef[]>,
): PdfDict {
  const old = pdf.lookupDict(existing);
  const dict = new PdfDict(old?.entries());
  for (const [key, list] of refs) {
    const before = pdf.resolve(old?.get(key));
    const merged: PdfObject[] = isPdfArray(before) ? [...before] : [];
    for (const ref of list)
      if (!merged.some((r) => r instanceof PdfRef && r.equals(ref))) merged.push(ref);
    if (merged.length > 0) dict.set(key, merged);
  }
  return dict;
}

/** The update adding `entries` to the DSS of `pdf` (whose bytes are `baseLength` long). */
export function dssUpdate(
  pdf: PdfFile,
  baseLength: number,
  entries: readonly VriEntry[],
): DssUpdate {
  const upd = new IncrementalUpdate(pdf);
  const catalog = pdf.catalog();
  const dssEntry = catalog.get('DSS');
  const old = pdf.lookupDict(dssEntry);
  const dss = new PdfDict(old?.entries() ?? [['Type', PdfName.of('DSS')]]);
  const arrays = new Map(
    KINDS.map((k) => [k.array, new StreamArray(pdf, upd, old?.get(k.array))] as const),
  );
  const oldVri = pdf.lookupDict(old?.get('VRI'));
  const vri = new PdfDict(oldVri?.entries());
  for (const entry of entries) {
    const refs = new Map(
      KINDS.map((k) => [k.vri, entry[k.field].map((der) => arrays.get(k.array)!.refFor(der))]),
    );
    vri.set(entry.key, vriDictionary(pdf, oldVri?.get(entry.key), refs));
  }
  for (const k of KINDS) {
    const items = arrays.get(k.array)!.items;
    if (items.length > 0) dss.set(k.array, items);
  }
  if (vri.size > 0) dss.set('VRI', vri);

  if (dssEntry instanceof PdfRef && old !== undefined) {
    upd.set(dssEntry, dss);
  } else {
    const rootRef = pdf.trailer.get('Root');
    if (!(rootRef instanceof PdfRef))
      throw new HosoError('PDF_MALFORMED', {
        params: { detail: 'trailer /Root is not a reference' },
      });
    const dssRef = upd.allocate();
    upd.set(dssRef, dss);
    upd.set(rootRef, new PdfDict(catalog.entries()).set('DSS', dssRef));
  }
  return {
    update: upd.build({ baseLength }).bytes,
    added: {
      certificates: arrays.get('Certs')!.added,
      crls: arrays.get('CRLs')!.added,
      ocsps: arrays.get('OCSPs')!.added,
    },
  };
}
