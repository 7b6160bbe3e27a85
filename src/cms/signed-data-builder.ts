/**
 * Builds CMS SignedData (RFC 5652 §5) with one SignerInfo, as CAdES (ETSI EN 319 122-1) and
 * PAdES (ETSI EN 319 142-1) baseline B want it: signed attributes content-type, message-digest
 * and ESS signing-certificate-v2 (RFC 5035); signing-time only where the profile allows it
 * (PAdES forbids it: the time is the /M entry or a timestamp); an optional signature timestamp
 * token as an unsigned attribute (RFC 3161 Appendix A).
 */
import { createHash } from 'node:crypto';
import { certificateFields } from './certificate-fields.js';
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
} from './der.js';
import { DIGEST_OID, OID, type DigestAlgorithm } from './oids.js';
import {
  digestAlgorithmIdentifier,
  signatureAlgorithmIdentifier,
  signBytes,
  type SignatureScheme,
  type SigningKey,
} from './signing-key.js';

export interface SignedDataRequest {
  readonly key: SigningKey;
  readonly scheme: SignatureScheme;
  readonly digest: DigestAlgorithm;
  /** Digest of the content (for PDFs: of the ByteRange). */
  readonly messageDigest: Uint8Array;
  /** eContentType; id-data unless said otherwise (id-ct-TSTInfo for timestamp tokens). */
  readonly contentType?: string;
  /** The content itself, for enveloping signatures (.p7m) and timestamp tokens. */
  readonly content?: Uint8Array;
  /** signing-time attribute (CAdES); leave undefined for PAdES. */
  readonly signingTime?: Date;
  /** Further certificates to embed, beyond the key's chain (DER). */
  readonly extraCertificates?: readonly Uint8Array[];
  /** Fetches a timestamp token (ContentInfo DER) over the signature value (RFC 3161 App. A). */
  readonly timestamp?: (signatureValue: Uint8Array, digest: DigestAlgorithm) => Promise<Uint8Array>;
}

function attribute(type: string, ...values: Uint8Array[]): Uint8Array {
  return sequence(oid(type), setOf(values));
}

/** ESS signing-certificate-v2 (RFC 5035 §3): hash of the signer certificate and its IssuerSerial. */
function signingCertificateV2(certDer: Uint8Array, digest: DigestAlgorithm): Uint8Array {
  const fields = certificateFields(certDer);
  const certHash = new Uint8Array(createHash(digest).update(certDer).digest());
  // GeneralNames with one directoryName ([4] EXPLICIT Name)
  const issuerSerial = sequence(sequence(explicit(4, fields.issuer)), fields.serialNumber);
  const essCertIdV2 = sequence(
    // hashAlgorithm DEFAULT sha256: DER omits a default value
    ...(digest === 'sha256' ? [] : [digestAlgorithmIdentifier(digest)]),
    octetString(certHash),
    issuerSerial,
  );
  return sequence(sequence(essCertIdV2));
}

function uniqueCertificates(list: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  const out: Uint8Array[] = [];
  for (const c of list) {
    const k = Buffer.from(c).toString('base64');
    if (!seen.has(k)) {
      seen.add(k);
      out.push(c);
    }
  }
  return out;
}

export interface BuiltSignedData {
  /** ContentInfo DER. */
  readonly der: Uint8Array;
  readonly signatureValue: Uint8Array;
}

export async function buildSignedData(req: SignedDataRequest): Promise<BuiltSignedData> {
  const cert = certificateFields(req.key.certificate);
  const contentType = req.contentType ?? OID.data;

  const signedAttrs: Uint8Array[] = [
    attribute(OID.contentType, oid(contentType)),
    attribute(OID.messageDigest, octetString(req.messageDigest)),
    attribute(OID.signingCertificateV2, signingCertificateV2(req.key.certificate, req.digest)),
  ];
  if (req.signingTime) signedAttrs.push(attribute(OID.signingTime, time(req.signingTime)));

  // The signature is computed over the DER of the SET OF attributes (RFC 5652 §5.4), then
  // the same bytes go into the SignerInfo re-tagged [0] IMPLICIT.
  const signedAttrsSet = setOf(signedAttrs);
  const signatureValue = signBytes(req.key.privateKey, req.scheme, req.digest, signedAttrsSet);

  const unsigned: Uint8Array[] = [];
  if (req.timestamp) {
    const token = await req.timestamp(signatureValue, req.digest);
    unsigned.push(attribute(OID.signatureTimeStampToken, token));
  }

  const signerInfo = sequence(
    integer(1), // version 1: sid is IssuerAndSerialNumber
    sequence(cert.issuer, cert.serialNumber),
    digestAlgorithmIdentifier(req.digest),
    implicitConstructed(0, signedAttrsSet),
    signatureAlgorithmIdentifier(req.scheme, req.digest),
    octetString(signatureValue),
    ...(unsigned.length ? [implicitConstructed(1, setOf(unsigned))] : []),
  );

  const certificates = uniqueCertificates([
    req.key.certificate,
    ...req.key.chain,
    ...(req.extraCertificates ?? []),
  ]);
  const encapContentInfo = sequence(
    oid(contentType),
    ...(req.content ? [explicit(0, octetString(req.content))] : []),
  );
  // RFC 5652 §5.1: version 3 when eContentType is not id-data, else 1.
  const version = contentType === OID.data ? 1 : 3;
  const signedData = sequence(
    integer(version),
    setOf([sequence(oid(DIGEST_OID[req.digest]))]),
    encapContentInfo,
    tlv(0xa0, ...certificates), // [0] IMPLICIT CertificateSet, kept in chain order
    setOf([signerInfo]),
  );
  return { der: sequence(oid(OID.signedData), explicit(0, signedData)), signatureValue };
}
