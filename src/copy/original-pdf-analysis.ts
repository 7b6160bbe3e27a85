/**
 * A PDF original read with hoso's own reader (src/pdf) before anything is copied: refused when
 * encrypted, pageless or unreadable, and otherwise measured page by page — the visible area, the
 * rotation, and where the content and the annotations are (content-extent.ts,
 * page-geometry.ts), so the statement and page numbers go only where nothing is.
 */
import { BufferSource, HosoError, describeCause, isHosoError } from '../kernel/index.js';
import { openPdf, type PdfFile } from '../pdf/index.js';
import { copyError } from './copy-errors.js';
import { pageContentExtent } from './content-extent.js';
import { annotationBoxes, pageGeometry, type Box, type PageGeometry } from './page-geometry.js';

export interface AnalysedPage {
  readonly geometry: PageGeometry;
  /** Where the page paints (content and annotations); null when it could not be told: full. */
  readonly occupied: readonly Box[] | null;
  /** Why `occupied` is null. */
  readonly reason: string | null;
  /** `q` left open by the page's content (appended content must close them first). */
  readonly unclosedSaves: number;
}

export interface AnalysedPdf {
  readonly pages: readonly AnalysedPage[];
}

function malformed(name: string, e: unknown): HosoError {
  const inner = isHosoError(e) ? (e.params['detail'] ?? e.message) : describeCause(e);
  return copyError(
    'PDF_MALFORMED',
    name,
    { vi: `${name}: ${String(inner)}`, en: `${name}: ${String(inner)}` },
    e,
  );
}

export function analysePdfOriginal(name: string, bytes: Uint8Array): AnalysedPdf {
  let pdf: PdfFile;
  try {
    pdf = openPdf(new BufferSource(bytes));
  } catch (e) {
    if (isHosoError(e) && e.code === 'INPUT_TOO_LARGE') throw e;
    throw malformed(name, e);
  }
  if (pdf.isEncrypted) {
    throw copyError('PDF_ENCRYPTED', name, {
      vi: 'bản chính được mã hóa',
      en: 'the original is encrypted',
    });
  }
  let entries;
  try {
    entries = pdf.pages();
  } catch (e) {
    throw malformed(name, e);
  }
  if (entries.length === 0) {
    throw new HosoError('PDF_NO_PAGES', { params: { path: name } });
  }
  const pages = entries.map(({ dict }): AnalysedPage => {
    let geometry: PageGeometry;
    try {
      geometry = pageGeometry(pdf, dict);
    } catch (e) {
      throw malformed(name, e);
    }
    const extent = pageContentExtent(pdf, dict);
    let annots: Box[] = [];
    let reason = extent.reason;
    try {
      annots = annotationBoxes(pdf, dict);
    } catch (e) {
      reason ??= `annotations not readable: ${describeCause(e)}`;
    }
    return {
      geometry,
      occupied: reason === null ? [...extent.boxes, ...annots] : null,
      reason,
      unclosedSaves: extent.unclosedSaves,
    };
  });
  return { pages };
}
