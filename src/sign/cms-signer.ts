/**
 * CAdES baseline signatures over any file (ETSI EN 319 122-1): detached (.p7s, the content
 * stays in its own file) or enveloping (.p7m, the content travels inside the SignedData).
 * Unlike PAdES, CAdES B-B carries the signing-time signed attribute.
 */
import { createHash } from 'node:crypto';
import {
  buildSignedData,
  type DigestAlgorithm,
  type SignatureScheme,
  type SigningKey,
  type TimeStampTokenInfo,
} from '../cms/index.js';
import { forEachChunk, HosoError, type ByteSource, type Context } from '../kernel/index.js';
import { certificateInfo, type CertificateInfo } from '../trust/index.js';
import { checkSigner, type SignerCheckOptions, type SignerWarning } from './signer-check.js';
import type { Timestamper } from './timestamper.js';

/** Enveloping signatures hold the content in memory (three copies while encoding): keep them sane. */
export const MAX_ENVELOPED_CONTENT = 256 * 1024 * 1024;

export interface CmsFileRequest extends SignerCheckOptions {
  readonly key: SigningKey;
  readonly scheme: SignatureScheme;
  readonly digest: DigestAlgorithm;
  readonly mode: 'detached' | 'enveloping';
  readonly extraCertificates?: readonly Uint8Array[];
  readonly timestamper?: Timestamper;
}

export interface CmsFileResult {
  readonly der: Uint8Array;
  readonly signer: CertificateInfo;
  readonly signingTime: Date;
  readonly level: 'B-B' | 'B-T';
  readonly timestamp: TimeStampTokenInfo | null;
  readonly warnings: readonly SignerWarning[];
}

export async function signFileCms(
  src: ByteSource,
  req: CmsFileRequest,
  ctx: Context,
): Promise<CmsFileResult> {
  const signingTime = ctx.clock.now();
  const signer = certificateInfo(req.key.certificate);
  const warnings = checkSigner(signer, signingTime, req);
  if (req.mode === 'enveloping' && src.size > MAX_ENVELOPED_CONTENT) {
    throw new HosoError('INPUT_TOO_LARGE', {
      params: { what: 'enveloped content', size: src.size, limit: MAX_ENVELOPED_CONTENT },
    });
  }
  const hash = createHash(req.digest);
  const parts: Uint8Array[] = [];
  forEachChunk(src, 0, src.size, (chunk) => {
    hash.update(chunk);
    if (req.mode === 'enveloping') parts.push(new Uint8Array(chunk));
  });
  const built = await buildSignedData({
    key: req.key,
    scheme: req.scheme,
    digest: req.digest,
    messageDigest: new Uint8Array(hash.digest()),
    signingTime,
    ...(req.mode === 'enveloping' ? { content: new Uint8Array(Buffer.concat(parts)) } : {}),
    ...(req.extraCertificates ? { extraCertificates: req.extraCertificates } : {}),
    ...(req.timestamper ? { timestamp: req.timestamper } : {}),
  });
  return {
    der: built.der,
    signer,
    signingTime,
    level: req.timestamper ? 'B-T' : 'B-B',
    timestamp: req.timestamper?.last() ?? null,
    warnings,
  };
}
