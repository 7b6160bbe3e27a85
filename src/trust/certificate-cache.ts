/**
 * Certificates parsed once per process, recalled by their bytes. Parsing an X.509 certificate
 * with pkijs costs more than verifying a signature with it, and a folder of a thousand dossiers
 * is signed by a handful of officers under a handful of CAs: without this, every file would
 * re-parse the same signer, intermediate and root. Bounded, least recently used first out.
 *
 * What is cached must be immutable data derived from the bytes alone (plus the given `variant`,
 * e.g. where the certificate came from), never anything that depends on the validation time.
 */
import { createHash } from 'node:crypto';

const CACHE_LIMIT = 1024;

export class CertificateCache<T> {
  private readonly map = new Map<string, T>();

  /** The value for `der` (and `variant`), made by `make` the first time. */
  recall(der: Uint8Array, make: () => T, variant = ''): T {
    const key = createHash('sha256').update(der).digest('base64') + variant;
    const hit = this.map.get(key);
    if (hit !== undefined) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const value = make();
    this.map.set(key, value);
    if (this.map.size > CACHE_LIMIT) this.map.delete(this.map.keys().next().value as string);
    return value;
  }
}
