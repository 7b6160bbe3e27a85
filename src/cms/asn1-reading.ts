/**
 * Small readers over asn1js nodes for the verification side of the CMS layer. Every surprise is
 * a `CMS_MALFORMED` whose detail names the structure being read. BER is accepted (indefinite
 * lengths, constructed OCTET STRINGs, X.690 §8.7.3) because RFC 5652 only requires DER for the
 * signed attributes, and those are never re-encoded here anyway.
 */
import * as asn1js from 'asn1js';
import { HosoError } from '../kernel/index.js';

export type Asn1Node = asn1js.AsnType;

const UNIVERSAL = 1;
const CONTEXT = 3;

export function cmsMalformed(detail: string, cause?: unknown): HosoError {
  return new HosoError(
    'CMS_MALFORMED',
    cause === undefined ? { params: { detail } } : { params: { detail }, cause },
  );
}

export function isUniversal(node: Asn1Node | undefined, tagNumber: number): boolean {
  return (
    node !== undefined &&
    node.idBlock.tagClass === UNIVERSAL &&
    node.idBlock.tagNumber === tagNumber
  );
}

export function isContext(node: Asn1Node | undefined, tagNumber: number): boolean {
  return (
    node !== undefined && node.idBlock.tagClass === CONTEXT && node.idBlock.tagNumber === tagNumber
  );
}

export function childrenOf(node: Asn1Node | undefined): Asn1Node[] {
  if (node === undefined || !node.idBlock.isConstructed) return [];
  const value = (node.valueBlock as { value?: unknown }).value;
  return Array.isArray(value) ? (value as Asn1Node[]) : [];
}

export function sequenceItems(node: Asn1Node | undefined, what: string): Asn1Node[] {
  if (!isUniversal(node, 16) || !node?.idBlock.isConstructed)
    throw cmsMalformed(`${what} is not a SEQUENCE`);
  return childrenOf(node);
}

export function oidOf(node: Asn1Node | undefined, what: string): string {
  if (!(node instanceof asn1js.ObjectIdentifier))
    throw cmsMalformed(`${what} is not an OBJECT IDENTIFIER`);
  return node.valueBlock.toString();
}

function contentOctets(node: Asn1Node, depth: number): Uint8Array[] {
  if (!node.idBlock.isConstructed) {
    const view = (node.valueBlock as { valueHexView?: Uint8Array }).valueHexView;
    return view === undefined ? [] : [view];
  }
  if (depth > 8) throw cmsMalformed('constructed OCTET STRING nested too deeply');
  return childrenOf(node).flatMap((c) => contentOctets(c, depth + 1));
}

/** The octets of an OCTET STRING (or an IMPLICIT-tagged one), primitive or constructed. */
export function octetsOf(
  node: Asn1Node | undefined,
  what: string,
  implicitTag?: number,
): Uint8Array {
  const ok = implicitTag === undefined ? isUniversal(node, 4) : isContext(node, implicitTag);
  if (!ok || node === undefined) throw cmsMalformed(`${what} is not an OCTET STRING`);
  const parts = contentOctets(node, 0);
  if (parts.length === 1 && parts[0]) return new Uint8Array(parts[0]);
  return new Uint8Array(Buffer.concat(parts));
}

/** The exact encoded bytes of a decoded element (tag, length, contents). */
export function encodedBytes(node: Asn1Node): Uint8Array {
  return new Uint8Array(node.valueBeforeDecodeView);
}

/**
 * An INTEGER as lowercase hex of its minimal two's-complement encoding, so that a BER INTEGER
 * with redundant leading bytes compares equal to the DER one (X.690 §8.3.2).
 */
export function integerHex(node: Asn1Node | undefined, what: string): string {
  if (!(node instanceof asn1js.Integer)) throw cmsMalformed(`${what} is not an INTEGER`);
  return minimalIntegerHex(node.valueBlock.valueHexView);
}

export function minimalIntegerHex(bytes: Uint8Array): string {
  let start = 0;
  while (start + 1 < bytes.length) {
    const b = bytes[start];
    const next = bytes[start + 1] ?? 0;
    if ((b === 0x00 && next < 0x80) || (b === 0xff && next >= 0x80)) start++;
    else break;
  }
  return Buffer.from(bytes.subarray(start)).toString('hex');
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
export function algorithmOf(
  node: Asn1Node | undefined,
  what: string,
): { oid: string; params: Asn1Node | undefined } {
  const [alg, params] = sequenceItems(node, what);
  return { oid: oidOf(alg, `${what}.algorithm`), params };
}
