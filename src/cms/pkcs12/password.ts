/**
 * The two byte forms a PKCS#12 password takes.
 *
 * - The RFC 7292 Appendix B KDF (MAC keys and the legacy pkcs-12PbeIds) takes the password as a
 *   BMPString: big-endian UTF-16 followed by two zero bytes (B.1).
 * - PBES2/PBKDF2 (RFC 8018) and PBMAC1 (RFC 9579 §5) take the password as its UTF-8 octets, no
 *   terminator — what openssl and Windows pass.
 *
 * The empty password is ambiguous in practice: RFC 7292 B.1 makes it the two zero bytes, but
 * older openssl and some Windows/Java exports feed the KDF zero bytes instead (the "NULL
 * password"). Readers therefore try both, in that order, as openssl's own PKCS12_parse does.
 */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    // charCodeAt yields UTF-16 code units, so characters beyond the BMP become surrogate pairs,
    // which is what openssl's OPENSSL_utf82uni produces too.
    const unit = password.charCodeAt(i);
    out[2 * i] = unit >> 8;
    out[2 * i + 1] = unit & 0xff;
  }
  return out;
}

/** The BMPString forms to try, most standard first (see the file comment on empty passwords). */
export function bmpPasswordCandidates(password: string): Uint8Array[] {
  return password === '' ? [bmpPassword(''), new Uint8Array(0)] : [bmpPassword(password)];
}

export function utf8Password(password: string): Uint8Array {
  return new Uint8Array(Buffer.from(password, 'utf8'));
}

/**
 * The password as the ciphers need it. `bmp` is the BMPString form chosen by the MAC check (or
 * the first candidate when there is no MAC).
 */
export interface PasswordBytes {
  readonly bmp: Uint8Array;
  readonly utf8: Uint8Array;
}
