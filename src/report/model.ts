/**
 * The verification report: readonly, JSON-serialisable data (STYLE.md rule 4), in the shape
 * CLI.md guarantees for `hoso verify --json` (schemaVersion 1). Facts and checks are gathered by
 * src/verify; the indications are computed from the checks (ETSI EN 319 102-1 §5.1.3), never
 * set by hand. Human text is not stored here: renderers look check ids and codes up in the
 * message catalogue, so the same report reads in Vietnamese or English.
 */

export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
export type FileIndication = Indication | 'NO_SIGNATURE';

/** ETSI EN 319 102-1 §5.1.3 sub-indications hoso uses. */
export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CERTIFICATE_CHAIN_GENERAL_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'REVOKED_NO_POE'
  | 'REVOKED_CA_NO_POE'
  | 'REVOCATION_OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'OUT_OF_BOUNDS_NOT_REVOKED'
  | 'SIGNED_DATA_NOT_FOUND'
  | 'TRY_LATER'
  | 'POLICY_PROCESSING_ERROR';

export type CheckStatus = 'PASSED' | 'FAILED' | 'INDETERMINATE' | 'SKIPPED';

/**
 * One check. `id` is stable and dotted (`cms.digest`, `pdf.byterange.covers-revision`); scripts
 * match on the prefixes CLI.md lists. `detail` is a short English technical detail (values,
 * offsets); the human sentence comes from the catalogue by `id` + `status`, with `params`.
 * `subIndication` is what a FAILED/INDETERMINATE result of this check means for the signature.
 */
export interface Check {
  readonly id: string;
  readonly status: CheckStatus;
  readonly detail: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly subIndication?: SubIndication;
}

export interface SignerFacts {
  readonly commonName: string | null;
  readonly organization: string | null;
  readonly serialNumber: string | null;
  readonly issuer: string | null;
  readonly certificateSha256: string | null;
  /** UID identifiers as VN CAs write them (MST:…, CCCD:…); not in CLI.md's minimum, added. */
  readonly identifiers?: readonly string[];
}

export interface ChainElement {
  readonly subject: string;
  readonly issuer: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly sha256: string;
}

export interface TimestampFacts {
  readonly time: string;
  readonly tsa: string;
  readonly valid: boolean;
}

export interface RevocationFacts {
  readonly status: 'GOOD' | 'REVOKED' | 'UNKNOWN';
  readonly source: 'CRL' | 'OCSP' | null;
  readonly revokedAt: string | null;
  /** Time of the revocation evidence (OCSP producedAt, CRL thisUpdate), ISO; added beyond CLI.md. */
  readonly producedAt?: string | null;
}

export type Coverage = 'ENTIRE_FILE' | 'ENTIRE_REVISION' | 'PARTIAL';
export type ModificationLevel = 'NONE' | 'LTA_UPDATES' | 'FORM_FILLING' | 'ANNOTATIONS' | 'OTHER';
/**
 * DocMDP permission level P of a certification signature (ISO 32000-1 §12.8.2.2, Table 254):
 * 1 no changes, 2 form filling and signing, 3 also annotations.
 */
export type CertificationLevel = 1 | 2 | 3;

export interface SignatureReport {
  readonly index: number;
  readonly fieldName: string | null;
  readonly indication: Indication;
  readonly subIndication: SubIndication | null;
  readonly signer: SignerFacts;
  /** Claimed signing time (signing-time attribute or PDF /M), ISO. */
  readonly signingTime: string | null;
  /**
   * The signer's own claim (signing-time attribute, else PDF /M), kept apart from `signingTime`,
   * which a trusted timestamp replaces; added beyond CLI.md.
   */
  readonly claimedSigningTime?: string | null;
  /** Where `signingTime` comes from: 'timestamp' | 'signed-attribute' | 'pdf-m' | null. */
  readonly signingTimeSource?: 'timestamp' | 'signed-attribute' | 'pdf-m' | null;
  readonly timestamp: TimestampFacts | null;
  readonly coverage: Coverage | null;
  readonly modificationLevel: ModificationLevel | null;
  readonly checks: readonly Check[];
  readonly chain: readonly ChainElement[];
  readonly revocation: RevocationFacts;
  /** PDF: /SubFilter; CMS: null. Added beyond CLI.md's minimum. */
  readonly subFilter?: string | null;
  /** PDF: 1-based revision the signature signed. */
  readonly revision?: number | null;
  /** PDF: the /ByteRange as found. */
  readonly byteRange?: readonly number[] | null;
  /**
   * PDF: the DocMDP level of a certification signature; null for an approval signature (and for
   * a certification whose level is not 1, 2 or 3, which `pdf.modifications.docmdp` fails).
   * Added beyond CLI.md's minimum.
   */
  readonly certificationLevel?: CertificationLevel | null;
}

export type FileFormat = 'pdf' | 'cms-detached' | 'cms-enveloped' | 'unknown';

export interface FileReport {
  readonly path: string;
  readonly sha256: string;
  readonly format: FileFormat;
  readonly indication: FileIndication;
  readonly signatures: readonly SignatureReport[];
  /**
   * Why the file could not be verified. `message` is English; `params` (added beyond CLI.md's
   * minimum) let a renderer say the same in the user's language from the catalogue.
   */
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly params?: Readonly<Record<string, string | number>>;
  } | null;
  /** `--extract DIR`: where the encapsulated content of this `.p7m` was written. Added beyond CLI.md. */
  readonly extracted?: string;
}

export interface VerificationReport {
  readonly schemaVersion: 1;
  readonly validationTime: string;
  readonly summary: {
    readonly files: number;
    readonly passed: number;
    readonly failed: number;
    readonly indeterminate: number;
    readonly unsigned: number;
  };
  readonly files: readonly FileReport[];
}
