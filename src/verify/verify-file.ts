/**
 * One file of a `hoso verify` batch → one FileReport. A file that cannot be parsed is a
 * TOTAL_FAILED entry with `error` set and no signatures (CLI.md), never an aborted batch; only
 * I/O problems with the file itself (missing, unreadable) propagate.
 */
import { basename, dirname, join } from 'node:path';
import { HosoError, isHosoError, type ByteSource } from '../kernel/index.js';
import { fileIndication } from '../report/conclusion.js';
import type { FileReport, SignatureReport } from '../report/model.js';
import { SourceDigests } from './content-digest.js';
import { detachedContentName, detectFormat, looksLikePemCms } from './input-format.js';
import type { AssessContext } from './signer-assessment.js';
import { verifyCmsSignatures } from './verify-cms.js';
import { verifyPdfSignatures } from './verify-pdf.js';

/** CMS files are read whole; this bounds them (a PDF is streamed, whatever its size). */
export const MAX_CMS_FILE = 256 * 1024 * 1024;

export interface VerifyIo {
  /** Opens a file for reading (the CLI's adapter: it maps missing files to FILE_NOT_FOUND). */
  readonly open: (path: string) => ByteSource;
  /** Whether a path exists (for the detached content beside a .p7s). */
  readonly exists: (path: string) => boolean;
  /** `--content FILE` for a .p7s. */
  readonly contentPath?: string;
  /**
   * `--extract`: receives the encapsulated content of each enveloping signature that parsed and
   * returns where it was written (the report's `extracted`). Its errors propagate.
   */
  readonly onEnvelopedContent?: (path: string, content: Uint8Array) => string;
}

function pemToDer(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const m = /-----BEGIN (?:PKCS7|CMS)-----([\s\S]*?)-----END (?:PKCS7|CMS)-----/.exec(text);
  return m ? new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')) : bytes;
}

export function verifyFile(path: string, ctx: AssessContext, io: VerifyIo): FileReport {
  const src = io.open(path);
  let content: ByteSource | null = null;
  try {
    const digests = new SourceDigests(src);
    let format = detectFormat(basename(path), src.read(0, 1024));
    let signatures: SignatureReport[] = [];
    let error: FileReport['error'] = null;
    let eContent: Uint8Array | null = null;
    try {
      if (format === 'pdf') {
        signatures = verifyPdfSignatures(src, ctx, digests);
      } else if (format === 'cms-detached' || format === 'cms-enveloped') {
        if (src.size > MAX_CMS_FILE) {
          throw new HosoError('INPUT_TOO_LARGE', {
            params: { what: path, size: src.size, limit: MAX_CMS_FILE },
          });
        }
        let der = src.read(0, src.size);
        if (looksLikePemCms(der)) der = pemToDer(der);
        const contentName = io.contentPath ?? detachedContentName(path);
        if (contentName && io.exists(contentName)) content = io.open(contentName);
        else if (format === 'cms-detached' && contentName === null) {
          const guess = join(dirname(path), basename(path).replace(/\.[^.]+$/, ''));
          if (guess !== path && io.exists(guess)) content = io.open(guess);
        }
        const result = verifyCmsSignatures(der, content, ctx);
        signatures = result.signatures;
        format = result.detached ? 'cms-detached' : 'cms-enveloped';
        eContent = result.eContent;
      }
    } catch (e) {
      if (
        !isHosoError(e) ||
        e.code === 'INTERNAL' ||
        e.code === 'FILE_NOT_FOUND' ||
        e.code === 'FILE_UNREADABLE'
      )
        throw e;
      error = { code: e.code, message: e.message, params: e.params };
      signatures = [];
    }
    // After the signatures: the fingerprint continues the hash of their ByteRanges' common prefix.
    const sha256 = digests.sha256();
    const extracted =
      eContent && io.onEnvelopedContent ? io.onEnvelopedContent(path, eContent) : undefined;
    return {
      path,
      sha256,
      format,
      indication: fileIndication(signatures, error),
      signatures,
      error,
      ...(extracted !== undefined ? { extracted } : {}),
    };
  } finally {
    src.close();
    content?.close();
  }
}
