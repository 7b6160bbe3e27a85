/**
 * Making room after a page's own content for what the copy adds, without touching that content:
 * the page's /Contents becomes an array (ISO 32000-1 §7.8.2: the streams are read as one) of a
 * new `q` stream, the original streams unchanged, and a new stream that first restores the
 * graphics state — one `Q` for our `q` and one for every `q` the original left open (counted by
 * content-extent.ts) — then holds the additions. Without this, a page whose content ends with a
 * changed CTM or colour would shift or tint what the copy adds.
 */
import { PDFArray, PDFName, PDFRef, PDFStream, type PDFContext, type PDFDict } from 'pdf-lib';
import { flateStream } from '../layout/index.js';

/** The page's content stream references, in order. */
function contentRefs(context: PDFContext, page: PDFDict): PDFRef[] {
  const contents = page.get(PDFName.of('Contents'));
  if (contents instanceof PDFRef) {
    const target = context.lookup(contents);
    if (target instanceof PDFStream) return [contents];
    if (target instanceof PDFArray)
      return target.asArray().filter((r): r is PDFRef => r instanceof PDFRef);
    return [];
  }
  if (contents instanceof PDFArray) {
    return contents.asArray().filter((r): r is PDFRef => r instanceof PDFRef);
  }
  return [];
}

/**
 * Wraps the page's content in `q … Q` (plus `unclosedSaves` more `Q`) and appends `additions`
 * (content-stream text) after it. Called once per page.
 */
export function wrapPageContent(
  context: PDFContext,
  page: PDFDict,
  unclosedSaves: number,
  additions = '',
): void {
  const refs = contentRefs(context, page);
  const open = context.register(context.stream('q\n'));
  const close = context.register(
    flateStream(context, `${'Q\n'.repeat(unclosedSaves + 1)}${additions}`),
  );
  page.set(PDFName.of('Contents'), context.obj([open, ...refs, close]));
}
