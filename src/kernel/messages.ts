/**
 * The message catalogue (vi, en). Every human sentence hoso prints comes from here, so that
 * text, JSON and PDF renderers say the same thing in the same words. Keys and codes are English
 * and never translated (CLI.md). Placeholders are `{name}`.
 */
import type { ErrorCode } from './error-codes.js';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

interface Text {
  readonly message: string;
  readonly hint?: string;
}
type Bilingual = { readonly vi: Text; readonly en: Text };

const ERRORS: Record<ErrorCode, Bilingual> = {
  USAGE: {
    vi: { message: '{detail}', hint: 'Xem hướng dẫn: hoso help {command}' },
    en: { message: '{detail}', hint: 'See: hoso help {command}' },
  },
  FILE_NOT_FOUND: {
    vi: { message: 'Không tìm thấy tệp: {path}', hint: 'Kiểm tra lại đường dẫn và tên tệp' },
    en: { message: 'File not found: {path}', hint: 'Check the path and the file name' },
  },
  FILE_UNREADABLE: {
    vi: { message: 'Không đọc được tệp {path}: {detail}', hint: 'Kiểm tra quyền đọc tệp' },
    en: { message: 'Cannot read {path}: {detail}', hint: 'Check that the file is readable' },
  },
  INPUT_IS_FOLDER: {
    vi: { message: '{path} là một thư mục, không phải tệp', hint: 'Chỉ định một tệp cụ thể' },
    en: { message: '{path} is a folder, not a file', hint: 'Name a single file' },
  },
  OUTPUT_EXISTS: {
    vi: {
      message: 'Tệp đầu ra đã tồn tại: {path}',
      hint: 'Chọn tên khác, hoặc thêm --force để ghi đè',
    },
    en: {
      message: 'Output file already exists: {path}',
      hint: 'Choose another name, or add --force to replace it',
    },
  },
  OUTPUT_UNWRITABLE: {
    vi: {
      message: 'Không ghi được tệp {path}: {detail}',
      hint: 'Kiểm tra thư mục đích và quyền ghi',
    },
    en: {
      message: 'Cannot write {path}: {detail}',
      hint: 'Check the target folder and write permission',
    },
  },
  INPUT_TOO_LARGE: {
    vi: {
      message: '{what} quá lớn ({size} byte, tối đa {limit})',
      hint: 'Kiểm tra lại tệp đầu vào',
    },
    en: {
      message: '{what} is too large ({size} bytes, at most {limit})',
      hint: 'Check the input file',
    },
  },
  NOT_A_PDF: {
    vi: {
      message: 'Tệp {path} không phải là tệp PDF',
      hint: 'Để ký tệp không phải PDF, dùng --detached hoặc --enveloping',
    },
    en: {
      message: '{path} is not a PDF file',
      hint: 'To sign a file that is not a PDF, use --detached or --enveloping',
    },
  },
  PDF_MALFORMED: {
    vi: {
      message: 'Tệp PDF bị hỏng hoặc sai cấu trúc: {detail}',
      hint: 'Mở và lưu lại tệp bằng phần mềm tạo ra nó, hoặc kiểm tra bằng qpdf --check',
    },
    en: {
      message: 'The PDF is damaged or malformed: {detail}',
      hint: 'Re-save it with the program that made it, or inspect it with qpdf --check',
    },
  },
  PDF_ENCRYPTED: {
    vi: {
      message: 'Tệp PDF {path} được mã hóa; hoso chưa xử lý được tệp PDF mã hóa',
      hint: 'Gỡ mật khẩu/mã hóa (ví dụ: qpdf --decrypt) rồi chạy lại lệnh',
    },
    en: {
      message: '{path} is an encrypted PDF; hoso cannot process encrypted PDFs yet',
      hint: 'Remove the encryption (e.g. qpdf --decrypt) and run the command again',
    },
  },
  PDF_UNSUPPORTED: {
    vi: {
      message: 'Tệp PDF có cấu trúc chưa được hỗ trợ: {detail}',
      hint: 'Lưu lại tệp bằng phần mềm khác rồi thử lại',
    },
    en: {
      message: 'Unsupported PDF structure: {detail}',
      hint: 'Re-save the file with another program and try again',
    },
  },
  CMS_MALFORMED: {
    vi: {
      message: 'Dữ liệu chữ ký CMS/PKCS#7 không hợp lệ: {detail}',
      hint: 'Tệp có thể bị cắt cụt hoặc không phải chữ ký số',
    },
    en: {
      message: 'Invalid CMS/PKCS#7 signature data: {detail}',
      hint: 'The file may be truncated or not a signature',
    },
  },
  CERT_MALFORMED: {
    vi: {
      message: 'Không đọc được chứng thư số {path}: {detail}',
      hint: 'Chứng thư phải ở dạng PEM, DER hoặc .p7b',
    },
    en: {
      message: 'Cannot read certificate {path}: {detail}',
      hint: 'Certificates must be PEM, DER or .p7b',
    },
  },
  P12_MALFORMED: {
    vi: {
      message: 'Tệp khóa PKCS#12 {path} không hợp lệ: {detail}',
      hint: 'Xuất lại tệp .p12/.pfx từ CA hoặc từ trình quản lý chứng thư',
    },
    en: {
      message: 'Invalid PKCS#12 key file {path}: {detail}',
      hint: 'Export the .p12/.pfx again from your CA or certificate manager',
    },
  },
  P12_BAD_PASSWORD: {
    vi: {
      message: 'Sai mật khẩu cho tệp khóa {path}',
      hint: 'Kiểm tra mật khẩu trong {passSource}',
    },
    en: {
      message: 'Wrong password for key file {path}',
      hint: 'Check the password in {passSource}',
    },
  },
  P12_UNSUPPORTED: {
    vi: {
      message: 'Tệp PKCS#12 {path} dùng thuật toán chưa hỗ trợ: {detail}',
      hint: 'Xuất lại tệp với AES-256 (PBES2), ví dụ: openssl pkcs12 -export',
    },
    en: {
      message: 'PKCS#12 file {path} uses an unsupported algorithm: {detail}',
      hint: 'Export it again with AES-256 (PBES2), e.g. openssl pkcs12 -export',
    },
  },
  P12_NO_KEY: {
    vi: {
      message: 'Tệp PKCS#12 {path} không chứa khóa bí mật khớp với chứng thư',
      hint: 'Xuất lại tệp kèm khóa bí mật',
    },
    en: {
      message: 'PKCS#12 file {path} has no private key matching a certificate',
      hint: 'Export it again with the private key',
    },
  },
  PASSWORD_MISSING: {
    vi: {
      message: 'Chưa có mật khẩu cho tệp khóa',
      hint: 'Đặt mật khẩu trong biến môi trường {passEnv}, hoặc dùng --pass-stdin',
    },
    en: {
      message: 'No password for the key file',
      hint: 'Put it in the environment variable {passEnv}, or use --pass-stdin',
    },
  },
  SIGNER_EXPIRED: {
    vi: {
      message: 'Chứng thư của người ký đã hết hạn ngày {notAfter}',
      hint: 'Dùng chứng thư còn hiệu lực (chỉ dùng --allow-expired để thử nghiệm)',
    },
    en: {
      message: "The signer's certificate expired on {notAfter}",
      hint: 'Use a valid certificate (--allow-expired is for testing only)',
    },
  },
  SIGNER_NOT_YET_VALID: {
    vi: {
      message: 'Chứng thư của người ký chưa có hiệu lực (từ ngày {notBefore})',
      hint: 'Kiểm tra đồng hồ máy tính, hoặc dùng chứng thư khác',
    },
    en: {
      message: "The signer's certificate is not valid before {notBefore}",
      hint: "Check the computer's clock, or use another certificate",
    },
  },
  SIGNER_KEY_USAGE: {
    vi: {
      message:
        'Chứng thư của người ký không cho phép ký số (thiếu digitalSignature/nonRepudiation)',
      hint: 'Dùng chứng thư ký số do CA cấp cho mục đích ký',
    },
    en: {
      message:
        "The signer's certificate does not allow signing (no digitalSignature/nonRepudiation)",
      hint: 'Use a certificate issued for signing',
    },
  },
  SIGNER_REVOKED: {
    vi: {
      message: 'Chứng thư của người ký đã bị thu hồi từ {revokedAt} (theo {source})',
      hint: 'Dùng một chứng thư khác còn hiệu lực',
    },
    en: {
      message: "The signer's certificate was revoked on {revokedAt} (per the {source})",
      hint: 'Use another certificate, one that is still valid',
    },
  },
  REVOCATION_DATA_MISSING: {
    vi: {
      message:
        'Không có dữ liệu thu hồi cho chứng thư "{subject}" ({detail}): chữ ký mức {level} phải kèm dữ liệu này',
      hint: 'Cung cấp CRL của CA cấp chứng thư (--crl TỆP) hoặc phản hồi OCSP (--ocsp TỆP), hoặc thêm --online để tải về',
    },
    en: {
      message:
        'No revocation data for the certificate "{subject}" ({detail}): a {level} signature must carry it',
      hint: "Give the issuing CA's CRL (--crl FILE) or an OCSP response (--ocsp FILE), or add --online to fetch them",
    },
  },
  KEY_UNSUPPORTED: {
    vi: {
      message: 'Loại khóa chưa hỗ trợ: {detail}',
      hint: 'hoso ký bằng khóa RSA (≥ 2048 bit) hoặc ECDSA P-256/384/521',
    },
    en: {
      message: 'Unsupported key: {detail}',
      hint: 'hoso signs with RSA (≥ 2048 bits) or ECDSA P-256/384/521 keys',
    },
  },
  NOT_IMPLEMENTED: {
    vi: {
      message: 'Chức năng chưa có trong phiên bản này: {feature}',
      hint: 'Theo dõi các bản phát hành sau của hoso',
    },
    en: {
      message: 'Not available in this version yet: {feature}',
      hint: 'Watch for a later release of hoso',
    },
  },
  ARCHIVE_MALFORMED: {
    vi: {
      message: 'Tệp nén ZIP bị hỏng hoặc sai cấu trúc: {detail}',
      hint: 'Yêu cầu người gửi cung cấp lại tệp nén',
    },
    en: {
      message: 'The ZIP archive is damaged or malformed: {detail}',
      hint: 'Ask the sender for the archive again',
    },
  },
  ARCHIVE_ENTRY_UNSAFE: {
    vi: {
      message: 'Tên mục trong tệp nén không an toàn (đường dẫn tuyệt đối hoặc có ".."): {what}',
      hint: 'Mục này không được kiểm tra và không bao giờ được ghi ra đĩa; yêu cầu người gửi nén lại hồ sơ',
    },
    en: {
      message: 'Unsafe entry name in the archive (absolute or containing ".."): {what}',
      hint: 'The entry is not verified and never written to disk; ask the sender to pack the dossier again',
    },
  },
  ARCHIVE_ENTRY_UNSUPPORTED: {
    vi: {
      message: 'Không đọc được mục trong tệp nén: {detail}',
      hint: 'Giải nén bằng công cụ khác rồi kiểm tra các tệp',
    },
    en: {
      message: 'Cannot read the archive entry: {detail}',
      hint: 'Unpack it with another tool and verify the files',
    },
  },
  SIGNED_REVISION_UNAVAILABLE: {
    vi: {
      message: 'Không trích được phiên bản mà chữ ký {n} của {path} đã ký: {detail}',
      hint: 'Xem kết quả: hoso verify {path}',
    },
    en: {
      message: 'Cannot extract the revision signature {n} of {path} signed: {detail}',
      hint: 'See the report: hoso verify {path}',
    },
  },
  CODE_INVALID: {
    vi: {
      message: '{value} không phải {what} hợp lệ: {detail}',
      hint: 'Dạng đúng: {expected}',
    },
    en: {
      message: '{value} is not a valid {what}: {detail}',
      hint: 'Expected form: {expected}',
    },
  },
  IMAGE_MALFORMED: {
    vi: {
      message: 'Không đọc được ảnh {path}: {detail}',
      hint: 'Quét lại bản chính và lưu dạng JPEG hoặc PNG',
    },
    en: {
      message: 'Cannot read the image {path}: {detail}',
      hint: 'Scan the original again and save it as JPEG or PNG',
    },
  },
  IMAGE_UNSUPPORTED: {
    vi: {
      message: 'Ảnh {path} chưa được hỗ trợ: {detail}',
      hint: 'Lưu ảnh quét dạng JPEG hoặc PNG (8 bit, không xen kẽ)',
    },
    en: {
      message: 'The image {path} is not supported: {detail}',
      hint: 'Save the scan as JPEG or PNG (8-bit, not interlaced)',
    },
  },
  PDF_NO_PAGES: {
    vi: {
      message: 'Tệp PDF {path} không có trang nào',
      hint: 'Kiểm tra lại tệp bản chính',
    },
    en: {
      message: 'The PDF {path} has no pages',
      hint: 'Check the original file',
    },
  },
  TEMPLATE_INVALID: {
    vi: {
      message: 'Mẫu trình bày {path} không hợp lệ: {detail}',
      hint: 'Sửa tệp mẫu (JSON) theo mẫu mặc định trong docs/copy-template.md',
    },
    en: {
      message: 'Invalid layout template {path}: {detail}',
      hint: 'Fix the template (JSON) after the default one in docs/copy-template.md',
    },
  },
  LOOKUP_NOT_FOUND: {
    vi: {
      message: 'Không có bản ghi nào với mã tra cứu {code}',
      hint: 'Kiểm tra lại mã in trên giấy (mã QR) hoặc sổ đăng ký đang dùng (--config, "registry")',
    },
    en: {
      message: 'No record has the lookup code {code}',
      hint: 'Check the code printed on the paper (QR code) or the registry in use (--config, "registry")',
    },
  },
  RECORD_NOT_FOUND: {
    vi: {
      message: 'Không có bản ghi {id} trong sổ đăng ký',
      hint: 'Xem danh sách: hoso register list',
    },
    en: {
      message: 'The registry has no record {id}',
      hint: 'See the list: hoso register list',
    },
  },
  REGISTRY_UNAVAILABLE: {
    vi: {
      message: 'Không mở được sổ đăng ký {location}: {detail}',
      hint: 'Kiểm tra đường dẫn, quyền ghi thư mục, hoặc máy chủ PostgreSQL ("registry" trong tệp cấu hình)',
    },
    en: {
      message: 'Cannot open the registry {location}: {detail}',
      hint: 'Check the path, write permission on its folder, or the PostgreSQL server ("registry" in the configuration)',
    },
  },
  REGISTRY_NOT_A_DATABASE: {
    vi: {
      message: '{location} không phải sổ đăng ký của hoso ({detail})',
      hint: 'Chỉ định đúng tệp sổ đăng ký, hoặc một tệp chưa tồn tại để tạo sổ mới',
    },
    en: {
      message: '{location} is not a hoso registry ({detail})',
      hint: 'Name the right registry file, or a file that does not exist yet to create a new one',
    },
  },
  REGISTRY_READ_ONLY: {
    vi: {
      message: 'Không ghi được vào sổ đăng ký {location}: {detail}',
      hint: 'Cấp quyền ghi cho tệp và thư mục chứa nó, hoặc chọn nơi khác ("registry" trong tệp cấu hình)',
    },
    en: {
      message: 'Cannot write to the registry {location}: {detail}',
      hint: 'Make the file and its folder writable, or choose another place ("registry" in the configuration)',
    },
  },
  REGISTRY_SCHEMA_NEWER: {
    vi: {
      message:
        'Sổ đăng ký {location} dùng lược đồ phiên bản {found}, mới hơn bản hoso này ({known})',
      hint: 'Cập nhật hoso lên phiên bản mới hơn',
    },
    en: {
      message:
        'The registry {location} has schema version {found}, newer than this hoso knows ({known})',
      hint: 'Upgrade hoso',
    },
  },
  REGISTRY_CONFLICT: {
    vi: {
      message: 'Sổ đăng ký từ chối ghi: {detail}',
      hint: 'Chạy lại lệnh; nếu lỗi lặp lại, kiểm tra sổ bằng hoso register verify',
    },
    en: {
      message: 'The registry refused the write: {detail}',
      hint: 'Run the command again; if it recurs, check the registry with hoso register verify',
    },
  },
  CODE_SEQUENCE_EXHAUSTED: {
    vi: {
      message: 'Đã hết số thứ tự mã hồ sơ trong ngày {day} của đơn vị {agency} (tối đa 9999)',
      hint: 'Dùng mã đơn vị tiếp nhận khác cho các hồ sơ còn lại trong ngày',
    },
    en: {
      message: 'No dossier numbers left for {agency} on {day} (at most 9999 a day)',
      hint: 'Use another receiving unit code for the remaining dossiers of the day',
    },
  },
  SERVICE_UNAVAILABLE: {
    vi: {
      message: 'Không khởi động được dịch vụ tra cứu trên {address}: {detail}',
      hint: 'Chọn cổng khác (--port) hoặc dừng chương trình đang dùng cổng đó',
    },
    en: {
      message: 'Cannot start the lookup service on {address}: {detail}',
      hint: 'Choose another port (--port) or stop the program using it',
    },
  },
  TSA_FAILED: {
    vi: {
      message: 'Không lấy được dấu thời gian từ {url}: {detail}',
      hint: 'Kiểm tra địa chỉ máy chủ dấu thời gian (--tsa) và kết nối mạng',
    },
    en: {
      message: 'Could not get a timestamp from {url}: {detail}',
      hint: 'Check the timestamp server address (--tsa) and the network',
    },
  },
  TRUST_STORE_INVALID: {
    vi: {
      message: 'Không dùng được kho chứng thư tin cậy: {detail}',
      hint: 'Kiểm tra các đường dẫn trong --trust, --certs, --crl hoặc mục "trust" của tệp cấu hình',
    },
    en: {
      message: 'The trust store cannot be used: {detail}',
      hint: 'Check the paths given to --trust, --certs, --crl or the "trust" entry of the configuration',
    },
  },
  CONFIG_INVALID: {
    vi: {
      message: 'Tệp cấu hình {path} không hợp lệ: {detail}',
      hint: 'Sửa tệp cấu hình (JSON) theo hướng dẫn trong README',
    },
    en: {
      message: 'Invalid configuration file {path}: {detail}',
      hint: 'Fix the configuration file (JSON) as the README describes',
    },
  },
  INTERNAL: {
    vi: {
      message: 'Lỗi nội bộ của hoso: {detail}',
      hint: 'Vui lòng báo lỗi kèm lệnh đã chạy; thêm --debug để xem chi tiết',
    },
    en: {
      message: 'Internal error in hoso: {detail}',
      hint: 'Please report this with the command you ran; add --debug for details',
    },
  },
};

/**
 * Fills `{name}` placeholders. A parameter may come in per-language variants, `name.vi` and
 * `name.en`, for text the thrower words itself (usage details): the variant wins.
 */
function fill(
  template: string,
  params: Readonly<Record<string, string | number>>,
  lang?: Lang,
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = (lang ? params[`${name}.${lang}`] : undefined) ?? params[name];
    return v === undefined ? whole : String(v);
  });
}

export function renderErrorMessage(
  code: ErrorCode,
  params: Readonly<Record<string, string | number>>,
  lang: Lang,
  offset?: number,
): { message: string; hint: string | undefined } {
  const entry = ERRORS[code][lang];
  const defaults: Record<string, string> = {
    passEnv: 'HOSO_P12_PASSWORD',
    'passSource.vi': 'biến môi trường HOSO_P12_PASSWORD, hoặc dùng --pass-stdin',
    'passSource.en': 'the environment variable HOSO_P12_PASSWORD, or use --pass-stdin',
    command: '',
    detail: '',
  };
  const all = { ...defaults, ...params };
  let message = fill(entry.message, all, lang);
  if (offset !== undefined)
    message += lang === 'vi' ? ` (tại byte ${offset})` : ` (at byte ${offset})`;
  return { message, hint: entry.hint === undefined ? undefined : fill(entry.hint, all, lang) };
}

/** General UI text (not errors). Grows with the commands. */
const UI = {
  'version.line': { vi: 'hoso {version}', en: 'hoso {version}' },
  'sign.done': { vi: 'Đã ký: {output}', en: 'Signed: {output}' },
  'sign.signer': { vi: 'Người ký: {name}', en: 'Signer: {name}' },
  'sign.level': { vi: 'Mức chữ ký: PAdES {level}', en: 'Signature level: PAdES {level}' },
  'sign.cms.done': { vi: 'Đã tạo chữ ký CMS: {output}', en: 'CMS signature written: {output}' },
  'sign.extended': {
    vi: 'Đã bổ sung dữ liệu kiểm tra dài hạn: {output}',
    en: 'Long-term validation data added: {output}',
  },
  'warn.expired-allowed': {
    vi: 'Cảnh báo: ký bằng chứng thư ngoài thời hạn hiệu lực (--allow-expired); chữ ký sẽ không được công nhận là hợp lệ',
    en: 'Warning: signing with a certificate outside its validity period (--allow-expired); the signature will not validate',
  },
  'demo.title': {
    vi: 'hoso demo — chạy thử toàn bộ quy trình, ngoại tuyến',
    en: 'hoso demo — the whole flow, offline',
  },
  'demo.step': { vi: 'Bước {n}: {what}', en: 'Step {n}: {what}' },
  'demo.unavailable': {
    vi: '  (chưa có trong phiên bản này)',
    en: '  (not yet available in this version)',
  },
  'demo.outputs': { vi: 'Kết quả nằm trong: {dir}', en: 'Outputs are in: {dir}' },
  'verify.extracted': {
    vi: 'Đã ghi nội dung của {from} vào {to}',
    en: 'Wrote the content of {from} to {to}',
  },
  'verify.revision-extracted': {
    vi: 'Đã ghi phiên bản mà chữ ký {n} của {from} đã ký ({bytes} byte) vào {to}',
    en: 'Wrote the revision signature {n} of {from} signed ({bytes} bytes) to {to}',
  },
  'error.prefix': { vi: 'Lỗi', en: 'Error' },
  'error.hint': { vi: 'Gợi ý', en: 'Hint' },
  // hoso trust show (src/cli/commands/trust.ts): the path, then why it is or is not trusted.
  'trust.show.certificate': { vi: 'Chứng thư: {name}', en: 'Certificate: {name}' },
  'trust.show.at': { vi: 'Thời điểm kiểm tra: {time}', en: 'Validation time: {time}' },
  'trust.show.path': { vi: 'Đường dẫn chứng thực:', en: 'Certification path:' },
  'trust.show.subject': { vi: 'Chủ thể:   {text}', en: 'Subject:   {text}' },
  'trust.show.issuer': { vi: 'Cấp bởi:   {text}', en: 'Issuer:    {text}' },
  'trust.show.validity': { vi: 'Hiệu lực:  {from} → {to}', en: 'Validity:  {from} → {to}' },
  'trust.show.sha256': { vi: 'SHA-256:   {hex}', en: 'SHA-256:   {hex}' },
  'trust.show.source': { vi: 'Nguồn:     {source}', en: 'Source:    {source}' },
  'trust.show.role.anchor': { vi: 'gốc tin cậy', en: 'trust anchor' },
  'trust.show.role.embedded': {
    vi: 'đi kèm tệp chứng thư',
    en: 'from the certificate file',
  },
  'trust.show.no-path': {
    vi: '  (không tìm thấy chứng thư của đơn vị cấp)',
    en: '  (no issuer certificate found)',
  },
  'trust.show.trusted': { vi: '✔ TIN CẬY — {reason}', en: '✔ TRUSTED — {reason}' },
  'trust.show.untrusted': {
    vi: '? CHƯA TIN CẬY — {reason}',
    en: '? NOT TRUSTED — {reason}',
  },
  'trust.show.failed': { vi: '✘ KHÔNG TIN CẬY — {reason}', en: '✘ NOT TRUSTED — {reason}' },
  'trust.show.checks': { vi: 'Các bước kiểm tra:', en: 'Checks:' },
  'trust.show.store': {
    vi: 'Kho tin cậy: {anchors} chứng thư gốc, {intermediates} chứng thư trung gian, {crls} CRL',
    en: 'Trust store: {anchors} anchor(s), {intermediates} intermediate(s), {crls} CRL(s)',
  },
  'trust.show.skipped': {
    vi: '(bỏ qua {n} tệp không phải chứng thư/CRL)',
    en: '({n} file(s) that are not certificates or CRLs skipped)',
  },
  'trust.label.trust.chain': { vi: 'Chuỗi chứng thực', en: 'Certification path' },
  'trust.label.trust.validity': { vi: 'Thời hạn', en: 'Validity' },
  'trust.label.trust.keyusage': { vi: 'Mục đích khóa', en: 'Key usage' },
  'trust.label.trust.revocation': { vi: 'Thu hồi', en: 'Revocation' },
  'trust.label.policy.algorithms': { vi: 'Thuật toán', en: 'Algorithms' },
  'trust.why.chain.anchored': {
    vi: 'chuỗi dẫn tới gốc tin cậy "{anchor}", mọi chữ ký trong chuỗi đều đúng',
    en: 'the path leads to the trust anchor "{anchor}" and every signature in it verifies',
  },
  'trust.why.chain.no-anchors': {
    vi: 'chưa có chứng thư gốc tin cậy nào (--trust) nên không chứng thư nào được tin cậy; chuỗi dừng ở "{subject}", thiếu "{missingIssuer}"',
    en: 'no trust anchor was given (--trust), so nothing is trusted; the path stops at "{subject}", missing "{missingIssuer}"',
  },
  'trust.why.chain.issuer-not-found': {
    vi: 'không có chứng thư của "{missingIssuer}", đơn vị đã cấp "{subject}"',
    en: 'the certificate of "{missingIssuer}", which issued "{subject}", is missing',
  },
  'trust.why.chain.issuer-key-mismatch': {
    vi: 'có chứng thư mang tên "{missingIssuer}" nhưng khóa của nó không khớp chữ ký trên "{subject}"; còn thiếu đúng chứng thư của đơn vị cấp',
    en: 'a certificate named "{missingIssuer}" is present but its key does not verify "{subject}"; the right issuer certificate is missing',
  },
  'trust.why.chain.untrusted-root': {
    vi: 'chuỗi kết thúc ở chứng thư gốc "{root}", không nằm trong danh sách tin cậy',
    en: 'the path ends at the root "{root}", which is not a trust anchor',
  },
  'trust.why.chain.too-long': {
    vi: 'không tới được gốc tin cậy trong giới hạn độ dài chuỗi',
    en: 'no trust anchor within the maximum path length',
  },
  'trust.why.chain.bad-signature': {
    vi: 'chữ ký trên chứng thư "{subject}" không khớp khóa của "{issuer}" mà nó ghi là đơn vị cấp: chứng thư giả mạo hoặc bị hỏng',
    en: 'the signature on "{subject}" does not verify with the key of "{issuer}", the issuer it names: a forged or damaged certificate',
  },
  'trust.why.chain.not-ca': {
    vi: '"{subject}" đã cấp chứng thư khác nhưng không phải là CA (basicConstraints)',
    en: '"{subject}" issued a certificate but is not a CA (basicConstraints)',
  },
  'trust.why.chain.no-cert-sign': {
    vi: '"{subject}" không được phép ký chứng thư (keyUsage thiếu keyCertSign)',
    en: '"{subject}" may not sign certificates (keyUsage lacks keyCertSign)',
  },
  'trust.why.chain.path-length': {
    vi: 'chuỗi có nhiều CA trung gian hơn mức "{subject}" cho phép (pathLenConstraint)',
    en: 'the path has more intermediate CAs than "{subject}" allows (pathLenConstraint)',
  },
  'trust.why.chain.unsupported-critical-extension': {
    vi: '"{subject}" có phần mở rộng bắt buộc (critical) mà hoso chưa xử lý',
    en: '"{subject}" has a critical extension hoso does not process',
  },
  'trust.why.validity.ok': {
    vi: 'các chứng thư còn hiệu lực tại thời điểm kiểm tra',
    en: 'the certificates are valid at the validation time',
  },
  'trust.why.validity.trust-anchor': {
    vi: 'chứng thư gốc tin cậy: không xét thời hạn',
    en: 'a trust anchor: its validity period is not judged',
  },
  'trust.why.validity.expired': {
    vi: 'chứng thư "{subject}" đã hết hạn ngày {notAfter}',
    en: 'the certificate "{subject}" expired on {notAfter}',
  },
  'trust.why.validity.not-yet-valid': {
    vi: 'chứng thư "{subject}" chưa có hiệu lực (từ ngày {notBefore})',
    en: 'the certificate "{subject}" is not valid before {notBefore}',
  },
  'trust.why.keyusage.signature': {
    vi: 'chứng thư được cấp cho mục đích ký số',
    en: 'the certificate is issued for signing',
  },
  'trust.why.keyusage.timestamp': {
    vi: 'chứng thư được cấp cho dịch vụ cấp dấu thời gian',
    en: 'the certificate is issued for time-stamping',
  },
  'trust.why.keyusage.any': {
    vi: 'chứng thư của CA: không xét mục đích ký',
    en: 'a CA certificate: signing usage not checked',
  },
  'trust.why.keyusage.no-signing-usage': {
    vi: 'chứng thư không được cấp cho mục đích ký số (keyUsage: {keyUsage})',
    en: 'the certificate is not issued for signing (keyUsage: {keyUsage})',
  },
  'trust.why.keyusage.service-certificate': {
    vi: 'chứng thư dành cho dịch vụ (dấu thời gian/OCSP), không dùng để ký tài liệu',
    en: 'a service certificate (time-stamping/OCSP), not for signing documents',
  },
  'trust.why.keyusage.not-timestamping': {
    vi: 'chứng thư không được cấp cho dịch vụ cấp dấu thời gian',
    en: 'the certificate is not issued for time-stamping',
  },
  'trust.why.revocation.ok': {
    vi: 'chưa bị thu hồi theo CRL ngày {crlThisUpdate}',
    en: 'not revoked according to the CRL of {crlThisUpdate}',
  },
  'trust.why.revocation.revoked': {
    vi: 'chứng thư "{subject}" đã bị thu hồi từ {revokedAt} ({revocationReason})',
    en: 'the certificate "{subject}" was revoked on {revokedAt} ({revocationReason})',
  },
  'trust.why.revocation.no-data': {
    vi: 'không có dữ liệu thu hồi (CRL) cho chứng thư này',
    en: 'no revocation data (CRL) for this certificate',
  },
  'trust.why.revocation.trust-anchor': {
    vi: 'chứng thư gốc tin cậy: không kiểm tra thu hồi',
    en: 'a trust anchor: revocation not checked',
  },
  'trust.why.algorithms.ok': {
    vi: 'thuật toán và độ dài khóa đạt yêu cầu (Thông tư 15/2025/TT-BKHCN)',
    en: 'algorithms and key sizes meet Circular 15/2025/TT-BKHCN',
  },
  'trust.why.algorithms.lenient': {
    vi: 'chấp nhận theo --policy lenient, nhưng không đạt Thông tư 15/2025/TT-BKHCN: {warning}',
    en: 'accepted under --policy lenient, but short of Circular 15/2025/TT-BKHCN: {warning}',
  },
  'trust.why.algorithms.failed': {
    vi: 'thuật toán hoặc độ dài khóa không đạt yêu cầu (Thông tư 15/2025/TT-BKHCN): {issues}',
    en: 'algorithms or key sizes fall short of Circular 15/2025/TT-BKHCN: {issues}',
  },
  'trust.hint.add-anchor': {
    vi: 'Thêm chứng thư gốc/trung gian: --trust <tệp hoặc thư mục> (chứng thư trung gian: --certs <tệp>)',
    en: 'Add the root/intermediate certificates: --trust <file or folder> (intermediates: --certs <file>)',
  },
  'trust.hint.trust-root': {
    vi: 'Nếu tin cậy chứng thư gốc này, thêm nó: --trust <tệp>',
    en: 'If you trust this root, add it: --trust <file>',
  },
  'trust.hint.forged': {
    vi: 'Không tin cậy chứng thư này; yêu cầu bản chứng thư đúng từ đơn vị cấp',
    en: 'Do not trust this certificate; ask the issuing CA for the genuine one',
  },
  'trust.hint.crl': {
    vi: 'Để kiểm tra thu hồi, thêm danh sách thu hồi: --crl <tệp>',
    en: 'To check revocation, add the revocation list: --crl <file>',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type UiKey = keyof typeof UI;

export function t(
  key: UiKey,
  lang: Lang,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return fill(UI[key][lang], params);
}
