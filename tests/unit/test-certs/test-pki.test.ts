/**
 * The committed test PKI (test-certs/) is what spec.ts says it is, and what the brief for it
 * asked: chains, names, usages, validity, the CRL and the .p12 files.
 */
import { X509Certificate, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { describe, expect, test } from 'vitest';
import { readPkcs12 } from '../../../src/cms/pkcs12/index.js';
import { CRL, ENTITIES, TEST_PASSWORD, type EntitySpec } from '../../../test-certs/spec.js';

const DIR = join(import.meta.dirname, '../../../test-certs');
const byName = new Map(ENTITIES.map((e) => [e.name, e]));
const spec = (name: string): EntitySpec => {
  const found = byName.get(name);
  if (found === undefined) throw new Error(`no entity ${name} in spec.ts`);
  return found;
};
const x509 = (name: string): X509Certificate => new X509Certificate(readFileSync(join(DIR, `${name}.cert.pem`)));
const parsed = (name: string): pkijs.Certificate => pkijs.Certificate.fromBER(new Uint8Array(x509(name).raw));
const extensionOf = (cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined =>
  cert.extensions?.find((e) => e.extnID === oid);
const spkiHex = (key: Parameters<typeof createPublicKey>[0]): string =>
  createPublicKey(key).export({ type: 'spki', format: 'der' }).toString('hex');
const hex = (bytes: ArrayBuffer | Uint8Array): string => Buffer.from(new Uint8Array(bytes)).toString('hex');

const SIGNERS = [
  'officer',
  'agency',
  'citizen',
  'ecdsa',
  'pss',
  'expired',
  'not-yet-valid',
  'revoked',
  'short-lived',
  'no-signing-usage',
  'tsa',
  'ocsp',
  'untrusted-signer',
];

const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  rsaEncryption: '1.2.840.113549.1.1.1',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  ski: '2.5.29.14',
  aki: '2.5.29.35',
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  uid: '0.9.2342.19200300.100.1.1',
  cn: '2.5.4.3',
  c: '2.5.4.6',
  st: '2.5.4.8',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
};

/** keyUsage as the set of bit numbers (RFC 5280 §4.2.1.3). */
function keyUsageBits(cert: pkijs.Certificate): number[] {
  const ext = extensionOf(cert, OID.keyUsage);
  const bits = asn1js.fromBER(ext?.extnValue.valueBlock.valueHexView ?? new Uint8Array()).result as asn1js.BitString;
  const bytes = bits.valueBlock.valueHexView;
  const out: number[] = [];
  for (let i = 0; i < bytes.length * 8; i++) if (((bytes[i >> 3] as number) >> (7 - (i & 7))) & 1) out.push(i);
  return out;
}

function subjectAttributes(cert: pkijs.Certificate): { oid: string; value: asn1js.AsnType }[] {
  // Read the raw Name: one attribute per RDN SET.
  const name = cert.subject.toSchema() as asn1js.Sequence;
  return name.valueBlock.value.map((rdn) => {
    const set = (rdn as asn1js.Set).valueBlock.value;
    expect(set).toHaveLength(1);
    const [type, value] = (set[0] as asn1js.Sequence).valueBlock.value;
    return { oid: (type as asn1js.ObjectIdentifier).valueBlock.toString(), value: value as asn1js.AsnType };
  });
}

describe('files', () => {
  test('every entity has a certificate and a pinned key; every signer a .p12', () => {
    for (const e of ENTITIES) {
      expect(existsSync(join(DIR, `${e.name}.cert.pem`)), e.name).toBe(true);
      expect(existsSync(join(DIR, 'keys', `${e.name}.key.pem`)), e.name).toBe(true);
      expect(existsSync(join(DIR, `${e.name}.p12`)), e.name).toBe(e.p12);
    }
    expect(ENTITIES.filter((e) => e.p12).map((e) => e.name).sort()).toEqual([...SIGNERS].sort());
    for (const f of ['root.cert.pem', 'intermediate.cert.pem', 'other-root.cert.pem', 'intermediate.crl', 'intermediate.crl.pem']) {
      expect(existsSync(join(DIR, f)), f).toBe(true);
    }
  });

  test('index.json maps names to files and roles', () => {
    const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as {
      password: string;
      entities: Record<string, { role: string; files: { cert: string; key: string; p12?: string } }>;
    };
    expect(index.password).toBe('hoso-test');
    for (const e of ENTITIES) {
      const entry = index.entities[e.name];
      expect(entry?.role).toBe(e.role);
      for (const file of Object.values(entry?.files ?? {})) expect(existsSync(join(DIR, file)), file).toBe(true);
    }
  });

  test('README says test only and gives the password', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8');
    expect(readme).toContain('NEVER TRUST');
    expect(readme).toContain('hoso-test');
    expect(readme).toContain('npm run test-certs');
  });

  test('each pinned key belongs to its certificate', () => {
    for (const e of ENTITIES) {
      const key = createPrivateKey(readFileSync(join(DIR, 'keys', `${e.name}.key.pem`)));
      expect(x509(e.name).checkPrivateKey(key), e.name).toBe(true);
    }
  });
});

describe('chains', () => {
  for (const e of ENTITIES) {
    test(`${e.name} chains with verified signatures to ${e.name === 'untrusted-signer' || e.name === 'other-root' ? 'other-root' : 'root'}`, () => {
      let current = e;
      const seen: string[] = [current.name];
      while (current.issuer !== current.name) {
        const issuer = spec(current.issuer);
        const child = x509(current.name);
        const parent = x509(issuer.name);
        expect(child.checkIssued(parent)).toBe(true);
        expect(child.verify(parent.publicKey)).toBe(true);
        current = issuer;
        seen.push(current.name);
      }
      const root = x509(current.name);
      expect(root.checkIssued(root)).toBe(true);
      expect(root.verify(root.publicKey)).toBe(true);
      expect(seen.at(-1)).toBe(e.name === 'untrusted-signer' || e.name === 'other-root' ? 'other-root' : 'root');
    });
  }

  test('every certificate is signed with sha256WithRSAEncryption', () => {
    for (const e of ENTITIES) expect(parsed(e.name).signatureAlgorithm.algorithmId, e.name).toBe(OID.sha256WithRSA);
  });
});

describe('names', () => {
  test('UTF8String values keep their Vietnamese diacritics; C is PrintableString', () => {
    for (const e of ENTITIES) {
      const attributes = subjectAttributes(parsed(e.name));
      expect(attributes).toHaveLength(e.subject.length);
      attributes.forEach(({ oid, value }, i) => {
        const [, expected] = e.subject[i] as readonly [string, string];
        if (oid === OID.c) {
          expect(value).toBeInstanceOf(asn1js.PrintableString);
        } else {
          expect(value, `${e.name} ${oid}`).toBeInstanceOf(asn1js.Utf8String);
        }
        expect((value as asn1js.Utf8String).valueBlock.value).toBe(expected.normalize('NFC'));
      });
    }
  });

  test('the people and the agency look like Vietnamese certificates', () => {
    const value = (name: string, oid: string) =>
      subjectAttributes(parsed(name)).find((a) => a.oid === oid)?.value as asn1js.Utf8String | undefined;
    expect(value('officer', OID.cn)?.valueBlock.value).toBe('Nguyễn Văn An');
    expect(value('officer', OID.uid)?.valueBlock.value).toBe('CCCD:001090001234');
    expect(value('officer', OID.st)?.valueBlock.value).toBe('Hà Nội');
    expect(value('agency', OID.cn)?.valueBlock.value).toBe('UBND Phường Hoàn Kiếm');
    expect(value('agency', OID.uid)?.valueBlock.value).toMatch(/^MST:\d{10}$/);
    expect(value('citizen', OID.cn)?.valueBlock.value).toBe('Trần Thị Bình');
    expect(value('citizen', OID.uid)?.valueBlock.value).toMatch(/^CCCD:\d{12}$/);
    expect(x509('root').subject).toContain('hoso Test Root CA (NOT FOR PRODUCTION)');
    expect(x509('intermediate').subject).toContain('hoso Test Issuing CA (NOT FOR PRODUCTION)');
    expect(x509('other-root').subject).toContain('hoso Other Test Root (NOT FOR PRODUCTION)');
  });
});

describe('extensions', () => {
  const BITS = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

  for (const e of ENTITIES) {
    test(`${e.name}: keyUsage, basicConstraints, SKI/AKI, EKU as specified`, () => {
      const cert = parsed(e.name);
      const ku = extensionOf(cert, OID.keyUsage);
      expect(ku?.critical).toBe(true);
      expect(keyUsageBits(cert)).toEqual(e.keyUsage.map((u) => BITS[u as keyof typeof BITS]).sort());

      const bc = extensionOf(cert, OID.basicConstraints);
      const basic = bc?.parsedValue as pkijs.BasicConstraints;
      expect(basic.cA).toBe(e.ca !== undefined);
      expect(bc?.critical).toBe(e.ca !== undefined);
      if (e.ca?.pathLen !== undefined) expect(basic.pathLenConstraint).toBe(e.ca.pathLen);

      const ski = extensionOf(cert, OID.ski)?.parsedValue as asn1js.OctetString;
      const aki = extensionOf(cert, OID.aki)?.parsedValue as pkijs.AuthorityKeyIdentifier;
      const issuerSki = extensionOf(parsed(e.issuer), OID.ski)?.parsedValue as asn1js.OctetString;
      expect(hex(aki.keyIdentifier?.valueBlock.valueHexView ?? new Uint8Array())).toBe(hex(issuerSki.valueBlock.valueHexView));
      expect(ski.valueBlock.valueHexView.length).toBe(20);

      const eku = extensionOf(cert, OID.extKeyUsage);
      if (e.extendedKeyUsage === undefined) {
        expect(eku).toBeUndefined();
      } else {
        expect(eku?.critical).toBe(e.extendedKeyUsage.critical);
      }
      expect(extensionOf(cert, OID.crlDistributionPoints)).toBeUndefined();
      expect(extensionOf(cert, OID.authorityInfoAccess)).toBeUndefined();
    });
  }

  test('signers carry digitalSignature and nonRepudiation, except no-signing-usage', () => {
    for (const name of ['officer', 'agency', 'citizen', 'ecdsa', 'pss', 'expired', 'not-yet-valid', 'revoked', 'untrusted-signer']) {
      expect(keyUsageBits(parsed(name)), name).toEqual([0, 1]);
    }
    expect(keyUsageBits(parsed('no-signing-usage'))).toEqual([2]);
  });

  test('TSA: critical EKU with id-kp-timeStamping only, digitalSignature', () => {
    const cert = parsed('tsa');
    const eku = extensionOf(cert, OID.extKeyUsage);
    expect(eku?.critical).toBe(true);
    expect((eku?.parsedValue as pkijs.ExtKeyUsage).keyPurposes).toEqual([OID.timeStamping]);
    expect(keyUsageBits(cert)).toEqual([0]);
  });

  test('OCSP responder: OCSPSigning and id-pkix-ocsp-nocheck', () => {
    const cert = parsed('ocsp');
    expect((extensionOf(cert, OID.extKeyUsage)?.parsedValue as pkijs.ExtKeyUsage).keyPurposes).toEqual([OID.ocspSigning]);
    expect(extensionOf(cert, OID.ocspNoCheck)).toBeDefined();
  });
});

describe('keys and validity', () => {
  test('key types', () => {
    for (const e of ENTITIES.filter((x) => x.role !== 'root' && x.role !== 'intermediate' && x.name !== 'ecdsa')) {
      const key = x509(e.name).publicKey;
      expect(key.asymmetricKeyType, e.name).toBe('rsa');
      expect(key.asymmetricKeyDetails?.modulusLength, e.name).toBe(2048);
    }
    expect(x509('root').publicKey.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(3072);
    expect(x509('intermediate').publicKey.asymmetricKeyDetails?.modulusLength).toBeGreaterThanOrEqual(2048);
    expect(x509('ecdsa').publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    // The PSS signer's SPKI is plain rsaEncryption; the signer chooses PSS padding.
    expect(parsed('pss').subjectPublicKeyInfo.algorithm.algorithmId).toBe(OID.rsaEncryption);
  });

  test('dates', () => {
    const period = (name: string) => [new Date(x509(name).validFrom).toISOString(), new Date(x509(name).validTo).toISOString()];
    expect(period('root')).toEqual(['2025-01-01T00:00:00.000Z', '2045-01-01T00:00:00.000Z']);
    expect(period('intermediate')).toEqual(['2025-01-01T00:00:00.000Z', '2040-01-01T00:00:00.000Z']);
    expect(period('officer')).toEqual(['2026-01-01T00:00:00.000Z', '2031-01-01T00:00:00.000Z']);
    expect(period('expired')).toEqual(['2020-01-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z']);
    expect(period('not-yet-valid')).toEqual(['2040-01-01T00:00:00.000Z', '2045-01-01T00:00:00.000Z']);
    for (const e of ENTITIES) expect(period(e.name), e.name).toEqual([new Date(e.notBefore).toISOString(), new Date(e.notAfter).toISOString()]);
  });

  test('serials are the fixed ones of the spec', () => {
    for (const e of ENTITIES) expect(x509(e.name).serialNumber.toLowerCase(), e.name).toBe(e.serial);
  });
});

describe('CRL', () => {
  const derBytes = new Uint8Array(readFileSync(join(DIR, 'intermediate.crl')));
  const crl = pkijs.CertificateRevocationList.fromBER(derBytes);

  test('is signed by the intermediate', () => {
    const signed = verify('sha256', crl.tbsView, x509('intermediate').publicKey, crl.signatureValue.valueBlock.valueHexView);
    expect(signed).toBe(true);
    expect(crl.issuer.isEqual(parsed('intermediate').subject)).toBe(true);
  });

  test('lists the revoked signer with its revocation date, and nobody else', () => {
    const revoked = crl.revokedCertificates ?? [];
    expect(revoked.map((r) => hex(r.userCertificate.valueBlock.valueHexView))).toEqual([spec('revoked').serial]);
    expect(revoked[0]?.revocationDate.value.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(crl.thisUpdate.value.toISOString()).toBe(new Date(CRL.thisUpdate).toISOString());
    expect(crl.nextUpdate?.value.toISOString()).toBe(new Date(CRL.nextUpdate).toISOString());
  });

  test('the PEM holds the same CRL', () => {
    const pem = readFileSync(join(DIR, 'intermediate.crl.pem'), 'utf8');
    const body = pem.replace(/-----(BEGIN|END) X509 CRL-----/g, '').replace(/\s+/g, '');
    expect(Buffer.from(body, 'base64').equals(derBytes)).toBe(true);
  });
});

describe('.p12 files', () => {
  for (const name of SIGNERS) {
    test(`${name}.p12 opens with the documented password and holds key, certificate and chain`, () => {
      const contents = readPkcs12(new Uint8Array(readFileSync(join(DIR, `${name}.p12`))), TEST_PASSWORD, { path: `${name}.p12` });
      expect(spkiHex(contents.privateKey)).toBe(spkiHex(readFileSync(join(DIR, 'keys', `${name}.key.pem`))));
      expect(Buffer.from(contents.certificate).equals(x509(name).raw)).toBe(true);
      const expectedChain = name === 'untrusted-signer' ? ['other-root'] : ['intermediate', 'root'];
      expect(contents.chain.map((c) => hex(c))).toEqual(expectedChain.map((n) => hex(x509(n).raw)));
      expect(contents.friendlyName).toBe(spec(name).subject.find(([a]) => a === 'CN')?.[1]);
    });
  }
});
