// The certificate reader on the BER reader (x509-certificate.ts) against pkijs, which hoso used
// before: the same names (canonical forms included, which CRL issuers read by pkijs are matched
// against), serial, validity, algorithms, key sizes, extensions — on test-certs/ and, when it is
// there, every certificate of ../shared/trust-vn/. And what is not a certificate is refused.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { toArrayBuffer, toHex } from '../../../src/kernel/index.js';
import {
  describeKey,
  describeSignatureAlgorithm,
  describeSignatureAlgorithmBytes,
  describeSpki,
} from '../../../src/trust/algorithms.js';
import {
  nameInfoOf,
  nameInfoOfX509,
  readCertificate,
} from '../../../src/trust/certificate-info.js';
import { readTrustMaterial } from '../../../src/trust/certificate-files.js';
import { canonicalName, canonicalNameOf } from '../../../src/trust/distinguished-name.js';
import { ROOT, TEST_CERTS } from '../../support/paths.js';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const certificates: { name: string; der: Uint8Array }[] = [
  ...files(TEST_CERTS).filter((f) => f.endsWith('.cert.pem')),
  ...files(join(ROOT, '..', 'shared', 'trust-vn')).filter((f) => /\.(pem|cer|crt|der)$/i.test(f)),
].flatMap((path) => {
  try {
    return readTrustMaterial(new Uint8Array(readFileSync(path)), path).certificates.map(
      (der, i) => ({ name: `${path}#${i}`, der }),
    );
  } catch {
    return [];
  }
});

describe('readCertificate agrees with pkijs', () => {
  it('has certificates to compare', () => {
    expect(certificates.length).toBeGreaterThanOrEqual(15);
  });

  for (const { name, der } of certificates) {
    it(name.replace(ROOT, ''), () => {
      const ours = readCertificate(der);
      const theirs = pkijs.Certificate.fromBER(toArrayBuffer(der));
      expect(canonicalNameOf(ours.subject)).toBe(canonicalName(theirs.subject));
      expect(canonicalNameOf(ours.issuer)).toBe(canonicalName(theirs.issuer));
      expect(nameInfoOfX509(ours.subject)).toEqual(nameInfoOf(theirs.subject));
      expect(nameInfoOfX509(ours.issuer)).toEqual(nameInfoOf(theirs.issuer));
      expect(toHex(ours.serialNumber)).toBe(toHex(theirs.serialNumber.valueBlock.valueHexView));
      expect(ours.notBefore).toEqual(theirs.notBefore.value);
      expect(ours.notAfter).toEqual(theirs.notAfter.value);
      expect(ours.version).toBe(theirs.version + 1);
      expect(describeSignatureAlgorithmBytes(ours.signatureAlgorithm)).toEqual(
        describeSignatureAlgorithm(theirs.signatureAlgorithm),
      );
      expect(describeSpki(ours.spkiAlgorithm, ours.publicKey)).toEqual(
        describeKey(theirs.subjectPublicKeyInfo),
      );
      expect(toHex(ours.spki)).toBe(
        toHex(new Uint8Array(theirs.subjectPublicKeyInfo.toSchema().toBER(false))),
      );
      expect(ours.extensions.map((e) => [e.id, e.critical])).toEqual(
        (theirs.extensions ?? []).map((e) => [e.extnID, e.critical]),
      );
    });
  }
});

describe('readCertificate refuses what is not a certificate', () => {
  it('a CRL, truncated bytes, random bytes: CERT_MALFORMED', () => {
    const crl = readTrustMaterial(
      new Uint8Array(readFileSync(join(TEST_CERTS, 'intermediate.crl'))),
      'intermediate.crl',
    ).crls[0]!;
    const der = certificates[0]!.der;
    for (const bad of [crl, der.subarray(0, der.length - 1), new Uint8Array(64).fill(0x30)]) {
      expect(() => readCertificate(bad)).toThrowError(
        expect.objectContaining({ code: 'CERT_MALFORMED' }),
      );
    }
  });
});
