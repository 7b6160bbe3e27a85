/**
 * Certified electronic copies (Decree 45/2020/NĐ-CP Art. 10; Decree 23/2015/NĐ-CP as amended;
 * LEGAL.md §2): composing the copy — the original's pages unchanged, the statement, page
 * numbers, QR code — ready to be signed. Signing and the certification register are elsewhere.
 */
export type {
  OriginalInput,
  PageRect,
  SignatureBox,
  ComposedCopy,
  CertificationStatementFields,
  RegisterCopyFields,
} from './copy-model.js';
export { detectOriginalKind } from './original-kind.js';
export { composeCertifiedCopy } from './certified-copy.js';
export { composeRegisterCopy } from './register-copy.js';
export {
  DEFAULT_COPY_TEMPLATE,
  parseCopyTemplate,
  type CopyTemplate,
  type CopyTexts,
} from './copy-template.js';
