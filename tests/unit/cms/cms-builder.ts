/**
 * Hand-assembled CMS for the verification tests: what src/cms/buildSignedData never writes on
 * purpose (no signed attributes, duplicated or unsorted attributes, a wrong ESS hash, a
 * subjectKeyIdentifier sid, algorithms it does not sign with) and throwaway certificates for
 * keys the test PKI does not have (P-384, P-521, Ed25519, Ed448, RSA-PSS with odd parameters).
 * Built from src/cms/der.ts so every byte is deliberate. Test code only.
 */
import {
  createHash,
  generateKeyPairSync,
  sign as cryptoSign,
  type KeyObject,
  type SignPrivateKeyInput,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import {
  explicit,
  implicitConstructed,
  integer,
  octetString,
  oid,
  sequence,
  setOf,
  tlv,
  time,
} from '../../../src/cms/der.js';
import { certificateFields, OID } from '../../../src/cms/index.js';

export const NULL = Uint8Array.of(0x05, 0x00);

export const DIGEST_OIDS = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  shake256: '2.16.840.1.101.3.4.2.12',
} as const;
export type TestDigest = keyof typeof DIGEST_OIDS;

export const algorithm = (id: string, params?: Uint8Array): Uint8Array =>
  params ? sequence(oid(id), params) : sequence(oid(id));

export const digestAlgorithm = (d: TestDigest): Uint8Array => algorithm(DIGEST_OIDS[d]);

export function hash(d: TestDigest, ...parts: Uint8Array[]): Uint8Array {
  const h = d === 'shake256' ? createHash('shake256', { outputLength: 64 }) : createHash(d);
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export const attribute = (type: string, ...values: Uint8Array[]): Uint8Array =>
  sequence(oid(type), setOf(values));

export const contentTypeAttr = (type: string = OID.data) => attribute(OID.contentType, oid(type));
export const messageDigestAttr = (digest: Uint8Array) =>
  attribute(OID.messageDigest, octetString(digest));
export const signingTimeAttr = (d: Date) => attribute(OID.signingTime, time(d));

/** ESS signing-certificate-v2 naming `cert` (or, with `hashOf`, another certificate's hash). */
export function essV2Attr(cert: Uint8Array, d: TestDigest = 'sha256', hashOf = cert): Uint8Array {
  const f = certificateFields(cert);
  const issuerSerial = sequence(sequence(explicit(4, f.issuer)), f.serialNumber);
  const id = sequence(
    ...(d === 'sha256' ? [] : [digestAlgorithm(d)]),
    octetString(hash(d, hashOf)),
    issuerSerial,
  );
  return attribute(OID.signingCertificateV2, sequence(sequence(id)));
}

export function algorithmProtectionAttr(digestOid: string, signatureOid: string): Uint8Array {
  return attribute(
    '1.2.840.113549.1.9.52',
    sequence(algorithm(digestOid), implicitConstructed(1, algorithm(signatureOid))),
  );
}

export function issuerAndSerialSid(cert: Uint8Array): Uint8Array {
  const f = certificateFields(cert);
  return sequence(f.issuer, f.serialNumber);
}

export const subjectKeyIdSid = (keyId: Uint8Array): Uint8Array => tlv(0x80, keyId);

export interface CustomSigner {
  /** The SignerIdentifier encoding (issuerAndSerialSid / subjectKeyIdSid). */
  readonly sid: Uint8Array;
  readonly digest: TestDigest;
  readonly signatureAlgorithm: Uint8Array;
  /** Computes the signature value over the bytes given. */
  readonly sign: (data: Uint8Array) => Uint8Array;
  /** Attribute encodings; null → a SignerInfo without signed attributes. */
  readonly signedAttributes: Uint8Array[] | null;
  /** 'der' (sorted) or 'as-given' order in the SignerInfo. */
  readonly sendOrder?: 'der' | 'as-given';
  /** Which encoding the signature covers (the RFC says DER). */
  readonly signOver?: 'der' | 'as-given';
  /** Content the signature covers when there are no signed attributes. */
  readonly content?: Uint8Array;
  readonly unsignedAttributes?: Uint8Array[];
}

export interface CustomSignedData {
  readonly signers: CustomSigner[];
  readonly certificates: Uint8Array[];
  readonly eContentType?: string;
  /** Enveloped content; omitted → detached. */
  readonly content?: Uint8Array;
}

function signerInfo(s: CustomSigner): Uint8Array {
  let attrs: Uint8Array[] = [];
  let signature: Uint8Array;
  if (s.signedAttributes) {
    const der = setOf(s.signedAttributes);
    const asGiven = tlv(0x31, ...s.signedAttributes);
    const sent = s.sendOrder === 'as-given' ? asGiven : der;
    signature = s.sign(s.signOver === 'as-given' ? asGiven : der);
    attrs = [implicitConstructed(0, sent)];
  } else {
    signature = s.sign(s.content ?? new Uint8Array());
  }
  const version = s.sid[0] === 0x80 ? 3 : 1;
  return sequence(
    integer(version),
    s.sid,
    digestAlgorithm(s.digest),
    ...attrs,
    s.signatureAlgorithm,
    octetString(signature),
    ...(s.unsignedAttributes ? [implicitConstructed(1, setOf(s.unsignedAttributes))] : []),
  );
}

export function buildCustomSignedData(req: CustomSignedData): Uint8Array {
  const eContentType = req.eContentType ?? OID.data;
  const signedData = sequence(
    integer(eContentType === OID.data ? 1 : 3),
    setOf(req.signers.map((s) => digestAlgorithm(s.digest))),
    sequence(oid(eContentType), ...(req.content ? [explicit(0, octetString(req.content))] : [])),
    ...(req.certificates.length ? [tlv(0xa0, ...req.certificates)] : []),
    setOf(req.signers.map(signerInfo)),
  );
  return sequence(oid(OID.signedData), explicit(0, signedData));
}

/** Signers for the usual key types; `hashName` is what node:crypto hashes with (null: EdDSA). */
export function signWith(
  key: KeyObject,
  hashName: string | null,
  options: Omit<SignPrivateKeyInput, 'key'> = {},
): (data: Uint8Array) => Uint8Array {
  return (data) => new Uint8Array(cryptoSign(hashName, data, { key, ...options }));
}

/** CN-only Name; `stringTag` 0x0c UTF8String, 0x13 PrintableString. */
export function name(cn: string, stringTag = 0x0c): Uint8Array {
  const value = tlv(stringTag, new Uint8Array(Buffer.from(cn, 'utf8')));
  return sequence(setOf([sequence(oid('2.5.4.3'), value)]));
}

export interface TestCertificateRequest {
  readonly subjectPublicKey: KeyObject;
  /** Signs the TBSCertificate (any RSA key: these tests never check certificate signatures). */
  readonly issuerKey: KeyObject;
  readonly subject?: Uint8Array;
  readonly issuer?: Uint8Array;
  readonly serial?: bigint;
  /** subjectKeyIdentifier extension value; null → no extension. */
  readonly subjectKeyIdentifier?: Uint8Array | null;
}

/** A minimal v3 certificate for a throwaway key. */
export function testCertificate(req: TestCertificateRequest): Uint8Array {
  const sigAlg = algorithm('1.2.840.113549.1.1.11', NULL);
  const spki = new Uint8Array(req.subjectPublicKey.export({ format: 'der', type: 'spki' }));
  const extensions = req.subjectKeyIdentifier
    ? [
        explicit(
          3,
          sequence(sequence(oid('2.5.29.14'), octetString(octetString(req.subjectKeyIdentifier)))),
        ),
      ]
    : [];
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(req.serial ?? 0x1234n),
    sigAlg,
    req.issuer ?? name('hoso throwaway CA'),
    sequence(time(new Date('2026-01-01T00:00:00Z')), time(new Date('2028-01-01T00:00:00Z'))),
    req.subject ?? name('hoso throwaway signer'),
    spki,
    ...extensions,
  );
  const signature = cryptoSign('sha256', tbs, req.issuerKey);
  return sequence(tbs, sigAlg, tlv(0x03, Uint8Array.of(0), new Uint8Array(signature)));
}

/** An RSA key pair whose private half signs PSS with the given MGF1 hash (RFC 4055 params). */
export function pssKeyPair(hashName: string, mgf1: string, saltLength: number) {
  return generateKeyPairSync('rsa-pss', {
    modulusLength: 2048,
    hashAlgorithm: hashName,
    mgf1HashAlgorithm: mgf1,
    // @types/node 20 declares saltLength a string; node:crypto validates it as an integer
    saltLength: saltLength as unknown as string,
  });
}

/** RSASSA-PSS AlgorithmIdentifier with explicit parameters. */
export function pssAlgorithm(hashName: TestDigest, mgf1: TestDigest, salt: number): Uint8Array {
  return algorithm(
    OID.rsassaPss,
    sequence(
      explicit(0, digestAlgorithm(hashName)),
      explicit(1, algorithm(OID.mgf1, digestAlgorithm(mgf1))),
      explicit(2, integer(salt)),
    ),
  );
}

/**
 * Re-encodes the outer layers of a ContentInfo with indefinite lengths and the eContent as a
 * constructed OCTET STRING in two segments (X.690 §8.7.3), keeping certificates and SignerInfos
 * verbatim: the BER that Windows and Java write.
 */
export function toBer(der: Uint8Array): Uint8Array {
  const raw = (n: asn1js.AsnType) => new Uint8Array(n.valueBeforeDecodeView);
  const indefinite = (tag: number, ...parts: Uint8Array[]) =>
    new Uint8Array(Buffer.concat([Uint8Array.of(tag, 0x80), ...parts, Uint8Array.of(0, 0)]));
  const top = asn1js.fromBER(new Uint8Array(der).buffer).result as asn1js.Sequence;
  const [ctype, wrapper] = top.valueBlock.value as [asn1js.AsnType, asn1js.Constructed];
  const sd = wrapper.valueBlock.value[0] as asn1js.Sequence;
  const [version, digests, encap, ...rest] = sd.valueBlock.value as asn1js.AsnType[];
  const [etype, econtentWrapper] = (encap as asn1js.Sequence).valueBlock.value;
  let encapBer: Uint8Array;
  if (econtentWrapper) {
    const octets = (econtentWrapper as asn1js.Constructed).valueBlock
      .value[0] as asn1js.OctetString;
    const bytes = new Uint8Array(octets.valueBlock.valueHexView);
    const half = Math.floor(bytes.length / 2);
    const chunks = indefinite(
      0x24,
      octetString(bytes.subarray(0, half)),
      octetString(bytes.subarray(half)),
    );
    encapBer = indefinite(0x30, raw(etype!), indefinite(0xa0, chunks));
  } else {
    encapBer = indefinite(0x30, raw(etype!));
  }
  const signedData = indefinite(0x30, raw(version!), raw(digests!), encapBer, ...rest.map(raw));
  return indefinite(0x30, raw(ctype), indefinite(0xa0, signedData));
}
