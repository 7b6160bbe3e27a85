// verifySigner and findSignerCertificate on CMS signed by the test PKI with hoso's builder, and
// on hand-made variants named by their defect.
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { octetString, sequence, time, tlv } from '../../../src/cms/der.js';
import {
  buildSignedData,
  digestOf,
  findSignerCertificate,
  OID,
  parseSignedData,
  pkcs7Sha1Content,
  schemeFor,
  verifySigner,
  type DigestAlgorithm,
  type SignerVerification,
  type SigningKey,
  type VerifySignerOptions,
} from '../../../src/cms/index.js';
import { publicKeyFromSpki } from '../../../src/cms/public-key-cache.js';
import { testKey } from '../../support/test-keys.js';
import {
  algorithm,
  algorithmProtectionAttr,
  attribute,
  buildCustomSignedData,
  contentTypeAttr,
  DIGEST_OIDS,
  essV2Attr,
  hash,
  issuerAndSerialSid,
  messageDigestAttr,
  name,
  NULL,
  pssAlgorithm,
  pssKeyPair,
  signWith,
  subjectKeyIdSid,
  testCertificate,
  toBer,
  type CustomSigner,
  type TestDigest,
} from './cms-builder.js';

const CONTENT = new Uint8Array(Buffer.from('Hồ sơ số HS-260101-0001: nội dung được ký\n', 'utf8'));
const officer = testKey('officer');
const agency = testKey('agency');
const ecdsa = testKey('ecdsa');
const pss = testKey('pss');

const SHA256_RSA = algorithm(OID.sha256WithRSAEncryption, NULL);
const RSA = algorithm(OID.rsaEncryption, NULL);

type Statuses = Record<string, string>;

function statuses(v: SignerVerification): Statuses {
  return Object.fromEntries(
    v.checks.map((c) => [c.id, c.subIndication ? `${c.status}/${c.subIndication}` : c.status]),
  );
}

const ALL_PASSED: Statuses = {
  'cms.digest': 'PASSED',
  'cms.signature': 'PASSED',
  'cms.signing-certificate': 'PASSED',
};

function verify(
  der: Uint8Array,
  content: Uint8Array | null = CONTENT,
  options: Partial<VerifySignerOptions> = {},
): SignerVerification {
  const parsed = parseSignedData(der);
  const signer = parsed.signers[0]!;
  return verifySigner(parsed, signer, {
    contentDigest: (alg) => (content ? digestOf(alg, content) : null),
    ...options,
  });
}

function detail(v: SignerVerification, id: string): string {
  return v.checks.find((c) => c.id === id)?.detail ?? '';
}

async function buildWith(
  key: SigningKey,
  digest: DigestAlgorithm,
  enveloping: boolean,
  preferPss = false,
) {
  return buildSignedData({
    key,
    scheme: schemeFor(key.privateKey, preferPss),
    digest,
    messageDigest: new Uint8Array(createHash(digest).update(CONTENT).digest()),
    ...(enveloping ? { content: CONTENT } : {}),
  });
}

/** A signer with the usual CAdES attributes, signed by `key` over the DER attribute set. */
function cadesSigner(
  key: { privateKey: KeyObject; certificate: Uint8Array },
  overrides: Partial<CustomSigner> = {},
  content: Uint8Array = CONTENT,
): CustomSigner {
  const digest: TestDigest = overrides.digest ?? 'sha256';
  return {
    sid: issuerAndSerialSid(key.certificate),
    digest,
    signatureAlgorithm: SHA256_RSA,
    sign: signWith(key.privateKey, digest === 'shake256' ? null : digest),
    signedAttributes: [
      contentTypeAttr(),
      messageDigestAttr(hash(digest, content)),
      essV2Attr(key.certificate),
    ],
    ...overrides,
  };
}

/** The rsaEncryption form of an id-RSASSA-PSS public key (same modulus and exponent). */
function rsaFormOf(pssPublic: KeyObject): KeyObject {
  const spki = pssPublic.export({ format: 'der', type: 'spki' });
  const bitString = spki.subarray(spki.indexOf(Buffer.from([0x03, 0x82])));
  return createPublicKey({
    key: Buffer.from(sequence(algorithm(OID.rsaEncryption, NULL), new Uint8Array(bitString))),
    format: 'der',
    type: 'spki',
  });
}

function flipLastByteOf(der: Uint8Array, value: Uint8Array): Uint8Array {
  const at = Buffer.from(der).indexOf(Buffer.from(value));
  expect(at).toBeGreaterThan(0);
  const out = new Uint8Array(der);
  out[at + value.length - 1] = (out[at + value.length - 1] ?? 0) ^ 0x01;
  return out;
}

describe('verifySigner on hoso-built CMS', () => {
  const cases: [string, SigningKey, boolean, string][] = [
    ['RSA PKCS#1 v1.5', officer, false, 'RSA 2048'],
    ['RSASSA-PSS', pss, true, 'RSA 2048'],
    ['ECDSA P-256', ecdsa, false, 'ECDSA P-256'],
  ];
  for (const [label, key, preferPss, keyDescription] of cases) {
    for (const digest of ['sha256', 'sha384', 'sha512'] as const) {
      for (const enveloping of [true, false]) {
        it(`${label}, ${digest}, ${enveloping ? 'enveloping' : 'detached'}: intact and valid`, async () => {
          const built = await buildWith(key, digest, enveloping, preferPss);
          const v = verify(built.der);
          expect(statuses(v)).toEqual(ALL_PASSED);
          expect(v.digestAlgorithm).toBe(digest);
          expect(v.keyDescription).toBe(keyDescription);
          expect(Buffer.from(v.signerCertificate!).equals(Buffer.from(key.certificate))).toBe(true);
          expect(v.signatureAlgorithmName).toContain(digest.replace('sha', 'SHA-'));
        });
      }
    }
  }

  it('names the scheme and key in the result', async () => {
    const v = verify((await buildWith(pss, 'sha256', false, true)).der);
    expect(v.signatureAlgorithmName).toBe('RSASSA-PSS with SHA-256, MGF1 SHA-256, salt 32');
    expect(detail(v, 'cms.signing-certificate')).toMatch(/signing-certificate-v2/);
  });

  it('content changed → cms.digest FAILED HASH_FAILURE, the signature still valid', async () => {
    const built = await buildWith(officer, 'sha256', false);
    const changed = new Uint8Array(CONTENT);
    changed[0] = (changed[0] ?? 0) ^ 0x20;
    const v = verify(built.der, changed);
    expect(statuses(v)).toEqual({ ...ALL_PASSED, 'cms.digest': 'FAILED/HASH_FAILURE' });
  });

  it('signature byte flipped → cms.signature FAILED SIG_CRYPTO_FAILURE (RSA, PSS, ECDSA)', async () => {
    for (const [key, preferPss] of [
      [officer, false],
      [pss, true],
      [ecdsa, false],
    ] as const) {
      const built = await buildWith(key, 'sha256', true, preferPss);
      const v = verify(flipLastByteOf(built.der, built.signatureValue));
      expect(statuses(v)).toEqual({ ...ALL_PASSED, 'cms.signature': 'FAILED/SIG_CRYPTO_FAILURE' });
    }
  });

  it('BER-encoded (indefinite lengths, constructed eContent) verifies', async () => {
    const built = await buildWith(officer, 'sha256', true);
    const parsed = parseSignedData(toBer(built.der));
    const v = verifySigner(parsed, parsed.signers[0]!, {
      contentDigest: (alg) => digestOf(alg, parsed.eContent!),
    });
    expect(statuses(v)).toEqual(ALL_PASSED);
  });

  it('content not available → cms.digest INDETERMINATE SIGNED_DATA_NOT_FOUND', async () => {
    const v = verify((await buildWith(officer, 'sha256', false)).der, null);
    expect(statuses(v)['cms.digest']).toBe('INDETERMINATE/SIGNED_DATA_NOT_FOUND');
  });
});

describe('verifySigner: the signer certificate', () => {
  it('signer certificate removed → NO_SIGNING_CERTIFICATE_FOUND; found again among extra certificates', () => {
    const der = buildCustomSignedData({
      certificates: [...officer.chain],
      signers: [cadesSigner(officer)],
    });
    const v = verify(der);
    expect(statuses(v)).toEqual({
      'cms.digest': 'PASSED',
      'cms.signature': 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND',
      'cms.signing-certificate': 'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND',
    });
    expect(v.signerCertificate).toBeNull();
    expect(v.keyDescription).toBe('unknown');
    expect(statuses(verify(der, CONTENT, { extraCertificates: [officer.certificate] }))).toEqual(
      ALL_PASSED,
    );
  });

  it('ESS signing-certificate-v2 naming another certificate → SIG_CONSTRAINTS_FAILURE', () => {
    const signer = cadesSigner(officer, {
      signedAttributes: [
        contentTypeAttr(),
        messageDigestAttr(hash('sha256', CONTENT)),
        essV2Attr(officer.certificate, 'sha256', agency.certificate),
      ],
    });
    const v = verify(
      buildCustomSignedData({ certificates: [officer.certificate], signers: [signer] }),
    );
    expect(statuses(v)).toEqual({
      ...ALL_PASSED,
      'cms.signing-certificate': 'FAILED/SIG_CONSTRAINTS_FAILURE',
    });
    expect(detail(v, 'cms.signing-certificate')).toMatch(/names another certificate/);
  });

  it('ESS hash right but issuerSerial of another certificate → SIG_CONSTRAINTS_FAILURE', () => {
    const signer = cadesSigner(officer, {
      signedAttributes: [
        contentTypeAttr(),
        messageDigestAttr(hash('sha256', CONTENT)),
        essV2Attr(agency.certificate, 'sha256', officer.certificate),
      ],
    });
    const v = verify(
      buildCustomSignedData({ certificates: [officer.certificate], signers: [signer] }),
    );
    expect(statuses(v)['cms.signing-certificate']).toBe('FAILED/SIG_CONSTRAINTS_FAILURE');
    expect(detail(v, 'cms.signing-certificate')).toMatch(/issuerSerial/);
  });

  it('ESS with SHA-512 hash algorithm binds the certificate', () => {
    const signer = cadesSigner(officer, {
      signedAttributes: [
        contentTypeAttr(),
        messageDigestAttr(hash('sha256', CONTENT)),
        essV2Attr(officer.certificate, 'sha512'),
      ],
    });
    expect(
      statuses(
        verify(buildCustomSignedData({ certificates: [officer.certificate], signers: [signer] })),
      ),
    ).toEqual(ALL_PASSED);
  });

  it('no ESS attribute (adbe.pkcs7.detached style) → PASSED, saying so', () => {
    const signer = cadesSigner(officer, {
      signedAttributes: [contentTypeAttr(), messageDigestAttr(hash('sha256', CONTENT))],
    });
    const v = verify(
      buildCustomSignedData({ certificates: [officer.certificate], signers: [signer] }),
    );
    expect(statuses(v)).toEqual(ALL_PASSED);
    expect(detail(v, 'cms.signing-certificate')).toMatch(/no ESS signing-certificate/);
  });

  it('a look-alike certificate with the same issuer and serial: the one ESS names wins', () => {
    const decoyKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const realKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const issuer = name('hoso throwaway CA');
    const mk = (k: KeyObject) =>
      testCertificate({ subjectPublicKey: k, issuerKey: officer.privateKey, issuer, serial: 7n });
    const decoy = mk(decoyKey.publicKey);
    const real = mk(realKey.publicKey);
    const signer = cadesSigner({ privateKey: realKey.privateKey, certificate: real });
    const der = buildCustomSignedData({ certificates: [decoy, real], signers: [signer] });
    const parsed = parseSignedData(der);
    expect(findSignerCertificate(parsed, parsed.signers[0]!)).toEqual(real);
    expect(statuses(verify(der))).toEqual(ALL_PASSED);
  });

  it('subjectKeyIdentifier sid: by the extension, or by the key hash when the extension is absent', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ski = Uint8Array.from({ length: 20 }, (_, i) => i + 1);
    const withSki = testCertificate({
      subjectPublicKey: publicKey,
      issuerKey: officer.privateKey,
      subjectKeyIdentifier: ski,
    });
    const withoutSki = testCertificate({
      subjectPublicKey: publicKey,
      issuerKey: officer.privateKey,
      subjectKeyIdentifier: null,
    });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const keyHash = createHash('sha1')
      .update(spki.subarray(spki.length - 65))
      .digest(); // P-256 point
    const ecSigner = (sid: Uint8Array, cert: Uint8Array) =>
      cadesSigner(
        { privateKey, certificate: cert },
        { sid, signatureAlgorithm: algorithm('1.2.840.10045.4.3.2') },
      );

    const bySki = verify(
      buildCustomSignedData({
        certificates: [withSki],
        signers: [ecSigner(subjectKeyIdSid(ski), withSki)],
      }),
    );
    expect(statuses(bySki)).toEqual(ALL_PASSED);
    const byHash = verify(
      buildCustomSignedData({
        certificates: [withoutSki],
        signers: [ecSigner(subjectKeyIdSid(new Uint8Array(keyHash)), withoutSki)],
      }),
    );
    expect(statuses(byHash)).toEqual(ALL_PASSED);
    const wrong = verify(
      buildCustomSignedData({
        certificates: [withSki],
        signers: [ecSigner(subjectKeyIdSid(new Uint8Array(keyHash)), withSki)],
      }),
    );
    expect(statuses(wrong)['cms.signing-certificate']).toBe(
      'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND',
    );
  });

  it('issuer names compare as RFC 5280 names, not bytes (PrintableString vs UTF8String, case, spaces)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const cert = testCertificate({
      subjectPublicKey: publicKey,
      issuerKey: officer.privateKey,
      issuer: name('Hoso Throwaway CA', 0x13),
      serial: 0x00ffn,
    });
    const sid = sequence(name('hoso  throwaway ca', 0x0c), tlv(0x02, Uint8Array.of(0x00, 0xff)));
    const der = buildCustomSignedData({
      certificates: [cert],
      signers: [cadesSigner({ privateKey, certificate: cert }, { sid })],
    });
    const parsed = parseSignedData(der);
    expect(findSignerCertificate(parsed, parsed.signers[0]!)).toEqual(cert);
    const otherSid = sequence(
      name('hoso throwaway CB', 0x0c),
      tlv(0x02, Uint8Array.of(0x00, 0xff)),
    );
    const other = buildCustomSignedData({
      certificates: [cert],
      signers: [cadesSigner({ privateKey, certificate: cert }, { sid: otherSid })],
    });
    const parsedOther = parseSignedData(other);
    expect(findSignerCertificate(parsedOther, parsedOther.signers[0]!)).toBeNull();
  });

  it('caches one KeyObject per public key', () => {
    const spki = new Uint8Array(
      createPublicKey(officer.privateKey).export({ format: 'der', type: 'spki' }),
    );
    expect(publicKeyFromSpki(spki)).toBe(publicKeyFromSpki(new Uint8Array(spki)));
    expect(publicKeyFromSpki(Uint8Array.of(0x30, 0x00))).toBeNull();
  });
});

describe('verifySigner: signed attributes', () => {
  const wrap = (signer: CustomSigner) =>
    buildCustomSignedData({ certificates: [officer.certificate], signers: [signer] });
  const md = () => messageDigestAttr(hash('sha256', CONTENT));
  const ess = () => essV2Attr(officer.certificate);

  it('duplicated message-digest attribute → FORMAT_FAILURE', () => {
    const v = verify(
      wrap(cadesSigner(officer, { signedAttributes: [contentTypeAttr(), md(), md(), ess()] })),
    );
    expect(statuses(v)['cms.digest']).toBe('FAILED/FORMAT_FAILURE');
  });

  it('signing-time with several values (DSS cades-duplicated-signed-attrs) → FORMAT_FAILURE', () => {
    const t = new Date('2026-11-25T07:00:00Z');
    const twice = attribute(OID.signingTime, time(t), time(new Date(t.getTime() + 1000)));
    const v = verify(
      wrap(cadesSigner(officer, { signedAttributes: [contentTypeAttr(), md(), ess(), twice] })),
    );
    expect(statuses(v)['cms.digest']).toBe('FAILED/FORMAT_FAILURE');
    expect(detail(v, 'cms.digest')).toMatch(/signing-time/);
  });

  it('an unknown attribute twice is allowed (TeleSec signers do it)', () => {
    const vendor = attribute('1.3.6.1.4.1.22883.1', octetString(Uint8Array.of(1)));
    const vendor2 = attribute('1.3.6.1.4.1.22883.1', octetString(Uint8Array.of(2)));
    expect(
      statuses(
        verify(
          wrap(
            cadesSigner(officer, {
              signedAttributes: [contentTypeAttr(), md(), ess(), vendor, vendor2],
            }),
          ),
        ),
      ),
    ).toEqual(ALL_PASSED);
  });

  it('missing message-digest or content-type, or a content-type other than eContentType → FORMAT_FAILURE', () => {
    for (const attrs of [
      [contentTypeAttr(), ess()],
      [md(), ess()],
      [contentTypeAttr(OID.tstInfo), md(), ess()],
    ]) {
      expect(
        statuses(verify(wrap(cadesSigner(officer, { signedAttributes: attrs }))))['cms.digest'],
      ).toBe('FAILED/FORMAT_FAILURE');
    }
  });

  it('attributes sent out of DER order but signed as DER (DSS-667) verify', () => {
    const signer = cadesSigner(officer, {
      signedAttributes: [ess(), md(), contentTypeAttr()],
      sendOrder: 'as-given',
    });
    const parsed = parseSignedData(wrap(signer));
    expect(parsed.signers[0]!.signedAttributesDer).not.toEqual(parsed.signers[0]!.signedAttributes);
    expect(statuses(verify(wrap(signer)))).toEqual(ALL_PASSED);
  });

  it('attributes signed in their non-DER order (node-forge, plugtest DE_CRY-2) → HASH_FAILURE unless accepted', () => {
    const signer = cadesSigner(officer, {
      signedAttributes: [ess(), md(), contentTypeAttr()],
      sendOrder: 'as-given',
      signOver: 'as-given',
    });
    const v = verify(wrap(signer));
    expect(statuses(v)).toEqual({ ...ALL_PASSED, 'cms.signature': 'FAILED/HASH_FAILURE' });
    expect(detail(v, 'cms.signature')).toMatch(/non-DER order/);
    expect(statuses(verify(wrap(signer), CONTENT, { acceptNonDerAttributeOrder: true }))).toEqual(
      ALL_PASSED,
    );
  });

  it('CMSAlgorithmProtection (RFC 6211) that agrees passes; one that disagrees fails the signature', () => {
    const good = algorithmProtectionAttr(DIGEST_OIDS.sha256, OID.sha256WithRSAEncryption);
    const bad = algorithmProtectionAttr(DIGEST_OIDS.sha256, OID.sha512WithRSAEncryption);
    expect(
      statuses(
        verify(
          wrap(cadesSigner(officer, { signedAttributes: [contentTypeAttr(), md(), ess(), good] })),
        ),
      ),
    ).toEqual(ALL_PASSED);
    const v = verify(
      wrap(cadesSigner(officer, { signedAttributes: [contentTypeAttr(), md(), ess(), bad] })),
    );
    expect(statuses(v)['cms.signature']).toBe('FAILED/SIG_CRYPTO_FAILURE');
    expect(detail(v, 'cms.signature')).toMatch(/RFC 6211/);
  });
});

describe('verifySigner: signature algorithms', () => {
  const wrapWith = (cert: Uint8Array, signer: CustomSigner, content?: Uint8Array) =>
    buildCustomSignedData({
      certificates: [cert],
      signers: [signer],
      ...(content ? { content } : {}),
    });

  it('sha512WithRSAEncryption over SHA-256 attributes (DSS-1419) → SIG_CRYPTO_FAILURE', () => {
    const signer = cadesSigner(officer, {
      signatureAlgorithm: algorithm(OID.sha512WithRSAEncryption, NULL),
    });
    const v = verify(wrapWith(officer.certificate, signer));
    expect(statuses(v)['cms.signature']).toBe('FAILED/SIG_CRYPTO_FAILURE');
    expect(detail(v, 'cms.signature')).toMatch(/names SHA-512 but the digest algorithm is SHA-256/);
  });

  it('rsaEncryption takes the hash from digestAlgorithm; SHA-1 verifies (policy is src/trust)', () => {
    const signer = cadesSigner(officer, { digest: 'sha1', signatureAlgorithm: RSA });
    const v = verify(wrapWith(officer.certificate, signer));
    expect(statuses(v)).toEqual(ALL_PASSED);
    expect(v.signatureAlgorithmName).toBe('RSA PKCS#1 v1.5 with SHA-1');
  });

  it('an unknown signature algorithm → INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE', () => {
    const v = verify(
      wrapWith(
        officer.certificate,
        cadesSigner(officer, { signatureAlgorithm: algorithm('1.2.643.7.1.1.3.2') }),
      ),
    );
    expect(statuses(v)['cms.signature']).toBe('INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE');
  });

  it('an ECDSA algorithm with an RSA certificate → SIG_CRYPTO_FAILURE', () => {
    const v = verify(
      wrapWith(
        officer.certificate,
        cadesSigner(officer, { signatureAlgorithm: algorithm('1.2.840.10045.4.3.2') }),
      ),
    );
    expect(statuses(v)['cms.signature']).toBe('FAILED/SIG_CRYPTO_FAILURE');
  });

  describe('RSASSA-PSS parameter sets', () => {
    const sets: [TestDigest, TestDigest, number][] = [
      ['sha256', 'sha256', 32],
      ['sha256', 'sha1', 20],
      ['sha384', 'sha256', 0],
      ['sha512', 'sha512', 64],
      ['sha256', 'sha256', 222],
    ];
    for (const [h, mgf1, salt] of sets) {
      it(`hash ${h}, MGF1 ${mgf1}, salt ${salt}: with an rsaEncryption and an id-RSASSA-PSS certificate`, () => {
        const pair = pssKeyPair(h, mgf1, salt);
        // the same modulus under rsaEncryption (what CAs issue) and under id-RSASSA-PSS
        for (const subjectPublicKey of [rsaFormOf(pair.publicKey), pair.publicKey]) {
          const cert = testCertificate({ subjectPublicKey, issuerKey: officer.privateKey });
          const signer = cadesSigner(
            { privateKey: pair.privateKey, certificate: cert },
            {
              digest: h,
              signatureAlgorithm: pssAlgorithm(h, mgf1, salt),
              sign: signWith(pair.privateKey, h, { padding: 6, saltLength: salt }),
            },
          );
          const v = verify(wrapWith(cert, signer));
          expect(statuses(v)).toEqual(ALL_PASSED);
        }
      });
    }

    it('default parameters (SHA-1, MGF1 SHA-1, salt 20) from an empty RSASSA-PSS-params', () => {
      const signer = cadesSigner(officer, {
        digest: 'sha1',
        signatureAlgorithm: algorithm(OID.rsassaPss, sequence()),
        sign: signWith(officer.privateKey, 'sha1', { padding: 6, saltLength: 20 }),
      });
      expect(statuses(verify(wrapWith(officer.certificate, signer)))).toEqual(ALL_PASSED);
    });

    it('declared MGF1 hash other than the one used → SIG_CRYPTO_FAILURE', () => {
      const pair = pssKeyPair('sha256', 'sha1', 32);
      for (const subjectPublicKey of [rsaFormOf(pair.publicKey), pair.publicKey]) {
        const cert = testCertificate({ subjectPublicKey, issuerKey: officer.privateKey });
        const signer = cadesSigner(
          { privateKey: pair.privateKey, certificate: cert },
          {
            signatureAlgorithm: pssAlgorithm('sha256', 'sha256', 32),
            sign: signWith(pair.privateKey, 'sha256', { padding: 6, saltLength: 32 }),
          },
        );
        const v = verify(wrapWith(cert, signer));
        expect(statuses(v)['cms.signature']).toBe('FAILED/SIG_CRYPTO_FAILURE');
      }
    });

    it('declared salt length other than the one used → SIG_CRYPTO_FAILURE', () => {
      const signer = cadesSigner(officer, {
        signatureAlgorithm: pssAlgorithm('sha256', 'sha256', 32),
        sign: signWith(officer.privateKey, 'sha256', { padding: 6, saltLength: 20 }),
      });
      expect(statuses(verify(wrapWith(officer.certificate, signer)))['cms.signature']).toBe(
        'FAILED/SIG_CRYPTO_FAILURE',
      );
    });
  });

  describe('ECDSA curves and encodings', () => {
    const curves: [string, TestDigest, string, string][] = [
      ['P-384', 'sha384', '1.2.840.10045.4.3.3', 'ECDSA P-384'],
      ['P-521', 'sha512', '1.2.840.10045.4.3.4', 'ECDSA P-521'],
    ];
    for (const [curve, digest, sigOid, description] of curves) {
      it(`${curve} with ${digest}`, () => {
        const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: curve });
        const cert = testCertificate({
          subjectPublicKey: publicKey,
          issuerKey: officer.privateKey,
        });
        const v = verify(
          wrapWith(
            cert,
            cadesSigner(
              { privateKey, certificate: cert },
              { digest, signatureAlgorithm: algorithm(sigOid) },
            ),
          ),
        );
        expect(statuses(v)).toEqual(ALL_PASSED);
        expect(v.keyDescription).toBe(description);
      });
    }

    it('plain r||s ECDSA (BSI TR-03111, TeleSec cards)', () => {
      const signer = cadesSigner(ecdsa, {
        signatureAlgorithm: algorithm('0.4.0.127.0.7.1.1.4.1.3'),
        sign: signWith(ecdsa.privateKey, 'sha256', { dsaEncoding: 'ieee-p1363' }),
      });
      const v = verify(wrapWith(ecdsa.certificate, signer));
      expect(statuses(v)).toEqual(ALL_PASSED);
      expect(v.signatureAlgorithmName).toBe('ECDSA (plain r||s) with SHA-256');
    });
  });

  describe('EdDSA (RFC 8419)', () => {
    for (const [kind, digest, oidValue] of [
      ['ed25519', 'sha512', '1.3.101.112'],
      ['ed448', 'shake256', '1.3.101.113'],
    ] as const) {
      it(`${kind} with ${digest} verifies`, () => {
        const { publicKey, privateKey } = generateKeyPairSync(kind as 'ed25519');
        const cert = testCertificate({
          subjectPublicKey: publicKey,
          issuerKey: officer.privateKey,
        });
        const signer = cadesSigner(
          { privateKey, certificate: cert },
          { digest, signatureAlgorithm: algorithm(oidValue), sign: signWith(privateKey, null) },
        );
        const v = verify(wrapWith(cert, signer));
        expect(statuses(v)).toEqual(ALL_PASSED);
        expect(v.keyDescription).toBe(kind === 'ed25519' ? 'Ed25519' : 'Ed448');
      });
    }

    it('Ed448 with SHA-512 (pyHanko ed448-disallowed-hash) → INDETERMINATE CRYPTO_CONSTRAINTS_FAILURE', () => {
      const { publicKey, privateKey } = generateKeyPairSync('ed448');
      const cert = testCertificate({ subjectPublicKey: publicKey, issuerKey: officer.privateKey });
      const signer = cadesSigner(
        { privateKey, certificate: cert },
        {
          digest: 'sha512',
          signatureAlgorithm: algorithm('1.3.101.113'),
          sign: signWith(privateKey, null),
        },
      );
      const v = verify(wrapWith(cert, signer));
      expect(statuses(v)['cms.signature']).toBe('INDETERMINATE/CRYPTO_CONSTRAINTS_FAILURE');
      expect(detail(v, 'cms.signature')).toMatch(/RFC 8419/);
    });
  });
});

describe('verifySigner without signed attributes (adbe.pkcs7.detached, pkcs7-no-message-digest)', () => {
  const rsaNoAttrs = (content: Uint8Array, digest: TestDigest = 'sha256'): CustomSigner => ({
    sid: issuerAndSerialSid(officer.certificate),
    digest,
    signatureAlgorithm: RSA,
    sign: signWith(officer.privateKey, digest),
    signedAttributes: null,
    content,
  });
  const wrap = (signer: CustomSigner, certificate = officer.certificate, content?: Uint8Array) =>
    buildCustomSignedData({
      certificates: [certificate],
      signers: [signer],
      ...(content ? { content } : {}),
    });

  it('RSA over the content digest: intact and valid, from the digest alone', () => {
    for (const digest of ['sha1', 'sha256', 'sha512'] as const) {
      const v = verify(wrap(rsaNoAttrs(CONTENT, digest)));
      expect(statuses(v)).toEqual(ALL_PASSED);
      expect(detail(v, 'cms.digest')).toMatch(/no signed attributes/);
    }
  });

  it('content changed → cms.digest FAILED HASH_FAILURE; the value is still the signer’s', () => {
    const changed = new Uint8Array(CONTENT);
    changed[3] = (changed[3] ?? 0) ^ 1;
    const v = verify(wrap(rsaNoAttrs(CONTENT)), changed);
    expect(statuses(v)).toEqual({ ...ALL_PASSED, 'cms.digest': 'FAILED/HASH_FAILURE' });
  });

  it('signature flipped → cms.signature FAILED, cms.digest INDETERMINATE', () => {
    const signer = rsaNoAttrs(CONTENT);
    const v = verify(
      wrap({
        ...signer,
        sign: (d) => {
          const s = signer.sign(d);
          s[5] = (s[5] ?? 0) ^ 1;
          return s;
        },
      }),
    );
    expect(statuses(v)['cms.signature']).toBe('FAILED/SIG_CRYPTO_FAILURE');
    expect(statuses(v)['cms.digest']).toBe('INDETERMINATE');
  });

  it('ECDSA needs the content itself: eContent, signedContent, or INDETERMINATE', () => {
    const signer: CustomSigner = {
      sid: issuerAndSerialSid(ecdsa.certificate),
      digest: 'sha256',
      signatureAlgorithm: algorithm('1.2.840.10045.4.3.2'),
      sign: signWith(ecdsa.privateKey, 'sha256'),
      signedAttributes: null,
      content: CONTENT,
    };
    expect(statuses(verify(wrap(signer, ecdsa.certificate, CONTENT)))).toEqual(ALL_PASSED);
    const detached = wrap(signer, ecdsa.certificate);
    const half = CONTENT.length >> 1;
    const chunks = () => [CONTENT.subarray(0, half), CONTENT.subarray(half)];
    expect(statuses(verify(detached, CONTENT, { signedContent: chunks }))).toEqual(ALL_PASSED);
    const v = verify(detached);
    expect(statuses(v)['cms.signature']).toBe('INDETERMINATE/SIGNED_DATA_NOT_FOUND');
  });
});

describe('pkcs7Sha1Content (adbe.pkcs7.sha1)', () => {
  it('gives the encapsulated SHA-1 that the SignerInfo signs', async () => {
    const pdfBytes = new Uint8Array(Buffer.from('%PDF-1.7 … the ByteRange …'));
    const sha1 = hash('sha1', pdfBytes);
    const built = await buildSignedData({
      key: officer,
      scheme: 'rsa-pkcs1',
      digest: 'sha256',
      messageDigest: hash('sha256', sha1),
      content: sha1,
    });
    const parsed = parseSignedData(built.der);
    const content = pkcs7Sha1Content(parsed)!;
    expect(Buffer.from(content).equals(Buffer.from(sha1))).toBe(true);
    const v = verifySigner(parsed, parsed.signers[0]!, {
      contentDigest: (alg) => digestOf(alg, content),
    });
    expect(statuses(v)).toEqual(ALL_PASSED);
  });

  it('is null for a detached SignedData', async () => {
    expect(
      pkcs7Sha1Content(parseSignedData((await buildWith(officer, 'sha256', false)).der)),
    ).toBeNull();
  });
});
