/** The registry's public surface (DESIGN.md "Registry and lookup"). */
export { DEFAULT_REGISTRY, parseRegistryLocation, type RegistryLocation } from './location.js';
export {
  Registry,
  MAX_DOSSIER_NUMBER,
  type OpenRegistryOptions,
  type NewDocument,
  type RegisteredDocument,
  type DocumentView,
  type RegisterListItem,
  type CertificationListItem,
  type ProducedDocument,
  type ReservedForProduction,
} from './registry.js';
export type { OpenMode, Engine } from './engine.js';
export { contentFolder, MAX_DB_CONTENT, type ContentInput } from './content-store.js';
export {
  GENESIS_HASH,
  type AuditVerification,
  type AuditProblem,
  type AuditProblemKind,
} from './audit-log.js';
export { SCHEMA_VERSION } from './migrations.js';
export {
  DOCUMENT_KINDS,
  type DocumentKind,
  type Indication,
  type LookupRecord,
  type LookupSource,
  type SignerAtIssue,
} from './lookup-record.js';
export { newWriteGate, releaseGateHeldBy, type WriteGate } from './write-gate.js';
