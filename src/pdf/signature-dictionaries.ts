/**
 * The signatures of a PDF (ISO 32000-1 §12.7.4.5, §12.8.1): every signature field reached from
 * the document's interactive form (trailer → /Root → /AcroForm → /Fields → /Kids) whose value
 * /V is a signature dictionary, with what a verifier needs from that dictionary. Never a text
 * search for "/ByteRange": a dictionary that no field uses signs nothing.
 *
 * Where /Contents sits in the file matters (the ByteRange gap must be exactly that string), and
 * the object model keeps no offsets, so the signature dictionary's indirect object is lexed
 * again from its cross-reference offset and the offsets of its top-level /Contents value are
 * recorded. When a key occurs twice the parser keeps the last non-null value, and so does the
 * locator; duplicate keys are reported, since they are how some attacks hide a second /Contents.
 *
 * Limits: a field tree deeper than 64 levels or larger than 100 000 nodes is cut there; a
 * signature dictionary written directly inside a field is located only when that field is an
 * indirect object outside any object stream.
 */
import { malformed } from './pdf-errors.js';
import type { Lexer, Token } from './lexer.js';
import type { PdfDict } from './objects.js';
import { PdfName, PdfRef, PdfString, isPdfArray, type PdfObject } from './objects.js';
import { Parser } from './parser.js';
import { fileInternals, type PdfFile } from './pdf-file.js';
import { decodePdfTextString, parsePdfDate } from './text-string.js';

export interface PdfSignature {
  /** Fully qualified field name (the /T of the field and its ancestors joined with '.'). */
  readonly fieldName: string | null;
  readonly type: 'Sig' | 'DocTimeStamp' | null;
  readonly filter: string | null;
  readonly subFilter: string | null;
  /** The /ByteRange numbers as found; null when absent or not an array of numbers. */
  readonly byteRange: number[] | null;
  /**
   * The /Contents string: `bytes` decoded (trailing zero padding kept), `start` the offset of
   * its '<' (or '(') in the file, `end` the offset just after its closing delimiter. Null when
   * absent, not a string, or not locatable in the file's bytes.
   */
  readonly contents: {
    readonly bytes: Uint8Array;
    readonly start: number;
    readonly end: number;
  } | null;
  /** The signature dictionary lies in an object stream: its /Contents has no place in the file. */
  readonly contentsInObjectStream: boolean;
  /** /M as written, and parsed (§7.9.4). */
  readonly m: string | null;
  readonly signingTime: Date | null;
  readonly name: string | null;
  readonly reason: string | null;
  readonly location: string | null;
  readonly contactInfo: string | null;
  /** Object number of the signature dictionary; null when it is written inside its field. */
  readonly objectNumber: number | null;
  /**
   * 0-based index into `pdf.revisions` of the revision the signature belongs to: the one that
   * ends where the ByteRange ends (`end` or `markerEnd`), else the first that ends after it;
   * without a usable ByteRange, the revision holding /Contents or the dictionary.
   */
  readonly revisionIndex: number | null;
  /** Keys written more than once at the top level of the signature dictionary. */
  readonly duplicateKeys: string[];
  /** The signature dictionary itself (as the object model reads it). */
  readonly dictionary: PdfDict;
  /**
   * The DocMDP transform of a certification signature (ISO 32000-1 §12.8.2.2): present when
   * /Reference holds a signature reference dictionary whose /TransformMethod is /DocMDP; null
   * for an approval signature.
   */
  readonly docMdp: DocMdpTransform | null;
}

export interface DocMdpTransform {
  /**
   * /P of the transform parameters (Table 254): 2 when absent (its default), the number as
   * written otherwise, even out of range (the verifier says so); null when /P is not a number.
   */
  readonly permission: number | null;
  /** Signature reference dictionaries with the DocMDP method in /Reference (one is allowed). */
  readonly count: number;
}

const MAX_FIELD_NODES = 100_000;
const MAX_FIELD_DEPTH = 64;
const MAX_DICT_KEYS = 10_000;

interface FieldNode {
  readonly obj: PdfObject;
  readonly prefix: string | null;
  readonly ft: string | undefined;
  readonly depth: number;
  readonly root: boolean;
}

/** Every filled-in signature field of `pdf`, ordered by where their ByteRange gap lies. */
export function findSignatures(pdf: PdfFile): PdfSignature[] {
  const acro = pdf.lookupDict(pdf.catalog().get('AcroForm'));
  const fields = pdf.resolve(acro?.get('Fields'));
  if (!isPdfArray(fields)) return [];
  const found: { sig: PdfSignature; order: number }[] = [];
  const seenRefs = new Set<string>();
  const seenDicts = new Set<PdfDict>();
  const stack: FieldNode[] = [];
  for (let i = fields.length - 1; i >= 0; i--)
    stack.push({ obj: fields[i]!, prefix: null, ft: undefined, depth: 0, root: true });
  let visited = 0;
  while (stack.length > 0 && visited < MAX_FIELD_NODES) {
    const node = stack.pop()!;
    if (node.obj instanceof PdfRef) {
      const key = node.obj.toString();
      if (seenRefs.has(key)) continue;
      seenRefs.add(key);
    }
    const dict = pdf.lookupDict(node.obj);
    if (dict === undefined || seenDicts.has(dict)) continue;
    seenDicts.add(dict);
    visited++;
    const partial = textOf(pdf, dict.get('T'));
    const fullName =
      partial === null ? node.prefix : node.prefix === null ? partial : `${node.prefix}.${partial}`;
    const ftValue = pdf.resolve(dict.get('FT'));
    const ft = ftValue instanceof PdfName ? ftValue.name : node.ft;
    // A kid without /T is a widget of its parent field, not a field of its own (§12.7.3.1).
    if (ft === 'Sig' && (partial !== null || node.root)) {
      const v = dict.get('V');
      const sigDict = pdf.lookupDict(v);
      if (sigDict !== undefined) {
        const host =
          v instanceof PdfRef
            ? { num: v.num, path: [] as string[] }
            : node.obj instanceof PdfRef
              ? { num: node.obj.num, path: ['V'] }
              : undefined;
        found.push({
          sig: describeSignature(pdf, sigDict, fullName, v instanceof PdfRef ? v.num : null, host),
          order: found.length,
        });
      }
    }
    const kids = pdf.resolve(dict.get('Kids'));
    if (isPdfArray(kids) && node.depth < MAX_FIELD_DEPTH) {
      for (let i = kids.length - 1; i >= 0; i--) {
        stack.push({ obj: kids[i]!, prefix: fullName, ft, depth: node.depth + 1, root: false });
      }
    }
  }
  const position = (s: PdfSignature): number => {
    const gap = s.byteRange?.[1];
    if (gap !== undefined) return gap;
    if (s.contents !== null) return s.contents.start;
    if (s.objectNumber !== null) {
      const e = pdf.xrefEntry(s.objectNumber);
      if (e?.type === 'offset') return e.offset;
    }
    return Number.POSITIVE_INFINITY;
  };
  return found
    .map((f) => ({ ...f, at: position(f.sig) }))
    .sort((x, y) => (x.at === y.at ? x.order - y.order : x.at < y.at ? -1 : 1))
    .map((f) => f.sig);
}

function describeSignature(
  pdf: PdfFile,
  dict: PdfDict,
  fieldName: string | null,
  objectNumber: number | null,
  host: { num: number; path: string[] } | undefined,
): PdfSignature {
  const located = host === undefined ? undefined : locateInFile(pdf, host.num, host.path);
  const inObjectStream = located === 'compressed';
  const place = typeof located === 'object' ? located : undefined;
  const contentsValue = place?.values.get('Contents');
  let contents: PdfSignature['contents'] = null;
  if (contentsValue !== undefined && contentsValue.token.type === 'string') {
    contents = {
      bytes: contentsValue.token.bytes,
      start: contentsValue.token.start,
      end: contentsValue.end,
    };
  }
  const typeName = nameOf(pdf, dict.get('Type'));
  const m = textOf(pdf, dict.get('M'));
  const byteRange = numbersOf(pdf, dict.get('ByteRange'));
  return {
    fieldName,
    type: typeName === 'Sig' || typeName === 'DocTimeStamp' ? typeName : null,
    filter: nameOf(pdf, dict.get('Filter')),
    subFilter: nameOf(pdf, dict.get('SubFilter')),
    byteRange,
    contents,
    contentsInObjectStream: inObjectStream,
    m,
    signingTime: m === null ? null : (parsePdfDate(m) ?? null),
    name: textOf(pdf, dict.get('Name')),
    reason: textOf(pdf, dict.get('Reason')),
    location: textOf(pdf, dict.get('Location')),
    contactInfo: textOf(pdf, dict.get('ContactInfo')),
    objectNumber,
    revisionIndex: revisionOf(pdf, byteRange, contents?.start ?? objectOffset(pdf, host?.num)),
    duplicateKeys: place?.duplicates ?? [],
    dictionary: dict,
    docMdp: docMdpOf(pdf, dict),
  };
}

/** Table 254: P defaults to 2 when the transform parameters (or /P) are absent. */
const DEFAULT_DOCMDP_PERMISSION = 2;

/** The DocMDP entries of a signature dictionary's /Reference array (§12.8.1 Table 253). */
function docMdpOf(pdf: PdfFile, dict: PdfDict): DocMdpTransform | null {
  const refs = pdf.resolve(dict.get('Reference'));
  if (!isPdfArray(refs)) return null;
  let first: number | null | undefined;
  let count = 0;
  for (const entry of refs) {
    const ref = pdf.lookupDict(entry);
    if (ref === undefined || nameOf(pdf, ref.get('TransformMethod')) !== 'DocMDP') continue;
    count++;
    if (first !== undefined) continue;
    const params = pdf.lookupDict(ref.get('TransformParams'));
    const p = pdf.resolve(params?.get('P'));
    first = p === undefined ? DEFAULT_DOCMDP_PERMISSION : typeof p === 'number' ? p : null;
  }
  return first === undefined ? null : { permission: first, count };
}

/**
 * The catalog's /Perms /DocMDP entry (§12.8.4, Table 258), which names the certification
 * signature: the object number of the signature dictionary it references, 'not-a-reference'
 * when it is there but not an indirect reference (the table requires one), null when absent.
 */
export function permsDocMdp(pdf: PdfFile): number | 'not-a-reference' | null {
  const perms = pdf.lookupDict(pdf.catalog().get('Perms'));
  const entry = perms?.get('DocMDP');
  if (entry === undefined || entry === null) return null;
  return entry instanceof PdfRef ? entry.num : 'not-a-reference';
}

function nameOf(pdf: PdfFile, obj: PdfObject | undefined): string | null {
  const v = pdf.resolve(obj);
  return v instanceof PdfName ? v.name : null;
}

function textOf(pdf: PdfFile, obj: PdfObject | undefined): string | null {
  const v = pdf.resolve(obj);
  return v instanceof PdfString ? decodePdfTextString(v.bytes) : null;
}

function numbersOf(pdf: PdfFile, obj: PdfObject | undefined): number[] | null {
  const v = pdf.resolve(obj);
  if (!isPdfArray(v)) return null;
  const out: number[] = [];
  for (const item of v) {
    if (typeof item !== 'number') return null;
    out.push(item);
  }
  return out;
}

function objectOffset(pdf: PdfFile, num: number | undefined): number | undefined {
  if (num === undefined) return undefined;
  const e = pdf.xrefEntry(num);
  return e?.type === 'offset' ? e.offset : undefined;
}

function revisionOf(
  pdf: PdfFile,
  byteRange: readonly number[] | null,
  fallbackOffset: number | undefined,
): number | null {
  const revs = pdf.revisions;
  if (byteRange !== null && byteRange.length === 4) {
    const end = byteRange[2]! + byteRange[3]!;
    const exact = revs.findIndex((r) => r.end === end || r.markerEnd === end);
    if (exact >= 0) return exact;
    const after = revs.findIndex((r) => r.end >= end);
    return after >= 0 ? after : null;
  }
  if (fallbackOffset === undefined) return null;
  const holding = revs.findIndex((r) => fallbackOffset < r.end);
  return holding >= 0 ? holding : null;
}

interface ValuePlace {
  /** The value's first token (a string token carries its decoded bytes). */
  readonly token: Token;
  /** Offset just after the value. */
  readonly end: number;
}

interface DictPlace {
  /** The last non-null value of each key (what the parser keeps). */
  readonly values: Map<string, ValuePlace>;
  readonly duplicates: string[];
}

/**
 * Lexes the indirect object `num` again at its cross-reference offset and returns where the
 * values of the dictionary at `path` (keys from the object's top-level dictionary down) lie;
 * 'compressed' when the object is in an object stream, undefined when it cannot be located.
 */
function locateInFile(
  pdf: PdfFile,
  num: number,
  path: readonly string[],
): DictPlace | 'compressed' | undefined {
  const entry = pdf.xrefEntry(num);
  if (entry?.type === 'compressed') return 'compressed';
  if (entry?.type !== 'offset') return undefined;
  const { reader, headerOffset } = fileInternals(pdf);
  const candidates =
    headerOffset > 0 ? [entry.offset, entry.offset + headerOffset] : [entry.offset];
  for (const offset of candidates) {
    if (offset < 0 || offset >= reader.size) continue;
    try {
      const lx = reader.lexerAt(offset);
      const n = lx.next();
      const g = lx.next();
      const kw = lx.next();
      if (n.type !== 'number' || n.value !== num || g.type !== 'number') continue;
      if (kw.type !== 'keyword' || kw.value !== 'obj') continue;
      const parser = new Parser(lx);
      let place = dictionaryPlace(lx, parser);
      for (const key of path) {
        const v = place?.values.get(key);
        if (v === undefined || v.token.type !== 'delimiter' || v.token.value !== '<<') {
          place = undefined;
          break;
        }
        lx.seek(v.token.start);
        place = dictionaryPlace(lx, parser);
      }
      if (place !== undefined) return place;
    } catch {
      // not parseable here: try the next candidate
    }
  }
  return undefined;
}

/** Reads the dictionary starting at the lexer's position, recording where each value lies. */
function dictionaryPlace(lx: Lexer, parser: Parser): DictPlace | undefined {
  const open = lx.next();
  if (open.type !== 'delimiter' || open.value !== '<<') return undefined;
  const values = new Map<string, ValuePlace>();
  const counts = new Map<string, number>();
  for (let i = 0; i < MAX_DICT_KEYS; i++) {
    const k = lx.next();
    if (k.type === 'delimiter' && k.value === '>>') break;
    if (k.type === 'eof') throw malformed('unterminated dictionary', open.start);
    if (k.type !== 'name') {
      // As the parser does: a stray array or dictionary in key position is read and dropped.
      if (k.type === 'delimiter' && (k.value === '[' || k.value === '<<')) {
        lx.seek(k.start);
        parser.parseObject();
      }
      continue;
    }
    counts.set(k.value, (counts.get(k.value) ?? 0) + 1);
    const valueAt = lx.offset;
    const first = lx.next();
    if (first.type === 'delimiter' && first.value === '>>') break;
    lx.seek(valueAt);
    const value = parser.parseObject();
    if (value !== null) values.set(k.value, { token: first, end: lx.offset });
  }
  const duplicates = [...counts].filter(([, c]) => c > 1).map(([key]) => key);
  return { values, duplicates };
}
