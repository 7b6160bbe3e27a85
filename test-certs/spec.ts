/**
 * The hoso test PKI, declared in one place (STYLE.md rule 7). `npm run test-certs` reads this
 * file and writes certificates, keys, PKCS#12 files, a CRL, index.json and README.md beside
 * it. TEST ONLY — NEVER TRUST ANY OF THIS IN PRODUCTION.
 *
 * Everything that ends up in a certificate is fixed here: names, serials, dates, extensions.
 * Keys are pinned by the files in keys/ (the generator makes only missing ones), so a rerun
 * reproduces the same certificates byte for byte (RSA PKCS#1 v1.5 signatures are
 * deterministic).
 */

/** Password of every .p12 file here. */
export const TEST_PASSWORD = 'hoso-test';

export type KeySpec =
  | { readonly type: 'rsa'; readonly bits: 2048 | 3072 | 4096 }
  | { readonly type: 'ec'; readonly curve: 'P-256' };

/** X.520 / RFC 4519 attribute names used in subjects. */
export type AttributeName = 'C' | 'ST' | 'L' | 'O' | 'OU' | 'title' | 'CN' | 'UID';

export type KeyUsageName =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

export type ExtendedKeyUsageName =
  'clientAuth' | 'emailProtection' | 'timeStamping' | 'OCSPSigning';

export type Role = 'root' | 'intermediate' | 'signer' | 'tsa' | 'ocsp';

export interface EntitySpec {
  /** File stem: <name>.cert.pem, keys/<name>.key.pem, <name>.p12. */
  readonly name: string;
  readonly role: Role;
  /** What tests use it for (README.md). */
  readonly purpose: string;
  /** Subject, one attribute per RDN, in this order. Values are UTF8String except C (PrintableString). */
  readonly subject: readonly (readonly [AttributeName, string])[];
  /** Name of the issuing entity; a root names itself. */
  readonly issuer: string;
  readonly key: KeySpec;
  /** Serial number, hex, positive (first digit below 8). */
  readonly serial: string;
  readonly notBefore: string;
  readonly notAfter: string;
  /** Present for CAs: basicConstraints cA=TRUE (critical), with this pathLenConstraint if given. */
  readonly ca?: { readonly pathLen?: number };
  /** keyUsage, always critical. */
  readonly keyUsage: readonly KeyUsageName[];
  readonly extendedKeyUsage?: {
    readonly purposes: readonly ExtendedKeyUsageName[];
    readonly critical: boolean;
  };
  /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1), for the OCSP responder. */
  readonly ocspNoCheck?: boolean;
  /** Listed on the CRL of its issuer. */
  readonly revoked?: {
    readonly date: string;
    readonly reason: 'keyCompromise' | 'superseded' | 'cessationOfOperation';
  };
  /** Whether to write <name>.p12 (key, certificate, chain). */
  readonly p12: boolean;
}

const NOT_FOR_PRODUCTION = '(NOT FOR PRODUCTION)';
const TEST_ORG = 'hoso test PKI';
/** The usual validity of end-entity certificates. */
const EE = { notBefore: '2026-01-01T00:00:00Z', notAfter: '2031-01-01T00:00:00Z' } as const;
const SIGNING: readonly KeyUsageName[] = ['digitalSignature', 'nonRepudiation'];
const RSA2048: KeySpec = { type: 'rsa', bits: 2048 };
const HA_NOI: readonly (readonly [AttributeName, string])[] = [
  ['C', 'VN'],
  ['ST', 'Hà Nội'],
];

export const ENTITIES: readonly EntitySpec[] = [
  {
    name: 'root',
    role: 'root',
    purpose: 'Trust anchor of the test PKI (--trust test-certs/root.cert.pem).',
    subject: [
      ['C', 'VN'],
      ['O', TEST_ORG],
      ['CN', `hoso Test Root CA ${NOT_FOR_PRODUCTION}`],
    ],
    issuer: 'root',
    key: { type: 'rsa', bits: 4096 },
    serial: '48a1000000000001',
    notBefore: '2025-01-01T00:00:00Z',
    notAfter: '2045-01-01T00:00:00Z',
    ca: {},
    keyUsage: ['keyCertSign', 'cRLSign'],
    p12: false,
  },
  {
    name: 'intermediate',
    role: 'intermediate',
    purpose: 'Issuing CA of every test signer except untrusted-signer; signs intermediate.crl.',
    subject: [
      ['C', 'VN'],
      ['O', TEST_ORG],
      ['CN', `hoso Test Issuing CA ${NOT_FOR_PRODUCTION}`],
    ],
    issuer: 'root',
    key: { type: 'rsa', bits: 3072 },
    serial: '48a1000000000002',
    notBefore: '2025-01-01T00:00:00Z',
    notAfter: '2040-01-01T00:00:00Z',
    ca: { pathLen: 0 },
    keyUsage: ['keyCertSign', 'cRLSign'],
    p12: false,
  },
  {
    name: 'officer',
    role: 'signer',
    purpose:
      "Certifying officer of a ward People's Committee: signs certified copies (chứng thực).",
    subject: [
      ...HA_NOI,
      ['L', 'Phường Hoàn Kiếm'],
      ['O', 'UBND Phường Hoàn Kiếm'],
      ['title', 'Công chức Tư pháp - Hộ tịch'],
      ['CN', 'Nguyễn Văn An'],
      ['UID', 'CCCD:001090001234'],
    ],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001001',
    ...EE,
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'agency',
    role: 'signer',
    purpose: "Seal (con dấu) certificate of the ward People's Committee, an organisation (MST).",
    subject: [
      ...HA_NOI,
      ['L', 'Phường Hoàn Kiếm'],
      ['O', 'UBND Phường Hoàn Kiếm'],
      ['CN', 'UBND Phường Hoàn Kiếm'],
      ['UID', 'MST:0101234567'],
    ],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001002',
    ...EE,
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'citizen',
    role: 'signer',
    purpose: 'A citizen signing an application (đơn) with a personal certificate (CCCD).',
    subject: [
      ...HA_NOI,
      ['L', 'Phường Cửa Nam'],
      ['CN', 'Trần Thị Bình'],
      ['UID', 'CCCD:001190005678'],
    ],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001003',
    ...EE,
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'ecdsa',
    role: 'signer',
    purpose:
      'ECDSA P-256 signer (certificate itself signed with sha256WithRSAEncryption by the intermediate).',
    subject: [
      ...HA_NOI,
      ['L', 'Phường Hàng Bông'],
      ['CN', 'Lê Văn Cường'],
      ['UID', 'CCCD:001090002345'],
    ],
    issuer: 'intermediate',
    key: { type: 'ec', curve: 'P-256' },
    serial: '48a1000000001004',
    ...EE,
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'pss',
    role: 'signer',
    purpose: 'RSA signer whose signatures use RSASSA-PSS padding; its SPKI is plain rsaEncryption.',
    subject: [
      ...HA_NOI,
      ['L', 'Phường Hàng Trống'],
      ['CN', 'Phạm Thị Dung'],
      ['UID', 'CCCD:001190003456'],
    ],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001005',
    ...EE,
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'expired',
    role: 'signer',
    purpose:
      'Expired signer (valid 2020-01-01 to 2022-01-01): validation after 2022 must fail on validity.',
    subject: [...HA_NOI, ['CN', 'Hoàng Văn Em'], ['UID', 'CCCD:001090004567']],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001006',
    notBefore: '2020-01-01T00:00:00Z',
    notAfter: '2022-01-01T00:00:00Z',
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'not-yet-valid',
    role: 'signer',
    purpose:
      'Signer valid only from 2040-01-01 (to 2045-01-01): validation now must fail on validity.',
    subject: [...HA_NOI, ['CN', 'Đặng Thị Phương'], ['UID', 'CCCD:001190005679']],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001007',
    notBefore: '2040-01-01T00:00:00Z',
    notAfter: '2045-01-01T00:00:00Z',
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'revoked',
    role: 'signer',
    purpose: 'Signer revoked on 2026-03-01 (keyCompromise), listed on intermediate.crl.',
    subject: [...HA_NOI, ['CN', 'Đỗ Thị Giang'], ['UID', 'CCCD:001190006789']],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001008',
    ...EE,
    keyUsage: SIGNING,
    revoked: { date: '2026-03-01T00:00:00Z', reason: 'keyCompromise' },
    p12: true,
  },
  {
    name: 'short-lived',
    role: 'signer',
    purpose:
      'Signer valid 2026-01-01 to 2026-12-31 only: signs while valid; validation in 2027 with a timestamp from 2026 ("expired now, timestamped while valid").',
    subject: [...HA_NOI, ['CN', 'Ngô Thị Hoa'], ['UID', 'CCCD:001190009012']],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a100000000100c',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2026-12-31T23:59:59Z',
    keyUsage: SIGNING,
    p12: true,
  },
  {
    name: 'no-signing-usage',
    role: 'signer',
    purpose: 'Certificate with keyUsage keyEncipherment only: must be refused for signing.',
    subject: [...HA_NOI, ['CN', 'Bùi Văn Hải'], ['UID', 'CCCD:001090007890']],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a1000000001009',
    ...EE,
    keyUsage: ['keyEncipherment'],
    p12: true,
  },
  {
    name: 'tsa',
    role: 'tsa',
    purpose: 'RFC 3161 time-stamping authority (critical EKU id-kp-timeStamping only).',
    subject: [
      ['C', 'VN'],
      ['O', TEST_ORG],
      ['CN', `hoso Test TSA ${NOT_FOR_PRODUCTION}`],
    ],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a100000000100a',
    ...EE,
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: { purposes: ['timeStamping'], critical: true },
    p12: true,
  },
  {
    name: 'ocsp',
    role: 'ocsp',
    purpose: 'OCSP responder for the intermediate (EKU OCSPSigning, id-pkix-ocsp-nocheck).',
    subject: [
      ['C', 'VN'],
      ['O', TEST_ORG],
      ['CN', `hoso Test OCSP Responder ${NOT_FOR_PRODUCTION}`],
    ],
    issuer: 'intermediate',
    key: RSA2048,
    serial: '48a100000000100b',
    ...EE,
    keyUsage: ['digitalSignature'],
    extendedKeyUsage: { purposes: ['OCSPSigning'], critical: false },
    ocspNoCheck: true,
    p12: true,
  },
  {
    name: 'other-root',
    role: 'root',
    purpose: 'An unrelated root that no test trusts: anchor of untrusted-signer.',
    subject: [
      ['C', 'VN'],
      ['O', 'hoso other test PKI'],
      ['CN', `hoso Other Test Root ${NOT_FOR_PRODUCTION}`],
    ],
    issuer: 'other-root',
    key: { type: 'rsa', bits: 3072 },
    serial: '48a2000000000001',
    notBefore: '2025-01-01T00:00:00Z',
    notAfter: '2045-01-01T00:00:00Z',
    ca: {},
    keyUsage: ['keyCertSign', 'cRLSign'],
    p12: false,
  },
  {
    name: 'untrusted-signer',
    role: 'signer',
    purpose: 'Signer under other-root: "untrusted root" tests.',
    subject: [...HA_NOI, ['CN', 'Vũ Văn Khoa'], ['UID', 'CCCD:001090008901']],
    issuer: 'other-root',
    key: RSA2048,
    serial: '48a2000000001001',
    ...EE,
    keyUsage: SIGNING,
    p12: true,
  },
];

/** The CRL of the intermediate (RFC 5280 §5), listing every entity it issued with `revoked`. */
export const CRL = {
  issuer: 'intermediate',
  /** cRLNumber (RFC 5280 §5.2.3). */
  number: 1,
  thisUpdate: '2026-11-01T00:00:00Z',
  /** Far in the future on purpose: tests must not start failing when it passes. */
  nextUpdate: '2036-01-01T00:00:00Z',
} as const;
