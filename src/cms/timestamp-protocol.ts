/**
 * RFC 3161 time-stamp protocol messages: the request a client sends, and reading the
 * response it gets back. Transport (HTTP POST, RFC 3161 §3.4) is the caller's business.
 */
import * as pkijs from 'pkijs';
import * as asn1js from 'asn1js';
import { HosoError, describeCause, toArrayBuffer } from '../kernel/index.js';
import { boolean, integer, octetString, parseDer, sequence } from './der.js';
import { OID, type DigestAlgorithm } from './oids.js';
import { digestAlgorithmIdentifier } from './signing-key.js';

export interface TimeStampRequest {
  readonly der: Uint8Array;
  readonly nonce: bigint;
  readonly imprint: Uint8Array;
  readonly digest: DigestAlgorithm;
}

/** TimeStampReq (RFC 3161 §2.4.1) asking for the TSA certificate to be included (certReq). */
export function buildTimeStampRequest(
  imprint: Uint8Array,
  digest: DigestAlgorithm,
  nonceBytes: Uint8Array,
): TimeStampRequest {
  // A positive 64-bit nonce: enough to match response to request.
  const nonce =
    BigInt('0x' + Buffer.from(nonceBytes.subarray(0, 8)).toString('hex')) & 0x7fffffffffffffffn;
  const der = sequence(
    integer(1),
    sequence(digestAlgorithmIdentifier(digest), octetString(imprint)),
    integer(nonce),
    boolean(true),
  );
  return { der, nonce, imprint, digest };
}

export interface TimeStampTokenInfo {
  readonly genTime: Date;
  readonly serialNumber: string;
  readonly policy: string;
  readonly digestOid: string;
  readonly imprint: Uint8Array;
  readonly nonce: bigint | null;
}

function bigintOf(i: asn1js.Integer): bigint {
  return BigInt('0x' + (Buffer.from(i.valueBlock.valueHexView).toString('hex') || '0'));
}

/** Reads the TSTInfo inside a timestamp token (a ContentInfo with SignedData). */
export function readTimeStampToken(tokenDer: Uint8Array): TimeStampTokenInfo {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(toArrayBuffer(tokenDer));
    if (contentInfo.contentType !== OID.signedData) throw new Error('token is not SignedData');
    const signed = new pkijs.SignedData({ schema: contentInfo.content });
    if (signed.encapContentInfo.eContentType !== OID.tstInfo)
      throw new Error('token content is not TSTInfo');
    const econtent = signed.encapContentInfo.eContent;
    if (!econtent) throw new Error('token has no TSTInfo');
    return readTstInfo(new Uint8Array(econtent.getValue()));
  } catch (e) {
    if (e instanceof HosoError) throw e;
    throw new HosoError('CMS_MALFORMED', {
      params: { detail: `timestamp token: ${describeCause(e)}` },
      cause: e,
    });
  }
}

/** Reads a TSTInfo (RFC 3161 §2.4.2) from its DER, e.g. the eContent of a document timestamp. */
export function readTstInfo(tstInfoDer: Uint8Array): TimeStampTokenInfo {
  try {
    const tst = pkijs.TSTInfo.fromBER(toArrayBuffer(tstInfoDer));
    return {
      genTime: tst.genTime,
      serialNumber: Buffer.from(tst.serialNumber.valueBlock.valueHexView).toString('hex'),
      policy: tst.policy,
      digestOid: tst.messageImprint.hashAlgorithm.algorithmId,
      imprint: new Uint8Array(tst.messageImprint.hashedMessage.valueBlock.valueHexView),
      nonce: tst.nonce ? bigintOf(tst.nonce) : null,
    };
  } catch (e) {
    if (e instanceof HosoError) throw e;
    throw new HosoError('CMS_MALFORMED', {
      params: { detail: `timestamp token: ${describeCause(e)}` },
      cause: e,
    });
  }
}

/**
 * Reads a TimeStampResp (RFC 3161 §2.4.2), checks status granted, imprint and nonce, and returns
 * the token's DER. Problems are reported as TSA_FAILED naming the server.
 */
export function readTimeStampResponse(
  responseDer: Uint8Array,
  request: TimeStampRequest,
  url: string,
): { token: Uint8Array; info: TimeStampTokenInfo } {
  const fail = (detail: string, cause?: unknown) =>
    new HosoError('TSA_FAILED', { params: { url, detail }, cause });
  let top: asn1js.BaseBlock;
  try {
    top = parseDer(responseDer, 'TimeStampResp');
  } catch (e) {
    throw fail('the answer is not a TimeStampResp', e);
  }
  if (!(top instanceof asn1js.Sequence)) throw fail('the answer is not a TimeStampResp');
  const [statusInfo, token] = top.valueBlock.value;
  const status = statusInfo instanceof asn1js.Sequence ? statusInfo.valueBlock.value[0] : undefined;
  if (!(status instanceof asn1js.Integer)) throw fail('the answer has no status');
  const code = status.valueBlock.valueDec;
  // 0 granted, 1 grantedWithMods; anything else is a refusal (§2.4.2)
  if (code !== 0 && code !== 1) throw fail(`the server refused the request (PKIStatus ${code})`);
  if (!token) throw fail('the answer carries no token');
  const tokenDer = new Uint8Array(token.valueBeforeDecodeView);
  const info = readTimeStampToken(tokenDer);
  if (Buffer.compare(Buffer.from(info.imprint), Buffer.from(request.imprint)) !== 0) {
    throw fail('the token timestamps other data than requested');
  }
  if (info.nonce !== request.nonce) throw fail('the token does not answer our nonce');
  return { token: tokenDer, info };
}
