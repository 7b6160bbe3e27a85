/**
 * The pages of a PDF original, copied into the copy with pdf-lib. Each page dictionary and
 * everything it reaches — content streams, fonts, images, form XObjects, annotations — is copied
 * object by object (PDFObjectCopier): stream data is carried as the encoded bytes it was, never
 * decoded or re-compressed, so page content, font programs and images are byte-identical in the
 * copy (a test checks it). One copier serves all pages and the optional-content properties, so a
 * reference from one page to another (a link destination, an annotation's /P) lands on the
 * copied page and layers keep their visibility.
 *
 * What is not carried over, and why:
 * - Interactive form fields and signatures. The copy is a new document (Decree 23/2015/NĐ-CP as
 *   amended, Art. 2(6)): an original's digital signatures signed the original's bytes and cannot
 *   be valid in it, and keeping their dictionaries would let the copy look as if it carried
 *   them. So widget annotations are flattened: their normal appearance (ISO 32000-1 §12.5.5) is
 *   drawn into the page at the widget's rectangle — what the reader saw stays visible — and the
 *   widget, its field and any signature value are dropped. Hidden widgets are dropped unseen.
 *   Register copies attach the original file itself when its signatures must stay checkable.
 * - The document outline, named destinations, the structure tree, the interactive form, document
 *   JavaScript and metadata of the original: the copy has its own.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { describeCause } from '../kernel/index.js';
import { copyError } from './copy-errors.js';
import type { AnalysedPdf } from './original-pdf-analysis.js';
import { pdfNumber, wrapPageContent } from './page-contents.js';

/** Annotation flags (§12.5.3 Table 165). */
const HIDDEN = 1 << 1;
const NO_VIEW = 1 << 5;

export interface CopiedPage {
  readonly page: PDFPage;
  /** True when the page's content was already wrapped (flattened widgets were appended). */
  readonly wrapped: boolean;
}

export async function copyPdfPages(
  doc: PDFDocument,
  name: string,
  bytes: Uint8Array,
  analysis: AnalysedPdf,
): Promise<CopiedPage[]> {
  let src: PDFDocument;
  try {
    src = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (e) {
    throw copyError(
      'PDF_MALFORMED',
      name,
      { vi: `${name}: ${describeCause(e)}`, en: `${name}: ${describeCause(e)}` },
      e,
    );
  }
  const srcPages = src.getPages();
  if (srcPages.length !== analysis.pages.length) {
    // Two readers that disagree on the pages: the file is damaged in a way we must not guess at.
    throw copyError('PDF_MALFORMED', name, {
      vi: `${name}: cây trang không nhất quán (${srcPages.length} so với ${analysis.pages.length} trang)`,
      en: `${name}: inconsistent page tree (${srcPages.length} versus ${analysis.pages.length} pages)`,
    });
  }
  const wrapped = srcPages.map((p, i) =>
    flattenWidgets(src.context, p.node, analysis.pages[i]?.unclosedSaves ?? 0),
  );

  const copier = PDFObjectCopier.for(src.context, doc.context);
  const out: CopiedPage[] = [];
  srcPages.forEach((p, i) => {
    const ref = copier.copy(p.ref);
    const leaf = doc.context.lookup(ref);
    if (!(ref instanceof PDFRef) || !(leaf instanceof PDFPageLeaf)) {
      throw copyError('PDF_MALFORMED', name, {
        vi: `${name}: trang ${i + 1} không phải một trang`,
        en: `${name}: page ${i + 1} is not a page object`,
      });
    }
    const page = PDFPage.of(leaf, ref, doc);
    doc.addPage(page);
    out.push({ page, wrapped: wrapped[i] ?? false });
  });
  // Optional content (§8.11.4): without the catalog's /OCProperties, layers hidden in the
  // original would show in the copy. Only the first PDF original's configuration is kept.
  const ocProperties = src.catalog.get(PDFName.of('OCProperties'));
  if (ocProperties !== undefined && doc.catalog.get(PDFName.of('OCProperties')) === undefined) {
    doc.catalog.set(PDFName.of('OCProperties'), copier.copy(ocProperties));
  }
  return out;
}

/**
 * Replaces the page's widget annotations by their appearances drawn in the page (§12.5.5: the
 * appearance's /BBox, transformed by its /Matrix, is mapped onto the annotation's /Rect).
 * Returns true when the page content was wrapped to append them.
 */
function flattenWidgets(context: PDFContext, page: PDFPageLeaf, unclosedSaves: number): boolean {
  const annots = context.lookup(page.get(PDFName.of('Annots')));
  if (!(annots instanceof PDFArray)) return false;
  const keep: PDFObject[] = [];
  const draws: { form: PDFRef; matrix: number[] }[] = [];
  for (const entry of annots.asArray()) {
    const annot = context.lookup(entry);
    if (!(annot instanceof PDFDict)) continue;
    if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Widget')) {
      keep.push(entry);
      continue;
    }
    const flags = numberOf(context, annot.get(PDFName.of('F'))) ?? 0;
    if ((flags & (HIDDEN | NO_VIEW)) !== 0) continue;
    const draw = appearanceDraw(context, annot);
    if (draw !== null) draws.push(draw);
  }
  if (keep.length > 0) page.set(PDFName.of('Annots'), context.obj(keep));
  else page.delete(PDFName.of('Annots'));
  if (draws.length === 0) return false;

  // The page's own resources get a private copy with the appearances added, so other pages
  // sharing the resource dictionary are left as they were.
  const inherited = context.lookup(page.getInheritableAttribute(PDFName.of('Resources')));
  const resources = inherited instanceof PDFDict ? inherited.clone(context) : context.obj({});
  const xobjects = resources.lookup(PDFName.of('XObject'));
  const names = xobjects instanceof PDFDict ? xobjects.clone(context) : context.obj({});
  resources.set(PDFName.of('XObject'), names);
  page.set(PDFName.of('Resources'), resources);
  let ops = '';
  draws.forEach(({ form, matrix }, i) => {
    let key = `HosoFlat${i}`;
    while (names.has(PDFName.of(key))) key += 'x';
    names.set(PDFName.of(key), form);
    ops += `q ${matrix.map(pdfNumber).join(' ')} cm /${key} Do Q\n`;
  });
  wrapPageContent(context, page, unclosedSaves, ops);
  return true;
}

function numberOf(context: PDFContext, obj: PDFObject | undefined): number | null {
  const v = obj === undefined ? undefined : context.lookup(obj);
  return v instanceof PDFNumber ? v.asNumber() : null;
}

function numbers(context: PDFContext, obj: PDFObject | undefined, length: number): number[] | null {
  const v = obj === undefined ? undefined : context.lookup(obj);
  if (!(v instanceof PDFArray) || v.size() !== length) return null;
  const out: number[] = [];
  for (const e of v.asArray()) {
    const n = numberOf(context, e);
    if (n === null) return null;
    out.push(n);
  }
  return out;
}

/** The normal appearance of a widget and the matrix placing it on the page, or null. */
function appearanceDraw(
  context: PDFContext,
  annot: PDFDict,
): { form: PDFRef; matrix: number[] } | null {
  const ap = context.lookup(annot.get(PDFName.of('AP')));
  if (!(ap instanceof PDFDict)) return null;
  let normal = ap.get(PDFName.of('N'));
  const resolved = normal === undefined ? undefined : context.lookup(normal);
  if (resolved instanceof PDFDict && !(resolved instanceof PDFStream)) {
    // Appearance states (check boxes, radio buttons): /AS picks one.
    const state = annot.get(PDFName.of('AS'));
    normal = state instanceof PDFName ? resolved.get(state) : undefined;
  }
  if (!(normal instanceof PDFRef)) return null;
  const form = context.lookup(normal);
  if (!(form instanceof PDFStream)) return null;
  const rect = numbers(context, annot.get(PDFName.of('Rect')), 4);
  const bbox = numbers(context, form.dict.get(PDFName.of('BBox')), 4);
  if (rect === null || bbox === null) return null;
  const m = numbers(context, form.dict.get(PDFName.of('Matrix')), 6) ?? [1, 0, 0, 1, 0, 0];
  // The appearance is painted with Do, which needs a form XObject (§8.10).
  form.dict.set(PDFName.of('Type'), PDFName.of('XObject'));
  form.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
  const corners = [
    [bbox[0]!, bbox[1]!],
    [bbox[2]!, bbox[1]!],
    [bbox[0]!, bbox[3]!],
    [bbox[2]!, bbox[3]!],
  ].map(([x, y]) => [m[0]! * x! + m[2]! * y! + m[4]!, m[1]! * x! + m[3]! * y! + m[5]!]);
  const xs = corners.map((c) => c[0]!);
  const ys = corners.map((c) => c[1]!);
  const bx0 = Math.min(...xs);
  const by0 = Math.min(...ys);
  const bw = Math.max(...xs) - bx0;
  const bh = Math.max(...ys) - by0;
  const rx0 = Math.min(rect[0]!, rect[2]!);
  const ry0 = Math.min(rect[1]!, rect[3]!);
  const rw = Math.abs(rect[2]! - rect[0]!);
  const rh = Math.abs(rect[3]! - rect[1]!);
  if (bw <= 0 || bh <= 0 || rw <= 0 || rh <= 0) return null;
  const sx = rw / bw;
  const sy = rh / bh;
  return { form: normal, matrix: [sx, 0, 0, sy, rx0 - sx * bx0, ry0 - sy * by0] };
}
