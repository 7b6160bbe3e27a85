/**
 * Verifying a SignerInfo's signature value with node:crypto (RFC 5652 §5.6): which scheme and
 * hash the SignerInfo declares, whether the certificate's key can be used with it, and the maths.
 *
 * Decisions, each stated where it is made below:
 * - The signed attributes are hashed with the SignerInfo's digestAlgorithm (RFC 5652 §5.4). A
 *   signatureAlgorithm that names another hash (sha512WithRSAEncryption over SHA-256 attributes)
 *   cannot be verified as declared: FAILED. OpenSSL ignores the hash in the OID and says valid;
 *   DSS (DSS-1419/1420) says not valid, and so do we.
 * - RSASSA-PSS hashes with its own parameters' hash (RFC 4056 §3); MGF1 with another hash, any
 *   salt length and trailerField 1 are supported.
 * - Ed25519 needs SHA-512 and Ed448 SHAKE256 as digestAlgorithm (RFC 8419 §3.1); another hash is
 *   a constraint not met, INDETERMINATE, as pyHanko reports it.
 * - An algorithm hoso cannot run is INDETERMINATE (the value is neither proven good nor bad),
 *   never FAILED: SIG_CRYPTO_FAILURE means the maths was done and did not hold.
 */
import {
  constants,
  createPublicKey,
  createVerify,
  publicDecrypt,
  verify as cryptoVerify,
  type KeyObject,
  type VerifyKeyObjectInput,
} from 'node:crypto';
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../kernel/index.js';
import {
  createDigest,
  digestLabel,
  digestNameOf,
  digestOidOf,
  isDigestName,
  signatureAlgorithmInfo,
  type DigestName,
  type SignatureFamily,
} from './algorithm-registry.js';
import { explicit, integer, octetString, oid, sequence, tlv } from './der.js';
import { OID } from './oids.js';
import type { PublicKeyInfo } from './public-key-cache.js';
import type { ParsedSigner } from './signed-data-parser.js';

export interface SignatureScheme {
  readonly family: SignatureFamily;
  /** The hash the signature is computed with (null for PureEdDSA). */
  readonly hash: DigestName | null;
  readonly mgf1Hash?: DigestName;
  readonly saltLength?: number;
  /** 'RSA PKCS#1 v1.5 with SHA-256', 'ECDSA with SHA-384', 'Ed25519', … */
  readonly label: string;
}

export type SchemeResolution =
  | { readonly ok: true; readonly scheme: SignatureScheme }
  | {
      readonly ok: false;
      readonly outcome: 'invalid' | 'unsupported';
      readonly detail: string;
      readonly label: string;
    };

/** The scheme a SignerInfo declares, or why it cannot be verified. */
export function resolveScheme(signer: ParsedSigner): SchemeResolution {
  const alg = signer.signatureAlgorithm;
  const info = signatureAlgorithmInfo(alg.oid);
  const digest = signer.digestAlgorithm;
  if (!info) {
    return {
      ok: false,
      outcome: 'unsupported',
      detail: `signature algorithm ${alg.oid} is not supported`,
      label: alg.name,
    };
  }
  const unsupported = (detail: string, label: string): SchemeResolution => ({
    ok: false,
    outcome: 'unsupported',
    detail,
    label,
  });

  switch (info.family) {
    case 'rsa-pkcs1':
    case 'ecdsa':
    case 'ecdsa-plain': {
      const named = info.hash;
      const hash = named ?? (isDigestName(digest) ? digest : null);
      const kind =
        info.family === 'rsa-pkcs1'
          ? 'RSA PKCS#1 v1.5'
          : info.family === 'ecdsa'
            ? 'ECDSA'
            : 'ECDSA (plain r||s)';
      const label = `${kind} with ${digestLabel(named ?? digest)}`;
      if (hash === null) return unsupported(`digest algorithm ${digest} is not supported`, label);
      if (named !== null && named !== digest) {
        // RFC 5652 §5.4: the attributes are digested with digestAlgorithm; a signature algorithm
        // naming another hash cannot have been computed over that digest as declared.
        return {
          ok: false,
          outcome: 'invalid',
          detail: `${alg.name} names ${digestLabel(named)} but the digest algorithm is ${digestLabel(digest)}`,
          label,
        };
      }
      if (!createDigest(hash)) return unsupported(`${digestLabel(hash)} is not available`, label);
      return { ok: true, scheme: { family: info.family, hash, label } };
    }
    case 'rsa-pss': {
      const pss = alg.pss;
      if (!pss) return unsupported('RSASSA-PSS without parameters', 'RSASSA-PSS');
      const label = `RSASSA-PSS with ${digestLabel(pss.hash)}, MGF1 ${digestLabel(pss.mgf1Hash)}, salt ${pss.saltLength}`;
      if (!isDigestName(pss.hash) || !createDigest(pss.hash))
        return unsupported(`PSS hash ${pss.hash} is not supported`, label);
      if (!isDigestName(pss.mgf1Hash) || !createDigest(pss.mgf1Hash))
        return unsupported(`PSS mask generation ${pss.mgf1Hash} is not supported`, label);
      if (pss.trailerField !== 1) {
        return {
          ok: false,
          outcome: 'invalid',
          detail: `PSS trailerField ${pss.trailerField} (RFC 4055 §3.1 allows only 1)`,
          label,
        };
      }
      return {
        ok: true,
        scheme: {
          family: 'rsa-pss',
          hash: pss.hash,
          mgf1Hash: pss.mgf1Hash,
          saltLength: pss.saltLength,
          label,
        },
      };
    }
    case 'ed25519':
    case 'ed448': {
      const label = info.name;
      // RFC 8419 §3.1: with signed attributes, Ed25519 uses SHA-512 and Ed448 SHAKE256 (512 bits)
      const required = info.family === 'ed25519' ? 'sha512' : 'shake256';
      if (signer.signedAttributes !== null && digest !== required) {
        return unsupported(
          `${label} with digest algorithm ${digestLabel(digest)} (RFC 8419 §3.1 requires ${digestLabel(required)})`,
          label,
        );
      }
      return { ok: true, scheme: { family: info.family, hash: null, label } };
    }
  }
}

const KEY_TYPES: Readonly<Record<SignatureFamily, readonly string[]>> = {
  'rsa-pkcs1': ['rsa'],
  'rsa-pss': ['rsa', 'rsa-pss'],
  ecdsa: ['ec'],
  'ecdsa-plain': ['ec'],
  ed25519: ['ed25519'],
  ed448: ['ed448'],
};

/** What the signature is computed over. */
export type SignedMessage =
  /** The signed attributes (or any bytes held in memory). */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** No signed attributes: the content itself, streamed. */
  | { readonly kind: 'content'; readonly chunks: () => Iterable<Uint8Array> }
  /** No signed attributes and only the content's digest (enough for RSA PKCS#1 v1.5). */
  | { readonly kind: 'digest'; readonly digest: Uint8Array };

export type SignatureOutcome =
  | { readonly outcome: 'valid'; readonly detail: string }
  /** `otherDigest`: a well-formed RSA signature by this key, over another digest. */
  | { readonly outcome: 'invalid'; readonly detail: string; readonly otherDigest?: true }
  | { readonly outcome: 'unsupported'; readonly detail: string };

/** PureEdDSA needs the whole message at once: bound what we gather. */
const MAX_EDDSA_CONTENT = 64 * 1024 * 1024;
const NULL = Uint8Array.of(0x05, 0x00);

function algorithmIdentifier(name: DigestName, withNull: boolean): Uint8Array {
  return withNull ? sequence(oid(digestOidOf(name)), NULL) : sequence(oid(digestOidOf(name)));
}

/** DigestInfo (RFC 8017 §9.2) with and without the NULL parameters both encodings allow. */
function digestInfos(hash: DigestName, digest: Uint8Array): Uint8Array[] {
  return [true, false].map((withNull) =>
    sequence(algorithmIdentifier(hash, withNull), octetString(digest)),
  );
}

/** Reads a recovered PKCS#1 block as a DigestInfo, only if it is exactly one canonical encoding. */
function recoveredDigestInfo(block: Uint8Array): { hash: string; digest: Uint8Array } | null {
  const decoded = asn1js.fromBER(toArrayBuffer(block));
  if (decoded.offset !== block.length || !(decoded.result instanceof asn1js.Sequence)) return null;
  const [alg, value] = decoded.result.valueBlock.value;
  if (!(alg instanceof asn1js.Sequence) || !(value instanceof asn1js.OctetString)) return null;
  const id = alg.valueBlock.value[0];
  if (!(id instanceof asn1js.ObjectIdentifier)) return null;
  const hash = digestNameOf(id.valueBlock.toString());
  const digest = new Uint8Array(value.valueBlock.valueHexView);
  if (!isDigestName(hash)) return null;
  const canonical = digestInfos(hash, digest).some((d) =>
    Buffer.from(d).equals(Buffer.from(block)),
  );
  return canonical ? { hash, digest } : null;
}

function recoverPkcs1(key: KeyObject, signature: Uint8Array): Uint8Array | null {
  try {
    return new Uint8Array(
      publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signature)),
    );
  } catch {
    return null;
  }
}

/**
 * An id-RSASSA-PSS certificate key may restrict its use (RFC 4055 §3.1): OpenSSL then applies the
 * key's hash and MGF1 whatever the SignerInfo says, so the two must agree, and the salt must be
 * at least the key's minimum.
 */
function pssRestrictionProblem(key: KeyObject, scheme: SignatureScheme): string | null {
  if (scheme.family !== 'rsa-pss' || key.asymmetricKeyType !== 'rsa-pss') return null;
  const d = key.asymmetricKeyDetails ?? {};
  if (d.hashAlgorithm !== undefined && d.hashAlgorithm !== scheme.hash)
    return `the certificate restricts RSASSA-PSS to ${digestLabel(d.hashAlgorithm)}, the signature uses ${digestLabel(scheme.hash ?? '?')}`;
  if (d.mgf1HashAlgorithm !== undefined && d.mgf1HashAlgorithm !== scheme.mgf1Hash)
    return `the certificate restricts MGF1 to ${digestLabel(d.mgf1HashAlgorithm)}, the signature declares ${digestLabel(scheme.mgf1Hash ?? '?')}`;
  if (d.saltLength !== undefined && (scheme.saltLength ?? 20) < d.saltLength)
    return `the certificate requires a salt of at least ${d.saltLength} bytes, the signature declares ${scheme.saltLength ?? 20}`;
  return null;
}

/** An RSA key restricted to the PSS parameters (RFC 4055 §3.1), so OpenSSL uses their MGF1 hash. */
function pssKey(key: KeyObject, scheme: SignatureScheme): KeyObject {
  if (scheme.mgf1Hash === scheme.hash || key.asymmetricKeyType !== 'rsa') return key;
  const spki = new Uint8Array(key.export({ format: 'der', type: 'spki' }));
  const top = asn1js.fromBER(toArrayBuffer(spki)).result as asn1js.Sequence;
  const bitString = top.valueBlock.value[1];
  if (!bitString || !scheme.hash || !scheme.mgf1Hash) return key;
  const params = sequence(
    explicit(0, algorithmIdentifier(scheme.hash, false)),
    explicit(1, sequence(oid(OID.mgf1), algorithmIdentifier(scheme.mgf1Hash, false))),
    explicit(2, integer(scheme.saltLength ?? 20)),
  );
  const restricted = tlv(
    0x30,
    sequence(oid(OID.rsassaPss), params),
    new Uint8Array(bitString.valueBeforeDecodeView),
  );
  return createPublicKey({ key: Buffer.from(restricted), format: 'der', type: 'spki' });
}

function verifyOptions(key: KeyObject, scheme: SignatureScheme): VerifyKeyObjectInput | KeyObject {
  switch (scheme.family) {
    case 'rsa-pss':
      return {
        key: pssKey(key, scheme),
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: scheme.saltLength ?? 20,
      };
    case 'ecdsa':
      return { key, dsaEncoding: 'der' };
    case 'ecdsa-plain':
      return { key, dsaEncoding: 'ieee-p1363' };
    default:
      return key;
  }
}

function gather(chunks: Iterable<Uint8Array>): Uint8Array | null {
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const c of chunks) {
    total += c.length;
    if (total > MAX_EDDSA_CONTENT) return null;
    parts.push(new Uint8Array(c));
  }
  return new Uint8Array(Buffer.concat(parts));
}

/** Verifies `signature` over `message` with the certificate's key under `scheme`. */
export function verifySignatureValue(
  publicKey: PublicKeyInfo,
  scheme: SignatureScheme,
  message: SignedMessage,
  signature: Uint8Array,
): SignatureOutcome {
  const key = publicKey.key;
  const keyType = key.asymmetricKeyType ?? 'unknown';
  if (!KEY_TYPES[scheme.family].includes(keyType)) {
    return {
      outcome: 'invalid',
      detail: `the certificate's key (${publicKey.description}) cannot make ${scheme.label} signatures`,
    };
  }
  const restriction = pssRestrictionProblem(key, scheme);
  if (restriction) return { outcome: 'invalid', detail: restriction };
  const sig = Buffer.from(signature);
  try {
    if (message.kind === 'digest') {
      if (scheme.family !== 'rsa-pkcs1' || !scheme.hash) {
        return {
          outcome: 'unsupported',
          detail: `${scheme.label} without signed attributes needs the signed content itself`,
        };
      }
      const block = recoverPkcs1(key, signature);
      if (block === null)
        return { outcome: 'invalid', detail: 'the RSA signature value does not verify' };
      if (digestInfos(scheme.hash, message.digest).some((d) => Buffer.from(d).equals(block))) {
        return { outcome: 'valid', detail: `${scheme.label} over the content digest` };
      }
      const info = recoveredDigestInfo(block);
      if (info && info.hash === scheme.hash) {
        return {
          outcome: 'invalid',
          otherDigest: true,
          detail: `the RSA signature is over another ${digestLabel(info.hash)} digest than the content's`,
        };
      }
      return {
        outcome: 'invalid',
        detail: 'the RSA signature value does not hold the expected DigestInfo',
      };
    }

    let ok: boolean;
    if (scheme.hash === null) {
      // PureEdDSA (RFC 8032): the message itself, no pre-hash.
      const data = message.kind === 'bytes' ? message.bytes : gather(message.chunks());
      if (data === null) {
        return {
          outcome: 'unsupported',
          detail: `${scheme.label} without signed attributes over more than ${MAX_EDDSA_CONTENT} bytes`,
        };
      }
      ok = cryptoVerify(null, data, key, sig);
    } else if (message.kind === 'bytes') {
      ok = cryptoVerify(scheme.hash, message.bytes, verifyOptions(key, scheme), sig);
    } else {
      const verifier = createVerify(scheme.hash);
      for (const chunk of message.chunks()) verifier.update(chunk);
      ok = verifier.verify(verifyOptions(key, scheme), sig);
    }
    if (ok) return { outcome: 'valid', detail: scheme.label };
    return { outcome: 'invalid', detail: diagnose(key, scheme, signature) };
  } catch (e) {
    // OpenSSL refuses malformed values (an ECDSA value that is not a DER SEQUENCE, a PSS salt
    // longer than the key allows): the value does not verify.
    return {
      outcome: 'invalid',
      detail: `${scheme.label}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** A more useful detail for an RSA PKCS#1 failure: which digest the value actually carries. */
function diagnose(key: KeyObject, scheme: SignatureScheme, signature: Uint8Array): string {
  const base = `${scheme.label} signature value does not verify`;
  if (scheme.family !== 'rsa-pkcs1') return base;
  const block = recoverPkcs1(key, signature);
  const info = block && recoveredDigestInfo(block);
  if (!info) return base;
  if (info.hash !== scheme.hash) return `${base}: it holds a ${digestLabel(info.hash)} digest`;
  return `${base}: it signs other data`;
}
