/**
 * Opening a PKCS#12 (.p12/.pfx) file: RFC 7292 in password integrity and password privacy
 * modes, as CAs, Windows and openssl write it.
 *
 *   PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
 *   AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- data or encryptedData
 *
 * Known limits: public-key integrity/privacy modes (signedData authSafe, envelopedData safes)
 * and the RC4 PBE schemes are refused with P12_UNSUPPORTED; so is a file whose safes are
 * encrypted under a different password than its MAC.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { HosoError, describeCause, isHosoError } from '../../kernel/index.js';
import {
  algorithmOf,
  decodeBer,
  explicitInner,
  implicitOctetsOf,
  malformed,
  octetsOf,
  oidOf,
  sequenceItems,
  smallIntegerOf,
} from './der-reading.js';
import { MAX_PKCS12_BYTES } from './limits.js';
import { verifyMac } from './mac-data.js';
import { OID, describeOid } from './object-identifiers.js';
import { type PasswordBytes, bmpPasswordCandidates, utf8Password } from './password.js';
import { decryptWithPassword } from './password-based-decryption.js';
import { keyMatchesCertificate } from './public-key-match.js';
import { type BagAttributes, type SafeBag, parseSafeContents } from './safe-bags.js';

export interface Pkcs12Contents {
  readonly privateKey: KeyObject;
  /** DER of the certificate whose public key matches `privateKey`. */
  readonly certificate: Uint8Array;
  /** The other certificates in the file (DER): the leaf's issuers first, upward, then the rest. */
  readonly chain: Uint8Array[];
  readonly friendlyName?: string;
}

export interface ReadPkcs12Options {
  /** Shown in error messages; nothing is read from it. */
  readonly path?: string;
}

export function readPkcs12(
  bytes: Uint8Array,
  password: string,
  opts: ReadPkcs12Options = {},
): Pkcs12Contents {
  const path = opts.path ?? '(PKCS#12 data)';
  if (bytes.length > MAX_PKCS12_BYTES) {
    throw new HosoError('INPUT_TOO_LARGE', {
      params: { what: `PKCS#12 file ${path}`, size: bytes.length, limit: MAX_PKCS12_BYTES },
    });
  }
  try {
    return readPfx(bytes, password);
  } catch (e) {
    // Inner code does not know the file name; every P12_* error gets it here.
    if (isHosoError(e) && e.code.startsWith('P12_')) {
      throw new HosoError(e.code, { params: { ...e.params, path }, cause: e.cause ?? e });
    }
    throw new HosoError('P12_MALFORMED', { params: { path, detail: describeCause(e) }, cause: e });
  }
}

function readPfx(bytes: Uint8Array, password: string): Pkcs12Contents {
  const [versionNode, authSafe, macData] = sequenceItems(decodeBer(bytes, 'PFX'), 'PFX', 2);
  const version = smallIntegerOf(versionNode, 'PFX version');
  if (version !== 3)
    throw new HosoError('P12_UNSUPPORTED', {
      params: { detail: `PFX version ${version} (expected 3)` },
    });

  const [typeNode, contentNode] = sequenceItems(authSafe, 'PFX authSafe', 1);
  const authSafeType = oidOf(typeNode, 'authSafe content type');
  if (authSafeType === OID.signedData) {
    throw new HosoError('P12_UNSUPPORTED', {
      params: { detail: 'public-key integrity mode (signedData authSafe)' },
    });
  }
  if (authSafeType !== OID.data)
    throw malformed(`authSafe content type is ${describeOid(authSafeType)}, expected data`);
  const authSafeContent = octetsOf(
    explicitInner(contentNode, 0, 'authSafe content'),
    'authSafe content',
  );

  if (macData !== undefined) {
    // The MAC proves the password; after it, a decryption failure is damage, not a typo.
    const verified = verifyMac(macData, authSafeContent, password);
    return readAuthenticatedSafe(authSafeContent, verified, true);
  }
  // No MAC (openssl -nomac, some Java keystores): the padding of the first decryption is the
  // only password check. With an empty password, try each BMPString form in turn.
  const candidates = bmpPasswordCandidates(password);
  for (const [i, bmp] of candidates.entries()) {
    try {
      return readAuthenticatedSafe(authSafeContent, { bmp, utf8: utf8Password(password) }, false);
    } catch (e) {
      if (!(isHosoError(e) && e.code === 'P12_BAD_PASSWORD' && i < candidates.length - 1)) throw e;
    }
  }
  throw new HosoError('P12_BAD_PASSWORD'); // unreachable: the loop returns or throws
}

/**
 * Decrypted bytes that do not parse mean the key was wrong when nothing else vouched for the
 * password (padding is right by chance 1 time in 256).
 */
function parseDecrypted<T>(integrityVerified: boolean, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (!integrityVerified && isHosoError(e) && e.code === 'P12_MALFORMED')
      throw new HosoError('P12_BAD_PASSWORD', { cause: e });
    throw e;
  }
}

function readAuthenticatedSafe(
  content: Uint8Array,
  password: PasswordBytes,
  integrityVerified: boolean,
): Pkcs12Contents {
  const bags: SafeBag[] = [];
  sequenceItems(decodeBer(content, 'AuthenticatedSafe'), 'AuthenticatedSafe').forEach(
    (contentInfo, index) => {
      const what = `safe ${index + 1}`;
      const [typeNode, contentNode] = sequenceItems(contentInfo, `${what} ContentInfo`, 1);
      const type = oidOf(typeNode, `${what} content type`);
      if (type === OID.data) {
        const safeContents = octetsOf(
          explicitInner(contentNode, 0, `${what} content`),
          `${what} content`,
        );
        bags.push(...parseSafeContents(safeContents, what));
      } else if (type === OID.encryptedData) {
        // EncryptedData ::= SEQUENCE { version, EncryptedContentInfo } (RFC 5652 §8), where
        // EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm,
        //                                      encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
        const [, eci] = sequenceItems(
          explicitInner(contentNode, 0, `${what} content`),
          `${what} EncryptedData`,
          2,
        );
        const [, algNode, encryptedNode] = sequenceItems(eci, `${what} EncryptedContentInfo`, 2);
        if (encryptedNode === undefined) return; // an empty safe
        const algorithm = algorithmOf(algNode, `${what} contentEncryptionAlgorithm`);
        const plain = decryptWithPassword(
          algorithm,
          password,
          implicitOctetsOf(encryptedNode, 0, `${what} encryptedContent`),
        );
        bags.push(...parseDecrypted(integrityVerified, () => parseSafeContents(plain, what)));
      } else if (type === OID.envelopedData) {
        throw new HosoError('P12_UNSUPPORTED', {
          params: { detail: 'public-key privacy mode (envelopedData safe)' },
        });
      } else {
        throw new HosoError('P12_UNSUPPORTED', {
          params: { detail: `${what} content type ${describeOid(type)}` },
        });
      }
    },
  );
  return pairKeyWithCertificate(bags, password, integrityVerified);
}

interface LoadedKey {
  readonly key: KeyObject;
  readonly attributes: BagAttributes;
}

function loadPrivateKey(privateKeyInfo: Uint8Array, what: string): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(privateKeyInfo), format: 'der', type: 'pkcs8' });
  } catch (e) {
    // PrivateKeyInfo ::= SEQUENCE { version, privateKeyAlgorithm, privateKey, ... } (RFC 5208)
    const [, algNode] = sequenceItems(
      decodeBer(privateKeyInfo, `${what} PrivateKeyInfo`),
      `${what} PrivateKeyInfo`,
      3,
    );
    const algorithm = algorithmOf(algNode, `${what} privateKeyAlgorithm`);
    throw new HosoError('P12_UNSUPPORTED', {
      params: {
        detail: `private key algorithm ${describeOid(algorithm.oid)} (${describeCause(e)})`,
      },
      cause: e,
    });
  }
}

function pairKeyWithCertificate(
  bags: SafeBag[],
  password: PasswordBytes,
  integrityVerified: boolean,
): Pkcs12Contents {
  const keys: LoadedKey[] = [];
  const certificates: { der: Uint8Array; attributes: BagAttributes }[] = [];
  bags.forEach((bag, index) => {
    const what = `key bag ${index + 1}`;
    if (bag.kind === 'key') {
      keys.push({ key: loadPrivateKey(bag.privateKeyInfo, what), attributes: bag.attributes });
    } else if (bag.kind === 'shrouded-key') {
      const info = decryptWithPassword(bag.algorithm, password, bag.encryptedData);
      keys.push({
        key: parseDecrypted(integrityVerified, () =>
          loadDecryptedKey(info, what, integrityVerified),
        ),
        attributes: bag.attributes,
      });
    } else if (!certificates.some((c) => Buffer.from(c.der).equals(bag.der))) {
      try {
        new X509Certificate(bag.der);
      } catch (e) {
        throw malformed(
          `certificate bag ${index + 1} is not an X.509 certificate (${describeCause(e)})`,
          e,
        );
      }
      certificates.push({ der: bag.der, attributes: bag.attributes });
    }
  });

  for (const { key, attributes } of keys) {
    const leaf = certificates.find((c) => keyMatchesCertificate(key, c.der));
    if (leaf === undefined) continue;
    const others = certificates.filter((c) => c !== leaf).map((c) => c.der);
    const friendlyName = attributes.friendlyName ?? leaf.attributes.friendlyName;
    return {
      privateKey: key,
      certificate: leaf.der,
      chain: orderChain(leaf.der, others),
      ...(friendlyName === undefined ? {} : { friendlyName }),
    };
  }
  throw new HosoError('P12_NO_KEY');
}

function loadDecryptedKey(info: Uint8Array, what: string, integrityVerified: boolean): KeyObject {
  try {
    return loadPrivateKey(info, what);
  } catch (e) {
    // Garbage from a wrong key rarely names a known algorithm; with no MAC, say "password".
    if (!integrityVerified) throw new HosoError('P12_BAD_PASSWORD', { cause: e });
    throw e;
  }
}

function issuedBy(subject: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false; // a key type OpenSSL cannot verify with: leave the order as it was
  }
}

/** The leaf's issuer, its issuer, and so on, followed by whatever else the file carried. */
function orderChain(leaf: Uint8Array, others: Uint8Array[]): Uint8Array[] {
  const remaining = others.map((der) => ({ der, x509: new X509Certificate(der) }));
  const ordered: Uint8Array[] = [];
  let current = new X509Certificate(leaf);
  for (;;) {
    const subject = current;
    const index = remaining.findIndex((c) => issuedBy(subject, c.x509));
    if (index === -1) break;
    const [issuer] = remaining.splice(index, 1);
    if (issuer === undefined) break;
    ordered.push(issuer.der);
    current = issuer.x509;
  }
  return [...ordered, ...remaining.map((c) => c.der)];
}
