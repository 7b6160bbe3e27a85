/**
 * One input of a `hoso verify` batch → its FileReports: one for a file, one per entry for a ZIP
 * archive (verify-archive.ts). The archive is read through `io.open`, like any file. The ZIP
 * reader is loaded only when an archive comes (yauzl adds ~11 ms to a cold start).
 */
import type { FileReport } from '../report/model.js';
import { isZipArchive } from './input-format.js';
import type { AssessContext } from './signer-assessment.js';
import { verifyFile, type VerifyIo } from './verify-file.js';

export async function verifyInput(
  path: string,
  ctx: AssessContext,
  io: VerifyIo,
): Promise<FileReport[]> {
  if (!isZipArchive(path)) return [verifyFile(path, ctx, io)];
  const { verifyArchive } = await import('./verify-archive.js');
  const src = io.open(path);
  try {
    return await verifyArchive(
      src,
      path,
      ctx,
      io.onEnvelopedContent ? { onEnvelopedContent: io.onEnvelopedContent } : {},
    );
  } finally {
    src.close();
  }
}
