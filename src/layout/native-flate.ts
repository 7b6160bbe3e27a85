/**
 * Flate compression with Node's zlib instead of pdf-lib's (pako, JavaScript): the same format
 * (ISO 32000-1 §7.4.4, zlib/deflate, level 6 like pako's default) at several times the speed.
 * Deflating font programs, joined page contents and drawn pages with pako was the largest cost of
 * a paper conversion after the fonts themselves (issue 6's benchmark).
 */
import { deflateSync } from 'node:zlib';
import { PDFFlateStream, PDFRawStream, type PDFContext, type PDFDocument } from 'pdf-lib';

type StreamEntries = Parameters<PDFContext['flateStream']>[1];

/** Deflated bytes of `contents` (a string is taken as bytes, one per character). */
export function deflate(contents: string | Uint8Array): Uint8Array {
  return deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents);
}

/** A `/FlateDecode` stream of `contents`, like PDFContext.flateStream. */
export function flateStream(
  context: PDFContext,
  contents: string | Uint8Array,
  entries: StreamEntries = {},
): PDFRawStream {
  return deflatedStream(context, deflate(contents), entries);
}

/** A `/FlateDecode` stream whose bytes are already deflated (shared, never modified). */
export function deflatedStream(
  context: PDFContext,
  deflated: Uint8Array,
  entries: StreamEntries = {},
): PDFRawStream {
  return PDFRawStream.of(context.obj({ Filter: 'FlateDecode', ...entries }), deflated);
}

/**
 * Compresses now, with zlib, every stream pdf-lib would compress with pako when saving: page
 * contents made by drawText and friends, form XObjects (PDFFlateStream objects). Call just
 * before `save`; drawing on the document afterwards would start new streams.
 */
export function compressDrawnStreams(doc: PDFDocument): void {
  const context = doc.context;
  for (const [ref, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFFlateStream)) continue;
    // A PDFFlateStream made with encode: false carries no Filter and stays uncompressed.
    if ((object as unknown as { encode?: boolean }).encode !== true) continue;
    context.assign(ref, PDFRawStream.of(object.dict, deflateSync(object.getUnencodedContents())));
  }
}

/** `doc.save(options)` with the drawn streams compressed by zlib (compressDrawnStreams). */
export function saveDocument(
  doc: PDFDocument,
  options: Parameters<PDFDocument['save']>[0],
): Promise<Uint8Array> {
  compressDrawnStreams(doc);
  return doc.save(options);
}
