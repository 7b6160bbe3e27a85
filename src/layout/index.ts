/**
 * Page composition helpers. This part serves PDFs written byte by byte (the signer's visible
 * signature): Vietnamese text with an embedded, subset Tinos font.
 */
export {
  loadTinos,
  loadTinosBytes,
  tinosFilePath,
  TINOS_STYLES,
  type TinosStyle,
} from './vietnamese-font.js';
export { alignGlyphRecords } from './truetype-glyph-alignment.js';
export { FontSubsetter, type EmbeddableFont } from './font-subset.js';
export { buildToUnicodeCMap, utf16BeHex, cidHex } from './to-unicode-cmap.js';
export {
  cidWidthArray,
  type0FontDictionaries,
  type Type0FontRefs,
  type Type0FontDictionaries,
} from './font-dictionaries.js';
export {
  buildSignatureAppearance,
  layoutSignatureText,
  renderSignatureAppearance,
  type SignatureAppearance,
  type SignatureAppearanceOptions,
  type SignatureTextLine,
  type SignatureTextLayout,
  type SignatureFonts,
  type PlacedLine,
} from './signature-appearance.js';
export { embedTinos } from './tinos-embedding.js';
export { compressDrawnStreams, flateStream, saveDocument } from './native-flate.js';
export { QUIET_ZONE_MODULES, qrOperators, qrSymbol, type QrSymbol } from './qr-symbol.js';
export { measureText, wrapText } from './text-wrap.js';
export { pdfNumber } from './content-number.js';
export {
  ANNOTATION_HIDDEN,
  ANNOTATION_NO_VIEW,
  ANNOTATION_PRINT,
  annotationFlags,
  normalAppearance,
  numberOf,
  numbersOf,
  type AppearancePlacement,
  type Matrix,
} from './annotation-appearance.js';
export { qrForm, type QrForm } from './qr-form.js';
