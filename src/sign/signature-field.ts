/**
 * The objects a new signature adds to a PDF (ISO 32000-1 §12.7.4.5, §12.8.1): the signature
 * dictionary, a merged signature field + widget annotation on a page, the page's /Annots, and the
 * document's /AcroForm with /SigFlags 3 (SignaturesExist | AppendOnly). Existing objects are
 * replaced by new versions in the incremental update, never edited in place.
 */
import { HosoError, usageError } from '../kernel/index.js';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfString,
  isPdfArray,
  type PdfFile,
  type PdfObject,
} from '../pdf/index.js';
import { decodePdfTextString } from '../pdf/text-string.js';
import type { ObjectSink } from './appearance-objects.js';

const MAX_FIELDS = 100_000;

/** Fully qualified names of the existing form fields (§12.7.3.2), to pick a free one. */
export function existingFieldNames(pdf: PdfFile): Set<string> {
  const names = new Set<string>();
  const acro = pdf.lookupDict(pdf.catalog().get('AcroForm'));
  const fields = acro ? pdf.resolve(acro.get('Fields')) : undefined;
  if (!isPdfArray(fields)) return names;
  const seen = new Set<string>();
  const stack: { obj: PdfObject; prefix: string }[] = fields.map((obj) => ({ obj, prefix: '' }));
  while (stack.length && seen.size < MAX_FIELDS) {
    const { obj, prefix } = stack.pop()!;
    if (obj instanceof PdfRef) {
      if (seen.has(obj.toString())) continue;
      seen.add(obj.toString());
    }
    const dict = pdf.lookupDict(obj);
    if (!dict) continue;
    const t = dict.get('T');
    const name = t instanceof PdfString ? decodePdfTextString(t.bytes) : '';
    const full = name ? (prefix ? `${prefix}.${name}` : name) : prefix;
    if (full) names.add(full);
    const kids = pdf.resolve(dict.get('Kids'));
    if (isPdfArray(kids)) for (const k of kids) stack.push({ obj: k, prefix: full });
  }
  return names;
}

/** `Signature1`, `Signature2`, … (or `<prefix>1`, …): the first name no field has yet. */
export function freeSignatureFieldName(pdf: PdfFile, prefix = 'Signature'): string {
  const names = existingFieldNames(pdf);
  for (let i = 1; ; i++) if (!names.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** Appends `item` to the array held at `key` of `holder`, writing a new version of whichever object holds the array. */
function appendToArray(
  pdf: PdfFile,
  sink: ObjectSink,
  holder: PdfDict,
  key: string,
  item: PdfRef,
): PdfDict {
  const current = holder.get(key);
  if (current instanceof PdfRef) {
    const arr = pdf.resolve(current);
    if (isPdfArray(arr)) {
      sink.set(current, [...arr, item]);
      return holder;
    }
  }
  const copy = new PdfDict(holder.entries());
  const arr = pdf.resolve(current);
  copy.set(key, isPdfArray(arr) ? [...arr, item] : [item]);
  return copy;
}

export interface FieldPlacement {
  readonly widget: PdfRef;
  readonly widgetDict: PdfDict;
  /** 0-based page index. */
  readonly pageIndex: number;
  /**
   * Entries to set in the document catalog (a certification signature's /Perms): the catalog is
   * then written again in this update, with all its other entries kept.
   */
  readonly catalogEntries?: ReadonlyMap<string, PdfObject>;
}

/**
 * Adds the widget to the page's /Annots and the field to /AcroForm /Fields, writing new versions
 * of the page (or its /Annots array), the AcroForm (or its /Fields array) and, when needed, the
 * catalog.
 */
export function attachField(pdf: PdfFile, sink: ObjectSink, placement: FieldPlacement): void {
  const pages = pdf.pages();
  const page = pages[placement.pageIndex];
  if (!page) {
    throw usageError(
      'sign',
      `tài liệu không có trang ${placement.pageIndex + 1} (chỉ có ${pages.length} trang)`,
      `page ${placement.pageIndex + 1} does not exist (the document has ${pages.length})`,
    );
  }
  placement.widgetDict.set('P', page.ref);
  sink.set(placement.widget, placement.widgetDict);

  const newPage = appendToArray(pdf, sink, page.dict, 'Annots', placement.widget);
  if (newPage !== page.dict) sink.set(page.ref, newPage);

  const rootRef = pdf.trailer.get('Root');
  if (!(rootRef instanceof PdfRef))
    throw new HosoError('PDF_MALFORMED', {
      params: { detail: 'trailer /Root is not a reference' },
    });
  const catalog = pdf.catalog();
  const acroEntry = catalog.get('AcroForm');
  const acro = pdf.lookupDict(acroEntry) ?? new PdfDict();
  let newAcro = appendToArray(pdf, sink, acro, 'Fields', placement.widget);
  if (newAcro === acro) newAcro = new PdfDict(acro.entries());
  newAcro.set('SigFlags', 3);
  const newCatalog = new PdfDict(catalog.entries());
  let catalogChanged = false;
  if (acroEntry instanceof PdfRef) {
    sink.set(acroEntry, newAcro);
  } else {
    const acroRef = sink.allocate();
    sink.set(acroRef, newAcro);
    newCatalog.set('AcroForm', acroRef);
    catalogChanged = true;
  }
  for (const [key, value] of placement.catalogEntries ?? []) {
    newCatalog.set(key, value);
    catalogChanged = true;
  }
  if (catalogChanged) sink.set(rootRef, newCatalog);
}

export function widgetDictionary(opts: {
  fieldName: string;
  signature: PdfRef;
  rect: readonly [number, number, number, number];
  appearance: PdfRef;
  fieldNameString: PdfString;
}): PdfDict {
  return new PdfDict([
    ['Type', PdfName.of('Annot')],
    ['Subtype', PdfName.of('Widget')],
    ['FT', PdfName.of('Sig')],
    ['T', opts.fieldNameString],
    ['V', opts.signature],
    // Print (4) + Locked (128): printed with the page, not movable (§12.5.3)
    ['F', 132],
    ['Rect', [...opts.rect]],
    ['AP', new PdfDict([['N', opts.appearance]])],
  ]);
}
