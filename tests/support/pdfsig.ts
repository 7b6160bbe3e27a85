/** Reading poppler pdfsig 22.12's text (it exits 0 whatever it finds; INTEROP.md). */
import { runTool } from './external-tools.js';

export interface PdfsigSignature {
  readonly ranges: string | null; // "[0 - 40793], [49975 - 58016]"
  readonly validation: string | null; // "Signature is Valid." …
  readonly certificate: string | null;
  readonly totalDocument: boolean | null;
}

export function pdfsig(
  file: string,
  nssdir: string,
): { raw: string; signatures: PdfsigSignature[] } {
  const raw = runTool('pdfsig', ['-nssdir', nssdir, file]).out;
  const signatures = raw
    .split(/^Signature #\d+:\s*$/m)
    .slice(1)
    .map((block) => ({
      ranges: /Signed Ranges: (.*)$/m.exec(block)?.[1]?.trim() ?? null,
      validation: /Signature Validation: (.*)$/m.exec(block)?.[1]?.trim() ?? null,
      certificate: /Certificate Validation: (.*)$/m.exec(block)?.[1]?.trim() ?? null,
      totalDocument: /Total document signed/.test(block)
        ? true
        : /Not total document signed/.test(block)
          ? false
          : null,
    }));
  return { raw, signatures };
}

/** pdfsig's way of printing a ByteRange: `[a - a+b], [c - c+d]`. */
export function pdfsigRanges(br: readonly number[]): string {
  const [a = 0, b = 0, c = 0, d = 0] = br;
  return `[${a} - ${a + b}], [${c} - ${c + d}]`;
}
