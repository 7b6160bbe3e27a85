/**
 * `--trust`, `--crl`, `--certs` (and the config's `trust`) → a TrustStore: anchors are what the
 * operator trusts; `--certs` only helps build paths; CRLs found beside the anchors count too.
 */
import { HosoError, isHosoError } from '../kernel/index.js';
import { TrustStore } from '../trust/index.js';
import { loadTrustPaths } from './trust-paths.js';

export interface TrustOptionInput {
  readonly trust: readonly string[];
  readonly crl: readonly string[];
  readonly certs: readonly string[];
  readonly command: string;
}

/**
 * Trust material that cannot be read is an environment problem (CLI.md: exit 4), not bad input
 * to the command: the files being verified are fine, the operator's trust store is not.
 */
export function loadTrustOptions(input: TrustOptionInput): {
  trust: TrustStore;
  extraCertificates: Uint8Array[];
} {
  try {
    return load(input);
  } catch (e) {
    if (isHosoError(e) && e.exitCode === 3) {
      throw new HosoError('TRUST_STORE_INVALID', { params: { detail: e.message }, cause: e });
    }
    throw e;
  }
}

function load(input: TrustOptionInput): { trust: TrustStore; extraCertificates: Uint8Array[] } {
  const anchors = loadTrustPaths(input.trust, { want: 'certificates', command: input.command });
  const crls = loadTrustPaths(input.crl, { want: 'crls', command: input.command });
  const certs = loadTrustPaths(input.certs, { want: 'certificates', command: input.command });
  const trust = TrustStore.fromBytes({
    anchors: anchors.certificates,
    intermediates: certs.certificates,
    crls: [...anchors.crls, ...crls.crls, ...certs.crls],
  });
  return { trust, extraCertificates: certs.certificates.map((c) => c.der) };
}
