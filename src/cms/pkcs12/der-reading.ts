/**
 * Reading the ASN.1 of a PKCS#12 file through asn1js, with every surprise turned into
 * `P12_MALFORMED` and a detail that names the structure being read. Kept separate from the
 * PKCS#12 logic so that logic reads like RFC 7292's ASN.1 rather than like asn1js plumbing.
 *
 * BER, not only DER: Windows writes indefinite lengths and constructed OCTET STRINGs, which
 * RFC 7292 allows (it only asks for DER inside the MAC'd data "where possible").
 */
import * as asn1js from 'asn1js';
import { HosoError, toArrayBuffer } from '../../kernel/index.js';

export type Asn1Node = asn1js.AsnType;

const UNIVERSAL = 1;
const CONTEXT = 3;
const TAG = {
  integer: 2,
  octetString: 4,
  null: 5,
  oid: 6,
  utf8String: 12,
  sequence: 16,
  set: 17,
  bmpString: 30,
};

export function malformed(detail: string, cause?: unknown): HosoError {
  return new HosoError(
    'P12_MALFORMED',
    cause === undefined ? { params: { detail } } : { params: { detail }, cause },
  );
}

/** Decodes one BER element that must fill `bytes` (trailing zero bytes are tolerated). */
export function decodeBer(bytes: Uint8Array, what: string): Asn1Node {
  if (bytes.length === 0) throw malformed(`${what} is empty`);
  const decoded = asn1js.fromBER(toArrayBuffer(bytes));
  if (decoded.offset === -1) {
    throw malformed(`${what} is not valid BER (${decoded.result.error || 'truncated or corrupt'})`);
  }
  for (let i = decoded.offset; i < bytes.length; i++) {
    if (bytes[i] !== 0)
      throw malformed(`${what} has ${bytes.length - decoded.offset} bytes of trailing data`);
  }
  return decoded.result;
}

function isTag(node: Asn1Node, tagClass: number, tagNumber: number): boolean {
  return node.idBlock.tagClass === tagClass && node.idBlock.tagNumber === tagNumber;
}

function children(node: Asn1Node): Asn1Node[] {
  const value = (node.valueBlock as { value?: unknown }).value;
  return Array.isArray(value) ? (value as Asn1Node[]) : [];
}

/** The elements of a SEQUENCE, at least `min` of them. */
export function sequenceItems(node: Asn1Node | undefined, what: string, min = 0): Asn1Node[] {
  if (node === undefined || !isTag(node, UNIVERSAL, TAG.sequence) || !node.idBlock.isConstructed) {
    throw malformed(`${what} is not a SEQUENCE`);
  }
  const items = children(node);
  if (items.length < min)
    throw malformed(`${what} has ${items.length} elements, expected at least ${min}`);
  return items;
}

/** The elements of a SET (attribute values). */
export function setItems(node: Asn1Node | undefined, what: string): Asn1Node[] {
  if (node === undefined || !isTag(node, UNIVERSAL, TAG.set) || !node.idBlock.isConstructed) {
    throw malformed(`${what} is not a SET`);
  }
  return children(node);
}

export function oidOf(node: Asn1Node | undefined, what: string): string {
  if (node === undefined || !(node instanceof asn1js.ObjectIdentifier)) {
    throw malformed(`${what} is not an OBJECT IDENTIFIER`);
  }
  return node.valueBlock.toString();
}

/** A non-negative INTEGER that fits a JavaScript number exactly (versions, iteration counts). */
export function smallIntegerOf(node: Asn1Node | undefined, what: string): number {
  if (node === undefined || !(node instanceof asn1js.Integer))
    throw malformed(`${what} is not an INTEGER`);
  const value = node.toBigInt();
  if (value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER))
    throw malformed(`${what} is out of range (${value})`);
  return Number(value);
}

function contentOctets(node: Asn1Node): Uint8Array {
  if (!node.idBlock.isConstructed) {
    const view = (node.valueBlock as { valueHexView?: Uint8Array }).valueHexView;
    return view === undefined ? new Uint8Array(0) : new Uint8Array(view);
  }
  // Constructed (BER) string: the concatenation of its segments (X.690 §8.7.3).
  const parts = children(node).map(contentOctets);
  return new Uint8Array(Buffer.concat(parts));
}

/** The octets of an OCTET STRING, primitive or constructed. */
export function octetsOf(node: Asn1Node | undefined, what: string): Uint8Array {
  if (node === undefined || !isTag(node, UNIVERSAL, TAG.octetString))
    throw malformed(`${what} is not an OCTET STRING`);
  return contentOctets(node);
}

/** The octets of a `[n] IMPLICIT OCTET STRING`, primitive or constructed. */
export function implicitOctetsOf(
  node: Asn1Node | undefined,
  tagNumber: number,
  what: string,
): Uint8Array {
  if (node === undefined || !isTag(node, CONTEXT, tagNumber))
    throw malformed(`${what} is not [${tagNumber}]`);
  return contentOctets(node);
}

/** The single element inside a `[n] EXPLICIT` tag. */
export function explicitInner(
  node: Asn1Node | undefined,
  tagNumber: number,
  what: string,
): Asn1Node {
  if (node === undefined || !isTag(node, CONTEXT, tagNumber) || !node.idBlock.isConstructed) {
    throw malformed(`${what} is not [${tagNumber}] EXPLICIT`);
  }
  const inner = children(node);
  if (inner.length !== 1 || inner[0] === undefined)
    throw malformed(`${what} must hold exactly one element`);
  return inner[0];
}

export function isContextTag(node: Asn1Node | undefined, tagNumber: number): boolean {
  return node !== undefined && isTag(node, CONTEXT, tagNumber);
}

export function isNull(node: Asn1Node | undefined): boolean {
  return node !== undefined && isTag(node, UNIVERSAL, TAG.null);
}

export function isInteger(node: Asn1Node | undefined): boolean {
  return node !== undefined && isTag(node, UNIVERSAL, TAG.integer);
}

/** The text of a BMPString or UTF8String (friendlyName is a BMPString, RFC 2985 §5.5.1). */
export function stringOf(node: Asn1Node | undefined, what: string): string {
  if (node instanceof asn1js.BmpString || node instanceof asn1js.Utf8String)
    return node.valueBlock.value;
  throw malformed(`${what} is not a BMPString`);
}

/** An AlgorithmIdentifier (RFC 5280 §4.1.1.2): its OID and its parameters, if any. */
export interface AlgorithmIdentifier {
  readonly oid: string;
  readonly params: Asn1Node | undefined;
}

export function algorithmOf(node: Asn1Node | undefined, what: string): AlgorithmIdentifier {
  const [oidNode, params] = sequenceItems(node, what, 1);
  return { oid: oidOf(oidNode, `${what} algorithm`), params };
}

/** The bytes a decoded node was read from (its exact encoding, BER quirks included). */
export function encodingOf(node: Asn1Node): Uint8Array {
  const original = node.valueBeforeDecodeView;
  return original.byteLength > 0 ? new Uint8Array(original) : new Uint8Array(node.toBER(false));
}
