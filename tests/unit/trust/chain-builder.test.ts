/**
 * buildChain and its checks (trust.chain, trust.validity, trust.keyusage, trust.revocation) on the
 * committed test PKI, plus certificates minted here for what the PKI lacks: forgeries, a non-CA
 * issuer, path lengths, critical extensions hoso does not process, cross-certificates, loops,
 * name encodings and re-keyed CAs. Time is frozen: `AT` unless a test says otherwise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/report/model.js';
import {
  TrustStore,
  buildChain,
  certificateInfo,
  type ChainResult,
} from '../../../src/trust/index.js';
import { TEST_CERTS } from '../../support/paths.js';
import { testCertDer } from '../../support/test-keys.js';
import {
  INTERMEDIATE_NAME,
  ROOT_NAME,
  criticalNameConstraints,
  issue,
  issueCrl,
  testKey,
  type Name,
} from './mint.js';

const AT = new Date('2026-11-25T00:00:00Z');
const ROOT = testCertDer('root');
const INTERMEDIATE = testCertDer('intermediate');
const CRL = new Uint8Array(readFileSync(join(TEST_CERTS, 'intermediate.crl')));

const rootOnly = TrustStore.fromBytes({ anchors: [ROOT] });
const fullStore = TrustStore.fromBytes({
  anchors: [{ der: ROOT, path: 'root.cert.pem' }],
  intermediates: [INTERMEDIATE],
  crls: [CRL],
});

function check(result: ChainResult, id: string): Check {
  const found = result.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check`);
  return found;
}

const cn = (name: string): Name => [
  ['C', 'VN'],
  ['CN', name],
];

describe('a valid chain', () => {
  it('builds officer → intermediate (embedded) → root (anchor) and passes every check', () => {
    const r = buildChain(testCertDer('officer'), {
      embedded: [INTERMEDIATE],
      store: rootOnly,
      at: AT,
    });
    expect(r.anchored).toBe(true);
    expect(r.path.map((c) => c.subject.commonName)).toEqual([
      'Nguyễn Văn An',
      'hoso Test Issuing CA (NOT FOR PRODUCTION)',
      'hoso Test Root CA (NOT FOR PRODUCTION)',
    ]);
    expect(r.anchor?.sha256).toBe(certificateInfo(ROOT).sha256);
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['trust.chain', 'PASSED'],
      ['trust.validity', 'PASSED'],
      ['trust.keyusage', 'PASSED'],
      ['trust.revocation', 'SKIPPED'],
    ]);
    expect(check(r, 'trust.revocation').detail).toBe('no revocation data');
    expect(r.revocation).toEqual({ status: 'UNKNOWN', source: null, revokedAt: null });
    expect(r.chain).toHaveLength(3);
    expect(r.chain[0]).toEqual({
      subject: r.path[0]!.subject.text,
      issuer: r.path[0]!.issuer.text,
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2031-01-01T00:00:00.000Z',
      sha256: r.path[0]!.sha256,
    });
  });

  it('takes intermediates from the store (--certs) as well as from the signature', () => {
    const r = buildChain(testCertDer('citizen'), { store: fullStore, at: AT });
    expect(r.anchored).toBe(true);
    expect(r.path).toHaveLength(3);
    expect(fullStore.sourceOf(r.anchor!.sha256)).toBe('root.cert.pem');
  });

  it('builds for ECDSA and PSS signers too', () => {
    for (const name of ['ecdsa', 'pss', 'agency']) {
      const r = buildChain(testCertDer(name), { store: fullStore, at: AT });
      expect(check(r, 'trust.chain').status, name).toBe('PASSED');
    }
  });

  it('trusts a certificate that is itself an anchor, as it is', () => {
    const r = buildChain(ROOT, { store: rootOnly, at: AT, purpose: 'any' });
    expect(r.anchored).toBe(true);
    expect(r.path).toHaveLength(1);
    expect(check(r, 'trust.keyusage').status).toBe('SKIPPED');
    expect(check(r, 'trust.revocation').status).toBe('SKIPPED');
  });

  it('an intermediate given as an anchor ends the path there', () => {
    const store = TrustStore.fromBytes({ anchors: [INTERMEDIATE] });
    const r = buildChain(testCertDer('officer'), { store, at: AT });
    expect(r.anchored).toBe(true);
    expect(r.path).toHaveLength(2);
  });

  it('--certs intermediates are never trusted by themselves', () => {
    const store = TrustStore.fromBytes({ intermediates: [INTERMEDIATE, ROOT] });
    const r = buildChain(testCertDer('officer'), { store, at: AT });
    expect(r.anchored).toBe(false);
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      params: { reason: 'no-anchors' },
    });
  });
});

describe('no path to an anchor', () => {
  it('untrusted-signer under other-root: NO_CERTIFICATE_CHAIN_FOUND naming the missing issuer', () => {
    const r = buildChain(testCertDer('untrusted-signer'), { store: fullStore, at: AT });
    expect(r.anchored).toBe(false);
    expect(r.anchor).toBeNull();
    const c = check(r, 'trust.chain');
    expect(c).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      params: {
        reason: 'issuer-not-found',
        missingIssuer: 'hoso Other Test Root (NOT FOR PRODUCTION)',
      },
    });
    expect(String(c.params?.['hint'])).toContain('--trust');
  });

  it('with other-root embedded, the path ends at a root that is not an anchor', () => {
    const r = buildChain(testCertDer('untrusted-signer'), {
      embedded: [testCertDer('other-root')],
      store: fullStore,
      at: AT,
    });
    expect(r.anchored).toBe(false);
    expect(r.path).toHaveLength(2);
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      params: { reason: 'untrusted-root', root: 'hoso Other Test Root (NOT FOR PRODUCTION)' },
    });
  });

  it('with NO anchors configured nothing is trusted, and the check says to pass --trust', () => {
    const r = buildChain(testCertDer('officer'), {
      embedded: [INTERMEDIATE, ROOT],
      store: TrustStore.empty(),
      at: AT,
    });
    expect(r.anchored).toBe(false);
    const c = check(r, 'trust.chain');
    expect(c).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      params: { reason: 'no-anchors' },
    });
    expect(c.detail).toContain('--trust');
    expect(String(c.params?.['hint'])).toContain('--trust');
    // Even a self-signed certificate presented as its own root is not trusted.
    const self = buildChain(ROOT, { store: TrustStore.empty(), at: AT, purpose: 'any' });
    expect(self.anchored).toBe(false);
    expect(check(self, 'trust.chain').status).toBe('INDETERMINATE');
  });
});

describe('never trust by name', () => {
  const attacker = testKey('other-root');

  it('a forged certificate with the right issuer name and key identifier: FAILED, never anchored', () => {
    const forged = issue({
      subject: cn('Nguyễn Văn An'),
      subjectKey: testKey('officer'),
      issuer: INTERMEDIATE_NAME,
      issuerKey: attacker,
      akiKey: testKey('intermediate'),
    });
    const r = buildChain(forged, { embedded: [INTERMEDIATE], store: rootOnly, at: AT });
    expect(r.anchored).toBe(false);
    expect(r.path).toHaveLength(1);
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'FAILED',
      subIndication: 'CERTIFICATE_CHAIN_GENERAL_FAILURE',
      params: { reason: 'bad-signature', subject: 'Nguyễn Văn An' },
    });
  });

  it('a forged certificate with the issuer name only: no chain (the right issuer is missing)', () => {
    const forged = issue({
      subject: cn('Nguyễn Văn An'),
      subjectKey: testKey('officer'),
      issuer: INTERMEDIATE_NAME,
      issuerKey: attacker,
      akiKey: null,
    });
    const r = buildChain(forged, { store: fullStore, at: AT });
    expect(r.anchored).toBe(false);
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
      params: { reason: 'issuer-key-mismatch' },
    });
  });

  it('a forged intermediate named like the real one cannot carry a leaf to the root', () => {
    const fakeIntermediate = issue({
      subject: INTERMEDIATE_NAME,
      subjectKey: attacker,
      issuer: ROOT_NAME,
      issuerKey: attacker,
      akiKey: testKey('root'),
      ca: { pathLen: 0 },
    });
    const leaf = issue({
      subject: cn('Kẻ Giả Mạo'),
      subjectKey: testKey('citizen'),
      issuer: INTERMEDIATE_NAME,
      issuerKey: attacker,
    });
    const r = buildChain(leaf, { embedded: [fakeIntermediate], store: fullStore, at: AT });
    expect(r.anchored).toBe(false);
    expect(check(r, 'trust.chain').status).toBe('FAILED');
    expect(check(r, 'trust.chain').params?.['reason']).toBe('bad-signature');
  });

  it('a root with the anchor name but another key is not the anchor', () => {
    const fakeRoot = issue({
      subject: ROOT_NAME,
      subjectKey: attacker,
      issuer: ROOT_NAME,
      issuerKey: attacker,
      ca: {},
    });
    const r = buildChain(fakeRoot, { store: rootOnly, at: AT, purpose: 'any' });
    expect(r.anchored).toBe(false);
    expect(check(r, 'trust.chain').params?.['reason']).toBe('untrusted-root');
  });

  it('the anchor is matched by name and key: a re-issued copy of the root is the anchor', () => {
    const reissuedRoot = issue({
      subject: ROOT_NAME,
      subjectKey: testKey('root'),
      issuer: ROOT_NAME,
      issuerKey: testKey('root'),
      ca: {},
      notBefore: '2024-01-01T00:00:00Z',
    });
    const store = TrustStore.fromBytes({ anchors: [reissuedRoot] });
    const r = buildChain(testCertDer('officer'), { embedded: [INTERMEDIATE, ROOT], store, at: AT });
    expect(r.anchored).toBe(true);
    expect(r.anchor?.sha256).toBe(certificateInfo(reissuedRoot).sha256);
  });
});

describe('validity at the validation time', () => {
  it('an expired signer is INDETERMINATE / OUT_OF_BOUNDS_NO_POE', () => {
    const r = buildChain(testCertDer('expired'), { store: fullStore, at: AT });
    expect(check(r, 'trust.chain').status).toBe('PASSED');
    expect(check(r, 'trust.validity')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'OUT_OF_BOUNDS_NO_POE',
      params: { reason: 'expired', which: 'signer', notAfter: '2022-01-01T00:00:00.000Z' },
    });
  });

  it('a signer not yet valid is TOTAL_FAILED / NOT_YET_VALID', () => {
    const r = buildChain(testCertDer('not-yet-valid'), { store: fullStore, at: AT });
    expect(check(r, 'trust.validity')).toMatchObject({
      status: 'FAILED',
      subIndication: 'NOT_YET_VALID',
      params: { reason: 'not-yet-valid', notBefore: '2040-01-01T00:00:00.000Z' },
    });
  });

  it('judges validity at `at`, not now', () => {
    const r = buildChain(testCertDer('expired'), {
      store: fullStore,
      at: new Date('2021-06-01T00:00:00Z'),
    });
    // At 2021 the intermediate (from 2025) was not valid yet: a CA out of bounds.
    expect(check(r, 'trust.validity')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'OUT_OF_BOUNDS_NO_POE',
      params: { which: 'ca' },
    });
    const ok = buildChain(testCertDer('officer'), {
      store: fullStore,
      at: new Date('2027-03-01T00:00:00Z'),
    });
    expect(check(ok, 'trust.validity').status).toBe('PASSED');
  });

  it('prefers a path whose certificates are valid at `at`', () => {
    // Two certificates for the same CA (same name, same key): one expired, one valid.
    const expiredCopy = issue({
      subject: INTERMEDIATE_NAME,
      subjectKey: testKey('intermediate'),
      issuer: ROOT_NAME,
      issuerKey: testKey('root'),
      ca: { pathLen: 0 },
      notBefore: '2020-01-01T00:00:00Z',
      notAfter: '2024-01-01T00:00:00Z',
    });
    const r = buildChain(testCertDer('officer'), {
      embedded: [expiredCopy, INTERMEDIATE],
      store: rootOnly,
      at: AT,
    });
    expect(r.path[1]!.sha256).toBe(certificateInfo(INTERMEDIATE).sha256);
    expect(check(r, 'trust.validity').status).toBe('PASSED');
  });
});

describe('key usage of the signer', () => {
  it('no-signing-usage is INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE', () => {
    const r = buildChain(testCertDer('no-signing-usage'), { store: fullStore, at: AT });
    expect(check(r, 'trust.keyusage')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
      params: { reason: 'no-signing-usage' },
    });
  });

  it('a TSA certificate may not sign documents but passes as a time-stamping certificate', () => {
    const asSigner = buildChain(testCertDer('tsa'), { store: fullStore, at: AT });
    expect(check(asSigner, 'trust.keyusage').params?.['reason']).toBe('service-certificate');
    const asTsa = buildChain(testCertDer('tsa'), {
      store: fullStore,
      at: AT,
      purpose: 'timestamp',
    });
    expect(check(asTsa, 'trust.keyusage').status).toBe('PASSED');
    const officerAsTsa = buildChain(testCertDer('officer'), {
      store: fullStore,
      at: AT,
      purpose: 'timestamp',
    });
    expect(check(officerAsTsa, 'trust.keyusage').status).toBe('INDETERMINATE');
  });

  it('a TSA certificate must have id-kp-timeStamping alone, in a critical extension (RFC 3161 §2.3)', () => {
    const eku = (purposes: string[], critical: boolean) =>
      new pkijs.Extension({
        extnID: '2.5.29.37',
        critical,
        extnValue: new pkijs.ExtKeyUsage({ keyPurposes: purposes }).toSchema().toBER(),
      });
    const tsa = (purposes: string[], critical: boolean) =>
      issue({
        subject: [['CN', 'TSA thử nghiệm']],
        subjectKey: testKey('tsa'),
        issuer: INTERMEDIATE_NAME,
        issuerKey: testKey('intermediate'),
        ca: false,
        keyUsage: ['digitalSignature'],
        extra: [eku(purposes, critical)],
      });
    const judge = (der: Uint8Array) =>
      check(buildChain(der, { store: fullStore, at: AT, purpose: 'timestamp' }), 'trust.keyusage');
    expect(judge(tsa(['1.3.6.1.5.5.7.3.8'], true)).status).toBe('PASSED');
    expect(judge(tsa(['1.3.6.1.5.5.7.3.8'], false))).toMatchObject({
      status: 'INDETERMINATE',
      detail: expect.stringContaining('not critical') as string,
    });
    expect(judge(tsa(['1.3.6.1.5.5.7.3.8', '1.3.6.1.5.5.7.3.4'], true))).toMatchObject({
      status: 'INDETERMINATE',
      detail: expect.stringContaining('not its only') as string,
    });
  });
});

describe('CA constraints (RFC 5280 §6.1.4)', () => {
  const caKey = testKey('agency');

  it('a certificate without cA=TRUE used as an issuer fails the chain', () => {
    const notCa = issue({
      subject: cn('Not A CA'),
      subjectKey: caKey,
      issuer: ROOT_NAME,
      issuerKey: testKey('root'),
      ca: false,
      keyUsage: ['digitalSignature', 'keyCertSign'],
    });
    const leaf = issue({
      subject: cn('Leaf Of A Non-CA'),
      subjectKey: testKey('citizen'),
      issuer: cn('Not A CA'),
      issuerKey: caKey,
    });
    const r = buildChain(leaf, { embedded: [notCa], store: rootOnly, at: AT });
    expect(r.anchored).toBe(true);
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'FAILED',
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
      params: { reason: 'not-ca', subject: 'Not A CA' },
    });
    // Without basicConstraints at all: the same.
    const noBc = issue({
      subject: cn('Not A CA'),
      subjectKey: caKey,
      issuer: ROOT_NAME,
      issuerKey: testKey('root'),
      ca: 'absent',
      keyUsage: null,
    });
    const r2 = buildChain(leaf, { embedded: [noBc], store: rootOnly, at: AT });
    expect(check(r2, 'trust.chain').params?.['reason']).toBe('not-ca');
  });

  it('a CA whose keyUsage lacks keyCertSign cannot issue', () => {
    const ca = issue({
      subject: cn('CA Without keyCertSign'),
      subjectKey: caKey,
      issuer: ROOT_NAME,
      issuerKey: testKey('root'),
      ca: {},
      keyUsage: ['cRLSign'],
    });
    const leaf = issue({
      subject: cn('Leaf'),
      subjectKey: testKey('citizen'),
      issuer: cn('CA Without keyCertSign'),
      issuerKey: caKey,
    });
    const r = buildChain(leaf, { embedded: [ca], store: rootOnly, at: AT });
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'FAILED',
      params: { reason: 'no-cert-sign' },
    });
  });

  it('the intermediate has pathLenConstraint 0: a sub-CA below it breaks the path', () => {
    const subCa = issue({
      subject: cn('Sub CA'),
      subjectKey: caKey,
      issuer: INTERMEDIATE_NAME,
      issuerKey: testKey('intermediate'),
      ca: {},
    });
    const leaf = issue({
      subject: cn('Leaf Under Sub CA'),
      subjectKey: testKey('citizen'),
      issuer: cn('Sub CA'),
      issuerKey: caKey,
    });
    const r = buildChain(leaf, { embedded: [subCa], store: fullStore, at: AT });
    expect(r.anchored).toBe(true);
    expect(r.path).toHaveLength(4);
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'FAILED',
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
      params: { reason: 'path-length' },
    });
  });

  it('a critical extension hoso does not process makes the chain INDETERMINATE', () => {
    const ca = issue({
      subject: cn('Constrained CA'),
      subjectKey: caKey,
      issuer: ROOT_NAME,
      issuerKey: testKey('root'),
      ca: {},
      extra: [criticalNameConstraints()],
    });
    const leaf = issue({
      subject: cn('Leaf'),
      subjectKey: testKey('citizen'),
      issuer: cn('Constrained CA'),
      issuerKey: caKey,
    });
    const r = buildChain(leaf, { embedded: [ca], store: rootOnly, at: AT });
    expect(check(r, 'trust.chain')).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'CHAIN_CONSTRAINTS_FAILURE',
      params: { reason: 'unsupported-critical-extension' },
    });
  });
});

describe('path building', () => {
  it('matches names by RFC 5280 §7.1, not by bytes (PrintableString, case, spaces)', () => {
    const leaf = issue({
      subject: cn('Name Encoding'),
      subjectKey: testKey('citizen'),
      issuer: [
        ['C', 'vn'],
        ['O', 'HOSO  test PKI'],
        ['CN', 'hoso test issuing ca (not for production)'],
      ],
      printableIssuer: true,
      issuerKey: testKey('intermediate'),
    });
    const r = buildChain(leaf, { store: fullStore, at: AT });
    expect(r.anchored).toBe(true);
    expect(check(r, 'trust.chain').status).toBe('PASSED');
  });

  it('a re-keyed CA with the same name: the certificate whose key verifies is chosen', () => {
    const oldKey = testKey('pss');
    const newKey = testKey('tsa');
    const ca = (key: typeof oldKey, serial: string) =>
      issue({
        subject: cn('CA2'),
        subjectKey: key,
        issuer: ROOT_NAME,
        issuerKey: testKey('root'),
        ca: {},
        serial,
      });
    const leaf = issue({
      subject: cn('Signer Under New Key'),
      subjectKey: testKey('citizen'),
      issuer: cn('CA2'),
      issuerKey: newKey,
      hash: 'sha256',
    });
    const r = buildChain(leaf, {
      embedded: [ca(oldKey, '0a01'), ca(newKey, '0a02')],
      store: rootOnly,
      at: AT,
    });
    expect(r.anchored).toBe(true);
    expect(r.path[1]!.serialNumber).toBe('0a02');
    // With only the old certificate the right issuer is missing: INDETERMINATE, not FAILED.
    const leafNoAki = issue({
      subject: cn('Signer Under New Key'),
      subjectKey: testKey('citizen'),
      issuer: cn('CA2'),
      issuerKey: newKey,
      akiKey: null,
    });
    const r2 = buildChain(leafNoAki, { embedded: [ca(oldKey, '0a01')], store: rootOnly, at: AT });
    expect(check(r2, 'trust.chain')).toMatchObject({
      status: 'INDETERMINATE',
      params: { reason: 'issuer-key-mismatch', missingIssuer: 'CA2' },
    });
  });

  it('follows a cross-certificate to the root the operator trusts', () => {
    // Bridge root B (other-root's key) cross-certifies the issuing CA: same name and key.
    const bridgeName = cn('Bridge Root');
    const bridgeRoot = issue({
      subject: bridgeName,
      subjectKey: testKey('other-root'),
      issuer: bridgeName,
      issuerKey: testKey('other-root'),
      ca: {},
    });
    const cross = issue({
      subject: INTERMEDIATE_NAME,
      subjectKey: testKey('intermediate'),
      issuer: bridgeName,
      issuerKey: testKey('other-root'),
      ca: {},
    });
    const onlyBridge = TrustStore.fromBytes({ anchors: [bridgeRoot] });
    const r = buildChain(testCertDer('officer'), {
      embedded: [INTERMEDIATE, ROOT, cross],
      store: onlyBridge,
      at: AT,
    });
    expect(r.anchored).toBe(true);
    expect(r.path.map((c) => c.subject.commonName)).toEqual([
      'Nguyễn Văn An',
      'hoso Test Issuing CA (NOT FOR PRODUCTION)',
      'Bridge Root',
    ]);
    // Trusting the test root instead, the same material leads there.
    const r2 = buildChain(testCertDer('officer'), {
      embedded: [cross, bridgeRoot, INTERMEDIATE],
      store: rootOnly,
      at: AT,
    });
    expect(r2.anchor?.subject.commonName).toBe('hoso Test Root CA (NOT FOR PRODUCTION)');
  });

  it('is loop-safe: two CAs certifying each other, no anchor', () => {
    const a = cn('Loop CA A');
    const b = cn('Loop CA B');
    const keyA = testKey('agency');
    const keyB = testKey('citizen');
    const aByB = issue({ subject: a, subjectKey: keyA, issuer: b, issuerKey: keyB, ca: {} });
    const bByA = issue({ subject: b, subjectKey: keyB, issuer: a, issuerKey: keyA, ca: {} });
    const aByB2 = issue({
      subject: a,
      subjectKey: keyA,
      issuer: b,
      issuerKey: keyB,
      ca: {},
      serial: '0b01',
    });
    const leaf = issue({
      subject: cn('Leaf In A Loop'),
      subjectKey: testKey('officer'),
      issuer: a,
      issuerKey: keyA,
    });
    const r = buildChain(leaf, { embedded: [aByB, bByA, aByB2], store: rootOnly, at: AT });
    expect(r.anchored).toBe(false);
    expect(r.path.length).toBeLessThanOrEqual(3);
    expect(check(r, 'trust.chain').status).toBe('INDETERMINATE');
  });

  it('is bounded: a path longer than ten issuers is not followed to its end', () => {
    const names = Array.from({ length: 13 }, (_, i) => cn(`Deep CA ${i}`));
    const keys = ['agency', 'citizen'].map(testKey);
    const embedded: Uint8Array[] = [];
    // Deep CA 0 is self-signed (would be the root); each next one is issued by the previous.
    embedded.push(
      issue({
        subject: names[0]!,
        subjectKey: keys[0]!,
        issuer: names[0]!,
        issuerKey: keys[0]!,
        ca: {},
      }),
    );
    for (let i = 1; i < names.length; i++)
      embedded.push(
        issue({
          subject: names[i]!,
          subjectKey: keys[i % 2]!,
          issuer: names[i - 1]!,
          issuerKey: keys[(i - 1) % 2]!,
          ca: {},
        }),
      );
    const leaf = issue({
      subject: cn('Deep Leaf'),
      subjectKey: testKey('officer'),
      issuer: names[12]!,
      issuerKey: keys[0]!,
    });
    const store = TrustStore.fromBytes({ anchors: [embedded[0]!] });
    const r = buildChain(leaf, { embedded, store, at: AT });
    expect(r.anchored).toBe(false);
    expect(r.path.length).toBe(11);
    expect(check(r, 'trust.chain').params?.['reason']).toBe('too-long');
  });
});

describe('revocation from CRLs', () => {
  it('revoked via intermediate.crl: FAILED / REVOKED with revokedAt', () => {
    const r = buildChain(testCertDer('revoked'), { store: fullStore, at: AT });
    expect(check(r, 'trust.revocation')).toMatchObject({
      status: 'FAILED',
      subIndication: 'REVOKED',
      params: { revokedAt: '2026-03-01T00:00:00.000Z', revocationReason: 'keyCompromise' },
    });
    expect(r.revocation).toEqual({
      status: 'REVOKED',
      source: 'CRL',
      revokedAt: '2026-03-01T00:00:00.000Z',
      producedAt: '2026-11-01T00:00:00.000Z', // the CRL's thisUpdate
    });
  });

  it('a CRL issued after `at` that dates the revocation before `at` still revokes', () => {
    const r = buildChain(testCertDer('revoked'), {
      store: fullStore,
      at: new Date('2026-06-01T00:00:00Z'),
    });
    expect(check(r, 'trust.revocation').status).toBe('FAILED');
  });

  it('before the revocation date the certificate was good', () => {
    const r = buildChain(testCertDer('revoked'), {
      store: fullStore,
      at: new Date('2026-02-01T00:00:00Z'),
    });
    expect(check(r, 'trust.revocation')).toMatchObject({
      status: 'PASSED',
      params: { revokedLater: '2026-03-01T00:00:00.000Z' },
    });
    expect(r.revocation.status).toBe('GOOD');
  });

  it('a certificate the CRL does not list is GOOD (source CRL)', () => {
    const r = buildChain(testCertDer('officer'), { store: fullStore, at: AT });
    expect(check(r, 'trust.revocation').status).toBe('PASSED');
    expect(r.revocation).toEqual({
      status: 'GOOD',
      source: 'CRL',
      revokedAt: null,
      producedAt: '2026-11-01T00:00:00.000Z',
    });
  });

  it('a CRL whose signature does not verify is ignored', () => {
    const forgedCrl = issueCrl({
      issuer: INTERMEDIATE_NAME,
      issuerKey: testKey('intermediate'),
      signWith: testKey('other-root'),
      thisUpdate: '2026-11-01T00:00:00Z',
      nextUpdate: '2027-11-01T00:00:00Z',
      revoked: [{ serial: '48a1000000001001', date: '2026-04-01T00:00:00Z' }],
    });
    const store = TrustStore.fromBytes({
      anchors: [ROOT],
      intermediates: [INTERMEDIATE],
      crls: [forgedCrl],
    });
    const r = buildChain(testCertDer('officer'), { store, at: AT });
    const c = check(r, 'trust.revocation');
    expect(c.status).toBe('SKIPPED');
    expect(c.detail).toContain('does not verify');
  });

  it('a stale CRL (nextUpdate before `at`) is no current data', () => {
    const stale = issueCrl({
      issuer: INTERMEDIATE_NAME,
      issuerKey: testKey('intermediate'),
      thisUpdate: '2026-01-15T00:00:00Z',
      nextUpdate: '2026-02-15T00:00:00Z',
    });
    const store = TrustStore.fromBytes({
      anchors: [ROOT],
      intermediates: [INTERMEDIATE],
      crls: [stale],
    });
    const r = buildChain(testCertDer('officer'), { store, at: AT });
    expect(check(r, 'trust.revocation')).toMatchObject({ status: 'SKIPPED' });
    expect(check(r, 'trust.revocation').detail).toContain('no current revocation data');
    // Given with the signature instead of the store: the same CRL is used.
    const r2 = buildChain(testCertDer('revoked'), { store: fullStore, at: AT, crls: [stale] });
    expect(check(r2, 'trust.revocation').status).toBe('FAILED');
  });
});

describe('bad input', () => {
  it('a leaf that is not a certificate throws CERT_MALFORMED', () => {
    expect(() => buildChain(new Uint8Array([1, 2, 3]), { store: rootOnly, at: AT })).toThrow(
      expect.objectContaining({ code: 'CERT_MALFORMED' }),
    );
  });

  it('unreadable embedded certificates and CRLs are ignored', () => {
    const r = buildChain(testCertDer('officer'), {
      embedded: [new Uint8Array([0x30, 0x03, 1, 2, 3]), INTERMEDIATE],
      crls: [new Uint8Array([9, 9, 9])],
      store: rootOnly,
      at: AT,
    });
    expect(r.anchored).toBe(true);
  });

  it('TrustStore.fromBytes names the file of a bad certificate or CRL', () => {
    expect(() =>
      TrustStore.fromBytes({ anchors: [{ der: new Uint8Array([1, 2]), path: 'bad.pem' }] }),
    ).toThrow(
      expect.objectContaining({
        code: 'CERT_MALFORMED',
        params: expect.objectContaining({ path: 'bad.pem' }),
      }),
    );
    expect(() => TrustStore.fromBytes({ crls: [{ der: ROOT, path: 'root-as-crl.crl' }] })).toThrow(
      expect.objectContaining({
        code: 'CERT_MALFORMED',
        params: expect.objectContaining({ path: 'root-as-crl.crl' }),
      }),
    );
  });
});
