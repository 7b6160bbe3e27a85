/**
 * node:crypto KeyObjects made from certificates' SubjectPublicKeyInfo, cached by the SPKI bytes:
 * importing an RSA key costs more than verifying with it, and a folder of a thousand dossiers is
 * usually signed by a handful of officers.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';

export interface PublicKeyInfo {
  readonly key: KeyObject;
  /** 'RSA 2048', 'RSA-PSS 3072', 'ECDSA P-256', 'Ed25519', … */
  readonly description: string;
}

const CACHE_LIMIT = 1024;
const cache = new Map<string, PublicKeyInfo | null>();

const CURVE_NAMES: Readonly<Record<string, string>> = {
  prime256v1: 'P-256',
  secp384r1: 'P-384',
  secp521r1: 'P-521',
};

export function describeKey(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return `RSA ${details.modulusLength ?? '?'}`;
    case 'rsa-pss':
      return `RSA-PSS ${details.modulusLength ?? '?'}`;
    case 'ec': {
      const curve = details.namedCurve ?? '?';
      return `ECDSA ${CURVE_NAMES[curve] ?? curve}`;
    }
    case 'ed25519':
      return 'Ed25519';
    case 'ed448':
      return 'Ed448';
    case 'dsa':
      return `DSA ${details.modulusLength ?? '?'}`;
    default:
      return String(key.asymmetricKeyType ?? 'unknown');
  }
}

/** The KeyObject for an SPKI, or null when OpenSSL cannot import it (GOST, unknown curves). */
export function publicKeyFromSpki(spki: Uint8Array): PublicKeyInfo | null {
  const id = Buffer.from(spki).toString('base64');
  const hit = cache.get(id);
  if (hit !== undefined) {
    cache.delete(id);
    cache.set(id, hit);
    return hit;
  }
  let info: PublicKeyInfo | null;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    info = { key, description: describeKey(key) };
  } catch {
    info = null;
  }
  cache.set(id, info);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return info;
}
