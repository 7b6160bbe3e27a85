/**
 * Signature timestamps (RFC 3161 Appendix A; ETSI EN 319 122-1 signature-time-stamp): hash the
 * signature value, ask a TSA, check the answer. Document timestamps (ISO 32000-2 §12.8.5) hand
 * in the digest of the ByteRange themselves (`forImprint`). The transport is handed in (HTTP in the CLI, an
 * in-process TSA in tests and the demo), so this module does no I/O of its own.
 */
import { createHash } from 'node:crypto';
import {
  buildTimeStampRequest,
  readTimeStampResponse,
  type DigestAlgorithm,
  type TimeStampTokenInfo,
} from '../cms/index.js';

export type TimeStampTransport = (requestDer: Uint8Array) => Promise<Uint8Array>;

export interface Timestamper {
  (signatureValue: Uint8Array, digest: DigestAlgorithm): Promise<Uint8Array>;
  /** A token over `imprint`, a digest the caller computed with `digest`. */
  forImprint(imprint: Uint8Array, digest: DigestAlgorithm): Promise<Uint8Array>;
  /** The token info of the last timestamp obtained. */
  last(): TimeStampTokenInfo | undefined;
}

export function makeTimestamper(
  url: string,
  transport: TimeStampTransport,
  random: (n: number) => Uint8Array,
): Timestamper {
  let last: TimeStampTokenInfo | undefined;
  const forImprint = async (imprint: Uint8Array, digest: DigestAlgorithm) => {
    const request = buildTimeStampRequest(imprint, digest, random(8));
    const response = await transport(request.der);
    const { token, info } = readTimeStampResponse(response, request, url);
    last = info;
    return token;
  };
  const fn = (signatureValue: Uint8Array, digest: DigestAlgorithm) =>
    forImprint(new Uint8Array(createHash(digest).update(signatureValue).digest()), digest);
  return Object.assign(fn, { forImprint, last: () => last });
}
