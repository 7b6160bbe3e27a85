/**
 * One entry point for "decrypt this with the password", whatever the AlgorithmIdentifier says:
 * PBES2 (RFC 8018) or a legacy pkcs-12PbeId (RFC 7292 Appendix C). Used for shrouded key bags
 * (EncryptedPrivateKeyInfo) and for encryptedData safes alike.
 */
import { HosoError } from '../../kernel/index.js';
import type { AlgorithmIdentifier } from './der-reading.js';
import { OID, describeOid } from './object-identifiers.js';
import type { PasswordBytes } from './password.js';
import { pbes2Decrypt } from './pbes2.js';
import { isPkcs12PbeOid, pkcs12PbeDecrypt } from './pkcs12-pbe.js';

export function decryptWithPassword(
  algorithm: AlgorithmIdentifier,
  password: PasswordBytes,
  ciphertext: Uint8Array,
): Uint8Array {
  if (algorithm.oid === OID.pbes2) return pbes2Decrypt(algorithm.params, password.utf8, ciphertext);
  if (isPkcs12PbeOid(algorithm.oid))
    return pkcs12PbeDecrypt(algorithm.oid, algorithm.params, password.bmp, ciphertext);
  // PBES1 (pbeWithMD5AndDES-CBC and friends, RFC 8018 §6.1) needs single DES, gone from
  // OpenSSL 3's default provider, and no exporter of the last decade writes it.
  throw new HosoError('P12_UNSUPPORTED', {
    params: { detail: `encryption ${describeOid(algorithm.oid)}` },
  });
}
