/**
 * One signature in words, shared by the text renderer and the PDF report so that screen and
 * paper say the same thing: the four facts Circular 15/2025 asks verification software to show
 * (valid or not, signer, signing time and its source, intact or not — LEGAL.md §4) plus trust
 * path, revocation, and the reasons behind a verdict that is not TOTAL_PASSED with the advice
 * for each. All words come from check-messages.ts.
 */
import type { Lang } from '../kernel/index.js';
import {
  capitalize,
  coverageText,
  describeCheck,
  modificationLevelText,
  reportWord,
  subIndicationAdvice,
  subIndicationText,
  type MessageParams,
  type ReportWordKey,
} from './check-messages.js';
import { commonNameOf, identifierText } from './distinguished-name.js';
import type { Check, FileReport, SignatureReport } from './model.js';
import { formatVietnamTime } from './vietnam-time.js';

export interface Reason {
  /** The check behind the reason; null when only the sub-indication is known. */
  readonly check: Check | null;
  readonly text: string;
  /** What to do next, or null (also null when an earlier reason gave the same advice). */
  readonly advice: string | null;
}

export interface SignatureDescription {
  /** "Nguyễn Văn An — CCCD 001090001234 (VNPT-CA SHA2)". */
  readonly signer: string;
  readonly signerName: string;
  readonly organization: string | null;
  /** "CCCD 001090001234", "MST 0101234567". */
  readonly identifiers: readonly string[];
  /** Common name of the issuing CA. */
  readonly issuerName: string | null;
  /** "24/11/2026 09:15 (theo dấu thời gian của VNPT TSA)". */
  readonly signingTime: string;
  /** "nội dung không thay đổi từ khi ký (chữ ký bao phủ toàn bộ tệp)". */
  readonly integrity: string;
  /** Common names from the signer to the anchor, joined by " → ", with a note when untrusted. */
  readonly trust: string;
  readonly chainNames: readonly string[];
  readonly revocation: string;
  /** FAILED checks first, then INDETERMINATE ones, most specific id kept, in report order. */
  readonly reasons: readonly Reason[];
  /**
   * "Chữ ký chứng nhận — mức 2: cho phép điền biểu mẫu và ký thêm" for a certification (DocMDP)
   * signature; null for an approval signature.
   */
  readonly certification: string | null;
}

const word = (key: ReportWordKey, lang: Lang, params: Record<string, string> = {}): string =>
  reportWord(key, lang, params);

const time = (iso: string, seconds: boolean): string => formatVietnamTime(iso, { seconds }) ?? iso;

/** A path as a shell argument, for the commands quoted in advice lines. */
export function shellArgument(path: string): string {
  return /^[\w@%+=:,./-]+$/u.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/** Integrity checks in pipeline order: the first FAILED (else INDETERMINATE) one decides. */
const INTEGRITY_PREFIXES = ['format', 'pdf.byterange', 'cms.digest', 'pdf.modifications'];

function integrityChecks(checks: readonly Check[]): Check[] {
  const rank = (c: Check): number =>
    INTEGRITY_PREFIXES.findIndex((p) => c.id === p || c.id.startsWith(`${p}.`));
  return checks
    .filter((c) => rank(c) >= 0)
    .sort((a, b) => rank(a) - rank(b) || checks.indexOf(a) - checks.indexOf(b));
}

function integrityText(sig: SignatureReport, lang: Lang): string {
  const relevant = integrityChecks(sig.checks);
  const failed = relevant.filter((c) => c.status === 'FAILED');
  if (failed.some((c) => !c.id.startsWith('pdf.modifications')))
    return word('integrity.notIntact', lang);
  if (failed.length > 0) return word('integrity.changedAfter', lang);
  if (relevant.some((c) => c.status === 'INDETERMINATE')) return word('integrity.unknown', lang);
  const digest = sig.checks.find((c) => c.id === 'cms.digest');
  if (digest === undefined || digest.status !== 'PASSED') return word('notChecked', lang);
  const notes: string[] = [];
  if (sig.coverage !== null) notes.push(coverageText(sig.coverage, lang));
  if (sig.modificationLevel !== null && sig.modificationLevel !== 'NONE') {
    notes.push(modificationLevelText(sig.modificationLevel, lang));
  } else if (sig.coverage === 'ENTIRE_REVISION') {
    notes.push(word('integrity.additions', lang));
  }
  const whole = sig.coverage !== 'ENTIRE_REVISION' && sig.coverage !== 'PARTIAL';
  const unchanged =
    whole && (sig.modificationLevel ?? 'NONE') === 'NONE'
      ? word('integrity.intact', lang)
      : word('integrity.signedPartIntact', lang);
  return notes.length === 0 ? unchanged : `${unchanged} (${notes.join('; ')})`;
}

function signingTimeText(sig: SignatureReport, lang: Lang, seconds: boolean): string {
  const ts = sig.timestamp;
  if (ts !== null && ts.valid) {
    const tsa = commonNameOf(ts.tsa);
    const source =
      tsa === null ? word('time.timestamp', lang) : word('time.timestampOf', lang, { tsa });
    // The trusted time and the signer's claim, side by side when they differ by a minute or more.
    const claim = sig.claimedSigningTime;
    const apart =
      claim !== null &&
      claim !== undefined &&
      Math.abs(Date.parse(claim) - Date.parse(ts.time)) >= 60_000;
    const claimed = apart
      ? `; ${word('time.alsoClaimed', lang, { time: time(claim, seconds) })}`
      : '';
    return `${time(ts.time, seconds)} (${source}${claimed})`;
  }
  const invalid = ts !== null ? `; ${word('time.invalidTimestamp', lang)}` : '';
  if (sig.signingTime !== null) {
    const source =
      sig.signingTimeSource === 'timestamp'
        ? word('time.timestamp', lang)
        : sig.signingTimeSource === 'pdf-m'
          ? word('time.claimedPdfM', lang)
          : word('time.claimed', lang);
    return `${time(sig.signingTime, seconds)} (${source}${invalid})`;
  }
  return ts !== null
    ? `${word('time.none', lang)} (${word('time.invalidTimestamp', lang)})`
    : word('time.none', lang);
}

function trustText(sig: SignatureReport, lang: Lang, names: readonly string[]): string {
  const chainCheck = sig.checks.find((c) => c.id === 'trust.chain');
  const path = names.join(' → ');
  const status = chainCheck?.status;
  if (chainCheck !== undefined && status === 'PASSED')
    return path === '' ? describeCheck(chainCheck, lang).text : path;
  if (status === 'SKIPPED' || status === undefined) {
    return path === '' ? word('notChecked', lang) : `${path} (${word('notChecked', lang)})`;
  }
  const note = status === 'FAILED' ? word('trust.badChain', lang) : word('trust.noAnchor', lang);
  return path === '' ? word('trust.noChain', lang) : `${path} — ${note}`;
}

function revocationText(sig: SignatureReport, lang: Lang, seconds: boolean): string {
  const check = sig.checks.find((c) => c.id === 'trust.revocation');
  const r = sig.revocation;
  if (check?.status === 'SKIPPED' && r.status === 'UNKNOWN') return word('notChecked', lang);
  const evidence = [r.source, r.producedAt ? time(r.producedAt, seconds) : null].filter(
    (x): x is string => x !== null && x !== '',
  );
  const suffix = evidence.length > 0 ? ` (${evidence.join(', ')})` : '';
  switch (r.status) {
    case 'GOOD':
      return word('revocation.good', lang) + suffix;
    case 'REVOKED':
      return (
        (r.revokedAt
          ? word('revocation.revokedSince', lang, { at: time(r.revokedAt, seconds) })
          : word('revocation.revoked', lang)) + suffix
      );
    case 'UNKNOWN':
      return r.source === null
        ? word('revocation.unknown', lang)
        : `${word('revocation.unknown', lang)}${suffix}`;
  }
}

/** Drops a check when a more specific one (`id.…`) with the same status is in the list. */
function mostSpecific(checks: readonly Check[]): Check[] {
  return checks.filter(
    (c) => !checks.some((o) => o !== c && o.status === c.status && o.id.startsWith(`${c.id}.`)),
  );
}

function reasonsOf(sig: SignatureReport, lang: Lang, context: MessageParams): Reason[] {
  const failed = mostSpecific(sig.checks.filter((c) => c.status === 'FAILED'));
  const open = mostSpecific(sig.checks.filter((c) => c.status === 'INDETERMINATE'));
  const seen = new Set<string>();
  const reasons: Reason[] = [];
  for (const check of [...failed, ...open]) {
    const m = describeCheck(check, lang, context);
    const advice = m.advice !== null && !seen.has(m.advice) ? m.advice : null;
    if (m.advice !== null) seen.add(m.advice);
    reasons.push({ check, text: capitalize(m.text), advice });
  }
  // A verdict without a check to explain it (should not happen: conclusions come from checks).
  if (reasons.length === 0 && sig.indication !== 'TOTAL_PASSED' && sig.subIndication !== null) {
    reasons.push({
      check: null,
      text: capitalize(subIndicationText(sig.subIndication, lang)),
      advice: subIndicationAdvice(sig.subIndication, lang),
    });
  }
  return reasons;
}

export function describeSignature(
  sig: SignatureReport,
  file: Pick<FileReport, 'path' | 'signatures'>,
  lang: Lang,
  opts: { seconds?: boolean } = {},
): SignatureDescription {
  const seconds = opts.seconds === true;
  // "chữ ký i/n" and the advice's `--extract-revision i` count signatures from 1 in file order.
  const position = file.signatures.indexOf(sig) + 1;
  const context: MessageParams = {
    signature: position > 0 ? position : sig.index,
    path: shellArgument(file.path),
  };
  const s = sig.signer;
  const signerName = s.commonName ?? word('signer.unknownName', lang);
  const organization =
    s.organization !== null && s.organization !== '' && s.organization !== s.commonName
      ? s.organization
      : null;
  const identifiers = (s.identifiers ?? []).map(identifierText);
  const issuerName = commonNameOf(s.issuer);
  const signer =
    [signerName, organization, ...identifiers].filter((x) => x !== null).join(' — ') +
    (issuerName !== null ? ` (${issuerName})` : '');
  const chainNames = sig.chain.map((c) => commonNameOf(c.subject) ?? c.subject);
  return {
    signer,
    signerName,
    organization,
    identifiers,
    issuerName,
    signingTime: signingTimeText(sig, lang, seconds),
    integrity: integrityText(sig, lang),
    trust: trustText(
      sig,
      lang,
      chainNames.length > 0 ? chainNames : s.commonName ? [s.commonName] : [],
    ),
    chainNames,
    revocation: revocationText(sig, lang, seconds),
    reasons: reasonsOf(sig, lang, context),
    certification:
      sig.certificationLevel === undefined || sig.certificationLevel === null
        ? null
        : word(`certification.level${sig.certificationLevel}`, lang),
  };
}
