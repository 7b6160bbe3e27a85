// parseSignedData on CMS made by hoso's own builder (the test PKI), on hand-made BER, and on
// everything that is not SignedData.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { explicit, integer, octetString, oid, sequence, setOf } from '../../../src/cms/der.js';
import {
  buildSignedData,
  OID,
  parseSignedData,
  schemeFor,
  type DigestAlgorithm,
  type SigningKey,
} from '../../../src/cms/index.js';
import { HosoError } from '../../../src/kernel/index.js';
import { testKey } from '../../support/test-keys.js';
import {
  attribute,
  buildCustomSignedData,
  contentTypeAttr,
  issuerAndSerialSid,
  messageDigestAttr,
  signWith,
  toBer,
} from './cms-builder.js';

const CONTENT = new Uint8Array(
  Buffer.from('Đơn đề nghị cấp bản sao — hoso test content\n', 'utf8'),
);
const officer = testKey('officer');
const SIGNING_TIME = new Date('2026-11-25T07:00:00Z');

async function build(
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
    signingTime: SIGNING_TIME,
    ...(enveloping ? { content: CONTENT } : {}),
  });
}

function malformed(f: () => unknown): HosoError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(HosoError);
    expect((e as HosoError).code).toBe('CMS_MALFORMED');
    return e as HosoError;
  }
  throw new Error('expected CMS_MALFORMED');
}

describe('parseSignedData', () => {
  it('reads an enveloping RSA SignedData field by field', async () => {
    const built = await build(officer, 'sha256', true);
    const parsed = parseSignedData(built.der);
    expect(parsed.eContentType).toBe(OID.data);
    expect(Buffer.from(parsed.eContent!).equals(Buffer.from(CONTENT))).toBe(true);
    // certificates: exact bytes, signer first then the chain, as embedded
    expect(parsed.certificates.map((c) => Buffer.from(c).toString('hex'))).toEqual(
      [officer.certificate, ...officer.chain].map((c) => Buffer.from(c).toString('hex')),
    );
    expect(parsed.crls).toEqual([]);
    expect(parsed.signers).toHaveLength(1);
    const s = parsed.signers[0]!;
    expect(s.index).toBe(0);
    expect(s.sid.kind).toBe('issuerAndSerial');
    if (s.sid.kind === 'issuerAndSerial') expect(s.sid.serialNumber).toMatch(/^[0-9a-f]+$/);
    expect(s.digestAlgorithm).toBe('sha256');
    expect(s.signatureAlgorithm).toEqual({
      oid: OID.sha256WithRSAEncryption,
      name: 'sha256WithRSAEncryption',
    });
    expect([...s.attributeTypes].sort()).toEqual(
      [OID.contentType, OID.messageDigest, OID.signingTime, OID.signingCertificateV2].sort(),
    );
    expect(s.attributeValueCounts).toEqual([1, 1, 1, 1]);
    expect(s.contentType).toBe(OID.data);
    expect(
      Buffer.from(s.messageDigest!).equals(createHash('sha256').update(CONTENT).digest()),
    ).toBe(true);
    expect(s.signingTime?.toISOString()).toBe(SIGNING_TIME.toISOString());
    expect(s.essCertIds).toHaveLength(1);
    expect(s.essCertIds[0]!.version).toBe(2);
    expect(s.essCertIds[0]!.hashAlgorithm).toBe('sha256');
    expect(
      Buffer.from(s.essCertIds[0]!.certHash).equals(
        createHash('sha256').update(officer.certificate).digest(),
      ),
    ).toBe(true);
    expect(s.essCertIds[0]!.issuerSerial).not.toBeNull();
    expect(Buffer.from(s.signature).equals(Buffer.from(built.signatureValue))).toBe(true);
    expect(s.timestampTokens).toEqual([]);
    expect(s.counterSignatures).toBe(0);
    expect(s.algorithmProtection).toBeNull();
  });

  it('keeps the signed attributes as received, [0] replaced by SET, and their DER form', async () => {
    const built = await build(officer, 'sha256', false);
    const s = parseSignedData(built.der).signers[0]!;
    expect(s.signedAttributes![0]).toBe(0x31);
    const hex = Buffer.from(built.der).toString('hex');
    const received = Buffer.from(s.signedAttributes!).toString('hex');
    expect(hex).toContain('a0' + received.slice(2)); // the same bytes sit in the SignerInfo
    expect(s.signedAttributesDer).toBe(s.signedAttributes); // DER already: the same array
  });

  it('detached: eContent is null', async () => {
    const parsed = parseSignedData((await build(officer, 'sha384', false)).der);
    expect(parsed.eContent).toBeNull();
    expect(parsed.signers[0]!.digestAlgorithm).toBe('sha384');
  });

  it('reads RSASSA-PSS parameters and ECDSA algorithms', async () => {
    const pss = parseSignedData((await build(testKey('pss'), 'sha512', false, true)).der)
      .signers[0]!;
    expect(pss.signatureAlgorithm.name).toBe('RSASSA-PSS');
    expect(pss.signatureAlgorithm.pss).toEqual({
      hash: 'sha512',
      mgf1Hash: 'sha512',
      saltLength: 64,
      trailerField: 1,
    });
    const ec = parseSignedData((await build(testKey('ecdsa'), 'sha256', false)).der).signers[0]!;
    expect(ec.signatureAlgorithm.name).toBe('ecdsa-with-SHA256');
  });

  it('tolerates BER: indefinite lengths and a constructed eContent', async () => {
    const built = await build(officer, 'sha256', true);
    const ber = toBer(built.der);
    expect(ber[1]).toBe(0x80);
    const a = parseSignedData(built.der);
    const b = parseSignedData(ber);
    expect(Buffer.from(b.eContent!).equals(Buffer.from(CONTENT))).toBe(true);
    expect(b.certificates).toEqual(a.certificates);
    expect(b.signers[0]!.signedAttributes).toEqual(a.signers[0]!.signedAttributes);
  });

  it('tolerates the zero padding of a PDF /Contents hole, not other trailing bytes', async () => {
    const der = (await build(officer, 'sha256', false)).der;
    const padded = new Uint8Array(der.length + 4096);
    padded.set(der);
    expect(parseSignedData(padded).signers).toHaveLength(1);
    padded[der.length + 10] = 0x41;
    expect(malformed(() => parseSignedData(padded)).message).toMatch(/after the CMS/);
  });

  it('keeps every signed attribute, duplicates and value counts included', () => {
    const cms = buildCustomSignedData({
      certificates: [officer.certificate],
      signers: [
        {
          sid: issuerAndSerialSid(officer.certificate),
          digest: 'sha256',
          signatureAlgorithm: sequence(oid(OID.sha256WithRSAEncryption)),
          sign: signWith(officer.privateKey, 'sha256'),
          signedAttributes: [
            contentTypeAttr(),
            messageDigestAttr(new Uint8Array(32)),
            attribute(OID.signingTime, integer(1), integer(2)), // not even times
            contentTypeAttr(),
          ],
          sendOrder: 'as-given',
        },
      ],
    });
    const s = parseSignedData(cms).signers[0]!;
    expect(s.attributeTypes).toEqual([
      OID.contentType,
      OID.messageDigest,
      OID.signingTime,
      OID.contentType,
    ]);
    expect(s.attributeValueCounts).toEqual([1, 1, 2, 1]);
    expect(s.signingTime).toBeNull();
    expect(s.signedAttributesDer).not.toEqual(s.signedAttributes);
  });

  it('counts unsigned timestamp tokens and countersignatures', () => {
    const token = sequence(oid(OID.signedData), explicit(0, sequence(integer(3))));
    const cms = buildCustomSignedData({
      certificates: [],
      signers: [
        {
          sid: issuerAndSerialSid(officer.certificate),
          digest: 'sha256',
          signatureAlgorithm: sequence(oid(OID.rsaEncryption)),
          sign: signWith(officer.privateKey, 'sha256'),
          signedAttributes: null,
          unsignedAttributes: [
            attribute(OID.signatureTimeStampToken, token),
            attribute('1.2.840.113549.1.9.6', sequence(integer(1)), sequence(integer(2))),
          ],
        },
      ],
    });
    const s = parseSignedData(cms).signers[0]!;
    expect(s.signedAttributes).toBeNull();
    expect(s.timestampTokens.map((t) => Buffer.from(t).toString('hex'))).toEqual([
      Buffer.from(token).toString('hex'),
    ]);
    expect(s.counterSignatures).toBe(2);
  });

  describe('refuses what is not SignedData with CMS_MALFORMED', () => {
    it('empty input and random bytes', () => {
      malformed(() => parseSignedData(new Uint8Array()));
      const random = new Uint8Array(512).map((_, i) => (i * 131 + 7) & 0xff);
      malformed(() => parseSignedData(random));
    });

    it('a truncated SignedData', async () => {
      const der = (await build(officer, 'sha256', true)).der;
      for (const cut of [1, 10, der.length / 2, der.length - 1]) {
        malformed(() => parseSignedData(der.subarray(0, Math.floor(cut))));
      }
    });

    it('EnvelopedData, data and other content types, named in the detail', () => {
      const enveloped = sequence(
        oid('1.2.840.113549.1.7.3'),
        explicit(0, sequence(integer(0), setOf([]))),
      );
      expect(malformed(() => parseSignedData(enveloped)).message).toMatch(
        /envelopedData, not SignedData/,
      );
      const data = sequence(oid(OID.data), explicit(0, octetString(Uint8Array.of(1))));
      expect(malformed(() => parseSignedData(data)).message).toMatch(/holds data/);
    });

    it('a SignedData that does not follow RFC 5652', () => {
      const broken = sequence(oid(OID.signedData), explicit(0, sequence(integer(1))));
      malformed(() => parseSignedData(broken));
    });

    it('a certificate where a SignerInfo should be', () => {
      const cms = sequence(
        oid(OID.signedData),
        explicit(
          0,
          sequence(integer(1), setOf([]), sequence(oid(OID.data)), setOf([officer.certificate])),
        ),
      );
      malformed(() => parseSignedData(cms));
    });
  });
});
