/** Dossier codes, lookup codes and the lookup service (DESIGN.md "Registry and lookup"). */
export * from './codes.js';
export { lookupRecordJson } from './lookup-json.js';
export { renderLookupRecordText } from './record-text.js';
export {
  createLookupService,
  DEFAULT_RATE_LIMIT,
  type LookupService,
  type LookupServiceOptions,
} from './http-service.js';
