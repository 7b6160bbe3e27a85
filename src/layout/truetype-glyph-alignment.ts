/**
 * Re-lays out the `glyf` table of a TrueType font so that every glyph record starts on a 4-byte
 * boundary.
 *
 * Why: @pdf-lib/fontkit's subsetter copies glyph records as they are and then writes a *short*
 * `loca` (offsets divided by two) whenever the subset's `glyf` is under 128 KiB — which is
 * always the case for a signature appearance. Tinos stores many glyph records with an odd
 * length (long `loca`, 1 000+ odd records per style), so halving the offsets silently points
 * glyphs into the middle of their neighbours and the subset draws garbage. Padding each record
 * once, at load time, keeps every offset even and the short `loca` exact. Padding after the
 * end of a glyph description is allowed (OpenType spec, `loca`: "the glyph data need not be
 * contiguous"; the `glyf` table recommends 4-byte alignment anyway).
 *
 * Known limit: TrueType outlines only (`glyf`/`loca`); a CFF-flavoured OpenType font is
 * returned unchanged because it has no `loca`.
 */
import { HosoError } from '../kernel/index.js';

interface TableRecord {
  readonly tag: string;
  readonly offset: number;
  readonly length: number;
}

const SFNT_HEADER = 12;
const TABLE_RECORD = 16;
/** `head.indexToLocFormat` (int16) and `head.checkSumAdjustment` (uint32) offsets in `head`. */
const HEAD_INDEX_TO_LOC_FORMAT = 50;
const HEAD_CHECKSUM_ADJUSTMENT = 8;
/** `maxp.numGlyphs` (uint16) offset in `maxp`. */
const MAXP_NUM_GLYPHS = 4;

function fail(detail: string): never {
  throw new HosoError('INTERNAL', { params: { detail: `cannot read TrueType font: ${detail}` } });
}

function readTables(view: DataView): TableRecord[] {
  if (view.byteLength < SFNT_HEADER) fail('file too short');
  const numTables = view.getUint16(4);
  if (view.byteLength < SFNT_HEADER + numTables * TABLE_RECORD) fail('table directory truncated');
  const tables: TableRecord[] = [];
  for (let i = 0; i < numTables; i++) {
    const at = SFNT_HEADER + i * TABLE_RECORD;
    const tag = String.fromCharCode(
      view.getUint8(at),
      view.getUint8(at + 1),
      view.getUint8(at + 2),
      view.getUint8(at + 3),
    );
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > view.byteLength) fail(`table ${tag} runs past the end of the file`);
    tables.push({ tag, offset, length });
  }
  return tables;
}

/** The OpenType table checksum: the sum of the table as big-endian uint32 words, zero-padded. */
function tableChecksum(bytes: Uint8Array): number {
  let sum = 0;
  const words = Math.ceil(bytes.length / 4);
  for (let i = 0; i < words; i++) {
    const j = i * 4;
    const word =
      (((bytes[j] ?? 0) << 24) |
        ((bytes[j + 1] ?? 0) << 16) |
        ((bytes[j + 2] ?? 0) << 8) |
        (bytes[j + 3] ?? 0)) >>>
      0;
    sum = (sum + word) >>> 0;
  }
  return sum;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/**
 * Returns a copy of `ttf` whose glyph records are 4-byte aligned, with a long `loca`, fresh
 * table checksums and `head.checkSumAdjustment`. Outlines, metrics and all other tables are
 * unchanged. A font without `glyf`/`loca` (CFF) is returned as is.
 */
export function alignGlyphRecords(ttf: Uint8Array): Uint8Array {
  const view = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const tables = readTables(view);
  const find = (tag: string): TableRecord | undefined => tables.find((t) => t.tag === tag);
  const glyf = find('glyf');
  const loca = find('loca');
  const head = find('head');
  const maxp = find('maxp');
  if (glyf === undefined || loca === undefined) return ttf;
  if (head === undefined || head.length < 54) fail('missing or short head table');
  if (maxp === undefined || maxp.length < 6) fail('missing or short maxp table');

  const numGlyphs = view.getUint16(maxp.offset + MAXP_NUM_GLYPHS);
  const longLoca = view.getInt16(head.offset + HEAD_INDEX_TO_LOC_FORMAT) === 1;
  const entry = longLoca ? 4 : 2;
  if (loca.length < (numGlyphs + 1) * entry) fail('loca table shorter than maxp.numGlyphs');
  const oldOffset = (i: number): number =>
    longLoca ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2;

  // New glyf and long loca.
  const starts: number[] = [];
  let glyfLength = 0;
  for (let i = 0; i < numGlyphs; i++) {
    const start = oldOffset(i);
    const end = oldOffset(i + 1);
    if (end < start || end > glyf.length) fail(`glyph ${i} has an invalid loca entry`);
    starts.push(glyfLength);
    glyfLength += pad4(end - start);
  }
  const newGlyf = new Uint8Array(glyfLength);
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  for (let i = 0; i < numGlyphs; i++) {
    const start = oldOffset(i);
    const end = oldOffset(i + 1);
    const at = starts[i] ?? 0;
    newGlyf.set(ttf.subarray(glyf.offset + start, glyf.offset + end), at);
    locaView.setUint32(i * 4, at);
  }
  locaView.setUint32(numGlyphs * 4, glyfLength);

  const newHead = ttf.slice(head.offset, head.offset + head.length);
  const headView = new DataView(newHead.buffer);
  headView.setInt16(HEAD_INDEX_TO_LOC_FORMAT, 1);
  headView.setUint32(HEAD_CHECKSUM_ADJUSTMENT, 0);

  // Reassemble: same table order as the directory (which is sorted by tag), each table 4-byte
  // aligned and zero-padded.
  const bodies = tables.map((t) => {
    if (t.tag === 'glyf') return newGlyf;
    if (t.tag === 'loca') return newLoca;
    if (t.tag === 'head') return newHead;
    return ttf.subarray(t.offset, t.offset + t.length);
  });
  const directoryLength = SFNT_HEADER + tables.length * TABLE_RECORD;
  const total = bodies.reduce((n, b) => n + pad4(b.length), directoryLength);
  const out = new Uint8Array(total);
  const outView = new DataView(out.buffer);
  out.set(ttf.subarray(0, SFNT_HEADER), 0);
  let cursor = directoryLength;
  let headOffset = 0;
  tables.forEach((t, i) => {
    const body = bodies[i] ?? new Uint8Array(0);
    const at = SFNT_HEADER + i * TABLE_RECORD;
    out.set(ttf.subarray(at, at + 4), at); // tag
    outView.setUint32(at + 4, tableChecksum(body));
    outView.setUint32(at + 8, cursor);
    outView.setUint32(at + 12, body.length);
    out.set(body, cursor);
    if (t.tag === 'head') headOffset = cursor;
    cursor += pad4(body.length);
  });
  // OpenType `head`: checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font.
  outView.setUint32(headOffset + HEAD_CHECKSUM_ADJUSTMENT, (0xb1b0afba - tableChecksum(out)) >>> 0);
  return out;
}
