/**
 * A minimal RFC 3161 time-stamping authority: turns a TimeStampReq into a TimeStampResp signed
 * with a TSA key. It serves hoso's own tests and the offline demo; it is not a production TSA
 * (no audit log, no clock discipline, no accuracy claims).
 */
import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import { generalizedTime, integer, oid, parseDer, rawOf, sequence, tlv } from './der.js';
import { DIGEST_OID, OID, type DigestAlgorithm } from './oids.js';
import { buildSignedData } from './signed-data-builder.js';
import { schemeFor, type SigningKey } from './signing-key.js';

export interface TimeStampAuthority {
  readonly key: SigningKey;
  readonly policy: string;
  /** The time to put in the token. */
  readonly now: () => Date;
  readonly serial: () => bigint;
}

const DIGEST_BY_OID = new Map<string, DigestAlgorithm>(
  Object.entries(DIGEST_OID).map(([name, id]) => [id, name as DigestAlgorithm]),
);

function statusOnly(code: number, text: string): Uint8Array {
  const freeText = sequence(tlv(0x0c, new Uint8Array(Buffer.from(text, 'utf8'))));
  return sequence(sequence(integer(code), freeText));
}

/** Answers one request. Malformed or unsupported requests get a `rejection` (status 2). */
export async function answerTimeStampRequest(
  tsa: TimeStampAuthority,
  requestDer: Uint8Array,
): Promise<Uint8Array> {
  let req: asn1js.BaseBlock;
  try {
    req = parseDer(requestDer, 'TimeStampReq');
  } catch {
    return statusOnly(2, 'badDataFormat');
  }
  if (!(req instanceof asn1js.Sequence)) return statusOnly(2, 'badDataFormat');
  const [, imprintBlock, ...rest] = req.valueBlock.value;
  if (!(imprintBlock instanceof asn1js.Sequence)) return statusOnly(2, 'badDataFormat');
  const algBlock = imprintBlock.valueBlock.value[0];
  const algOid = algBlock instanceof asn1js.Sequence ? algBlock.valueBlock.value[0] : undefined;
  const digest =
    algOid instanceof asn1js.ObjectIdentifier
      ? DIGEST_BY_OID.get(algOid.valueBlock.toString())
      : undefined;
  if (!digest) return statusOnly(2, 'badAlg');
  const nonce = rest.find((b): b is asn1js.Integer => b instanceof asn1js.Integer);
  const certReq = rest.some((b) => b instanceof asn1js.Boolean && b.valueBlock.value);

  const tstInfo = sequence(
    integer(1),
    oid(tsa.policy),
    rawOf(imprintBlock),
    integer(tsa.serial()),
    generalizedTime(tsa.now(), true),
    ...(nonce ? [rawOf(nonce)] : []),
  );
  const token = await buildSignedData({
    key: certReq ? tsa.key : { ...tsa.key, chain: [] },
    scheme: schemeFor(tsa.key.privateKey, false),
    digest: 'sha256',
    messageDigest: new Uint8Array(createHash('sha256').update(tstInfo).digest()),
    contentType: OID.tstInfo,
    content: tstInfo,
  });
  return sequence(sequence(integer(0)), token.der);
}
