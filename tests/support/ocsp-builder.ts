/**
 * OCSP responses made to order (RFC 6960 §4.2), for revocation tests: any status for any
 * certificate, any times, signed by whoever the test chooses — the delegated responder
 * (test-certs/ocsp: EKU id-kp-OCSPSigning, id-pkix-ocsp-nocheck), the issuing CA itself
 * (test-certs/intermediate), or a key with no authority to answer (test-certs/officer, no EKU:
 * §4.2.2.2 says a client must reject it). Also the non-successful answers (§4.2.1), which carry
 * no signature at all.
 *
 * Pure: bytes and dates in, DER out; no clock (a test passes every time explicitly).
 */
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  CRL_REASON_CODES,
  derOf,
  serialInteger,
  signTbs,
  signatureAlgorithmOf,
  wholeSeconds,
  type CrlReason,
  type TestSigner,
} from './crl-builder.js';

/** Hash algorithms a CertID may use. SHA-1 is what most clients still send (RFC 5019 §2.1.1). */
export type OcspHash = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const OCSP_HASH_OIDS: Readonly<Record<OcspHash, string>> = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
};

/** id-pkix-ocsp-nonce (RFC 6960 §4.4.1). */
export const OCSP_NONCE_OID = '1.3.6.1.5.5.7.48.1.2';
const ID_PKIX_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';

/** CertID (RFC 6960 §4.1.1): which certificate a request or a SingleResponse is about. */
export interface CertId {
  readonly hashAlgorithm: OcspHash;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  /** Hex of the serial INTEGER's content octets, as spec.ts writes it (`48a1000000001001`). */
  readonly serialNumber: string;
}

/**
 * The CertID of `certificate` (DER) issued by `issuer` (DER), computed from the two
 * certificates alone, without hoso's parsers. §4.1.1: issuerNameHash is over the DER of the
 * issuer name as the certificate carries it, issuerKeyHash over the issuer's subjectPublicKey
 * BIT STRING value (no tag, length or unused-bits octet).
 */
export function certIdOf(
  certificate: Uint8Array,
  issuer: Uint8Array,
  hashAlgorithm: OcspHash = 'sha1',
): CertId {
  const cert = pkijs.Certificate.fromBER(certificate);
  const ca = pkijs.Certificate.fromBER(issuer);
  const hash = (bytes: Uint8Array): Uint8Array =>
    new Uint8Array(createHash(hashAlgorithm).update(bytes).digest());
  return {
    hashAlgorithm,
    issuerNameHash: hash(derOf(cert.issuer.toSchema())),
    issuerKeyHash: hash(ca.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    serialNumber: Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex'),
  };
}

export type OcspCertStatus =
  | { readonly status: 'good' }
  | { readonly status: 'revoked'; readonly revocationTime: Date; readonly reason?: CrlReason }
  | { readonly status: 'unknown' };

export interface OcspSingleResponse {
  readonly certId: CertId;
  readonly status: OcspCertStatus;
  readonly thisUpdate: Date;
  /** Absent: "newer information is always available" (§4.2.2.1). */
  readonly nextUpdate?: Date;
}

/** OCSPResponseStatus (§4.2.1) other than successful; value 4 is unused. */
export const OCSP_ERROR_STATUS_CODES = {
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

export type OcspErrorStatus = keyof typeof OCSP_ERROR_STATUS_CODES;

export interface SuccessfulOcspResponse {
  /** Key and certificate the BasicOCSPResponse is signed with. */
  readonly signer: TestSigner;
  /**
   * ResponderID (§4.2.2.3): the signer certificate's subject (`byName`, the default) or the
   * SHA-1 of its public key (`byKey`).
   */
  readonly responderId?: 'byName' | 'byKey';
  /**
   * DER certificates put in `certs` (§4.2.1), so clients can find a delegated responder's
   * certificate; the signer's certificate alone when not given, none for `[]`.
   */
  readonly certificates?: readonly Uint8Array[];
  readonly producedAt: Date;
  readonly responses: readonly OcspSingleResponse[];
  /**
   * The extnValue of the request's nonce extension, echoed as is in a response nonce
   * (§4.4.1); clients compare the bytes, whatever the encoding inside (RFC 8954 §2.1).
   */
  readonly nonce?: Uint8Array;
}

export type BuildOcspResponseOptions =
  SuccessfulOcspResponse | { readonly responseStatus: OcspErrorStatus };

/** CertStatus (§4.2.1): CHOICE of [0] good, [1] revoked, [2] unknown, all IMPLICIT. */
function certStatus(status: OcspCertStatus): asn1js.BaseBlock {
  const tagged = (tagNumber: number) => ({ idBlock: { tagClass: 3, tagNumber } });
  switch (status.status) {
    case 'good':
      return new asn1js.Primitive(tagged(0));
    case 'unknown':
      return new asn1js.Primitive(tagged(2));
    case 'revoked':
      // RevokedInfo ::= SEQUENCE { revocationTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
      return new asn1js.Constructed({
        ...tagged(1),
        value: [
          new asn1js.GeneralizedTime({ valueDate: wholeSeconds(status.revocationTime) }),
          ...(status.reason === undefined
            ? []
            : [
                new asn1js.Constructed({
                  ...tagged(0),
                  value: [new asn1js.Enumerated({ value: CRL_REASON_CODES[status.reason] })],
                }),
              ]),
        ],
      });
  }
}

function singleResponse(response: OcspSingleResponse): pkijs.SingleResponse {
  const { certId } = response;
  return new pkijs.SingleResponse({
    certID: new pkijs.CertID({
      // RFC 5754 §2: hash AlgorithmIdentifiers go without parameters.
      hashAlgorithm: new pkijs.AlgorithmIdentifier({
        algorithmId: OCSP_HASH_OIDS[certId.hashAlgorithm],
      }),
      issuerNameHash: new asn1js.OctetString({ valueHex: certId.issuerNameHash.slice().buffer }),
      issuerKeyHash: new asn1js.OctetString({ valueHex: certId.issuerKeyHash.slice().buffer }),
      serialNumber: serialInteger(certId.serialNumber),
    }),
    certStatus: certStatus(response.status),
    thisUpdate: wholeSeconds(response.thisUpdate),
    ...(response.nextUpdate === undefined ? {} : { nextUpdate: wholeSeconds(response.nextUpdate) }),
  });
}

function responderId(
  signerCert: pkijs.Certificate,
  by: 'byName' | 'byKey',
): pkijs.RelativeDistinguishedNames | asn1js.OctetString {
  if (by === 'byName') return signerCert.subject;
  // KeyHash ::= OCTET STRING, SHA-1 of the subjectPublicKey BIT STRING value (§4.2.1).
  const keyHash = createHash('sha1')
    .update(signerCert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
    .digest();
  return new asn1js.OctetString({ valueHex: new Uint8Array(keyHash).buffer });
}

/** An OCSPResponse (§4.2.1), DER: a signed BasicOCSPResponse, or only an error status. */
export function buildOcspResponse(options: BuildOcspResponseOptions): Uint8Array {
  if ('responseStatus' in options)
    return derOf(
      new pkijs.OCSPResponse({
        responseStatus: new asn1js.Enumerated({
          value: OCSP_ERROR_STATUS_CODES[options.responseStatus],
        }),
      }).toSchema(),
    );

  const signerCert = pkijs.Certificate.fromBER(options.signer.certificate);
  const responseData = new pkijs.ResponseData({
    responderID: responderId(signerCert, options.responderId ?? 'byName'),
    producedAt: wholeSeconds(options.producedAt),
    responses: options.responses.map(singleResponse),
    ...(options.nonce === undefined
      ? {}
      : {
          responseExtensions: [
            new pkijs.Extension({
              extnID: OCSP_NONCE_OID,
              critical: false,
              extnValue: options.nonce.slice().buffer,
            }),
          ],
        }),
  });
  // pkijs signs only through WebCrypto CryptoKeys; we encode ResponseData (version v1 left out,
  // as DER requires for a DEFAULT) and sign its bytes with node:crypto.
  const tbs = derOf(responseData.toSchema(true));
  const certificates = options.certificates ?? [options.signer.certificate];
  const basic = new asn1js.Sequence({
    value: [
      asn1js.fromBER(tbs).result,
      signatureAlgorithmOf(options.signer).toSchema(),
      signTbs(options.signer, tbs),
      ...(certificates.length === 0
        ? []
        : [
            new asn1js.Constructed({
              idBlock: { tagClass: 3, tagNumber: 0 },
              value: [
                new asn1js.Sequence({
                  value: certificates.map((der) => asn1js.fromBER(der).result),
                }),
              ],
            }),
          ]),
    ],
  });
  return derOf(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({
        responseType: ID_PKIX_OCSP_BASIC,
        response: new asn1js.OctetString({ valueHex: derOf(basic).buffer }),
      }),
    }).toSchema(),
  );
}
