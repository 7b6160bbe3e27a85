/**
 * One SignerInfo, from maths to trust (ETSI EN 319 102-1 §5): integrity and signature value
 * (src/cms verifySigner), the certification path, validity, key usage and revocation
 * (src/trust buildChain), the algorithm policy, and the signature timestamp (RFC 3161) with its
 * TSA's own path. Everything found is a check; nothing here throws for a bad signature.
 */
import {
  verifySigner,
  verifyTimeStampToken,
  type ParsedSignedData,
  type ParsedSigner,
} from '../cms/index.js';
import type { Check, SignatureReport, SignerFacts } from '../report/model.js';
import {
  algorithmPolicy,
  buildChain,
  certificateInfo,
  DIGEST_OIDS,
  type AlgorithmPolicyMode,
  type ChainPurpose,
  type OnlineRevocation,
  type RevocationPolicy,
  type TrustStore,
} from '../trust/index.js';
import type { DssContents } from '../pdf/index.js';

export interface AssessContext {
  readonly trust: TrustStore;
  /** Validation time. */
  readonly at: Date;
  readonly policy: AlgorithmPolicyMode;
  /** `--certs`: more candidate intermediates. */
  readonly extraCertificates: readonly Uint8Array[];
  /** `--revocation`: what missing revocation data means. Default soft. */
  readonly revocation?: RevocationPolicy;
  /** `--online`: data fetched so far, and where to note what is missing (revocation-fetch.ts). */
  readonly online?: OnlineRevocation;
}

/**
 * Validation material that comes with the document rather than with this signature: a PDF's
 * Document Security Store (ISO 32000-2 §12.8.4.3) — certificates, CRLs and OCSP responses
 * gathered for long-term validation.
 */
export type DocumentEvidence = DssContents;

const NO_EVIDENCE: DocumentEvidence = { certificates: [], crls: [], ocsps: [] };

type AssessedFacts = Pick<
  SignatureReport,
  | 'signer'
  | 'signingTime'
  | 'claimedSigningTime'
  | 'signingTimeSource'
  | 'timestamp'
  | 'chain'
  | 'revocation'
>;

const OID_OF_DIGEST = new Map(
  Object.entries(DIGEST_OIDS).map(([oid, name]) => [name as string, oid]),
);

export function noSignerFacts(): AssessedFacts {
  return {
    signer: {
      commonName: null,
      organization: null,
      serialNumber: null,
      issuer: null,
      certificateSha256: null,
    },
    signingTime: null,
    claimedSigningTime: null,
    signingTimeSource: null,
    timestamp: null,
    chain: [],
    revocation: { status: 'UNKNOWN', source: null, revokedAt: null },
  };
}

function signerFacts(der: Uint8Array): SignerFacts {
  const info = certificateInfo(der);
  return {
    commonName: info.subject.commonName,
    organization: info.subject.organization,
    serialNumber: info.serialNumber,
    issuer: info.issuer.commonName ?? info.issuer.text,
    certificateSha256: info.sha256,
    identifiers: info.subject.uid,
  };
}

export function assessSigner(
  parsed: ParsedSignedData,
  signer: ParsedSigner,
  contentDigest: (algorithm: string) => Uint8Array | null,
  ctx: AssessContext,
  claimedTime: Date | null,
  purpose: ChainPurpose = 'signature',
  document: DocumentEvidence = NO_EVIDENCE,
  /** The time of a valid document timestamp covering this signature, if any (verify-pdf.ts). */
  documentProof: Date | null = null,
): { checks: Check[]; facts: AssessedFacts } {
  // Revocation evidence from every place it can travel: the SignedData's crls, the signer's
  // adbe-revocationInfoArchival attribute, the document's DSS.
  const online = ctx.online;
  const crls = [
    ...parsed.crls,
    ...signer.revocationArchive.crls,
    ...document.crls,
    ...(online?.crls ?? []),
  ];
  const ocsps = [...signer.revocationArchive.ocsps, ...document.ocsps, ...(online?.ocsps ?? [])];
  const missing = online ? { onMissingRevocation: online.want.bind(online) } : {};
  const candidates = [...parsed.certificates, ...document.certificates, ...ctx.extraCertificates];
  const revocationPolicy = ctx.revocation ?? 'soft';
  // Signers that sign their attributes in received rather than DER order (node-forge) pass only
  // under --policy lenient: RFC 5652 §5.4 and the ETSI plugtests reject them; NSS/Adobe accept.
  const v = verifySigner(parsed, signer, {
    contentDigest,
    extraCertificates: ctx.extraCertificates,
    acceptNonDerAttributeOrder: ctx.policy === 'lenient',
  });
  const checks: Check[] = [...v.checks];
  const facts: AssessedFacts = { ...noSignerFacts() };
  const signingTime = signer.signingTime ?? claimedTime;
  let out: AssessedFacts = {
    ...facts,
    signingTime: signingTime ? signingTime.toISOString() : null,
    claimedSigningTime: signingTime ? signingTime.toISOString() : null,
    signingTimeSource: signer.signingTime ? 'signed-attribute' : claimedTime ? 'pdf-m' : null,
  };

  // Signature timestamp: over the signature value (RFC 3161 Appendix A). Its TSA must chain to an
  // anchor too; as proof of existence it only counts when both hold (issue 7 uses it for time).
  const token = signer.timestampTokens[0];
  if (token) {
    const ts = verifyTimeStampToken(token, signer.signature, {
      extraCertificates: ctx.extraCertificates,
    });
    checks.push(...ts.checks);
    let tsaTrusted = false;
    if (ts.tsaCertificate) {
      const tsaChain = buildChain(ts.tsaCertificate, {
        embedded: candidates,
        store: ctx.trust,
        at: ts.time ?? ctx.at,
        purpose: 'timestamp',
        crls,
        ocsps,
        revocationPolicy,
        ...missing,
      });
      tsaTrusted =
        tsaChain.anchored &&
        tsaChain.checks.every((c) => c.status === 'PASSED' || c.status === 'SKIPPED');
    }
    const status: Check['status'] = !ts.valid ? 'FAILED' : tsaTrusted ? 'PASSED' : 'INDETERMINATE';
    checks.push({
      id: 'timestamp',
      status,
      detail: !ts.valid
        ? 'the signature timestamp token does not verify'
        : tsaTrusted
          ? `timestamped ${ts.time?.toISOString() ?? ''} by ${ts.tsaName ?? 'unknown TSA'}`
          : `the timestamp authority ${ts.tsaName ?? ''} does not chain to a trust anchor`,
      params: { tsa: ts.tsaName ?? '', time: ts.time?.toISOString() ?? '' },
      ...(status === 'FAILED'
        ? { subIndication: 'SIG_CRYPTO_FAILURE' as const }
        : status === 'INDETERMINATE'
          ? { subIndication: 'NO_CERTIFICATE_CHAIN_FOUND' as const }
          : {}),
    });
    out = {
      ...out,
      timestamp: ts.time
        ? { time: ts.time.toISOString(), tsa: ts.tsaName ?? '', valid: ts.valid && tsaTrusted }
        : null,
      ...(ts.valid && tsaTrusted && ts.time
        ? { signingTime: ts.time.toISOString(), signingTimeSource: 'timestamp' as const }
        : {}),
    };
  } else {
    checks.push({ id: 'timestamp', status: 'SKIPPED', detail: 'no signature timestamp' });
  }

  const cert = v.signerCertificate;
  if (!cert) return { checks, facts: out };
  out = { ...out, signer: signerFacts(cert) };
  // The best proof of existence decides the time the signer's certificate is judged at (ETSI
  // EN 319 102-1 §5.6.2, past signature validation): a trusted signature timestamp no later than
  // the validation time. A certificate that expired or was revoked after it still passes; one
  // revoked before it fails. Without a timestamp the validation time is used, and the signer's
  // own claim only tells REVOKED from REVOKED_NO_POE (revocation-check.ts).
  // A document timestamp over a later revision proves existence as well; the earliest proof wins.
  const proofs = [
    out.timestamp?.valid === true ? Date.parse(out.timestamp.time) : NaN,
    documentProof?.getTime() ?? NaN,
  ].filter((t) => t <= ctx.at.getTime());
  const proof = proofs.length > 0 ? new Date(Math.min(...proofs)) : null;
  const chain = buildChain(cert, {
    embedded: candidates,
    store: ctx.trust,
    at: proof ?? ctx.at,
    crls,
    ocsps,
    purpose,
    revocationPolicy,
    signingTime: { claimed: signingTime, atIsProof: proof !== null },
    ...missing,
  });
  checks.push(...chain.checks);
  const digestOid = OID_OF_DIGEST.get(signer.digestAlgorithm) ?? signer.digestAlgorithm;
  const pssHash = signer.signatureAlgorithm.pss?.hash;
  checks.push(
    algorithmPolicy({
      chain,
      signature: {
        digestAlgorithm: digestOid,
        signatureAlgorithm: signer.signatureAlgorithm.oid,
        signatureHash: pssHash ? (OID_OF_DIGEST.get(pssHash) ?? pssHash) : null,
        key: certificateInfo(cert).publicKey,
      },
      at: ctx.at,
      policy: ctx.policy,
    }),
  );
  return { checks, facts: { ...out, chain: chain.chain, revocation: chain.revocation } };
}
