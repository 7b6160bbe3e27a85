/**
 * The fields of an X.509 certificate (RFC 5280 §4.1) that hoso uses, read straight from its
 * bytes with the kernel's BER reader: names as encoded, validity, the key, the extensions. The
 * structure is checked as the pkijs Certificate schema checked it (elements after the last one
 * known are ignored, as asn1js ignored them); nothing is re-encoded.
 *
 * pkijs built a tree of asn1js objects for every certificate; for a cold `hoso verify` of one
 * file that was some 40 ms of its start (three certificates), for less than this reads.
 */
import * as asn1js from 'asn1js';
import {
  BerError,
  childrenOfElement,
  elementBytes,
  isElement,
  octetStringBytes,
  oidText,
  readElement,
  TAG_CLASS,
  toArrayBuffer,
  type BerElement,
} from '../kernel/index.js';
import { readName, type X509Name } from './distinguished-name.js';

const { universal: UNIVERSAL, context: CONTEXT } = TAG_CLASS;

export interface AlgorithmIdentifierBytes {
  readonly oid: string;
  /** The parameters element as encoded, or null when absent. */
  readonly params: Uint8Array | null;
}

export interface X509Extension {
  readonly id: string;
  readonly critical: boolean;
  /** The contents of extnValue (the DER of the extension's own value). */
  readonly value: Uint8Array;
}

export interface X509Fields {
  /** 1, 2 or 3. */
  readonly version: number;
  /** The serialNumber INTEGER's content octets, as encoded. */
  readonly serialNumber: Uint8Array;
  /** The issuer's signature algorithm (the outer one, RFC 5280 §4.1.1.2). */
  readonly signatureAlgorithm: AlgorithmIdentifierBytes;
  readonly issuer: X509Name;
  readonly subject: X509Name;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** SubjectPublicKeyInfo as encoded. */
  readonly spki: Uint8Array;
  readonly spkiAlgorithm: AlgorithmIdentifierBytes;
  /** The subjectPublicKey BIT STRING's bits (the unused-bits octet dropped). */
  readonly publicKey: Uint8Array;
  readonly extensions: readonly X509Extension[];
}

function fail(detail: string): never {
  throw new BerError(detail);
}

function sequence(der: Uint8Array, el: BerElement | undefined, what: string): BerElement[] {
  if (!isElement(el, UNIVERSAL, 16, true)) fail(`${what} is not a SEQUENCE`);
  return childrenOfElement(der, el, what);
}

function algorithm(
  der: Uint8Array,
  el: BerElement | undefined,
  what: string,
): AlgorithmIdentifierBytes {
  const [oid, params] = sequence(der, el, what);
  return { oid: oidText(der, oid, what), params: params ? elementBytes(der, params) : null };
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;

/**
 * Time ::= UTCTime | GeneralizedTime. RFC 5280 §4.1.2.5 fixes the forms (YYMMDDHHMMSSZ, years
 * 1950–2049; YYYYMMDDHHMMSSZ); other forms found in the wild are read by asn1js as before.
 */
function time(der: Uint8Array, el: BerElement | undefined, what: string): Date {
  const utc = isElement(el, UNIVERSAL, 23, false);
  if (!utc && !isElement(el, UNIVERSAL, 24, false)) fail(`${what} is not a time`);
  const text = Buffer.from(der.subarray(el.contentStart, el.contentEnd)).toString('latin1');
  const m = (utc ? UTC_TIME : GENERALIZED_TIME).exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const year = utc ? (y < 50 ? 2000 + y : 1900 + y) : y;
    return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
  }
  const node = asn1js.fromBER(toArrayBuffer(der.subarray(el.start, el.end))).result;
  if (!(node instanceof asn1js.UTCTime || node instanceof asn1js.GeneralizedTime))
    fail(`${what} cannot be read`);
  return node.toDate();
}

function extensions(der: Uint8Array, el: BerElement | undefined): X509Extension[] {
  if (!el) return [];
  const [list] = childrenOfElement(der, el, 'extensions');
  return sequence(der, list, 'extensions').map((ext) => {
    const items = sequence(der, ext, 'extension');
    const id = oidText(der, items[0], 'extnID');
    let critical = false;
    let at = 1;
    if (isElement(items[at], UNIVERSAL, 1, false)) {
      const flag = items[at++]!;
      // BOOLEAN: any non-zero octet is TRUE (asn1js reads BER booleans so)
      critical = der.subarray(flag.contentStart, flag.contentEnd).some((b) => b !== 0);
    }
    const value = octetStringBytes(der, items[at], `extension ${id}`);
    return { id, critical, value };
  });
}

/** Reads a certificate. Throws BerError when `der` is not an X.509 certificate. */
export function readX509(der: Uint8Array): X509Fields {
  const top = readElement(der, 0, der.length, 'certificate');
  const [tbs, outerAlgorithm, signature] = sequence(der, top, 'Certificate');
  if (!isElement(signature, UNIVERSAL, 3, false))
    fail('Certificate is not SEQUENCE { tbsCertificate, signatureAlgorithm, signature }');
  const fields = sequence(der, tbs, 'TBSCertificate');
  let at = 0;
  let version = 1;
  if (isElement(fields[0], CONTEXT, 0, true)) {
    const [v] = childrenOfElement(der, fields[at++]!, 'version');
    if (!isElement(v, UNIVERSAL, 2, false)) fail('version is not an INTEGER');
    version = Number(readInteger(der, v)) + 1;
  }
  const serial = fields[at++];
  if (!isElement(serial, UNIVERSAL, 2, false)) fail('serialNumber is not an INTEGER');
  algorithm(der, fields[at++], 'TBSCertificate.signature');
  const issuer = readName(der, fields[at++], 'issuer');
  const [notBefore, notAfter] = sequence(der, fields[at++], 'validity');
  const subject = readName(der, fields[at++], 'subject');
  const spkiElement = fields[at++];
  const [spkiAlgorithm, key] = sequence(der, spkiElement, 'subjectPublicKeyInfo');
  if (!isElement(key, UNIVERSAL, 3, false) || key.contentEnd === key.contentStart)
    fail('subjectPublicKey is not a BIT STRING');
  if (isElement(fields[at], CONTEXT, 1, false)) at++; // issuerUniqueID
  if (isElement(fields[at], CONTEXT, 2, false)) at++; // subjectUniqueID
  const extensionsElement = isElement(fields[at], CONTEXT, 3, true) ? fields[at] : undefined;
  return {
    version,
    serialNumber: der.slice(serial.contentStart, serial.contentEnd),
    signatureAlgorithm: algorithm(der, outerAlgorithm, 'signatureAlgorithm'),
    issuer,
    subject,
    notBefore: time(der, notBefore, 'notBefore'),
    notAfter: time(der, notAfter, 'notAfter'),
    spki: elementBytes(der, spkiElement!),
    spkiAlgorithm: algorithm(der, spkiAlgorithm, 'subjectPublicKeyInfo.algorithm'),
    publicKey: der.slice(key.contentStart + 1, key.contentEnd),
    extensions: extensions(der, extensionsElement),
  };
}

/** A two's-complement INTEGER's value (BigInt: serials and key sizes do not fit a double). */
export function readInteger(der: Uint8Array, el: BerElement): bigint {
  const n = el.contentEnd - el.contentStart;
  if (n === 0) return 0n;
  let v = BigInt.asIntN(8, BigInt(der[el.contentStart]!));
  for (let i = el.contentStart + 1; i < el.contentEnd; i++) v = (v << 8n) | BigInt(der[i]!);
  return v;
}

/** Reads one element that must fill `bytes` (an extension's value); null when it does not. */
export function valueElement(bytes: Uint8Array): BerElement | null {
  try {
    const el = readElement(bytes, 0, bytes.length, 'extension value');
    return el.end === bytes.length ? el : null;
  } catch (e) {
    if (e instanceof BerError) return null;
    throw e;
  }
}

/** The elements inside `el` when it is a SEQUENCE, or null (a malformed extension value). */
export function sequenceOf(bytes: Uint8Array, el: BerElement | null): BerElement[] | null {
  if (!isElement(el ?? undefined, UNIVERSAL, 16, true)) return null;
  try {
    return childrenOfElement(bytes, el!, 'extension value');
  } catch (e) {
    if (e instanceof BerError) return null;
    throw e;
  }
}
