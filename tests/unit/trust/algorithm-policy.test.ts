/**
 * policy.algorithms (Circular 15/2025/TT-BKHCN, LEGAL.md §4): RSA ≥ 2048 or ECDSA ≥ 256 with
 * SHA-2/SHA-3 pass; SHA-1 and RSA < 2048 after the cut-off, MD5 and unlisted algorithms always,
 * fail under strict and warn under lenient. Certificates with weak algorithms are minted here.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ALGORITHM_CUTOFFS,
  TrustStore,
  algorithmPolicy,
  buildChain,
  certificateInfo,
} from '../../../src/trust/index.js';
import { testCertDer } from '../../support/test-keys.js';
import { INTERMEDIATE_NAME, issue, rsaKey, testKey } from './mint.js';

const AT = new Date('2026-11-25T00:00:00Z');
const OID = {
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  md5: '1.2.840.113549.2.5',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  rsassaPss: '1.2.840.113549.1.1.10',
  ed25519: '1.3.101.112',
};
const store = TrustStore.fromBytes({
  anchors: [testCertDer('root')],
  intermediates: [testCertDer('intermediate')],
});

const chainOf = (der: Uint8Array) => buildChain(der, { store, at: AT });

describe('the test PKI', () => {
  it('passes: RSA 2048–4096 and EC P-256 keys, sha256WithRSAEncryption', () => {
    for (const name of ['officer', 'ecdsa', 'pss']) {
      const chain = chainOf(testCertDer(name));
      const key = certificateInfo(testCertDer(name)).publicKey;
      const c = algorithmPolicy({
        chain,
        at: AT,
        policy: 'strict',
        signature: {
          digestAlgorithm: OID.sha256,
          signatureAlgorithm:
            name === 'ecdsa'
              ? OID.ecdsaWithSHA256
              : name === 'pss'
                ? OID.rsassaPss
                : OID.rsaEncryption,
          signatureHash: name === 'pss' ? OID.sha256 : null,
          key,
        },
      });
      expect(c, name).toMatchObject({ id: 'policy.algorithms', status: 'PASSED' });
    }
  });

  it('describes keys and signature algorithms', () => {
    expect(certificateInfo(testCertDer('root')).publicKey).toMatchObject({
      algorithm: 'RSA',
      bits: 4096,
    });
    expect(certificateInfo(testCertDer('ecdsa')).publicKey).toMatchObject({
      algorithm: 'EC',
      bits: 256,
      curve: 'P-256',
    });
    expect(certificateInfo(testCertDer('officer')).signatureAlgorithm).toMatchObject({
      name: 'sha256WithRSAEncryption',
      family: 'RSA',
      hash: 'sha256',
    });
  });
});

describe('weak algorithms', () => {
  const sha1Leaf = issue({
    subject: [['CN', 'SHA-1 Signer']],
    subjectKey: testKey('citizen'),
    issuer: INTERMEDIATE_NAME,
    issuerKey: testKey('intermediate'),
    hash: 'sha1',
  });
  const shortKey = rsaKey(1024);
  const shortLeaf = issue({
    subject: [['CN', 'RSA 1024 Signer']],
    subjectKey: shortKey,
    issuer: INTERMEDIATE_NAME,
    issuerKey: testKey('intermediate'),
  });

  it('a SHA-1 certificate signature: FAILED / CRYPTO_CONSTRAINTS_FAILURE_NO_POE under strict', () => {
    const chain = chainOf(sha1Leaf);
    expect(chain.anchored).toBe(true);
    const c = algorithmPolicy({ chain, at: AT, policy: 'strict' });
    expect(c).toMatchObject({
      status: 'FAILED',
      subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
      params: { algorithm: 'sha1WithRSAEncryption', policy: 'strict' },
    });
    expect(c.detail).toContain('SHA-1 Signer');
  });

  it('the same under lenient: PASSED with a warning', () => {
    const c = algorithmPolicy({ chain: chainOf(sha1Leaf), at: AT, policy: 'lenient' });
    expect(c.status).toBe('PASSED');
    expect(String(c.params?.['warning'])).toContain('sha1WithRSAEncryption');
  });

  it('before the cut-off SHA-1 and RSA 1024 still pass (a proof of an earlier time)', () => {
    const before = new Date(DEFAULT_ALGORITHM_CUTOFFS.legacy.getTime() - 86400_000);
    for (const der of [sha1Leaf, shortLeaf]) {
      const chain = buildChain(der, { store, at: before });
      expect(algorithmPolicy({ chain, at: before, policy: 'strict' }).status).toBe('PASSED');
    }
    const custom = algorithmPolicy({
      chain: chainOf(sha1Leaf),
      at: AT,
      policy: 'strict',
      cutoffs: { legacy: new Date('2030-01-01T00:00:00Z') },
    });
    expect(custom.status).toBe('PASSED');
  });

  it('an RSA key under 2048 bits fails', () => {
    const c = algorithmPolicy({ chain: chainOf(shortLeaf), at: AT, policy: 'strict' });
    expect(c).toMatchObject({ status: 'FAILED', params: { algorithm: 'RSA 1024' } });
  });

  it('MD5 fails whatever the time', () => {
    const md5Leaf = issue({
      subject: [['CN', 'MD5 Signer']],
      subjectKey: testKey('citizen'),
      issuer: INTERMEDIATE_NAME,
      issuerKey: testKey('intermediate'),
      hash: 'md5',
    });
    const early = new Date('2010-01-01T00:00:00Z');
    const chain = {
      path: [certificateInfo(md5Leaf), certificateInfo(testCertDer('intermediate'))],
      anchored: false,
    };
    const c = algorithmPolicy({ chain, at: early, policy: 'strict' });
    expect(c.status).toBe('FAILED');
    expect(c.detail).toContain('md5WithRSAEncryption');
  });

  it('judges the CMS digest, signature algorithm and key given by the verifier', () => {
    const chain = chainOf(testCertDer('officer'));
    const key = certificateInfo(testCertDer('officer')).publicKey;
    const sha1Digest = algorithmPolicy({
      chain,
      at: AT,
      policy: 'strict',
      signature: { digestAlgorithm: OID.sha1, signatureAlgorithm: OID.rsaEncryption, key },
    });
    expect(sha1Digest).toMatchObject({ status: 'FAILED', params: { algorithm: 'sha1' } });
    const sha1Rsa = algorithmPolicy({
      chain,
      at: AT,
      policy: 'strict',
      signature: { digestAlgorithm: OID.sha256, signatureAlgorithm: OID.sha1WithRSA, key },
    });
    expect(sha1Rsa.status).toBe('FAILED');
    const ed = algorithmPolicy({
      chain,
      at: AT,
      policy: 'strict',
      signature: { digestAlgorithm: OID.sha256, signatureAlgorithm: OID.ed25519, key },
    });
    expect(ed.status).toBe('FAILED');
    expect(ed.detail).toContain('not on the list');
    const md5 = algorithmPolicy({
      chain,
      at: AT,
      policy: 'lenient',
      signature: { digestAlgorithm: OID.md5, signatureAlgorithm: OID.rsaEncryption, key },
    });
    expect(md5.status).toBe('PASSED');
    expect(md5.params?.['warning']).toContain('md5');
  });

  it('does not judge the trust anchor’s own self-signature', () => {
    // A SHA-1 self-signed anchor (like MIC National Root CA) over a SHA-256 path passes.
    const sha1Root = issue({
      subject: [['CN', 'SHA-1 Root']],
      subjectKey: testKey('other-root'),
      issuer: [['CN', 'SHA-1 Root']],
      issuerKey: testKey('other-root'),
      ca: {},
      hash: 'sha1',
    });
    const leaf = issue({
      subject: [['CN', 'Leaf Under SHA-1 Root']],
      subjectKey: testKey('citizen'),
      issuer: [['CN', 'SHA-1 Root']],
      issuerKey: testKey('other-root'),
    });
    const chain = buildChain(leaf, {
      store: TrustStore.fromBytes({ anchors: [sha1Root] }),
      at: AT,
    });
    expect(chain.anchored).toBe(true);
    expect(algorithmPolicy({ chain, at: AT, policy: 'strict' }).status).toBe('PASSED');
  });
});
