/**
 * Reads the indirect object at a byte offset of the input (ISO 32000-1 §7.3.10), settling where
 * a stream's data ends. /Length may be an indirect reference (§7.3.8.2): the caller resolves it,
 * or not (while the cross-reference is still being read), in which case `endstream` decides.
 */
import { PdfRef, PdfStream, type PdfObject } from './objects.js';
import { Parser, type IndirectObject } from './parser.js';
import type { SourceReader } from './source-reader.js';
import { streamLength } from './stream-extent.js';

export type LengthResolver = (ref: PdfRef) => PdfObject | undefined;

export function readIndirectObjectAt(
  reader: SourceReader,
  offset: number,
  resolveLength?: LengthResolver,
): IndirectObject {
  const io = new Parser(reader.lexerAt(offset)).parseIndirectObject();
  const s = io.obj;
  if (s instanceof PdfStream && s.sourceOffset !== undefined) {
    let len = s.dict.get('Length');
    if (len instanceof PdfRef) len = resolveLength?.(len);
    s.sourceLength = streamLength(
      reader,
      s.sourceOffset,
      typeof len === 'number' ? len : undefined,
    );
  }
  return io;
}
