/**
 * The data of a copy being composed: what comes in (the electronic capture of the original and
 * the facts the statement shows) and what comes out (the unsigned copy and where its two visible
 * signatures go). Signing and the certification register are done by others on top of this
 * (Decree 23/2015/NĐ-CP as amended, Art. 20 and 22; Decree 45/2020/NĐ-CP Art. 10).
 */

/** The electronic capture of a paper original, or a master-register record: a PDF or one scan. */
export type OriginalInput =
  | { readonly kind: 'pdf'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: 'jpeg' | 'png'; readonly name: string; readonly bytes: Uint8Array };

/** A rectangle in the default user space of a page: x, y (lower left), width, height, points. */
export type PageRect = readonly [number, number, number, number];

export interface SignatureBox {
  /** 1-based page number. */
  readonly page: number;
  readonly rect: PageRect;
}

export interface ComposedCopy {
  /** The unsigned copy, fully rewritten (one revision, classic cross-reference table). */
  readonly pdf: Uint8Array;
  readonly pages: number;
  /** Certified copies: the officer's signature. Register copies: the agency's (same box). */
  readonly officerSignature: SignatureBox;
  /** The agency's signature: the seal's place, over the left part of the officer's. */
  readonly agencySignature: SignatureBox;
  /** 1-based page carrying the statement. */
  readonly statementPage: number;
  /** The band holding the statement on that page (tests leave it out of pixel comparisons). */
  readonly statementBand: PageRect;
  /** True when a page was added because the last page had no free room for the statement. */
  readonly addedPage: boolean;
  /** Where "Trang x/y" went, for each page that had a free strip for it. */
  readonly footerBands: readonly { readonly page: number; readonly rect: PageRect }[];
}

export interface CertificationStatementFields {
  readonly number: number;
  readonly book: string;
  readonly year: number;
  readonly place: string;
  /** The date of certification, shown as the date in Vietnam time (UTC+07:00). */
  readonly date: Date;
  readonly officerName: string;
  readonly officerTitle: string;
  readonly agencyName: string;
  readonly lookupUrl: string;
  readonly lookupCodeDisplay: string;
}

export interface RegisterCopyFields {
  readonly recordNumber: number;
  readonly dossierCode: string;
  /** What the record is (e.g. "Giấy khai sinh"); an empty string leaves the line out. */
  readonly title: string;
  readonly date: Date;
  readonly place: string;
  readonly agencyName: string;
  /** e.g. "TM. ỦY BAN NHÂN DÂN", or the agency head's title from config or template. */
  readonly signerTitle: string;
  readonly lookupUrl: string;
  readonly lookupCodeDisplay: string;
  /**
   * The original file, attached as an embedded file (EmbeddedFiles name tree and /AF on the
   * catalog) when it is a signed PDF; the statement says so.
   */
  readonly attachment: {
    readonly name: string;
    readonly bytes: Uint8Array;
    readonly signed: boolean;
  } | null;
}
