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
      message: 'Tệp PDF {path} được mã hóa; hoso chưa hỗ trợ ký tệp PDF mã hóa',
      hint: 'Gỡ mật khẩu/mã hóa (ví dụ: qpdf --decrypt) rồi ký lại',
    },
    en: {
      message: '{path} is an encrypted PDF; signing encrypted PDFs is not supported yet',
      hint: 'Remove the encryption (e.g. qpdf --decrypt) and sign again',
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
  'error.prefix': { vi: 'Lỗi', en: 'Error' },
  'error.hint': { vi: 'Gợi ý', en: 'Hint' },
} as const satisfies Record<string, Record<Lang, string>>;

export type UiKey = keyof typeof UI;

export function t(
  key: UiKey,
  lang: Lang,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return fill(UI[key][lang], params);
}
