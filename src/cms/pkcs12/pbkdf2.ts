/**
 * PBKDF2 (RFC 8018 §5.2) as PBES2 and PBMAC1 name it: the PBKDF2-params of Appendix A.2 and the
 * HMAC pseudo-random functions of Appendix B.1.
 */
import { pbkdf2Sync } from 'node:crypto';
import * as asn1js from 'asn1js';
import { HosoError } from '../../kernel/index.js';
import {
  type AlgorithmIdentifier,
  algorithmOf,
  isInteger,
  malformed,
  octetsOf,
  sequenceItems,
  smallIntegerOf,
} from './der-reading.js';
import { checkIterations } from './limits.js';
import { OID, describeOid } from './object-identifiers.js';

/** An HMAC PRF: its node:crypto digest name and output size. */
export interface HmacPrf {
  readonly oid: string;
  readonly digest: string;
  readonly outputBytes: number;
}

const PRFS: readonly HmacPrf[] = [
  { oid: OID.hmacWithSHA1, digest: 'sha1', outputBytes: 20 },
  { oid: OID.hmacWithSHA224, digest: 'sha224', outputBytes: 28 },
  { oid: OID.hmacWithSHA256, digest: 'sha256', outputBytes: 32 },
  { oid: OID.hmacWithSHA384, digest: 'sha384', outputBytes: 48 },
  { oid: OID.hmacWithSHA512, digest: 'sha512', outputBytes: 64 },
];

export function hmacPrfByOid(oid: string, usedFor: string): HmacPrf {
  const prf = PRFS.find((p) => p.oid === oid);
  if (prf === undefined)
    throw new HosoError('P12_UNSUPPORTED', {
      params: { detail: `${usedFor} ${describeOid(oid)}` },
    });
  return prf;
}

export interface Pbkdf2Params {
  readonly salt: Uint8Array;
  readonly iterations: number;
  readonly keyLength: number | undefined;
  readonly prf: HmacPrf;
}

/** Keys longer than any cipher or HMAC we use are a corrupt or hostile file. */
const MAX_KEY_LENGTH = 128;

/** Reads a keyDerivationFunc AlgorithmIdentifier, which must be PBKDF2. */
export function parsePbkdf2(kdf: AlgorithmIdentifier, what: string): Pbkdf2Params {
  if (kdf.oid !== OID.pbkdf2) {
    throw new HosoError('P12_UNSUPPORTED', {
      params: { detail: `${what} key derivation ${describeOid(kdf.oid)}` },
    });
  }
  const items = sequenceItems(kdf.params, `${what} PBKDF2-params`, 2);
  // salt is CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier }; RFC 8018 A.2
  // reserves otherSource for future use, and no producer uses it.
  const salt = octetsOf(items[0], `${what} PBKDF2 salt`);
  const iterations = smallIntegerOf(items[1], `${what} PBKDF2 iterationCount`);
  checkIterations(iterations, `${what} PBKDF2`);
  let next = 2;
  let keyLength: number | undefined;
  if (isInteger(items[next])) {
    keyLength = smallIntegerOf(items[next], `${what} PBKDF2 keyLength`);
    if (keyLength < 1 || keyLength > MAX_KEY_LENGTH)
      throw malformed(`${what} PBKDF2 keyLength ${keyLength}`);
    next++;
  }
  const prfNode = items[next];
  const prf =
    prfNode === undefined
      ? hmacPrfByOid(OID.hmacWithSHA1, '')
      : hmacPrfByOid(algorithmOf(prfNode, `${what} PBKDF2 prf`).oid, `${what} PBKDF2 prf`);
  return { salt, iterations, keyLength, prf };
}

export function pbkdf2(password: Uint8Array, params: Pbkdf2Params, keyLength: number): Uint8Array {
  return new Uint8Array(
    pbkdf2Sync(password, params.salt, params.iterations, keyLength, params.prf.digest),
  );
}

/** AlgorithmIdentifier { id-PBKDF2, PBKDF2-params } for writing; keyLength omitted as openssl does. */
export function pbkdf2AlgorithmIdentifier(
  salt: Uint8Array,
  iterations: number,
  prfOid: string,
  keyLength?: number,
): asn1js.Sequence {
  const params: asn1js.AsnType[] = [
    new asn1js.OctetString({ valueHex: salt }),
    new asn1js.Integer({ value: iterations }),
  ];
  if (keyLength !== undefined) params.push(new asn1js.Integer({ value: keyLength }));
  params.push(
    new asn1js.Sequence({
      value: [new asn1js.ObjectIdentifier({ value: prfOid }), new asn1js.Null()],
    }),
  );
  return new asn1js.Sequence({
    value: [
      new asn1js.ObjectIdentifier({ value: OID.pbkdf2 }),
      new asn1js.Sequence({ value: params }),
    ],
  });
}
