/**
 * Comparing X.500 names the way RFC 5280 §7.1 asks for path building: RDN by RDN, attribute
 * types equal, string values compared after RFC 4518 preparation (here: Unicode NFKC, case
 * folding, leading/trailing space removed and inner runs of spaces collapsed). So a CA whose
 * subject is a PrintableString "Ban Co yeu Chinh phu" matches an issuer written as
 * UTF8String "BAN CO YEU  CHINH PHU". Values that are not strings are compared by their DER.
 *
 * A name match only *proposes* an issuer: the chain builder accepts a link only when the
 * issuer's key verifies the certificate's signature.
 */
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import {
  BerError,
  childrenOfElement,
  elementBytes,
  isElement,
  oidText,
  TAG_CLASS,
  toArrayBuffer,
  toHex,
  type BerElement,
} from '../kernel/index.js';

/** X.680 universal tags of the character string types. */
const STRING_TAGS = new Set([12, 18, 19, 20, 21, 22, 25, 26, 27, 28, 30]);

function prepare(value: string): string {
  return value.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function attributeKey(type: string, value: unknown): string {
  const block = value as {
    idBlock?: { tagClass?: number; tagNumber?: number };
    valueBlock?: { value?: unknown };
  };
  const tag = block.idBlock;
  const text = block.valueBlock?.value;
  if (tag?.tagClass === 1 && STRING_TAGS.has(tag.tagNumber ?? -1) && typeof text === 'string')
    return `${type}=s:${prepare(text)}`;
  const encoded =
    value instanceof asn1js.BaseBlock ? toHex(new Uint8Array(value.toBER(false))) : String(value);
  return `${type}=x:${encoded}`;
}

/**
 * A string that is equal for two names exactly when RFC 5280 §7.1 calls them equal. RDNs keep
 * their order; the attributes of a multi-valued RDN are sorted (a SET has no order).
 */
export function canonicalName(name: pkijs.RelativeDistinguishedNames): string {
  const schema = name.toSchema();
  const rdns = schema instanceof asn1js.Sequence ? schema.valueBlock.value : [];
  if (rdns.length === 0) {
    // pkijs keeps a flat list; fall back to it (one attribute per RDN).
    return name.typesAndValues.map((tv) => attributeKey(tv.type, tv.value)).join('/');
  }
  return rdns
    .map((rdn) => {
      const attrs = rdn instanceof asn1js.Set ? rdn.valueBlock.value : [];
      return attrs
        .map((attr) => {
          const [type, value] = attr instanceof asn1js.Sequence ? attr.valueBlock.value : [];
          const oid = type instanceof asn1js.ObjectIdentifier ? type.valueBlock.toString() : '?';
          return attributeKey(oid, value);
        })
        .sort()
        .join('+');
    })
    .join('/');
}

/** One AttributeTypeAndValue of a Name, as encoded. */
export interface NameAttribute {
  readonly type: string;
  /** The value's universal tag number, or -1 for a tagged or constructed value. */
  readonly tag: number;
  /** The value as text for the character string types (and times), else null. */
  readonly text: string | null;
  /** The value element's encoding. */
  readonly der: Uint8Array;
}

/** A Name (RFC 5280 §4.1.2.4): its RDNs in order, each a set of attributes. */
export interface X509Name {
  readonly rdns: readonly (readonly NameAttribute[])[];
  readonly der: Uint8Array;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const latin1Text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/**
 * The text of a string value as asn1js gave it (so that names read here and names read by pkijs,
 * in CRLs, give the same canonical form): UTF8String strictly (else its bytes as Latin-1),
 * BMPString as UTF-16BE, UniversalString as UTF-32BE, the other string and time types byte by
 * byte.
 */
function stringText(tag: number, b: Uint8Array): string | null {
  switch (tag) {
    case 12:
      try {
        return UTF8.decode(b);
      } catch {
        return latin1Text(b);
      }
    case 30: {
      let out = '';
      for (let i = 0; i + 1 < b.length; i += 2)
        out += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
      return out;
    }
    case 28: {
      // UTF-32BE; surrogate pairs joined, anything else out of range replaced by U+FFFD.
      const cps: number[] = [];
      const at = (i: number) =>
        ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
      const count = b.length >> 2;
      for (let i = 0; i < count; i++) {
        const cp = at(i * 4);
        if (cp > 0x10ffff) cps.push(0xfffd);
        else if (cp >= 0xd800 && cp <= 0xdfff) {
          const next = i + 1 < count ? at((i + 1) * 4) : 0;
          if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
            cps.push(0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00));
            i++;
          } else cps.push(0xfffd);
        } else cps.push(cp);
      }
      return String.fromCodePoint(...cps);
    }
    case 18:
    case 19:
    case 20:
    case 21:
    case 22:
    case 23:
    case 24:
    case 25:
    case 26:
    case 27:
    case 29:
      return latin1Text(b);
    default:
      return null;
  }
}

function attributeValue(der: Uint8Array, value: BerElement): Pick<NameAttribute, 'tag' | 'text'> {
  if (value.tagClass !== TAG_CLASS.universal) return { tag: -1, text: null };
  if (!value.constructed)
    return {
      tag: value.tagNumber,
      text: stringText(value.tagNumber, der.subarray(value.contentStart, value.contentEnd)),
    };
  // A constructed (BER) string: rare enough to let asn1js join its segments as it always did.
  const node = asn1js.fromBER(toArrayBuffer(der.subarray(value.start, value.end))).result;
  const text = (node as { valueBlock?: { value?: unknown } }).valueBlock?.value;
  return typeof text === 'string' ? { tag: value.tagNumber, text } : { tag: -1, text: null };
}

/** Reads a Name ::= SEQUENCE OF SET OF AttributeTypeAndValue. Throws BerError when it is not one. */
export function readName(der: Uint8Array, el: BerElement | undefined, what: string): X509Name {
  if (!isElement(el, TAG_CLASS.universal, 16, true)) throw new BerError(`${what} is not a Name`);
  const rdns = childrenOfElement(der, el, what).map((rdn) => {
    if (!isElement(rdn, TAG_CLASS.universal, 17, true))
      throw new BerError(`${what}: an RDN is not a SET`);
    return childrenOfElement(der, rdn, what).map((atv) => {
      const [type, value] = isElement(atv, TAG_CLASS.universal, 16, true)
        ? childrenOfElement(der, atv, what)
        : [];
      if (value === undefined) throw new BerError(`${what}: an attribute has no value`);
      return {
        type: oidText(der, type, `${what} attribute type`),
        ...attributeValue(der, value),
        der: elementBytes(der, value),
      };
    });
  });
  return { rdns, der: elementBytes(der, el) };
}

/** canonicalName() for a Name read by readName: the same string for the same name. */
export function canonicalNameOf(name: X509Name): string {
  return name.rdns
    .map((rdn) =>
      rdn
        .map((a) =>
          STRING_TAGS.has(a.tag) && a.text !== null
            ? `${a.type}=s:${prepare(a.text)}`
            : `${a.type}=x:${toHex(a.der)}`,
        )
        .sort()
        .join('+'),
    )
    .join('/');
}
