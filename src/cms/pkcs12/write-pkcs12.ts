/**
 * Writing a PKCS#12 file the way `openssl pkcs12 -export` (OpenSSL 3) does by default, so that
 * every current tool opens it without legacy algorithms:
 *
 * - certificates in an encryptedData safe, PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC);
 * - the private key in a pkcs8ShroudedKeyBag inside a data safe, same PBES2;
 * - localKeyId (SHA-1 of the certificate, as openssl computes it) on the key and its
 *   certificate, friendlyName on both when given;
 * - MacData: HMAC-SHA256 keyed by the RFC 7292 Appendix B KDF, same iteration count.
 */
import { X509Certificate, createHash, randomBytes, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { HosoError, describeCause } from '../../kernel/index.js';
import { MAX_ITERATIONS } from './limits.js';
import { createMacData } from './mac-data.js';
import { OID } from './object-identifiers.js';
import { bmpPassword, utf8Password } from './password.js';
import { pbes2Encrypt } from './pbes2.js';
import { keyMatchesCertificate } from './public-key-match.js';

export interface WritePkcs12Input {
  readonly privateKey: KeyObject;
  /** DER of the certificate of `privateKey`. */
  readonly certificate: Uint8Array;
  /** Further certificates (DER), usually the issuing CAs up to the root. */
  readonly chain: readonly Uint8Array[];
  readonly password: string;
  readonly friendlyName?: string;
  /** PBKDF2 and MAC iteration count; openssl's default is 2048. */
  readonly iterations?: number;
  /**
   * Source of salts and IVs; node:crypto's randomBytes unless given. Only reproducible test
   * fixtures should pass anything else.
   */
  readonly random?: (n: number) => Uint8Array;
}

const DEFAULT_ITERATIONS = 2048;
const SALT_BYTES = 16;
const MAC_SALT_BYTES = 8; // what openssl writes (PKCS12_SALT_LEN)
const AES_IV_BYTES = 16;

const oid = (value: string): asn1js.ObjectIdentifier => new asn1js.ObjectIdentifier({ value });
const explicit0 = (inner: asn1js.AsnType): asn1js.Constructed =>
  new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [inner] });

/** PKCS12Attribute ::= SEQUENCE { attrId, attrValues SET OF } */
function attribute(id: string, value: asn1js.AsnType): asn1js.Sequence {
  return new asn1js.Sequence({ value: [oid(id), new asn1js.Set({ value: [value] })] });
}

/** bagAttributes, sorted by encoding as DER requires of a SET OF (X.690 §11.6). */
function bagAttributes(localKeyId: Uint8Array, friendlyName: string | undefined): asn1js.Set {
  const attributes = [attribute(OID.localKeyId, new asn1js.OctetString({ valueHex: localKeyId }))];
  if (friendlyName !== undefined)
    attributes.push(attribute(OID.friendlyName, new asn1js.BmpString({ value: friendlyName })));
  const encoded = attributes.map((a) => ({ a, der: Buffer.from(a.toBER(false)) }));
  encoded.sort((x, y) => Buffer.compare(x.der, y.der));
  return new asn1js.Set({ value: encoded.map((e) => e.a) });
}

function safeBag(bagId: string, value: asn1js.AsnType, attributes?: asn1js.Set): asn1js.Sequence {
  const fields: asn1js.AsnType[] = [oid(bagId), explicit0(value)];
  if (attributes !== undefined) fields.push(attributes);
  return new asn1js.Sequence({ value: fields });
}

function certBag(der: Uint8Array, attributes?: asn1js.Set): asn1js.Sequence {
  const value = new asn1js.Sequence({
    value: [oid(OID.x509Certificate), explicit0(new asn1js.OctetString({ valueHex: der }))],
  });
  return safeBag(OID.certBag, value, attributes);
}

function der(node: asn1js.AsnType): Uint8Array {
  return new Uint8Array(node.toBER(false));
}

function checkInput(input: WritePkcs12Input, iterations: number): void {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
    throw new HosoError('USAGE', {
      params: { detail: `PKCS#12 iteration count must be 1..${MAX_ITERATIONS}, got ${iterations}` },
    });
  }
  if (input.privateKey.type !== 'private') {
    throw new HosoError('KEY_UNSUPPORTED', {
      params: { detail: `a ${input.privateKey.type} key where a private key is needed` },
    });
  }
  for (const [i, cert] of [input.certificate, ...input.chain].entries()) {
    try {
      new X509Certificate(cert);
    } catch (e) {
      const path = i === 0 ? 'certificate' : `chain certificate ${i}`;
      throw new HosoError('CERT_MALFORMED', {
        params: { path, detail: describeCause(e) },
        cause: e,
      });
    }
  }
  if (!keyMatchesCertificate(input.privateKey, input.certificate)) {
    throw new HosoError('P12_NO_KEY', { params: { path: '(new PKCS#12)' } });
  }
}

export function writePkcs12(input: WritePkcs12Input): Uint8Array {
  const iterations = input.iterations ?? DEFAULT_ITERATIONS;
  checkInput(input, iterations);
  const random = input.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const utf8 = utf8Password(input.password);
  const localKeyId = new Uint8Array(createHash('sha1').update(input.certificate).digest());
  const attributes = (): asn1js.Set => bagAttributes(localKeyId, input.friendlyName);

  // Safe 1: the certificates, encrypted (EncryptedData, RFC 5652 §8, version 0).
  const certificates = new asn1js.Sequence({
    value: [certBag(input.certificate, attributes()), ...input.chain.map((c) => certBag(c))],
  });
  const certEncryption = pbes2Encrypt(der(certificates), utf8, {
    salt: random(SALT_BYTES),
    iv: random(AES_IV_BYTES),
    iterations,
  });
  const certificateSafe = new asn1js.Sequence({
    value: [
      oid(OID.encryptedData),
      explicit0(
        new asn1js.Sequence({
          value: [
            new asn1js.Integer({ value: 0 }),
            new asn1js.Sequence({
              value: [
                oid(OID.data),
                certEncryption.algorithm,
                new asn1js.Primitive({
                  idBlock: { tagClass: 3, tagNumber: 0 },
                  valueHex: certEncryption.ciphertext,
                }),
              ],
            }),
          ],
        }),
      ),
    ],
  });

  // Safe 2: the key as EncryptedPrivateKeyInfo in a pkcs8ShroudedKeyBag, in a plain data safe.
  const pkcs8 = new Uint8Array(input.privateKey.export({ type: 'pkcs8', format: 'der' }));
  const keyEncryption = pbes2Encrypt(pkcs8, utf8, {
    salt: random(SALT_BYTES),
    iv: random(AES_IV_BYTES),
    iterations,
  });
  const encryptedPrivateKeyInfo = new asn1js.Sequence({
    value: [
      keyEncryption.algorithm,
      new asn1js.OctetString({ valueHex: keyEncryption.ciphertext }),
    ],
  });
  const keySafeContents = new asn1js.Sequence({
    value: [safeBag(OID.pkcs8ShroudedKeyBag, encryptedPrivateKeyInfo, attributes())],
  });
  const keySafe = new asn1js.Sequence({
    value: [oid(OID.data), explicit0(new asn1js.OctetString({ valueHex: der(keySafeContents) }))],
  });

  const authenticatedSafe = der(new asn1js.Sequence({ value: [certificateSafe, keySafe] }));
  const macData = createMacData(
    authenticatedSafe,
    bmpPassword(input.password),
    random(MAC_SALT_BYTES),
    iterations,
  );
  const pfx = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 3 }),
      new asn1js.Sequence({
        value: [oid(OID.data), explicit0(new asn1js.OctetString({ valueHex: authenticatedSafe }))],
      }),
      macData,
    ],
  });
  return der(pfx);
}
