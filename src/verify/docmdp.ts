/**
 * Certification signatures (ISO 32000-1 §12.8.2.2 DocMDP, §12.8.4 /Perms): which signature
 * certifies the document, at which permission level P, and whether the revisions after it stay
 * within what P allows — the `pdf.modifications.docmdp` check.
 *
 * What each level allows is read from the modification analysis (modifications.ts), whose levels
 * are ordered: P=1 allows LTA_UPDATES only (ISO 32000-2 §12.8.2.2.1 and Table 257: DSS and
 * document-timestamp updates are not changes to the document, which is also how PAdES keeps a
 * certified document extensible to B-LTA), P=2 allows FORM_FILLING (form filling, page
 * templates, signing), P=3 allows ANNOTATIONS (creating, deleting and modifying them too).
 *
 * The certification must be well formed: one DocMDP transform, on the first signature of the
 * document (ISO 32000-1 §12.8.2.2.1: only one signature field with a DocMDP transform, "the first
 * signed field"; ISO 32000-2 dropped the second half, but validators other than Acrobat reject a
 * certification after an approval signature, and a later one is the second DocMDP field), with
 * a valid P, and named by /Perms /DocMDP when that entry is there. /Perms is optional (Table 258:
 * it makes viewers prevent disallowed changes, detection does not depend on it), so its absence
 * is no failure. A malformed certification is a FORMAT_FAILURE; changes beyond P fail as
 * `pdf.modifications` does, with SIG_CONSTRAINTS_FAILURE.
 *
 * Form filling is the modification analysis' to recognise: the values and widget appearances of
 * the fields the certified document has may change under P=2 and P=3; a new field, or any other
 * change to one, is OTHER there and fails this check. Limits are those of that analysis: page
 * templates being instantiated (which P=2 allows) and appearances regenerated without a new
 * value count as OTHER, so a P=2 or P=3 document that went through them fails this check.
 */
import type { PdfSignature } from '../pdf/index.js';
import type { Check, CertificationLevel, ModificationLevel } from '../report/model.js';
import type { ModificationChange } from './modifications.js';

export type CertificationProblem =
  | 'invalid-permission'
  | 'no-reference'
  | 'not-first'
  | 'several'
  | 'perms-elsewhere'
  | 'perms-not-a-reference';

export interface Certification {
  /** P when it is 1, 2 or 3; null otherwise. */
  readonly level: CertificationLevel | null;
  /** /P as written (null when not a number or when there is no DocMDP reference). */
  readonly permission: number | null;
  /** Why this certification is malformed; null when it is well formed. */
  readonly problem: CertificationProblem | null;
  /** Whether the catalog's /Perms /DocMDP names this signature. */
  readonly namedByPerms: boolean;
}

const ID = 'pdf.modifications.docmdp';

const LEVELS: readonly ModificationLevel[] = [
  'NONE',
  'LTA_UPDATES',
  'FORM_FILLING',
  'ANNOTATIONS',
  'OTHER',
];

/** The most a later revision may change under each P (Table 254 and ISO 32000-2 Table 257). */
const ALLOWED: Record<CertificationLevel, ModificationLevel> = {
  1: 'LTA_UPDATES',
  2: 'FORM_FILLING',
  3: 'ANNOTATIONS',
};

const rank = (level: ModificationLevel): number => LEVELS.indexOf(level);

function isLevel(p: number | null): p is CertificationLevel {
  return p === 1 || p === 2 || p === 3;
}

/**
 * Whether signature `index` of `sigs` (in file order) is a certification signature, and how
 * well formed; null for an approval signature (or a document timestamp). `perms` is the catalog's
 * /Perms /DocMDP (pdf/permsDocMdp).
 */
export function certificationOf(
  sigs: readonly PdfSignature[],
  index: number,
  perms: number | 'not-a-reference' | null,
): Certification | null {
  const sig = sigs[index];
  if (sig === undefined) return null;
  const namedByPerms = typeof perms === 'number' && sig.objectNumber === perms;
  const docMdp = sig.docMdp;
  if (docMdp === null) {
    // /Perms /DocMDP names a signature whose dictionary carries no DocMDP reference (Table 258
    // requires one): the document claims a certification that says nothing of what it allows.
    return namedByPerms
      ? { level: null, permission: null, problem: 'no-reference', namedByPerms }
      : null;
  }
  const permission = docMdp.permission;
  const level = isLevel(permission) ? permission : null;
  const problem: CertificationProblem | null =
    level === null
      ? 'invalid-permission'
      : index > 0
        ? 'not-first'
        : docMdp.count > 1
          ? 'several'
          : perms === 'not-a-reference'
            ? 'perms-not-a-reference'
            : typeof perms === 'number' && !namedByPerms
              ? 'perms-elsewhere'
              : null;
  return { level, permission, problem, namedByPerms };
}

const PROBLEM_DETAIL: Record<CertificationProblem, string> = {
  'invalid-permission': 'the DocMDP permission /P is not 1, 2 or 3',
  'no-reference': '/Perms /DocMDP names this signature, but it has no DocMDP /Reference',
  'not-first': 'a certification signature must be the first signature of the document',
  several: 'the signature dictionary holds more than one DocMDP signature reference',
  'perms-elsewhere': '/Perms /DocMDP names another signature dictionary',
  'perms-not-a-reference': '/Perms /DocMDP is not an indirect reference to a signature',
};

/**
 * The `pdf.modifications.docmdp` check. `modifications` is what the later revisions changed
 * (level and changes from modifications.ts; level NONE and no changes when the signature covers
 * the whole file), or null when they could not be analysed.
 */
export function docMdpCheck(
  cert: Certification | null,
  modifications: {
    readonly level: ModificationLevel;
    readonly changes: readonly ModificationChange[];
  } | null,
  laterRevisions: number,
): Check {
  if (cert === null) {
    return { id: ID, status: 'SKIPPED', detail: 'approval signature, not a certification' };
  }
  const levelParam = cert.level === null ? {} : { level: cert.level };
  if (cert.problem !== null) {
    return {
      id: ID,
      status: 'FAILED',
      detail:
        PROBLEM_DETAIL[cert.problem] +
        (cert.problem === 'invalid-permission' ? ` (P ${String(cert.permission)})` : ''),
      params: { ...levelParam, problem: cert.problem },
      subIndication: 'FORMAT_FAILURE',
    };
  }
  // A well-formed certification has a level (invalid-permission otherwise).
  const level = cert.level!;
  const allowed = ALLOWED[level];
  const perms = cert.namedByPerms ? '' : '; no /Perms /DocMDP in the catalog';
  if (modifications === null) {
    return {
      id: ID,
      status: 'INDETERMINATE',
      detail: `DocMDP P=${level}: the later revisions could not be analysed${perms}`,
      params: { level },
      subIndication: 'SIG_CONSTRAINTS_FAILURE',
    };
  }
  const found = modifications.level;
  if (rank(found) <= rank(allowed)) {
    return {
      id: ID,
      status: 'PASSED',
      detail:
        laterRevisions === 0
          ? `DocMDP P=${level}: no later revision${perms}`
          : `DocMDP P=${level} allows up to ${allowed}; ${laterRevisions} later revision(s): ${found}${perms}`,
      params: {
        level,
        found,
        ...(laterRevisions > 0 ? { later: laterRevisions } : {}),
      },
    };
  }
  const beyond = modifications.changes.filter((c) => rank(c.level) > rank(allowed));
  const first = beyond.reduce<ModificationChange | undefined>(
    (a, c) => (a === undefined || c.revision < a.revision ? c : a),
    undefined,
  );
  const kinds = [...new Set(beyond.map((c) => c.kind))].join(', ');
  const pages = [...new Set(beyond.flatMap((c) => (c.page === undefined ? [] : [c.page])))].sort(
    (a, b) => a - b,
  );
  return {
    id: ID,
    status: 'FAILED',
    detail:
      `DocMDP P=${level} allows up to ${allowed}, but later revisions made ${found} changes (${kinds})` +
      (pages.length > 0 ? ` on page ${pages.join(', ')}` : '') +
      perms,
    params: {
      level,
      found,
      kinds,
      ...(first !== undefined ? { revision: first.revision + 1 } : {}),
      ...(pages.length > 0 ? { pages: pages.join(',') } : {}),
    },
    subIndication: 'SIG_CONSTRAINTS_FAILURE',
  };
}
