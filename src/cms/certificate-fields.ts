/**
 * The few fields of an X.509 certificate (RFC 5280 §4.1) that building a SignerInfo needs, as
 * their exact encoded bytes: issuer Name and serialNumber (for IssuerAndSerialNumber and ESS
 * IssuerSerial), subjectPublicKeyInfo (to match keys with certificates).
 */
import * as asn1js from 'asn1js';
import { HosoError } from '../kernel/index.js';
import { parseDer, rawOf } from './der.js';

export interface CertificateFields {
  readonly der: Uint8Array;
  readonly serialNumber: Uint8Array; // the INTEGER element, tag included
  readonly issuer: Uint8Array; // the Name element
  readonly subject: Uint8Array;
  readonly subjectPublicKeyInfo: Uint8Array;
}

export function certificateFields(der: Uint8Array): CertificateFields {
  const bad = (detail: string) =>
    new HosoError('CERT_MALFORMED', { params: { path: '<certificate>', detail } });
  let cert: asn1js.BaseBlock;
  try {
    cert = parseDer(der, 'certificate');
  } catch (e) {
    throw bad(e instanceof Error ? e.message : String(e));
  }
  if (!(cert instanceof asn1js.Sequence)) throw bad('not a SEQUENCE');
  const tbs = cert.valueBlock.value[0];
  if (!(tbs instanceof asn1js.Sequence)) throw bad('no TBSCertificate');
  const items = [...tbs.valueBlock.value];
  // version is [0] EXPLICIT and optional (absent means v1)
  if (items[0] && items[0].idBlock.tagClass === 3 && items[0].idBlock.tagNumber === 0)
    items.shift();
  const [serial, , issuer, , subject, spki] = items;
  if (!serial || !issuer || !subject || !spki) throw bad('TBSCertificate is incomplete');
  return {
    der,
    serialNumber: rawOf(serial),
    issuer: rawOf(issuer),
    subject: rawOf(subject),
    subjectPublicKeyInfo: rawOf(spki),
  };
}
