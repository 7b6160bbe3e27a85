/**
 * `trust.keyusage`: may the leaf certificate be used for what it was used for?
 * - a signature: keyUsage digitalSignature or nonRepudiation (RFC 5280 §4.2.1.3, ETSI EN 319
 *   412-2 §4.3.2), or no keyUsage at all; and not a certificate dedicated to a service by its
 *   extended key usage (a TSA or OCSP responder certificate, RFC 3161 §2.3, RFC 6960 §4.2.2.2);
 * - a timestamp: extended key usage id-kp-timeStamping as its only purpose, in a critical
 *   extension (RFC 3161 §2.3: "MUST contain only one instance … This extension MUST be critical").
 * A mismatch is INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE, as DSS reports a key usage that the
 * validation constraints do not accept.
 */
import type { Check } from '../report/model.js';
import { allowsSigning, type CertificateInfo } from './certificate-info.js';

export type ChainPurpose = 'signature' | 'timestamp' | 'any';

const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';

function usageList(info: CertificateInfo): string {
  if (info.keyUsage === null) return '(no keyUsage extension)';
  const on = Object.entries(info.keyUsage)
    .filter(([, v]) => v)
    .map(([k]) => k);
  return on.length ? on.join(', ') : '(none)';
}

export function keyUsageCheck(leaf: CertificateInfo, purpose: ChainPurpose): Check {
  const name = leaf.subject.commonName ?? leaf.subject.text;
  const params = { purpose, keyUsage: usageList(leaf), extKeyUsage: leaf.extKeyUsage.join(', ') };
  if (purpose === 'any')
    return {
      id: 'trust.keyusage',
      status: 'SKIPPED',
      detail: 'no particular use to check',
      params,
    };
  if (purpose === 'timestamp') {
    const problem = !leaf.extKeyUsage.includes(TIME_STAMPING)
      ? 'no id-kp-timeStamping'
      : leaf.extKeyUsage.length > 1
        ? 'id-kp-timeStamping is not its only extended key usage'
        : !leaf.extKeyUsageCritical
          ? 'its extended key usage extension is not critical'
          : null;
    return problem === null
      ? { id: 'trust.keyusage', status: 'PASSED', detail: 'id-kp-timeStamping (critical)', params }
      : {
          id: 'trust.keyusage',
          status: 'INDETERMINATE',
          detail: `"${name}" is not a time-stamping certificate (${problem})`,
          params: { ...params, reason: 'not-timestamping' },
          subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
        };
  }
  const serviceOnly =
    leaf.extKeyUsage.length > 0 &&
    leaf.extKeyUsage.every((p) => p === TIME_STAMPING || p === OCSP_SIGNING);
  if (!allowsSigning(leaf))
    return {
      id: 'trust.keyusage',
      status: 'INDETERMINATE',
      detail: `"${name}" does not allow signing: keyUsage ${params.keyUsage} (digitalSignature or nonRepudiation needed)`,
      params: { ...params, reason: 'no-signing-usage' },
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
    };
  if (serviceOnly)
    return {
      id: 'trust.keyusage',
      status: 'INDETERMINATE',
      detail: `"${name}" is a service certificate (extKeyUsage ${params.extKeyUsage}), not a signer's`,
      params: { ...params, reason: 'service-certificate' },
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
    };
  return {
    id: 'trust.keyusage',
    status: 'PASSED',
    detail: `keyUsage ${params.keyUsage}`,
    params,
  };
}
