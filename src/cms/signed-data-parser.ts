/**
 * Reads a CMS ContentInfo holding SignedData (RFC 5652 §3, §5) into plain data for verification:
 * the encapsulated content, the embedded certificates and CRLs as their exact bytes, and for each
 * SignerInfo the identifiers, algorithms, the decoded signed attributes that verification needs,
 * and the signed attributes' bytes exactly as received.
 *
 * The structure is walked element by element (ber-reader.ts) as the RFC 5652 ASN.1 module (and
 * the pkijs schemas) define it; the few small attribute values read through asn1-reading.ts are
 * decoded with asn1js on their own. Values are taken from the bytes so that nothing is ever
 * re-encoded: a re-encoded certificate or attribute set would no longer match its signature
 * (DSS-667: signers whose signed attributes are not in DER SET OF order verify only over the
 * bytes as received; OpenSSL re-sorts and fails).
 */
import * as asn1js from 'asn1js';
import {
  childrenOfElement,
  describeCause,
  elementBytes,
  HosoError,
  isElement,
  octetStringBytes,
  oidText,
  readElement,
  TAG_CLASS,
  toArrayBuffer,
  type BerElement,
} from '../kernel/index.js';
import { digestNameOf, signatureAlgorithmNameOf } from './algorithm-registry.js';
import {
  algorithmOf,
  childrenOf,
  cmsMalformed,
  encodedBytes,
  integerHex,
  isContext,
  isUniversal,
  minimalIntegerHex,
  octetsOf,
  oidOf,
  sequenceItems,
  type Asn1Node,
} from './asn1-reading.js';
import { setOf } from './der.js';
import { OID } from './oids.js';

/** Largest ContentInfo accepted (an enveloping .p7m carries its document). */
export const MAX_SIGNED_DATA_BYTES = 256 * 1024 * 1024;
const MAX_CERTIFICATES = 1000;
const MAX_CRLS = 1000;
const MAX_SIGNERS = 64;
const MAX_ATTRIBUTES = 256;

const ATTRIBUTE = {
  cmsAlgorithmProtection: '1.2.840.113549.1.9.52',
  /** Adobe's adbe-revocationInfoArchival (ISO 32000-1 §12.8.3.3.2): CRLs and OCSP responses. */
  revocationInfoArchival: '1.2.840.113583.1.1.8',
  counterSignature: '1.2.840.113549.1.9.6',
} as const;

const CONTENT_TYPE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.7.1': 'data',
  '1.2.840.113549.1.7.3': 'envelopedData',
  '1.2.840.113549.1.7.4': 'signedAndEnvelopedData',
  '1.2.840.113549.1.7.5': 'digestedData',
  '1.2.840.113549.1.7.6': 'encryptedData',
  '1.2.840.113549.1.9.16.1.2': 'authenticatedData',
  '1.2.840.113549.1.9.16.1.23': 'authEnvelopedData',
};

export type SignerIdentifier =
  | {
      readonly kind: 'issuerAndSerial';
      /** The issuer Name's DER as embedded. */
      readonly issuer: Uint8Array;
      /** Minimal two's-complement hex, lowercase. */
      readonly serialNumber: string;
    }
  | { readonly kind: 'subjectKeyIdentifier'; readonly keyId: string /* hex */ };

/** RSASSA-PSS-params (RFC 4055 §3.1), defaults filled in. */
export interface PssParameters {
  readonly hash: string;
  /** The MGF1 hash; `mgf:<oid>` for a mask generation function other than MGF1. */
  readonly mgf1Hash: string;
  readonly saltLength: number;
  /** Must be 1 (RFC 4055 §3.1); anything else cannot be verified. */
  readonly trailerField: number;
}

export interface SignatureAlgorithm {
  readonly oid: string;
  readonly name: string;
  readonly pss?: PssParameters;
}

/** One ESSCertID (RFC 2634 §5.4.1) or ESSCertIDv2 (RFC 5035 §4), in attribute order. */
export interface EssCertId {
  readonly version: 1 | 2;
  readonly hashAlgorithm: string;
  readonly certHash: Uint8Array;
  readonly issuerSerial: { readonly issuer: Uint8Array; readonly serialNumber: string } | null;
}

export interface ParsedSigner {
  readonly index: number;
  readonly sid: SignerIdentifier;
  /** Digest name (`sha256`, `sha3-256`, …) or the OID as is when unknown. */
  readonly digestAlgorithm: string;
  readonly signatureAlgorithm: SignatureAlgorithm;
  /**
   * The signed attributes exactly as received with the [0] IMPLICIT tag replaced by SET (0x31):
   * the bytes the signature covers (RFC 5652 §5.4). Null when the SignerInfo has none.
   */
  readonly signedAttributes: Uint8Array | null;
  /**
   * The DER encoding the signature must cover (RFC 5652 §5.4, X.690 §11.6): the same attribute
   * encodings, sorted as DER orders a SET OF, under a definite-length SET header. Identical to
   * `signedAttributes` (same array) when the signer sent DER, as it must.
   */
  readonly signedAttributesDer: Uint8Array | null;
  /** Signed attribute types in order, duplicates kept. */
  readonly attributeTypes: readonly string[];
  /** How many values each attribute of `attributeTypes` carries (same order). */
  readonly attributeValueCounts: readonly number[];
  readonly messageDigest: Uint8Array | null;
  /** The content-type attribute's OID. */
  readonly contentType: string | null;
  /** signing-time (UTCTime or GeneralizedTime); a claim, never proof. */
  readonly signingTime: Date | null;
  /** ESS signing-certificate (v1) and signing-certificate-v2 identifiers, in attribute order. */
  readonly essCertIds: readonly EssCertId[];
  /** CMSAlgorithmProtection (RFC 6211): the algorithms the signer says it used, as OIDs. */
  readonly algorithmProtection: {
    readonly digestAlgorithm: string;
    readonly signatureAlgorithm: string | null;
  } | null;
  readonly signature: Uint8Array;
  /** id-aa-signatureTimeStampToken values (ContentInfo of a timestamp token), as embedded. */
  readonly timestampTokens: readonly Uint8Array[];
  /** Number of countersignature values (RFC 5652 §11.4); they are not verified here. */
  readonly counterSignatures: number;
  /**
   * Revocation data the signer archived in the signed attribute adbe-revocationInfoArchival
   * (DER CRLs and OCSPResponses); empty when absent or unreadable — it is evidence offered,
   * and evidence that cannot be read is no evidence, not a broken signature.
   */
  readonly revocationArchive: {
    readonly crls: readonly Uint8Array[];
    readonly ocsps: readonly Uint8Array[];
  };
}

export interface ParsedSignedData {
  readonly eContentType: string;
  /** The encapsulated content (enveloping signature); null when detached. */
  readonly eContent: Uint8Array | null;
  /** X.509 certificates, exact bytes as embedded (other certificate formats are skipped). */
  readonly certificates: readonly Uint8Array[];
  /** X.509 CRLs, exact bytes (other revocation formats are skipped). */
  readonly crls: readonly Uint8Array[];
  readonly signers: readonly ParsedSigner[];
}

/**
 * The ContentInfo element. PDF /Contents holes are padded with zeros after the CMS; anything
 * else after it is not ours to ignore.
 */
function readTop(der: Uint8Array): BerElement {
  if (der.length === 0) throw cmsMalformed('empty input');
  const top = readElement(der, 0, der.length, 'not BER/DER');
  for (let i = top.end; i < der.length; i++) {
    if (der[i] !== 0) throw cmsMalformed(`${der.length - top.end} bytes after the CMS`);
  }
  return top;
}

function pssParameters(params: Asn1Node | undefined): PssParameters {
  let hash = 'sha1';
  let mgf1Hash = 'sha1';
  let saltLength = 20;
  let trailerField = 1;
  if (params === undefined || isUniversal(params, 5))
    return { hash, mgf1Hash, saltLength, trailerField };
  for (const field of sequenceItems(params, 'RSASSA-PSS-params')) {
    const inner = childrenOf(field)[0];
    if (isContext(field, 0)) hash = digestNameOf(algorithmOf(inner, 'PSS hashAlgorithm').oid);
    else if (isContext(field, 1)) {
      const mgf = algorithmOf(inner, 'PSS maskGenAlgorithm');
      mgf1Hash =
        mgf.oid === OID.mgf1
          ? digestNameOf(algorithmOf(mgf.params, 'MGF1 hash').oid)
          : `mgf:${mgf.oid}`;
    } else if (isContext(field, 2)) saltLength = smallInteger(inner, 'PSS saltLength');
    else if (isContext(field, 3)) trailerField = smallInteger(inner, 'PSS trailerField');
  }
  return { hash, mgf1Hash, saltLength, trailerField };
}

function smallInteger(node: Asn1Node | undefined, what: string): number {
  if (!(node instanceof asn1js.Integer)) throw cmsMalformed(`${what} is not an INTEGER`);
  const v = node.toBigInt();
  if (v < 0n || v > 65536n) throw cmsMalformed(`${what} out of range (${v})`);
  return Number(v);
}

/** GeneralNames → the first directoryName's Name DER ([4] EXPLICIT Name, RFC 5280 §4.2.1.6). */
function directoryName(generalNames: Asn1Node | undefined): Uint8Array | null {
  for (const gn of sequenceItems(generalNames, 'IssuerSerial.issuer')) {
    if (isContext(gn, 4)) {
      const name = childrenOf(gn)[0];
      if (name) return encodedBytes(name);
    }
  }
  return null;
}

/** SigningCertificate / SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), … } */
function essCertIds(value: Asn1Node, version: 1 | 2): EssCertId[] {
  const what = version === 1 ? 'SigningCertificate' : 'SigningCertificateV2';
  const [certs] = sequenceItems(value, what);
  return sequenceItems(certs, `${what}.certs`).map((certId) => {
    const items = [...sequenceItems(certId, `${what} ESSCertID`)];
    let hashAlgorithm = version === 1 ? 'sha1' : 'sha256'; // v2: DEFAULT id-sha256 (RFC 5035 §4)
    if (version === 2 && isUniversal(items[0], 16)) {
      hashAlgorithm = digestNameOf(algorithmOf(items.shift(), `${what} hashAlgorithm`).oid);
    }
    const certHash = octetsOf(items[0], `${what} certHash`);
    let issuerSerial: EssCertId['issuerSerial'] = null;
    if (items[1] !== undefined) {
      const [names, serial] = sequenceItems(items[1], `${what} IssuerSerial`);
      const issuer = directoryName(names);
      const serialNumber = integerHex(serial, `${what} IssuerSerial.serialNumber`);
      if (issuer) issuerSerial = { issuer, serialNumber };
    }
    return { version, hashAlgorithm, certHash, issuerSerial };
  });
}

function timeOf(node: Asn1Node | undefined): Date | null {
  if (node instanceof asn1js.UTCTime || node instanceof asn1js.GeneralizedTime) {
    const d = node.toDate();
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

function algorithmProtectionOf(value: Asn1Node): ParsedSigner['algorithmProtection'] {
  // CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1] IMPLICIT
  // SignatureAlgorithmIdentifier OPTIONAL, macAlgorithm [2] IMPLICIT … OPTIONAL } (RFC 6211 §2)
  const items = sequenceItems(value, 'CMSAlgorithmProtection');
  const digestAlgorithm = algorithmOf(items[0], 'CMSAlgorithmProtection.digestAlgorithm').oid;
  const sig = items.find((i) => isContext(i, 1));
  const signatureAlgorithm = sig
    ? oidOf(childrenOf(sig)[0], 'CMSAlgorithmProtection.signatureAlgorithm')
    : null;
  return { digestAlgorithm, signatureAlgorithm };
}

const { universal: UNIVERSAL, context: CONTEXT } = TAG_CLASS;

/**
 * The DER SET OF for the signed attributes: each attribute's encoding kept verbatim, the order
 * and the outer header made canonical. Signers that sign DER but transmit another order (DSS-667)
 * verify; signers that signed a non-DER order (ETSI plugtest DE_CRY-2) do not, as in DSS and
 * BouncyCastle. Non-DER encodings *inside* an attribute are not normalised (a known limit).
 */
function derAttributeSet(
  der: Uint8Array,
  attributes: readonly BerElement[],
  received: Uint8Array,
): Uint8Array {
  const set = setOf(attributes.map((a) => der.subarray(a.start, a.end)));
  return Buffer.from(set).equals(Buffer.from(received)) ? received : set;
}

/** One element decoded with asn1js, for the few small values read through asn1-reading.ts. */
function asn1Node(der: Uint8Array, el: BerElement, what: string): Asn1Node {
  const decoded = asn1js.fromBER(toArrayBuffer(der.subarray(el.start, el.end)));
  if (decoded.offset === -1 || decoded.result.error)
    throw cmsMalformed(`${what}: ${decoded.result.error || 'not BER/DER'}`);
  return decoded.result;
}

/** The octets of an IMPLICIT [n] OCTET STRING, primitive or constructed (BER). */
function implicitOctets(der: Uint8Array, el: BerElement, what: string, depth = 0): Uint8Array {
  if (!el.constructed) return der.slice(el.contentStart, el.contentEnd);
  if (depth > 8) throw cmsMalformed(`${what}: nested too deeply`);
  const parts = childrenOfElement(der, el, what).map((c) =>
    implicitOctets(der, c, what, depth + 1),
  );
  return new Uint8Array(Buffer.concat(parts));
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL } */
function algorithmElement(
  der: Uint8Array,
  el: BerElement | undefined,
  what: string,
): { oid: string; params: BerElement | undefined } {
  if (!isElement(el, UNIVERSAL, 16, true)) throw cmsMalformed(`${what} is not a SEQUENCE`);
  const [alg, params] = childrenOfElement(der, el, what);
  return { oid: oidText(der, alg, `${what}.algorithm`), params };
}

interface AttributeElement {
  readonly type: string;
  readonly values: readonly BerElement[];
}

/** SignedAttributes / UnsignedAttributes ::= SET SIZE (1..MAX) OF Attribute (RFC 5652 §5.3). */
function attributesOf(
  der: Uint8Array,
  el: BerElement,
  what: string,
): {
  elements: BerElement[];
  attributes: AttributeElement[];
} {
  const elements = childrenOfElement(der, el, what);
  if (elements.length > MAX_ATTRIBUTES)
    throw cmsMalformed(`${what}: ${elements.length} attributes`);
  const attributes = elements.map((a) => {
    const [type, values, ...rest] = isElement(a, UNIVERSAL, 16, true)
      ? childrenOfElement(der, a, what)
      : [];
    if (!isElement(values, UNIVERSAL, 17, true) || rest.length > 0)
      throw cmsMalformed(`${what}: an Attribute is not SEQUENCE { type, SET OF values }`);
    return {
      type: oidText(der, type, `${what} type`),
      values: childrenOfElement(der, values, what),
    };
  });
  return { elements, attributes };
}

/**
 * SignerInfo (RFC 5652 §5.3), element by element: version, sid, digestAlgorithm, [0]
 * signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs (the pkijs SignerInfo schema).
 */
function readSigner(der: Uint8Array, block: BerElement, index: number): ParsedSigner {
  const where = `SignerInfo ${index + 1}`;
  const fields = isElement(block, UNIVERSAL, 16, true) ? childrenOfElement(der, block, where) : [];
  const [version, sidEl] = fields;
  if (!isElement(version, UNIVERSAL, 2, false))
    throw cmsMalformed(`${where}: not a SignerInfo (no version)`);

  let sid: SignerIdentifier;
  if (isElement(sidEl, UNIVERSAL, 16, true)) {
    const [issuer, serial, ...rest] = childrenOfElement(der, sidEl, `${where} sid`);
    if (
      !isElement(issuer, UNIVERSAL, 16, true) ||
      !isElement(serial, UNIVERSAL, 2, false) ||
      rest.length
    )
      throw cmsMalformed(`${where}: sid is not an IssuerAndSerialNumber`);
    sid = {
      kind: 'issuerAndSerial',
      issuer: elementBytes(der, issuer),
      serialNumber: minimalIntegerHex(der.subarray(serial.contentStart, serial.contentEnd)),
    };
  } else if (isElement(sidEl, CONTEXT, 0)) {
    const keyId = implicitOctets(der, sidEl, `${where} subjectKeyIdentifier`);
    sid = { kind: 'subjectKeyIdentifier', keyId: Buffer.from(keyId).toString('hex') };
  } else {
    throw cmsMalformed(`${where}: no signer identifier`);
  }

  const digestAlgorithm = algorithmElement(der, fields[2], `${where} digestAlgorithm`);
  let at = 3;
  const signedEl = isElement(fields[at], CONTEXT, 0, true) ? fields[at++] : undefined;
  const signatureAlgorithmEl = algorithmElement(der, fields[at++], `${where} signatureAlgorithm`);
  const signatureEl = fields[at++];
  // Elements after unsignedAttrs are ignored, as the pkijs schema ignored them.
  const unsignedEl = isElement(fields[at], CONTEXT, 1, true) ? fields[at] : undefined;
  const signature = octetStringBytes(der, signatureEl, `${where} signature`);

  const sigOid = signatureAlgorithmEl.oid;
  const signatureAlgorithm: SignatureAlgorithm =
    sigOid === OID.rsassaPss
      ? {
          oid: sigOid,
          name: signatureAlgorithmNameOf(sigOid),
          pss: pssParameters(
            signatureAlgorithmEl.params
              ? asn1Node(der, signatureAlgorithmEl.params, `${where} RSASSA-PSS-params`)
              : undefined,
          ),
        }
      : { oid: sigOid, name: signatureAlgorithmNameOf(sigOid) };

  const attributeTypes: string[] = [];
  const attributeValueCounts: number[] = [];
  let messageDigest: Uint8Array | null = null;
  let contentType: string | null = null;
  let signingTime: Date | null = null;
  const ess: EssCertId[] = [];
  let algorithmProtection: ParsedSigner['algorithmProtection'] = null;
  let signedAttributes: Uint8Array | null = null;
  let signedAttributesDer: Uint8Array | null = null;
  let revocationArchive: ParsedSigner['revocationArchive'] = { crls: [], ocsps: [] };

  if (signedEl) {
    const { elements, attributes } = attributesOf(der, signedEl, `${where} signed attributes`);
    if (attributes.length === 0) throw cmsMalformed(`${where}: empty signed attributes`);
    // The bytes the signature covers: as received, with the [0] IMPLICIT tag made SET (§5.4).
    signedAttributes = elementBytes(der, signedEl);
    signedAttributes[0] = 0x31;
    signedAttributesDer = derAttributeSet(der, elements, signedAttributes);
    for (const attr of attributes) {
      attributeTypes.push(attr.type);
      attributeValueCounts.push(attr.values.length);
      const first = attr.values[0];
      // With several instances or values, the first one is read; verification reports the
      // duplication (RFC 5652 §11 single-instance, single-value attributes).
      if (first === undefined) continue;
      const node = (what: string) => asn1Node(der, first, `${where} ${what}`);
      switch (attr.type) {
        case OID.messageDigest:
          messageDigest ??= octetStringBytes(der, first, `${where} message-digest`);
          break;
        case OID.contentType:
          contentType ??= oidText(der, first, `${where} content-type`);
          break;
        case OID.signingTime:
          signingTime ??= timeOf(node('signing-time'));
          break;
        case OID.signingCertificate:
          ess.push(...essCertIds(node('signing-certificate'), 1));
          break;
        case OID.signingCertificateV2:
          ess.push(...essCertIds(node('signing-certificate-v2'), 2));
          break;
        case ATTRIBUTE.cmsAlgorithmProtection:
          algorithmProtection ??= algorithmProtectionOf(node('CMSAlgorithmProtection'));
          break;
        case ATTRIBUTE.revocationInfoArchival:
          revocationArchive = revocationArchiveOf(node('RevocationInfoArchival'));
          break;
      }
    }
  }

  const timestampTokens: Uint8Array[] = [];
  let counterSignatures = 0;
  if (unsignedEl) {
    for (const attr of attributesOf(der, unsignedEl, `${where} unsigned attributes`).attributes) {
      if (attr.type === OID.signatureTimeStampToken) {
        for (const v of attr.values) timestampTokens.push(elementBytes(der, v));
      } else if (attr.type === ATTRIBUTE.counterSignature) {
        counterSignatures += attr.values.length;
      }
    }
  }

  return {
    index,
    sid,
    digestAlgorithm: digestNameOf(digestAlgorithm.oid),
    signatureAlgorithm,
    signedAttributes,
    signedAttributesDer,
    attributeTypes,
    attributeValueCounts,
    messageDigest,
    contentType,
    signingTime,
    essCertIds: ess,
    algorithmProtection,
    signature,
    timestampTokens,
    counterSignatures,
    revocationArchive,
  };
}

/**
 * RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRLs OPTIONAL,
 *   ocsp [1] EXPLICIT SEQUENCE OF OCSPResponse OPTIONAL, otherRevInfo [2] … OPTIONAL }
 */
function revocationArchiveOf(value: Asn1Node): ParsedSigner['revocationArchive'] {
  const crls: Uint8Array[] = [];
  const ocsps: Uint8Array[] = [];
  try {
    for (const item of sequenceItems(value, 'RevocationInfoArchival')) {
      const into = isContext(item, 0) ? crls : isContext(item, 1) ? ocsps : null;
      if (into === null) continue;
      for (const entry of sequenceItems(childrenOf(item)[0], 'RevocationInfoArchival entry'))
        into.push(encodedBytes(entry));
    }
  } catch (e) {
    if (!(e instanceof HosoError)) throw e;
    return { crls: [], ocsps: [] };
  }
  return { crls, ocsps };
}

/**
 * ContentInfo (RFC 5652 §3) and the SignedData shell (§5.1) walked element by element, as the
 * pkijs schemas define them: version, digestAlgorithms, encapContentInfo, [0] certificates,
 * [1] crls, signerInfos. Certificates and CRLs are copied out as bytes, never decoded here.
 */
function parse(der: Uint8Array): ParsedSignedData {
  const top = readTop(der);
  const [contentTypeEl, wrapper] = isElement(top, UNIVERSAL, 16, true)
    ? childrenOfElement(der, top, 'ContentInfo')
    : [];
  if (!isElement(contentTypeEl, UNIVERSAL, 6, false) || !isElement(wrapper, CONTEXT, 0, true)) {
    throw cmsMalformed('not a CMS ContentInfo (a SEQUENCE of an OID and [0] content)');
  }
  const contentType = oidText(der, contentTypeEl, 'ContentInfo.contentType');
  if (contentType !== OID.signedData) {
    const name = CONTENT_TYPE_NAMES[contentType] ?? contentType;
    throw cmsMalformed(`the CMS holds ${name}, not SignedData`);
  }
  const [content] = childrenOfElement(der, wrapper, 'ContentInfo.content');
  const fields = isElement(content, UNIVERSAL, 16, true)
    ? childrenOfElement(der, content, 'SignedData')
    : [];
  const notRfc5652 = () => cmsMalformed('SignedData does not follow RFC 5652 §5.1');
  const [version, digestAlgorithms, encapContentInfo] = fields;
  if (
    !isElement(version, UNIVERSAL, 2, false) ||
    !isElement(digestAlgorithms, UNIVERSAL, 17, true) ||
    !isElement(encapContentInfo, UNIVERSAL, 16, true)
  )
    throw notRfc5652();
  for (const alg of childrenOfElement(der, digestAlgorithms, 'SignedData.digestAlgorithms')) {
    const [algOid] = isElement(alg, UNIVERSAL, 16, true)
      ? childrenOfElement(der, alg, 'digestAlgorithm')
      : [];
    if (!isElement(algOid, UNIVERSAL, 6, false)) throw notRfc5652();
  }
  let at = 3;
  const certificateSet = isElement(fields[at], CONTEXT, 0, true) ? fields[at++] : undefined;
  const crlSet = isElement(fields[at], CONTEXT, 1, true) ? fields[at++] : undefined;
  // Elements after signerInfos are ignored, as the pkijs schema ignored them.
  const signerInfos = fields[at];
  if (!isElement(signerInfos, UNIVERSAL, 17, true)) throw notRfc5652();

  const encap = childrenOfElement(der, encapContentInfo, 'encapContentInfo');
  const eContentType = oidText(der, encap[0], 'eContentType');
  let eContent: Uint8Array | null = null;
  const eContentWrapper = encap[1];
  if (isElement(eContentWrapper, CONTEXT, 0, true)) {
    const [octets] = childrenOfElement(der, eContentWrapper, 'eContent');
    eContent = octetStringBytes(der, octets, 'eContent');
  }

  const x509 = (set: BerElement | undefined, what: string): Uint8Array[] =>
    set
      ? childrenOfElement(der, set, what)
          .filter((c) => isElement(c, UNIVERSAL, 16, true))
          .map((c) => elementBytes(der, c))
      : [];
  const certificates = x509(certificateSet, 'SignedData.certificates');
  if (certificates.length > MAX_CERTIFICATES)
    throw cmsMalformed(`${certificates.length} certificates`);
  const crls = x509(crlSet, 'SignedData.crls');
  if (crls.length > MAX_CRLS) throw cmsMalformed(`${crls.length} CRLs`);

  const signerElements = childrenOfElement(der, signerInfos, 'SignedData.signerInfos');
  if (signerElements.length > MAX_SIGNERS)
    throw cmsMalformed(`${signerElements.length} SignerInfos`);
  const signers = signerElements.map((el, i) => readSigner(der, el, i));

  return { eContentType, eContent, certificates, crls, signers };
}

/**
 * Parses a ContentInfo (DER or BER) that must hold SignedData. Anything else — another content
 * type (EnvelopedData), garbage, truncation — is `CMS_MALFORMED` with a detail; more than
 * MAX_SIGNED_DATA_BYTES is `INPUT_TOO_LARGE`. A SignedData with no SignerInfo parses (with
 * `signers` empty): whether that is an error is the caller's call (a certs-only .p7b is one).
 */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  if (der.length > MAX_SIGNED_DATA_BYTES) {
    throw new HosoError('INPUT_TOO_LARGE', {
      params: { what: 'CMS SignedData', size: der.length, limit: MAX_SIGNED_DATA_BYTES },
    });
  }
  try {
    return parse(der);
  } catch (e) {
    if (e instanceof HosoError) throw e;
    // asn1js/pkijs throw plain Errors (and RangeError on absurd nesting): still bad input.
    throw cmsMalformed(describeCause(e), e);
  }
}
