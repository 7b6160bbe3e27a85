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
 * No usable CRL for the signer's certificate → SKIPPED "no revocation data". OCSP, fetching
 * (CRL distribution points, AIA), freshness policies and hard/soft failure come with issue 7.
 */
import type { Check, RevocationFacts } from '../report/model.js';
import type { CrlInfo, RevocationEntry } from './certificate-revocation-list.js';
import { normaliseSerial } from './certificate-revocation-list.js';
import { displayName, type PathCertificate } from './path-certificate.js';
import type { TrustStore } from './trust-store.js';

export type CertificateRevocationStatus =
  | { readonly status: 'REVOKED'; readonly entry: RevocationEntry; readonly crl: CrlInfo }
  | {
      readonly status: 'GOOD';
      readonly crl: CrlInfo;
      readonly revokedLater: RevocationEntry | null;
    }
  | { readonly status: 'UNKNOWN'; readonly why: string };

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
  if (before) return { status: 'REVOKED', entry: before.entry, crl: before.crl };
  const later = revoked[0]?.entry ?? null;
  const speaksFor = (crl: CrlInfo): boolean => {
    if (crl.thisUpdate.getTime() <= t)
      return crl.nextUpdate === null || t <= crl.nextUpdate.getTime();
    const stillListed =
      cert.info.notAfter.getTime() >= crl.thisUpdate.getTime() ||
      (crl.expiredCertsOnCrl !== null &&
        crl.expiredCertsOnCrl.getTime() <= cert.info.notAfter.getTime());
    return stillListed;
  };
  const current = usable
    .filter(speaksFor)
    .sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0];
  if (current) return { status: 'GOOD', crl: current, revokedLater: later };
  const newest = [...usable].sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0]!;
  return {
    status: 'UNKNOWN',
    why:
      newest.thisUpdate.getTime() <= t
        ? `no current revocation data: the newest CRL's nextUpdate ${newest.nextUpdate?.toISOString()} is before ${at.toISOString()}`
        : `no revocation data for ${at.toISOString()}: the certificate had expired when the CRL of ${newest.thisUpdate.toISOString()} was issued`,
  };
}

export interface RevocationOutcome {
  readonly check: Check;
  readonly facts: RevocationFacts;
}

export function revocationCheck(
  path: readonly PathCertificate[],
  anchored: boolean,
  store: TrustStore,
  extraCrls: readonly CrlInfo[],
  at: Date,
): RevocationOutcome {
  const unknown: RevocationFacts = { status: 'UNKNOWN', source: null, revokedAt: null };
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
    const crls = [...store.crlsFor(cert.issuerKey), ...extraCrls];
    statuses.push({ cert, index: i, result: crlStatus(cert, issuer, crls, store, at) });
  }
  const leaf = statuses[0];
  const revoked = statuses.find((s) => s.result.status === 'REVOKED');
  if (revoked && revoked.result.status === 'REVOKED') {
    const { entry, crl } = revoked.result;
    const which = revoked.index === 0 ? 'signer' : 'ca';
    return {
      check: {
        id: 'trust.revocation',
        status: 'FAILED',
        detail: `"${displayName(revoked.cert)}" was revoked on ${entry.revokedAt.toISOString()}${entry.reason ? ` (${entry.reason})` : ''}, listed on the CRL of "${crl.issuer.commonName ?? crl.issuer.text}" of ${crl.thisUpdate.toISOString()}`,
        params: {
          reason: 'revoked',
          which,
          subject: displayName(revoked.cert),
          revokedAt: entry.revokedAt.toISOString(),
          revocationReason: entry.reason ?? 'unspecified',
          source: 'CRL',
        },
        subIndication: 'REVOKED',
      },
      facts:
        which === 'signer'
          ? { status: 'REVOKED', source: 'CRL', revokedAt: entry.revokedAt.toISOString() }
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
    const { crl, revokedLater } = leaf.result;
    const later = revokedLater ? `; revoked later, on ${revokedLater.revokedAt.toISOString()}` : '';
    return {
      check: {
        id: 'trust.revocation',
        status: 'PASSED',
        detail: `not revoked at ${at.toISOString()}: the CRL of ${crl.thisUpdate.toISOString()} does not list it${later}; CA certificates with revocation data: ${caChecked} of ${statuses.length - 1}`,
        params: {
          source: 'CRL',
          crlThisUpdate: crl.thisUpdate.toISOString(),
          ...(revokedLater ? { revokedLater: revokedLater.revokedAt.toISOString() } : {}),
        },
      },
      facts: { status: 'GOOD', source: 'CRL', revokedAt: null },
    };
  }
  const why = leaf.result.status === 'UNKNOWN' ? leaf.result.why : 'no revocation data';
  return {
    check: {
      id: 'trust.revocation',
      status: 'SKIPPED',
      detail: why,
      params: { reason: 'no-data' },
    },
    facts: unknown,
  };
}
