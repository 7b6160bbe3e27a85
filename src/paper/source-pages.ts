/**
 * The electronic result's pages, made ready to be painted on paper: each page's content as one
 * form XObject (ISO 32000-1 §8.10) and each annotation that shows as its appearance stream
 * (§12.5.5), both copied into the paper document with one pdf-lib object copier, so resources
 * shared between pages (fonts, images) are carried once.
 *
 * Why form XObjects rather than pdf-lib's embedPage: embedPage decodes every content stream and
 * compresses it again, page by page, and carries the content only — the annotations (filled form
 * fields, visible signatures, stamps) are lost. Here a page with one content stream keeps its
 * encoded bytes as they were: the form's dictionary gets /Type /XObject /Subtype /Form, /BBox
 * (the visible area), /Resources and /Group next to the stream's own /Filter and /DecodeParms.
 * Only a page split into several content streams (read as one, §7.8.2) is decoded and joined.
 * A form also isolates the page's graphics state: `Do` saves and restores it (§8.10.1), so a
 * content stream that leaves a `q` open or a matrix changed cannot shift what paper adds.
 *
 * Which annotations are painted — paper shows what prints, and never less than what a reader
 * saw (Decree 45/2020 Art. 18(2): the paper reproduces the result "đầy đủ, chính xác"):
 * - Hidden (flag 2): never (§12.5.3: not displayed nor printed).
 * - Print (flag 4) set: painted, NoView or not (a print-only watermark is part of the paper).
 * - Print clear: painted when a viewer shows it (NoView clear). ISO 32000-1 says such an
 *   annotation is not printed; but producers that forget the flag exist, and a visible
 *   signature or a form value seen on screen and missing on paper is the worse error. Popup
 *   annotations are the exception: viewers show them only when opened.
 * - Without a usable normal appearance (/AP /N): not painted. We draw no appearance ourselves
 *   (a form field needing one, /NeedAppearances, is shown as its producer left it).
 * Known limits: the NoZoom and NoRotate flags (§12.5.3) are not honoured on rotated pages, and
 * optional content (/OC) on annotations is ignored (they are painted).
 */
import type { PDFDocument } from 'pdf-lib';
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFRawStream,
  PDFRef,
  PDFStream,
  decodePDFRawStream,
  type PDFContext,
  type PDFObject,
  type PDFPageLeaf,
} from 'pdf-lib';
import {
  ANNOTATION_HIDDEN,
  ANNOTATION_NO_VIEW,
  ANNOTATION_PRINT,
  annotationFlags,
  normalAppearance,
  numbersOf,
  type Matrix,
  flateStream,
} from '../layout/index.js';
import type { Box, Rotation } from './paper-geometry.js';

export interface SourcePage {
  /** The page's content as a form XObject in the paper document. */
  readonly form: PDFRef;
  /** The visible area (crop box within media box) in the page's default user space. */
  readonly visible: Box;
  readonly rotate: Rotation;
  /** Annotation appearances in the paper document, with the matrix (§12.5.5) placing each. */
  readonly annotations: readonly { readonly form: PDFRef; readonly matrix: Matrix }[];
}

/** US Letter: what readers (poppler, pdf.js) show a page without a usable media box on. */
const LETTER: Box = [0, 0, 612, 792];

function boxOf(context: PDFContext, obj: PDFObject | undefined): Box | null {
  const n = numbersOf(context, obj, 4);
  if (n === null) return null;
  const [a, b, c, d] = n as [number, number, number, number];
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

function visibleBox(context: PDFContext, page: PDFPageLeaf): Box {
  const media = boxOf(context, page.getInheritableAttribute(PDFName.of('MediaBox'))) ?? LETTER;
  const crop = boxOf(context, page.getInheritableAttribute(PDFName.of('CropBox'))) ?? media;
  const v: Box = [
    Math.max(media[0], crop[0]),
    Math.max(media[1], crop[1]),
    Math.min(media[2], crop[2]),
    Math.min(media[3], crop[3]),
  ];
  return v[0] < v[2] && v[1] < v[3] ? v : media;
}

function rotationOf(context: PDFContext, page: PDFPageLeaf): Rotation {
  const r = context.lookup(page.getInheritableAttribute(PDFName.of('Rotate')));
  const n = r instanceof PDFNumber ? r.asNumber() : 0;
  // Rotate must be a multiple of 90 (§7.7.3.3); readers ignore any other value, and so do we.
  const turns = Number.isInteger(n / 90) ? (((n / 90) % 4) + 4) % 4 : 0;
  return (turns * 90) as Rotation;
}

/** The page's content streams, in order. */
function contentStreams(context: PDFContext, page: PDFPageLeaf): PDFStream[] {
  const contents = context.lookup(page.get(PDFName.of('Contents')));
  const items =
    contents instanceof PDFArray ? contents.asArray() : [page.get(PDFName.of('Contents'))];
  return items
    .map((i) => (i === undefined ? undefined : context.lookup(i)))
    .filter((s): s is PDFStream => s instanceof PDFStream);
}

function shows(context: PDFContext, annot: PDFDict): boolean {
  if (annot.get(PDFName.of('Subtype')) === PDFName.of('Popup')) return false;
  const flags = annotationFlags(context, annot);
  if ((flags & ANNOTATION_HIDDEN) !== 0) return false;
  if ((flags & ANNOTATION_PRINT) !== 0) return true;
  return (flags & ANNOTATION_NO_VIEW) === 0;
}

/**
 * Prepares every page of `src` for painting in `doc`. The source is read once (pdf-lib), and
 * objects reached from several pages are copied once.
 */
export function sourcePages(src: PDFDocument, doc: PDFDocument): SourcePage[] {
  const from = src.context;
  const to = doc.context;
  const copier = PDFObjectCopier.for(from, to);
  return src.getPages().map(({ node }) => {
    const visible = visibleBox(from, node);
    const rotate = rotationOf(from, node);
    const resources = from.lookup(node.getInheritableAttribute(PDFName.of('Resources')));
    const formDict = to.obj({
      Type: 'XObject',
      Subtype: 'Form',
      BBox: [...visible],
      Resources: resources instanceof PDFDict ? copier.copy(resources) : to.obj({}),
    });
    const group = node.get(PDFName.of('Group'));
    if (group !== undefined) formDict.set(PDFName.of('Group'), copier.copy(group));

    const streams = contentStreams(from, node);
    let form: PDFRef;
    const only = streams.length === 1 ? streams[0] : undefined;
    if (only instanceof PDFRawStream) {
      // The encoded bytes as they are, with the filters that decode them.
      for (const key of ['Filter', 'DecodeParms']) {
        const v = only.dict.get(PDFName.of(key));
        if (v !== undefined) formDict.set(PDFName.of(key), copier.copy(v));
      }
      form = to.register(PDFRawStream.of(formDict, only.getContents()));
    } else {
      const parts = streams.map((s) =>
        s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents(),
      );
      const size = parts.reduce((n, p) => n + p.length + 1, 0);
      const joined = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        joined.set(p, at);
        joined[at + p.length] = 0x0a; // streams join at token boundaries (§7.8.2)
        at += p.length + 1;
      }
      const stream = flateStream(to, joined);
      for (const [k, v] of formDict.entries()) stream.dict.set(k, v);
      form = to.register(stream);
    }

    const annotations: { form: PDFRef; matrix: Matrix }[] = [];
    const annots = from.lookup(node.get(PDFName.of('Annots')));
    if (annots instanceof PDFArray) {
      for (const entry of annots.asArray()) {
        const annot = from.lookup(entry);
        if (!(annot instanceof PDFDict) || !shows(from, annot)) continue;
        const placed = normalAppearance(from, annot);
        if (placed === null) continue;
        const copied = copier.copy(placed.form);
        if (copied instanceof PDFRef) annotations.push({ form: copied, matrix: placed.matrix });
      }
    }
    return { form, visible, rotate, annotations };
  });
}
