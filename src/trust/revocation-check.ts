/**
 * `trust.revocation` from CRLs (RFC 5280 §6.3): for each certificate of the path below the
 * anchor, the CRLs whose issuer name matches its issuer, signed by that issuer's key (the next
 * certificate of the path; keyUsage cRLSign when keyUsage is present), complete and in scope.
 *
 * - Listed with a revocation date at or before `at` → FAILED / REVOKED. This holds whatever the
 *   CRL's thisUpdate: a CRL issued after `at` that dates the revocation before `at` proves the
 *   certificate was revoked at `at` (so the test PKI's CRL of 2026-11-01 revokes, at 2026-06-01,
 *   the certificate revoked on 2026-03-01). certificateHold counts: LEGAL.md §4 treats a
 *   suspended certificate as not valid.
 * - Listed with a later date → not revoked at `at`.
 * - Not listed: "good" when the CRL was current at `at` (thisUpdate ≤ at ≤ nextUpdate), or was
 *   issued later while the certificate was still unexpired (a CA may drop expired certificates
 *   from its CRLs, §3.3, so a later CRL says nothing about an expired certificate unless it
 *   carries expiredCertsOnCRL). A CRL whose nextUpdate is before `at` is stale: no current data.
 *
 * OCSP responses (ocsp-response.ts) count the same way, once their signer is shown to be allowed
 * to answer for the issuer: "revoked" at or before `at` → REVOKED; "good" from a response current
 * at `at`, or produced later while the certificate was unexpired → not revoked; "unknown" says
 * nothing. Either source suffices; a revocation found by either wins.
 *
 * No usable data, or only stale data, for the signer's certificate: what that means is the
 * revocation policy's (`--revocation`): `soft` (default) reports it — SKIPPED, naming TRY_LATER
 * (nothing at all) or REVOCATION_OUT_OF_BOUNDS_NO_POE (only data that does not cover `at`) —
 * without failing the signature; `hard` makes it INDETERMINATE with that sub-indication; `off`
 * does not look (SKIPPED, saying so). A revocation that is found counts under every policy but
 * `off`.
 */
import type { Check, RevocationFacts } from '../report/model.js';
import type { CrlInfo, RevocationEntry } from './certificate-revocation-list.js';
import { normaliseSerial } from './certificate-revocation-list.js';
import { ocspAuthority, singleFor, type OcspInfo } from './ocsp-response.js';
import { displayName, toPathCertificate, type PathCertificate } from './path-certificate.js';
import type { TrustStore } from './trust-store.js';

export type RevocationPolicy = 'hard' | 'soft' | 'off';

/** Where a verdict about one certificate comes from. */
export interface RevocationEvidence {
  readonly source: 'CRL' | 'OCSP';
  /** The CRL's or the single response's thisUpdate. */
  readonly thisUpdate: Date;
  /** Who signed it (the CRL issuer, the OCSP responder). */
  readonly by: string;
}

export type CertificateRevocationStatus =
  | {
      readonly status: 'REVOKED';
      readonly revokedAt: Date;
      readonly reason: string | null;
      readonly evidence: RevocationEvidence;
    }
  | {
      readonly status: 'GOOD';
      readonly evidence: RevocationEvidence;
      readonly revokedLater: Date | null;
    }
  | { readonly status: 'UNKNOWN'; readonly why: string; readonly stale: boolean };

const crlEvidence = (crl: CrlInfo): RevocationEvidence => ({
  source: 'CRL',
  thisUpdate: crl.thisUpdate,
  by: crl.issuer.commonName ?? crl.issuer.text,
});

/** Whether evidence issued at `thisUpdate`, good until `nextUpdate`, speaks for `at`. */
function speaksFor(
  cert: PathCertificate,
  thisUpdate: Date,
  nextUpdate: Date | null,
  at: number,
  expiredListedFrom: Date | null = null,
): boolean {
  if (thisUpdate.getTime() <= at) return nextUpdate === null || at <= nextUpdate.getTime();
  // Issued later: it still speaks for `at` while the issuer keeps the certificate in its data,
  // i.e. until it expires (RFC 5280 §3.3), or longer with expiredCertsOnCRL.
  return (
    cert.info.notAfter.getTime() >= thisUpdate.getTime() ||
    (expiredListedFrom !== null && expiredListedFrom.getTime() <= cert.info.notAfter.getTime())
  );
}

/** What the CRLs say about `cert` (issued by `issuer`) at `at`. */
export function crlStatus(
  cert: PathCertificate,
  issuer: PathCertificate,
  crls: readonly CrlInfo[],
  store: TrustStore,
  at: Date,
): CertificateRevocationStatus {
  const ignored: string[] = [];
  const usable: CrlInfo[] = [];
  const isCa = cert.basicConstraints?.cA === true;
  for (const crl of crls) {
    if (crl.issuerKey !== cert.issuerKey) continue;
    if (crl.unusable !== null) ignored.push(crl.unusable);
    else if ((crl.scope === 'ca' && !isCa) || (crl.scope === 'end-entity' && isCa))
      ignored.push(`CRL limited to ${crl.scope} certificates`);
    else if (issuer.info.keyUsage !== null && !issuer.info.keyUsage.cRLSign)
      ignored.push(`"${displayName(issuer)}" may not sign CRLs (no cRLSign)`);
    else if (!store.verifiesCrl(crl, issuer))
      ignored.push(`CRL signature does not verify with the key of "${displayName(issuer)}"`);
    else usable.push(crl);
  }
  if (usable.length === 0)
    return {
      status: 'UNKNOWN',
      why: ignored.length ? `no usable CRL (${ignored.join('; ')})` : 'no revocation data',
      stale: false,
    };
  const serial = normaliseSerial(cert.info.serialNumber);
  const t = at.getTime();
  const revoked = usable
    .map((crl) => ({ crl, entry: crl.entries.get(serial) }))
    .filter(
      (x): x is { crl: CrlInfo; entry: RevocationEntry } =>
        x.entry !== undefined && x.entry.reason !== 'removeFromCRL',
    )
    .sort((a, b) => a.entry.revokedAt.getTime() - b.entry.revokedAt.getTime());
  const before = revoked.find((x) => x.entry.revokedAt.getTime() <= t);
  if (before)
    return {
      status: 'REVOKED',
      revokedAt: before.entry.revokedAt,
      reason: before.entry.reason,
      evidence: crlEvidence(before.crl),
    };
  const later = revoked[0]?.entry.revokedAt ?? null;
  const current = usable
    .filter((crl) => speaksFor(cert, crl.thisUpdate, crl.nextUpdate, t, crl.expiredCertsOnCrl))
    .sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0];
  if (current) return { status: 'GOOD', evidence: crlEvidence(current), revokedLater: later };
  const newest = [...usable].sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0]!;
  return {
    status: 'UNKNOWN',
    stale: true,
    why:
      newest.thisUpdate.getTime() <= t
        ? `no current revocation data: the newest CRL's nextUpdate ${newest.nextUpdate?.toISOString()} is before ${at.toISOString()}`
        : `no revocation data for ${at.toISOString()}: the certificate had expired when the CRL of ${newest.thisUpdate.toISOString()} was issued`,
  };
}

/**
 * What the OCSP responses say about `cert` (issued by `issuer`) at `at`. A delegated responder
 * without id-pkix-ocsp-nocheck has its own certificate checked against the issuer's CRLs
 * (RFC 6960 §4.2.2.2.1): revoked when the response was produced → the response is refused.
 */
export function ocspStatus(
  cert: PathCertificate,
  issuer: PathCertificate,
  responses: readonly OcspInfo[],
  responderCandidates: readonly Uint8Array[],
  at: Date,
  responderCrls: { readonly crls: readonly CrlInfo[]; readonly store: TrustStore } | null = null,
): CertificateRevocationStatus {
  const t = at.getTime();
  const ignored: string[] = [];
  const found: { single: NonNullable<ReturnType<typeof singleFor>>; by: string }[] = [];
  for (const ocsp of responses) {
    if (ocsp.failure !== null) continue;
    const single = singleFor(ocsp, cert, issuer);
    if (single === null) continue;
    const authority = ocspAuthority(ocsp, issuer, responderCandidates);
    if (!authority.ok) {
      ignored.push(`OCSP response not accepted: ${authority.why}`);
      continue;
    }
    if (authority.responder !== null && !authority.noCheck && responderCrls !== null) {
      const responder = toPathCertificate(authority.responder, 'ocsp-responder');
      const own = crlStatus(
        responder,
        issuer,
        responderCrls.crls,
        responderCrls.store,
        ocsp.producedAt ?? at,
      );
      if (own.status === 'REVOKED') {
        ignored.push(
          `OCSP response not accepted: its responder "${authority.signer}" was revoked on ${own.revokedAt.toISOString()}`,
        );
        continue;
      }
    }
    if (single.status !== 'unknown') found.push({ single, by: authority.signer });
  }
  const evidence = (x: (typeof found)[number]): RevocationEvidence => ({
    source: 'OCSP',
    thisUpdate: x.single.thisUpdate,
    by: x.by,
  });
  const revoked = found
    .filter((x) => x.single.status === 'revoked')
    .sort((a, b) => a.single.revokedAt!.getTime() - b.single.revokedAt!.getTime());
  const before = revoked.find((x) => x.single.revokedAt!.getTime() <= t);
  if (before)
    return {
      status: 'REVOKED',
      revokedAt: before.single.revokedAt!,
      reason: before.single.reason,
      evidence: evidence(before),
    };
  // A "revoked" dated after `at` says the certificate was good at `at`.
  const good = found
    .filter((x) => x.single.status === 'good' || x.single.revokedAt!.getTime() > t)
    .filter((x) => speaksFor(cert, x.single.thisUpdate, x.single.nextUpdate, t))
    .sort((a, b) => b.single.thisUpdate.getTime() - a.single.thisUpdate.getTime())[0];
  if (good)
    return {
      status: 'GOOD',
      evidence: evidence(good),
      revokedLater: revoked[0]?.single.revokedAt ?? null,
    };
  if (found.length > 0)
    return {
      status: 'UNKNOWN',
      stale: true,
      why: `no OCSP response covers ${at.toISOString()} (newest thisUpdate ${found
        .map((x) => x.single.thisUpdate.toISOString())
        .sort()
        .at(-1)})`,
    };
  return {
    status: 'UNKNOWN',
    stale: false,
    why: ignored.length ? ignored.join('; ') : 'no revocation data',
  };
}

/** One verdict from both sources: a revocation from either, else "good" from either. */
function combined(
  crl: CertificateRevocationStatus,
  ocsp: CertificateRevocationStatus,
): CertificateRevocationStatus {
  const revoked = [crl, ocsp].filter((s) => s.status === 'REVOKED');
  if (revoked.length > 0)
    return revoked.sort((a, b) => a.revokedAt.getTime() - b.revokedAt.getTime())[0]!;
  const good = [crl, ocsp].filter((s) => s.status === 'GOOD');
  if (good.length > 0)
    return good.sort(
      (a, b) => b.evidence.thisUpdate.getTime() - a.evidence.thisUpdate.getTime(),
    )[0]!;
  const unknown = [crl, ocsp] as Extract<CertificateRevocationStatus, { status: 'UNKNOWN' }>[];
  const stale = unknown.find((u) => u.stale);
  if (stale) return stale;
  const said = unknown.map((u) => u.why).filter((w) => w !== 'no revocation data');
  return {
    status: 'UNKNOWN',
    stale: false,
    why: said.length ? said.join('; ') : 'no revocation data',
  };
}

export interface RevocationOutcome {
  readonly check: Check;
  readonly facts: RevocationFacts;
}

export interface RevocationInputs {
  readonly extraCrls: readonly CrlInfo[];
  readonly ocsps: readonly OcspInfo[];
  /** Certificates that may be delegated OCSP responders (embedded, DSS). */
  readonly responderCandidates: readonly Uint8Array[];
  readonly policy: RevocationPolicy;
  /** Told about each certificate left without usable data (`--online` fetches for them). */
  readonly want?: (cert: Uint8Array, issuer: Uint8Array) => void;
}

export function revocationCheck(
  path: readonly PathCertificate[],
  anchored: boolean,
  store: TrustStore,
  inputs: RevocationInputs,
  at: Date,
  signingTime?: { readonly claimed: Date | null; readonly atIsProof: boolean },
): RevocationOutcome {
  const unknown: RevocationFacts = { status: 'UNKNOWN', source: null, revokedAt: null };
  if (inputs.policy === 'off')
    return {
      check: {
        id: 'trust.revocation',
        status: 'SKIPPED',
        detail: 'revocation not checked (--revocation off)',
        params: { reason: 'policy-off', disabledBy: '--revocation off' },
      },
      facts: unknown,
    };
  if (anchored && path.length === 1)
    return {
      check: {
        id: 'trust.revocation',
        status: 'SKIPPED',
        detail: 'the certificate is a trust anchor: revocation is not checked',
        params: { reason: 'trust-anchor' },
      },
      facts: unknown,
    };
  // Every certificate that has an issuer in the path, the anchor excepted.
  const statuses: { cert: PathCertificate; index: number; result: CertificateRevocationStatus }[] =
    [];
  for (let i = 0; i + 1 < path.length; i++) {
    const cert = path[i]!;
    const issuer = path[i + 1]!;
    const crls = [...store.crlsFor(cert.issuerKey), ...inputs.extraCrls];
    const result = combined(
      crlStatus(cert, issuer, crls, store, at),
      ocspStatus(cert, issuer, inputs.ocsps, inputs.responderCandidates, at, { crls, store }),
    );
    if (result.status === 'UNKNOWN') inputs.want?.(cert.info.der, issuer.info.der);
    statuses.push({ cert, index: i, result });
  }
  const leaf = statuses[0];
  const revoked = statuses.find((s) => s.result.status === 'REVOKED');
  if (revoked && revoked.result.status === 'REVOKED') {
    const { revokedAt, reason, evidence } = revoked.result;
    const which = revoked.index === 0 ? 'signer' : 'ca';
    // ETSI EN 319 102-1 §5.2.6 / §5.6.2.4: revoked at the validation time. Proven to exist only
    // after the revocation (a timestamp at `at`), or claimed so by the signer itself → REVOKED.
    // Claimed before the revocation but with no proof of it → REVOKED_NO_POE: the signature may
    // be older than the revocation, nothing shows it (a timestamp would decide).
    const noProof =
      signingTime !== undefined &&
      !signingTime.atIsProof &&
      signingTime.claimed !== null &&
      signingTime.claimed.getTime() < revokedAt.getTime();
    return {
      check: {
        id: 'trust.revocation',
        status: noProof ? 'INDETERMINATE' : 'FAILED',
        detail: `"${displayName(revoked.cert)}" was revoked on ${revokedAt.toISOString()}${reason ? ` (${reason})` : ''}, per the ${evidence.source} of "${evidence.by}" of ${evidence.thisUpdate.toISOString()}`,
        params: {
          reason: 'revoked',
          which,
          subject: displayName(revoked.cert),
          revokedAt: revokedAt.toISOString(),
          revocationReason: reason ?? 'unspecified',
          source: evidence.source,
          ...(noProof ? { claimedSigningTime: signingTime.claimed!.toISOString() } : {}),
        },
        subIndication: noProof
          ? which === 'signer'
            ? 'REVOKED_NO_POE'
            : 'REVOKED_CA_NO_POE'
          : 'REVOKED',
      },
      facts:
        which === 'signer'
          ? {
              status: 'REVOKED',
              source: evidence.source,
              revokedAt: revokedAt.toISOString(),
              producedAt: evidence.thisUpdate.toISOString(),
            }
          : { status: 'UNKNOWN', source: null, revokedAt: null },
    };
  }
  if (!leaf)
    return {
      check: {
        id: 'trust.revocation',
        status: 'SKIPPED',
        detail: 'no revocation data: the issuer of the certificate is unknown',
        params: { reason: 'no-data' },
      },
      facts: unknown,
    };
  const caChecked = statuses.slice(1).filter((s) => s.result.status === 'GOOD').length;
  if (leaf.result.status === 'GOOD') {
    const { evidence, revokedLater } = leaf.result;
    const later = revokedLater ? `; revoked later, on ${revokedLater.toISOString()}` : '';
    const what =
      evidence.source === 'CRL'
        ? `the CRL of ${evidence.thisUpdate.toISOString()} does not list it`
        : `the OCSP response of ${evidence.thisUpdate.toISOString()} by "${evidence.by}" says good`;
    return {
      check: {
        id: 'trust.revocation',
        status: 'PASSED',
        detail: `not revoked at ${at.toISOString()}: ${what}${later}; CA certificates with revocation data: ${caChecked} of ${statuses.length - 1}`,
        params: {
          source: evidence.source,
          thisUpdate: evidence.thisUpdate.toISOString(),
          ...(evidence.source === 'CRL'
            ? { crlThisUpdate: evidence.thisUpdate.toISOString() }
            : {}),
          ...(revokedLater ? { revokedLater: revokedLater.toISOString() } : {}),
        },
      },
      facts: {
        status: 'GOOD',
        source: evidence.source,
        revokedAt: null,
        producedAt: evidence.thisUpdate.toISOString(),
      },
    };
  }
  const result = leaf.result as Extract<CertificateRevocationStatus, { status: 'UNKNOWN' }>;
  const sub = result.stale ? 'REVOCATION_OUT_OF_BOUNDS_NO_POE' : 'TRY_LATER';
  const hard = inputs.policy === 'hard';
  return {
    check: {
      id: 'trust.revocation',
      status: hard ? 'INDETERMINATE' : 'SKIPPED',
      detail: result.why,
      params: {
        reason: result.stale ? 'stale' : 'no-data',
        ...(result.stale ? { outOfBounds: sub } : { tryLater: sub }),
        policy: inputs.policy,
      },
      ...(hard ? { subIndication: sub } : {}),
    },
    facts: unknown,
  };
}
