/**
 * `--online`: revocation data fetched from where the certificates say it is — OCSP responders
 * from the Authority Information Access extension (RFC 5280 §4.2.2.1, id-ad-ocsp) and CRLs from
 * the CRL Distribution Points (§4.2.1.13), http: URLs only. Without `--online` nothing here runs
 * and hoso opens no connection at all.
 *
 * Verification itself stays synchronous and offline: a first pass notes which certificates of
 * the paths had no usable data (want()), this module fetches for them, and a second pass runs
 * with what came back, as if it had been given with --crl. What is fetched is checked exactly as
 * embedded data is (signature, issuer, responder authority, freshness): the network is a source,
 * never a shortcut.
 *
 * Limits: each request times out (default 10 s), answers larger than the limit are cut off and
 * refused, redirects are followed by fetch's own rules (at most 20). A CRL or OCSP response
 * served as PEM instead of DER is accepted. Answers are kept in a cache folder, named by the SHA-256 of what was asked,
 * and reused while still current (before their nextUpdate); a stale or unreadable cache entry is
 * fetched again.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describeCause } from '../kernel/index.js';
import { parseCrl } from './certificate-revocation-list.js';
import { nameAndKeyOf, parseOcspResponse } from './ocsp-response.js';

const ID_AD_OCSP = '1.3.6.1.5.5.7.48.1';
const EXT_AIA = '1.3.6.1.5.5.7.1.1';
const EXT_CDP = '2.5.29.31';
const SHA1 = '1.3.14.3.2.26';
const URI = 6;

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxCrlBytes: number;
  readonly maxOcspBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 10_000,
  maxCrlBytes: 20 * 1024 * 1024,
  maxOcspBytes: 1024 * 1024,
};

/** `$XDG_CACHE_HOME/hoso/revocation`, else `~/.cache/hoso/revocation`. */
export function defaultRevocationCache(): string {
  const base = process.env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'hoso', 'revocation');
}

/** Where a certificate says its revocation data is. */
export function revocationUrls(der: Uint8Array): { ocsp: string[]; crl: string[] } {
  const ocsp: string[] = [];
  const crl: string[] = [];
  let cert: pkijs.Certificate;
  try {
    cert = pkijs.Certificate.fromBER(der);
  } catch {
    return { ocsp, crl };
  }
  const http = (name: pkijs.GeneralName): string | null =>
    name.type === URI && typeof name.value === 'string' && /^http:\/\//i.test(name.value)
      ? name.value
      : null;
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID === EXT_AIA && ext.parsedValue instanceof pkijs.InfoAccess) {
      for (const d of ext.parsedValue.accessDescriptions)
        if (d.accessMethod === ID_AD_OCSP) {
          const url = http(d.accessLocation);
          if (url) ocsp.push(url);
        }
    }
    if (ext.extnID === EXT_CDP && ext.parsedValue instanceof pkijs.CRLDistributionPoints) {
      for (const point of ext.parsedValue.distributionPoints) {
        const names = point.distributionPoint;
        if (!Array.isArray(names)) continue;
        for (const n of names) {
          const url = http(n);
          if (url) crl.push(url);
        }
      }
    }
  }
  return { ocsp, crl };
}

/** A DER OCSPRequest for one certificate (CertID with SHA-1, as RFC 5019 clients send). */
export function ocspRequest(cert: Uint8Array, issuer: Uint8Array): Uint8Array {
  const { subject, keyBits } = nameAndKeyOf(issuer);
  const serial = pkijs.Certificate.fromBER(cert).serialNumber;
  const sha1 = (b: Uint8Array) => new Uint8Array(createHash('sha1').update(b).digest());
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [
    new pkijs.Request({
      reqCert: new pkijs.CertID({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA1 }),
        issuerNameHash: new asn1js.OctetString({ valueHex: sha1(subject).buffer }),
        issuerKeyHash: new asn1js.OctetString({ valueHex: sha1(keyBits).buffer }),
        serialNumber: serial,
      }),
    }),
  ];
  return new Uint8Array(request.toSchema(true).toBER());
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----([\s\S]*?)-----END [A-Z0-9 ]+-----/;

/** DER of an answer served as DER or, by a misconfigured server, as PEM (any label). */
function derBytes(body: Uint8Array): Uint8Array {
  if (body[0] === 0x30) return body;
  const m = PEM.exec(Buffer.from(body).toString('latin1'));
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : body;
}

async function download(
  url: string,
  init: { method: 'GET' | 'POST'; body?: Uint8Array; contentType?: string },
  maxBytes: number,
  timeoutMs: number,
): Promise<Uint8Array> {
  const res = await fetch(url, {
    method: init.method,
    ...(init.body ? { body: init.body } : {}),
    headers: init.contentType ? { 'content-type': init.contentType } : {},
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new Error(`answer of ${declared} bytes, more than ${maxBytes}`);
  const parts: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`answer larger than ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  return new Uint8Array(Buffer.concat(parts));
}

export interface FetchedRevocation {
  readonly crls: Uint8Array[];
  readonly ocsps: Uint8Array[];
  /** What could not be fetched, and why (for the report's detail). */
  readonly failures: string[];
}

/**
 * Collects the certificates the offline pass could not decide (want) and fetches revocation
 * data for them (fetchWanted). One instance per command.
 */
export class OnlineRevocation {
  readonly crls: Uint8Array[] = [];
  readonly ocsps: Uint8Array[] = [];
  readonly failures: string[] = [];
  readonly #wanted = new Map<string, { cert: Uint8Array; issuer: Uint8Array }>();
  readonly #asked = new Set<string>();

  constructor(
    private readonly cacheDir: string | null,
    private readonly now: () => Date,
    private readonly limits: FetchLimits = DEFAULT_FETCH_LIMITS,
  ) {}

  /** Notes that `cert` (issued by `issuer`) lacked usable revocation data. */
  want(cert: Uint8Array, issuer: Uint8Array): void {
    const key = createHash('sha256').update(cert).update(issuer).digest('hex');
    if (!this.#asked.has(key)) this.#wanted.set(key, { cert, issuer });
  }

  get pending(): boolean {
    return this.#wanted.size > 0;
  }

  /** Fetches for every certificate wanted since the last call; each is asked for once. */
  async fetchWanted(): Promise<void> {
    const wanted = [...this.#wanted.entries()];
    this.#wanted.clear();
    for (const [key, { cert, issuer }] of wanted) {
      this.#asked.add(key);
      const urls = revocationUrls(cert);
      for (const url of urls.ocsp) {
        const request = ocspRequest(cert, issuer);
        const got = await this.#cached(url, request, 'ocsp', async () =>
          derBytes(
            await download(
              url,
              { method: 'POST', body: request, contentType: 'application/ocsp-request' },
              this.limits.maxOcspBytes,
              this.limits.timeoutMs,
            ),
          ),
        );
        if (got) this.ocsps.push(got);
      }
      for (const url of urls.crl) {
        const got = await this.#cached(url, null, 'crl', async () =>
          derBytes(
            await download(url, { method: 'GET' }, this.limits.maxCrlBytes, this.limits.timeoutMs),
          ),
        );
        if (got) this.crls.push(got);
      }
    }
  }

  async #cached(
    url: string,
    request: Uint8Array | null,
    kind: 'crl' | 'ocsp',
    fetchIt: () => Promise<Uint8Array>,
  ): Promise<Uint8Array | null> {
    const hash = createHash('sha256').update(url);
    if (request) hash.update(request);
    const file = this.cacheDir ? join(this.cacheDir, `${kind}-${hash.digest('hex')}.der`) : null;
    if (file) {
      try {
        const bytes = new Uint8Array(readFileSync(file));
        if (this.#current(kind, bytes)) return bytes;
      } catch {
        /* not cached, or unreadable: fetched again */
      }
    }
    let bytes: Uint8Array;
    try {
      bytes = await fetchIt();
      // Only what parses is kept (and used): a captive portal's HTML page is no CRL.
      if (kind === 'crl') parseCrl(bytes, url);
      else parseOcspResponse(bytes);
    } catch (e) {
      this.failures.push(`${url}: ${describeCause(e)}`);
      return null;
    }
    if (file) {
      try {
        mkdirSync(this.cacheDir!, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, bytes);
        renameSync(temp, file);
      } catch {
        /* a cache that cannot be written only costs a later fetch */
      }
    }
    return bytes;
  }

  #current(kind: 'crl' | 'ocsp', bytes: Uint8Array): boolean {
    const now = this.now().getTime();
    try {
      if (kind === 'crl') {
        const next = parseCrl(bytes).nextUpdate;
        return next !== null && next.getTime() > now;
      }
      const singles = parseOcspResponse(bytes).singles;
      return (
        singles.length > 0 &&
        singles.every((s) => s.nextUpdate !== null && s.nextUpdate.getTime() > now)
      );
    } catch {
      return false;
    }
  }
}
