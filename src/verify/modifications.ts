/**
 * Modification analysis (DESIGN.md step 7; pyHanko's difference analysis): what the revisions
 * after the one a signature covers changed, and whether that is something a later signer, an
 * archivist or a reviewer may legitimately do (ISO 32000-1 §12.8.2.2 lists form filling,
 * signing and annotations; ETSI EN 319 142-1 adds the DSS and document timestamps of LTV).
 *
 * Each later revision r is compared with revision r-1, and every object its cross-reference
 * gave a new version, added or freed must be explained:
 *
 * - the objects that make the document's appearance — everything reachable from the trailer
 *   except through the whitelisted places below — must not change (OTHER, naming the pages);
 * - "hinge" objects hold both: the catalog, the AcroForm and its /Fields, the name dictionary,
 *   pages and their /Annots. They are compared entry by entry: only the whitelisted entries
 *   may differ, and how they differ sets the level;
 * - the nodes of the form's field tree (fields and their widgets) are compared entry by entry
 *   too, signature fields as signing allows, other fields as filling them in allows (below);
 * - objects reachable only through whitelisted places take that place's level: the catalog's
 *   /DSS, /Metadata, /Extensions and the trailer's /Info (LTA_UPDATES); document-timestamp
 *   fields (LTA_UPDATES); signature fields being added or signed, their widgets, signature
 *   dictionaries and appearances, the AcroForm's /DR, the values and widget appearances of
 *   other fields (FORM_FILLING); annotations other than widgets and the name dictionary's /AP
 *   tree (ANNOTATIONS).
 *
 * An object reachable both ways counts as appearance (an appearance stream also drawn by a
 * page's content is content). A signed field or a signature dictionary never changes. Objects
 * that nothing references any more are harmless: whatever referenced them changed and is
 * judged itself. Anything not understood is OTHER.
 *
 * Forms may be filled in, not changed (ISO 32000-1 §12.8.2.2.2, P=2: "filling in forms"): an
 * existing terminal text, choice, check box or radio button field may change its /V, and its
 * widgets their /AP (a button's /AS too, the state shown), with appearance objects that only
 * those widgets reach; the AcroForm may gain /NeedAppearances or new /DR fonts. An appearance
 * changes only with its field's value: one redrawn over an unchanged value is the "replace"
 * shadow attack (Mainka, Mladenov, Rohlmann, NDSS 2021), which shows after signing the value the
 * signed appearance hid. So an appearance object several fields share changes only when all of
 * them are filled in, and one that a signature field not being signed also shows does not
 * change at all (pyHanko's "clobbering" check). Any other entry of a field or widget (/Rect, /F,
 * /MK, /DA, /Kids, /FT, /Ff, actions), pushbuttons, and new fields or widgets are OTHER. Each
 * change names the fields it touches, for FieldMDP (fieldmdp.ts).
 *
 * Limits: removing annotations counts as ANNOTATIONS; a ResetForm or SubmitForm action naming a
 * signature field makes that field "appearance", so filling it later is OTHER; appearances a
 * viewer regenerates without a new value (/NeedAppearances), rich-text values (/RV) and page
 * templates count as OTHER; more than 2 000 000 objects per revision are not analysed (OTHER).
 */
import { isHosoError, describeCause, HosoError } from '../kernel/index.js';
import {
  PdfDict,
  PdfName,
  PdfRef,
  PdfStream,
  PdfString,
  decodePdfTextString,
  isPdfArray,
  objectsChangedIn,
  revisionState,
  type PdfFile,
  type PdfObject,
  type RevisionState,
} from '../pdf/index.js';
import type { Check, ModificationLevel } from '../report/model.js';
import { formFields, walkFieldTree, type FieldTreeNode } from './field-tree.js';

export interface ModificationChange {
  /** The object number (0 when the change is not one object's, e.g. an unreadable revision). */
  readonly object: number;
  readonly kind: string;
  /** 1-based page the change shows on, when known. */
  readonly page?: number;
  /** 0-based index of the revision that made the change. */
  readonly revision: number;
  readonly level: ModificationLevel;
  /** The dictionary entry concerned, for entry-by-entry comparisons. */
  readonly key?: string;
  /**
   * Fully qualified names of the form fields whose value, appearance or dictionaries the change
   * touches (what a FieldMDP lock is about); absent when it touches no field.
   */
  readonly fields?: readonly string[];
}

/** The kind of the change that stands for a later revision that could not be read at all. */
export const UNREADABLE_REVISION = 'unreadable-revision';

export interface ModificationAnalysis {
  readonly level: ModificationLevel;
  readonly changes: ModificationChange[];
  /** `pdf.modifications`. */
  readonly check: Check;
}

const LEVELS: readonly ModificationLevel[] = [
  'NONE',
  'LTA_UPDATES',
  'FORM_FILLING',
  'ANNOTATIONS',
  'OTHER',
];

function maxLevel(a: ModificationLevel, b: ModificationLevel): ModificationLevel {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}

const MAX_OBJECTS = 2_000_000;
const MAX_PARENT_DEPTH = 64;
const MAX_EQUAL_DEPTH = 64;
const MAX_COMPARED_STREAM = 64 * 1024 * 1024;

/** Entries of an empty signature field (or its widget) that signing it may set or change. */
const FILL_KEYS = new Set(['V', 'AP', 'AS', 'F', 'Ff', 'MK', 'DA']);
/**
 * AcroForm entries that adding or signing signature fields, or filling in fields, may change
 * (besides /Fields and /DR): a viewer that fills a field without drawing its appearance sets
 * /NeedAppearances (§12.7.2 Table 218).
 */
const ACROFORM_FILL_KEYS = new Set(['SigFlags', 'DA', 'NeedAppearances']);
/** Field flag 17, Pushbutton (§12.7.4.2.1 Table 226): a button that holds no value to fill in. */
const PUSHBUTTON = 1 << 16;

/**
 * What the revisions after `signedRevision` (0-based index into `pdf.revisions`) changed. With
 * `fieldName`, the signature's field must also still be there at the end.
 */
export function analyseModifications(
  pdf: PdfFile,
  signedRevision: number,
  fieldName?: string,
): ModificationAnalysis {
  const last = pdf.revisions.length - 1;
  if (!Number.isInteger(signedRevision) || signedRevision < 0 || signedRevision > last) {
    throw new HosoError('INTERNAL', {
      params: { detail: `no revision ${signedRevision} to analyse (the file has ${last + 1})` },
    });
  }
  const changes: ModificationChange[] = [];
  let unreadable: string | undefined;
  try {
    for (let r = signedRevision + 1; r <= last; r++) changes.push(...analyseRevision(pdf, r));
    if (fieldName !== undefined && signedRevision < last) {
      const state = revisionState(pdf, last);
      if (!signatureFieldNames(state).has(fieldName)) {
        changes.push({
          object: 0,
          kind: 'signature-field-removed',
          revision: last,
          level: 'OTHER',
        });
      }
    }
  } catch (e) {
    if (!isHosoError(e)) throw e;
    unreadable = describeCause(e);
    changes.push({ object: 0, kind: UNREADABLE_REVISION, revision: last, level: 'OTHER' });
  }
  const level = changes.reduce<ModificationLevel>((l, c) => maxLevel(l, c.level), 'NONE');
  return { level, changes, check: checkFor(level, changes, signedRevision, last, unreadable) };
}

function checkFor(
  level: ModificationLevel,
  changes: readonly ModificationChange[],
  signedRevision: number,
  last: number,
  unreadable: string | undefined,
): Check {
  const later = last - signedRevision;
  if (level !== 'OTHER') {
    return {
      id: 'pdf.modifications',
      status: 'PASSED',
      detail:
        later === 0
          ? 'no later revision'
          : `${later} later revision(s): ${level}, ${changes.length} change(s)`,
      params: { level, laterRevisions: later },
    };
  }
  const other = changes.filter((c) => c.level === 'OTHER');
  const pages = [...new Set(other.flatMap((c) => (c.page === undefined ? [] : [c.page])))].sort(
    (a, b) => a - b,
  );
  const kinds = [...new Set(other.map((c) => c.kind))].join(', ');
  return {
    id: 'pdf.modifications',
    status: 'FAILED',
    detail:
      unreadable !== undefined
        ? `a later revision could not be analysed: ${unreadable}`
        : `later revisions changed the document (${kinds})` +
          (pages.length > 0 ? ` on page ${pages.join(', ')}` : ''),
    params: { level, pages: pages.join(','), kinds, laterRevisions: later },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  };
}

// ---------------------------------------------------------------------------------------------
// One revision

interface Root {
  readonly kind: string;
  readonly level: ModificationLevel;
  /** Signature fields: the field is being signed (or added) in this revision. */
  readonly filling: boolean;
  /** Signature fields: the field was already signed before this revision. */
  readonly signedBefore: boolean;
  readonly signature: boolean;
  /** The form field whose value or appearance this root is (signature fields included). */
  readonly field?: string;
  /**
   * The value or a widget appearance of a field that is not a signature field: the object
   * number of the field that holds the value.
   */
  readonly holder?: number;
}

interface ClosureInfo {
  level: ModificationLevel;
  kind: string;
  /** Reached from a signature field that is not being filled now. */
  signedOnly: boolean;
  /** Reached from some root that allows changes (not only from untouched signature fields). */
  open: boolean;
  /** The form fields whose value or appearance reaches the object. */
  fields: Set<string>;
  /** The fields (not signature fields) whose value or widget appearance reaches the object. */
  holders: Set<number>;
}

/**
 * A node of the field tree that is not a signature field: its dictionary is compared entry by
 * entry, and only the entries filling it in may change.
 */
interface FormNode {
  readonly name: string | null;
  /** A terminal field that may be filled in: its /V may change. */
  readonly value: boolean;
  /** A widget of such a field: its /AP, and for a button its /AS, may follow a new value. */
  readonly appearance: boolean;
  readonly button: boolean;
  /** Object number of the field holding the value (the node itself, or a widget's parent). */
  readonly holder: number | undefined;
  /** 0-based page of its widget, -1 when not known. */
  readonly page: number;
}

/**
 * The roles objects play at the end of one revision. Hinges and signature field nodes are found
 * first, so that the walk over appearance objects neither enters a hinge (whose entries are
 * judged one by one) nor a signature field (whose entries may change only as signing allows).
 */
class Roles {
  /** Appearance objects (and dangling references from them): object → 0-based page or -1. */
  readonly content = new Map<number, number>();
  /** Hinge objects: compared entry by entry. */
  readonly hinges = new Map<number, string>();
  readonly closure = new Map<number, ClosureInfo>();
  /** Signature field nodes (fields and widgets) → their root. */
  readonly sigNodes = new Map<number, Root>();
  /** Other form field nodes (fields and widgets). */
  readonly formNodes = new Map<number, FormNode>();
  private readonly roots: { obj: PdfObject; root: Root }[] = [];
  /** Appearance walks to make once hinges and field nodes are known. */
  private readonly walks: { obj: PdfObject; page: number }[] = [];
  /** Widgets listed in a page's /Annots → 0-based page. */
  private readonly widgetPages = new Map<number, number>();
  private visited = 0;

  constructor(
    private readonly state: RevisionState,
    private readonly before: RevisionState,
  ) {}

  build(): void {
    const s = this.state;
    const pages = s.pages();
    pages.forEach((p, i) => {
      this.hinges.set(p.ref.num, 'page');
      this.content.set(p.ref.num, i);
    });
    pages.forEach((p, i) => {
      for (const [k, v] of p.dict.entries()) {
        if (k === 'Annots') this.annots(v, i);
        else this.walks.push({ obj: v, page: i });
      }
    });
    for (const [k, v] of s.trailer.entries()) {
      if (k === 'Info') this.addRoot(v, { kind: 'info', level: 'LTA_UPDATES' });
      else if (k === 'Root') this.catalog(v);
      else this.walks.push({ obj: v, page: -1 });
    }
    for (const { obj, page } of this.walks) this.visit(obj, page);
    this.closures();
  }

  private hinge(value: PdfObject | undefined, kind: string): void {
    if (value instanceof PdfRef) this.hinges.set(value.num, kind);
  }

  private catalog(value: PdfObject): void {
    this.hinge(value, 'catalog');
    const cat = this.state.lookupDict(value);
    if (cat === undefined) return;
    for (const [k, v] of cat.entries()) {
      switch (k) {
        case 'AcroForm':
          this.acroForm(v);
          break;
        case 'DSS':
        case 'Metadata':
        case 'Extensions':
          this.addRoot(v, { kind: k.toLowerCase(), level: 'LTA_UPDATES' });
          break;
        case 'Names':
          this.names(v);
          break;
        default:
          this.walks.push({ obj: v, page: -1 });
      }
    }
  }

  private names(value: PdfObject): void {
    this.hinge(value, 'names');
    const names = this.state.lookupDict(value);
    if (names === undefined) return;
    for (const [k, v] of names.entries()) {
      if (k === 'AP') this.addRoot(v, { kind: 'named-appearances', level: 'ANNOTATIONS' });
      else this.walks.push({ obj: v, page: -1 });
    }
  }

  private acroForm(value: PdfObject): void {
    this.hinge(value, 'acroform');
    const acro = this.state.lookupDict(value);
    if (acro === undefined) return;
    for (const [k, v] of acro.entries()) {
      if (k === 'Fields') {
        this.hinge(v, 'fields');
        const fields = this.state.resolve(v);
        if (isPdfArray(fields)) walkFieldTree(this.state, fields, (node) => this.field(node));
      } else if (k === 'DR') {
        this.addRoot(v, { kind: 'form-defaults', level: 'FORM_FILLING' });
      } else {
        this.walks.push({ obj: v, page: -1 });
      }
    }
  }

  /** One node of the field tree; returns whether to go into its kids. */
  private field(node: FieldTreeNode): boolean {
    const { obj, dict } = node;
    if (dict === undefined) {
      this.walks.push({ obj, page: -1 });
      return false;
    }
    if (node.ft === 'Sig') {
      this.signatureNode(obj, dict, node.name ?? undefined);
      return false;
    }
    if (!(obj instanceof PdfRef)) {
      // A direct dictionary is part of the object holding it (/Fields or a parent's /Kids),
      // which is judged itself; what it refers to is appearance, as any field's entries.
      for (const [k, v] of dict.entries()) if (k !== 'Kids') this.walks.push({ obj: v, page: -1 });
      return true;
    }
    // Filling in (§12.7.4, ISO 32000-1 §12.8.2.2.2 P=2) changes a terminal field's value and its
    // widgets' appearances: /V on the field, /AP (and a check box or radio button's /AS, the
    // state shown) on the widget. Pushbuttons hold no value. Anything else is the form itself.
    const fillable =
      node.terminal &&
      (node.ft === 'Tx' || node.ft === 'Ch' || (node.ft === 'Btn' && (node.ff & PUSHBUTTON) === 0));
    const holderNode = node.isField ? node : node.parent;
    const holder = holderNode?.obj instanceof PdfRef ? holderNode.obj.num : undefined;
    const value = fillable && node.isField && holder !== undefined;
    const appearance = fillable && holder !== undefined && dict.getName('Subtype') === 'Widget';
    const page = this.widgetPages.get(obj.num) ?? -1;
    this.formNodes.set(obj.num, {
      name: node.name,
      value,
      appearance,
      button: node.ft === 'Btn',
      holder,
      page,
    });
    const field = node.name === null ? {} : { field: node.name };
    for (const [k, v] of dict.entries()) {
      if ((k === 'V' && value) || (k === 'AP' && appearance)) {
        this.addRoot(v, {
          kind: k === 'V' ? 'form-value' : 'form-appearance',
          level: 'FORM_FILLING',
          holder: holder!,
          ...field,
        });
      } else {
        // /Kids and /Parent lead to other nodes, which the walk passes by.
        this.walks.push({ obj: v, page });
      }
    }
    return true;
  }

  private annots(value: PdfObject, page: number): void {
    this.hinge(value, 'annots');
    const list = this.state.resolve(value);
    if (!isPdfArray(list)) {
      this.walks.push({ obj: value, page });
      return;
    }
    for (const entry of list) {
      const dict = this.state.lookupDict(entry);
      if (dict === undefined) continue;
      if (dict.getName('Subtype') === 'Widget') {
        if (entry instanceof PdfRef) this.widgetPages.set(entry.num, page);
        // A widget of a form field is judged with its field (the walk passes form nodes by);
        // one that no field has is appearance.
        if (isSignatureWidget(this.state, dict)) this.signatureNode(entry, dict);
        else this.walks.push({ obj: entry, page });
      } else {
        this.addRoot(entry, { kind: 'annotation', level: 'ANNOTATIONS' });
      }
    }
  }

  private signatureNode(obj: PdfObject, dict: PdfDict, name?: string): void {
    const value = this.state.lookupDict(inheritedEntry(this.state, dict, 'V'));
    const timestamp = value?.getName('Type') === 'DocTimeStamp';
    let filling = true;
    let signedBefore = false;
    if (obj instanceof PdfRef) {
      const old = this.before.lookupDict(this.before.getObject(obj.num));
      if (old !== undefined) {
        signedBefore = inheritedEntry(this.before, old, 'V') !== undefined;
        filling = !signedBefore && value !== undefined;
      }
    }
    const root: Root = {
      kind: timestamp ? 'document-timestamp' : 'signature-field',
      level: timestamp ? 'LTA_UPDATES' : 'FORM_FILLING',
      filling,
      signedBefore,
      signature: true,
      ...(name === undefined ? {} : { field: name }),
    };
    // A widget in /Annots is met before its field: the field tree's visit, which knows the
    // field's name, comes last and wins.
    if (obj instanceof PdfRef) this.sigNodes.set(obj.num, root);
    this.roots.push({ obj, root });
  }

  private addRoot(
    obj: PdfObject,
    root: { kind: string; level: ModificationLevel; field?: string; holder?: number },
  ): void {
    this.roots.push({
      obj,
      root: { ...root, filling: true, signedBefore: false, signature: false },
    });
  }

  private count(): void {
    if (++this.visited > MAX_OBJECTS) {
      throw new HosoError('INPUT_TOO_LARGE', {
        params: { what: 'modification analysis', size: this.visited, limit: MAX_OBJECTS },
      });
    }
  }

  /**
   * Marks everything reachable from `start` as appearance, recording references even when
   * they lead nowhere (an object added later under that number would change the appearance).
   */
  private visit(start: PdfObject, page: number): void {
    const stack: PdfObject[] = [start];
    while (stack.length > 0) {
      const obj = stack.pop()!;
      if (obj instanceof PdfRef) {
        const num = obj.num;
        if (
          this.content.has(num) ||
          this.hinges.has(num) ||
          this.sigNodes.has(num) ||
          this.formNodes.has(num)
        )
          continue;
        this.count();
        this.content.set(num, page);
        const target = this.state.getObject(num);
        if (target !== undefined) stack.push(target);
      } else if (obj instanceof PdfStream) {
        stack.push(obj.dict);
      } else if (obj instanceof PdfDict) {
        // A structure element's object reference (§14.7.4.3) marks an annotation as tagged
        // content; it does not make the annotation part of the page's appearance.
        const objr = obj.getName('Type') === 'OBJR';
        for (const [k, v] of obj.entries()) if (!(objr && k === 'Obj')) stack.push(v);
      } else if (isPdfArray(obj)) {
        for (const v of obj) stack.push(v);
      }
    }
  }

  /** Objects reachable from the whitelisted roots without going through appearance objects. */
  private closures(): void {
    for (const { obj, root } of this.roots) {
      const seen = new Set<number>();
      const stack: PdfObject[] = [obj];
      while (stack.length > 0) {
        const cur = stack.pop()!;
        if (cur instanceof PdfRef) {
          const num = cur.num;
          if (
            seen.has(num) ||
            this.content.has(num) ||
            this.hinges.has(num) ||
            this.formNodes.has(num)
          )
            continue;
          seen.add(num);
          this.count();
          this.addToClosure(num, this.sigNodes.get(num) ?? root);
          const target = this.state.getObject(cur.num);
          if (target !== undefined) stack.push(target);
        } else if (cur instanceof PdfStream) {
          stack.push(cur.dict);
        } else if (cur instanceof PdfDict) {
          for (const [, v] of cur.entries()) stack.push(v);
        } else if (isPdfArray(cur)) {
          for (const v of cur) stack.push(v);
        }
      }
    }
  }

  private addToClosure(num: number, root: Root): void {
    const open = !root.signature || root.filling;
    let info = this.closure.get(num);
    if (info === undefined) {
      info = {
        level: root.level,
        kind: root.kind,
        signedOnly: !open,
        open,
        fields: new Set(),
        holders: new Set(),
      };
      this.closure.set(num, info);
    } else {
      if (LEVELS.indexOf(root.level) > LEVELS.indexOf(info.level)) {
        info.level = root.level;
        info.kind = root.kind;
      }
      if (open) info.open = true;
      else info.signedOnly = true;
    }
    if (root.field !== undefined) info.fields.add(root.field);
    if (root.holder !== undefined) info.holders.add(root.holder);
  }
}

function analyseRevision(pdf: PdfFile, r: number): ModificationChange[] {
  const before = revisionState(pdf, r - 1);
  const after = revisionState(pdf, r);
  const out: ModificationChange[] = [];
  const add = (c: Omit<ModificationChange, 'revision'>): void => {
    out.push({ ...c, revision: r });
  };

  const changed = objectsChangedIn(pdf, r).filter((num) => {
    const o = before.getObject(num);
    const n = after.getObject(num);
    if (isContainer(n) && (o === undefined || isContainer(o))) return false;
    return !equalObjects(pdf, o, n, 0);
  });
  const rootBefore = before.trailer.get('Root');
  const rootAfter = after.trailer.get('Root');
  if (!equalObjects(pdf, rootBefore, rootAfter, 0)) {
    add({ object: 0, kind: 'catalog-replaced', level: 'OTHER', key: 'Root' });
  }
  if (!equalObjects(pdf, before.trailer.get('Encrypt'), after.trailer.get('Encrypt'), 0)) {
    add({ object: 0, kind: 'encryption-changed', level: 'OTHER', key: 'Encrypt' });
  }
  if (changed.length === 0) return out;

  const roles = new Roles(after, before);
  roles.build();
  const changedSet = new Set(changed);
  const pageOf = (num: number): number | undefined => {
    const p = roles.content.get(num);
    return p === undefined || p < 0 ? undefined : p + 1;
  };

  const filled = filledFields(pdf, before, after, roles);

  // Hinges: entry by entry.
  const hinge = new HingeDiff(pdf, before, after, roles, add);
  hinge.catalog(rootBefore, rootAfter);
  hinge.pages(changedSet);

  for (const num of changed) {
    if (roles.hinges.has(num)) continue;
    const o = before.getObject(num);
    const n = after.getObject(num);
    const page = pageOf(num);
    const at = page === undefined ? {} : { page };
    if (roles.content.has(num)) {
      add({ object: num, kind: appearanceKind(o, n), level: 'OTHER', ...at });
      continue;
    }
    const form = roles.formNodes.get(num);
    if (form !== undefined) {
      add(formNodeChange(pdf, num, o, n, form, filled));
      continue;
    }
    const info = roles.closure.get(num);
    if (info === undefined) {
      // Referenced from nowhere at the end of this revision: whatever referenced it changed too.
      add({ object: num, kind: n === undefined ? 'freed' : 'unreferenced', level: 'NONE' });
      continue;
    }
    if (o !== undefined && isSignatureDictionary(o)) {
      add({ object: num, kind: 'signature-dictionary-changed', level: 'OTHER' });
      continue;
    }
    const fields = info.fields.size > 0 ? { fields: [...info.fields] } : {};
    const node = roles.sigNodes.get(num);
    if (o !== undefined && node !== undefined) {
      const od = o instanceof PdfDict ? o : undefined;
      const nd = n instanceof PdfDict ? n : undefined;
      const keys = od !== undefined && nd !== undefined ? differingKeys(pdf, od, nd) : ['*'];
      const bad = keys.filter((k) => !FILL_KEYS.has(k));
      const field = node.field === undefined ? {} : { fields: [node.field] };
      if (!node.filling || bad.length > 0) {
        add({
          object: num,
          kind: node.signedBefore ? 'signed-field-changed' : 'signature-field-changed',
          level: 'OTHER',
          ...(bad[0] !== undefined ? { key: bad[0] } : {}),
          ...field,
        });
      } else {
        add({ object: num, kind: node.kind, level: node.level, ...field });
      }
      continue;
    }
    // Part of what a signature field that is not being signed now shows: rewritten, or defined
    // under a number its appearance already referred to, it changes that appearance, even when
    // some place that may change reaches the object too (pyHanko's "clobbering" check).
    if (info.signedOnly) {
      add({ object: num, kind: 'signed-field-appearance-changed', level: 'OTHER', ...fields });
      continue;
    }
    // Part of the value or a widget appearance of fields that are not signature fields (page
    // content drawing it too made it appearance above). An appearance follows its field's
    // value: every field it belongs to must have a new one, else the change redraws a field
    // that was not filled in (the "replace" shadow attack draws after signing the value that
    // the signed appearance hid).
    if ([...info.holders].some((h) => !filled.has(h))) {
      add({ object: num, kind: 'appearance-without-value', level: 'OTHER', ...fields });
      continue;
    }
    add({ object: num, kind: info.kind, level: info.level, ...fields });
  }
  return out;
}

/** The fields (object numbers) whose /V this revision changed. */
function filledFields(
  pdf: PdfFile,
  before: RevisionState,
  after: RevisionState,
  roles: Roles,
): Set<number> {
  const filled = new Set<number>();
  for (const [num, form] of roles.formNodes) {
    if (!form.value) continue;
    const o = before.lookupDict(before.getObject(num));
    const n = after.lookupDict(after.getObject(num));
    if (!equalObjects(pdf, before.resolve(o?.get('V')), after.resolve(n?.get('V')), 0)) {
      filled.add(num);
    }
  }
  return filled;
}

/**
 * A changed node of the field tree that is not a signature field: filling it in when only the
 * entries filling may change differ (a widget's appearance only with its field's new value),
 * else a change to the form (OTHER). A node that did not exist before is a new field or widget:
 * forms may be filled in, not extended (ISO 32000-1 §12.8.2.2.2 P=2), and the /Fields, /Kids or
 * /Annots entry that adds it says so too.
 */
function formNodeChange(
  pdf: PdfFile,
  num: number,
  o: PdfObject | undefined,
  n: PdfObject | undefined,
  form: FormNode,
  filled: ReadonlySet<number>,
): Omit<ModificationChange, 'revision'> {
  const at = {
    ...(form.page >= 0 ? { page: form.page + 1 } : {}),
    ...(form.name === null ? {} : { fields: [form.name] }),
  };
  if (o === undefined) return { object: num, kind: 'form-field-added', level: 'OTHER', ...at };
  const valueChanged = form.holder !== undefined && filled.has(form.holder);
  const allowed = (key: string): boolean =>
    (key === 'V' && form.value) ||
    (key === 'AP' && form.appearance && valueChanged) ||
    (key === 'AS' && form.appearance && form.button && valueChanged);
  const keys = o instanceof PdfDict && n instanceof PdfDict ? differingKeys(pdf, o, n) : ['*'];
  const bad = keys.find((k) => !allowed(k));
  if (bad !== undefined) {
    const unfilled = (bad === 'AP' || bad === 'AS') && form.appearance;
    return {
      object: num,
      kind: unfilled ? 'appearance-without-value' : 'form-field-changed',
      level: 'OTHER',
      key: bad,
      ...at,
    };
  }
  return { object: num, kind: 'form-field-filled', level: 'FORM_FILLING', ...at };
}

/** The entry-by-entry comparisons of the hinge objects. */
class HingeDiff {
  constructor(
    private readonly pdf: PdfFile,
    private readonly before: RevisionState,
    private readonly after: RevisionState,
    private readonly roles: Roles,
    private readonly add: (c: Omit<ModificationChange, 'revision'>) => void,
  ) {}

  private eq(a: PdfObject | undefined, b: PdfObject | undefined): boolean {
    return equalObjects(this.pdf, a, b, 0);
  }

  catalog(refBefore: PdfObject | undefined, refAfter: PdfObject | undefined): void {
    const num = refAfter instanceof PdfRef ? refAfter.num : 0;
    const a = this.before.lookupDict(refBefore) ?? new PdfDict();
    const b = this.after.lookupDict(refAfter) ?? new PdfDict();
    for (const key of unionKeys(a, b)) {
      const va = a.get(key);
      const vb = b.get(key);
      switch (key) {
        case 'AcroForm':
          this.acroForm(va, vb);
          break;
        case 'Names':
          this.names(va, vb);
          break;
        case 'DSS':
        case 'Metadata':
        case 'Extensions':
        case 'Version':
          if (!this.eq(va, vb))
            this.add({ object: num, kind: key.toLowerCase(), level: 'LTA_UPDATES', key });
          break;
        default:
          if (!this.eq(va, vb)) this.add({ object: num, kind: 'catalog', level: 'OTHER', key });
      }
    }
  }

  private names(va: PdfObject | undefined, vb: PdfObject | undefined): void {
    const num = refNum(vb) ?? refNum(va) ?? 0;
    const a = this.before.lookupDict(va) ?? new PdfDict();
    const b = this.after.lookupDict(vb) ?? new PdfDict();
    for (const key of unionKeys(a, b)) {
      if (this.eq(a.get(key), b.get(key))) continue;
      if (key === 'AP')
        this.add({ object: num, kind: 'named-appearances', level: 'ANNOTATIONS', key });
      else this.add({ object: num, kind: 'names', level: 'OTHER', key });
    }
  }

  private acroForm(va: PdfObject | undefined, vb: PdfObject | undefined): void {
    const num = refNum(vb) ?? refNum(va) ?? 0;
    const a = this.before.lookupDict(va) ?? new PdfDict();
    const b = this.after.lookupDict(vb) ?? new PdfDict();
    for (const key of unionKeys(a, b)) {
      const ka = a.get(key);
      const kb = b.get(key);
      if (key === 'Fields') {
        this.fields(ka, kb, num);
      } else if (!this.eq(ka, kb)) {
        if (ACROFORM_FILL_KEYS.has(key) || key === 'DR')
          this.add({ object: num, kind: 'acroform', level: 'FORM_FILLING', key });
        else this.add({ object: num, kind: 'acroform', level: 'OTHER', key });
      }
    }
  }

  private fields(va: PdfObject | undefined, vb: PdfObject | undefined, acroNum: number): void {
    const num = refNum(vb) ?? acroNum;
    const a = this.before.resolve(va);
    const b = this.after.resolve(vb);
    const oldList = isPdfArray(a) ? a : [];
    const newList = isPdfArray(b) ? b : [];
    const { added, removed } = listDiff(this.pdf, oldList, newList);
    for (const f of removed) {
      this.add({
        object: refNum(f) ?? num,
        kind: 'field-removed',
        level: 'OTHER',
        key: 'Fields',
        ...fieldName(this.before, f),
      });
    }
    for (const f of added) {
      const node = refNum(f) === undefined ? undefined : this.roles.sigNodes.get(refNum(f)!);
      const field = fieldName(this.after, f);
      if (node === undefined) {
        this.add({
          object: refNum(f) ?? num,
          kind: 'field-added',
          level: 'OTHER',
          key: 'Fields',
          ...field,
        });
      } else {
        this.add({ object: refNum(f)!, kind: `${node.kind}-added`, level: node.level, ...field });
      }
    }
  }

  pages(changed: ReadonlySet<number>): void {
    const pa = this.before.pages();
    const pb = this.after.pages();
    const same = pa.length === pb.length && pa.every((p, i) => p.ref.num === pb[i]!.ref.num);
    if (!same) {
      const catalog = refNum(this.after.trailer.get('Root')) ?? 0;
      this.add({ object: catalog, kind: 'page-tree', level: 'OTHER', key: 'Pages' });
    }
    const oldByNum = new Map(pa.map((p) => [p.ref.num, p.dict]));
    pb.forEach((p, i) => {
      const annotsRef = refNum(p.dict.get('Annots'));
      const pageChanged = changed.has(p.ref.num);
      const annotsChanged = annotsRef !== undefined && changed.has(annotsRef);
      if (!pageChanged && !annotsChanged) return;
      const old = oldByNum.get(p.ref.num) ?? new PdfDict();
      const page = i + 1;
      for (const key of unionKeys(old, p.dict)) {
        if (key === 'Annots') continue;
        if (!this.eq(old.get(key), p.dict.get(key)))
          this.add({ object: p.ref.num, kind: 'page', level: 'OTHER', page, key });
      }
      this.annots(old.get('Annots'), p.dict.get('Annots'), p.ref.num, page);
    });
  }

  private annots(
    va: PdfObject | undefined,
    vb: PdfObject | undefined,
    pageNum: number,
    page: number,
  ): void {
    const a = this.before.resolve(va);
    const b = this.after.resolve(vb);
    const { added, removed } = listDiff(this.pdf, isPdfArray(a) ? a : [], isPdfArray(b) ? b : []);
    const num = (o: PdfObject): number => refNum(o) ?? refNum(vb) ?? pageNum;
    for (const o of removed) {
      const d = this.before.lookupDict(o);
      const sig = d !== undefined && isSignatureWidget(this.before, d);
      this.add({
        object: num(o),
        kind: sig ? 'signature-widget-removed' : 'annotation-removed',
        level: sig ? 'OTHER' : 'ANNOTATIONS',
        page,
      });
    }
    for (const o of added) {
      const d = this.after.lookupDict(o);
      if (d === undefined) continue;
      const n = refNum(o);
      const node = n === undefined ? undefined : this.roles.sigNodes.get(n);
      if (node !== undefined) {
        this.add({ object: num(o), kind: `${node.kind}-widget-added`, level: node.level, page });
      } else if (d.getName('Subtype') === 'Widget') {
        this.add({ object: num(o), kind: 'widget-added', level: 'OTHER', page });
      } else {
        this.add({ object: num(o), kind: 'annotation-added', level: 'ANNOTATIONS', page });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function refNum(obj: PdfObject | undefined): number | undefined {
  return obj instanceof PdfRef ? obj.num : undefined;
}

/** `{ fields: [its /T] }` for a top-level field of /Fields, whose partial name is its full name. */
function fieldName(state: RevisionState, obj: PdfObject): { fields?: string[] } {
  const t = state.resolve(state.lookupDict(obj)?.get('T'));
  return t instanceof PdfString ? { fields: [decodePdfTextString(t.bytes)] } : {};
}

function unionKeys(a: PdfDict, b: PdfDict): string[] {
  return [...new Set([...a.keys(), ...b.keys()])];
}

function differingKeys(pdf: PdfFile, a: PdfDict, b: PdfDict): string[] {
  return unionKeys(a, b).filter((k) => !equalObjects(pdf, a.get(k), b.get(k), 0));
}

/** Entries added and removed between two arrays (references compared by number, order ignored). */
function listDiff(
  pdf: PdfFile,
  a: readonly PdfObject[],
  b: readonly PdfObject[],
): { added: PdfObject[]; removed: PdfObject[] } {
  const remaining = [...b];
  const removed: PdfObject[] = [];
  for (const x of a) {
    const i = remaining.findIndex((y) => equalObjects(pdf, x, y, 0));
    if (i >= 0) remaining.splice(i, 1);
    else removed.push(x);
  }
  return { added: remaining, removed };
}

/** An inheritable field entry (§12.7.3.1): on the node or its nearest ancestor. */
function inheritedEntry(state: RevisionState, dict: PdfDict, key: string): PdfObject | undefined {
  let node: PdfDict | undefined = dict;
  const seen = new Set<PdfDict>();
  for (let d = 0; node !== undefined && d < MAX_PARENT_DEPTH && !seen.has(node); d++) {
    seen.add(node);
    const v = node.get(key);
    if (v !== undefined) return v;
    node = state.lookupDict(node.get('Parent'));
  }
  return undefined;
}

function isSignatureWidget(state: RevisionState, dict: PdfDict): boolean {
  const ft = state.resolve(inheritedEntry(state, dict, 'FT'));
  return ft instanceof PdfName && ft.name === 'Sig';
}

function isSignatureDictionary(obj: PdfObject): boolean {
  if (!(obj instanceof PdfDict)) return false;
  const type = obj.getName('Type');
  return type === 'Sig' || type === 'DocTimeStamp' || obj.has('ByteRange');
}

function isContainer(obj: PdfObject | undefined): boolean {
  if (!(obj instanceof PdfStream)) return false;
  const type = obj.dict.getName('Type');
  return type === 'ObjStm' || type === 'XRef';
}

function appearanceKind(o: PdfObject | undefined, n: PdfObject | undefined): string {
  if (n === undefined) return 'freed';
  if (o === undefined) return 'added-to-content';
  const d = n instanceof PdfStream ? n.dict : n instanceof PdfDict ? n : undefined;
  const type = d?.getName('Type');
  if (type === 'Pages') return 'page-tree';
  if (type === 'Page') return 'page';
  return 'content';
}

/** The fully qualified names of the signature fields at one revision. */
function signatureFieldNames(state: RevisionState): Set<string> {
  const names = new Set<string>();
  walkFieldTree(state, formFields(state), (node) => {
    if (node.ft === 'Sig' && node.name !== null) names.add(node.name);
    return true;
  });
  return names;
}

/**
 * Structural equality: references by number and generation, strings by bytes, streams by
 * dictionary (but /Length) and raw data.
 */
function equalObjects(
  pdf: PdfFile,
  a: PdfObject | undefined,
  b: PdfObject | undefined,
  depth: number,
): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (depth > MAX_EQUAL_DEPTH) return false;
  if (a instanceof PdfRef) return b instanceof PdfRef && a.equals(b);
  if (a instanceof PdfString) {
    return b instanceof PdfString && Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  }
  if (isPdfArray(a)) {
    return (
      isPdfArray(b) &&
      a.length === b.length &&
      a.every((x, i) => equalObjects(pdf, x, b[i], depth + 1))
    );
  }
  if (a instanceof PdfDict) {
    if (!(b instanceof PdfDict) || a.size !== b.size) return false;
    for (const [k, v] of a.entries()) if (!equalObjects(pdf, v, b.get(k), depth + 1)) return false;
    return true;
  }
  if (a instanceof PdfStream) {
    if (!(b instanceof PdfStream)) return false;
    const da = new PdfDict(a.dict.entries());
    const db = new PdfDict(b.dict.entries());
    da.delete('Length');
    db.delete('Length');
    if (!equalObjects(pdf, da, db, depth + 1)) return false;
    if ((a.sourceLength ?? a.data?.length) !== (b.sourceLength ?? b.data?.length)) return false;
    try {
      const opts = { maxBytes: MAX_COMPARED_STREAM };
      const ra = pdf.readStreamData(a, opts);
      const rb = pdf.readStreamData(b, opts);
      return Buffer.from(ra).equals(Buffer.from(rb));
    } catch {
      return false;
    }
  }
  return false;
}
