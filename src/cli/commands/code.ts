/**
 * `hoso code new --agency CODE [--date YYYY-MM-DD] [--count N]` and `hoso code check CODE`
 * (CLI.md; Circular 01/2018/TT-VPCP Art. 19). `new` allocates the next dossier code(s) in the
 * registry — one transaction each, so concurrent clerks and scripts never get the same number
 * nor leave a gap — and prints each alone on a line. `check` says whether a text is a valid
 * dossier, result, agency or lookup code, and if not, which part is wrong (exit 3).
 */
import { isHosoError, renderErrorMessage, usageError } from '../../kernel/index.js';
import { assertAgencyCode, checkCode, dossierDay, formatDossierCode } from '../../lookup/codes.js';
import { codeInvalidError } from '../../lookup/agency-code.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { withRegistry } from '../registry-access.js';

const usage = (vi: string, en: string) => usageError('code', vi, en);

/** The day of receipt: `--date YYYY-MM-DD` as given, else today in Vietnam time. */
function receiptDay(cli: CliEnv, date: string | undefined): string {
  if (date === undefined) return dossierDay(cli.ctx.clock.now());
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (
    !m ||
    !d ||
    d.getUTCFullYear() !== Number(m[1]) ||
    d.getUTCMonth() !== Number(m[2]) - 1 ||
    d.getUTCDate() !== Number(m[3])
  )
    throw usage(
      `--date cần một ngày có thật dạng YYYY-MM-DD (ví dụ 2026-11-25), không phải "${date}"`,
      `--date wants a real date as YYYY-MM-DD (e.g. 2026-11-25), not "${date}"`,
    );
  return `${m[1]!.slice(2)}${m[2]}${m[3]}`;
}

function count(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 9999)
    throw usage(
      `--count cần một số nguyên từ 1 đến 9999, không phải "${raw}"`,
      `--count wants a whole number from 1 to 9999, not "${raw}"`,
    );
  return n;
}

async function allocate(cli: CliEnv, opts: Record<string, unknown>): Promise<number> {
  const agencyText = (opts['agency'] as string | undefined) ?? cli.config.agency?.code;
  if (agencyText === undefined)
    throw usage(
      'cần mã đơn vị tiếp nhận: --agency MÃ (hoặc "agency.code" trong tệp cấu hình)',
      'the receiving unit is needed: --agency CODE (or "agency.code" in the configuration)',
    );
  const agency = assertAgencyCode(agencyText);
  const day = receiptDay(cli, opts['date'] as string | undefined);
  const n = count(opts['count'] as string | undefined);
  const codes: string[] = [];
  try {
    await withRegistry(cli, opts['registry'] as string | undefined, 'write', async (registry) => {
      for (let i = 0; i < n; i++) {
        const { code } = await registry.allocateDossierNumber(agency, day, (seq) =>
          formatDossierCode(agency, day, seq),
        );
        codes.push(code);
        // Printed as soon as it is recorded: a script reading line by line gets each at once,
        // and an interruption leaves no allocated code unprinted but the one in flight.
        if (!cli.json) cli.out(code + '\n');
      }
    });
  } catch (e) {
    // Codes already recorded must reach a --json caller too: one document with both.
    if (!cli.json || codes.length === 0 || !isHosoError(e)) throw e;
    const text = renderErrorMessage(e.code, e.params, cli.lang);
    cli.err(`hoso: ${text.message}${text.hint ? ` → ${text.hint}` : ''}\n`);
    printJson(cli, {
      codes,
      error: { code: e.code, message: text.message, hint: text.hint ?? null },
    });
    return e.exitCode;
  }
  if (cli.json) printJson(cli, n === 1 ? { code: codes[0] } : { codes });
  return 0;
}

/** The parts of a valid code in words: "đơn vị 000.00.12.H29 (QCVN 102:2016), ngày 27/05/2020, số 0001". */
function describeParts(parts: Readonly<Record<string, string>>, lang: 'vi' | 'en'): string {
  const vi = lang === 'vi';
  const out: string[] = [];
  const form =
    parts['agencyForm'] === 'qcvn102'
      ? 'QCVN 102:2016'
      : vi
        ? 'mã định danh điện tử, QĐ 20/2020'
        : 'e-ID, Decision 20/2020';
  if (parts['agency'])
    out.push(
      `${vi ? 'đơn vị' : 'agency'} ${parts['agency']} (${form}, ${vi ? 'cấp 1' : 'level 1'} ${parts['level1']})`,
    );
  const date = parts['date'];
  if (date && /^\d{6}$/.test(date))
    out.push(
      `${vi ? 'ngày tiếp nhận' : 'received'} ${date.slice(4, 6)}/${date.slice(2, 4)}/20${date.slice(0, 2)}`,
    );
  if (parts['sequence']) out.push(`${vi ? 'số thứ tự' : 'number'} ${parts['sequence']}`);
  if (parts['result']) out.push(`${vi ? 'kết quả' : 'result'} ${parts['result']}`);
  if (parts['display']) out.push(`${vi ? 'dạng in' : 'printed as'} ${parts['display']}`);
  return out.join(', ');
}

function check(cli: CliEnv, text: string): number {
  const result = checkCode(text);
  if (result.ok) {
    if (cli.json)
      printJson(cli, { valid: true, kind: result.kind, code: result.code, parts: result.parts });
    else {
      const kind = {
        dossier: { vi: 'mã hồ sơ', en: 'dossier code' },
        result: { vi: 'mã kết quả', en: 'result code' },
        agency: { vi: 'mã đơn vị', en: 'agency code' },
        lookup: { vi: 'mã tra cứu', en: 'lookup code' },
      }[result.kind][cli.lang];
      const parts = describeParts(result.parts, cli.lang);
      cli.out(
        cli.lang === 'vi'
          ? `✔ ${result.code}: ${kind} hợp lệ${parts ? ` — ${parts}` : ''}\n`
          : `✔ ${result.code}: a valid ${kind}${parts ? ` — ${parts}` : ''}\n`,
      );
    }
    return 0;
  }
  const what = {
    dossier: { vi: 'mã hồ sơ', en: 'dossier code' },
    result: { vi: 'mã kết quả', en: 'result code' },
    agency: { vi: 'mã đơn vị', en: 'agency code' },
    lookup: { vi: 'mã tra cứu', en: 'lookup code' },
    unknown: {
      vi: 'mã hồ sơ, mã kết quả, mã đơn vị hay mã tra cứu',
      en: 'dossier, result, agency or lookup code',
    },
  }[result.kind];
  if (cli.json) {
    const error = codeInvalidError(text, what, result.detail, result.expected);
    const line = renderErrorMessage(error.code, error.params, cli.lang);
    cli.err(`hoso: ${line.message}${line.hint ? ` → ${line.hint}` : ''}\n`);
    printJson(cli, {
      valid: false,
      kind: result.kind,
      part: result.part,
      message: result.detail[cli.lang],
      expected: result.expected[cli.lang],
    });
    return error.exitCode;
  }
  throw codeInvalidError(text, what, result.detail, result.expected);
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  opts: Record<string, unknown>,
  command: string,
): Promise<number> {
  if (command === 'new') return allocate(cli, opts);
  return check(cli, String(args[0] ?? ''));
}
