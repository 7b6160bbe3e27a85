/**
 * `hoso lookup CODE_OR_URL` (CLI.md): the registry record behind a lookup code or a scanned QR
 * URL. A mistyped code is caught by its check symbol before any query and the message says which
 * part is wrong (exit 3); a well-formed code nobody issued is "not found" (exit 3).
 */
import { HosoError } from '../../kernel/index.js';
import { assertLookupCodeFromInput, formatLookupCode, lookupUrl } from '../../lookup/codes.js';
import { lookupRecordJson } from '../../lookup/lookup-json.js';
import { renderLookupRecordText } from '../../lookup/record-text.js';
import type { LookupRecord } from '../../registry/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { lookupBaseUrl, withRegistry } from '../registry-access.js';

/** The JSON of `hoso lookup --json`, the same document as `GET /api/v1/lookup/:code`. */
function lookupJson(record: LookupRecord, baseUrl: string): Record<string, unknown> {
  return { ...lookupRecordJson(record), lookupUrl: lookupUrl(baseUrl, record.lookupCode) };
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  opts: Record<string, unknown>,
): Promise<number> {
  const code = assertLookupCodeFromInput(String(args[0] ?? ''));
  const registryFlag = opts['registry'] as string | undefined;
  const record = await withRegistry(cli, registryFlag, 'read', (r) => r.findByLookupCode(code));
  if (record === null)
    throw new HosoError('LOOKUP_NOT_FOUND', { params: { code: formatLookupCode(code) } });
  if (cli.json) printJson(cli, lookupJson(record, lookupBaseUrl(cli)));
  else cli.out(renderLookupRecordText(record, cli.lang));
  return 0;
}
