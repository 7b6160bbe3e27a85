/**
 * A TrueType subset writer for PDF embedding (ISO 32000-1 §9.9: a FontFile2 of a CIDFontType2
 * with CIDToGIDMap /Identity needs only `head hhea loca maxp cvt prep glyf hmtx fpgm`; the
 * content stream's CIDs are the subset's glyph ids, so no `cmap` is written).
 *
 * Why our own: fontkit's subsetter (the one inside pdf-lib's embedFont and the one FontSubsetter
 * used) encodes every table through its generic struct library, which made font subsetting the
 * largest cost of a one-page paper conversion (issue 6's benchmark), and it breaks Tinos' glyphs
 * unless the glyph records are re-aligned first. Here a glyph record is copied as bytes — outlines
 * and hinting instructions untouched — and only a composite glyph's component ids are rewritten;
 * the hinting programs (`fpgm`, `prep`, `cvt `) and the `maxp` limits are copied as they are
 * (the limits stay valid: a subset's glyphs are a subset of the font's).
 *
 * The font program is parsed once (parseTrueType) and shared; writing a subset of a hundred
 * glyphs takes well under a millisecond.
 */
import { HosoError } from '../kernel/index.js';

/** A parsed TrueType font: its tables and per-glyph data, read-only once made. */
export interface TrueTypeProgram {
  readonly numGlyphs: number;
  readonly unitsPerEm: number;
  /** `glyf` record of a glyph (empty for a glyph without outline, e.g. the space). */
  glyphRecord(gid: number): Uint8Array;
  /** Advance width and left side bearing, font units. */
  horizontalMetrics(gid: number): readonly [advance: number, lsb: number];
  /** The table, if the font has it. */
  table(tag: string): Uint8Array | undefined;
}

const REQUIRED = ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf'] as const;
/** Copied as they are when present (hinting). */
const HINTING = ['cvt ', 'fpgm', 'prep'] as const;

function broken(detail: string): HosoError {
  return new HosoError('INTERNAL', { params: { detail: `TrueType font: ${detail}` } });
}

export function parseTrueType(input: Uint8Array): TrueTypeProgram {
  // A plain Uint8Array view: on a Node Buffer, slice() shares memory, and a subset's patched
  // tables would be written into the font itself.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) throw broken('too short for a table directory');
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */)
    throw broken(`not a TrueType outline font (sfnt version 0x${version.toString(16)})`);
  const count = view.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    if (at + 16 > bytes.length) throw broken('table directory runs past the end');
    const tag = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > bytes.length) throw broken(`table ${tag} runs past the end`);
    tables.set(tag, bytes.subarray(offset, offset + length));
  }
  for (const tag of REQUIRED) if (!tables.has(tag)) throw broken(`no ${tag} table`);
  const table = (tag: string): DataView => {
    const t = tables.get(tag)!;
    return new DataView(t.buffer, t.byteOffset, t.byteLength);
  };
  const head = table('head');
  const unitsPerEm = head.getUint16(18);
  const longLoca = head.getInt16(50) === 1;
  const numGlyphs = table('maxp').getUint16(4);
  const numberOfHMetrics = table('hhea').getUint16(34);
  const loca = table('loca');
  const hmtx = table('hmtx');
  const glyf = tables.get('glyf')!;
  if (loca.byteLength < (numGlyphs + 1) * (longLoca ? 4 : 2)) throw broken('loca too short');
  if (
    numberOfHMetrics < 1 ||
    hmtx.byteLength < numberOfHMetrics * 4 + (numGlyphs - numberOfHMetrics) * 2
  )
    throw broken('hmtx too short');
  const locaAt = (gid: number): number =>
    longLoca ? loca.getUint32(gid * 4) : loca.getUint16(gid * 2) * 2;
  const check = (gid: number): void => {
    if (!Number.isInteger(gid) || gid < 0 || gid >= numGlyphs) throw broken(`no glyph ${gid}`);
  };
  return {
    numGlyphs,
    unitsPerEm,
    glyphRecord(gid) {
      check(gid);
      const start = locaAt(gid);
      const end = locaAt(gid + 1);
      if (end < start || end > glyf.length) throw broken(`glyph ${gid} lies outside glyf`);
      return glyf.subarray(start, end);
    },
    horizontalMetrics(gid) {
      check(gid);
      if (gid < numberOfHMetrics) return [hmtx.getUint16(gid * 4), hmtx.getInt16(gid * 4 + 2)];
      return [
        hmtx.getUint16((numberOfHMetrics - 1) * 4),
        hmtx.getInt16(numberOfHMetrics * 4 + (gid - numberOfHMetrics) * 2),
      ];
    },
    table: (tag) => tables.get(tag),
  };
}

/** Composite glyph flags (OpenType `glyf`). */
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** Byte offsets of the component glyph ids in a composite glyph record (none for a simple glyph). */
function componentIdOffsets(record: Uint8Array): number[] {
  if (record.length < 10) return [];
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  if (view.getInt16(0) >= 0) return [];
  const offsets: number[] = [];
  let at = 10;
  for (;;) {
    if (at + 4 > record.length) throw broken('composite glyph runs past its record');
    const flags = view.getUint16(at);
    offsets.push(at + 2);
    at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) at += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
    if (!(flags & MORE_COMPONENTS)) return offsets;
  }
}

/**
 * The subset program holding `glyphs` — original glyph ids, in the order of their new ids, the
 * first being 0 (.notdef) — followed by the components of composite glyphs not listed, in order
 * of discovery. New id i draws original glyph glyphs[i].
 */
export function writeTrueTypeSubset(
  program: TrueTypeProgram,
  glyphs: readonly number[],
): Uint8Array {
  if (glyphs[0] !== 0) throw broken('a subset starts with glyph 0 (.notdef)');
  const order = [...glyphs];
  const newId = new Map<number, number>();
  order.forEach((gid, i) => {
    if (!newId.has(gid)) newId.set(gid, i);
  });
  // Components, found as the list grows (a component may itself be composite).
  const records: Uint8Array[] = [];
  for (let i = 0; i < order.length; i++) {
    const source = program.glyphRecord(order[i]!);
    const offsets = componentIdOffsets(source);
    if (offsets.length === 0) {
      records.push(source);
      continue;
    }
    const record = source.slice();
    const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
    for (const at of offsets) {
      const component = view.getUint16(at);
      let id = newId.get(component);
      if (id === undefined) {
        id = order.length;
        order.push(component);
        newId.set(component, id);
      }
      view.setUint16(at, id);
    }
    records.push(record);
  }
  const n = order.length;
  if (n > 0xffff) throw broken('more than 65,535 glyphs in a subset');

  // glyf and loca (long offsets; every record padded to 4 bytes).
  let glyfLength = 0;
  for (const r of records) glyfLength += pad4(r.length);
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array((n + 1) * 4);
  const locaView = new DataView(loca.buffer);
  let at = 0;
  records.forEach((r, i) => {
    locaView.setUint32(i * 4, at);
    glyf.set(r, at);
    at += pad4(r.length);
  });
  locaView.setUint32(n * 4, at);

  const hmtx = new Uint8Array(n * 4);
  const hmtxView = new DataView(hmtx.buffer);
  order.forEach((gid, i) => {
    const [advance, lsb] = program.horizontalMetrics(gid);
    hmtxView.setUint16(i * 4, advance);
    hmtxView.setInt16(i * 4 + 2, lsb);
  });

  const head = program.table('head')!.slice();
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, set below
  headView.setInt16(50, 1); // indexToLocFormat: long
  const hhea = program.table('hhea')!.slice();
  new DataView(hhea.buffer).setUint16(34, n);
  const maxp = program.table('maxp')!.slice();
  new DataView(maxp.buffer).setUint16(4, n);

  const tables = new Map<string, Uint8Array>([
    ['glyf', glyf],
    ['head', head],
    ['hhea', hhea],
    ['hmtx', hmtx],
    ['loca', loca],
    ['maxp', maxp],
  ]);
  for (const tag of HINTING) {
    const t = program.table(tag);
    if (t !== undefined) tables.set(tag, t);
  }
  return assemble(tables);
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

function checksum(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let sum = 0;
  const whole = bytes.length & ~3;
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < bytes.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (i < bytes.length ? bytes[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** The sfnt: offset table, table records (tags sorted), tables 4-byte aligned, checksums. */
function assemble(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const dirLength = 12 + count * 16;
  let total = dirLength;
  for (const tag of tags) total += pad4(tables.get(tag)!.length);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const entrySelector = Math.floor(Math.log2(count));
  const searchRange = 2 ** entrySelector * 16;
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, searchRange);
  view.setUint16(8, entrySelector);
  view.setUint16(10, count * 16 - searchRange);
  let offset = dirLength;
  let headOffset = 0;
  tags.forEach((tag, i) => {
    const t = tables.get(tag)!;
    const rec = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[rec + k] = tag.charCodeAt(k);
    view.setUint32(rec + 4, checksum(t));
    view.setUint32(rec + 8, offset);
    view.setUint32(rec + 12, t.length);
    out.set(t, offset);
    if (tag === 'head') headOffset = offset;
    offset += pad4(t.length);
  });
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  view.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
