/**
 * A minimal DER writer (X.690 §8, §10). CMS structures are assembled from exact byte parts so
 * that embedded certificates and names are copied verbatim, never decoded and re-encoded
 * (re-encoding a BER-encoded CA certificate would change its bytes and its signature).
 */
import * as asn1js from 'asn1js';
import { HosoError, toArrayBuffer } from '../kernel/index.js';

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
}

export function tlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  const len = parts.reduce((s, p) => s + p.length, 0);
  const lb = lengthBytes(len);
  const out = new Uint8Array(1 + lb.length + len);
  out[0] = tag;
  out.set(lb, 1);
  let pos = 1 + lb.length;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

export const sequence = (...parts: readonly Uint8Array[]): Uint8Array => tlv(0x30, ...parts);

/** SET OF: DER orders the elements by their encodings (X.690 §11.6). */
export function setOf(elements: readonly Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return tlv(0x31, ...sorted);
}

/** [n] EXPLICIT (constructed context tag around the element). */
export const explicit = (n: number, ...parts: readonly Uint8Array[]): Uint8Array =>
  tlv(0xa0 | n, ...parts);

/** Re-tags a DER element with IMPLICIT [n] constructed, keeping its contents. */
export function implicitConstructed(n: number, element: Uint8Array): Uint8Array {
  const out = new Uint8Array(element);
  out[0] = 0xa0 | n;
  return out;
}

export function oid(value: string): Uint8Array {
  return new Uint8Array(new asn1js.ObjectIdentifier({ value }).toBER());
}

export function octetString(bytes: Uint8Array): Uint8Array {
  return tlv(0x04, bytes);
}

export function integer(value: number | bigint): Uint8Array {
  let hex = BigInt(value).toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.of(0), bytes]);
  return tlv(0x02, new Uint8Array(bytes));
}

export function boolean(value: boolean): Uint8Array {
  return tlv(0x01, Uint8Array.of(value ? 0xff : 0));
}

/** GeneralizedTime with second (or millisecond) precision, UTC, as RFC 5280 and RFC 3161 require. */
export function generalizedTime(d: Date, withMillis = false): Uint8Array {
  const iso = d.toISOString(); // 2026-11-25T12:00:00.123Z
  let s = iso.slice(0, 19).replace(/[-:T]/g, '');
  if (withMillis) {
    const ms = iso.slice(20, 23).replace(/0+$/, '');
    if (ms) s += '.' + ms;
  }
  return tlv(0x18, new Uint8Array(Buffer.from(s + 'Z', 'latin1')));
}

/** UTCTime for dates 1950–2049 (RFC 5652 §11.3 signing-time), GeneralizedTime otherwise. */
export function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  if (y >= 1950 && y < 2050) {
    const s = d.toISOString().slice(2, 19).replace(/[-:T]/g, '') + 'Z';
    return tlv(0x17, new Uint8Array(Buffer.from(s, 'latin1')));
  }
  return generalizedTime(d);
}

export function asn1(block: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(block.toBER());
}

/** Parses one DER/BER element, requiring it to fill `bytes` exactly. */
export function parseDer(bytes: Uint8Array, what: string): asn1js.BaseBlock {
  const parsed = asn1js.fromBER(toArrayBuffer(bytes));
  if (parsed.offset === -1 || parsed.result.error) {
    throw new HosoError('CMS_MALFORMED', {
      params: { detail: `${what}: ${parsed.result.error || 'not ASN.1'}` },
    });
  }
  return parsed.result;
}

/** The exact encoded bytes of a decoded element. */
export function rawOf(block: asn1js.BaseBlock): Uint8Array {
  return new Uint8Array(block.valueBeforeDecodeView);
}
