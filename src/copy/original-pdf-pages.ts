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
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { describeCause } from '../kernel/index.js';
import {
  ANNOTATION_HIDDEN,
  ANNOTATION_NO_VIEW,
  annotationFlags,
  type AppearancePlacement,
  normalAppearance,
  pdfNumber,
} from '../layout/index.js';
import { copyError } from './copy-errors.js';
import type { AnalysedPdf } from './original-pdf-analysis.js';
import { wrapPageContent } from './page-contents.js';

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
  const draws: AppearancePlacement[] = [];
  for (const entry of annots.asArray()) {
    const annot = context.lookup(entry);
    if (!(annot instanceof PDFDict)) continue;
    if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Widget')) {
      keep.push(entry);
      continue;
    }
    const flags = annotationFlags(context, annot);
    if ((flags & (ANNOTATION_HIDDEN | ANNOTATION_NO_VIEW)) !== 0) continue;
    const draw = normalAppearance(context, annot);
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
