/**
 * The words of the lookup pages (`hoso serve`), Vietnamese first, English for `?lang=en`.
 *
 * Verdict words (HỢP LỆ / KHÔNG HỢP LỆ / CHƯA XÁC ĐỊNH) are not repeated here: they come from
 * the report catalogue so the page, the terminal and the printed paper say the same thing
 * (STYLE.md rule 4). Everything else a visitor reads is in this one table, so a translation is
 * reviewed in one place.
 */
import type { Lang } from '../kernel/index.js';
import type { DocumentKind } from '../registry/lookup-record.js';

export interface PageText {
  readonly siteName: string;
  /** The `<title>` suffix and the small line above the document title. */
  readonly pageHeading: string;
  readonly homeTitle: string;
  readonly homeIntro: string;
  readonly codeLabel: string;
  readonly codeHint: string;
  readonly searchButton: string;
  readonly otherLanguage: string;
  readonly searchAnother: string;
  readonly statusValid: string;
  readonly statusRevoked: string;
  readonly revokedSince: string;
  readonly kindLabel: string;
  readonly kinds: Readonly<Record<DocumentKind, string>>;
  readonly systemLabel: string;
  readonly ownerLabel: string;
  readonly agencyLabel: string;
  readonly dossierCodeLabel: string;
  readonly resultCodeLabel: string;
  readonly procedureCodeLabel: string;
  /** When the document was issued, in the words its kind calls for. */
  readonly issuedLabel: Readonly<Record<DocumentKind, string>>;
  readonly convertedLabel: string;
  readonly timeZoneNote: string;
  readonly certificationLabel: string;
  readonly certificationNumber: string;
  readonly certificationBook: string;
  readonly signersHeading: string;
  readonly noSignature: string;
  readonly notVerified: string;
  readonly signedAt: string;
  readonly sha256Heading: string;
  readonly sha256Explain: string;
  readonly lookupCodeLabel: string;
  readonly notFoundTitle: string;
  readonly notFoundText: string;
  readonly pageNotFoundTitle: string;
  readonly pageNotFoundText: string;
  readonly errorTitle: string;
  readonly errorText: string;
  readonly tooManyTitle: string;
  readonly tooManyText: string;
  readonly badRequestTitle: string;
  readonly badRequestText: string;
  readonly methodTitle: string;
  readonly methodText: string;
}

export const PAGE_TEXT: Readonly<Record<Lang, PageText>> = {
  vi: {
    siteName: 'Tra cứu văn bản điện tử',
    pageHeading: 'Thông tin tra cứu văn bản',
    homeTitle: 'Tra cứu văn bản',
    homeIntro:
      'Nhập mã tra cứu in trên bản giấy hoặc bản sao (cạnh mã QR) để xem thông tin văn bản đã được cấp.',
    codeLabel: 'Mã tra cứu',
    codeHint: '18 ký tự, ví dụ 7K3M9P-QRT2VW-X4Y8ZN (không phân biệt chữ hoa, chữ thường)',
    searchButton: 'Tra cứu',
    otherLanguage: 'English',
    searchAnother: 'Tra cứu mã khác',
    statusValid: 'Còn hiệu lực',
    statusRevoked: 'Đã bị thu hồi',
    revokedSince: 'Thu hồi lúc',
    kindLabel: 'Loại văn bản',
    kinds: {
      paper: 'Bản chuyển đổi từ kết quả điện tử',
      'certified-copy': 'Bản sao chứng thực từ bản chính',
      'register-copy': 'Bản sao từ sổ gốc',
      original: 'Bản gốc trong sổ gốc',
    },
    systemLabel: 'Hệ thống thông tin',
    ownerLabel: 'Chủ quản',
    agencyLabel: 'Cơ quan',
    dossierCodeLabel: 'Mã hồ sơ',
    resultCodeLabel: 'Mã kết quả',
    procedureCodeLabel: 'Mã thủ tục',
    issuedLabel: {
      paper: 'Thời điểm cấp',
      'certified-copy': 'Thời điểm chứng thực',
      'register-copy': 'Thời điểm cấp bản sao',
      original: 'Thời điểm vào sổ',
    },
    convertedLabel: 'Thời điểm chuyển đổi',
    timeZoneNote: 'giờ Việt Nam',
    certificationLabel: 'Sổ chứng thực',
    certificationNumber: 'Số chứng thực',
    certificationBook: 'Quyển số',
    signersHeading: 'Chữ ký số (kết quả kiểm tra khi cấp)',
    noSignature: 'Văn bản điện tử không có chữ ký số.',
    notVerified: 'Chữ ký số chưa được kiểm tra khi cấp.',
    signedAt: 'ký lúc',
    sha256Heading: 'Mã băm SHA-256 của bản điện tử',
    sha256Explain:
      'Để đối chiếu với tệp điện tử gốc, tính SHA-256 của tệp (sha256sum tệp.pdf, hoặc certutil -hashfile tệp.pdf SHA256 trên Windows; hoso verify tệp.pdf cũng in ra giá trị này) và so sánh với dãy trên: giống nhau hoàn toàn là cùng một tệp.',
    lookupCodeLabel: 'Mã tra cứu',
    notFoundTitle: 'Không tìm thấy văn bản',
    notFoundText:
      'Không có văn bản nào với mã tra cứu này. Kiểm tra lại mã in trên giấy (18 ký tự, cạnh mã QR) rồi nhập lại.',
    pageNotFoundTitle: 'Không tìm thấy trang',
    pageNotFoundText: 'Địa chỉ này không có trên trang tra cứu.',
    errorTitle: 'Đã có lỗi xảy ra',
    errorText: 'Hệ thống tạm thời không tra cứu được. Vui lòng thử lại sau ít phút.',
    tooManyTitle: 'Quá nhiều yêu cầu',
    tooManyText: 'Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi rồi thử lại.',
    badRequestTitle: 'Yêu cầu không hợp lệ',
    badRequestText: 'Trang tra cứu không nhận yêu cầu này.',
    methodTitle: 'Phương thức không được hỗ trợ',
    methodText: 'Trang tra cứu chỉ nhận yêu cầu xem (GET).',
  },
  en: {
    siteName: 'Electronic document lookup',
    pageHeading: 'Document lookup',
    homeTitle: 'Look up a document',
    homeIntro:
      'Enter the lookup code printed on the paper or copy (next to the QR code) to see what was issued.',
    codeLabel: 'Lookup code',
    codeHint: '18 characters, e.g. 7K3M9P-QRT2VW-X4Y8ZN (upper or lower case)',
    searchButton: 'Look up',
    otherLanguage: 'Tiếng Việt',
    searchAnother: 'Look up another code',
    statusValid: 'In force',
    statusRevoked: 'Revoked',
    revokedSince: 'Revoked at',
    kindLabel: 'Kind of document',
    kinds: {
      paper: 'Paper converted from an electronic result',
      'certified-copy': 'Certified copy from the original',
      'register-copy': 'Copy from the master register',
      original: 'Original in the master register',
    },
    systemLabel: 'Information system',
    ownerLabel: 'Owner',
    agencyLabel: 'Agency',
    dossierCodeLabel: 'Dossier code',
    resultCodeLabel: 'Result code',
    procedureCodeLabel: 'Procedure code',
    issuedLabel: {
      paper: 'Issued',
      'certified-copy': 'Certified',
      'register-copy': 'Copy issued',
      original: 'Registered',
    },
    convertedLabel: 'Converted',
    timeZoneNote: 'Vietnam time, UTC+7',
    certificationLabel: 'Certification register',
    certificationNumber: 'Certification number',
    certificationBook: 'Book',
    signersHeading: 'Digital signatures (as verified at issue)',
    noSignature: 'The electronic document has no digital signature.',
    notVerified: 'The digital signatures were not verified at issue.',
    signedAt: 'signed',
    sha256Heading: 'SHA-256 of the electronic document',
    sha256Explain:
      'To compare with the electronic original, compute the SHA-256 of the file (sha256sum file.pdf, or certutil -hashfile file.pdf SHA256 on Windows; hoso verify file.pdf prints it too) and compare it with the digits above: identical means the same file.',
    lookupCodeLabel: 'Lookup code',
    notFoundTitle: 'Document not found',
    notFoundText:
      'No document has this lookup code. Check the code printed on the paper (18 characters, next to the QR code) and try again.',
    pageNotFoundTitle: 'Page not found',
    pageNotFoundText: 'This address does not exist on the lookup site.',
    errorTitle: 'Something went wrong',
    errorText: 'The lookup is unavailable for the moment. Please try again in a few minutes.',
    tooManyTitle: 'Too many requests',
    tooManyText: 'You have sent too many requests in a short time. Please wait and try again.',
    badRequestTitle: 'Bad request',
    badRequestText: 'The lookup site does not accept this request.',
    methodTitle: 'Method not supported',
    methodText: 'The lookup site only answers requests to view (GET).',
  },
};
