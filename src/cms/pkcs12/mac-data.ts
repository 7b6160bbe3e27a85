/**
 * The integrity MAC of a PFX (RFC 7292 §4 and §5.1, "password integrity mode"):
 *
 *   MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
 *
 * Classic form: HMAC with the digest named in DigestInfo, keyed by the Appendix B KDF (ID 3)
 * over the BMPString password. RFC 9579 form: DigestInfo names id-PBMAC1, whose parameters
 * carry a PBKDF2 and an HMAC; the key is PBKDF2 of the UTF-8 password, and macSalt/iterations
 * are ignored (§5 of RFC 9579).
 *
 * The MAC is how a wrong password is told apart from a damaged file: if it does not verify
 * under any form of the password, the password is wrong.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as asn1js from 'asn1js';
import { HosoError } from '../../kernel/index.js';
import { algorithmOf, malformed, octetsOf, sequenceItems, smallIntegerOf } from './der-reading.js';
import { type DigestAlgorithm, digestByOid, SHA256 } from './digest-algorithms.js';
import { checkIterations } from './limits.js';
import { OID } from './object-identifiers.js';
import { type PasswordBytes, bmpPasswordCandidates, utf8Password } from './password.js';
import { hmacPrfByOid, parsePbkdf2, pbkdf2 } from './pbkdf2.js';
import { KDF_PURPOSE, pkcs12Kdf } from './pkcs12-kdf.js';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function hmac(digest: string, key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac(digest, key).update(data).digest());
}

/**
 * Checks the MAC over `authSafeContent` (the octets of the authSafe data ContentInfo) and
 * returns the password bytes that verified it, for the decryption that follows.
 */
export function verifyMac(
  macData: asn1js.AsnType,
  authSafeContent: Uint8Array,
  password: string,
): PasswordBytes {
  const [digestInfo, saltNode, iterNode] = sequenceItems(macData, 'MacData', 2);
  const [algNode, digestNode] = sequenceItems(digestInfo, 'MacData DigestInfo', 2);
  const algorithm = algorithmOf(algNode, 'MAC algorithm');
  const expected = octetsOf(digestNode, 'MAC value');
  const utf8 = utf8Password(password);

  if (algorithm.oid === OID.pbmac1) {
    // PBMAC1-params ::= SEQUENCE { keyDerivationFunc, messageAuthScheme } (RFC 8018 A.5)
    const [kdfNode, schemeNode] = sequenceItems(algorithm.params, 'PBMAC1-params', 2);
    const kdf = parsePbkdf2(algorithmOf(kdfNode, 'PBMAC1 keyDerivationFunc'), 'PBMAC1');
    const scheme = hmacPrfByOid(
      algorithmOf(schemeNode, 'PBMAC1 messageAuthScheme').oid,
      'PBMAC1 messageAuthScheme',
    );
    // RFC 9579 §5: keyLength MUST be present, so that the key size is not guessed.
    if (kdf.keyLength === undefined)
      throw malformed('PBMAC1 PBKDF2-params lack the required keyLength');
    const key = pbkdf2(utf8, kdf, kdf.keyLength);
    if (!sameBytes(hmac(scheme.digest, key, authSafeContent), expected))
      throw new HosoError('P12_BAD_PASSWORD');
    return { bmp: bmpPasswordCandidates(password)[0] as Uint8Array, utf8 };
  }

  const digest = digestByOid(algorithm.oid, 'MAC');
  const salt = octetsOf(saltNode, 'MAC salt');
  const iterations = iterNode === undefined ? 1 : smallIntegerOf(iterNode, 'MAC iterations');
  checkIterations(iterations, 'MAC');
  for (const bmp of bmpPasswordCandidates(password)) {
    const key = pkcs12Kdf(digest, bmp, salt, iterations, KDF_PURPOSE.mac, digest.outputBytes);
    if (sameBytes(hmac(digest.nodeName, key, authSafeContent), expected)) return { bmp, utf8 };
  }
  throw new HosoError('P12_BAD_PASSWORD');
}

/** MacData with HMAC-SHA-256 keyed by the RFC 7292 KDF, as openssl 3 writes by default. */
export function createMacData(
  authSafeContent: Uint8Array,
  passwordBmp: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  digest: DigestAlgorithm = SHA256,
): asn1js.Sequence {
  const key = pkcs12Kdf(digest, passwordBmp, salt, iterations, KDF_PURPOSE.mac, digest.outputBytes);
  const mac = hmac(digest.nodeName, key, authSafeContent);
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.ObjectIdentifier({ value: digest.oid }), new asn1js.Null()],
          }),
          new asn1js.OctetString({ valueHex: mac }),
        ],
      }),
      new asn1js.OctetString({ valueHex: salt }),
      new asn1js.Integer({ value: iterations }),
    ],
  });
}
