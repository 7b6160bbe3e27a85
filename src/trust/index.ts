export {
  certificateInfo,
  parseCertificate,
  allowsSigning,
  type CertificateInfo,
  type NameInfo,
  type KeyUsage,
} from './certificate-info.js';
export { certificatesFromFile } from './certificate-files.js';
