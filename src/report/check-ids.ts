/**
 * Stable check ids (CLI.md: scripts match on these prefixes; more specific ids may be added
 * below them, e.g. `pdf.byterange.covers-revision`). Every signature report carries each of the
 * core ids, SKIPPED where it does not apply. The catalogue (src/report/messages) has a sentence
 * for every id and status.
 */
export const CORE_CHECKS = [
  'format', // the structure parsed (PDF signature dictionary, CMS SignedData)
  'pdf.byterange', // well-formed /ByteRange, gap = /Contents, sane coverage
  'cms.digest', // the signed bytes match the message digest: intact
  'cms.signature', // the signature value verifies: valid
  'trust.chain', // a path to a trust anchor, every link verified: trusted
  'trust.validity', // certificates valid at the validation time (or proven time)
  'trust.keyusage', // the signer's certificate allows signing
  'trust.revocation', // not revoked (CRL/OCSP)
  'policy.algorithms', // algorithm and key-size policy (Circular 15/2025)
  'pdf.modifications', // what later revisions changed
  'timestamp', // signature timestamp token
] as const;

export type CoreCheckId = (typeof CORE_CHECKS)[number];

/** More specific ids in use; sub-checks of a core id start with `<core id>.`. */
export const SUB_CHECKS = [
  'cms.signing-certificate', // the signer's certificate is embedded/identified and bound by ESS signing-certificate(-v2)
  'pdf.byterange.well-formed',
  'pdf.byterange.gap-matches-contents',
  'pdf.byterange.covers-revision',
  'pdf.modifications.docmdp', // a certification signature: later revisions stay within its DocMDP level P
  'pdf.modifications.fieldmdp', // a signature that locks form fields (FieldMDP, /Lock): later revisions leave them alone
] as const;
