/**
 * What a lookup code resolves to: the public face of one registered document, the same for
 * `hoso lookup`, the lookup page and the JSON API (`GET /api/v1/lookup/:code`).
 *
 * It holds only what the printed paper already shows plus the verification status recorded at
 * issue (Decree 45/2020 Art. 6: no disclosure beyond one's authority; LEGAL.md §5): no applicant
 * data, no file paths, no internal row ids.
 */

/** original: added to the master register (sổ gốc); certified-copy: chứng thực bản sao từ bản
 * chính; register-copy: cấp bản sao từ sổ gốc; paper: bản chuyển đổi từ kết quả điện tử. */
export type DocumentKind = 'original' | 'certified-copy' | 'register-copy' | 'paper';

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'original',
  'certified-copy',
  'register-copy',
  'paper',
];

export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE' | 'NO_SIGNATURE';

/** A signature on the document as hoso verified it when the document was registered. */
export interface SignerAtIssue {
  readonly name: string;
  readonly organization: string | null;
  /** ISO 8601 UTC; from the timestamp when there was one, else the signer's claim. */
  readonly signingTime: string | null;
  readonly indication: Exclude<Indication, 'NO_SIGNATURE'>;
}

export interface LookupRecord {
  /** Canonical form: upper case, no separators (what the URL carries). */
  readonly lookupCode: string;
  readonly kind: DocumentKind;
  readonly title: string;
  readonly dossierCode: string | null;
  /** `<dossier>-KQ<n>` when the dossier has several results (Decree 45 Art. 14(3)). */
  readonly resultCode: string | null;
  readonly procedureCode: string | null;
  readonly system: { readonly name: string | null; readonly owner: string | null };
  readonly agency: { readonly code: string | null; readonly name: string | null };
  /** ISO 8601 UTC: when the document was registered / the copy or paper issued. */
  readonly issuedAt: string;
  /** For kind `paper`: when the conversion was made (equals issuedAt today). */
  readonly convertedAt: string | null;
  /** For kind `certified-copy`: the entry in the certification register (sổ chứng thực). */
  readonly certification: {
    readonly number: number;
    readonly book: string;
    readonly year: number;
  } | null;
  readonly status: 'VALID' | 'REVOKED';
  readonly revokedAt: string | null;
  /** Overall verdict on the document's signatures at issue; null when not verified. */
  readonly verification: Indication | null;
  readonly signers: readonly SignerAtIssue[];
  /** SHA-256 (hex, lower case) of the electronic document the paper or copy stands for. */
  readonly sha256: string;
  readonly pages: number | null;
}

/** The one lookup a lookup service needs from a registry. */
export interface LookupSource {
  /** `code` is canonical (validated by the caller); null when no record has it. */
  findByLookupCode(code: string): Promise<LookupRecord | null>;
}
