/**
 * Hand-assembles PFX structures the exporters we have at hand never write (bags out of order,
 * nested safeContentsBags, unknown algorithms, absurd iteration counts), to test the reader's
 * edges. Test code only.
 */
import * as asn1js from 'asn1js';
import { createMacData } from '../../../src/cms/pkcs12/mac-data.js';
import { OID } from '../../../src/cms/pkcs12/object-identifiers.js';
import { bmpPassword } from '../../../src/cms/pkcs12/password.js';

const oid = (value: string): asn1js.ObjectIdentifier => new asn1js.ObjectIdentifier({ value });
const explicit0 = (inner: asn1js.AsnType): asn1js.Constructed =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [inner] });
const der = (node: asn1js.AsnType): Uint8Array => new Uint8Array(node.toBER(false));

export function parseDer(bytes: Uint8Array): asn1js.AsnType {
  const decoded = asn1js.fromBER(new Uint8Array(bytes).buffer);
  if (decoded.offset === -1) throw new Error('test fixture is not DER');
  return decoded.result;
}

export function keyBag(pkcs8: Uint8Array): asn1js.Sequence {
  return new asn1js.Sequence({ value: [oid(OID.keyBag), explicit0(parseDer(pkcs8))] });
}

export function shroudedKeyBag(
  algorithmOid: string,
  params: asn1js.AsnType,
  encrypted: Uint8Array,
): asn1js.Sequence {
  const info = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({ value: [oid(algorithmOid), params] }),
      new asn1js.OctetString({ valueHex: encrypted }),
    ],
  });
  return new asn1js.Sequence({ value: [oid(OID.pkcs8ShroudedKeyBag), explicit0(info)] });
}

export function certBag(certificate: Uint8Array): asn1js.Sequence {
  const value = new asn1js.Sequence({
    value: [oid(OID.x509Certificate), explicit0(new asn1js.OctetString({ valueHex: certificate }))],
  });
  return new asn1js.Sequence({ value: [oid(OID.certBag), explicit0(value)] });
}

export function nestedBag(bags: asn1js.Sequence[]): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [oid(OID.safeContentsBag), explicit0(new asn1js.Sequence({ value: bags }))],
  });
}

export function dataSafe(bags: asn1js.Sequence[]): asn1js.Sequence {
  const content = der(new asn1js.Sequence({ value: bags }));
  return new asn1js.Sequence({
    value: [oid(OID.data), explicit0(new asn1js.OctetString({ valueHex: content }))],
  });
}

export interface PfxOptions {
  readonly password?: string;
  /** Omit MacData. */
  readonly noMac?: boolean;
  /**
   * Iteration count written into MacData. The MAC itself is computed with one iteration, so any
   * other value makes a file whose MAC cannot verify: only for testing the iteration bound.
   */
  readonly macIterations?: number;
}

/** PFX v3 over the given safes, with an HMAC-SHA256 MAC unless `noMac`. */
export function buildPfx(safes: asn1js.Sequence[], options: PfxOptions = {}): Uint8Array {
  const authSafe = der(new asn1js.Sequence({ value: safes }));
  const fields: asn1js.AsnType[] = [
    new asn1js.Integer({ value: 3 }),
    new asn1js.Sequence({
      value: [oid(OID.data), explicit0(new asn1js.OctetString({ valueHex: authSafe }))],
    }),
  ];
  if (options.noMac !== true) {
    const iterations = options.macIterations ?? 1;
    const mac = createMacData(
      authSafe,
      bmpPassword(options.password ?? 'pw'),
      new Uint8Array(8),
      Math.min(iterations, 1),
    );
    if (iterations > 1)
      (mac.valueBlock.value[2] as asn1js.Integer).valueBlock.valueDec = iterations;
    fields.push(mac);
  }
  return der(new asn1js.Sequence({ value: fields }));
}
