/**
 * Which certificate belongs to which private key. Decided by the public key, never by order
 * or by localKeyId: exporters disagree on both, and a wrong pairing would produce signatures
 * that no verifier accepts.
 *
 * We compare the subjectPublicKey BIT STRING of the certificate's SubjectPublicKeyInfo with
 * the one node:crypto derives from the private key. Comparing the bits rather than the whole
 * SPKI lets an rsaEncryption key match an id-RSASSA-PSS certificate (same RSAPublicKey, other
 * AlgorithmIdentifier). When the bits differ only in encoding (an EC point stored compressed in
 * the certificate), OpenSSL's own comparison, X509Certificate#checkPrivateKey, decides.
 */
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { toArrayBuffer } from '../../kernel/index.js';

function bitStringContent(node: asn1js.AsnType | undefined): Uint8Array | undefined {
  return node instanceof asn1js.BitString
    ? new Uint8Array(node.valueBlock.valueHexView)
    : undefined;
}

/** subjectPublicKey of a SubjectPublicKeyInfo (RFC 5280 §4.1). */
function subjectPublicKeyOfSpki(spki: asn1js.AsnType | undefined): Uint8Array | undefined {
  if (!(spki instanceof asn1js.Sequence)) return undefined;
  return bitStringContent(spki.valueBlock.value[1]);
}

/** subjectPublicKey of a DER certificate, read from the TBSCertificate itself. */
export function certificatePublicKeyBits(certificateDer: Uint8Array): Uint8Array | undefined {
  const decoded = asn1js.fromBER(toArrayBuffer(certificateDer));
  if (decoded.offset === -1 || !(decoded.result instanceof asn1js.Sequence)) return undefined;
  const tbs = decoded.result.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) return undefined;
  const fields = tbs.valueBlock.value;
  // version [0] EXPLICIT is optional; SubjectPublicKeyInfo is the 6th field after it.
  const hasVersion = fields[0]?.idBlock.tagClass === 3;
  return subjectPublicKeyOfSpki(fields[hasVersion ? 6 : 5]);
}

export function privateKeyPublicKeyBits(privateKey: KeyObject): Uint8Array | undefined {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const decoded = asn1js.fromBER(toArrayBuffer(new Uint8Array(spki)));
  return decoded.offset === -1 ? undefined : subjectPublicKeyOfSpki(decoded.result);
}

export function keyMatchesCertificate(privateKey: KeyObject, certificateDer: Uint8Array): boolean {
  const fromKey = privateKeyPublicKeyBits(privateKey);
  const fromCert = certificatePublicKeyBits(certificateDer);
  if (fromKey !== undefined && fromCert !== undefined && Buffer.from(fromKey).equals(fromCert))
    return true;
  try {
    return new X509Certificate(certificateDer).checkPrivateKey(privateKey);
  } catch {
    return false;
  }
}
