/**
 * What a paper conversion takes and gives (Decree 45/2020/NĐ-CP Art. 18(2); Law 20/2023/QH15
 * Art. 12(2); LEGAL.md §1).
 */

/** The conversion mark (Law 20/2023 Art. 12(2)(c)); agencies may word it their way. */
export const DEFAULT_CONVERSION_MARK =
  'BẢN CHUYỂN ĐỔI TỪ KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH ĐIỆN TỬ';

export interface PaperFields {
  /** Document name (tên văn bản). */
  readonly title: string;
  /** Dossier code (mã hồ sơ, Circular 01/2018/TT-VPCP Art. 19). */
  readonly dossierCode: string | null;
  /** "<dossier>-KQ<n>" when a dossier has several results (Decree 45/2020 Art. 14(3)). */
  readonly resultCode: string | null;
  readonly procedureCode: string | null;
  /** The information system the result was processed on (required: LEGAL.md §1.2). */
  readonly systemName: string;
  /** Its owner (chủ quản hệ thống thông tin). */
  readonly systemOwner: string;
  readonly lookupUrl: string;
  /** The lookup code as printed, e.g. ABCDEF-GHJKMN-PQRSTU. */
  readonly lookupCodeDisplay: string;
  /** Shown in Vietnam time. */
  readonly convertedAt: Date;
  readonly converterName: string;
  readonly converterTitle: string | null;
  /** Reserve the seal area on the conversion page (LEGAL.md §1.4). */
  readonly seal: boolean;
  /** SHA-256 of the electronic original, hex. */
  readonly sourceSha256: string;
  /** Conversion mark wording; DEFAULT_CONVERSION_MARK when absent. */
  readonly mark?: string;
}

export interface ContentArea {
  /** 1-based page of the paper document. */
  readonly page: number;
  /** Where the original page was placed: x, y, width, height in points. */
  readonly rect: readonly [number, number, number, number];
  /** 1-based page of the electronic original. */
  readonly sourcePage: number;
}

export interface PaperResult {
  readonly pdf: Uint8Array;
  /** Original pages + the conversion page(s): one, unless its signature table overflows. */
  readonly pages: number;
  readonly contentAreas: readonly ContentArea[];
}
