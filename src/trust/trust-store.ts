/**
 * What the operator trusts and what may help build paths: trust anchors (what `--trust` and the
 * config's `trust` name), intermediate CA certificates (`--certs`: they help build paths but are
 * never trusted by themselves), and CRLs (`--crl`, or found beside the anchors). Built from
 * bytes: the CLI reads the files (src/cli/trust-paths.ts), core code does no I/O.
 *
 * An anchor is trusted as it is (RFC 5280 §6.1.1(d): name and key): its own signature and
 * validity period are not judged. Any certificate with an anchor's name and key is the anchor.
 */
import type { X509Certificate } from 'node:crypto';
import { HosoError, isHosoError } from '../kernel/index.js';
import type { CertificateInfo } from './certificate-info.js';
import { parseCrl, type CrlInfo } from './certificate-revocation-list.js';
import { toPathCertificate, type PathCertificate } from './path-certificate.js';
import { signatureVerifies } from './signature-value.js';

/** A certificate or CRL with the file it came from (for messages). */
export interface TrustInput {
  readonly der: Uint8Array;
  readonly path?: string;
}

export interface TrustStoreInput {
  readonly anchors?: readonly (Uint8Array | TrustInput)[];
  readonly intermediates?: readonly (Uint8Array | TrustInput)[];
  readonly crls?: readonly (Uint8Array | TrustInput)[];
}

/** Cached signature checks; bounded so that a long batch does not grow without limit. */
const MAX_CACHED_LINKS = 20_000;

function normalise(item: Uint8Array | TrustInput): TrustInput {
  return item instanceof Uint8Array ? { der: item } : item;
}

export class TrustStore {
  readonly anchors: readonly CertificateInfo[];
  readonly intermediates: readonly CertificateInfo[];
  readonly crls: readonly CrlInfo[];

  readonly #anchors: readonly PathCertificate[];
  readonly #bySubject = new Map<string, PathCertificate[]>();
  readonly #anchorByKey = new Map<string, PathCertificate>();
  readonly #crlsByIssuer = new Map<string, CrlInfo[]>();
  readonly #crlSources = new Map<string, string>();
  readonly #links = new Map<string, boolean>();

  private constructor(
    anchors: readonly PathCertificate[],
    intermediates: readonly PathCertificate[],
    crls: readonly { info: CrlInfo; path: string | null }[],
  ) {
    this.#anchors = anchors;
    this.anchors = anchors.map((a) => a.info);
    this.intermediates = intermediates.map((c) => c.info);
    this.crls = crls.map((c) => c.info);
    for (const c of [...anchors, ...intermediates]) {
      const list = this.#bySubject.get(c.subjectKey) ?? [];
      list.push(c);
      this.#bySubject.set(c.subjectKey, list);
    }
    for (const a of anchors) this.#anchorByKey.set(`${a.subjectKey}\u0000${a.spki}`, a);
    for (const { info, path } of crls) {
      const list = this.#crlsByIssuer.get(info.issuerKey) ?? [];
      list.push(info);
      this.#crlsByIssuer.set(info.issuerKey, list);
      if (path !== null) this.#crlSources.set(info.sha256, path);
    }
  }

  /** A store that trusts nothing: every chain is INDETERMINATE (NO_CERTIFICATE_CHAIN_FOUND). */
  static empty(): TrustStore {
    return new TrustStore([], [], []);
  }

  /**
   * Parses every certificate and CRL. Throws CERT_MALFORMED naming the input's `path` (or
   * `<certificate>` / `<crl>`) for bytes that are not one. A certificate given both as an anchor
   * and as an intermediate is an anchor; duplicates are kept once.
   */
  static fromBytes(input: TrustStoreInput): TrustStore {
    const seen = new Set<string>();
    const load = (items: readonly (Uint8Array | TrustInput)[] | undefined) => {
      const out: PathCertificate[] = [];
      for (const item of items ?? []) {
        const { der, path } = normalise(item);
        const cert = toPathCertificateNamed(der, path ?? null);
        if (seen.has(cert.info.sha256)) continue;
        seen.add(cert.info.sha256);
        out.push(cert);
      }
      return out;
    };
    const anchors = load(input.anchors);
    const intermediates = load(input.intermediates);
    const crlSeen = new Set<string>();
    const crls: { info: CrlInfo; path: string | null }[] = [];
    for (const item of input.crls ?? []) {
      const { der, path } = normalise(item);
      const info = parseCrl(der, path ?? '<crl>');
      if (crlSeen.has(info.sha256)) continue;
      crlSeen.add(info.sha256);
      crls.push({ info, path: path ?? null });
    }
    return new TrustStore(anchors, intermediates, crls);
  }

  get hasAnchors(): boolean {
    return this.#anchors.length > 0;
  }

  /** The file an anchor, intermediate or CRL came from (by SHA-256), when known. */
  sourceOf(sha256: string): string | null {
    for (const list of this.#bySubject.values())
      for (const c of list) if (c.info.sha256 === sha256) return c.source;
    return this.#crlSources.get(sha256) ?? null;
  }

  /** @internal Store certificates whose subject matches `nameKey` (canonicalName). */
  bySubject(nameKey: string): readonly PathCertificate[] {
    return this.#bySubject.get(nameKey) ?? [];
  }

  /** @internal The anchor `cert` is (same certificate, or same name and key), or null. */
  anchorFor(cert: PathCertificate): PathCertificate | null {
    return this.#anchorByKey.get(`${cert.subjectKey}\u0000${cert.spki}`) ?? null;
  }

  /** @internal CRLs whose issuer name matches `nameKey`. */
  crlsFor(nameKey: string): readonly CrlInfo[] {
    return this.#crlsByIssuer.get(nameKey) ?? [];
  }

  /** @internal Whether `issuer`'s key verifies `child`'s signature (node:crypto; cached). */
  verifiesCertificate(child: PathCertificate, issuer: PathCertificate): boolean {
    return this.#cached(`c${child.info.sha256}>${issuer.info.sha256}`, () =>
      keyVerifies(child.x509, issuer.x509),
    );
  }

  /** @internal Whether `issuer`'s key verifies the CRL's signature (cached). */
  verifiesCrl(crl: CrlInfo, issuer: PathCertificate): boolean {
    return this.#cached(`r${crl.sha256}>${issuer.info.sha256}`, () => {
      const key = issuer.x509?.publicKey;
      return key !== undefined
        ? signatureVerifies(crl.tbs, crl.signatureAlgorithmIdentifier, crl.signatureValue, key)
        : false;
    });
  }

  #cached(key: string, compute: () => boolean): boolean {
    const hit = this.#links.get(key);
    if (hit !== undefined) return hit;
    const value = compute();
    if (this.#links.size >= MAX_CACHED_LINKS) this.#links.clear();
    this.#links.set(key, value);
    return value;
  }
}

function keyVerifies(child: X509Certificate | null, issuer: X509Certificate | null): boolean {
  if (!child || !issuer) return false;
  try {
    return child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function toPathCertificateNamed(der: Uint8Array, path: string | null): PathCertificate {
  try {
    return toPathCertificate(der, path);
  } catch (e) {
    // parseCertificate says "<certificate>"; name the file the operator gave.
    if (path !== null && isHosoError(e) && e.code === 'CERT_MALFORMED')
      throw new HosoError('CERT_MALFORMED', {
        params: { ...e.params, path },
        cause: e.cause ?? e,
      });
    throw e;
  }
}
