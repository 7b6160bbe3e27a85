/**
 * A per-client token bucket for the lookup service (OWASP API Security Top 10 2023, API4
 * "Unrestricted Resource Consumption"; a lookup code is 18 symbols, far beyond guessing, so this
 * guards the service's capacity more than the codes).
 *
 * Each client has a bucket of `burst` tokens refilled at `perMinute / 60` tokens a second; a
 * request takes one token; an empty bucket answers with the seconds until the next token, for
 * `Retry-After` (RFC 9110 §10.2.3, RFC 6585 §4).
 *
 * Memory stays bounded: the buckets live in a Map kept in least-recently-used order (a touched
 * bucket is moved to the end), at most `maxClients` of them; a new client first drops the
 * oldest buckets that have refilled completely (a full bucket is the same as no bucket) and,
 * if the map is still full, the least recently used one. Known limit: a flood from more than
 * `maxClients` addresses evicts buckets and so forgives their owners; per-address limiting is
 * no defence against a distributed attack, which belongs to the network in front of us.
 *
 * IPv6 clients are counted per /64: one subscriber usually holds a whole /64 (RFC 6177 §2,
 * RFC 8273), so counting single addresses would let one phone take 2^64 buckets.
 */
import { isIPv6 } from 'node:net';

export interface RateLimitOptions {
  /** Sustained requests a minute per client. */
  readonly perMinute: number;
  /** Requests a client may make at once after being idle; default perMinute / 5 (at least 1). */
  readonly burst?: number;
  /** Most clients tracked at once; default 10,000 (about 1 MB). */
  readonly maxClients?: number;
}

export type RateDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, the limiter's clock). */
  at: number;
}

const ALLOWED: RateDecision = { allowed: true };
/** How many of the oldest buckets a new client looks at for refilled ones. */
const SWEEP = 8;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly capacity: number;
  private readonly perMs: number;
  private readonly maxClients: number;

  constructor(
    opts: RateLimitOptions,
    private readonly now: () => number,
  ) {
    if (!(opts.perMinute > 0) || !Number.isFinite(opts.perMinute)) {
      throw new RangeError(`rate limit perMinute must be a positive number, not ${opts.perMinute}`);
    }
    this.capacity = Math.max(1, Math.floor(opts.burst ?? Math.ceil(opts.perMinute / 5)));
    this.perMs = opts.perMinute / 60_000;
    this.maxClients = Math.max(1, Math.floor(opts.maxClients ?? 10_000));
  }

  /** Buckets held now (for tests and monitoring). */
  get size(): number {
    return this.buckets.size;
  }

  /** Takes one token from `key`'s bucket. */
  take(key: string): RateDecision {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      this.makeRoom(now);
      bucket = { tokens: this.capacity, at: now };
    } else {
      this.buckets.delete(key);
      this.refill(bucket, now);
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return ALLOWED;
    }
    const waitMs = (1 - bucket.tokens) / this.perMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  private refill(bucket: Bucket, now: number): void {
    // A clock that steps back gives no tokens rather than taking some.
    const elapsed = Math.max(0, now - bucket.at);
    bucket.tokens = Math.min(this.capacity, bucket.tokens + elapsed * this.perMs);
    bucket.at = now;
  }

  private makeRoom(now: number): void {
    let looked = 0;
    for (const [key, bucket] of this.buckets) {
      if (looked++ >= SWEEP) break;
      const elapsed = Math.max(0, now - bucket.at);
      if (bucket.tokens + elapsed * this.perMs >= this.capacity) this.buckets.delete(key);
      else break; // later buckets were used more recently: unlikely to be full either
    }
    while (this.buckets.size >= this.maxClients) {
      const oldest = this.buckets.keys().next();
      if (oldest.done === true) break;
      this.buckets.delete(oldest.value);
    }
  }
}

/**
 * The key a client is counted under: an IPv4 address as is (also when written as an
 * IPv4-mapped IPv6 address, RFC 4291 §2.5.5.2), an IPv6 address by its /64 prefix.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!isIPv6(address)) return address;
  const groups = ipv6Groups(address);
  if (groups === null) return address;
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] | null {
  const bare = address.split('%')[0] ?? address; // a zone index (fe80::1%eth0) is not the address
  const expand = (part: string): string[] => {
    if (part === '') return [];
    const out: string[] = [];
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        // An embedded IPv4 address fills the last two groups (RFC 4291 §2.2 form 3).
        const [a = 0, b = 0, c = 0, d = 0] = piece.split('.').map(Number);
        out.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16));
      } else {
        out.push(parseInt(piece, 16).toString(16));
      }
    }
    return out;
  };
  const halves = bare.split('::');
  if (halves.length > 2) return null;
  const headGroups = expand(halves[0] ?? '');
  if (halves.length === 1) return headGroups.length === 8 ? headGroups : null;
  const tailGroups = expand(halves[1] ?? '');
  const zeros = 8 - headGroups.length - tailGroups.length;
  if (zeros < 0) return null;
  return [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
}
