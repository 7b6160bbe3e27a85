/** Reads the bfchar entries of a ToUnicode CMap and decodes CID hex strings with them. */
export function parseBfChar(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const units: number[] = [];
      const hex = m[2] ?? '';
      for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
      map.set(parseInt(m[1] ?? '', 16), String.fromCharCode(...units));
    }
  }
  return map;
}

export function decodeCids(hex: string, map: Map<number, string>): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 4) {
    const cid = parseInt(hex.slice(i, i + 4), 16);
    const text = map.get(cid);
    if (text === undefined) throw new Error(`CID ${cid} has no ToUnicode entry`);
    out += text;
  }
  return out;
}
