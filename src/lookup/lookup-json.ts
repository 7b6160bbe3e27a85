/**
 * One record as JSON, the same document for `GET /api/v1/lookup/:code` and `hoso lookup --json`
 * (which adds `lookupUrl`). Keys are English and never translated (CLI.md).
 */
import type { LookupRecord } from '../registry/lookup-record.js';
import { formatLookupCode } from './lookup-code.js';

/**
 * The JSON of one record: the LookupRecord field by field (CLI.md leaves JSON keys English),
 * plus `schemaVersion` and the display form of the code. Copying the declared fields — not
 * spreading what the source returned — means a registry row that carried more (an internal
 * id, a path) could not leak through the API.
 */
export function lookupRecordJson(record: LookupRecord): Record<string, unknown> {
  return {
    schemaVersion: 1,
    lookupCode: record.lookupCode,
    lookupCodeDisplay: formatLookupCode(record.lookupCode),
    kind: record.kind,
    title: record.title,
    dossierCode: record.dossierCode,
    resultCode: record.resultCode,
    procedureCode: record.procedureCode,
    system: { name: record.system.name, owner: record.system.owner },
    agency: { code: record.agency.code, name: record.agency.name },
    issuedAt: record.issuedAt,
    convertedAt: record.convertedAt,
    certification:
      record.certification === null
        ? null
        : {
            number: record.certification.number,
            book: record.certification.book,
            year: record.certification.year,
          },
    status: record.status,
    revokedAt: record.revokedAt,
    verification: record.verification,
    signers: record.signers.map((s) => ({
      name: s.name,
      organization: s.organization,
      signingTime: s.signingTime,
      indication: s.indication,
    })),
    sha256: record.sha256,
    pages: record.pages,
  };
}
