/**
 * Hand-built verification reports for the renderer tests, named by what they show. Checks are
 * declared here and the indications computed with conclude()/fileIndication()/summarise(), as
 * src/verify does, so the fixtures cannot claim a verdict their checks do not support. Names are
 * those of the test PKI (test-certs/spec.ts); times are fixed.
 */
import { CORE_CHECKS } from '../../../src/report/check-ids.js';
import { conclude, fileIndication, summarise } from '../../../src/report/conclusion.js';
import type {
  ChainElement,
  Check,
  FileReport,
  SignatureReport,
  VerificationReport,
} from '../../../src/report/model.js';

export const VALIDATION_TIME = '2026-11-25T07:02:00.000Z'; // 25/11/2026 14:02 in Vietnam
export const GENERATED_AT = new Date('2026-11-25T07:05:00.000Z');

const ROOT_DN = 'CN=hoso Test Root CA (NOT FOR PRODUCTION), O=hoso test PKI, C=VN';
const ISSUING_DN = 'CN=hoso Test Issuing CA (NOT FOR PRODUCTION), O=hoso test PKI, C=VN';

function element(subject: string, issuer: string, n: number): ChainElement {
  return {
    subject,
    issuer,
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2028-01-01T00:00:00.000Z',
    sha256: String(n).repeat(64).slice(0, 64),
  };
}

/** Every core check PASSED (timestamp SKIPPED), with `overrides` replacing by id or appended. */
function checks(overrides: readonly Check[] = []): Check[] {
  const base: Check[] = CORE_CHECKS.map((id) =>
    id === 'timestamp'
      ? { id, status: 'SKIPPED', detail: 'no signature timestamp' }
      : { id, status: 'PASSED', detail: 'ok' },
  );
  const out = base.map((c) => overrides.find((o) => o.id === c.id) ?? c);
  for (const o of overrides) if (!out.includes(o)) out.push(o);
  return out;
}

function signature(
  index: number,
  name: string,
  uid: string,
  checkList: Check[],
  extra: Partial<SignatureReport> = {},
): SignatureReport {
  const { indication, subIndication } = conclude(checkList);
  const subject = `CN=${name}, UID=${uid}, L=Phường Cửa Nam, ST=Hà Nội, C=VN`;
  return {
    index,
    fieldName: `Signature${index}`,
    indication,
    subIndication,
    signer: {
      commonName: name,
      organization: null,
      serialNumber: '1a2b3c4d',
      issuer: ISSUING_DN,
      certificateSha256: 'ab'.repeat(32),
      identifiers: [uid],
    },
    signingTime: '2026-11-24T02:15:00.000Z',
    signingTimeSource: 'signed-attribute',
    timestamp: null,
    coverage: 'ENTIRE_FILE',
    modificationLevel: 'NONE',
    checks: checkList,
    chain: [
      element(subject, ISSUING_DN, 1),
      element(ISSUING_DN, ROOT_DN, 2),
      element(ROOT_DN, ROOT_DN, 3),
    ],
    revocation: {
      status: 'GOOD',
      source: 'CRL',
      revokedAt: null,
      producedAt: '2026-11-24T01:00:00.000Z',
    },
    subFilter: 'ETSI.CAdES.detached',
    revision: 1,
    ...extra,
  };
}

function file(
  path: string,
  signatures: SignatureReport[],
  extra: Partial<FileReport> = {},
): FileReport {
  const error = extra.error ?? null;
  return {
    path,
    sha256: 'c0ffee'.repeat(10) + 'beef',
    format: 'pdf',
    indication: fileIndication(signatures, error),
    signatures,
    error,
    ...extra,
  };
}

export function report(files: FileReport[]): VerificationReport {
  return { schemaVersion: 1, validationTime: VALIDATION_TIME, summary: summarise(files), files };
}

/** Signed by Nguyễn Văn An with a timestamp of the test TSA; everything passes. */
export const passedFile = file('hoso-so-001/don-de-nghi.pdf', [
  signature(
    1,
    'Nguyễn Văn An',
    'CCCD:001090001234',
    checks([
      {
        id: 'timestamp',
        status: 'PASSED',
        detail: 'RFC 3161 token verified',
        params: { tsa: 'hoso Test TSA' },
      },
    ]),
    {
      timestamp: {
        time: '2026-11-24T02:15:30.000Z',
        tsa: 'CN=hoso Test TSA (NOT FOR PRODUCTION), O=hoso test PKI, C=VN',
        valid: true,
      },
      signingTimeSource: 'timestamp',
    },
  ),
]);

/** The signed bytes were changed: cms.digest FAILED with HASH_FAILURE. */
export const hashFailureFile = file('hoso-so-001/quyet-dinh.pdf', [
  signature(
    1,
    'Trần Thị Bình',
    'CCCD:001190005678',
    checks([
      {
        id: 'cms.digest',
        status: 'FAILED',
        detail: 'messageDigest 3f5a… != computed 9c0d…',
        subIndication: 'HASH_FAILURE',
      },
    ]),
  ),
]);

/** A .p7s whose chain ends at an intermediate the verifier does not have. */
export const noChainFile = file(
  'hoso-so-001/cmnd.jpg.p7s',
  [
    signature(
      1,
      'Lê Văn Cường',
      'CCCD:001090002345',
      checks([
        {
          id: 'trust.chain',
          status: 'INDETERMINATE',
          detail: 'no issuer found for CN=Lê Văn Cường',
          params: { missingIssuer: 'Viettel-CA SHA2' },
          subIndication: 'NO_CERTIFICATE_CHAIN_FOUND',
        },
        { id: 'trust.revocation', status: 'SKIPPED', detail: 'no chain' },
      ]),
      {
        chain: [],
        coverage: null,
        modificationLevel: null,
        revocation: { status: 'UNKNOWN', source: null, revokedAt: null },
        subFilter: null,
        revision: null,
        fieldName: null,
        signer: {
          commonName: 'Lê Văn Cường',
          organization: null,
          serialNumber: '55aa',
          issuer: 'CN=Viettel-CA SHA2, O=Viettel Group, C=VN',
          certificateSha256: 'cd'.repeat(32),
          identifiers: ['CCCD:001090002345'],
        },
      },
    ),
  ],
  { format: 'cms-detached' },
);

export const unsignedFile = file('hoso-so-001/ban-chup.pdf', []);

export const brokenFile = file('hoso-so-001/hong.pdf', [], {
  error: { code: 'PDF_MALFORMED', message: 'no startxref found in the last 1024 bytes' },
  format: 'unknown',
  indication: 'TOTAL_FAILED',
});

/** Two signatures: the citizen's (still good) and the ward's, after which page 1 changed. */
export const twoSignaturesFile = file('hoso-so-002/giay-phep.pdf', [
  signature(1, 'Phạm Thị Dung', 'CCCD:001190003456', checks(), {
    coverage: 'ENTIRE_REVISION',
    modificationLevel: 'FORM_FILLING',
  }),
  signature(
    2,
    'UBND Phường Hoàn Kiếm',
    'MST:0101234567',
    checks([
      {
        id: 'pdf.modifications',
        status: 'FAILED',
        detail: 'revision 3 changes /Contents of page 1',
        params: {
          'change.vi': 'trang 1 thay đổi nội dung',
          'change.en': 'page 1 content changed',
          revision: 3,
        },
        subIndication: 'FORMAT_FAILURE',
      },
    ]),
    { coverage: 'ENTIRE_REVISION', modificationLevel: 'OTHER', revision: 2 },
  ),
]);

export const dossierReport = report([
  passedFile,
  hashFailureFile,
  noChainFile,
  unsignedFile,
  brokenFile,
  twoSignaturesFile,
]);
