/**
 * ByteRange sanity (ISO 32000-1 §12.8.1, ETSI EN 319 142-1 §5.5.2, Table 252): the signed bytes
 * are `[0 a b c]`, two ranges around a gap that is exactly the /Contents hexadecimal string,
 * delimiters included, and the second range ends where a revision ends. Any other shape lets
 * bytes that no signature covers be read as signed: the universal signature forgery variants
 * (no /Contents, empty or null /ByteRange, a ByteRange pointing elsewhere, a /Contents outside
 * the gap) and signature wrapping (the signed bytes moved so that the gap holds new content)
 * all fail one of these checks. The digest itself is compared elsewhere (`cms.digest`).
 *
 * Coverage (pyHanko's names): ENTIRE_FILE when the second range ends at the end of the file
 * (an end-of-line after the final `%%EOF` may stay outside), ENTIRE_REVISION when it ends where
 * an earlier revision ends (later revisions are then judged by modification analysis), PARTIAL
 * otherwise.
 */
import type { Check, Coverage } from '../report/model.js';
import { CR, LF } from './char-classes.js';
import { fileInternals, type PdfFile } from './pdf-file.js';
import type { PdfSignature } from './signature-dictionaries.js';

export interface ByteRangeResult {
  /** `pdf.byterange.well-formed`, `.gap-matches-contents`, `.covers-revision`, then `pdf.byterange`. */
  readonly checks: Check[];
  readonly coverage: Coverage | null;
  /** 0-based index of the revision whose end the ByteRange reaches; null when none. */
  readonly signedRevision: number | null;
}

const LT = 0x3c;
const GT = 0x3e;
/** How many bytes after the final `%%EOF` may be end-of-line characters outside the range. */
const MAX_TRAILING_EOL = 2;

/** Checks `sig`'s /ByteRange against the file and its /Contents. */
export function checkByteRange(pdf: PdfFile, sig: PdfSignature): ByteRangeResult {
  const size = pdf.source.size;
  const br = sig.byteRange;
  const shapeOk =
    br !== null && br.length === 4 && br.every((n) => Number.isSafeInteger(n) && n >= 0);
  const checks: Check[] = [wellFormed(br, size, shapeOk)];
  let coverage: Coverage | null = null;
  let signedRevision: number | null = null;
  if (shapeOk) {
    const [, a, b, c] = br as [number, number, number, number];
    checks.push(gapMatches(pdf, sig, a, b));
    const covered = coversRevision(pdf, b + c);
    checks.push(covered.check);
    signedRevision = covered.revision;
    coverage = coverageOf(pdf, b + c, covered.revision);
  } else {
    const params = { reason: 'byterange-unusable' };
    checks.push({
      id: 'pdf.byterange.gap-matches-contents',
      status: 'SKIPPED',
      detail: 'no usable ByteRange to compare with /Contents',
      params,
    });
    checks.push({
      id: 'pdf.byterange.covers-revision',
      status: 'SKIPPED',
      detail: 'no usable ByteRange',
      params,
    });
  }
  const failed = checks.filter((c) => c.status === 'FAILED');
  checks.push(
    failed.length > 0
      ? {
          id: 'pdf.byterange',
          status: 'FAILED',
          detail: `ByteRange rejected: ${failed.map((c) => c.id.slice('pdf.byterange.'.length)).join(', ')}`,
          params: { failed: failed.map((c) => c.id).join(' ') },
          subIndication: 'FORMAT_FAILURE',
        }
      : {
          id: 'pdf.byterange',
          status: 'PASSED',
          detail: `ByteRange [${(br ?? []).join(' ')}] is sane, coverage ${coverage ?? 'unknown'}`,
          params: { byteRange: (br ?? []).join(' '), coverage: coverage ?? '' },
        },
  );
  return { checks, coverage, signedRevision };
}

function wellFormed(br: readonly number[] | null, size: number, shapeOk: boolean): Check {
  const id = 'pdf.byterange.well-formed';
  const fail = (detail: string, params: Record<string, string | number>): Check => ({
    id,
    status: 'FAILED',
    detail,
    params,
    subIndication: 'FORMAT_FAILURE',
  });
  if (br === null) return fail('no /ByteRange array of numbers', { reason: 'missing' });
  const text = br.join(' ');
  if (!shapeOk) {
    return fail(`/ByteRange [${text}] is not four non-negative integers`, {
      reason: 'shape',
      byteRange: text,
      count: br.length,
    });
  }
  const [start, a, b, c] = br as [number, number, number, number];
  const params = { byteRange: text, start, a, b, c, fileSize: size };
  if (start !== 0)
    return fail(`the first range starts at ${start}, not 0`, { reason: 'start', ...params });
  if (a <= 0) return fail('the first range is empty', { reason: 'empty-first', ...params });
  if (b <= a)
    return fail(`the second range starts at ${b}, not after ${a}`, {
      reason: 'overlap',
      ...params,
    });
  if (c <= 0) return fail('the second range is empty', { reason: 'empty-second', ...params });
  if (b + c > size) {
    return fail(`the second range ends at ${b + c}, past the end of the file (${size})`, {
      reason: 'outside-file',
      ...params,
    });
  }
  return { id, status: 'PASSED', detail: `[0 ${a} ${b} ${c}]`, params };
}

function gapMatches(pdf: PdfFile, sig: PdfSignature, a: number, b: number): Check {
  const id = 'pdf.byterange.gap-matches-contents';
  const fail = (detail: string, params: Record<string, string | number>): Check => ({
    id,
    status: 'FAILED',
    detail,
    params: { gapStart: a, gapEnd: b, ...params },
    subIndication: 'FORMAT_FAILURE',
  });
  if (sig.contents === null) {
    if (sig.contentsInObjectStream)
      return fail('the signature dictionary is in an object stream', { reason: 'object-stream' });
    return fail('no /Contents string that can be located in the file', { reason: 'no-contents' });
  }
  const { start, end } = sig.contents;
  const params = { contentsStart: start, contentsEnd: end };
  if (start !== a || end !== b) {
    return fail(`the gap [${a}, ${b}) is not the /Contents string at [${start}, ${end})`, {
      reason: 'mismatch',
      ...params,
    });
  }
  const { reader } = fileInternals(pdf);
  if (reader.byteAt(a) !== LT || reader.byteAt(b - 1) !== GT) {
    return fail('/Contents is not a hexadecimal string', { reason: 'not-hex', ...params });
  }
  return {
    id,
    status: 'PASSED',
    detail: `gap [${a}, ${b}) is /Contents`,
    params: { gapStart: a, gapEnd: b },
  };
}

/**
 * The ByteRange must end where a revision ends (`end`, or `markerEnd` when the next writer
 * added the end of line), and whatever follows must be later revisions: bytes after the last
 * revision that belong to none are a tail no signature covers.
 */
function coversRevision(pdf: PdfFile, end: number): { check: Check; revision: number | null } {
  const id = 'pdf.byterange.covers-revision';
  const revs = pdf.revisions;
  const revision = revs.findIndex((r) => r.end === end || r.markerEnd === end);
  const last = revs[revs.length - 1];
  const fileSize = pdf.source.size;
  if (revision < 0) {
    return {
      revision: null,
      check: {
        id,
        status: 'FAILED',
        detail: `the signed bytes end at ${end}, where no revision ends`,
        params: {
          reason: 'not-a-revision-end',
          end,
          revisionEnds: revs.map((r) => r.end).join(' '),
          fileSize,
        },
        subIndication: 'FORMAT_FAILURE',
      },
    };
  }
  if (last !== undefined && !onlyEol(pdf, last.end, fileSize)) {
    return {
      revision,
      check: {
        id,
        status: 'FAILED',
        detail: `${fileSize - last.end} bytes after the last revision (from ${last.end}) are no revision and not signed`,
        params: {
          reason: 'uncovered-tail',
          end,
          lastRevisionEnd: last.end,
          fileSize,
          revision: revision + 1,
        },
        subIndication: 'FORMAT_FAILURE',
      },
    };
  }
  return {
    revision,
    check: {
      id,
      status: 'PASSED',
      detail: `ends with revision ${revision + 1} of ${revs.length}`,
      params: { end, revision: revision + 1, revisions: revs.length },
    },
  };
}

function coverageOf(pdf: PdfFile, end: number, revision: number | null): Coverage {
  const size = pdf.source.size;
  if (end <= size && onlyEol(pdf, end, size)) return 'ENTIRE_FILE';
  if (revision !== null && revision < pdf.revisions.length - 1) return 'ENTIRE_REVISION';
  return 'PARTIAL';
}

/** True when [from, to) is empty or at most a couple of CR/LF bytes. */
function onlyEol(pdf: PdfFile, from: number, to: number): boolean {
  if (to - from > MAX_TRAILING_EOL) return false;
  const { reader } = fileInternals(pdf);
  for (let i = from; i < to; i++) {
    const b = reader.byteAt(i);
    if (b !== CR && b !== LF) return false;
  }
  return true;
}
