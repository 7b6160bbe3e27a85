/**
 * A minimal BER element reader (X.690 §8.1): identifier and length octets, definite and
 * indefinite lengths, a few primitive values (OBJECT IDENTIFIER, OCTET STRING), nothing else
 * decoded. src/cms walks SignedData with it and src/trust reads certificates with it: decoding
 * whole structures into asn1js nodes was most of the time spent reading a PDF signature, and
 * most of a cold start. Malformed input throws BerError; the layer reading a structure says
 * what it was (CMS_MALFORMED, CERT_MALFORMED).
 */

export class BerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BerError';
  }
}

const malformed = (detail: string): BerError => new BerError(detail);

export const TAG_CLASS = { universal: 0, application: 1, context: 2, private: 3 } as const;

export interface BerElement {
  readonly tagClass: number;
  readonly constructed: boolean;
  readonly tagNumber: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  readonly contentStart: number;
  /** End of the contents (before the end-of-contents octets of an indefinite length). */
  readonly contentEnd: number;
  /** End of the whole element. */
  readonly end: number;
}

/** Deeper nesting than any CMS needs; bounds the recursion on hostile input. */
const MAX_DEPTH = 64;

/** Reads the element at `offset`, which must end by `limit`. */
export function readElement(
  bytes: Uint8Array,
  offset: number,
  limit: number,
  what: string,
  depth = 0,
): BerElement {
  if (depth > MAX_DEPTH) throw malformed(`${what}: nested too deeply`);
  let pos = offset;
  const byte = (): number => {
    if (pos >= limit) throw malformed(`${what}: truncated at byte ${pos}`);
    return bytes[pos++]!;
  };
  const id = byte();
  const tagClass = id >> 6;
  const constructed = (id & 0x20) !== 0;
  let tagNumber = id & 0x1f;
  if (tagNumber === 0x1f) {
    tagNumber = 0;
    let b: number;
    do {
      b = byte();
      if (tagNumber > 0xffffff) throw malformed(`${what}: tag number too large`);
      tagNumber = tagNumber * 128 + (b & 0x7f);
    } while (b & 0x80);
  }
  const first = byte();
  if (first === 0x80) {
    // Indefinite length (X.690 §8.1.3.6): constructed only, contents end with 00 00.
    if (!constructed) throw malformed(`${what}: indefinite length on a primitive element`);
    const contentStart = pos;
    while (true) {
      if (pos + 1 < limit && bytes[pos] === 0 && bytes[pos + 1] === 0) {
        return {
          tagClass,
          constructed,
          tagNumber,
          start: offset,
          contentStart,
          contentEnd: pos,
          end: pos + 2,
        };
      }
      pos = readElement(bytes, pos, limit, what, depth + 1).end;
    }
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0x7f || n > 6) throw malformed(`${what}: length of ${n} octets`);
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + byte();
  }
  const contentStart = pos;
  const end = contentStart + length;
  if (end > limit)
    throw malformed(`${what}: truncated (${length} bytes announced at byte ${offset})`);
  return { tagClass, constructed, tagNumber, start: offset, contentStart, contentEnd: end, end };
}

/** The elements inside a constructed element, in order. */
export function childrenOfElement(
  bytes: Uint8Array,
  el: BerElement,
  what: string,
  depth = 0,
): BerElement[] {
  if (!el.constructed) throw malformed(`${what} is not constructed`);
  const out: BerElement[] = [];
  for (let pos = el.contentStart; pos < el.contentEnd;) {
    const child = readElement(bytes, pos, el.contentEnd, what, depth + 1);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function isElement(
  el: BerElement | undefined,
  tagClass: number,
  tagNumber: number,
  constructed?: boolean,
): el is BerElement {
  return (
    el !== undefined &&
    el.tagClass === tagClass &&
    el.tagNumber === tagNumber &&
    (constructed === undefined || el.constructed === constructed)
  );
}

/** A copy of the element's whole encoding. */
export function elementBytes(bytes: Uint8Array, el: BerElement): Uint8Array {
  return bytes.slice(el.start, el.end);
}

/** An OBJECT IDENTIFIER's dotted form (X.690 §8.19). */
export function oidText(bytes: Uint8Array, el: BerElement | undefined, what: string): string {
  if (!isElement(el, TAG_CLASS.universal, 6, false) || el.contentEnd === el.contentStart)
    throw malformed(`${what} is not an OBJECT IDENTIFIER`);
  const arcs: string[] = [];
  let value = 0n;
  let first = true;
  for (let i = el.contentStart; i < el.contentEnd; i++) {
    const b = bytes[i]!;
    value = (value << 7n) | BigInt(b & 0x7f);
    if (b & 0x80) continue;
    if (first) {
      const top = value < 40n ? 0n : value < 80n ? 1n : 2n;
      arcs.push(top.toString(), (value - top * 40n).toString());
      first = false;
    } else arcs.push(value.toString());
    value = 0n;
  }
  if (bytes[el.contentEnd - 1]! & 0x80) throw malformed(`${what}: truncated OBJECT IDENTIFIER`);
  return arcs.join('.');
}

/**
 * The octets of an OCTET STRING, primitive or constructed (BER, X.690 §8.7.3: the concatenation
 * of its primitive segments).
 */
export function octetStringBytes(
  bytes: Uint8Array,
  el: BerElement | undefined,
  what: string,
): Uint8Array {
  if (!isElement(el, TAG_CLASS.universal, 4)) throw malformed(`${what} is not an OCTET STRING`);
  if (!el.constructed) return bytes.slice(el.contentStart, el.contentEnd);
  const parts: Uint8Array[] = [];
  const collect = (node: BerElement, depth: number): void => {
    if (depth > 8) throw malformed(`${what}: constructed OCTET STRING nested too deeply`);
    for (const child of childrenOfElement(bytes, node, what, depth)) {
      if (!isElement(child, TAG_CLASS.universal, 4))
        throw malformed(`${what}: a segment is not an OCTET STRING`);
      if (child.constructed) collect(child, depth + 1);
      else parts.push(bytes.subarray(child.contentStart, child.contentEnd));
    }
  };
  collect(el, 0);
  return new Uint8Array(Buffer.concat(parts));
}
