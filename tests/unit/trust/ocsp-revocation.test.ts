/**
 * OCSP responses as revocation evidence in buildChain (src/trust/ocsp-response.ts and
 * revocation-check.ts), with responses built to order (tests/support/ocsp-builder.ts) and signed
 * with the test PKI's real keys: accepted from the issuing CA and from its delegated responder,
 * refused from a signer without id-kp-OCSPSigning or certified by someone else; good, revoked
 * (before and after the validation time), unknown, stale; the revocation policy for missing data.
 */
import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/report/model.js';
import {
  TrustStore,
  buildChain,
  type BuildChainOptions,
  type ChainResult,
} from '../../../src/trust/index.js';
import * as pkijs from 'pkijs';
import { buildCrl, loadTestKey } from '../../support/crl-builder.js';
import { INTERMEDIATE_NAME, issue, rsaKey, testKey as mintKey } from './mint.js';
import { buildOcspResponse, certIdOf, type OcspCertStatus } from '../../support/ocsp-builder.js';
import { testCertDer } from '../../support/test-keys.js';

const AT = new Date('2026-11-25T00:00:00Z');
const store = TrustStore.fromBytes({
  anchors: [testCertDer('root')],
  intermediates: [testCertDer('intermediate')],
});
const INTERMEDIATE = testCertDer('intermediate');

function response(
  subject: string,
  status: OcspCertStatus,
  options: {
    signer?: string;
    thisUpdate?: Date;
    nextUpdate?: Date | null;
    responderId?: 'byName' | 'byKey';
    hash?: 'sha1' | 'sha256';
  } = {},
): Uint8Array {
  const thisUpdate = options.thisUpdate ?? new Date('2026-11-24T00:00:00Z');
  return buildOcspResponse({
    signer: loadTestKey(options.signer ?? 'ocsp'),
    responderId: options.responderId ?? 'byName',
    producedAt: thisUpdate,
    responses: [
      {
        certId: certIdOf(testCertDer(subject), INTERMEDIATE, options.hash ?? 'sha1'),
        status,
        thisUpdate,
        ...(options.nextUpdate === null
          ? {}
          : { nextUpdate: options.nextUpdate ?? new Date('2026-12-01T00:00:00Z') }),
      },
    ],
  });
}

function chain(
  subject: string,
  ocsps: Uint8Array[],
  extra: Partial<BuildChainOptions> = {},
): ChainResult {
  return buildChain(testCertDer(subject), { store, at: AT, ocsps, ...extra });
}

function revocation(r: ChainResult): Check {
  return r.checks.find((c) => c.id === 'trust.revocation')!;
}

describe('OCSP evidence', () => {
  it('a "good" from the delegated responder (EKU OCSPSigning, ocsp-nocheck) passes: source OCSP', () => {
    const r = chain('officer', [response('officer', { status: 'good' })]);
    expect(revocation(r)).toMatchObject({ status: 'PASSED', params: { source: 'OCSP' } });
    expect(r.revocation).toEqual({
      status: 'GOOD',
      source: 'OCSP',
      revokedAt: null,
      producedAt: '2026-11-24T00:00:00.000Z', // the single response's thisUpdate
    });
  });

  it('a "good" signed by the issuing CA itself passes; responder named by key, SHA-256 CertID', () => {
    const r = chain('officer', [
      response(
        'officer',
        { status: 'good' },
        { signer: 'intermediate', responderId: 'byKey', hash: 'sha256' },
      ),
    ]);
    expect(revocation(r).status).toBe('PASSED');
  });

  it('a response whose signature was altered is not accepted', () => {
    const der = response('officer', { status: 'good' });
    // The signature value sits before the certificates; flip a byte inside it instead.
    const sigAt = Buffer.from(der).lastIndexOf(Buffer.from([0x03, 0x82, 0x01, 0x01, 0x00]));
    expect(sigAt).toBeGreaterThan(0);
    const forged = der.slice();
    forged[sigAt + 40]! ^= 0x01;
    const c = revocation(chain('officer', [forged]));
    expect(c.status).toBe('SKIPPED');
    expect(c.detail).toMatch(/signature does not verify/);
  });

  it('a response signed by a signer without id-kp-OCSPSigning is not accepted', () => {
    const r = chain('citizen', [response('citizen', { status: 'good' }, { signer: 'officer' })]);
    const c = revocation(r);
    expect(c.status).toBe('SKIPPED');
    expect(c.detail).toMatch(/not accepted.*no id-kp-OCSPSigning/);
    expect(r.revocation.status).toBe('UNKNOWN');
  });

  it('a "revoked" from a responder certified by another CA does not revoke (and is not trusted)', () => {
    const r = chain('citizen', [
      response(
        'citizen',
        { status: 'revoked', revocationTime: new Date('2026-05-01T00:00:00Z') },
        { signer: 'untrusted-signer' },
      ),
    ]);
    expect(revocation(r).status).toBe('SKIPPED');
    expect(revocation(r).detail).toMatch(/not accepted/);
  });

  it('"revoked" before the validation time fails with REVOKED; after it, the certificate was good then', () => {
    const before = chain('citizen', [
      response('citizen', {
        status: 'revoked',
        revocationTime: new Date('2026-05-01T00:00:00Z'),
        reason: 'keyCompromise',
      }),
    ]);
    expect(revocation(before)).toMatchObject({
      status: 'FAILED',
      subIndication: 'REVOKED',
      params: {
        source: 'OCSP',
        revokedAt: '2026-05-01T00:00:00.000Z',
        revocationReason: 'keyCompromise',
      },
    });
    expect(before.revocation).toEqual({
      status: 'REVOKED',
      source: 'OCSP',
      revokedAt: '2026-05-01T00:00:00.000Z',
      producedAt: '2026-11-24T00:00:00.000Z',
    });
    const after = chain('citizen', [
      response(
        'citizen',
        { status: 'revoked', revocationTime: new Date('2026-11-26T00:00:00Z') },
        { thisUpdate: new Date('2026-11-27T00:00:00Z') },
      ),
    ]);
    expect(revocation(after)).toMatchObject({
      status: 'PASSED',
      params: { revokedLater: '2026-11-26T00:00:00.000Z' },
    });
  });

  it('revoked, the signature claims an earlier time and nothing proves it: INDETERMINATE REVOKED_NO_POE', () => {
    const ocsp = [
      response('citizen', { status: 'revoked', revocationTime: new Date('2026-05-01T00:00:00Z') }),
    ];
    const claimedEarlier = chain('citizen', ocsp, {
      signingTime: { claimed: new Date('2026-04-01T00:00:00Z'), atIsProof: false },
    });
    expect(revocation(claimedEarlier)).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'REVOKED_NO_POE',
    });
    const claimedLater = chain('citizen', ocsp, {
      signingTime: { claimed: new Date('2026-06-01T00:00:00Z'), atIsProof: false },
    });
    expect(revocation(claimedLater)).toMatchObject({ status: 'FAILED', subIndication: 'REVOKED' });
    // A proof of existence at `at` after the revocation: REVOKED, whatever is claimed.
    const proven = chain('citizen', ocsp, {
      signingTime: { claimed: new Date('2026-04-01T00:00:00Z'), atIsProof: true },
    });
    expect(revocation(proven)).toMatchObject({ status: 'FAILED', subIndication: 'REVOKED' });
  });

  it('"unknown" says nothing; a response about another certificate says nothing', () => {
    expect(revocation(chain('officer', [response('officer', { status: 'unknown' })])).status).toBe(
      'SKIPPED',
    );
    expect(revocation(chain('officer', [response('citizen', { status: 'good' })])).status).toBe(
      'SKIPPED',
    );
  });

  it('a stale response (nextUpdate before the time checked): REVOCATION_OUT_OF_BOUNDS_NO_POE, named', () => {
    const stale = [
      response(
        'officer',
        { status: 'good' },
        {
          thisUpdate: new Date('2026-10-01T00:00:00Z'),
          nextUpdate: new Date('2026-10-08T00:00:00Z'),
        },
      ),
    ];
    expect(revocation(chain('officer', stale))).toMatchObject({
      status: 'SKIPPED',
      params: { reason: 'stale', outOfBounds: 'REVOCATION_OUT_OF_BOUNDS_NO_POE' },
    });
    expect(revocation(chain('officer', stale, { revocationPolicy: 'hard' }))).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'REVOCATION_OUT_OF_BOUNDS_NO_POE',
    });
  });

  it('a delegated responder without ocsp-nocheck is refused once its own certificate is revoked', () => {
    const responderKey = rsaKey(2048);
    const responderCert = issue({
      subject: [['CN', 'Máy chủ OCSP không có nocheck']],
      subjectKey: responderKey,
      issuer: INTERMEDIATE_NAME,
      issuerKey: mintKey('intermediate'),
      serial: '0cc5',
      ca: false,
      keyUsage: ['digitalSignature'],
      extra: [
        new pkijs.Extension({
          extnID: '2.5.29.37',
          extnValue: new pkijs.ExtKeyUsage({ keyPurposes: ['1.3.6.1.5.5.7.3.9'] })
            .toSchema()
            .toBER(),
        }),
      ],
    });
    const answer = buildOcspResponse({
      signer: { privateKey: responderKey, certificate: responderCert },
      producedAt: new Date('2026-11-24T00:00:00Z'),
      responses: [
        {
          certId: certIdOf(testCertDer('officer'), INTERMEDIATE),
          status: { status: 'good' },
          thisUpdate: new Date('2026-11-24T00:00:00Z'),
          nextUpdate: new Date('2026-12-01T00:00:00Z'),
        },
      ],
    });
    // Its own status unknown: accepted (RFC 6960 leaves it to the client; no data, no refusal).
    expect(revocation(chain('officer', [answer])).status).toBe('PASSED');
    // A CRL that lists the responder as revoked before the response (and, being stale at the
    // validation time, says nothing about the officer): the "good" is no longer taken.
    const revokedResponder = buildCrl({
      thisUpdate: new Date('2026-11-20T00:00:00Z'),
      nextUpdate: new Date('2026-11-22T00:00:00Z'),
      entries: [{ serial: '0cc5', revocationDate: new Date('2026-11-10T00:00:00Z') }],
    });
    const refused = chain('officer', [answer], { crls: [revokedResponder] });
    expect(revocation(refused).status).toBe('SKIPPED');
    expect(refused.revocation.status).toBe('UNKNOWN');
  });

  it('the policy: soft reports missing data as TRY_LATER without failing, hard makes it INDETERMINATE, off does not look', () => {
    expect(revocation(chain('officer', []))).toMatchObject({
      status: 'SKIPPED',
      params: { tryLater: 'TRY_LATER' },
    });
    expect(revocation(chain('officer', [], { revocationPolicy: 'hard' }))).toMatchObject({
      status: 'INDETERMINATE',
      subIndication: 'TRY_LATER',
    });
    const revoked = [
      response('citizen', { status: 'revoked', revocationTime: new Date('2026-05-01T00:00:00Z') }),
    ];
    expect(revocation(chain('citizen', revoked, { revocationPolicy: 'off' }))).toMatchObject({
      status: 'SKIPPED',
      params: { reason: 'policy-off' },
    });
  });

  it('an unreadable response or an error status (tryLater) is no evidence, never a crash', () => {
    const r = chain('officer', [
      new Uint8Array([0x30, 0x03, 0x0a, 0x01]),
      buildOcspResponse({ responseStatus: 'tryLater' }),
    ]);
    expect(revocation(r).status).toBe('SKIPPED');
  });

  it('a malformed certificate among the candidates for responder is passed over, not a crash', () => {
    // No certificate in the response: the responder is looked for among the embedded ones,
    // a malformed one first.
    const answer = buildOcspResponse({
      signer: loadTestKey('ocsp'),
      certificates: [],
      producedAt: new Date('2026-11-24T00:00:00Z'),
      responses: [
        {
          certId: certIdOf(testCertDer('officer'), INTERMEDIATE),
          status: { status: 'good' },
          thisUpdate: new Date('2026-11-24T00:00:00Z'),
          nextUpdate: new Date('2026-12-01T00:00:00Z'),
        },
      ],
    });
    const r = chain('officer', [answer], {
      embedded: [new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]), testCertDer('ocsp')],
    });
    expect(revocation(r).status).toBe('PASSED');
  });
});
