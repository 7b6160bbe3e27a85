/**
 * Revisions (ISO 32000-1 §7.5.6): the original document and each incremental update, oldest
 * first. A revision ends just after its `%%EOF` marker and the end-of-line that follows it
 * (§7.5.5): the byte count a signature over that revision covers (§12.8.1). The marker is found
 * by scanning forward from the end of the revision's cross-reference section (its trailer, or
 * its stream object, so that binary stream data is not searched).
 *
 * A linearized file (Annex F) has two sections, the first-page section near the start pointing
 * with /Prev to the main one at the end; both belong to one revision. Generally, a section whose
 * `%%EOF` does not come after the previous revision's end adds no bytes of its own, so it is
 * folded into that revision (which then takes its section as the newest).
 */
import { ascii, searchForward } from './byte-search.js';
import { CR, LF } from './char-classes.js';
import type { SourceReader } from './source-reader.js';
import type { XrefSection } from './xref-chain.js';
import type { XrefKind } from './xref-locate.js';

export interface Revision {
  /** 0 for the original document. */
  readonly index: number;
  /** Offset of the revision's (newest) cross-reference section; -1 when repair found none. */
  readonly xrefOffset: number;
  /** Offset just after the revision's `%%EOF` and its end-of-line marker. */
  readonly end: number;
  /**
   * Offset just after `%%EOF` itself. It differs from `end` by the EOL, which the writer of the
   * next update may have added (a file ending in `%%EOF` gets "\n" before the update), so a
   * signature over this revision may cover either.
   */
  readonly markerEnd: number;
  readonly kind: XrefKind;
}

const EOF_MARKER = ascii('%%EOF');

/** The first `%%EOF` at or after `from`: its end and its end with the EOL; undefined if none. */
function eofAfter(
  reader: SourceReader,
  from: number,
): { markerEnd: number; end: number } | undefined {
  const at = searchForward(reader, EOF_MARKER, from);
  return at < 0 ? undefined : { markerEnd: at + EOF_MARKER.length, end: eofEnd(reader, at) };
}

/** The offset after the `%%EOF` at `at` and one following CR, LF or CR LF. */
export function eofEnd(reader: SourceReader, at: number): number {
  let end = at + EOF_MARKER.length;
  const b = reader.byteAt(end);
  if (b === CR) {
    end++;
    if (reader.byteAt(end) === LF) end++;
  } else if (b === LF) {
    end++;
  }
  return end;
}

/** Revisions for a chain of sections given newest first. */
export function revisionsFromSections(
  reader: SourceReader,
  sections: readonly XrefSection[],
): Revision[] {
  return revisionLayout(reader, sections).revisions;
}

/**
 * Revisions for a chain of sections given newest first, and for each section (same order) the
 * index of the revision it belongs to.
 */
export function revisionLayout(
  reader: SourceReader,
  sections: readonly XrefSection[],
): { revisions: Revision[]; sectionRevision: number[] } {
  const out: { xrefOffset: number; end: number; markerEnd: number; kind: XrefKind }[] = [];
  const sectionRevision = new Array<number>(sections.length).fill(0);
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i]!;
    const found = eofAfter(reader, s.end);
    const end = found?.end ?? reader.size;
    const markerEnd = found?.markerEnd ?? reader.size;
    const last = out[out.length - 1];
    if (last !== undefined && end <= last.end) {
      last.xrefOffset = s.offset;
      last.kind = s.kind;
      sectionRevision[i] = out.length - 1;
      continue;
    }
    sectionRevision[i] = out.length;
    out.push({ xrefOffset: s.offset, end, markerEnd, kind: s.kind });
  }
  return { revisions: out.map((r, index) => ({ index, ...r })), sectionRevision };
}
