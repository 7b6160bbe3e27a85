/**
 * One cross-reference entry (ISO 32000-1 §7.5.4 for tables, §7.5.8.3 Table 18 for streams):
 * a free object, an object at a byte offset, or an object inside an object stream.
 */
export type XrefEntry =
  | { readonly type: 'free'; readonly nextFree: number; readonly gen: number }
  | { readonly type: 'offset'; readonly offset: number; readonly gen: number }
  | { readonly type: 'compressed'; readonly streamNum: number; readonly index: number };

/** Receives the entries of one cross-reference section as they are read. */
export type XrefSink = (num: number, entry: XrefEntry) => void;
