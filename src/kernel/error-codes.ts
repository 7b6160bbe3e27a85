/**
 * Stable error codes and the exit code each maps to (CLI.md, "Exit codes"):
 * 3 usage / bad input to a producing command / wrong password, 4 environment, 70 internal.
 */
export const ERROR_CODES = {
  USAGE: { exit: 3 },
  FILE_NOT_FOUND: { exit: 3 },
  FILE_UNREADABLE: { exit: 3 },
  INPUT_IS_FOLDER: { exit: 3 },
  OUTPUT_EXISTS: { exit: 3 },
  OUTPUT_UNWRITABLE: { exit: 3 },
  INPUT_TOO_LARGE: { exit: 3 },
  NOT_A_PDF: { exit: 3 },
  PDF_MALFORMED: { exit: 3 },
  PDF_ENCRYPTED: { exit: 3 },
  PDF_UNSUPPORTED: { exit: 3 },
  CMS_MALFORMED: { exit: 3 },
  CERT_MALFORMED: { exit: 3 },
  P12_MALFORMED: { exit: 3 },
  P12_BAD_PASSWORD: { exit: 3 },
  P12_UNSUPPORTED: { exit: 3 },
  P12_NO_KEY: { exit: 3 },
  PASSWORD_MISSING: { exit: 3 },
  SIGNER_EXPIRED: { exit: 3 },
  SIGNER_NOT_YET_VALID: { exit: 3 },
  SIGNER_KEY_USAGE: { exit: 3 },
  KEY_UNSUPPORTED: { exit: 3 },
  NOT_IMPLEMENTED: { exit: 3 },
  ARCHIVE_MALFORMED: { exit: 3 },
  ARCHIVE_ENTRY_UNSAFE: { exit: 3 },
  ARCHIVE_ENTRY_UNSUPPORTED: { exit: 3 },
  SIGNED_REVISION_UNAVAILABLE: { exit: 3 },
  TSA_FAILED: { exit: 4 },
  TRUST_STORE_INVALID: { exit: 4 },
  CONFIG_INVALID: { exit: 4 },
  INTERNAL: { exit: 70 },
} as const satisfies Record<string, { exit: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;
