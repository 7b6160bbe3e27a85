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
import { toHex } from '../kernel/index.js';

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
