/**
 * `hoso print --manifest FILE`: one line per input, in input order — input, output, lookup code
 * and URL, pages, verdict of the electronic original, and the error if there was one. `.csv`
 * (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read Vietnamese names
 * right) or `.json` (the same document as `--json`), chosen by the file's extension.
 */
import { extname } from 'node:path';
import { usageError } from '../kernel/index.js';
import type { PrintResult } from './print-one.js';

export type ManifestFormat = 'csv' | 'json';

export function manifestFormat(path: string): ManifestFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.json') return 'json';
  throw usageError(
    'print',
    `--manifest: tên tệp phải kết thúc bằng .csv hoặc .json, không phải "${path}"`,
    `--manifest: the file name must end in .csv or .json, not "${path}"`,
  );
}

/** The `--json` document; the JSON manifest is the same. */
export function resultsDocument(results: readonly PrintResult[]): {
  results: readonly PrintResult[];
} {
  return { results };
}

const COLUMNS = [
  'input',
  'output',
  'lookupCode',
  'lookupUrl',
  'pages',
  'verification',
  'skipped',
  'errorCode',
  'errorMessage',
] as const;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function renderManifest(results: readonly PrintResult[], format: ManifestFormat): string {
  if (format === 'json') return JSON.stringify(resultsDocument(results), null, 2) + '\n';
  const lines = results.map((r) =>
    [
      r.input,
      r.output,
      r.lookupCode ?? '',
      r.lookupUrl ?? '',
      r.pages === null ? '' : String(r.pages),
      r.verification ?? '',
      r.skipped ? 'true' : 'false',
      r.error?.code ?? '',
      r.error?.message ?? '',
    ]
      .map(csvField)
      .join(','),
  );
  return '\uFEFF' + [COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}
