/**
 * Field locks (ISO 32000-1 §12.8.2.4 FieldMDP, §12.7.4.5 Table 233 /Lock): a signature may lock
 * form fields, so that their values cannot change once it is made — the
 * `pdf.modifications.fieldmdp` check. The lock comes from the signature field's /Lock dictionary
 * (what the form's author asked for) and from a signature reference dictionary in the signature
 * dictionary's /Reference with /TransformMethod /FieldMDP (what the signer applied, Table 256);
 * both say /Action /All, /Include with /Fields, or /Exclude with /Fields, and a field is locked
 * when any of them locks it.
 *
 * Both are read as the signed revision has them: the signature covers them there, and what a
 * later revision writes in their place is a change to a signed field (OTHER in
 * `pdf.modifications`), not a new lock.
 *
 * /Fields hold fully qualified names (§12.7.3.2). A name also locks the fields under it, and a
 * change to a parent field counts for the locked fields under it (it can change what they
 * inherit). /All and /Exclude lock the fields the document had when signed: a field added later
 * is no field the signer locked, and adding one is a change of its own in `pdf.modifications`.
 * Which fields a later revision touched — their value, their widgets' appearances, or anything
 * else in their dictionaries — is the modification analysis' (modifications.ts); signing a
 * locked signature field counts, since its value is then set.
 *
 * Limits: a change the analysis ties to no field (page content, say) fails `pdf.modifications`,
 * not this check; a lock whose revision cannot be read makes the check INDETERMINATE only when
 * the signature dictionary as the file has it now names a FieldMDP transform.
 */
import { describeCause, isHosoError } from '../kernel/index.js';
import {
  PdfName,
  PdfString,
  decodePdfTextString,
  isPdfArray,
  revisionState,
  type PdfDict,
  type PdfFile,
  type PdfObject,
  type PdfSignature,
  type RevisionState,
} from '../pdf/index.js';
import type { Check } from '../report/model.js';
import { formFields, walkFieldTree } from './field-tree.js';
import { UNREADABLE_REVISION, type ModificationChange } from './modifications.js';

const ID = 'pdf.modifications.fieldmdp';

export type LockAction = 'All' | 'Include' | 'Exclude';
export type FieldLockProblem = 'invalid-action' | 'no-fields';

export interface FieldLock {
  readonly action: LockAction;
  /** The /Fields names (empty for /All). */
  readonly fields: readonly string[];
}

export interface FieldMdp {
  readonly locks: readonly FieldLock[];
  /** Why a lock is malformed; null when every lock is well formed. */
  readonly problem: FieldLockProblem | null;
  /** Fully qualified names of the fields the document had at the signed revision. */
  readonly existing: ReadonlySet<string>;
  /** Why the signed revision could not be read (its locks are then unknown); null when it was. */
  readonly unreadable: string | null;
}

/**
 * The field locks of `sig` as revision `revision` (0-based, the one the signature covers) has
 * them; null when the signature locks nothing.
 */
export function fieldMdpOf(pdf: PdfFile, sig: PdfSignature, revision: number): FieldMdp | null {
  try {
    return readFieldMdp(revisionState(pdf, revision), sig);
  } catch (e) {
    if (!isHosoError(e)) throw e;
    // The signature dictionary as the file has it now still tells whether the signer locked
    // fields; the field's /Lock is in the revision that cannot be read.
    const refs = pdf.resolve(sig.dictionary.get('Reference'));
    const claims =
      isPdfArray(refs) &&
      refs.some((r) => pdf.lookupDict(r)?.getName('TransformMethod') === 'FieldMDP');
    return claims
      ? { locks: [], problem: null, existing: new Set(), unreadable: describeCause(e) }
      : null;
  }
}

function readFieldMdp(state: RevisionState, sig: PdfSignature): FieldMdp | null {
  const existing = new Set<string>();
  let field: PdfDict | undefined;
  walkFieldTree(state, formFields(state), (node) => {
    if (node.name !== null) existing.add(node.name);
    if (node.ft === 'Sig' && node.isField && node.name === sig.fieldName) field ??= node.dict;
    return true;
  });
  const sources: PdfDict[] = [];
  const lock = state.lookupDict(field?.get('Lock'));
  if (lock !== undefined) sources.push(lock);
  const sigDict = state.lookupDict(field?.get('V')) ?? sig.dictionary;
  const refs = state.resolve(sigDict.get('Reference'));
  if (isPdfArray(refs)) {
    for (const entry of refs) {
      const ref = state.lookupDict(entry);
      if (nameOf(state, ref?.get('TransformMethod')) !== 'FieldMDP') continue;
      // /TransformParams is required (Table 253): without it there is no /Action to read, and
      // the lock is malformed.
      const params = state.lookupDict(ref?.get('TransformParams'));
      sources.push(params ?? ref!);
    }
  }
  if (sources.length === 0) return null;
  const locks: FieldLock[] = [];
  let problem: FieldLockProblem | null = null;
  for (const source of sources) {
    const read = readLock(state, source);
    if (typeof read === 'string') problem ??= read;
    else locks.push(read);
  }
  return { locks, problem, existing, unreadable: null };
}

function readLock(state: RevisionState, dict: PdfDict): FieldLock | FieldLockProblem {
  const action = nameOf(state, dict.get('Action'));
  if (action !== 'All' && action !== 'Include' && action !== 'Exclude') return 'invalid-action';
  if (action === 'All') return { action, fields: [] };
  const list = state.resolve(dict.get('Fields'));
  if (!isPdfArray(list)) return 'no-fields';
  const fields = list.flatMap((f) => {
    const v = state.resolve(f);
    return v instanceof PdfString ? [decodePdfTextString(v.bytes)] : [];
  });
  return { action, fields };
}

function nameOf(state: RevisionState, obj: PdfObject | undefined): string | undefined {
  const v = state.resolve(obj);
  return v instanceof PdfName ? v.name : undefined;
}

/** `name` is `other` or a field under it. */
const within = (name: string, other: string): boolean =>
  name === other || name.startsWith(`${other}.`);

/** Whether a change to field `name` (fully qualified) touches a field `mdp` locks. */
export function isLocked(mdp: FieldMdp, name: string): boolean {
  return mdp.locks.some((lock) => {
    switch (lock.action) {
      case 'All':
        return mdp.existing.has(name);
      case 'Include':
        return lock.fields.some((f) => within(name, f) || within(f, name));
      case 'Exclude':
        return mdp.existing.has(name) && !lock.fields.some((f) => within(name, f));
    }
  });
}

/**
 * What the locks lock, as one action: /All if any lock says so; otherwise every field but the
 * ones each /Exclude spares and no /Include names, if there is an /Exclude; else the fields the
 * /Include lists name.
 */
function scope(locks: readonly FieldLock[]): { action: LockAction; fields: string[] } {
  if (locks.some((l) => l.action === 'All')) return { action: 'All', fields: [] };
  const included = new Set(locks.flatMap((l) => (l.action === 'Include' ? l.fields : [])));
  const excludes = locks.filter((l) => l.action === 'Exclude');
  if (excludes.length === 0) return { action: 'Include', fields: [...included] };
  const spared = excludes[0]!.fields.filter(
    (f) => !included.has(f) && excludes.every((l) => l.fields.includes(f)),
  );
  return { action: 'Exclude', fields: spared };
}

/**
 * The `pdf.modifications.fieldmdp` check. `modifications` holds what the later revisions changed
 * (none when the signature covers the whole file), or null when they could not be analysed.
 */
export function fieldMdpCheck(
  mdp: FieldMdp | null,
  modifications: { readonly changes: readonly ModificationChange[] } | null,
  laterRevisions: number,
): Check {
  if (mdp === null) return { id: ID, status: 'SKIPPED', detail: 'the signature locks no field' };
  if (mdp.unreadable !== null) {
    return {
      id: ID,
      status: 'INDETERMINATE',
      detail: `the field locks of the signed revision could not be read: ${mdp.unreadable}`,
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
    };
  }
  if (mdp.problem !== null) {
    return {
      id: ID,
      status: 'FAILED',
      detail:
        mdp.problem === 'invalid-action'
          ? 'a field lock /Action is not All, Include or Exclude'
          : 'an Include or Exclude field lock has no /Fields array',
      params: { problem: mdp.problem },
      subIndication: 'FORMAT_FAILURE',
    };
  }
  const { action, fields } = scope(mdp.locks);
  const scopeParams = { action, ...(fields.length > 0 ? { fields: fields.join(', ') } : {}) };
  const locked = action === 'All' ? 'every field' : `${action} ${fields.join(', ')}`;
  const unanalysed =
    modifications === null || modifications.changes.some((c) => c.kind === UNREADABLE_REVISION);
  if (unanalysed) {
    return {
      id: ID,
      status: 'INDETERMINATE',
      detail: `locks ${locked}: the later revisions could not be analysed`,
      params: scopeParams,
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
    };
  }
  const violations = modifications.changes.filter((c) =>
    (c.fields ?? []).some((f) => isLocked(mdp, f)),
  );
  if (violations.length === 0) {
    return {
      id: ID,
      status: 'PASSED',
      detail:
        laterRevisions === 0
          ? `locks ${locked}; no later revision`
          : `locks ${locked}; no locked field changed in ${laterRevisions} later revision(s)`,
      params: { ...scopeParams, ...(laterRevisions > 0 ? { later: laterRevisions } : {}) },
    };
  }
  const changed = [
    ...new Set(violations.flatMap((c) => (c.fields ?? []).filter((f) => isLocked(mdp, f)))),
  ].sort();
  const first = Math.min(...violations.map((c) => c.revision));
  return {
    id: ID,
    status: 'FAILED',
    detail: `locks ${locked}, but later revisions changed ${changed.join(', ')}`,
    params: { ...scopeParams, changed: changed.join(', '), revision: first + 1 },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  };
}
