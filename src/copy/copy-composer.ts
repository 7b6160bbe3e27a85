/**
 * Composing a copy, whatever its kind: the original's pages reproduced unchanged (PDF pages
 * copied object by object, scans embedded without recompression on pages of their physical
 * size), the statement band on the last page where it has free room — else on an added page —
 * and "Trang x/y" on every page that has a free strip for it.
 *
 * Page numbers are put only where they cover nothing (ISO 32000-1 gives no "free area"; we find
 * it with content-extent.ts): at the bottom right, else the top right, of the visible area.
 * Scans fill their page, so their pages usually get none; nor do rotated pages (a number drawn
 * in unrotated space would appear sideways) or pages whose content could not be interpreted.
 * That is why the statement always says how many pages the copy has ("Bản sao này gồm N
 * trang."): the count is on the signed statement even where a page could not be numbered.
 *
 * The result is deterministic for the same inputs: metadata dates come from the caller's date,
 * the producer is "hoso", and pdf-lib's font-name suffixes come from its seeded generator.
 */
import { measureText, saveDocument } from '../layout/index.js';
import {
  PDFDocument,
  concatTransformationMatrix,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  type PDFPage,
} from 'pdf-lib';
import { usageError } from '../kernel/index.js';
import type { ComposedCopy, OriginalInput, PageRect } from './copy-model.js';
import { embedStatementFonts } from './copy-fonts.js';
import { fillText, type CopyTemplate } from './copy-template.js';
import { isFree, lowestFreeBand } from './free-space.js';
import { analysePdfOriginal } from './original-pdf-analysis.js';
import { copyPdfPages } from './original-pdf-pages.js';
import { wrapPageContent } from './page-contents.js';
import type { Box } from './page-geometry.js';
import { embedScan } from './scan-image.js';
import { A4_POINTS, POINTS_PER_MM, placeScan } from './scan-resolution.js';
import {
  layoutStatement,
  type StatementContent,
  type StatementFonts,
  type StatementLayout,
} from './statement-layout.js';

export interface CopyJob {
  readonly command: string;
  readonly originals: readonly OriginalInput[];
  /** The statement, given the number of pages of the copy. */
  readonly statement: (pages: number) => StatementContent;
  readonly template: CopyTemplate;
  readonly date: Date;
  /** Document title (metadata). */
  readonly title: string;
  /** Last changes to the document before it is saved (attachments). */
  readonly finish?: (doc: PDFDocument) => void;
}

interface PageState {
  readonly page: PDFPage;
  /** Visible area in default user space. */
  readonly visible: Box;
  readonly rotate: number;
  /** Where something is painted; null when unknown (then nothing is added to the page). */
  readonly occupied: Box[] | null;
  readonly unclosedSaves: number;
  /** The page's own content is already closed off (or the page is ours). */
  wrapped: boolean;
}

const TEXT_ASCENT = 0.9;
const TEXT_DESCENT = 0.25;

export async function composeCopy(job: CopyJob): Promise<ComposedCopy> {
  if (job.originals.length === 0) {
    throw usageError(
      job.command,
      'cần ít nhất một tệp bản chính',
      'at least one original is needed',
    );
  }
  const t = job.template;
  const mm = POINTS_PER_MM;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedStatementFonts(doc);

  const states: PageState[] = [];
  for (const original of job.originals) {
    if (original.kind === 'pdf') {
      const analysis = analysePdfOriginal(original.name, original.bytes);
      const copied = await copyPdfPages(doc, original.name, original.bytes, analysis);
      copied.forEach(({ page, wrapped }, i) => {
        const a = analysis.pages[i]!;
        states.push({
          page,
          visible: a.geometry.visible,
          rotate: a.geometry.rotate,
          occupied: a.occupied === null ? null : [...a.occupied],
          unclosedSaves: a.unclosedSaves,
          wrapped,
        });
      });
    } else {
      states.push(await addScanPage(doc, original));
    }
  }

  // --- the statement: on the last page if it has room, else on a page of its own ---
  const clearance = t.band.clearance * mm;
  const last = states[states.length - 1]!;
  let placed: { state: PageState; x: number; y: number; layout: StatementLayout } | null = null;
  if (last.occupied !== null && last.rotate === 0) {
    const [vx0, vy0, vx1, vy1] = last.visible;
    const x0 = vx0 + t.band.marginLeft * mm;
    const x1 = vx1 - t.band.marginRight * mm;
    const layout = layoutStatement(job.statement(states.length), fonts, t, x1 - x0);
    if (layout !== null) {
      const y = lowestFreeBand(
        last.occupied,
        x0,
        x1,
        layout.height,
        vy0 + t.band.marginBottom * mm,
        vy1 - t.band.marginTop * mm,
        clearance,
      );
      if (y !== null) placed = { state: last, x: x0, y, layout };
    }
  }
  const addedPage = placed === null;
  if (placed === null) {
    const content = job.statement(states.length + 1);
    // A page of the size the last page is seen at; A4 when the statement does not fit on it.
    const [vx0, vy0, vx1, vy1] = last.visible;
    const turned = last.rotate === 90 || last.rotate === 270;
    let size: readonly [number, number] = turned ? [vy1 - vy0, vx1 - vx0] : [vx1 - vx0, vy1 - vy0];
    let layout = fitOnPage(content, fonts, t, size);
    if (layout === null) {
      size = A4_POINTS;
      layout = fitOnPage(content, fonts, t, size);
    }
    if (layout === null) {
      throw usageError(
        job.command,
        'lời chứng theo mẫu trình bày không vừa một trang A4; hãy giảm cỡ chữ hoặc lề trong mẫu',
        'the statement as the template lays it out does not fit an A4 page; reduce font sizes or margins in the template',
      );
    }
    const page = doc.addPage([size[0], size[1]]);
    const state: PageState = {
      page,
      visible: [0, 0, size[0], size[1]],
      rotate: 0,
      occupied: [],
      unclosedSaves: 0,
      wrapped: true,
    };
    states.push(state);
    placed = {
      state,
      x: t.band.marginLeft * mm,
      y: size[1] - t.band.marginTop * mm - layout.height,
      layout,
    };
  }
  const { state: bandState, x: bandX, y: bandY, layout } = placed;
  beginAdditions(doc, bandState);
  layout.draw(bandState.page, bandX, bandY);
  bandState.occupied!.push([bandX, bandY, bandX + layout.width, bandY + layout.height]);
  const statementPage = states.indexOf(bandState) + 1;

  // --- "Trang x/y" ---
  const footerBands: { page: number; rect: PageRect }[] = [];
  const total = states.length;
  const size = t.fontSizes.pageNumber;
  states.forEach((s, i) => {
    if (s.occupied === null || s.rotate !== 0) return;
    const text = fillText(t.texts.pageNumber, { page: i + 1, pages: total });
    const width = measureText(fonts.regular, text, size);
    const [vx0, vy0, vx1, vy1] = s.visible;
    const right = vx1 - t.pageNumberPosition.fromRight * mm;
    const candidates = [
      vy0 + t.pageNumberPosition.fromBottom * mm,
      vy1 - t.pageNumberPosition.fromTop * mm - size * TEXT_ASCENT,
    ];
    for (const baseline of candidates) {
      const box: Box = [
        right - width - 1,
        baseline - size * TEXT_DESCENT - 1,
        right + 1,
        baseline + size * TEXT_ASCENT + 1,
      ];
      const inside = box[0] >= vx0 && box[1] >= vy0 && box[2] <= vx1 && box[3] <= vy1;
      if (!inside || !isFree(box, s.occupied, clearance)) continue;
      beginAdditions(doc, s);
      s.page.drawText(text, { x: right - width, y: baseline, size, font: fonts.regular });
      footerBands.push({ page: i + 1, rect: [box[0], box[1], box[2] - box[0], box[3] - box[1]] });
      break;
    }
  });

  job.finish?.(doc);
  doc.setTitle(job.title);
  doc.setLanguage('vi-VN');
  doc.setCreator('hoso');
  doc.setProducer('hoso');
  doc.setCreationDate(job.date);
  doc.setModificationDate(job.date);
  // A classic cross-reference table and no object streams: the simplest base for the
  // incremental updates that add the signatures.
  const pdf = await saveDocument(doc, { useObjectStreams: false, addDefaultPage: false });

  const box = (r: readonly [number, number, number, number]): PageRect => [
    bandX + r[0],
    bandY + r[1],
    r[2],
    r[3],
  ];
  return {
    pdf,
    pages: total,
    officerSignature: { page: statementPage, rect: box(layout.signerBox) },
    agencySignature: { page: statementPage, rect: box(layout.sealBox) },
    statementPage,
    statementBand: [bandX, bandY, layout.width, layout.height],
    addedPage,
    footerBands,
  };
}

/** The statement laid out on a page of `size`, if it fits between the margins. */
function fitOnPage(
  content: StatementContent,
  fonts: StatementFonts,
  t: CopyTemplate,
  size: readonly [number, number],
): StatementLayout | null {
  const mm = POINTS_PER_MM;
  const width = size[0] - (t.band.marginLeft + t.band.marginRight) * mm;
  if (width <= 0) return null;
  const layout = layoutStatement(content, fonts, t, width);
  if (layout === null) return null;
  return layout.height <= size[1] - (t.band.marginTop + t.band.marginBottom) * mm ? layout : null;
}

/** Closes off the page's own content before the first thing is added to it (page-contents.ts). */
function beginAdditions(doc: PDFDocument, s: PageState): void {
  if (s.wrapped) return;
  wrapPageContent(doc.context, s.page.node, s.unclosedSaves);
  s.wrapped = true;
}

/** One scan, one page of its physical size (scan-resolution.ts), the image filling its place. */
async function addScanPage(
  doc: PDFDocument,
  scan: OriginalInput & { readonly kind: 'jpeg' | 'png' },
): Promise<PageState> {
  const image = await embedScan(doc, scan);
  const place = placeScan(image.width, image.height, image.resolution, image.orientation);
  const page = doc.addPage([place.pageWidth, place.pageHeight]);
  const name = page.node.newXObject('Scan', image.ref);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(...place.matrix),
    drawObject(name),
    popGraphicsState(),
  );
  const [x, y, w, h] = place.imageRect;
  return {
    page,
    visible: [0, 0, place.pageWidth, place.pageHeight],
    rotate: 0,
    occupied: [[x, y, x + w, y + h]],
    unclosedSaves: 0,
    wrapped: true,
  };
}
