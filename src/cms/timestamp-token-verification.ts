/**
 * Verifies an RFC 3161 time-stamp token against the bytes it should timestamp: the token is a
 * SignedData whose content is TSTInfo (§2.4.2); its messageImprint must be the hash of those
 * bytes (for a signature timestamp, the SignerInfo's signature value: RFC 3161 Appendix A), and
 * the TSA's SignerInfo must verify like any other. Whether the TSA is trusted, and whether its
 * certificate may timestamp (extendedKeyUsage id-kp-timeStamping), is decided in src/trust with
 * the certificate returned here.
 *
 * A broken token is a finding, not an exception: checks say what is wrong, `valid` is false, and
 * the caller decides what the signature loses (usually only the proof of time).
 */
import * as pkijs from 'pkijs';
import type { Check } from '../report/model.js';
import { HosoError, describeCause, toArrayBuffer } from '../kernel/index.js';
import { createDigest, digestLabel, digestNameOf, digestOf } from './algorithm-registry.js';
import { certificateIdentity } from './certificate-identity.js';
import { nameToText } from './name-text.js';
import { OID } from './oids.js';
import { parseSignedData } from './signed-data-parser.js';
import { verifySigner } from './signer-verification.js';

export interface TimeStampVerification {
  /** TSTInfo genTime. */
  readonly time: Date | null;
  /** TSTInfo tsa (directoryName), else the TSA certificate's subject. */
  readonly tsaName: string | null;
  readonly tsaCertificate: Uint8Array | null;
  readonly policy: string | null;
  /** `timestamp.imprint`, then `timestamp.signature`. */
  readonly checks: readonly Check[];
  /** Imprint and signature both PASSED. */
  readonly valid: boolean;
}

export interface VerifyTimeStampOptions {
  /** Further candidate certificates for the TSA (tokens made without certReq carry none). */
  readonly extraCertificates?: readonly Uint8Array[];
}

function broken(detail: string): TimeStampVerification {
  return {
    time: null,
    tsaName: null,
    tsaCertificate: null,
    policy: null,
    checks: [
      { id: 'timestamp.imprint', status: 'INDETERMINATE', detail: 'the token cannot be read' },
      { id: 'timestamp.signature', status: 'FAILED', detail, subIndication: 'FORMAT_FAILURE' },
    ],
    valid: false,
  };
}

/**
 * What the token should timestamp: the bytes themselves, or (for a document timestamp over a
 * large ByteRange, hashed by streaming) a function giving their digest for an algorithm name,
 * null when it cannot.
 */
export type ImprintSource = Uint8Array | ((algorithm: string) => Uint8Array | null);

function imprintCheck(tst: pkijs.TSTInfo, imprintOver: ImprintSource): Check {
  const id = 'timestamp.imprint';
  const algorithm = digestNameOf(tst.messageImprint.hashAlgorithm.algorithmId);
  const expected =
    typeof imprintOver === 'function' ? imprintOver(algorithm) : digestOf(algorithm, imprintOver);
  if (!expected) {
    return createDigest(algorithm)
      ? {
          id,
          status: 'INDETERMINATE',
          detail: `the data to compare the ${digestLabel(algorithm)} imprint with is not available`,
          subIndication: 'SIGNED_DATA_NOT_FOUND',
        }
      : {
          id,
          status: 'INDETERMINATE',
          detail: `imprint hash algorithm ${algorithm} is not supported`,
          subIndication: 'CRYPTO_CONSTRAINTS_FAILURE',
        };
  }
  const imprint = new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView);
  return Buffer.from(imprint).equals(Buffer.from(expected))
    ? { id, status: 'PASSED', detail: `the ${digestLabel(algorithm)} imprint matches` }
    : {
        id,
        status: 'FAILED',
        detail: `the token timestamps other data (${digestLabel(algorithm)} imprint differs)`,
        subIndication: 'HASH_FAILURE',
      };
}

function tsaNameOf(tst: pkijs.TSTInfo, certificate: Uint8Array | null): string | null {
  if (tst.tsa?.type === 4 && tst.tsa.value instanceof pkijs.RelativeDistinguishedNames) {
    const text = nameToText(new Uint8Array(tst.tsa.value.valueBeforeDecode));
    if (text) return text;
  }
  const identity = certificate ? certificateIdentity(certificate) : null;
  return identity ? nameToText(identity.subject) : null;
}

/**
 * Verifies `tokenDer` (a ContentInfo) as a timestamp over `imprintOver`. Never throws for a bad
 * token; only programming errors escape.
 */
export function verifyTimeStampToken(
  tokenDer: Uint8Array,
  imprintOver: ImprintSource,
  options: VerifyTimeStampOptions = {},
): TimeStampVerification {
  let parsed;
  try {
    parsed = parseSignedData(tokenDer);
  } catch (e) {
    if (e instanceof HosoError) return broken(`timestamp token: ${e.message}`);
    throw e;
  }
  if (parsed.eContentType !== OID.tstInfo || !parsed.eContent)
    return broken(`the token's content is ${parsed.eContentType}, not TSTInfo (RFC 3161 §2.4.2)`);
  const signer = parsed.signers[0];
  if (!signer || parsed.signers.length !== 1)
    return broken(`the token has ${parsed.signers.length} signers; RFC 3161 §2.4.2 allows one`);

  let tst: pkijs.TSTInfo;
  try {
    tst = pkijs.TSTInfo.fromBER(toArrayBuffer(parsed.eContent));
  } catch (e) {
    return broken(`TSTInfo: ${describeCause(e)}`);
  }

  const eContent = parsed.eContent;
  const verification = verifySigner(parsed, signer, {
    contentDigest: (algorithm) => digestOf(algorithm, eContent),
    ...(options.extraCertificates ? { extraCertificates: options.extraCertificates } : {}),
  });
  const tsaName = tsaNameOf(tst, verification.signerCertificate);
  const problem =
    verification.checks.find((c) => c.status === 'FAILED') ??
    verification.checks.find((c) => c.status !== 'PASSED');
  const signatureCheck: Check = problem
    ? {
        id: 'timestamp.signature',
        status: problem.status,
        detail: `${problem.id}: ${problem.detail}`,
        ...(problem.subIndication ? { subIndication: problem.subIndication } : {}),
      }
    : {
        id: 'timestamp.signature',
        status: 'PASSED',
        detail: `${verification.signatureAlgorithmName} (${verification.keyDescription}) by ${tsaName ?? 'an unnamed TSA'}`,
      };
  const imprint = imprintCheck(tst, imprintOver);
  return {
    time: tst.genTime instanceof Date && !Number.isNaN(tst.genTime.getTime()) ? tst.genTime : null,
    tsaName,
    tsaCertificate: verification.signerCertificate,
    policy: tst.policy || null,
    checks: [imprint, signatureCheck],
    valid: imprint.status === 'PASSED' && signatureCheck.status === 'PASSED',
  };
}
