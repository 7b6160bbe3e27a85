/**
 * `hoso verify FILE --extract-revision N OUT` (CLI.md): writes the bytes signature N (1-based,
 * in the report's order) signed, i.e. the file as it was when that signature was made. For a
 * ByteRange [0 a b c] those are bytes [0, b + c): ISO 32000-1 §12.8.1 puts the signature value
 * in the gap and the end of the signed revision at b + c. Only when the signature's
 * `pdf.byterange` check passed (the gap is exactly /Contents and b + c ends a revision);
 * otherwise the prefix is not a revision anyone signed, and nothing is written.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { HosoError, forEachChunk, usageError } from '../kernel/index.js';
import type { FileReport } from '../report/model.js';
import { isZipArchive } from '../verify/index.js';
import { openInput } from './input-file.js';
import { assertOutputFree, writeAtomically } from './output-file.js';

export interface RevisionRequest {
  /** 1-based signature number. */
  readonly n: number;
  readonly out: string;
}

const usage = (vi: string, en: string) => usageError('verify', vi, en);

/**
 * Commander hands the option's values as a list; exactly `N OUT` is accepted. Checked before
 * anything else, so that `--extract-revision 1 out.pdf in.pdf` (the option took the file too)
 * says so rather than that a file is missing.
 */
export function parseRevisionRequest(
  values: readonly string[] | undefined,
): RevisionRequest | null {
  if (values === undefined) return null;
  const [nText, out] = values;
  if (values.length !== 2 || nText === undefined || out === undefined || out === '') {
    throw usage(
      `--extract-revision cần đúng hai giá trị N và OUT (nhận được ${values.length}); đặt tệp cần kiểm tra trước --extract-revision`,
      `--extract-revision takes exactly two values, N and OUT (got ${values.length}); put the file to verify before --extract-revision`,
    );
  }
  if (!/^[1-9][0-9]{0,5}$/.test(nText)) {
    throw usage(
      `--extract-revision: N là số thứ tự chữ ký, từ 1, không phải "${nText}"`,
      `--extract-revision: N is a signature number counted from 1, not "${nText}"`,
    );
  }
  return { n: Number(nText), out };
}

/** One input that is not an archive, and OUT free (OUTPUT_EXISTS without --force), before any work. */
export function checkRevisionRequest(
  req: RevisionRequest,
  inputs: readonly { readonly path: string }[],
  force: boolean,
): void {
  if (inputs.length !== 1 || isZipArchive(inputs[0]!.path)) {
    throw usage(
      '--extract-revision chỉ dùng khi kiểm tra một tệp PDF',
      '--extract-revision applies to a single PDF file',
    );
  }
  assertOutputFree(req.out, force);
}

const unavailable = (file: FileReport, n: number, en: string, vi: string) =>
  new HosoError('SIGNED_REVISION_UNAVAILABLE', {
    params: { path: file.path, n, detail: en, 'detail.en': en, 'detail.vi': vi },
  });

/** The length of the revision signature `n` of `file` signed; throws when it cannot be told. */
export function signedRevisionLength(file: FileReport, n: number): number {
  if (file.format !== 'pdf' || file.error) {
    throw unavailable(
      file,
      n,
      file.error ? `the file could not be read (${file.error.code})` : 'not a PDF',
      file.error ? `không đọc được tệp (${file.error.code})` : 'không phải tệp PDF',
    );
  }
  const sig = file.signatures[n - 1];
  if (!sig) {
    const count = file.signatures.length;
    throw unavailable(
      file,
      n,
      `the file has ${count} signature${count === 1 ? '' : 's'}`,
      `tệp có ${count} chữ ký`,
    );
  }
  const check = sig.checks.find((c) => c.id === 'pdf.byterange');
  const br = sig.byteRange;
  if (check?.status !== 'PASSED' || !br || br.length !== 4) {
    throw unavailable(
      file,
      n,
      'its ByteRange did not pass the pdf.byterange check, so the bytes it signed are not one revision',
      'ByteRange của chữ ký không đạt kiểm tra pdf.byterange, nên phần đã ký không phải một phiên bản của tệp',
    );
  }
  return br[2]! + br[3]!;
}

/**
 * Copies the signed revision to `out` (streaming; the source is read once more and must still be
 * the file that was verified: its SHA-256 is compared with the report's).
 */
export async function extractSignedRevision(
  file: FileReport,
  req: RevisionRequest,
  force: boolean,
): Promise<number> {
  const length = signedRevisionLength(file, req.n);
  const src = openInput(file.path);
  try {
    await writeAtomically(req.out, force, (tmp) => {
      const fd = openSync(tmp, 'wx');
      try {
        const hash = createHash('sha256');
        let pos = 0;
        forEachChunk(src, 0, src.size, (chunk) => {
          hash.update(chunk);
          const keep = Math.max(0, Math.min(chunk.length, length - pos));
          for (let done = 0; done < keep;) done += writeSync(fd, chunk, done, keep - done);
          pos += chunk.length;
        });
        if (hash.digest('hex') !== file.sha256) {
          throw unavailable(
            file,
            req.n,
            'the file changed while it was being verified',
            'tệp đã thay đổi trong khi đang kiểm tra',
          );
        }
      } finally {
        closeSync(fd);
      }
    });
  } finally {
    src.close();
  }
  return length;
}
