/**
 * Verifies one SignerInfo (RFC 5652 §5.6) and reports it as checks, never as exceptions:
 * - `cms.digest` (intact): the signed attributes are well formed and their message-digest equals
 *   the digest of the signed content; without signed attributes, the signature itself covers the
 *   content digest, so this check follows from the signature value.
 * - `cms.signature` (valid): the signature value verifies with the signer certificate's key.
 * - `cms.signing-certificate`: the signer's certificate is found and, when the signed ESS
 *   signing-certificate(-v2) attribute is present, it is the certificate that attribute names.
 * Trust in that certificate is src/trust's business; the algorithm policy too.
 */
import type { Check, SubIndication } from '../report/model.js';
import { createDigest, digestLabel, digestNameOf, digestOf } from './algorithm-registry.js';
import { certificateIdentity, namesEqual } from './certificate-identity.js';
import { OID } from './oids.js';
import { publicKeyFromSpki, type PublicKeyInfo } from './public-key-cache.js';
import {
  resolveScheme,
  verifySignatureValue,
  type SignatureOutcome,
  type SignatureScheme,
  type SignedMessage,
} from './signature-value.js';
import type { EssCertId, ParsedSignedData, ParsedSigner } from './signed-data-parser.js';
import { findSignerCertificate } from './signer-certificate.js';

export interface VerifySignerOptions {
  /**
   * The digest of the signed content with the named algorithm (`ParsedSigner.digestAlgorithm`),
   * or null when the content is not available or the algorithm not supported. For a PDF: of the
   * ByteRange; for .p7m: of eContent; for adbe.pkcs7.sha1: of eContent (the SHA-1 it holds).
   */
  readonly contentDigest: (algorithm: string) => Uint8Array | null;
  /**
   * The signed content itself, in chunks, for the rare SignerInfo without signed attributes whose
   * algorithm cannot be checked from a digest (ECDSA, RSASSA-PSS, EdDSA). Defaults to eContent.
   */
  readonly signedContent?: () => Iterable<Uint8Array>;
  /** Further candidate certificates for the signer (--certs, trust store). */
  readonly extraCertificates?: readonly Uint8Array[];
  /**
   * Accept a signature computed over the signed attributes in the non-DER order they were sent
   * in (RFC 5652 §5.4 violation made by node-forge based signers). Off by default, as in DSS.
   */
  readonly acceptNonDerAttributeOrder?: boolean;
}

export interface SignerVerification {
  readonly signerCertificate: Uint8Array | null;
  /** `cms.digest`, `cms.signature`, `cms.signing-certificate`, in that order. */
  readonly checks: readonly Check[];
  readonly digestAlgorithm: string;
  readonly signatureAlgorithmName: string;
  readonly keyDescription: string;
}

/** Attributes RFC 5652 §11, RFC 2634 §5.4, RFC 5035 and RFC 6211 allow once, with one value. */
const SINGLE_INSTANCE: Readonly<Record<string, string>> = {
  [OID.contentType]: 'content-type',
  [OID.messageDigest]: 'message-digest',
  [OID.signingTime]: 'signing-time',
  [OID.signingCertificate]: 'signing-certificate',
  [OID.signingCertificateV2]: 'signing-certificate-v2',
  '1.2.840.113549.1.9.52': 'cms-algorithm-protection',
};

const check = (
  id: string,
  status: Check['status'],
  detail: string,
  subIndication?: SubIndication,
): Check => (subIndication ? { id, status, detail, subIndication } : { id, status, detail });

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function duplicatedAttribute(signer: ParsedSigner): string | null {
  const counts = new Map<string, number>();
  signer.attributeTypes.forEach((type, i) => {
    counts.set(type, (counts.get(type) ?? 0) + 1);
    const values = signer.attributeValueCounts[i] ?? 0;
    if (values !== 1 && SINGLE_INSTANCE[type]) counts.set(type, Math.max(2, values));
  });
  for (const [type, n] of counts) {
    const name = SINGLE_INSTANCE[type];
    if (name && n > 1)
      return `signed attribute ${name} appears more than once or with several values (${n})`;
  }
  return null;
}

function unavailableDigest(algorithm: string): Check {
  return createDigest(algorithm)
    ? check(
        'cms.digest',
        'INDETERMINATE',
        `the signed content is not available to compute its ${digestLabel(algorithm)} digest`,
        'SIGNED_DATA_NOT_FOUND',
      )
    : check(
        'cms.digest',
        'INDETERMINATE',
        `digest algorithm ${algorithm} is not supported`,
        'CRYPTO_CONSTRAINTS_FAILURE',
      );
}

/** `cms.digest` for a SignerInfo with signed attributes. */
function attributesDigestCheck(
  parsed: ParsedSignedData,
  signer: ParsedSigner,
  contentDigest: VerifySignerOptions['contentDigest'],
): Check {
  const dup = duplicatedAttribute(signer);
  if (dup) return check('cms.digest', 'FAILED', dup, 'FORMAT_FAILURE');
  if (signer.contentType === null) {
    return check(
      'cms.digest',
      'FAILED',
      'no content-type signed attribute (RFC 5652 §5.3)',
      'FORMAT_FAILURE',
    );
  }
  if (signer.contentType !== parsed.eContentType) {
    return check(
      'cms.digest',
      'FAILED',
      `content-type attribute ${signer.contentType} differs from eContentType ${parsed.eContentType} (RFC 5652 §11.1)`,
      'FORMAT_FAILURE',
    );
  }
  if (signer.messageDigest === null) {
    return check(
      'cms.digest',
      'FAILED',
      'no message-digest signed attribute (RFC 5652 §5.3)',
      'FORMAT_FAILURE',
    );
  }
  const actual = contentDigest(signer.digestAlgorithm);
  if (actual === null) return unavailableDigest(signer.digestAlgorithm);
  const label = digestLabel(signer.digestAlgorithm);
  if (Buffer.from(actual).equals(Buffer.from(signer.messageDigest))) {
    return check(
      'cms.digest',
      'PASSED',
      `message-digest matches the ${label} of the signed content`,
    );
  }
  return check(
    'cms.digest',
    'FAILED',
    `message-digest ${hex(signer.messageDigest)} differs from the content's ${label} ${hex(actual)}`,
    'HASH_FAILURE',
  );
}

/** RFC 6211 §3: the protected algorithm identifiers must be those of the SignerInfo. */
function algorithmProtectionProblem(signer: ParsedSigner): string | null {
  const p = signer.algorithmProtection;
  if (!p) return null;
  if (digestNameOf(p.digestAlgorithm) !== signer.digestAlgorithm)
    return `CMSAlgorithmProtection names digest ${digestNameOf(p.digestAlgorithm)}, the SignerInfo ${signer.digestAlgorithm} (RFC 6211 §3)`;
  if (p.signatureAlgorithm !== null && p.signatureAlgorithm !== signer.signatureAlgorithm.oid)
    return `CMSAlgorithmProtection names signature algorithm ${p.signatureAlgorithm}, the SignerInfo ${signer.signatureAlgorithm.oid} (RFC 6211 §3)`;
  return null;
}

function essProblem(
  cert: Uint8Array,
  id: EssCertId,
): { status: 'FAILED' | 'INDETERMINATE'; detail: string } | null {
  const attr = id.version === 1 ? 'signing-certificate' : 'signing-certificate-v2';
  const hash = digestOf(id.hashAlgorithm, cert);
  if (hash === null)
    return { status: 'INDETERMINATE', detail: `${attr} uses unsupported hash ${id.hashAlgorithm}` };
  if (!Buffer.from(hash).equals(Buffer.from(id.certHash)))
    return {
      status: 'FAILED',
      detail: `${attr} names another certificate (${digestLabel(id.hashAlgorithm)} differs)`,
    };
  if (id.issuerSerial) {
    const ident = certificateIdentity(cert);
    if (
      !ident ||
      ident.serialNumber !== id.issuerSerial.serialNumber ||
      !namesEqual(ident.issuer, id.issuerSerial.issuer)
    ) {
      return {
        status: 'FAILED',
        detail: `${attr} issuerSerial does not match the signer certificate`,
      };
    }
  }
  return null;
}

function signingCertificateCheck(signer: ParsedSigner, cert: Uint8Array | null): Check {
  const id = 'cms.signing-certificate';
  if (!cert) {
    const how =
      signer.sid.kind === 'issuerAndSerial'
        ? `serial ${signer.sid.serialNumber}`
        : `subject key identifier ${signer.sid.keyId || '(empty)'}`;
    return check(
      id,
      'INDETERMINATE',
      `no certificate for the signer (${how}) is embedded or given`,
      'NO_SIGNING_CERTIFICATE_FOUND',
    );
  }
  // RFC 5035 §5.4 / RFC 2634 §5.4: the first ESSCertID of each attribute is the signer's.
  const firsts = [1, 2]
    .map((v) => signer.essCertIds.find((e) => e.version === v))
    .filter((e): e is EssCertId => e !== undefined);
  if (firsts.length === 0) {
    return check(
      id,
      'PASSED',
      'signer certificate found; no ESS signing-certificate attribute (not required for adbe.pkcs7 or plain CMS)',
    );
  }
  for (const ess of firsts) {
    const problem = essProblem(cert, ess);
    if (problem) {
      return problem.status === 'FAILED'
        ? check(id, 'FAILED', problem.detail, 'SIG_CONSTRAINTS_FAILURE')
        : check(id, 'INDETERMINATE', problem.detail, 'CRYPTO_CONSTRAINTS_FAILURE');
    }
  }
  const names = firsts.map((e) =>
    e.version === 1 ? 'signing-certificate' : 'signing-certificate-v2',
  );
  return check(id, 'PASSED', `signer certificate found and bound by ${names.join(' and ')}`);
}

function signedMessage(
  parsed: ParsedSignedData,
  signer: ParsedSigner,
  options: VerifySignerOptions,
  family: string,
): SignedMessage | null {
  if (signer.signedAttributesDer) return { kind: 'bytes', bytes: signer.signedAttributesDer };
  if (family === 'rsa-pkcs1') {
    const digest = options.contentDigest(signer.digestAlgorithm);
    return digest ? { kind: 'digest', digest } : null;
  }
  if (options.signedContent) return { kind: 'content', chunks: options.signedContent };
  const eContent = parsed.eContent;
  return eContent ? { kind: 'content', chunks: () => [eContent] } : null;
}

function outcomeCheck(outcome: SignatureOutcome, keyDescription: string): Check {
  switch (outcome.outcome) {
    case 'valid':
      return check('cms.signature', 'PASSED', `${outcome.detail} (${keyDescription})`);
    case 'unsupported':
      return check('cms.signature', 'INDETERMINATE', outcome.detail, 'CRYPTO_CONSTRAINTS_FAILURE');
    case 'invalid':
      // A well-formed RSA signature by this key over another digest: the value is valid, the
      // content is not the one signed (cms.digest says HASH_FAILURE).
      return outcome.otherDigest
        ? check(
            'cms.signature',
            'PASSED',
            `${outcome.detail}; the value itself is the signer's (${keyDescription})`,
          )
        : check('cms.signature', 'FAILED', outcome.detail, 'SIG_CRYPTO_FAILURE');
  }
}

function nonDerAttributesSigned(
  signer: ParsedSigner,
  publicKey: PublicKeyInfo,
  scheme: SignatureScheme,
): boolean {
  const received = signer.signedAttributes;
  if (!received || received === signer.signedAttributesDer) return false;
  const asSent = verifySignatureValue(
    publicKey,
    scheme,
    { kind: 'bytes', bytes: received },
    signer.signature,
  );
  return asSent.outcome === 'valid';
}

/** Verifies `signer` of `parsed`; every finding is a check, exceptions are bugs. */
export function verifySigner(
  parsed: ParsedSignedData,
  signer: ParsedSigner,
  given: VerifySignerOptions,
): SignerVerification {
  // The caller may hash a large ByteRange inside contentDigest: ask at most once per algorithm.
  const digests = new Map<string, Uint8Array | null>();
  const contentDigest = (algorithm: string): Uint8Array | null => {
    if (!digests.has(algorithm)) digests.set(algorithm, given.contentDigest(algorithm));
    return digests.get(algorithm) ?? null;
  };
  const options: VerifySignerOptions = { ...given, contentDigest };
  const cert = findSignerCertificate(parsed, signer, options.extraCertificates ?? []);
  const identity = cert ? certificateIdentity(cert) : null;
  const publicKey: PublicKeyInfo | null = identity
    ? publicKeyFromSpki(identity.subjectPublicKeyInfo)
    : null;
  const keyDescription =
    publicKey?.description ?? (identity ? `unsupported key ${identity.keyAlgorithm}` : 'unknown');
  const resolution = resolveScheme(signer);
  const signatureAlgorithmName = resolution.ok ? resolution.scheme.label : resolution.label;
  const hasAttributes = signer.signedAttributes !== null;

  // cms.signature
  let outcome: SignatureOutcome | null = null;
  let signatureCheck: Check;
  const protection = algorithmProtectionProblem(signer);
  if (!cert) {
    signatureCheck = check(
      'cms.signature',
      'INDETERMINATE',
      'cannot be verified without the signer certificate',
      'NO_SIGNING_CERTIFICATE_FOUND',
    );
  } else if (protection) {
    signatureCheck = check('cms.signature', 'FAILED', protection, 'SIG_CRYPTO_FAILURE');
  } else if (!resolution.ok) {
    signatureCheck =
      resolution.outcome === 'invalid'
        ? check('cms.signature', 'FAILED', resolution.detail, 'SIG_CRYPTO_FAILURE')
        : check('cms.signature', 'INDETERMINATE', resolution.detail, 'CRYPTO_CONSTRAINTS_FAILURE');
  } else if (!publicKey) {
    signatureCheck = check(
      'cms.signature',
      'INDETERMINATE',
      `the signer's ${keyDescription} cannot be used`,
      'CRYPTO_CONSTRAINTS_FAILURE',
    );
  } else {
    const message = signedMessage(parsed, signer, options, resolution.scheme.family);
    if (!message) {
      signatureCheck = check(
        'cms.signature',
        'INDETERMINATE',
        'no signed attributes, and the signed content is not available to verify the signature over it',
        'SIGNED_DATA_NOT_FOUND',
      );
    } else {
      outcome = verifySignatureValue(publicKey, resolution.scheme, message, signer.signature);
      if (
        outcome.outcome === 'invalid' &&
        nonDerAttributesSigned(signer, publicKey, resolution.scheme)
      ) {
        // The signer hashed its attributes as sent, in an order DER does not allow (node-forge
        // does this); RFC 5652 §5.4 signs the DER encoding. DSS and BouncyCastle fail it (ETSI
        // plugtest DE_CRY-2: HASH_FAILURE); OpenSSL, NSS and Adobe accept it.
        const what =
          'the signature covers the signed attributes in their received, non-DER order instead of their DER encoding (RFC 5652 §5.4)';
        signatureCheck = options.acceptNonDerAttributeOrder
          ? check('cms.signature', 'PASSED', `${what}; accepted (lenient) (${keyDescription})`)
          : check('cms.signature', 'FAILED', what, 'HASH_FAILURE');
      } else {
        signatureCheck = outcomeCheck(outcome, keyDescription);
      }
    }
  }

  // cms.digest
  let digestCheck: Check;
  if (hasAttributes) {
    digestCheck = attributesDigestCheck(parsed, signer, options.contentDigest);
  } else if (outcome?.outcome === 'valid') {
    digestCheck = check(
      'cms.digest',
      'PASSED',
      'no signed attributes: the valid signature covers the content digest directly',
    );
  } else if (outcome?.outcome === 'invalid' && outcome.otherDigest) {
    digestCheck = check(
      'cms.digest',
      'FAILED',
      "no signed attributes: the signature is over another digest than the content's",
      'HASH_FAILURE',
    );
  } else if (options.contentDigest(signer.digestAlgorithm) === null) {
    digestCheck = unavailableDigest(signer.digestAlgorithm);
  } else {
    digestCheck = check(
      'cms.digest',
      'INDETERMINATE',
      'no signed attributes: integrity rests on the signature value, which could not be confirmed',
    );
  }

  return {
    signerCertificate: cert,
    checks: [digestCheck, signatureCheck, signingCertificateCheck(signer, cert)],
    digestAlgorithm: signer.digestAlgorithm,
    signatureAlgorithmName,
    keyDescription,
  };
}
