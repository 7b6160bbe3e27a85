/**
 * `trust.validity`: is every certificate of the path inside its validity period at the
 * validation time `at` (RFC 5280 §6.1.3(a)(2); the "shell model" of ETSI EN 319 102-1 §5.2.6)?
 * The trust anchor is not judged (RFC 5280 §6.1.1(d)).
 *
 * Outcomes, following ETSI EN 319 102-1 and EU DSS:
 * - a certificate expired at `at` → INDETERMINATE / OUT_OF_BOUNDS_NO_POE: the signature may have
 *   been made while it was valid; a proof of existence (a timestamp, issue 7) can settle it.
 * - the signer's certificate not yet valid at `at` → TOTAL_FAILED / NOT_YET_VALID: the signature
 *   exists at `at` (the validation time is itself a proof of existence, EN 319 102-1 §5.5: best
 *   signature time starts at the current time), so it was made before its certificate existed.
 *   DSS reports the same (TOTAL_FAILED / NOT_YET_VALID when the best signature time precedes
 *   notBefore); ETSI never pairs NOT_YET_VALID with INDETERMINATE.
 * - a CA certificate outside its period → INDETERMINATE / OUT_OF_BOUNDS_NO_POE (DSS's X.509
 *   certificate validation building block).
 */
import type { Check } from '../report/model.js';
import { displayName, type PathCertificate } from './path-certificate.js';

export function validAt(cert: PathCertificate, at: Date): boolean {
  const t = at.getTime();
  return cert.info.notBefore.getTime() <= t && t <= cert.info.notAfter.getTime();
}

export function validityCheck(
  path: readonly PathCertificate[],
  anchored: boolean,
  at: Date,
): Check {
  const judged = anchored ? path.slice(0, -1) : path;
  const iso = at.toISOString();
  if (judged.length === 0)
    return {
      id: 'trust.validity',
      status: 'PASSED',
      detail: 'the certificate is a trust anchor (its validity period is not judged)',
      params: { reason: 'trust-anchor', at: iso },
    };
  const problems = judged
    .map((cert, index) => ({ cert, index }))
    .filter(({ cert }) => !validAt(cert, at));
  const first = problems[0];
  if (!first)
    return {
      id: 'trust.validity',
      status: 'PASSED',
      detail: `${judged.length} certificate(s) valid at ${iso}`,
      params: { at: iso, certificates: judged.length },
    };
  const notYet = problems.find(({ cert, index }) => index === 0 && cert.info.notBefore > at);
  const worst = notYet ?? first;
  const cert = worst.cert;
  const which = worst.index === 0 ? 'signer' : 'ca';
  const expired = cert.info.notAfter < at;
  const notBefore = cert.info.notBefore.toISOString();
  const notAfter = cert.info.notAfter.toISOString();
  // Only the bound that was crossed: renderers pick their sentence by the params present.
  const params = {
    reason: expired ? 'expired' : 'not-yet-valid',
    which,
    subject: displayName(cert),
    ...(expired ? { notAfter } : { notBefore }),
    at: iso,
  };
  const detail = expired
    ? `"${displayName(cert)}" expired on ${notAfter}, before the validation time ${iso}`
    : `"${displayName(cert)}" is valid only from ${notBefore}, after the validation time ${iso}`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  if (notYet)
    return {
      id: 'trust.validity',
      status: 'FAILED',
      detail: detail + more,
      params,
      subIndication: 'NOT_YET_VALID',
    };
  return {
    id: 'trust.validity',
    status: 'INDETERMINATE',
    detail: detail + more,
    params,
    subIndication: 'OUT_OF_BOUNDS_NO_POE',
  };
}
