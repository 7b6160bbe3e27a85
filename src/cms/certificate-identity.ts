/**
 * What identifies an X.509 certificate to a CMS verifier (RFC 5652 §5.3 SignerIdentifier,
 * RFC 5035 ESSCertIDv2): issuer Name and serial number, subject key identifier, the public key.
 * Read once per certificate and kept in a small cache keyed by the certificate's bytes, because a
 * batch verifies many files signed by the same few people.
 */
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
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
  toHex,
} from '../kernel/index.js';
import { cmsMalformed, minimalIntegerHex } from './asn1-reading.js';

export interface CertificateIdentity {
  readonly der: Uint8Array;
  /** issuer Name DER as in the certificate. */
  readonly issuer: Uint8Array;
  readonly subject: Uint8Array;
  /** Minimal two's-complement hex, lowercase. */
  readonly serialNumber: string;
  /** subjectKeyIdentifier extension (hex), or null when absent. */
  readonly subjectKeyIdentifier: string | null;
  /** SHA-1 of the subjectPublicKey BIT STRING value (RFC 5280 §4.2.1.2, method 1), hex. */
  readonly keyHash: string;
  readonly subjectPublicKeyInfo: Uint8Array;
  /** The SPKI algorithm OID (rsaEncryption, id-ecPublicKey, id-Ed25519, …). */
  readonly keyAlgorithm: string;
}

const SKI_OID = '2.5.29.14';
const CACHE_LIMIT = 1024;
const cache = new Map<string, CertificateIdentity>();

const { universal: UNIVERSAL, context: CONTEXT } = TAG_CLASS;

/** The fields of a TBSCertificate (RFC 5280 §4.1) that identify it, read with the BER reader. */
function read(der: Uint8Array): CertificateIdentity {
  const top = readElement(der, 0, der.length, 'certificate');
  const [tbs] = isElement(top, UNIVERSAL, 16, true)
    ? childrenOfElement(der, top, 'certificate')
    : [];
  if (!isElement(tbs, UNIVERSAL, 16, true)) throw cmsMalformed('certificate is not a SEQUENCE');
  const items = childrenOfElement(der, tbs, 'TBSCertificate');
  if (isElement(items[0], CONTEXT, 0)) items.shift(); // version [0] EXPLICIT, absent for v1
  const [serial, , issuer, , subject, spki, ...rest] = items;
  if (
    !isElement(serial, UNIVERSAL, 2, false) ||
    !isElement(issuer, UNIVERSAL, 16, true) ||
    !isElement(subject, UNIVERSAL, 16, true) ||
    !isElement(spki, UNIVERSAL, 16, true)
  )
    throw cmsMalformed('TBSCertificate is incomplete');
  const [spkiAlg, spkiKey] = childrenOfElement(der, spki, 'subjectPublicKeyInfo');
  const [keyAlgorithmOid] = isElement(spkiAlg, UNIVERSAL, 16, true)
    ? childrenOfElement(der, spkiAlg, 'SPKI algorithm')
    : [];
  const keyAlgorithm = oidText(der, keyAlgorithmOid, 'SPKI algorithm');
  if (!isElement(spkiKey, UNIVERSAL, 3, false) || spkiKey.contentEnd === spkiKey.contentStart)
    throw cmsMalformed('subjectPublicKey is not a BIT STRING');
  const keyHash = createHash('sha1')
    .update(der.subarray(spkiKey.contentStart + 1, spkiKey.contentEnd))
    .digest('hex');

  let subjectKeyIdentifier: string | null = null;
  const extensions = rest.find((n) => isElement(n, CONTEXT, 3, true));
  const [extensionList] = extensions ? childrenOfElement(der, extensions, 'extensions') : [];
  if (extensionList !== undefined && !isElement(extensionList, UNIVERSAL, 16, true))
    throw cmsMalformed('extensions is not a SEQUENCE');
  for (const ext of extensionList ? childrenOfElement(der, extensionList, 'extensions') : []) {
    const [id, ...more] = isElement(ext, UNIVERSAL, 16, true)
      ? childrenOfElement(der, ext, 'extension')
      : [];
    if (oidText(der, id, 'extension id') !== SKI_OID) continue;
    const value = more[more.length - 1]; // critical BOOLEAN may sit in between
    const inner = octetStringBytes(der, value, 'extnValue');
    try {
      const keyId = readElement(inner, 0, inner.length, 'subjectKeyIdentifier');
      if (isElement(keyId, UNIVERSAL, 4))
        subjectKeyIdentifier = toHex(octetStringBytes(inner, keyId, 'subjectKeyIdentifier'));
    } catch (e) {
      if (!(e instanceof BerError)) throw e; // an unreadable SKI is no SKI, as before
    }
  }
  return {
    der,
    issuer: elementBytes(der, issuer),
    subject: elementBytes(der, subject),
    serialNumber: minimalIntegerHex(der.subarray(serial.contentStart, serial.contentEnd)),
    subjectKeyIdentifier,
    keyHash,
    subjectPublicKeyInfo: elementBytes(der, spki),
    keyAlgorithm,
  };
}

/** Reads (or recalls) a certificate's identity; null when the bytes are not a certificate. */
export function certificateIdentity(der: Uint8Array): CertificateIdentity | null {
  const key = createHash('sha256').update(der).digest('base64');
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let identity: CertificateIdentity;
  try {
    identity = read(der);
  } catch {
    return null;
  }
  cache.set(key, identity);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return identity;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a).equals(Buffer.from(b));
}

/**
 * Name equality as RFC 5280 §7.1 asks: byte-equal names are equal; otherwise the RDNs are
 * compared attribute by attribute, strings after case folding and whitespace collapsing (pkijs
 * RelativeDistinguishedNames.isEqual), so a CA that re-encodes PrintableString as UTF8String,
 * or a signer that writes a different case, is still matched.
 */
export function namesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (bytesEqual(a, b)) return true;
  try {
    const na = pkijs.RelativeDistinguishedNames.fromBER(toArrayBuffer(a));
    const nb = pkijs.RelativeDistinguishedNames.fromBER(toArrayBuffer(b));
    return na.isEqual(nb);
  } catch {
    return false;
  }
}
