/**
 * PKCS#12 (.p12/.pfx) key files: reading what CAs, Windows and openssl export, and writing
 * what openssl 3 writes by default.
 */
export { readPkcs12, type Pkcs12Contents, type ReadPkcs12Options } from './read-pkcs12.js';
export { writePkcs12, type WritePkcs12Input } from './write-pkcs12.js';
