export {
  HosoError,
  isHosoError,
  describeCause,
  usageError,
  type HosoErrorOptions,
} from './errors.js';
export { ERROR_CODES, type ErrorCode } from './error-codes.js';
export { t, renderErrorMessage, LANGS, type Lang, type UiKey } from './messages.js';
export {
  BufferSource,
  FileSource,
  forEachChunk,
  toHex,
  latin1,
  fromLatin1,
  concatBytes,
  toArrayBuffer,
  type ByteSource,
} from './bytes.js';
export { defaultContext, fixedClock, systemClock, type Clock, type Context } from './context.js';
export {
  BerError,
  childrenOfElement,
  elementBytes,
  isElement,
  octetStringBytes,
  oidText,
  readElement,
  TAG_CLASS,
  type BerElement,
} from './ber-reader.js';
