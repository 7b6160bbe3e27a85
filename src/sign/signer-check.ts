/**
 * Refuses to produce signatures that every validator will reject: a certificate outside its
 * validity period at the signing time (RFC 5280 §4.1.2.5), or one whose key usage does not
 * allow signing (ETSI EN 319 412-2 §4.3.2). Tests may override both to make defective samples.
 */
import { HosoError } from '../kernel/index.js';
import { allowsSigning, type CertificateInfo } from '../trust/index.js';

export interface SignerCheckOptions {
  readonly allowExpired?: boolean;
  readonly allowBadKeyUsage?: boolean;
}

export type SignerWarning = 'expired' | 'not-yet-valid' | 'key-usage';

export function checkSigner(
  info: CertificateInfo,
  at: Date,
  opts: SignerCheckOptions,
): SignerWarning[] {
  const warnings: SignerWarning[] = [];
  if (at.getTime() > info.notAfter.getTime()) {
    if (!opts.allowExpired) {
      throw new HosoError('SIGNER_EXPIRED', {
        params: { notAfter: info.notAfter.toISOString().slice(0, 10) },
      });
    }
    warnings.push('expired');
  }
  if (at.getTime() < info.notBefore.getTime()) {
    if (!opts.allowExpired) {
      throw new HosoError('SIGNER_NOT_YET_VALID', {
        params: { notBefore: info.notBefore.toISOString().slice(0, 10) },
      });
    }
    warnings.push('not-yet-valid');
  }
  if (!allowsSigning(info)) {
    if (!opts.allowBadKeyUsage) throw new HosoError('SIGNER_KEY_USAGE');
    warnings.push('key-usage');
  }
  return warnings;
}
