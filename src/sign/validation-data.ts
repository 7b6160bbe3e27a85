/**
 * Validation data for long-term validation (ETSI EN 319 142-1 §5.4.2, PAdES B-LT; ETSI EN
 * 319 102-1 §5.2.6): for a certificate that signed something — a signer, a timestamp authority —
 * its certification path and, for every certificate of the path that has an issuer in it, the
 * CRLs and OCSP responses that say whether it was revoked.
 *
 * The path is built by src/trust's path builder from the certificates at hand (the key's chain
 * and --certs, or those the CMS carries) with no trust anchor: signing is no place to decide
 * trust, and the path simply goes as far as those certificates reach, to a root when they hold
 * one. Revocation data comes from the files the user gave and, with `--online`, from the URLs in
 * the certificates (revocation-fetch.ts), fetched for every certificate below the top of the path.
 *
 * What is kept is what a validator would use: an item is embedded only when, read by the same
 * revocation check `hoso verify` runs, it decides (good or revoked, current at `at`) the status of
 * a certificate of the path. A CRL of another CA, or one whose nextUpdate has passed, is no
 * validation data for this signature and is left out rather than shipped as dead weight.
 */
import type { RevocationFacts } from '../report/model.js';
import {
  buildChain,
  parseOcspResponse,
  TrustStore,
  type ChainPurpose,
  type OnlineRevocation,
} from '../trust/index.js';

/** Where revocation data comes from. */
export interface RevocationSources {
  /** CRLs the user gave (`--crl`), DER. */
  readonly crls: readonly Uint8Array[];
  /** OCSP responses the user gave (`--ocsp`), DER. */
  readonly ocsps: readonly Uint8Array[];
  /** `--online`: fetches from the certificates' AIA and CRL distribution points. */
  readonly online?: OnlineRevocation;
}

export interface PathEvidence {
  /** The certification path, leaf first, as far as the certificates at hand reach. */
  readonly path: readonly Uint8Array[];
  /** CRLs and OCSP responses that decide the status of a certificate of the path. */
  readonly crls: readonly Uint8Array[];
  readonly ocsps: readonly Uint8Array[];
  /** Certificates that came with those OCSP responses (delegated responders). */
  readonly responders: readonly Uint8Array[];
  /** What the data says about the leaf at `at`. */
  readonly leaf: RevocationFacts;
  /** Why the leaf's status is unknown, when it is (the revocation check's own words). */
  readonly unknownBecause: string | null;
}

/** One store for a whole run: it caches the signature checks of path links. */
const NO_ANCHORS = TrustStore.empty();

function statusOf(
  cert: Uint8Array,
  pool: readonly Uint8Array[],
  at: Date,
  purpose: ChainPurpose,
  crls: readonly Uint8Array[],
  ocsps: readonly Uint8Array[],
) {
  return buildChain(cert, { embedded: pool, store: NO_ANCHORS, at, purpose, crls, ocsps });
}

const decides = (facts: RevocationFacts) => facts.status !== 'UNKNOWN';

/**
 * The path of `leaf` among `pool`, and the revocation data from `sources` that decides the
 * status of its certificates at `at`. With `online`, asks for every certificate below the top
 * of the path first.
 */
export async function pathEvidence(
  leaf: Uint8Array,
  pool: readonly Uint8Array[],
  sources: RevocationSources,
  at: Date,
  purpose: ChainPurpose,
): Promise<PathEvidence> {
  const path = statusOf(leaf, pool, at, purpose, [], []).path.map((c) => c.der);
  const online = sources.online;
  if (online) {
    for (let i = 0; i + 1 < path.length; i++) online.want(path[i]!, path[i + 1]!);
    await online.fetchWanted();
  }
  const allCrls = unique([...sources.crls, ...(online?.crls ?? [])]);
  const allOcsps = unique([...sources.ocsps, ...(online?.ocsps ?? [])]);
  // Each item against each certificate below the top: kept when it decides one of them.
  const below = path.slice(0, -1);
  const decidesSome = (crls: Uint8Array[], ocsps: Uint8Array[]) =>
    below.some((cert) => decides(statusOf(cert, pool, at, purpose, crls, ocsps).revocation));
  const crls = allCrls.filter((crl) => decidesSome([crl], []));
  const ocsps = allOcsps.filter((ocsp) => decidesSome([], [ocsp]));
  const responders = unique(ocsps.flatMap((o) => [...parseOcspResponse(o).certificates]));
  // The verdict from everything (what is left out decides nothing), so that when it is "unknown"
  // the reason names the stale CRL rather than saying there was no data at all.
  const chain = statusOf(leaf, pool, at, purpose, allCrls, allOcsps);
  const check = chain.checks.find((c) => c.id === 'trust.revocation');
  return {
    path,
    crls,
    ocsps,
    responders,
    leaf: chain.revocation,
    unknownBecause: decides(chain.revocation) ? null : (check?.detail ?? 'no revocation data'),
  };
}

/** The items in order, each once (by content). */
export function unique(items: readonly Uint8Array[]): Uint8Array[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = Buffer.from(item).toString('base64');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
