/**
 * A one-line rendering of an X.501 Name for details and reports ("CN=…, O=…, C=VN"), in the
 * order the Name holds its RDNs (as OpenSSL prints it, not RFC 4514's reversed order).
 */
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../kernel/index.js';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

function valueText(value: asn1js.AsnType | undefined): string {
  if (value instanceof asn1js.BaseStringBlock) return value.getValue();
  if (value === undefined) return '';
  return '#' + Buffer.from(value.valueBeforeDecodeView).toString('hex');
}

/** "CN=…, O=…" for a Name's DER; null when the bytes are not a Name. */
export function nameToText(der: Uint8Array): string | null {
  const decoded = asn1js.fromBER(toArrayBuffer(der));
  if (decoded.offset === -1 || !(decoded.result instanceof asn1js.Sequence)) return null;
  const parts: string[] = [];
  for (const rdn of decoded.result.valueBlock.value) {
    if (!(rdn instanceof asn1js.Set)) return null;
    for (const atv of rdn.valueBlock.value) {
      if (!(atv instanceof asn1js.Sequence)) return null;
      const [type, value] = atv.valueBlock.value;
      if (!(type instanceof asn1js.ObjectIdentifier)) return null;
      const oid = type.valueBlock.toString();
      parts.push(`${SHORT_NAMES[oid] ?? oid}=${valueText(value)}`);
    }
  }
  return parts.join(', ');
}
