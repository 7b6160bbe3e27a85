/**
 * `hoso trust show CERT [--trust PATH]... [--certs PATH]... [--crl PATH]... [--at ISO]` (CLI.md):
 * the certification path hoso builds for CERT and why it is or is not trusted, so an officer can
 * see what is missing. The first certificate in CERT is the one shown; any others in the same file
 * (a .p7b chain, a PEM bundle) help build the path but are never trusted by themselves.
 * Exit 0 when trusted (every check passed or skipped), 2 when not, 3 for bad input.
 */
import { createHash } from 'node:crypto';
import { conclude } from '../../report/conclusion.js';
import type { Check } from '../../report/model.js';
import {
  HosoError,
  describeCause,
  t,
  usageError,
  type Lang,
  type UiKey,
} from '../../kernel/index.js';
import {
  TrustStore,
  algorithmPolicy,
  buildChain,
  certificateInfo,
  readTrustMaterial,
  type AlgorithmPolicyMode,
  type CertificateInfo,
  type ChainPurpose,
  type ChainResult,
} from '../../trust/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { readInput } from '../input-file.js';
import { loadTrustPaths, type LoadedTrustPaths } from '../trust-paths.js';
import { isoInstant } from '../option-values.js';

interface TrustShowOptions {
  trust?: string[];
  certs?: string[];
  crl?: string[];
  at?: string;
  policy: AlgorithmPolicyMode;
}

const MAX_CERT_FILE = 10 * 1024 * 1024;
const TIME_STAMPING = '1.3.6.1.5.5.7.3.8';

const usage = (vi: string, en: string) => usageError('trust', vi, en);

function validationTime(at: string | undefined, cli: CliEnv): Date {
  return at === undefined ? cli.ctx.clock.now() : isoInstant('trust', at);
}

/** What the certificate is for: a CA is shown without a signing purpose, a TSA as a TSA. */
function purposeOf(info: CertificateInfo): ChainPurpose {
  if (info.isCA) return 'any';
  if (info.extKeyUsage.includes(TIME_STAMPING)) return 'timestamp';
  return 'signature';
}

/** Vietnam time (UTC+7, no daylight saving), as clerks read it: 25/11/2026 14:02. */
function vietnamTime(iso: string, withTime: boolean): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return withTime ? `${date} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : date;
}

function timeText(iso: string, lang: Lang): string {
  return `${vietnamTime(iso, true)} (${lang === 'vi' ? 'giờ Việt Nam' : 'Vietnam time'})`;
}

const INSTANT_PARAMS = new Set(['notBefore', 'notAfter', 'revokedAt', 'crlThisUpdate', 'at']);

/** The catalogue key explaining a check's outcome. */
function whyKey(check: Check): UiKey {
  const reason = String(check.params?.['reason'] ?? '');
  switch (check.id) {
    case 'trust.chain':
      return `trust.why.chain.${reason || 'anchored'}` as UiKey;
    case 'trust.validity':
      return `trust.why.validity.${reason || 'ok'}` as UiKey;
    case 'trust.keyusage':
      if (check.status === 'PASSED' || check.status === 'SKIPPED')
        return `trust.why.keyusage.${String(check.params?.['purpose'] ?? 'any')}` as UiKey;
      return `trust.why.keyusage.${reason}` as UiKey;
    case 'trust.revocation':
      if (check.status === 'PASSED') return 'trust.why.revocation.ok';
      return `trust.why.revocation.${reason || 'no-data'}` as UiKey;
    default:
      if (check.status === 'FAILED') return 'trust.why.algorithms.failed';
      return check.params?.['warning'] !== undefined
        ? 'trust.why.algorithms.lenient'
        : 'trust.why.algorithms.ok';
  }
}

function explain(check: Check, lang: Lang): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(check.params ?? {}))
    params[k] = INSTANT_PARAMS.has(k) && typeof v === 'string' ? timeText(v, lang) : v;
  return t(whyKey(check), lang, params);
}

function hintFor(checks: readonly Check[], lang: Lang): string | null {
  const chain = checks.find((c) => c.id === 'trust.chain');
  const reason = chain?.params?.['reason'];
  if (chain && chain.status !== 'PASSED') {
    if (reason === 'untrusted-root') return t('trust.hint.trust-root', lang);
    if (reason === 'bad-signature' || chain.status === 'FAILED')
      return t('trust.hint.forged', lang);
    return t('trust.hint.add-anchor', lang);
  }
  const revocation = checks.find((c) => c.id === 'trust.revocation');
  if (revocation?.status === 'SKIPPED' && revocation.params?.['reason'] === 'no-data')
    return t('trust.hint.crl', lang);
  return null;
}

const MARK: Record<Check['status'], string> = {
  PASSED: '✔',
  FAILED: '✘',
  INDETERMINATE: '?',
  SKIPPED: '–',
};

function loadCertificate(path: string): { leaf: Uint8Array; others: Uint8Array[] } {
  const material = readTrustMaterial(readInput(path, MAX_CERT_FILE), path);
  const [leaf, ...others] = material.certificates;
  if (leaf === undefined)
    throw new HosoError('CERT_MALFORMED', {
      params: { path, detail: 'no certificate found (the file holds only CRLs)' },
    });
  // Parse now, so that a broken certificate is reported against this file.
  try {
    certificateInfo(leaf);
  } catch (e) {
    throw new HosoError('CERT_MALFORMED', {
      params: { path, detail: describeCause(e) },
      cause: e,
    });
  }
  return { leaf, others };
}

interface Shown {
  readonly result: ChainResult;
  readonly checks: readonly Check[];
  readonly sources: ReadonlyMap<string, string>;
}

function render(
  cli: CliEnv,
  shown: Shown,
  at: Date,
  store: TrustStore,
  loaded: LoadedTrustPaths,
): void {
  const { lang } = cli;
  const { result, checks } = shown;
  const leaf = result.path[0]!;
  const lines: string[] = [];
  lines.push(
    t('trust.show.certificate', lang, { name: leaf.subject.commonName ?? leaf.subject.text }),
  );
  lines.push(t('trust.show.at', lang, { time: timeText(at.toISOString(), lang) }));
  lines.push('');
  lines.push(t('trust.show.path', lang));
  result.path.forEach((cert, i) => {
    const isAnchor = result.anchored && i === result.path.length - 1;
    const role = isAnchor ? ` — ${t('trust.show.role.anchor', lang)}` : '';
    lines.push(`  ${i + 1}. ${cert.subject.commonName ?? cert.subject.text}${role}`);
    lines.push(`     ${t('trust.show.subject', lang, { text: cert.subject.text })}`);
    lines.push(`     ${t('trust.show.issuer', lang, { text: cert.issuer.text })}`);
    lines.push(
      `     ${t('trust.show.validity', lang, {
        from: vietnamTime(cert.notBefore.toISOString(), false),
        to: vietnamTime(cert.notAfter.toISOString(), false),
      })}`,
    );
    lines.push(`     ${t('trust.show.sha256', lang, { hex: cert.sha256 })}`);
    const source = shown.sources.get(cert.sha256);
    if (source) lines.push(`     ${t('trust.show.source', lang, { source })}`);
  });
  if (!result.anchored) lines.push(t('trust.show.no-path', lang));
  lines.push('');
  const verdict = conclude(checks);
  const decisive =
    checks.find((c) => c.status === 'FAILED') ??
    checks.find((c) => c.status === 'INDETERMINATE') ??
    checks[0]!;
  const key =
    verdict.indication === 'TOTAL_PASSED'
      ? 'trust.show.trusted'
      : verdict.indication === 'TOTAL_FAILED'
        ? 'trust.show.failed'
        : 'trust.show.untrusted';
  lines.push(t(key, lang, { reason: explain(decisive, lang) }));
  const hint = hintFor(checks, lang);
  if (hint) lines.push(`  → ${hint}`);
  lines.push('');
  lines.push(t('trust.show.checks', lang));
  const labels = checks.map((c) => t(`trust.label.${c.id}` as UiKey, lang));
  const width = Math.max(...labels.map((l) => l.length));
  checks.forEach((c, i) =>
    lines.push(`  ${MARK[c.status]} ${labels[i]!.padEnd(width)}  ${explain(c, lang)}`),
  );
  lines.push('');
  let storeLine = t('trust.show.store', lang, {
    anchors: store.anchors.length,
    intermediates: store.intermediates.length,
    crls: store.crls.length,
  });
  if (loaded.skipped > 0) storeLine += ' ' + t('trust.show.skipped', lang, { n: loaded.skipped });
  lines.push(storeLine);
  cli.out(lines.join('\n') + '\n');
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  raw: Record<string, unknown>,
  command: string,
): Promise<number> {
  if (command !== 'show')
    throw usage('dùng: hoso trust show <chứng thư>', 'usage: hoso trust show <certificate>');
  const opts = raw as unknown as TrustShowOptions;
  const input = String(args[0]);
  const at = validationTime(opts.at, cli);
  const { leaf, others } = loadCertificate(input);

  const anchorsLoaded = loadTrustPaths([...(cli.config.trust ?? []), ...(opts.trust ?? [])], {
    command: 'trust',
  });
  const certsLoaded = loadTrustPaths(opts.certs ?? [], { command: 'trust' });
  const crlsLoaded = loadTrustPaths(opts.crl ?? [], { want: 'crls', command: 'trust' });
  const store = TrustStore.fromBytes({
    anchors: anchorsLoaded.certificates,
    intermediates: certsLoaded.certificates,
    crls: [...anchorsLoaded.crls, ...certsLoaded.crls, ...crlsLoaded.crls],
  });
  const loaded: LoadedTrustPaths = {
    certificates: [],
    crls: [],
    files: anchorsLoaded.files + certsLoaded.files + crlsLoaded.files,
    skipped: anchorsLoaded.skipped + certsLoaded.skipped + crlsLoaded.skipped,
  };

  const purpose = purposeOf(certificateInfo(leaf));
  const result = buildChain(leaf, { embedded: others, store, at, purpose });
  const checks = [...result.checks, algorithmPolicy({ chain: result, at, policy: opts.policy })];
  const sources = new Map<string, string>();
  for (const cert of result.path) {
    const source = store.sourceOf(cert.sha256);
    if (source !== null) sources.set(cert.sha256, source);
  }
  const leafInfo = result.path[0]!;
  for (const der of [leaf, ...others]) {
    const sha256 = createHash('sha256').update(der).digest('hex');
    if (!sources.has(sha256)) sources.set(sha256, input);
  }
  const verdict = conclude(checks);

  if (cli.json) {
    printJson(cli, {
      certificate: {
        file: input,
        subject: leafInfo.subject.text,
        issuer: leafInfo.issuer.text,
        serialNumber: leafInfo.serialNumber,
        notBefore: leafInfo.notBefore.toISOString(),
        notAfter: leafInfo.notAfter.toISOString(),
        sha256: leafInfo.sha256,
      },
      validationTime: at.toISOString(),
      purpose,
      trusted: verdict.indication === 'TOTAL_PASSED',
      indication: verdict.indication,
      subIndication: verdict.subIndication,
      anchored: result.anchored,
      anchor: result.anchor
        ? {
            subject: result.anchor.subject.text,
            sha256: result.anchor.sha256,
            source: sources.get(result.anchor.sha256) ?? null,
          }
        : null,
      chain: result.chain.map((element) => ({
        ...element,
        source: sources.get(element.sha256) ?? null,
      })),
      checks,
      revocation: result.revocation,
      trustStore: {
        anchors: store.anchors.length,
        intermediates: store.intermediates.length,
        crls: store.crls.length,
        files: loaded.files,
        skippedFiles: loaded.skipped,
      },
    });
  } else {
    render(cli, { result, checks, sources }, at, store, loaded);
  }
  return verdict.indication === 'TOTAL_PASSED' ? 0 : 2;
}
