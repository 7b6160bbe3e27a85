/**
 * The code formats of hoso, pure text in and out: agency codes (QCVN 102:2016, Decision
 * 20/2020/QĐ-TTg), dossier and result codes (Circular 01/2018/TT-VPCP Art. 19; Decree 45/2020
 * Art. 14(3)), procedure codes, lookup codes and lookup URLs. `src/lookup/index.ts` re-exports
 * this file.
 */
export {
  AGENCY_CODE_EXPECTED,
  AGENCY_CODE_WHAT,
  assertAgencyCode,
  parseAgencyCode,
  type AgencyCodeCheck,
  type AgencyCodeForm,
  type AgencyCodePart,
  type BilingualText,
} from './agency-code.js';
export {
  assertDossierCode,
  assertResultCode,
  checkCode,
  dossierDay,
  DOSSIER_CODE_EXPECTED,
  DOSSIER_CODE_WHAT,
  formatDossierCode,
  parseDossierCode,
  parseProcedureCode,
  parseResultCode,
  RESULT_CODE_EXPECTED,
  RESULT_CODE_WHAT,
  type CalendarDay,
  type CodeCheck,
  type CodeKind,
  type DossierCode,
  type DossierCodeCheck,
  type DossierCodePart,
  type ProcedureCodeCheck,
  type ResultCode,
  type ResultCodeCheck,
  type ResultCodePart,
} from './dossier-code.js';
export {
  assertLookupCode,
  formatLookupCode,
  lookupCheckSymbol,
  LOOKUP_ALPHABET,
  LOOKUP_CODE_EXPECTED,
  LOOKUP_CODE_LENGTH,
  LOOKUP_CODE_WHAT,
  newLookupCode,
  parseLookupCode,
  type LookupCodeCheck,
  type LookupCodePart,
} from './lookup-code.js';
export {
  assertLookupCodeFromInput,
  lookupCodeFromInput,
  lookupUrl,
  type LookupInputCheck,
} from './lookup-url.js';
