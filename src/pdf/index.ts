/**
 * The byte-level PDF layer (ISO 32000-1 §7): objects, parsing, cross-reference (tables,
 * streams, hybrid files, object streams, repair), revisions, and incremental updates. It knows
 * nothing of signatures or CMS; `sign` and `verify` build on it.
 */
export {
  PdfName,
  PdfString,
  PdfRef,
  PdfDict,
  PdfStream,
  PdfRaw,
  isPdfArray,
  cloneObject,
  type PdfArray,
  type PdfObject,
} from './objects.js';
export { Lexer, EndOfWindow, type Token, type WindowSource } from './lexer.js';
export { Parser, type IndirectObject } from './parser.js';
export { openPdf, PdfFile, DEFAULT_MAX_STREAM_BYTES, type StreamReadOptions } from './pdf-file.js';
export type { PdfHeader } from './file-structure.js';
export type { Revision } from './revisions.js';
export type { XrefEntry } from './xref-entry.js';
export type { XrefKind } from './xref-locate.js';
export type { PageEntry, InheritableAttribute } from './page-tree.js';
export { decodeStreamData } from './filters.js';
export { serializeObject, formatNumber, PdfWriter } from './serialize.js';
export {
  IncrementalUpdate,
  type IncrementalUpdateBuildOptions,
  type BuiltIncrementalUpdate,
} from './incremental-update.js';
export { findPlaceholder, indexOfBytes } from './byte-search.js';
export {
  decodePdfTextString,
  encodePdfTextString,
  pdfTextString,
  pdfDate,
  formatPdfDate,
  parsePdfDate,
} from './text-string.js';
export {
  findSignatures,
  permsDocMdp,
  type DocMdpTransform,
  type PdfSignature,
} from './signature-dictionaries.js';
export { checkByteRange, type ByteRangeResult } from './byte-range.js';
export {
  objectsChangedIn,
  objectAtRevision,
  revisionState,
  type RevisionState,
} from './revision-view.js';
export {
  dssStreams,
  readDocumentSecurityStore,
  type DssContents,
  type DssStream,
} from './document-security-store.js';
