/**
 * The message catalogue for verification reports (vi, en): one sentence per check id and status,
 * the advice shown after "→" for FAILED and INDETERMINATE results, and the words for
 * indications, sub-indications, coverage, modification levels and formats. The text renderer,
 * the PDF report and any later renderer take every human word from here (STYLE.md rule 4), so a
 * clerk reads the same sentence on screen and on paper. Wording follows what Circular
 * 15/2025/TT-BKHCN asks verification software to show in Vietnamese: valid or not, who signed,
 * when, and whether the data is intact (LEGAL.md §4).
 *
 * Templates use `{name}` placeholders filled from the check's `params`, then from the context the
 * renderer supplies (`signature`: 1-based index, `path`: the file, shell-quoted). A parameter may
 * come in per-language variants `name.vi` / `name.en`, which win over `name`. Values that are ISO
 * 8601 instants are shown in Vietnam time (dd/mm/yyyy hh:mm). An entry may list several
 * templates: the first whose placeholders are all given is used, so a sentence gains detail when
 * the verifier knows it and never shows a bare `{name}`.
 *
 * Parameters the catalogue understands (emitters: src/verify, src/trust, src/cms):
 *   format.legacy-subfilter  subFilter
 *   cms.signature            algorithm
 *   trust.chain              anchor (PASSED), missingIssuer (INDETERMINATE), subject (FAILED)
 *   trust.validity           subject, notBefore, notAfter, at
 *   trust.revocation         revokedAt, source
 *   policy.algorithms        algorithm
 *   pdf.modifications        change (e.g. change.vi "trang 1 thay đổi nội dung"), revision
 *   pdf.modifications.docmdp level (1-3: the words of `{permitted}`), found (a modification
 *                            level: the words of `{change}`), problem (a name: its words),
 *                            later, revision
 *   pdf.modifications.fieldmdp action (All, Include, Exclude: the words of `{scope}`), fields
 *                            (the names the lock lists), changed (locked fields changed),
 *                            problem (a name: its words), later, revision
 *   timestamp(.*)            tsa, time
 * Unknown ids use the sentence of their longest catalogued prefix (`cms.digest.message-digest`
 * reads as `cms.digest`), else a generic sentence followed by the check's English detail.
 */
import { ERROR_CODES, renderErrorMessage, type ErrorCode, type Lang } from '../kernel/index.js';
import type { CORE_CHECKS, SUB_CHECKS } from './check-ids.js';
import type {
  CertificationLevel,
  Check,
  CheckStatus,
  Coverage,
  FileFormat,
  FileIndication,
  ModificationLevel,
  SubIndication,
} from './model.js';
import { formatVietnamTime, isIsoInstant } from './vietnam-time.js';

/** One template, or variants tried in order (the first whose placeholders are all given). */
type Template = string | readonly string[];
interface Bi<T = Template> {
  readonly vi: T;
  readonly en: T;
}

interface CheckEntry {
  /** Short name of what is checked (table column, fallback sentences). */
  readonly label: Bi<string>;
  readonly PASSED: Bi;
  readonly FAILED: Bi;
  readonly INDETERMINATE: Bi;
  readonly SKIPPED: Bi;
  /** What to do next; when absent, the advice of the check's sub-indication is used. */
  readonly advice?: { readonly FAILED?: Bi; readonly INDETERMINATE?: Bi };
}

/** Ids emitted beyond check-ids.ts (timestamp sub-checks, legacy PDF SubFilters). */
export const EXTRA_CHECKS = [
  'timestamp.imprint',
  'timestamp.signature',
  'format.legacy-subfilter',
] as const;

export type CataloguedCheckId =
  (typeof CORE_CHECKS)[number] | (typeof SUB_CHECKS)[number] | (typeof EXTRA_CHECKS)[number];

const NOT_APPLICABLE: Bi = { vi: 'không áp dụng', en: 'not applicable' };

const ASK_ORIGINAL: Bi<string> = {
  vi: 'Không sử dụng tệp này; yêu cầu người gửi cung cấp lại bản gốc điện tử',
  en: 'Do not rely on this file; ask the sender for the electronic original again',
};

const ADD_TRUST: Bi<string> = {
  vi: 'Thêm chứng thư gốc tin cậy: --trust <tệp hoặc thư mục>; chứng thư trung gian: --certs <tệp>',
  en: 'Add the trusted root: --trust <file or folder>; intermediates: --certs <file>',
};

/** Advice when later changes could not be judged: look at exactly what was signed. */
const COMPARE_WITH_SIGNED: Bi = {
  vi: [
    'So sánh với nội dung đã ký: hoso verify --extract-revision {signature} <tệp-ra.pdf> {path}',
    'So sánh với nội dung đã ký: hoso verify --extract-revision <số chữ ký> <tệp-ra.pdf> <tệp>',
  ],
  en: [
    'Compare with what was signed: hoso verify --extract-revision {signature} <out.pdf> {path}',
    'Compare with what was signed: hoso verify --extract-revision <signature no.> <out.pdf> <file>',
  ],
};

const CHECK_ELSEWHERE: Bi<string> = {
  vi: 'Kiểm tra bằng phần mềm khác, hoặc yêu cầu người gửi cung cấp lại tệp',
  en: 'Check it with other software, or ask the sender for the file again',
};

const CHECKS: Record<CataloguedCheckId, CheckEntry> = {
  format: {
    label: { vi: 'Cấu trúc chữ ký', en: 'Signature structure' },
    PASSED: {
      vi: 'cấu trúc chữ ký đọc được, đúng quy cách',
      en: 'the signature structure is well formed',
    },
    FAILED: {
      vi: 'Cấu trúc chữ ký bị hỏng hoặc sai quy cách, không đọc được',
      en: 'The signature structure is damaged or malformed and cannot be read',
    },
    INDETERMINATE: {
      vi: 'Chưa đọc được đầy đủ cấu trúc chữ ký',
      en: 'The signature structure could not be fully read',
    },
    SKIPPED: NOT_APPLICABLE,
    advice: { FAILED: ASK_ORIGINAL, INDETERMINATE: CHECK_ELSEWHERE },
  },
  'format.legacy-subfilter': {
    label: { vi: 'Định dạng chữ ký', en: 'Signature format' },
    PASSED: {
      vi: 'định dạng chữ ký được hỗ trợ',
      en: 'the signature format is supported',
    },
    FAILED: {
      vi: [
        'Định dạng chữ ký cũ "{subFilter}" không được chấp nhận',
        'Định dạng chữ ký cũ không được chấp nhận',
      ],
      en: [
        'The legacy signature format "{subFilter}" is not accepted',
        'The legacy signature format is not accepted',
      ],
    },
    INDETERMINATE: {
      vi: [
        'Định dạng chữ ký cũ "{subFilter}" chưa được hỗ trợ kiểm tra',
        'Định dạng chữ ký cũ chưa được hỗ trợ kiểm tra',
      ],
      en: [
        'The legacy signature format "{subFilter}" is not supported for verification',
        'This legacy signature format is not supported for verification',
      ],
    },
    SKIPPED: NOT_APPLICABLE,
    advice: {
      FAILED: {
        vi: 'Đề nghị người ký ký lại theo chuẩn PAdES (ETSI.CAdES.detached)',
        en: 'Ask the signer to sign again as PAdES (ETSI.CAdES.detached)',
      },
      INDETERMINATE: {
        vi: 'Kiểm tra bằng phần mềm khác, hoặc đề nghị người ký ký lại theo chuẩn PAdES (ETSI.CAdES.detached)',
        en: 'Check it with other software, or ask the signer to sign again as PAdES (ETSI.CAdES.detached)',
      },
    },
  },
  'pdf.byterange': {
    label: { vi: 'Vùng dữ liệu được ký', en: 'Signed byte range' },
    PASSED: {
      vi: 'vùng dữ liệu được ký (ByteRange) đúng quy cách',
      en: 'the signed byte range (ByteRange) is well formed',
    },
    FAILED: {
      vi: 'Vùng dữ liệu được ký (ByteRange) bất thường — dấu hiệu chữ ký bị làm giả hoặc tệp bị chỉnh sửa',
      en: 'The signed byte range (ByteRange) is abnormal — a sign of a forged signature or an altered file',
    },
    INDETERMINATE: {
      vi: 'Chưa kiểm tra được vùng dữ liệu được ký (ByteRange)',
      en: 'The signed byte range (ByteRange) could not be checked',
    },
    SKIPPED: { vi: 'không áp dụng (không phải tệp PDF)', en: 'not applicable (not a PDF)' },
    advice: { FAILED: ASK_ORIGINAL, INDETERMINATE: CHECK_ELSEWHERE },
  },
  'pdf.byterange.well-formed': {
    label: { vi: 'Khai báo vùng được ký', en: 'ByteRange declaration' },
    PASSED: {
      vi: 'khai báo vùng dữ liệu được ký đúng quy cách',
      en: 'the byte range is declared correctly',
    },
    FAILED: {
      vi: 'Khai báo vùng dữ liệu được ký (ByteRange) sai quy cách hoặc thiếu',
      en: 'The byte range (ByteRange) is missing or malformed',
    },
    INDETERMINATE: {
      vi: 'Chưa đọc được khai báo vùng dữ liệu được ký',
      en: 'The byte range declaration could not be read',
    },
    SKIPPED: { vi: 'không áp dụng (không phải tệp PDF)', en: 'not applicable (not a PDF)' },
    advice: { FAILED: ASK_ORIGINAL, INDETERMINATE: CHECK_ELSEWHERE },
  },
  'pdf.byterange.gap-matches-contents': {
    label: { vi: 'Vị trí giá trị chữ ký', en: 'Signature value position' },
    PASSED: {
      vi: 'phần không được ký đúng là vị trí của giá trị chữ ký',
      en: 'the only unsigned bytes are the signature value itself',
    },
    FAILED: {
      vi: 'Phần không được ký không trùng với vị trí của giá trị chữ ký — có thể đã bị chèn nội dung ngoài vùng ký',
      en: 'The unsigned bytes are not exactly the signature value — content may have been slipped in outside the signed range',
    },
    INDETERMINATE: {
      vi: 'Chưa xác định được vị trí của giá trị chữ ký',
      en: 'The position of the signature value could not be determined',
    },
    SKIPPED: { vi: 'không áp dụng (không phải tệp PDF)', en: 'not applicable (not a PDF)' },
    advice: { FAILED: ASK_ORIGINAL, INDETERMINATE: CHECK_ELSEWHERE },
  },
  'pdf.byterange.covers-revision': {
    label: { vi: 'Phạm vi chữ ký', en: 'Signature coverage' },
    PASSED: {
      vi: 'chữ ký bao phủ toàn bộ phiên bản tài liệu được ký',
      en: 'the signature covers the whole signed revision of the document',
    },
    FAILED: {
      vi: 'Chữ ký không bao phủ toàn bộ phiên bản tài liệu được ký: có dữ liệu nằm ngoài chữ ký',
      en: 'The signature does not cover the whole signed revision: some data lies outside it',
    },
    INDETERMINATE: {
      vi: 'Chưa xác định được phạm vi bao phủ của chữ ký',
      en: 'The coverage of the signature could not be determined',
    },
    SKIPPED: { vi: 'không áp dụng (không phải tệp PDF)', en: 'not applicable (not a PDF)' },
    advice: { FAILED: ASK_ORIGINAL, INDETERMINATE: CHECK_ELSEWHERE },
  },
  'cms.digest': {
    label: { vi: 'Toàn vẹn nội dung', en: 'Content integrity' },
    PASSED: {
      vi: 'nội dung không thay đổi từ khi ký',
      en: 'the content has not changed since it was signed',
    },
    FAILED: {
      vi: 'Nội dung đã bị thay đổi sau khi ký (giá trị băm không khớp với chữ ký)',
      en: 'The content was changed after signing (its hash does not match the signature)',
    },
    INDETERMINATE: {
      vi: 'Chưa kiểm tra được tính toàn vẹn của nội dung',
      en: 'The integrity of the content could not be checked',
    },
    SKIPPED: { vi: 'không kiểm tra', en: 'not checked' },
    advice: {
      FAILED: {
        vi: 'Không sử dụng tệp này; yêu cầu bản gốc điện tử từ người gửi',
        en: 'Do not use this file; ask the sender for the electronic original',
      },
      INDETERMINATE: {
        vi: 'Cung cấp nội dung đã ký (với tệp .p7s: đặt tệp gốc cạnh tệp .p7s, hoặc dùng --content <tệp>), hoặc yêu cầu người gửi cung cấp lại tệp',
        en: 'Provide the signed content (for a .p7s: put the original next to it, or use --content <file>), or ask the sender for the file again',
      },
    },
  },
  'cms.signature': {
    label: { vi: 'Giá trị chữ ký', en: 'Signature value' },
    PASSED: {
      vi: 'giá trị chữ ký đúng với khóa công khai của người ký',
      en: "the signature value verifies with the signer's public key",
    },
    FAILED: {
      vi: 'Giá trị chữ ký không khớp với khóa công khai của người ký — chữ ký không hợp lệ',
      en: "The signature value does not verify with the signer's public key — the signature is invalid",
    },
    INDETERMINATE: {
      vi: [
        'Chưa kiểm tra được giá trị chữ ký (thuật toán {algorithm} chưa được hỗ trợ)',
        'Chưa kiểm tra được giá trị chữ ký',
      ],
      en: [
        'The signature value could not be verified (algorithm {algorithm} is not supported)',
        'The signature value could not be verified',
      ],
    },
    SKIPPED: { vi: 'không kiểm tra', en: 'not checked' },
    advice: {
      FAILED: {
        vi: 'Không chấp nhận chữ ký; đề nghị người ký ký lại',
        en: 'Do not accept the signature; ask the signer to sign again',
      },
      INDETERMINATE: {
        vi: 'Kiểm tra bằng phần mềm khác, hoặc đề nghị người ký dùng RSA/ECDSA với SHA-256',
        en: 'Check it with other software, or ask the signer to use RSA/ECDSA with SHA-256',
      },
    },
  },
  'cms.signing-certificate': {
    label: { vi: 'Chứng thư người ký', en: "Signer's certificate" },
    PASSED: {
      vi: 'xác định được chứng thư của người ký và chứng thư gắn với chữ ký',
      en: "the signer's certificate is identified and bound to the signature",
    },
    FAILED: {
      vi: 'Chứng thư kèm theo không khớp với chứng thư người ký đã cam kết trong chữ ký (có thể bị tráo chứng thư)',
      en: 'The certificate does not match the one the signer committed to in the signature (it may have been swapped)',
    },
    INDETERMINATE: {
      vi: 'Không tìm thấy chứng thư của người ký trong chữ ký',
      en: "The signer's certificate is not in the signature",
    },
    SKIPPED: { vi: 'không kiểm tra', en: 'not checked' },
    advice: {
      FAILED: ASK_ORIGINAL,
      INDETERMINATE: {
        vi: 'Bổ sung chứng thư của người ký: --certs <tệp>',
        en: "Add the signer's certificate: --certs <file>",
      },
    },
  },
  'trust.chain': {
    label: { vi: 'Chuỗi chứng thư', en: 'Certificate chain' },
    PASSED: {
      vi: [
        'chuỗi chứng thư dẫn tới gốc tin cậy {anchor}',
        'chuỗi chứng thư dẫn tới một gốc tin cậy',
      ],
      en: [
        'the certificate chain leads to the trust anchor {anchor}',
        'the certificate chain leads to a trust anchor',
      ],
    },
    FAILED: {
      vi: [
        'Chuỗi chứng thư không hợp lệ tại chứng thư "{subject}"',
        'Chuỗi chứng thư không hợp lệ (chữ ký hoặc ràng buộc của chứng thư CA không đúng)',
      ],
      en: [
        'The certificate chain is invalid at "{subject}"',
        'The certificate chain is invalid (a CA signature or constraint does not hold)',
      ],
    },
    INDETERMINATE: {
      vi: [
        'Chuỗi chứng thư kết thúc ở gốc "{root}", không nằm trong danh sách gốc tin cậy',
        'Chưa cấu hình gốc tin cậy nào nên chưa thể tin cậy chữ ký (chuỗi dừng ở "{unconfiguredIssuer}")',
        'Không dựng được chuỗi chứng thư tới một gốc tin cậy (thiếu CA trung gian "{missingIssuer}")',
        'Không dựng được chuỗi chứng thư tới một gốc tin cậy',
      ],
      en: [
        'The certificate chain ends at the root "{root}", which is not a trust anchor',
        'No trust anchors are configured, so the signature cannot be trusted yet (the chain stops at "{unconfiguredIssuer}")',
        'No certificate chain to a trust anchor could be built (missing intermediate CA "{missingIssuer}")',
        'No certificate chain to a trust anchor could be built',
      ],
    },
    SKIPPED: { vi: 'không kiểm tra', en: 'not checked' },
    advice: {
      FAILED: {
        vi: 'Không chấp nhận chữ ký; kiểm tra chứng thư bằng: hoso trust show <chứng thư>',
        en: 'Do not accept the signature; inspect the certificate with: hoso trust show <cert>',
      },
      INDETERMINATE: ADD_TRUST,
    },
  },
  'trust.validity': {
    label: { vi: 'Thời hạn chứng thư', en: 'Certificate validity' },
    PASSED: {
      vi: [
        'chứng thư còn hiệu lực tại thời điểm {at}',
        'chứng thư còn hiệu lực tại thời điểm kiểm tra',
      ],
      en: [
        'the certificates were valid at {at}',
        'the certificates were valid at the validation time',
      ],
    },
    FAILED: {
      vi: [
        'Chứng thư "{subject}" đã hết hạn ngày {notAfter}',
        'Chứng thư "{subject}" chưa có hiệu lực (từ ngày {notBefore})',
        'Chứng thư đã hết hạn ngày {notAfter}',
        'Chứng thư chưa có hiệu lực (từ ngày {notBefore})',
        'Chứng thư không còn hiệu lực tại thời điểm ký',
      ],
      en: [
        'The certificate "{subject}" expired on {notAfter}',
        'The certificate "{subject}" is not valid before {notBefore}',
        'The certificate expired on {notAfter}',
        'The certificate is not valid before {notBefore}',
        'The certificate was not valid at the signing time',
      ],
    },
    INDETERMINATE: {
      vi: [
        'Chứng thư đã hết hạn ngày {notAfter} và không có dấu thời gian chứng minh chữ ký được tạo trước đó',
        'Chứng thư ngoài thời hạn hiệu lực và không có dấu thời gian chứng minh thời điểm ký',
      ],
      en: [
        'The certificate expired on {notAfter} and no timestamp proves the signature was made before',
        'The certificate is outside its validity period and no timestamp proves when it was signed',
      ],
    },
    SKIPPED: { vi: 'không kiểm tra', en: 'not checked' },
    advice: {
      FAILED: {
        vi: 'Không chấp nhận chữ ký; đề nghị người ký ký lại bằng chứng thư còn hiệu lực',
        en: 'Do not accept the signature; ask the signer to sign again with a valid certificate',
      },
      INDETERMINATE: {
        vi: 'Đề nghị người ký ký lại kèm dấu thời gian (PAdES B-T trở lên)',
        en: 'Ask the signer to sign again with a timestamp (PAdES B-T or higher)',
      },
    },
  },
  'trust.keyusage': {
    label: { vi: 'Mục đích sử dụng khóa', en: 'Key usage' },
    PASSED: {
      vi: 'chứng thư được cấp cho mục đích ký số',
      en: 'the certificate is issued for signing',
    },
    FAILED: {
      vi: 'Chứng thư của người ký không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation)',
      en: "The signer's certificate is not issued for signing (no digitalSignature/nonRepudiation)",
    },
    INDETERMINATE: {
      vi: 'Chưa xác định được mục đích sử dụng của chứng thư',
      en: 'The key usage of the certificate could not be determined',
    },
    SKIPPED: { vi: 'không kiểm tra', en: 'not checked' },
    advice: {
      FAILED: {
        vi: 'Đề nghị người ký dùng chứng thư ký số do tổ chức cung cấp dịch vụ chứng thực cấp cho mục đích ký',
        en: 'Ask the signer to use a signing certificate issued by a certification service provider',
      },
      INDETERMINATE: {
        vi: 'Xem chứng thư bằng: hoso trust show <chứng thư>',
        en: 'Inspect the certificate with: hoso trust show <cert>',
      },
    },
  },
  'trust.revocation': {
    label: { vi: 'Tình trạng thu hồi', en: 'Revocation status' },
    PASSED: {
      vi: ['chứng thư chưa bị thu hồi (theo {source})', 'chứng thư chưa bị thu hồi'],
      en: ['the certificate is not revoked (per {source})', 'the certificate is not revoked'],
    },
    FAILED: {
      vi: ['Chứng thư đã bị thu hồi từ {revokedAt}', 'Chứng thư đã bị thu hồi'],
      en: ['The certificate was revoked on {revokedAt}', 'The certificate has been revoked'],
    },
    INDETERMINATE: {
      vi: [
        'Chứng thư đã bị thu hồi từ {revokedAt}; chữ ký ghi thời điểm ký {claimedSigningTime} nhưng không có dấu thời gian chứng minh chữ ký có trước khi thu hồi',
        'Thông tin thu hồi hiện có đã cũ hoặc không bao trùm thời điểm cần kiểm tra ({outOfBounds})',
        'Không xác định được tình trạng thu hồi của chứng thư: không có CRL/OCSP ({tryLater})',
        'Không xác định được tình trạng thu hồi của chứng thư (không có CRL/OCSP)',
      ],
      en: [
        'The certificate was revoked on {revokedAt}; the signature says it was made on {claimedSigningTime}, but no timestamp proves it predates the revocation',
        'The revocation information at hand is stale or does not cover the time to check ({outOfBounds})',
        'The revocation status of the certificate is unknown: no CRL/OCSP ({tryLater})',
        'The revocation status of the certificate is unknown (no CRL/OCSP)',
      ],
    },
    SKIPPED: {
      vi: [
        'không kiểm tra thu hồi (theo lựa chọn {disabledBy})',
        'chưa kiểm tra được thu hồi: thông tin thu hồi đã cũ hoặc không bao trùm thời điểm cần kiểm tra ({outOfBounds})',
        'chưa kiểm tra được thu hồi: không có CRL/OCSP ({tryLater})',
        'không kiểm tra thu hồi',
      ],
      en: [
        'revocation not checked ({disabledBy})',
        'revocation could not be checked: the revocation information is stale or does not cover the time to check ({outOfBounds})',
        'revocation could not be checked: no CRL/OCSP ({tryLater})',
        'revocation not checked',
      ],
    },
    advice: {
      FAILED: {
        vi: 'Không chấp nhận chữ ký; liên hệ người ký',
        en: 'Do not accept the signature; contact the signer',
      },
      INDETERMINATE: {
        vi: 'Cung cấp danh sách thu hồi: --crl <tệp>',
        en: 'Provide the revocation list: --crl <file>',
      },
    },
  },
  'policy.algorithms': {
    label: { vi: 'Thuật toán, độ dài khóa', en: 'Algorithms and key size' },
    PASSED: {
      vi: 'thuật toán và độ dài khóa đạt yêu cầu (Thông tư 15/2025/TT-BKHCN)',
      en: 'algorithms and key size meet the requirements (Circular 15/2025/TT-BKHCN)',
    },
    FAILED: {
      vi: [
        'Thuật toán {algorithm} không đạt yêu cầu an toàn (Thông tư 15/2025/TT-BKHCN)',
        'Thuật toán hoặc độ dài khóa không đạt yêu cầu an toàn (Thông tư 15/2025/TT-BKHCN)',
      ],
      en: [
        'The algorithm {algorithm} does not meet the security requirements (Circular 15/2025/TT-BKHCN)',
        'An algorithm or key size does not meet the security requirements (Circular 15/2025/TT-BKHCN)',
      ],
    },
    INDETERMINATE: {
      vi: [
        'Thuật toán {algorithm} không còn an toàn và không có dấu thời gian chứng minh chữ ký được tạo trước đó',
        'Thuật toán không còn an toàn và không có dấu thời gian chứng minh chữ ký được tạo trước đó',
      ],
      en: [
        'The algorithm {algorithm} is no longer secure and no timestamp proves the signature is older',
        'An algorithm is no longer secure and no timestamp proves the signature is older',
      ],
    },
    SKIPPED: { vi: 'không kiểm tra', en: 'not checked' },
    advice: {
      FAILED: {
        vi: 'Đề nghị người ký ký lại bằng khóa RSA ≥ 2048 bit hoặc ECDSA ≥ 256 bit với SHA-256; chấp nhận theo quy định riêng: --policy lenient',
        en: 'Ask the signer to sign again with RSA ≥ 2048 bits or ECDSA ≥ 256 bits and SHA-256; to accept by local rule: --policy lenient',
      },
      INDETERMINATE: {
        vi: 'Đề nghị người ký ký lại bằng khóa RSA ≥ 2048 bit hoặc ECDSA ≥ 256 bit với SHA-256',
        en: 'Ask the signer to sign again with RSA ≥ 2048 bits or ECDSA ≥ 256 bits and SHA-256',
      },
    },
  },
  'pdf.modifications': {
    label: { vi: 'Sửa đổi sau khi ký', en: 'Changes after signing' },
    PASSED: {
      vi: [
        'sau khi ký chỉ có bổ sung được phép: {change}',
        'không có sửa đổi nào làm thay đổi nội dung đã ký',
      ],
      en: [
        'only permitted additions after signing: {change}',
        'no change to the signed content after signing',
      ],
    },
    FAILED: {
      vi: [
        'Tệp đã bị sửa sau khi ký: {change} (bản sửa đổi thứ {revision})',
        'Tệp đã bị sửa sau khi ký: {change}',
        'Tệp đã bị sửa sau khi ký: nội dung khác với nội dung đã ký',
      ],
      en: [
        'The file was modified after signing: {change} (revision {revision})',
        'The file was modified after signing: {change}',
        'The file was modified after signing: what you see is not what was signed',
      ],
    },
    INDETERMINATE: {
      vi: [
        'Có thay đổi sau khi ký cần xem xét: {change}',
        'Có thay đổi sau khi ký chưa xác định được tính chất',
      ],
      en: [
        'Changes after signing need review: {change}',
        'Changes were made after signing that could not be classified',
      ],
    },
    SKIPPED: { vi: 'không áp dụng', en: 'not applicable' },
    advice: {
      FAILED: {
        vi: [
          'Yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã ký: hoso verify --extract-revision {signature} <tệp-ra.pdf> {path}',
          'Yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã ký: hoso verify --extract-revision <số chữ ký> <tệp-ra.pdf> <tệp>',
        ],
        en: [
          'Ask for the electronic original, or view exactly what was signed: hoso verify --extract-revision {signature} <out.pdf> {path}',
          'Ask for the electronic original, or view exactly what was signed: hoso verify --extract-revision <signature no.> <out.pdf> <file>',
        ],
      },
      INDETERMINATE: COMPARE_WITH_SIGNED,
    },
  },
  'pdf.modifications.docmdp': {
    label: { vi: 'Chữ ký chứng nhận (DocMDP)', en: 'Certification (DocMDP)' },
    PASSED: {
      vi: [
        'chữ ký chứng nhận (DocMDP mức {level}): {permitted}; các bản sửa đổi sau đều trong phạm vi cho phép ({later} bản sửa đổi)',
        'chữ ký chứng nhận (DocMDP mức {level}): {permitted}; chưa có sửa đổi nào sau khi ký',
        'chữ ký chứng nhận (DocMDP): các bản sửa đổi sau đều trong phạm vi cho phép',
      ],
      en: [
        'certification signature (DocMDP level {level}): {permitted}; every later revision stays within what it allows ({later} revision(s))',
        'certification signature (DocMDP level {level}): {permitted}; no changes since signing',
        'certification signature (DocMDP): every later revision stays within what it allows',
      ],
    },
    FAILED: {
      vi: [
        'Chữ ký chứng nhận (DocMDP mức {level}: {permitted}), nhưng {change} (bản sửa đổi thứ {revision})',
        'Chữ ký chứng nhận (DocMDP mức {level}: {permitted}), nhưng {change}',
        'Chữ ký chứng nhận không hợp lệ: {problem}',
        'Chữ ký chứng nhận (DocMDP) không hợp lệ, hoặc tài liệu đã bị sửa ngoài phạm vi chữ ký chứng nhận cho phép',
      ],
      en: [
        'Certification signature (DocMDP level {level}: {permitted}), but {change} (revision {revision})',
        'Certification signature (DocMDP level {level}: {permitted}), but {change}',
        'Invalid certification signature: {problem}',
        'The certification signature (DocMDP) is invalid, or the document was changed beyond what it allows',
      ],
    },
    INDETERMINATE: {
      vi: [
        'Chưa xác định được các thay đổi sau khi ký có nằm trong phạm vi chữ ký chứng nhận (DocMDP mức {level}) cho phép hay không',
        'Chưa xác định được các thay đổi sau khi ký có nằm trong phạm vi chữ ký chứng nhận cho phép hay không',
      ],
      en: [
        'Whether the changes after signing stay within what the certification signature (DocMDP level {level}) allows could not be determined',
        'Whether the changes after signing stay within what the certification signature allows could not be determined',
      ],
    },
    SKIPPED: {
      vi: 'không áp dụng (chữ ký phê duyệt, không phải chữ ký chứng nhận)',
      en: 'not applicable (an approval signature, not a certification)',
    },
    advice: {
      FAILED: {
        vi: [
          'Không coi tài liệu là bản đã được chứng nhận; yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã chứng nhận: hoso verify --extract-revision {signature} <tệp-ra.pdf> {path}',
          'Không coi tài liệu là bản đã được chứng nhận; yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã chứng nhận: hoso verify --extract-revision <số chữ ký> <tệp-ra.pdf> <tệp>',
        ],
        en: [
          'Do not treat the document as certified; ask for the electronic original, or view exactly what was certified: hoso verify --extract-revision {signature} <out.pdf> {path}',
          'Do not treat the document as certified; ask for the electronic original, or view exactly what was certified: hoso verify --extract-revision <signature no.> <out.pdf> <file>',
        ],
      },
      INDETERMINATE: {
        vi: [
          'So sánh với nội dung đã chứng nhận: hoso verify --extract-revision {signature} <tệp-ra.pdf> {path}',
          'So sánh với nội dung đã chứng nhận: hoso verify --extract-revision <số chữ ký> <tệp-ra.pdf> <tệp>',
        ],
        en: [
          'Compare with what was certified: hoso verify --extract-revision {signature} <out.pdf> {path}',
          'Compare with what was certified: hoso verify --extract-revision <signature no.> <out.pdf> <file>',
        ],
      },
    },
  },
  'pdf.modifications.fieldmdp': {
    label: { vi: 'Khóa trường biểu mẫu (FieldMDP)', en: 'Field lock (FieldMDP)' },
    PASSED: {
      vi: [
        'chữ ký khóa {scope} {fields}; các trường bị khóa không thay đổi sau khi ký ({later} bản sửa đổi)',
        'chữ ký khóa {scope}; các trường bị khóa không thay đổi sau khi ký ({later} bản sửa đổi)',
        'chữ ký khóa {scope} {fields}; chưa có sửa đổi nào sau khi ký',
        'chữ ký khóa {scope}; chưa có sửa đổi nào sau khi ký',
        'các trường bị chữ ký khóa (FieldMDP) không thay đổi sau khi ký',
      ],
      en: [
        'the signature locks {scope} {fields}; no locked field changed after signing ({later} revision(s))',
        'the signature locks {scope}; no locked field changed after signing ({later} revision(s))',
        'the signature locks {scope} {fields}; no changes since signing',
        'the signature locks {scope}; no changes since signing',
        'no field locked by the signature (FieldMDP) changed after signing',
      ],
    },
    FAILED: {
      vi: [
        'Chữ ký đã khóa trường {changed} (FieldMDP), nhưng sau khi ký trường này đã bị thay đổi (bản sửa đổi thứ {revision})',
        'Chữ ký đã khóa trường {changed} (FieldMDP), nhưng sau khi ký trường này đã bị thay đổi',
        'Khóa trường biểu mẫu của chữ ký (FieldMDP) sai quy cách: {problem}',
        'Trường biểu mẫu bị chữ ký khóa (FieldMDP) đã bị thay đổi sau khi ký, hoặc khóa trường sai quy cách',
      ],
      en: [
        'The signature locked the field(s) {changed} (FieldMDP), but they were changed after signing (revision {revision})',
        'The signature locked the field(s) {changed} (FieldMDP), but they were changed after signing',
        "The signature's field lock (FieldMDP) is malformed: {problem}",
        'Form fields locked by the signature (FieldMDP) were changed after signing, or the lock is malformed',
      ],
    },
    INDETERMINATE: {
      vi: 'Chưa xác định được các trường biểu mẫu bị chữ ký khóa (FieldMDP) có bị thay đổi sau khi ký hay không',
      en: 'Whether the form fields locked by the signature (FieldMDP) were changed after signing could not be determined',
    },
    SKIPPED: {
      vi: 'không áp dụng (chữ ký không khóa trường biểu mẫu nào)',
      en: 'not applicable (the signature locks no form field)',
    },
    advice: {
      FAILED: {
        vi: [
          'Không coi giá trị các trường bị khóa là giá trị đã ký; yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã ký: hoso verify --extract-revision {signature} <tệp-ra.pdf> {path}',
          'Không coi giá trị các trường bị khóa là giá trị đã ký; yêu cầu bản gốc điện tử, hoặc xem đúng nội dung đã ký: hoso verify --extract-revision <số chữ ký> <tệp-ra.pdf> <tệp>',
        ],
        en: [
          'Do not take the values of the locked fields as signed; ask for the electronic original, or view exactly what was signed: hoso verify --extract-revision {signature} <out.pdf> {path}',
          'Do not take the values of the locked fields as signed; ask for the electronic original, or view exactly what was signed: hoso verify --extract-revision <signature no.> <out.pdf> <file>',
        ],
      },
      INDETERMINATE: COMPARE_WITH_SIGNED,
    },
  },
  timestamp: {
    label: { vi: 'Dấu thời gian', en: 'Timestamp' },
    PASSED: {
      vi: ['dấu thời gian hợp lệ của {tsa}', 'dấu thời gian hợp lệ'],
      en: ['valid timestamp from {tsa}', 'valid timestamp'],
    },
    FAILED: {
      vi: ['Dấu thời gian của {tsa} không hợp lệ', 'Dấu thời gian không hợp lệ'],
      en: ['The timestamp from {tsa} is invalid', 'The timestamp is invalid'],
    },
    INDETERMINATE: {
      vi: ['Chưa xác minh được dấu thời gian của {tsa}', 'Chưa xác minh được dấu thời gian'],
      en: ['The timestamp from {tsa} could not be verified', 'The timestamp could not be verified'],
    },
    SKIPPED: { vi: 'không có dấu thời gian', en: 'no timestamp' },
    advice: {
      FAILED: {
        vi: 'Không dựa vào thời điểm trong dấu thời gian; đề nghị người ký ký lại',
        en: 'Do not rely on the time in the timestamp; ask the signer to sign again',
      },
      INDETERMINATE: {
        vi: 'Thêm chứng thư gốc của đơn vị cấp dấu thời gian: --trust <thư mục>',
        en: 'Add the root certificate of the timestamp authority: --trust <folder>',
      },
    },
  },
  'timestamp.imprint': {
    label: { vi: 'Dấu thời gian gắn với chữ ký', en: 'Timestamp imprint' },
    PASSED: {
      vi: 'dấu thời gian gắn đúng với chữ ký',
      en: 'the timestamp is bound to this signature',
    },
    FAILED: {
      vi: 'Dấu thời gian không gắn với chữ ký này (giá trị băm không khớp)',
      en: 'The timestamp is not bound to this signature (its imprint does not match)',
    },
    INDETERMINATE: {
      vi: 'Chưa kiểm tra được dấu thời gian có gắn với chữ ký hay không',
      en: 'Whether the timestamp is bound to the signature could not be checked',
    },
    SKIPPED: { vi: 'không có dấu thời gian', en: 'no timestamp' },
    advice: {
      INDETERMINATE: CHECK_ELSEWHERE,
      FAILED: {
        vi: 'Không dựa vào thời điểm trong dấu thời gian; đề nghị người ký ký lại',
        en: 'Do not rely on the time in the timestamp; ask the signer to sign again',
      },
    },
  },
  'timestamp.signature': {
    label: { vi: 'Chữ ký trên dấu thời gian', en: 'Timestamp signature' },
    PASSED: {
      vi: [
        'chữ ký của đơn vị cấp dấu thời gian {tsa} hợp lệ',
        'chữ ký của đơn vị cấp dấu thời gian hợp lệ',
      ],
      en: [
        'the signature of the timestamp authority {tsa} verifies',
        'the signature of the timestamp authority verifies',
      ],
    },
    FAILED: {
      vi: [
        'Chữ ký trên dấu thời gian của {tsa} không hợp lệ',
        'Chữ ký trên dấu thời gian không hợp lệ',
      ],
      en: [
        'The signature on the timestamp from {tsa} is invalid',
        'The signature on the timestamp is invalid',
      ],
    },
    INDETERMINATE: {
      vi: [
        'Chưa xác minh được chữ ký trên dấu thời gian của {tsa}',
        'Chưa xác minh được chữ ký trên dấu thời gian',
      ],
      en: [
        'The signature on the timestamp from {tsa} could not be verified',
        'The signature on the timestamp could not be verified',
      ],
    },
    SKIPPED: { vi: 'không có dấu thời gian', en: 'no timestamp' },
    advice: {
      FAILED: {
        vi: 'Không dựa vào thời điểm trong dấu thời gian; đề nghị người ký ký lại',
        en: 'Do not rely on the time in the timestamp; ask the signer to sign again',
      },
      INDETERMINATE: {
        vi: 'Thêm chứng thư gốc của đơn vị cấp dấu thời gian: --trust <thư mục>',
        en: 'Add the root certificate of the timestamp authority: --trust <folder>',
      },
    },
  },
};

const GENERIC: Record<CheckStatus, Bi<string>> = {
  PASSED: { vi: 'Kiểm tra "{id}": đạt', en: 'Check "{id}": passed' },
  FAILED: { vi: 'Kiểm tra "{id}": không đạt', en: 'Check "{id}" failed' },
  INDETERMINATE: {
    vi: 'Kiểm tra "{id}": chưa xác định được',
    en: 'Check "{id}": could not be decided',
  },
  SKIPPED: { vi: 'Kiểm tra "{id}": không áp dụng', en: 'Check "{id}": not applicable' },
};

const STATUS_WORDS: Record<CheckStatus, Bi<string>> = {
  PASSED: { vi: 'đạt', en: 'passed' },
  FAILED: { vi: 'không đạt', en: 'failed' },
  INDETERMINATE: { vi: 'chưa xác định', en: 'indeterminate' },
  SKIPPED: { vi: 'không áp dụng', en: 'skipped' },
};

const SUB_INDICATIONS: Record<SubIndication, Bi<string> & { readonly advice?: Bi<string> }> = {
  FORMAT_FAILURE: {
    vi: 'chữ ký hoặc tệp sai quy cách, không đọc được',
    en: 'the signature or the file is malformed',
    advice: ASK_ORIGINAL,
  },
  HASH_FAILURE: {
    vi: 'nội dung đã bị thay đổi sau khi ký',
    en: 'the content was changed after signing',
    advice: ASK_ORIGINAL,
  },
  SIG_CRYPTO_FAILURE: {
    vi: 'giá trị chữ ký không đúng',
    en: 'the signature value does not verify',
    advice: {
      vi: 'Không chấp nhận chữ ký; đề nghị người ký ký lại',
      en: 'Do not accept the signature; ask the signer to sign again',
    },
  },
  REVOKED: {
    vi: 'chứng thư của người ký đã bị thu hồi',
    en: "the signer's certificate has been revoked",
    advice: {
      vi: 'Không chấp nhận chữ ký; liên hệ người ký',
      en: 'Do not accept the signature; contact the signer',
    },
  },
  SIG_CONSTRAINTS_FAILURE: {
    vi: 'chữ ký không đáp ứng yêu cầu của chính sách kiểm tra',
    en: 'the signature does not meet the validation policy',
  },
  CHAIN_CONSTRAINTS_FAILURE: {
    vi: 'chuỗi chứng thư vi phạm ràng buộc (CA, độ dài chuỗi, mục đích sử dụng)',
    en: 'the certificate chain breaks a constraint (CA, path length, usage)',
  },
  CERTIFICATE_CHAIN_GENERAL_FAILURE: {
    vi: 'chuỗi chứng thư không hợp lệ',
    en: 'the certificate chain is invalid',
  },
  CRYPTO_CONSTRAINTS_FAILURE: {
    vi: 'thuật toán hoặc độ dài khóa không đạt yêu cầu an toàn',
    en: 'an algorithm or key size is below the security requirements',
  },
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: {
    vi: 'thuật toán không còn an toàn và không có bằng chứng thời điểm ký trước đó',
    en: 'an algorithm is no longer secure and nothing proves the signature is older',
  },
  EXPIRED: {
    vi: 'chứng thư đã hết hạn',
    en: 'the certificate has expired',
  },
  NOT_YET_VALID: {
    vi: 'chứng thư chưa có hiệu lực tại thời điểm ký',
    en: 'the certificate was not yet valid at the signing time',
  },
  NO_SIGNING_CERTIFICATE_FOUND: {
    vi: 'không tìm thấy chứng thư của người ký',
    en: "the signer's certificate was not found",
    advice: {
      vi: 'Bổ sung chứng thư của người ký: --certs <tệp>',
      en: "Add the signer's certificate: --certs <file>",
    },
  },
  NO_CERTIFICATE_CHAIN_FOUND: {
    vi: 'không dựng được chuỗi chứng thư tới một gốc tin cậy',
    en: 'no certificate chain to a trust anchor',
    advice: ADD_TRUST,
  },
  REVOKED_NO_POE: {
    vi: 'chứng thư đã bị thu hồi và không có bằng chứng chữ ký được tạo trước khi thu hồi',
    en: 'the certificate is revoked and nothing proves the signature predates the revocation',
  },
  REVOKED_CA_NO_POE: {
    vi: 'chứng thư của tổ chức cấp đã bị thu hồi và không có bằng chứng chữ ký được tạo trước khi thu hồi',
    en: 'a CA certificate of the path is revoked and nothing proves the signature predates the revocation',
  },
  REVOCATION_OUT_OF_BOUNDS_NO_POE: {
    vi: 'thông tin thu hồi không bao trùm thời điểm cần kiểm tra (đã cũ hoặc phát hành quá sớm)',
    en: 'the revocation information does not cover the time to check (stale, or issued too early)',
    advice: {
      vi: 'Cung cấp CRL hoặc phản hồi OCSP mới hơn (--crl, --online), hoặc kiểm tra lại sau',
      en: 'Provide a newer CRL or OCSP response (--crl, --online), or check again later',
    },
  },
  OUT_OF_BOUNDS_NO_POE: {
    vi: 'chứng thư ngoài thời hạn hiệu lực và không có bằng chứng thời điểm ký',
    en: 'the certificate is outside its validity period and nothing proves the signing time',
    advice: {
      vi: 'Đề nghị người ký ký lại kèm dấu thời gian (PAdES B-T trở lên)',
      en: 'Ask the signer to sign again with a timestamp (PAdES B-T or higher)',
    },
  },
  OUT_OF_BOUNDS_NOT_REVOKED: {
    vi: 'chứng thư ngoài thời hạn hiệu lực (chưa bị thu hồi)',
    en: 'the certificate is outside its validity period (not revoked)',
  },
  SIGNED_DATA_NOT_FOUND: {
    vi: 'không tìm thấy dữ liệu đã được ký',
    en: 'the signed data was not found',
    advice: {
      vi: 'Cung cấp tệp nội dung đã ký: đặt cạnh tệp .p7s cùng tên, hoặc dùng --content <tệp>',
      en: 'Provide the signed content: next to the .p7s with the same name, or with --content <file>',
    },
  },
  TRY_LATER: {
    vi: 'chưa có thông tin thu hồi mới, cần kiểm tra lại sau',
    en: 'no fresh revocation information yet; check again later',
    advice: {
      vi: 'Kiểm tra lại sau, hoặc cung cấp CRL mới: --crl <tệp>',
      en: 'Check again later, or provide a fresh CRL: --crl <file>',
    },
  },
  POLICY_PROCESSING_ERROR: {
    vi: 'không áp dụng được chính sách kiểm tra',
    en: 'the validation policy could not be applied',
  },
};

const INDICATIONS: Record<FileIndication, Bi<string>> = {
  TOTAL_PASSED: { vi: 'HỢP LỆ', en: 'VALID' },
  TOTAL_FAILED: { vi: 'KHÔNG HỢP LỆ', en: 'INVALID' },
  INDETERMINATE: { vi: 'CHƯA XÁC ĐỊNH', en: 'INDETERMINATE' },
  NO_SIGNATURE: { vi: 'không ký', en: 'unsigned' },
};

/** The verdict as a sentence, for paper (the officer's evidence). */
const INDICATION_SENTENCES: Record<FileIndication, Bi<string>> = {
  TOTAL_PASSED: { vi: 'Chữ ký số hợp lệ.', en: 'The digital signature is valid.' },
  TOTAL_FAILED: { vi: 'Chữ ký số không hợp lệ.', en: 'The digital signature is invalid.' },
  INDETERMINATE: {
    vi: 'Chưa xác định được chữ ký số có hợp lệ hay không.',
    en: 'Whether the digital signature is valid could not be determined.',
  },
  NO_SIGNATURE: { vi: 'Tệp không có chữ ký số.', en: 'The file carries no digital signature.' },
};

/** Summary counters ("1 hợp lệ · 1 không hợp lệ"). */
const INDICATION_COUNTS: Record<FileIndication, Bi<string>> = {
  TOTAL_PASSED: { vi: 'hợp lệ', en: 'valid' },
  TOTAL_FAILED: { vi: 'không hợp lệ', en: 'invalid' },
  INDETERMINATE: { vi: 'chưa xác định', en: 'indeterminate' },
  NO_SIGNATURE: { vi: 'không ký', en: 'unsigned' },
};

const COVERAGE: Record<Coverage, Bi<string>> = {
  ENTIRE_FILE: { vi: 'chữ ký bao phủ toàn bộ tệp', en: 'the signature covers the entire file' },
  ENTIRE_REVISION: {
    vi: 'chữ ký bao phủ toàn bộ phiên bản được ký',
    en: 'the signature covers its whole revision',
  },
  PARTIAL: {
    vi: 'chữ ký chỉ bao phủ một phần tệp',
    en: 'the signature covers only part of the file',
  },
};

const MODIFICATIONS: Record<ModificationLevel, Bi<string>> = {
  NONE: { vi: 'không có thay đổi sau khi ký', en: 'no changes after signing' },
  LTA_UPDATES: {
    vi: 'sau khi ký chỉ bổ sung dữ liệu kiểm tra dài hạn và dấu thời gian',
    en: 'only long-term validation data and timestamps were added after signing',
  },
  FORM_FILLING: {
    vi: 'sau khi ký có điền biểu mẫu hoặc thêm chữ ký',
    en: 'form fields were filled in or signatures added after signing',
  },
  ANNOTATIONS: {
    vi: 'sau khi ký có thêm ghi chú, đánh dấu',
    en: 'annotations were added after signing',
  },
  OTHER: {
    vi: 'sau khi ký nội dung tệp đã bị thay đổi',
    en: 'the content of the file was changed after signing',
  },
};

/** What each DocMDP level allows (ISO 32000-1 Table 254; DSS and timestamps per ISO 32000-2). */
const DOCMDP_PERMITTED: Record<CertificationLevel, Bi<string>> = {
  1: {
    vi: 'không cho phép thay đổi gì, trừ bổ sung dữ liệu kiểm tra dài hạn và dấu thời gian',
    en: 'no changes allowed except long-term validation data and document timestamps',
  },
  2: {
    vi: 'chỉ cho phép điền biểu mẫu và ký thêm',
    en: 'only form filling and further signatures allowed',
  },
  3: {
    vi: 'chỉ cho phép điền biểu mẫu, ký thêm và thêm ghi chú',
    en: 'only form filling, further signatures and annotations allowed',
  },
};

/** Why a certification signature is malformed (src/verify/docmdp.ts, `problem`). */
const DOCMDP_PROBLEMS: Record<string, Bi<string>> = {
  'invalid-permission': {
    vi: 'mức cho phép (P) của DocMDP không phải 1, 2 hoặc 3',
    en: 'its DocMDP permission level (P) is not 1, 2 or 3',
  },
  'no-reference': {
    vi: 'tài liệu chỉ định chữ ký này là chữ ký chứng nhận (/Perms /DocMDP) nhưng chữ ký không khai báo DocMDP',
    en: 'the document names this signature as its certification (/Perms /DocMDP), but the signature declares no DocMDP transform',
  },
  'not-first': {
    vi: 'chữ ký chứng nhận phải là chữ ký đầu tiên của tài liệu, nhưng trước nó đã có chữ ký khác',
    en: 'a certification signature must be the first signature of the document, but another signature precedes it',
  },
  several: {
    vi: 'chữ ký khai báo nhiều hơn một DocMDP',
    en: 'the signature declares more than one DocMDP transform',
  },
  'perms-elsewhere': {
    vi: 'tài liệu chỉ định một chữ ký khác làm chữ ký chứng nhận (/Perms /DocMDP)',
    en: 'the document names another signature as its certification (/Perms /DocMDP)',
  },
  'perms-not-a-reference': {
    vi: 'mục /Perms /DocMDP của tài liệu không trỏ tới một chữ ký',
    en: "the document's /Perms /DocMDP entry does not point to a signature",
  },
};

/** What a field lock locks (src/verify/fieldmdp.ts, `action`); its /Fields names follow. */
const FIELDMDP_SCOPES: Record<string, Bi<string>> = {
  All: { vi: 'mọi trường của biểu mẫu', en: 'every form field' },
  Include: { vi: 'các trường', en: 'the fields' },
  Exclude: { vi: 'mọi trường trừ', en: 'every field except' },
};

/** Why a field lock is malformed (src/verify/fieldmdp.ts, `problem`). */
const FIELDMDP_PROBLEMS: Record<string, Bi<string>> = {
  'invalid-action': {
    vi: 'mục /Action không phải All, Include hoặc Exclude',
    en: 'its /Action is not All, Include or Exclude',
  },
  'no-fields': {
    vi: 'khóa theo danh sách (Include, Exclude) nhưng không có danh sách trường /Fields',
    en: 'it locks by list (Include, Exclude) but has no /Fields list',
  },
};

/**
 * Sentence parameters derived from a coded one, per check: the check carries the code (a DocMDP
 * level, a modification level, a problem name), the catalogue its words in both languages.
 */
const DERIVED_PARAMS: Partial<
  Record<
    CataloguedCheckId,
    readonly { from: string; name: string; words: Readonly<Record<string, Bi<string>>> }[]
  >
> = {
  'pdf.modifications.docmdp': [
    { from: 'level', name: 'permitted', words: DOCMDP_PERMITTED },
    { from: 'found', name: 'change', words: MODIFICATIONS },
    { from: 'problem', name: 'problem', words: DOCMDP_PROBLEMS },
  ],
  'pdf.modifications.fieldmdp': [
    { from: 'action', name: 'scope', words: FIELDMDP_SCOPES },
    { from: 'problem', name: 'problem', words: FIELDMDP_PROBLEMS },
  ],
};

function derivedParams(id: string, params: MessageParams): MessageParams {
  const rules = (DERIVED_PARAMS as Record<string, (typeof DERIVED_PARAMS)[CataloguedCheckId]>)[id];
  const out: Record<string, string> = {};
  for (const { from, name, words } of rules ?? []) {
    const code = params[from];
    const entry = code === undefined ? undefined : words[String(code)];
    if (entry === undefined) continue;
    out[`${name}.vi`] = entry.vi;
    out[`${name}.en`] = entry.en;
  }
  return out;
}

const FORMATS: Record<FileFormat, Bi<string>> = {
  pdf: { vi: 'PDF có chữ ký số (PAdES)', en: 'signed PDF (PAdES)' },
  'cms-detached': { vi: 'chữ ký CMS tách rời (.p7s)', en: 'detached CMS signature (.p7s)' },
  'cms-enveloped': { vi: 'chữ ký CMS đóng gói (.p7m)', en: 'enveloping CMS signature (.p7m)' },
  unknown: { vi: 'không xác định', en: 'unknown' },
};

/** File-level errors (`FileReport.error.code`): what it means and what to do. */
const FILE_ERRORS: Record<string, Bi<string> & { readonly advice: Bi<string> }> = {
  FILE_NOT_FOUND: {
    vi: 'Không tìm thấy tệp',
    en: 'File not found',
    advice: { vi: 'Kiểm tra lại đường dẫn và tên tệp', en: 'Check the path and the file name' },
  },
  FILE_UNREADABLE: {
    vi: 'Không đọc được tệp',
    en: 'The file cannot be read',
    advice: { vi: 'Kiểm tra quyền đọc tệp', en: 'Check that the file is readable' },
  },
  INPUT_TOO_LARGE: {
    vi: 'Tệp quá lớn để kiểm tra',
    en: 'The file is too large to verify',
    advice: { vi: 'Kiểm tra lại tệp đầu vào', en: 'Check the input file' },
  },
  PDF_MALFORMED: {
    vi: 'Tệp PDF bị hỏng hoặc sai cấu trúc',
    en: 'The PDF is damaged or malformed',
    advice: {
      vi: 'Yêu cầu người gửi cung cấp lại tệp; kiểm tra bằng qpdf --check',
      en: 'Ask the sender for the file again; inspect it with qpdf --check',
    },
  },
  PDF_ENCRYPTED: {
    vi: 'Tệp PDF được mã hóa, chưa kiểm tra được chữ ký',
    en: 'The PDF is encrypted; its signatures cannot be verified yet',
    advice: {
      vi: 'Yêu cầu người gửi cung cấp bản không mã hóa',
      en: 'Ask the sender for an unencrypted version',
    },
  },
  PDF_UNSUPPORTED: {
    vi: 'Tệp PDF có cấu trúc chưa được hỗ trợ',
    en: 'The PDF uses an unsupported structure',
    advice: {
      vi: 'Kiểm tra bằng phần mềm khác, hoặc báo lỗi kèm tệp cho nhóm phát triển hoso',
      en: 'Check it with other software, or report it to the hoso developers',
    },
  },
  CMS_MALFORMED: {
    vi: 'Dữ liệu chữ ký CMS/PKCS#7 không hợp lệ',
    en: 'The CMS/PKCS#7 signature data is invalid',
    advice: {
      vi: 'Tệp có thể bị cắt cụt hoặc không phải chữ ký số; yêu cầu người gửi cung cấp lại',
      en: 'The file may be truncated or not a signature; ask the sender for it again',
    },
  },
  NOT_IMPLEMENTED: {
    vi: 'Chức năng kiểm tra loại tệp này chưa có trong phiên bản hiện tại',
    en: 'Verifying this kind of file is not available in this version',
    advice: {
      vi: 'Theo dõi các bản phát hành sau của hoso',
      en: 'Watch for a later release of hoso',
    },
  },
  ARCHIVE_MALFORMED: {
    vi: 'Tệp nén ZIP bị hỏng hoặc sai cấu trúc',
    en: 'The ZIP archive is damaged or malformed',
    advice: {
      vi: 'Yêu cầu người gửi cung cấp lại tệp nén',
      en: 'Ask the sender for the archive again',
    },
  },
  ARCHIVE_ENTRY_UNSAFE: {
    vi: 'Tên mục trong tệp nén không an toàn, mục này không được kiểm tra',
    en: 'Unsafe entry name in the archive; the entry is not verified',
    advice: {
      vi: 'Không giải nén tệp này bằng công cụ khác; yêu cầu người gửi nén lại hồ sơ',
      en: 'Do not unpack this archive with other tools; ask the sender to pack the dossier again',
    },
  },
  ARCHIVE_ENTRY_UNSUPPORTED: {
    vi: 'Không đọc được mục này trong tệp nén',
    en: 'This archive entry cannot be read',
    advice: {
      vi: 'Giải nén bằng công cụ khác rồi kiểm tra các tệp',
      en: 'Unpack it with another tool and verify the files',
    },
  },
  INTERNAL: {
    vi: 'Lỗi nội bộ của hoso khi kiểm tra tệp',
    en: 'Internal error in hoso while verifying the file',
    advice: {
      vi: 'Vui lòng báo lỗi kèm lệnh đã chạy; thêm --debug để xem chi tiết',
      en: 'Please report this with the command you ran; add --debug for details',
    },
  },
};

const FILE_ERROR_DEFAULT: Bi<string> & { readonly advice: Bi<string> } = {
  vi: 'Không kiểm tra được tệp',
  en: 'The file could not be verified',
  advice: {
    vi: 'Yêu cầu người gửi cung cấp lại tệp',
    en: 'Ask the sender for the file again',
  },
};

// ---------------------------------------------------------------------------------------------

export type MessageParams = Readonly<Record<string, string | number>>;

function paramValue(params: MessageParams, name: string, lang: Lang): string | undefined {
  const v = params[`${name}.${lang}`] ?? params[name];
  if (v === undefined) return undefined;
  if (typeof v === 'number') return String(v);
  if (v === '') return undefined;
  return isIsoInstant(v) ? (formatVietnamTime(v) ?? v) : v;
}

/**
 * Fills `{name}` placeholders of the first variant whose placeholders are all in `params`;
 * the last variant is used anyway (unfilled placeholders left as they are) when none fits.
 */
export function fillTemplate(template: Template, params: MessageParams, lang: Lang): string {
  const variants = typeof template === 'string' ? [template] : template;
  const fill = (t: string): string | null => {
    let missing = false;
    const out = t.replace(/\{([\w.]+)\}/g, (whole, name: string) => {
      const v = paramValue(params, name, lang);
      if (v === undefined) missing = true;
      return v ?? whole;
    });
    return missing ? null : out;
  };
  for (const v of variants) {
    const out = fill(v);
    if (out !== null) return out;
  }
  const last = variants[variants.length - 1] ?? '';
  return last.replace(
    /\{([\w.]+)\}/g,
    (whole, name: string) => paramValue(params, name, lang) ?? whole,
  );
}

/** The catalogue entry for `id`: its own, else its longest catalogued prefix's. */
function entryFor(id: string): { entry: CheckEntry; exact: boolean } | null {
  const own = (CHECKS as Record<string, CheckEntry | undefined>)[id];
  if (own !== undefined) return { entry: own, exact: true };
  let prefix = id;
  for (let dot = prefix.lastIndexOf('.'); dot > 0; dot = prefix.lastIndexOf('.')) {
    prefix = prefix.slice(0, dot);
    const parent = (CHECKS as Record<string, CheckEntry | undefined>)[prefix];
    if (parent !== undefined) return { entry: parent, exact: false };
  }
  return null;
}

/** Whether the catalogue has an entry of its own for `id` (tests: every emitted id is worded). */
export function isCatalogued(id: string): boolean {
  return Object.hasOwn(CHECKS, id);
}

export const CATALOGUED_CHECKS: readonly string[] = Object.keys(CHECKS);

export interface CheckMessage {
  /** Short name of what was checked ("Toàn vẹn nội dung"). */
  readonly label: string;
  /** The status in words ("đạt", "không đạt"…). */
  readonly status: string;
  /** The sentence a clerk reads. */
  readonly text: string;
  /** What to do next (FAILED/INDETERMINATE only), or null. */
  readonly advice: string | null;
  /** False when the id is unknown to the catalogue and the sentence is the generic one. */
  readonly known: boolean;
}

/**
 * The sentence and advice for one check. `context` supplies what the renderer knows beyond the
 * check (`signature`, `path`); the check's own params win over it.
 */
export function describeCheck(check: Check, lang: Lang, context: MessageParams = {}): CheckMessage {
  const own: MessageParams = { ...context, ...(check.params ?? {}) };
  const params: MessageParams = { ...own, ...derivedParams(check.id, own), id: check.id };
  const found = entryFor(check.id);
  const status = STATUS_WORDS[check.status][lang];
  const sub = check.subIndication;
  const subAdvice = sub === undefined ? undefined : SUB_INDICATIONS[sub].advice?.[lang];
  if (found === null) {
    const generic = fillTemplate(GENERIC[check.status][lang], params, lang);
    const detail = check.detail.trim();
    return {
      label: check.id,
      status,
      text: detail === '' ? generic : `${generic}: ${detail}`,
      advice:
        check.status === 'FAILED' || check.status === 'INDETERMINATE' ? (subAdvice ?? null) : null,
      known: false,
    };
  }
  const { entry } = found;
  let advice: string | null = null;
  if (check.status === 'FAILED' || check.status === 'INDETERMINATE') {
    const own = entry.advice?.[check.status];
    advice = own !== undefined ? fillTemplate(own[lang], params, lang) : (subAdvice ?? null);
  }
  return {
    label: entry.label[lang],
    status,
    text: fillTemplate(entry[check.status][lang], params, lang),
    advice,
    known: true,
  };
}

export function checkLabel(id: string, lang: Lang): string {
  return entryFor(id)?.entry.label[lang] ?? id;
}

export function checkStatusWord(status: CheckStatus, lang: Lang): string {
  return STATUS_WORDS[status][lang];
}

/** HỢP LỆ / KHÔNG HỢP LỆ / CHƯA XÁC ĐỊNH / không ký (VALID / INVALID / INDETERMINATE / unsigned). */
export function indicationWord(indication: FileIndication, lang: Lang): string {
  return INDICATIONS[indication][lang];
}

/** The verdict as a full sentence ("Chữ ký số hợp lệ."). */
export function indicationSentence(indication: FileIndication, lang: Lang): string {
  return INDICATION_SENTENCES[indication][lang];
}

/** The lower-case counter word ("hợp lệ") for summary lines. */
export function indicationCountWord(indication: FileIndication, lang: Lang): string {
  return INDICATION_COUNTS[indication][lang];
}

export function subIndicationText(sub: SubIndication, lang: Lang): string {
  return SUB_INDICATIONS[sub][lang];
}

export function subIndicationAdvice(sub: SubIndication, lang: Lang): string | null {
  return SUB_INDICATIONS[sub].advice?.[lang] ?? null;
}

export function coverageText(coverage: Coverage, lang: Lang): string {
  return COVERAGE[coverage][lang];
}

export function modificationLevelText(level: ModificationLevel, lang: Lang): string {
  return MODIFICATIONS[level][lang];
}

export function formatText(format: FileFormat, lang: Lang): string {
  return FORMATS[format][lang];
}

/** A file-level error in words: the catalogue's sentence for its code, the message, the advice. */
export function fileErrorText(
  error: {
    readonly code: string;
    readonly message: string;
    readonly params?: Readonly<Record<string, string | number>>;
  },
  lang: Lang,
): { text: string; advice: string } {
  const entry = FILE_ERRORS[error.code] ?? FILE_ERROR_DEFAULT;
  // The error's own sentence in the user's language when its parameters came along; the
  // catalogue's opening words are then not repeated in front of it.
  if (error.params && error.code in ERROR_CODES) {
    const own = renderErrorMessage(error.code as ErrorCode, error.params, lang);
    return { text: `${own.message} (${error.code})`, advice: own.hint ?? entry.advice[lang] };
  }
  const message = error.message.trim();
  const text =
    message === '' || message === entry[lang] ? entry[lang] : `${entry[lang]}: ${message}`;
  return { text: `${text} (${error.code})`, advice: entry.advice[lang] };
}

/** First letter upper-case (catalogue PASSED sentences are lower-case, for use after a label). */
export function capitalize(text: string): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const ch = String.fromCodePoint(first);
  return ch.toLocaleUpperCase('vi-VN') + text.slice(ch.length);
}

// ---------------------------------------------------------------------------------------------
// Words of the renderers (labels, headings, fixed sentences), shared by the text and PDF reports.

const REPORT_WORDS = {
  // Header and summary (text).
  'text.title': { vi: 'Kiểm tra chữ ký số', en: 'Digital signature verification' },
  'count.files': { vi: '{n} tệp', en: '{n} files' },
  'count.file': { vi: '{n} tệp', en: '{n} file' },
  'count.signatures': { vi: '{n} chữ ký', en: '{n} signatures' },
  'count.signature': { vi: '{n} chữ ký', en: '{n} signature' },
  'text.validationTime': {
    vi: 'thời điểm kiểm tra {time} (giờ Việt Nam)',
    en: 'validation time {time} (Vietnam time)',
  },
  'signature.nth': { vi: 'chữ ký {i}/{n}', en: 'signature {i}/{n}' },
  'file.noSignature': { vi: '(không có chữ ký số)', en: '(no digital signature)' },
  'label.signer': { vi: 'Người ký:', en: 'Signer:' },
  'label.signingTime': { vi: 'Thời điểm ký:', en: 'Signing time:' },
  'label.integrity': { vi: 'Toàn vẹn:', en: 'Integrity:' },
  'label.trust': { vi: 'Tin cậy:', en: 'Trust:' },
  'label.revocation': { vi: 'Thu hồi:', en: 'Revocation:' },
  'text.total': { vi: 'Tổng:', en: 'Total:' },
  'text.noFiles': { vi: 'không có tệp nào', en: 'no files' },
  'text.exit': { vi: '(mã thoát {code})', en: '(exit code {code})' },
  // Signature facts in words.
  'signer.unknownName': { vi: '(không rõ tên)', en: '(name unknown)' },
  'time.timestampOf': { vi: 'theo dấu thời gian của {tsa}', en: 'from the timestamp of {tsa}' },
  'time.timestamp': { vi: 'theo dấu thời gian', en: 'from a timestamp' },
  'time.alsoClaimed': { vi: 'người ký tự khai {time}', en: 'the signer states {time}' },
  'time.claimed': {
    vi: 'theo khai báo của người ký, không có dấu thời gian xác thực',
    en: "the signer's own claim, not confirmed by a timestamp",
  },
  'time.claimedPdfM': {
    vi: 'theo khai báo của người ký (trường /M của PDF), không có dấu thời gian xác thực',
    en: "the signer's own claim (the PDF /M entry), not confirmed by a timestamp",
  },
  'time.invalidTimestamp': { vi: 'dấu thời gian không hợp lệ', en: 'the timestamp is invalid' },
  'time.none': { vi: 'không có thông tin thời điểm ký', en: 'no signing time stated' },
  notChecked: { vi: 'không kiểm tra', en: 'not checked' },
  'integrity.intact': {
    vi: 'nội dung không thay đổi từ khi ký',
    en: 'the content has not changed since it was signed',
  },
  'integrity.signedPartIntact': {
    vi: 'nội dung đã ký không thay đổi',
    en: 'the signed content has not changed',
  },
  'integrity.notIntact': {
    vi: 'nội dung không còn nguyên vẹn như khi ký',
    en: 'the content is not as it was signed',
  },
  'integrity.changedAfter': {
    vi: 'phần đã ký còn nguyên vẹn, nhưng tệp đã bị sửa sau khi ký',
    en: 'the signed part is intact, but the file was changed after signing',
  },
  'integrity.unknown': {
    vi: 'chưa xác định được nội dung có còn nguyên vẹn hay không',
    en: 'whether the content is intact could not be determined',
  },
  'integrity.additions': {
    vi: 'tệp có phần bổ sung sau khi ký',
    en: 'the file has additions made after signing',
  },
  'trust.noAnchor': { vi: 'chưa tới được gốc tin cậy', en: 'no trust anchor reached' },
  'trust.badChain': { vi: 'chuỗi chứng thư không hợp lệ', en: 'the chain is invalid' },
  'trust.noChain': { vi: 'không dựng được chuỗi chứng thư', en: 'no certificate chain' },
  'revocation.good': { vi: 'chưa bị thu hồi', en: 'not revoked' },
  'revocation.revoked': { vi: 'ĐÃ BỊ THU HỒI', en: 'REVOKED' },
  'revocation.revokedSince': { vi: 'ĐÃ BỊ THU HỒI từ {at}', en: 'REVOKED since {at}' },
  'revocation.unknown': {
    vi: 'chưa xác định được (không có CRL/OCSP)',
    en: 'unknown (no CRL/OCSP)',
  },
  // A certification signature (DocMDP level, ISO 32000-1 Table 254).
  'certification.level1': {
    vi: 'Chữ ký chứng nhận — mức 1: không cho phép thay đổi (trừ dữ liệu kiểm tra dài hạn và dấu thời gian)',
    en: 'Certification signature — level 1: no changes allowed (except long-term validation data and timestamps)',
  },
  'certification.level2': {
    vi: 'Chữ ký chứng nhận — mức 2: cho phép điền biểu mẫu và ký thêm',
    en: 'Certification signature — level 2: form filling and further signatures allowed',
  },
  'certification.level3': {
    vi: 'Chữ ký chứng nhận — mức 3: cho phép điền biểu mẫu, ký thêm và thêm ghi chú',
    en: 'Certification signature — level 3: form filling, further signatures and annotations allowed',
  },
  'pdf.signature.kind': { vi: 'Loại chữ ký:', en: 'Signature type:' },
  // The printable report (biên bản).
  'pdf.motto1': { vi: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', en: 'SOCIALIST REPUBLIC OF VIETNAM' },
  'pdf.motto2': { vi: 'Độc lập - Tự do - Hạnh phúc', en: 'Independence - Freedom - Happiness' },
  'pdf.title': { vi: 'BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ', en: 'DIGITAL SIGNATURE VERIFICATION REPORT' },
  'pdf.subtitle': {
    vi: 'Về kết quả kiểm tra chữ ký số trên {files}',
    en: 'Results of verifying the digital signatures on {files}',
  },
  'pdf.dateLine': { vi: '{place}, {date}', en: '{place}, {date}' },
  'pdf.basis': {
    vi: 'Căn cứ Luật Giao dịch điện tử số 20/2023/QH15; Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử.',
    en: 'Pursuant to the Law on Electronic Transactions No. 20/2023/QH15 and Decree No. 45/2020/ND-CP of 8 April 2020 on administrative procedures in the electronic environment.',
  },
  'pdf.intro': {
    vi: 'Biên bản này ghi lại kết quả kiểm tra chữ ký số trên các tệp điện tử dưới đây, thực hiện bằng phần mềm {software}; hiệu lực của chữ ký và chứng thư được xác định tại thời điểm {time} (giờ Việt Nam).',
    en: 'This report records the verification of the digital signatures on the electronic files below, performed with the {software} software; signatures and certificates were assessed as of {time} (Vietnam time).',
  },
  'pdf.section.general': { vi: 'I. THÔNG TIN CHUNG', en: 'I. GENERAL INFORMATION' },
  'pdf.section.summary': { vi: 'II. KẾT QUẢ TỔNG HỢP', en: 'II. SUMMARY' },
  'pdf.section.details': { vi: 'III. KẾT QUẢ CHI TIẾT', en: 'III. DETAILED RESULTS' },
  'pdf.section.conclusion': { vi: 'IV. KẾT LUẬN', en: 'IV. CONCLUSION' },
  'pdf.validationTime': { vi: 'Thời điểm kiểm tra:', en: 'Validation time:' },
  'pdf.generatedAt': { vi: 'Thời điểm lập biên bản:', en: 'Report drawn up:' },
  'pdf.vietnamTime': { vi: '{time} (giờ Việt Nam)', en: '{time} (Vietnam time)' },
  'pdf.software': { vi: 'Phần mềm kiểm tra:', en: 'Verification software:' },
  'pdf.agency': { vi: 'Cơ quan, đơn vị:', en: 'Agency:' },
  'pdf.officer': { vi: 'Người kiểm tra:', en: 'Verified by:' },
  'pdf.fileCount': { vi: 'Số tệp được kiểm tra:', en: 'Files verified:' },
  'pdf.signatureCount': { vi: 'Số chữ ký:', en: 'Signatures:' },
  'pdf.col.no': { vi: 'STT', en: 'No.' },
  'pdf.col.file': { vi: 'Tệp', en: 'File' },
  'pdf.col.format': { vi: 'Định dạng', en: 'Format' },
  'pdf.col.signatures': { vi: 'Số chữ ký', en: 'Signatures' },
  'pdf.col.result': { vi: 'Kết quả', en: 'Result' },
  'pdf.col.check': { vi: 'Nội dung kiểm tra', en: 'Check' },
  'pdf.col.explanation': { vi: 'Diễn giải', en: 'Explanation' },
  'pdf.file.heading': { vi: '{n}. Tệp: {path}', en: '{n}. File: {path}' },
  'pdf.file.result': { vi: 'Kết quả:', en: 'Result:' },
  'pdf.file.format': { vi: 'Định dạng:', en: 'Format:' },
  'pdf.file.sha256': { vi: 'Mã SHA-256:', en: 'SHA-256:' },
  'pdf.file.error': { vi: 'Lỗi:', en: 'Error:' },
  'pdf.file.signatures': {
    vi: '{n} chữ ký; kết quả từng chữ ký như sau.',
    en: '{n} signature(s); each is reported below.',
  },
  'pdf.signature.heading': {
    vi: '{n}.{i}. Chữ ký {i}/{count}',
    en: '{n}.{i}. Signature {i}/{count}',
  },
  'pdf.signature.field': { vi: ' — trường "{field}"', en: ' — field "{field}"' },
  'pdf.signature.reasons': { vi: 'Lý do:', en: 'Reasons:' },
  'pdf.signature.advice': { vi: 'Đề nghị:', en: 'Next step:' },
  'pdf.signature.signer': { vi: 'Người ký:', en: 'Signer:' },
  'pdf.signature.organization': { vi: 'Tổ chức:', en: 'Organisation:' },
  'pdf.signature.identifiers': { vi: 'Số định danh:', en: 'Identifiers:' },
  'pdf.signature.issuer': { vi: 'Tổ chức cấp chứng thư:', en: 'Certificate issuer:' },
  'pdf.signature.serial': { vi: 'Số hiệu chứng thư:', en: 'Certificate serial:' },
  'pdf.signature.certSha256': { vi: 'SHA-256 chứng thư:', en: 'Certificate SHA-256:' },
  'pdf.signature.signingTime': { vi: 'Thời điểm ký:', en: 'Signing time:' },
  'pdf.signature.integrity': { vi: 'Toàn vẹn:', en: 'Integrity:' },
  'pdf.signature.coverage': { vi: 'Phạm vi chữ ký:', en: 'Coverage:' },
  'pdf.signature.modifications': { vi: 'Sửa đổi sau khi ký:', en: 'Changes after signing:' },
  'pdf.signature.format': { vi: 'Định dạng chữ ký:', en: 'Signature format:' },
  'pdf.signature.chain': { vi: 'Chuỗi chứng thư:', en: 'Certificate chain:' },
  'pdf.signature.revocation': { vi: 'Thu hồi:', en: 'Revocation:' },
  'pdf.signature.checks': { vi: 'Các bước kiểm tra:', en: 'Checks:' },
  'pdf.revision': { vi: 'phiên bản thứ {revision} của tệp', en: 'revision {revision} of the file' },
  'pdf.chain.element': {
    vi: '{name} (hiệu lực từ {from} đến {to})',
    en: '{name} (valid from {from} to {to})',
  },
  'pdf.chain.signer': { vi: 'người ký', en: 'signer' },
  'pdf.chain.anchor': { vi: 'gốc tin cậy', en: 'trust anchor' },
  'pdf.detail': { vi: 'Chi tiết kỹ thuật: {detail}', en: 'Technical detail: {detail}' },
  'pdf.conclusion.lead': {
    vi: 'Trong {n} tệp được kiểm tra:',
    en: 'Of the {n} files verified:',
  },
  'pdf.conclusion.passed': {
    vi: '{n} tệp có chữ ký số hợp lệ;',
    en: '{n} with valid digital signatures;',
  },
  'pdf.conclusion.failed': {
    vi: '{n} tệp có chữ ký số không hợp lệ hoặc không đọc được;',
    en: '{n} with invalid signatures or unreadable;',
  },
  'pdf.conclusion.indeterminate': {
    vi: '{n} tệp chưa xác định được chữ ký số có hợp lệ hay không;',
    en: '{n} whose signatures could not be determined valid or invalid;',
  },
  'pdf.conclusion.unsigned': {
    vi: '{n} tệp không có chữ ký số.',
    en: '{n} without a digital signature.',
  },
  'pdf.conclusion.paper': {
    vi: 'Thành phần hồ sơ có chữ ký số hợp lệ được sử dụng mà không yêu cầu nộp bản giấy (khoản 2 Điều 6 Nghị định số 45/2020/NĐ-CP).',
    en: 'Dossier components with a valid digital signature are used without asking for paper copies (Decree No. 45/2020/ND-CP, Art. 6(2)).',
  },
  'pdf.conclusion.hash': {
    vi: 'Mã SHA-256 ghi trong biên bản xác định đúng tệp đã được kiểm tra (đối chiếu, ví dụ, bằng lệnh sha256sum).',
    en: 'The SHA-256 values in this report identify exactly the files verified (compare them with, e.g., sha256sum).',
  },
  'pdf.officer.title': { vi: 'NGƯỜI KIỂM TRA', en: 'VERIFYING OFFICER' },
  'pdf.officer.sign': { vi: '(Ký, ghi rõ họ tên)', en: '(Signature and full name)' },
  'pdf.footer': {
    vi: 'Biên bản kiểm tra chữ ký số — thời điểm kiểm tra {time}',
    en: 'Digital signature verification report — validation time {time}',
  },
  'pdf.page': { vi: 'Trang {x}/{y}', en: 'Page {x}/{y}' },
  'pdf.noFiles': { vi: 'Không có tệp nào được kiểm tra.', en: 'No files were verified.' },
} as const satisfies Record<string, Bi<string>>;

export type ReportWordKey = keyof typeof REPORT_WORDS;

/** A renderer word or fixed sentence, `{name}` placeholders filled from `params`. */
export function reportWord(key: ReportWordKey, lang: Lang, params: MessageParams = {}): string {
  return REPORT_WORDS[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/**
 * The verdict of one signature as a sentence for paper: "Chữ ký số không hợp lệ: nội dung đã bị
 * thay đổi sau khi ký."
 */
export function verdictSentence(
  indication: FileIndication,
  subIndication: SubIndication | null,
  lang: Lang,
): string {
  const base = INDICATION_SENTENCES[indication][lang];
  if (subIndication === null || indication === 'TOTAL_PASSED' || indication === 'NO_SIGNATURE') {
    return base;
  }
  return `${base.replace(/\.$/, '')}: ${subIndicationText(subIndication, lang)}.`;
}
