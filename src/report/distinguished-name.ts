/**
 * Names for people: the common name out of a distinguished name as the report carries it
 * (src/trust writes `CN=…, O=…, C=VN`, RFC 4514 order, values unescaped; other producers write
 * `/C=VN/O=…/CN=…` or just the common name).
 */

/** Attribute boundaries: `, TYPE=` (RFC 4514 style) or `/TYPE=` (OpenSSL one-line style). */
const RFC4514_SPLIT = /,\s*(?=[A-Za-z][\w.-]*=)/;
const ONELINE_SPLIT = /\/(?=[A-Za-z][\w.-]*=)/;

function attributes(dn: string): { type: string; value: string }[] {
  const text = dn.trim();
  const parts = text.startsWith('/')
    ? text.slice(1).split(ONELINE_SPLIT)
    : text.split(RFC4514_SPLIT).flatMap((p) => p.split(/\s*\+\s*(?=[A-Za-z][\w.-]*=)/));
  const out: { type: string; value: string }[] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return [];
    out.push({
      type: part.slice(0, eq).trim().toUpperCase(),
      value: part
        .slice(eq + 1)
        .trim()
        .replace(/\\(.)/g, '$1'),
    });
  }
  return out;
}

/**
 * The first common name (CN) in `dn`; the whole string when it is not a distinguished name
 * (a producer may already have put a plain name there); null for null/empty.
 */
export function commonNameOf(dn: string | null | undefined): string | null {
  if (dn === null || dn === undefined || dn.trim() === '') return null;
  const attrs = attributes(dn);
  if (attrs.length === 0) return dn.trim();
  const cn = attrs.find((a) => a.type === 'CN' || a.type === '2.5.4.3');
  if (cn !== undefined && cn.value !== '') return cn.value;
  const o = attrs.find((a) => a.type === 'O' || a.type === 'OU');
  return o?.value ?? dn.trim();
}

/**
 * VN CAs write identifiers in UID as `CCCD:001090001234`, `MST:0101234567`, `CMND:…`; shown as
 * `CCCD 001090001234`. Anything else is shown as it is.
 */
export function identifierText(identifier: string): string {
  const m = /^\s*([A-Za-zĐđ]+)\s*[:=]\s*(.+)$/.exec(identifier);
  return m?.[1] !== undefined && m[2] !== undefined
    ? `${m[1].toUpperCase()} ${m[2].trim()}`
    : identifier.trim();
}
