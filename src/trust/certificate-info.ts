/**
 * What a person (and the policy checks) want to know about a certificate (RFC 5280 §4.1–4.2):
 * names with their Vietnamese diacritics, the identifiers VN CAs put in UID (`MST:`, `CCCD:`,
 * `CMND:`), validity, key usage and extended key usage.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  BerError,
  HosoError,
  describeCause,
  isElement,
  oidText,
  TAG_CLASS,
  toArrayBuffer,
} from '../kernel/index.js';
import {
  describeSignatureAlgorithmBytes,
  describeSpki,
  type KeyDescription,
  type SignatureAlgorithmInfo,
} from './algorithms.js';
import { CertificateCache } from './certificate-cache.js';
import type { X509Name } from './distinguished-name.js';
import {
  readInteger,
  readX509,
  sequenceOf,
  valueElement,
  type X509Fields,
} from './x509-certificate.js';

export interface NameInfo {
  readonly commonName: string | null;
  readonly organization: string | null;
  readonly organizationalUnit: string | null;
  readonly title: string | null;
  readonly locality: string | null;
  readonly province: string | null;
  readonly country: string | null;
  /** UID values, e.g. "CCCD:001090001234", "MST:0101234567". */
  readonly uid: readonly string[];
  /** One-line RFC 4514-like rendering, most specific first. */
  readonly text: string;
}

export interface KeyUsage {
  readonly digitalSignature: boolean;
  readonly nonRepudiation: boolean;
  readonly keyEncipherment: boolean;
  readonly keyCertSign: boolean;
  readonly cRLSign: boolean;
}

export interface CertificateInfo {
  readonly der: Uint8Array;
  readonly sha256: string;
  readonly serialNumber: string;
  readonly subject: NameInfo;
  readonly issuer: NameInfo;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** null when the certificate has no keyUsage extension (any usage allowed). */
  readonly keyUsage: KeyUsage | null;
  readonly extKeyUsage: readonly string[];
  /** Whether the extendedKeyUsage extension is marked critical (RFC 3161 §2.3 asks it of TSAs). */
  readonly extKeyUsageCritical: boolean;
  readonly isCA: boolean;
  /** How the issuer signed this certificate (the algorithm policy judges it). */
  readonly signatureAlgorithm: SignatureAlgorithmInfo;
  /** The subject's public key: type and size. */
  readonly publicKey: KeyDescription;
}

const ATTR = {
  cn: '2.5.4.3',
  o: '2.5.4.10',
  ou: '2.5.4.11',
  title: '2.5.4.12',
  l: '2.5.4.7',
  st: '2.5.4.8',
  c: '2.5.4.6',
  uid: '0.9.2342.19200300.100.1.1',
} as const;

const SHORT: Record<string, string> = {
  [ATTR.cn]: 'CN',
  [ATTR.o]: 'O',
  [ATTR.ou]: 'OU',
  [ATTR.title]: 'T',
  [ATTR.l]: 'L',
  [ATTR.st]: 'ST',
  [ATTR.c]: 'C',
  [ATTR.uid]: 'UID',
};

function valueText(v: unknown): string {
  const block = v as { valueBlock?: { value?: unknown } };
  const inner = block.valueBlock?.value;
  if (typeof inner === 'string') return inner;
  if (
    v instanceof asn1js.BmpString ||
    v instanceof asn1js.Utf8String ||
    v instanceof asn1js.PrintableString
  ) {
    return v.valueBlock.value;
  }
  return String(inner ?? '');
}

export function nameInfoOf(name: pkijs.RelativeDistinguishedNames): NameInfo {
  return nameInfoOfPairs(
    name.typesAndValues.map((tv) => ({ type: tv.type, value: valueText(tv.value) })),
  );
}

function nameInfoOfPairs(pairs: readonly { type: string; value: string }[]): NameInfo {
  const first = (oid: string) => pairs.find((p) => p.type === oid)?.value ?? null;
  const text = [...pairs]
    .reverse()
    .map((p) => `${SHORT[p.type] ?? p.type}=${p.value}`)
    .join(', ');
  return {
    commonName: first(ATTR.cn),
    organization: first(ATTR.o),
    organizationalUnit: first(ATTR.ou),
    title: first(ATTR.title),
    locality: first(ATTR.l),
    province: first(ATTR.st),
    country: first(ATTR.c),
    uid: pairs.filter((p) => p.type === ATTR.uid).map((p) => p.value),
    text,
  };
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  try {
    return pkijs.Certificate.fromBER(toArrayBuffer(der));
  } catch (e) {
    throw new HosoError('CERT_MALFORMED', {
      params: { path: '<certificate>', detail: describeCause(e) },
      cause: e,
    });
  }
}

/**
 * Reads a certificate's fields (x509-certificate.ts). Throws CERT_MALFORMED, as parseCertificate
 * does, when `der` is not a certificate.
 */
export function readCertificate(der: Uint8Array): X509Fields {
  try {
    return readX509(der);
  } catch (e) {
    if (!(e instanceof BerError) && !(e instanceof RangeError)) throw e;
    throw new HosoError('CERT_MALFORMED', {
      params: { path: '<certificate>', detail: describeCause(e) },
      cause: e,
    });
  }
}

const infos = new CertificateCache<CertificateInfo>();

/** Throws CERT_MALFORMED when `der` is not a certificate (failures are not cached). */
export function certificateInfo(der: Uint8Array): CertificateInfo {
  return infos.recall(der, () => certificateInfoOf(readCertificate(der), der));
}

/** The names of a Name read from bytes, as nameInfoOf gives them for pkijs names. */
export function nameInfoOfX509(name: X509Name): NameInfo {
  return nameInfoOfPairs(name.rdns.flat().map((a) => ({ type: a.type, value: a.text ?? '' })));
}

/** keyUsage bits (RFC 5280 §4.2.1.3); an unreadable value grants nothing. */
function keyUsageOf(value: Uint8Array): KeyUsage {
  const el = valueElement(value);
  const bytes =
    el && isElement(el, TAG_CLASS.universal, 3, false) && el.contentEnd > el.contentStart
      ? value.subarray(el.contentStart + 1, el.contentEnd)
      : new Uint8Array();
  const bit = (n: number) => (((bytes[n >> 3] ?? 0) >> (7 - (n & 7))) & 1) === 1;
  return {
    digitalSignature: bit(0),
    nonRepudiation: bit(1),
    keyEncipherment: bit(2),
    keyCertSign: bit(5),
    cRLSign: bit(6),
  };
}

/** ExtKeyUsageSyntax ::= SEQUENCE OF KeyPurposeId (§4.2.1.12); unreadable: none. */
function extKeyUsageOf(value: Uint8Array): string[] {
  const items = sequenceOf(value, valueElement(value));
  if (!items || !items.every((i) => isElement(i, TAG_CLASS.universal, 6, false))) return [];
  return items.map((i) => oidText(value, i, 'KeyPurposeId'));
}

/** BasicConstraints (§4.2.1.9); unreadable: not a CA, no path length. */
export function basicConstraintsOf(value: Uint8Array): {
  readonly cA: boolean;
  readonly pathLen: number | null;
} {
  const items = sequenceOf(value, valueElement(value)) ?? [];
  let at = 0;
  let cA = false;
  let pathLen: number | null = null;
  const flag = items[at];
  if (isElement(flag, TAG_CLASS.universal, 1, false)) {
    cA = value.subarray(flag.contentStart, flag.contentEnd).some((b) => b !== 0);
    at++;
  }
  const len = items[at];
  if (isElement(len, TAG_CLASS.universal, 2, false)) pathLen = Number(readInteger(value, len));
  return { cA, pathLen };
}

/** The same, from a certificate's fields (`der` must be its encoding). */
export function certificateInfoOf(cert: X509Fields, der: Uint8Array): CertificateInfo {
  let keyUsage: KeyUsage | null = null;
  let extKeyUsage: string[] = [];
  let extKeyUsageCritical = false;
  let isCA = false;
  for (const ext of cert.extensions) {
    if (ext.id === '2.5.29.15') keyUsage = keyUsageOf(ext.value);
    else if (ext.id === '2.5.29.37') {
      extKeyUsage = extKeyUsageOf(ext.value);
      extKeyUsageCritical = ext.critical;
    } else if (ext.id === '2.5.29.19') isCA = basicConstraintsOf(ext.value).cA;
  }
  return {
    der,
    sha256: createHash('sha256').update(der).digest('hex'),
    serialNumber: Buffer.from(cert.serialNumber).toString('hex'),
    subject: nameInfoOfX509(cert.subject),
    issuer: nameInfoOfX509(cert.issuer),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyUsage,
    extKeyUsage,
    extKeyUsageCritical,
    isCA,
    signatureAlgorithm: describeSignatureAlgorithmBytes(cert.signatureAlgorithm),
    publicKey: describeSpki(cert.spkiAlgorithm, cert.publicKey),
  };
}

/** digitalSignature or nonRepudiation (ETSI EN 319 412-2 §4.3.2), or no keyUsage at all. */
export function allowsSigning(info: CertificateInfo): boolean {
  return info.keyUsage === null || info.keyUsage.digitalSignature || info.keyUsage.nonRepudiation;
}
