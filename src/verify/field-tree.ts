/**
 * The interactive form's field tree as one revision had it (ISO 32000-1 §12.7.3.1): fields reached
 * from /AcroForm /Fields through /Kids, with their fully qualified names (§12.7.3.2: the partial
 * names /T of the field and its ancestors joined with ".") and the inheritable /FT and /Ff. A kid
 * without /T is a widget annotation of its parent field, not a field of its own, so it carries
 * its parent's name.
 *
 * Modification analysis (modifications.ts) and field locks (fieldmdp.ts) both need the tree of a
 * given revision, not of the file as it is now, hence the RevisionState.
 *
 * Limits: a tree deeper than 64 levels is cut there; an object met twice is visited once.
 */
import {
  PdfName,
  PdfRef,
  PdfString,
  decodePdfTextString,
  isPdfArray,
  type PdfDict,
  type PdfObject,
  type RevisionState,
} from '../pdf/index.js';

const MAX_FIELD_DEPTH = 64;

export interface FieldTreeNode {
  /** The node as /Fields or /Kids holds it (normally an indirect reference). */
  readonly obj: PdfObject;
  /** The node's dictionary; undefined when `obj` does not lead to one. */
  readonly dict: PdfDict | undefined;
  /** Fully qualified name of the field the node is, or belongs to (a widget kid); null if unnamed. */
  readonly name: string | null;
  /** A field dictionary of its own: it has /T, or /Fields lists it. False for a widget kid. */
  readonly isField: boolean;
  /** /FT, inherited (§12.7.3.1 Table 220). */
  readonly ft: string | undefined;
  /** /Ff, inherited; 0 when absent. */
  readonly ff: number;
  /** No kid is a field: the node holds a value (its kids, if any, are its widgets). */
  readonly terminal: boolean;
  /** The node whose /Kids holds this one; null for an entry of /Fields. */
  readonly parent: FieldTreeNode | null;
}

/**
 * Visits every node under `roots` (the /Fields array) depth first, parents before kids; `visit`
 * returns whether to go into the node's kids.
 */
export function walkFieldTree(
  state: RevisionState,
  roots: readonly PdfObject[],
  visit: (node: FieldTreeNode) => boolean,
): void {
  const seen = new Set<number>();
  interface Pending {
    obj: PdfObject;
    parent: FieldTreeNode | null;
    depth: number;
  }
  const stack: Pending[] = [...roots].reverse().map((obj) => ({ obj, parent: null, depth: 0 }));
  while (stack.length > 0) {
    const { obj, parent, depth } = stack.pop()!;
    if (obj instanceof PdfRef) {
      if (seen.has(obj.num)) continue;
      seen.add(obj.num);
    }
    const prefix = parent?.name ?? null;
    const ft = parent?.ft;
    const ff = parent?.ff ?? 0;
    const dict = state.lookupDict(obj);
    if (dict === undefined) {
      visit({ obj, dict, name: prefix, isField: depth === 0, ft, ff, terminal: true, parent });
      continue;
    }
    const partial = textOf(state, dict.get('T'));
    const name = partial === null ? prefix : prefix === null ? partial : `${prefix}.${partial}`;
    const ftValue = state.resolve(dict.get('FT'));
    const ownFt = ftValue instanceof PdfName ? ftValue.name : ft;
    const ffValue = state.resolve(dict.get('Ff'));
    const ownFf = typeof ffValue === 'number' ? ffValue : ff;
    const kidsValue = state.resolve(dict.get('Kids'));
    const kids = isPdfArray(kidsValue) ? kidsValue : [];
    const terminal = !kids.some((k) => state.lookupDict(k)?.has('T') === true);
    const node: FieldTreeNode = {
      obj,
      dict,
      name,
      isField: partial !== null || depth === 0,
      ft: ownFt,
      ff: ownFf,
      terminal,
      parent,
    };
    if (!visit(node) || depth >= MAX_FIELD_DEPTH) continue;
    for (let i = kids.length - 1; i >= 0; i--) {
      stack.push({ obj: kids[i]!, parent: node, depth: depth + 1 });
    }
  }
}

/** The /Fields array of the revision's AcroForm (empty without a form). */
export function formFields(state: RevisionState): readonly PdfObject[] {
  const acro = state.lookupDict(state.catalog()?.get('AcroForm'));
  const fields = state.resolve(acro?.get('Fields'));
  return isPdfArray(fields) ? fields : [];
}

function textOf(state: RevisionState, obj: PdfObject | undefined): string | null {
  const v = state.resolve(obj);
  return v instanceof PdfString ? decodePdfTextString(v.bytes) : null;
}
