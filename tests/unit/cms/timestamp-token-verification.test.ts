// verifyTimeStampToken on tokens from hoso's own RFC 3161 authority (test PKI tsa key).
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { describe, expect, it } from 'vitest';
import { explicit, sequence } from '../../../src/cms/der.js';
import {
  answerTimeStampRequest,
  buildSignedData,
  buildTimeStampRequest,
  OID,
  parseSignedData,
  readTimeStampResponse,
  verifyTimeStampToken,
  type TimeStampAuthority,
} from '../../../src/cms/index.js';
import { testKey } from '../../support/test-keys.js';

const tsaKey = testKey('tsa');
const officer = testKey('officer');
const GEN_TIME = new Date('2026-11-25T07:00:01.250Z');
const POLICY = '1.3.6.1.4.1.99999.1.1';

const tsa: TimeStampAuthority = {
  key: tsaKey,
  policy: POLICY,
  now: () => GEN_TIME,
  serial: () => 42n,
};

async function tokenOver(data: Uint8Array): Promise<Uint8Array> {
  const imprint = new Uint8Array(createHash('sha256').update(data).digest());
  const req = buildTimeStampRequest(imprint, 'sha256', Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8));
  const response = await answerTimeStampRequest(tsa, req.der);
  return readTimeStampResponse(response, req, 'test://tsa').token;
}

/** The token re-assembled without its certificates, as TSAs answer requests without certReq. */
function withoutCertificates(token: Uint8Array): Uint8Array {
  const top = asn1js.fromBER(new Uint8Array(token).buffer).result as asn1js.Sequence;
  const [type, wrapper] = top.valueBlock.value as [asn1js.AsnType, asn1js.Constructed];
  const signedData = wrapper.valueBlock.value[0] as asn1js.Sequence;
  const kept = signedData.valueBlock.value
    .filter((n) => !(n.idBlock.tagClass === 3 && n.idBlock.tagNumber === 0))
    .map((n) => new Uint8Array(n.valueBeforeDecodeView));
  return sequence(new Uint8Array(type.valueBeforeDecodeView), explicit(0, sequence(...kept)));
}

const statuses = (checks: readonly { id: string; status: string; subIndication?: string }[]) =>
  Object.fromEntries(
    checks.map((c) => [c.id, c.subIndication ? `${c.status}/${c.subIndication}` : c.status]),
  );

describe('verifyTimeStampToken', () => {
  it('a signature timestamp over the signature value: time, TSA, policy, valid', async () => {
    const signed = await buildSignedData({
      key: officer,
      scheme: 'rsa-pkcs1',
      digest: 'sha256',
      messageDigest: new Uint8Array(32),
      timestamp: (signatureValue) => tokenOver(signatureValue),
    });
    const signer = parseSignedData(signed.der).signers[0]!;
    expect(signer.timestampTokens).toHaveLength(1);
    const v = verifyTimeStampToken(signer.timestampTokens[0]!, signer.signature);
    expect(statuses(v.checks)).toEqual({
      'timestamp.imprint': 'PASSED',
      'timestamp.signature': 'PASSED',
    });
    expect(v.valid).toBe(true);
    expect(v.time?.toISOString()).toBe(GEN_TIME.toISOString());
    expect(v.policy).toBe(POLICY);
    expect(v.tsaName).toMatch(/CN=/);
    expect(Buffer.from(v.tsaCertificate!).equals(Buffer.from(tsaKey.certificate))).toBe(true);
  });

  it('the imprint can be checked from a digest (document timestamp over a streamed ByteRange)', async () => {
    const data = Uint8Array.of(4, 5, 6);
    const token = await tokenOver(data);
    const asked: string[] = [];
    const v = verifyTimeStampToken(token, (algorithm) => {
      asked.push(algorithm);
      return new Uint8Array(createHash(algorithm).update(data).digest());
    });
    expect(asked).toEqual(['sha256']);
    expect(v.valid).toBe(true);
    const none = verifyTimeStampToken(token, () => null);
    expect(statuses(none.checks)['timestamp.imprint']).toBe('INDETERMINATE/SIGNED_DATA_NOT_FOUND');
  });

  it('imprint over other data → timestamp.imprint FAILED HASH_FAILURE', async () => {
    const token = await tokenOver(Uint8Array.of(1, 2, 3));
    const v = verifyTimeStampToken(token, Uint8Array.of(1, 2, 4));
    expect(statuses(v.checks)).toEqual({
      'timestamp.imprint': 'FAILED/HASH_FAILURE',
      'timestamp.signature': 'PASSED',
    });
    expect(v.valid).toBe(false);
  });

  it('TSTInfo altered after signing (genTime moved) → timestamp.signature FAILED HASH_FAILURE', async () => {
    const data = Uint8Array.of(9, 9, 9);
    const token = await tokenOver(data);
    const at = Buffer.from(token).indexOf(Buffer.from('20261125070001.25Z', 'latin1'));
    expect(at).toBeGreaterThan(0);
    const forged = new Uint8Array(token);
    forged[at + 3] = 0x35; // 2026 → 2025
    const v = verifyTimeStampToken(forged, data);
    expect(statuses(v.checks)['timestamp.signature']).toBe('FAILED/HASH_FAILURE');
    expect(v.checks[1]!.detail).toMatch(/^cms\.digest: /);
    expect(v.time?.getUTCFullYear()).toBe(2025);
    expect(v.valid).toBe(false);
  });

  it('a token without the TSA certificate: INDETERMINATE until the certificate is given', async () => {
    const data = Uint8Array.of(7);
    const token = withoutCertificates(await tokenOver(data));
    expect(parseSignedData(token).certificates).toHaveLength(0);
    const v = verifyTimeStampToken(token, data);
    expect(statuses(v.checks)['timestamp.signature']).toBe(
      'INDETERMINATE/NO_SIGNING_CERTIFICATE_FOUND',
    );
    expect(v.tsaCertificate).toBeNull();
    const w = verifyTimeStampToken(token, data, { extraCertificates: [tsaKey.certificate] });
    expect(w.valid).toBe(true);
  });

  it('garbage, a plain SignedData and a truncated token are findings, not exceptions', async () => {
    const garbage = verifyTimeStampToken(Uint8Array.of(0x30, 0x03, 1, 2, 3), Uint8Array.of(1));
    expect(statuses(garbage.checks)).toEqual({
      'timestamp.imprint': 'INDETERMINATE',
      'timestamp.signature': 'FAILED/FORMAT_FAILURE',
    });
    const notTst = await buildSignedData({
      key: officer,
      scheme: 'rsa-pkcs1',
      digest: 'sha256',
      messageDigest: new Uint8Array(32),
      content: Uint8Array.of(1),
    });
    const v = verifyTimeStampToken(notTst.der, Uint8Array.of(1));
    expect(v.valid).toBe(false);
    expect(v.checks[1]!.detail).toContain(OID.data);
    const token = await tokenOver(Uint8Array.of(5));
    expect(verifyTimeStampToken(token.subarray(0, token.length - 20), Uint8Array.of(5)).valid).toBe(
      false,
    );
  });
});
