/**
 * What identifies an X.509 certificate to a CMS verifier (RFC 5652 §5.3 SignerIdentifier,
 * RFC 5035 ESSCertIDv2): issuer Name and serial number, subject key identifier, the public key.
 * Read once per certificate and kept in a small cache keyed by the certificate's bytes, because a
 * batch verifies many files signed by the same few people.
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toArrayBuffer } from '../kernel/index.js';
import {
  childrenOf,
  cmsMalformed,
  encodedBytes,
  integerHex,
  isContext,
  isUniversal,
  octetsOf,
  oidOf,
  sequenceItems,
} from './asn1-reading.js';

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

function read(der: Uint8Array): CertificateIdentity {
  const decoded = asn1js.fromBER(toArrayBuffer(der));
  if (decoded.offset === -1 || decoded.result.error) throw cmsMalformed('certificate is not DER');
  const [tbs] = sequenceItems(decoded.result, 'certificate');
  const items = [...sequenceItems(tbs, 'TBSCertificate')];
  if (isContext(items[0], 0)) items.shift(); // version [0] EXPLICIT, absent for v1
  const [serial, , issuer, , subject, spki, ...rest] = items;
  if (!issuer || !subject || !spki) throw cmsMalformed('TBSCertificate is incomplete');
  const [spkiAlg, spkiKey] = sequenceItems(spki, 'subjectPublicKeyInfo');
  const keyAlgorithm = oidOf(sequenceItems(spkiAlg, 'SPKI algorithm')[0], 'SPKI algorithm');
  if (!(spkiKey instanceof asn1js.BitString))
    throw cmsMalformed('subjectPublicKey is not a BIT STRING');
  const keyHash = createHash('sha1').update(spkiKey.valueBlock.valueHexView).digest('hex');

  let subjectKeyIdentifier: string | null = null;
  const extensions = rest.find((n) => isContext(n, 3));
  const extensionList = extensions ? sequenceItems(childrenOf(extensions)[0], 'extensions') : [];
  for (const ext of extensionList) {
    const [id, ...more] = sequenceItems(ext, 'extension');
    if (oidOf(id, 'extension id') !== SKI_OID) continue;
    const value = more[more.length - 1]; // critical BOOLEAN may sit in between
    const inner = asn1js.fromBER(toArrayBuffer(octetsOf(value, 'extnValue')));
    if (inner.offset !== -1 && isUniversal(inner.result, 4)) {
      subjectKeyIdentifier = Buffer.from(octetsOf(inner.result, 'subjectKeyIdentifier')).toString(
        'hex',
      );
    }
  }
  return {
    der,
    issuer: encodedBytes(issuer),
    subject: encodedBytes(subject),
    serialNumber: integerHex(serial, 'serialNumber'),
    subjectKeyIdentifier,
    keyHash,
    subjectPublicKeyInfo: encodedBytes(spki),
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
