/**
 * ToUnicode CMaps (ISO 32000-1 §9.10.3): the map a reader uses to turn the 2-byte codes of an
 * Identity-H font back into text, for copy, search, text extraction and screen readers.
 * Without it a Vietnamese document prints correctly but extracts as nothing.
 */

/** Big-endian UTF-16 hex of `text` (surrogate pairs for characters outside the BMP). */
export function utf16BeHex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) {
    hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  }
  return hex;
}

/** Four upper-case hex digits of a 2-byte code. */
export function cidHex(cid: number): string {
  return cid.toString(16).toUpperCase().padStart(4, '0');
}

/** A bfchar block holds at most 100 mappings (ISO 32000-1 §9.10.3, Adobe TN 5099 §4.4). */
const BFCHAR_LIMIT = 100;

/**
 * A complete ToUnicode CMap program for 2-byte codes 0000–FFFF, one `bfchar` entry per code,
 * in ascending code order (so equal inputs give equal bytes).
 */
export function buildToUnicodeCMap(
  entries: Iterable<readonly [cid: number, text: string]>,
): string {
  const sorted = [...entries].filter(([, text]) => text.length > 0).sort((a, b) => a[0] - b[0]);
  const lines = [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
  ];
  for (let i = 0; i < sorted.length; i += BFCHAR_LIMIT) {
    const block = sorted.slice(i, i + BFCHAR_LIMIT);
    lines.push(`${block.length} beginbfchar`);
    for (const [cid, text] of block) lines.push(`<${cidHex(cid)}> <${utf16BeHex(text)}>`);
    lines.push('endbfchar');
  }
  lines.push('endcmap', 'CMapName currentdict /CMap defineresource pop', 'end', 'end');
  return lines.join('\n') + '\n';
}
