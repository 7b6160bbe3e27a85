/**
 * Independent reading of a CMS SignedData with pkijs, for tests: the signed attributes, the
 * signer certificate and a check of the signature value with node:crypto.
 */
import { createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import type * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export interface InspectedCms {
  readonly signedData: pkijs.SignedData;
  readonly signerInfo: pkijs.SignerInfo;
  readonly attributes: Map<string, pkijs.Attribute>;
  readonly unsignedAttributes: Map<string, pkijs.Attribute>;
  readonly signerCertificate: X509Certificate;
  readonly messageDigest: Buffer;
  /** The DER SET OF signed attributes, as signed. */
  readonly signedAttributesDer: Buffer;
}

export function inspectCms(der: Uint8Array): InspectedCms {
  const info = pkijs.ContentInfo.fromBER(new Uint8Array(der).buffer);
  const signedData = new pkijs.SignedData({ schema: info.content });
  const signerInfo = signedData.signerInfos[0]!;
  const attributes = new Map((signerInfo.signedAttrs?.attributes ?? []).map((a) => [a.type, a]));
  const unsignedAttributes = new Map(
    (signerInfo.unsignedAttrs?.attributes ?? []).map((a) => [a.type, a]),
  );
  const sid = signerInfo.sid as pkijs.IssuerAndSerialNumber;
  const certs = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
  const signer = certs.find(
    (c) => c.serialNumber.isEqual(sid.serialNumber) && c.issuer.isEqual(sid.issuer),
  );
  if (!signer) throw new Error('signer certificate not embedded');
  const md = attributes.get('1.2.840.113549.1.9.4')!.values[0] as asn1js.OctetString;
  const signedAttributesDer = Buffer.from(signerInfo.signedAttrs!.encodedValue);
  signedAttributesDer[0] = 0x31;
  return {
    signedData,
    signerInfo,
    attributes,
    unsignedAttributes,
    signerCertificate: new X509Certificate(Buffer.from(signer.toSchema().toBER())),
    messageDigest: Buffer.from(md.valueBlock.valueHexView),
    signedAttributesDer,
  };
}

const HASH_BY_OID: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Verifies the SignerInfo signature over the signed attributes with node:crypto (PKCS#1, PSS, ECDSA). */
export function signatureVerifies(cms: InspectedCms): boolean {
  const hash = HASH_BY_OID[cms.signerInfo.digestAlgorithm.algorithmId]!;
  const key = createPublicKey(
    cms.signerCertificate.publicKey.export({ format: 'pem', type: 'spki' }),
  );
  const sig = Buffer.from(cms.signerInfo.signature.valueBlock.valueHexView);
  const alg = cms.signerInfo.signatureAlgorithm.algorithmId;
  if (alg === '1.2.840.113549.1.1.10') {
    return verify(
      hash,
      cms.signedAttributesDer,
      { key, padding: 6, saltLength: { sha256: 32, sha384: 48, sha512: 64 }[hash]! },
      sig,
    );
  }
  return verify(hash, cms.signedAttributesDer, key, sig);
}

export function digestOf(hash: string, ...parts: Uint8Array[]): Buffer {
  const h = createHash(hash);
  for (const p of parts) h.update(p);
  return h.digest();
}
