/**
 * Paper conversion of electronic results (Decree 45/2020/NĐ-CP Art. 18(2); Law 20/2023/QH15
 * Art. 12(2); LEGAL.md §1): the layout of `hoso print`'s output. Verification, the registry and
 * batches are elsewhere; this takes bytes and the verification report and returns bytes.
 */
export { composePaper } from './compose-paper.js';
export {
  DEFAULT_CONVERSION_MARK,
  type ContentArea,
  type PaperFields,
  type PaperResult,
} from './paper-model.js';
