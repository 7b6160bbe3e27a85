/**
 * The CLI frame: commander wiring, the one top-level catch that maps errors to the exit codes
 * of CLI.md, and nothing else. Command implementations are imported only when their command
 * runs, so `hoso --version` starts without loading pkijs, pdf-lib or fonts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import {
  defaultContext,
  HosoError,
  isHosoError,
  renderErrorMessage,
  type Lang,
} from '../kernel/index.js';
import type { CliEnv } from './cli-env.js';
import { loadConfig, type HosoConfig } from './config.js';
import { packageRoot } from './package-root.js';
import { usageMessage } from './usage-errors.js';

export interface MainIo {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
  readonly errIsTty?: boolean;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** --lang, --json, --debug, --config read before parsing, so even parse errors speak the user's language. */
function preScan(argv: readonly string[]): {
  lang?: string;
  json: boolean;
  debug: boolean;
  config?: string;
} {
  const value = (name: string): string | undefined => {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') break;
      if (a === name) return argv[i + 1];
      if (a.startsWith(name + '=')) return a.slice(name.length + 1);
    }
    return undefined;
  };
  const lang = value('--lang');
  const config = value('--config');
  return {
    ...(lang !== undefined ? { lang } : {}),
    ...(config !== undefined ? { config } : {}),
    json: argv.includes('--json'),
    debug: argv.includes('--debug'),
  };
}

type Loader = () => Promise<{
  run: (
    cli: CliEnv,
    args: unknown[],
    opts: Record<string, unknown>,
    command: string,
  ) => Promise<number>;
}>;

export async function main(argv: readonly string[], io: MainIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const out = io.out ?? ((s: string) => void process.stdout.write(s));
  const err = io.err ?? ((s: string) => void process.stderr.write(s));
  const pre = preScan(argv);
  let lang: Lang = pre.lang === 'en' ? 'en' : 'vi';
  let exitCode = 0;

  const fail = (e: unknown): number => {
    if (isHosoError(e)) {
      const text = renderErrorMessage(e.code, e.params, lang, e.offset);
      err(`hoso: ${text.message}${text.hint ? ` → ${text.hint}` : ''}\n`);
      if (pre.debug && e.cause instanceof Error && e.cause.stack) err(e.cause.stack + '\n');
      if (pre.json)
        out(
          JSON.stringify({
            error: { code: e.code, message: text.message, hint: text.hint ?? null },
          }) + '\n',
        );
      return e.exitCode;
    }
    const internal = new HosoError('INTERNAL', {
      params: { detail: e instanceof Error ? e.message : String(e) },
      cause: e,
    });
    const text = renderErrorMessage('INTERNAL', internal.params, lang);
    err(`hoso: ${text.message} → ${text.hint ?? ''}\n`);
    if (pre.debug && e instanceof Error && e.stack) err(e.stack + '\n');
    if (pre.json)
      out(
        JSON.stringify({
          error: { code: 'INTERNAL', message: text.message, hint: text.hint ?? null },
        }) + '\n',
      );
    return 70;
  };

  if (pre.lang !== undefined && pre.lang !== 'vi' && pre.lang !== 'en') {
    return fail(
      new HosoError('USAGE', {
        params: { detail: `--lang must be vi or en, not "${pre.lang}"`, command: '' },
      }),
    );
  }

  let config: HosoConfig;
  try {
    config = loadConfig(pre.config, env, cwd);
  } catch (e) {
    return fail(e);
  }
  if (pre.lang === undefined && config.lang) lang = config.lang;

  const cli: CliEnv = {
    lang,
    json: pre.json,
    debug: pre.debug,
    config,
    env,
    cwd,
    ctx: defaultContext(),
    out,
    err,
    errIsTty: io.errIsTty ?? Boolean(process.stderr.isTTY),
  };

  const act =
    (load: Loader) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const opts = command.opts();
      const positional = args.slice(0, -2);
      exitCode = await (await load()).run(cli, positional, opts, command.name());
    };

  const program = new Command('hoso')
    .description(
      lang === 'vi'
        ? 'Công cụ hồ sơ điện tử: ký, kiểm tra, chứng thực bản sao, chuyển đổi ra giấy'
        : 'Electronic dossier toolkit: sign, verify, certify copies, convert to paper',
    )
    .version(packageVersion(), '-V, --version')
    .option('--json', 'one JSON document on stdout')
    .option('--lang <lang>', 'vi | en')
    .option('--debug', 'stack traces on errors')
    .option('--config <file>', 'configuration file')
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: () => {}, outputError: () => {} });

  const collect = (v: string, prev: string[] = []) => [...prev, v];

  program
    .command('sign')
    .description('sign a PDF (PAdES) or any file (CMS .p7s / .p7m)')
    .argument('<file>', 'file to sign')
    .option('-o, --output <file>', 'signed output')
    .option('--p12 <file>', 'PKCS#12 key file (.p12/.pfx)')
    .option(
      '--pass-env <name>',
      'environment variable holding the PKCS#12 password',
      'HOSO_P12_PASSWORD',
    )
    .option('--pass-stdin', 'read the PKCS#12 password from standard input')
    .option('--certs <file>', 'extra certificates to embed (repeatable)', collect)
    .option('--reason <text>', 'reason for signing')
    .option('--location <text>', 'place of signing')
    .option('--contact <text>', 'contact information of the signer')
    .option('--field <name>', 'signature field name')
    .option('--visible <page,x,y,w,h>', 'visible signature box in points')
    .addOption(
      new Option('--level <level>', 'PAdES/CAdES level')
        .choices(['B-B', 'B-T', 'B-LT', 'B-LTA'])
        .default('B-B'),
    )
    .option('--tsa <url>', 'RFC 3161 timestamp server (B-T and above)')
    .addOption(
      new Option(
        '--certify <level>',
        'certification signature (DocMDP): 1 no changes, 2 form filling and signing, 3 also annotations',
      ).choices(['1', '2', '3']),
    )
    .addOption(
      new Option('--digest <alg>', 'digest algorithm')
        .choices(['sha256', 'sha384', 'sha512'])
        .default('sha256'),
    )
    .option('--pss', 'RSASSA-PSS instead of PKCS#1 v1.5 for RSA keys')
    .option('--detached', 'write a detached CMS signature (.p7s) for any file')
    .option('--enveloping', 'write an enveloping CMS signature (.p7m) for any file')
    .option('--extend', 'raise an already signed PDF to B-LT/B-LTA')
    .option('--crl <file>', 'CRL to embed for B-LT/B-LTA, DER or PEM (repeatable)', collect)
    .option(
      '--ocsp <file>',
      'OCSP response to embed for B-LT/B-LTA, DER or PEM (repeatable)',
      collect,
    )
    .option('--online', 'fetch revocation data for B-LT/B-LTA (AIA OCSP, CRL distribution points)')
    .option('--pkcs11-module <so>', 'PKCS#11 module')
    .option('--token <label>', 'PKCS#11 token label')
    .option('--key-label <label>', 'PKCS#11 key label')
    .option('--pin-env <name>', 'environment variable holding the token PIN')
    .option('--signer-command <cmd>', 'external signing command')
    .option(
      '--allow-expired',
      'sign even with a certificate outside its validity period (testing only)',
    )
    .option('--force', 'replace an existing output file')
    .action(act(() => import('./commands/sign.js')));

  program
    .command('verify')
    .description('verify every signature in PDFs, .p7s and .p7m files (folders are walked)')
    // Optional for commander, required by the command: a variadic option before the paths
    // (--extract-revision) would otherwise be reported as a missing path.
    .argument('[path...]', 'files or folders (ZIP archives are opened)')
    .option(
      '--trust <path>',
      'trust anchors: PEM, DER, .p7b files or folders (repeatable)',
      collect,
    )
    .option('--crl <path>', 'CRL files (repeatable)', collect)
    .option('--certs <path>', 'extra intermediate certificates (repeatable)', collect)
    .option('--at <iso8601>', 'validation time (default: now)')
    .option('--content <file>', 'the content a detached .p7s signs')
    .addOption(
      new Option('--policy <policy>', 'algorithm policy')
        .choices(['strict', 'lenient'])
        .default('strict'),
    )
    .addOption(
      new Option('--revocation <mode>', 'revocation checking')
        .choices(['hard', 'soft', 'off'])
        .default('soft'),
    )
    .option('--online', 'allow AIA/CRL/OCSP fetching')
    .option('--report-pdf <file>', 'write a printable verification report (PDF)')
    .option('--extract <dir>', 'write the content of .p7m files to DIR')
    // Commander has no two-value options: a variadic one, checked for exactly N and OUT.
    .option(
      '--extract-revision <N OUT...>',
      'write the bytes signature N signed (the file as it was then) to OUT',
    )
    .option('--force', 'replace existing output files')
    .option('--jobs <n>', 'threads verifying a batch in parallel (default: one per CPU)')
    .action(act(() => import('./commands/verify.js')));

  program
    .command('demo')
    .description('run the whole flow on bundled samples, offline')
    .argument('[dir]', 'folder for the outputs (default: a new temporary folder)')
    .action(act(() => import('./commands/demo.js')));

  const later = (name: string, description: string, configure?: (c: Command) => Command) => {
    const c = program
      .command(name)
      .description(description)
      .allowUnknownOption()
      .allowExcessArguments();
    (configure ? configure(c) : c).action(act(() => import('./commands/not-yet.js')));
  };
  const trust = program
    .command('trust')
    .description('certification paths and trust anchors')
    .action(() => {
      const en = 'a subcommand is needed: hoso trust show <certificate>';
      const vi = 'cần một lệnh con: hoso trust show <chứng thư>';
      throw new HosoError('USAGE', {
        params: { detail: en, 'detail.vi': vi, 'detail.en': en, command: 'trust' },
      });
    });
  trust
    .command('show')
    .description('show the certification path of a certificate and why it is or is not trusted')
    .argument('<cert>', 'certificate file (PEM, DER or .p7b; the first certificate is shown)')
    .option('--trust <path>', 'trust anchors: file or folder (repeatable)', collect)
    .option('--certs <path>', 'extra intermediate certificates (repeatable)', collect)
    .option('--crl <path>', 'CRL file or folder (repeatable)', collect)
    .option('--at <iso>', 'validation time, ISO 8601 (default: now)')
    .addOption(
      new Option('--policy <policy>', 'algorithm policy')
        .choices(['strict', 'lenient'])
        .default('strict'),
    )
    .action(act(() => import('./commands/trust.js')));
  const needsSubcommand = (name: string, vi: string, en: string) => () => {
    throw new HosoError('USAGE', {
      params: { detail: en, 'detail.vi': vi, 'detail.en': en, command: name },
    });
  };
  const registryOption = (c: Command) =>
    c.option('--registry <location>', 'registry: sqlite:PATH or postgres://… (default: config)');

  const copy = program
    .command('copy')
    .description('certified electronic copies and copies from the master register')
    .action(
      needsSubcommand(
        'copy',
        'cần một lệnh con: hoso copy certify|issue|list',
        'a subcommand is needed: hoso copy certify|issue|list',
      ),
    );
  const copyCommon = (c: Command) =>
    registryOption(
      c
        .option('-o, --output <file>', 'the copy (PDF)')
        .option('--agency-p12 <file>', "the agency's PKCS#12 key")
        .option(
          '--agency-pass-env <name>',
          "environment variable holding the agency key's password",
          'HOSO_AGENCY_P12_PASSWORD',
        )
        .option('--agency <name>', 'agency name (default: config agency.name)')
        .option('--place <name>', 'place named in the statement (default: config agency.place)')
        .option('--tsa <url>', 'RFC 3161 timestamp server (PAdES B-T)')
        .option('--template <file>', 'layout and wording template (JSON)')
        .option('--trust <path>', 'trust anchors for the check of the finished copy', collect)
        .option('--certs <path>', 'extra intermediate certificates (repeatable)', collect)
        .option('--crl <path>', 'CRL files (repeatable)', collect)
        .option('--force', 'replace an existing output file'),
    );
  copyCommon(
    copy
      .command('certify')
      .description('certified electronic copy from an original (chứng thực bản sao từ bản chính)')
      .argument('<original...>', 'the original: one PDF, or JPEG/PNG scans in page order')
      .option('--p12 <file>', "the certifying officer's PKCS#12 key")
      .option(
        '--pass-env <name>',
        "environment variable holding the officer key's password",
        'HOSO_P12_PASSWORD',
      )
      .option('--officer <name>', 'certifying officer (default: config officer.name)')
      .option('--officer-title <title>', "officer's title (default: config officer.title)")
      .option('--book <book>', 'register book number (default 01)')
      .option('--dossier <code>', 'dossier code'),
  ).action(act(() => import('./commands/copy.js')));
  copyCommon(
    copy
      .command('issue')
      .description('copy of a master-register record (cấp bản sao từ sổ gốc)')
      .argument('<record>', 'record number in the master register')
      .option('--officer-title <title>', 'title above the agency signature'),
  ).action(act(() => import('./commands/copy.js')));
  registryOption(
    copy
      .command('list')
      .description('the register of copies (sổ chứng thực)')
      .option('--book <book>', 'only this book')
      .option('--year <year>', 'only this year'),
  ).action(act(() => import('./commands/copy.js')));
  registryOption(
    program
      .command('print')
      .description('convert electronic results (signed PDFs) to paper-ready PDFs')
      .argument('<input...>', 'result files or folders')
      .option('-o, --output <path>', 'output file (one input) or folder (several)')
      .option('--dossier <code>', 'dossier or result code (default: from the registry)')
      .option('--title <text>', 'document name (default: from the registry, else the file name)')
      .option('--converter <name>', 'who converts (default: config officer.name)')
      .option('--converter-title <title>', "converter's title (default: config officer.title)")
      .option('--system <name>', 'information system name (default: config system.name)')
      .option('--owner <name>', "information system's owner (default: config system.owner)")
      .option('--seal', 'reserve the seal area on the conversion page')
      .option('--jobs <n>', 'worker threads (default: one per CPU)')
      .option('--resume', 'skip inputs whose output exists and is registered')
      .option('--manifest <file>', 'write a manifest of the batch (.csv or .json)')
      .option('--trust <path>', 'trust anchors for the verification shown (repeatable)', collect)
      .option('--certs <path>', 'extra intermediate certificates (repeatable)', collect)
      .option('--crl <path>', 'CRL files (repeatable)', collect)
      .option('--at <iso8601>', 'validation time (default: the time of conversion)')
      .option('--force', 'replace existing output files'),
  ).action(act(() => import('./commands/print.js')));
  const code = program
    .command('code')
    .description('dossier codes: allocate and check')
    .action(
      needsSubcommand(
        'code',
        'cần một lệnh con: hoso code new --agency MÃ, hoặc hoso code check MÃ',
        'a subcommand is needed: hoso code new --agency CODE, or hoso code check CODE',
      ),
    );
  registryOption(
    code
      .command('new')
      .description('allocate the next dossier code AGENCY-YYMMDD-NNNN')
      .option('--agency <code>', 'receiving unit code (QCVN 102:2016 or e-ID)')
      .option('--date <yyyy-mm-dd>', 'date of receipt (default: today, Vietnam time)')
      .option('--count <n>', 'allocate N codes, one per line'),
  ).action(act(() => import('./commands/code.js')));
  code
    .command('check')
    .description('validate a dossier, result, agency or lookup code')
    .argument('<code>', 'the code to check')
    .action(act(() => import('./commands/code.js')));

  registryOption(
    program
      .command('lookup')
      .description('show the registry record behind a lookup code or a scanned QR URL')
      .argument('<code-or-url>', 'lookup code or lookup URL'),
  ).action(act(() => import('./commands/lookup.js')));

  const register = program
    .command('register')
    .description('the master register (sổ gốc) and the registry audit chain')
    .action(
      needsSubcommand(
        'register',
        'cần một lệnh con: hoso register add|list|show|verify',
        'a subcommand is needed: hoso register add|list|show|verify',
      ),
    );
  registryOption(
    register
      .command('add')
      .description('enter a document in the master register')
      .argument('<file>', 'the document')
      .option('--dossier <code>', 'dossier code (or result code <dossier>-KQn)')
      .option('--title <text>', 'document title')
      .option('--procedure <code>', 'procedure code, e.g. 1.000494.000.00.00.H29')
      .option('--trust <path>', 'trust anchors for the verification at entry (repeatable)', collect)
      .option('--certs <path>', 'extra intermediate certificates (repeatable)', collect)
      .option('--crl <path>', 'CRL files (repeatable)', collect),
  ).action(act(() => import('./commands/register.js')));
  registryOption(
    register
      .command('list')
      .description('list the master register')
      .option('--dossier <code>', 'only this dossier')
      .option('--limit <n>', 'at most N records'),
  ).action(act(() => import('./commands/register.js')));
  registryOption(
    register
      .command('show')
      .description('show one record of the master register')
      .argument('<record>', 'record number'),
  ).action(act(() => import('./commands/register.js')));
  registryOption(
    register
      .command('verify')
      .description('check the tamper-evident audit chain of the registry (exit 1 if altered)'),
  ).action(act(() => import('./commands/register.js')));
  registryOption(
    program
      .command('serve')
      .description('HTTP lookup service: the page a QR code leads to, and the JSON API')
      .option('--host <host>', 'address to listen on', '127.0.0.1')
      .option('--port <port>', 'port (0: any free port, printed on stdout)', '8080')
      .option('--rate-limit <n>', 'requests a minute per client address, or off')
      .option('--trust-proxy', 'count clients by X-Forwarded-For (behind a reverse proxy)')
      .option('--access-log', 'one line per request on stderr (lookup codes masked)'),
  ).action(act(() => import('./commands/serve.js')));
  later('submit', 'queue batch work');
  later('worker', 'take batch work from a queue');
  later('batch', 'batch status');
  later('token', 'PKCS#11 tokens');

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return 0;
      const command = argv.find((a) => !a.startsWith('-')) ?? '';
      return fail(
        new HosoError('USAGE', {
          params: { detail: usageMessage(e.code, e.message, lang), command },
        }),
      );
    }
    return fail(e);
  }
}
