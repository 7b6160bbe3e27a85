/** `hoso sign FILE -o OUT` (CLI.md): PAdES for PDFs, CAdES .p7s/.p7m for any file. */
import { appendFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { schemeFor, type DigestAlgorithm, type SigningKey } from '../../cms/index.js';
import {
  describeCause,
  HosoError,
  usageError,
  isHosoError,
  t,
  type ByteSource,
} from '../../kernel/index.js';
import {
  extendPdf,
  makeTimestamper,
  signFileCms,
  signPdf,
  signPdfLongTerm,
  type DocMdpPermission,
  type LongTermLevel,
  type LongTermResult,
  type RevocationSources,
  type Timestamper,
  type VisibleSignature,
} from '../../sign/index.js';
import {
  certificatesFromFile,
  defaultRevocationCache,
  OnlineRevocation,
  parseOcspResponse,
  type CertificateInfo,
} from '../../trust/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { openInput, readInput } from '../input-file.js';
import { writeAtomically, assertOutputFree } from '../output-file.js';
import { loadP12Key } from '../p12-key.js';
import { httpTimeStampTransport } from '../tsa-client.js';
import { loadTrustPaths } from '../trust-paths.js';

interface SignOptions {
  output?: string;
  p12?: string;
  passEnv: string;
  passStdin?: boolean;
  certs?: string[];
  reason?: string;
  location?: string;
  contact?: string;
  field?: string;
  visible?: string;
  level: 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
  tsa?: string;
  certify?: '1' | '2' | '3';
  digest: DigestAlgorithm;
  pss?: boolean;
  detached?: boolean;
  enveloping?: boolean;
  extend?: boolean;
  crl?: string[];
  ocsp?: string[];
  online?: boolean;
  pkcs11Module?: string;
  signerCommand?: string;
  allowExpired?: boolean;
  force?: boolean;
}

const MAX_CERT_FILE = 10 * 1024 * 1024;
/** An OCSP response is a few kilobytes; this is far beyond any real one. */
const MAX_OCSP_FILE = 1024 * 1024;

const usage = (vi: string, en: string) => usageError('sign', vi, en);

function parseVisible(spec: string): VisibleSignature {
  const parts = spec.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 5 || parts.some((n) => !Number.isFinite(n))) {
    throw usage(
      `--visible cần dạng TRANG,X,Y,RỘNG,CAO tính bằng point (ví dụ 1,350,60,200,70), không phải "${spec}"`,
      `--visible wants PAGE,X,Y,W,H in points (e.g. 1,350,60,200,70), not "${spec}"`,
    );
  }
  const [page, x, y, w, h] = parts as [number, number, number, number, number];
  if (!Number.isInteger(page) || page < 1)
    throw usage('--visible: số trang bắt đầu từ 1', '--visible: the page number starts at 1');
  if (w <= 0 || h <= 0)
    throw usage(
      '--visible: chiều rộng và chiều cao phải lớn hơn 0',
      '--visible: width and height must be positive',
    );
  return { page, rect: [x, y, w, h] };
}

function isPdf(src: ByteSource): boolean {
  return Buffer.from(src.read(0, 1024)).includes('%PDF-');
}

function loadKey(opts: SignOptions, cli: CliEnv): SigningKey {
  if (opts.pkcs11Module || opts.signerCommand) {
    throw new HosoError('NOT_IMPLEMENTED', {
      params: { feature: opts.pkcs11Module ? '--pkcs11-module' : '--signer-command' },
    });
  }
  if (!opts.p12) throw usage('cần khóa để ký: --p12 TỆP', 'a key is needed: --p12 FILE');
  return loadP12Key(
    { p12: opts.p12, passEnv: opts.passEnv, passStdin: Boolean(opts.passStdin) },
    cli.env,
  );
}

/**
 * The PDF layer is handed bytes, not a file, so its errors say `<input>`; the user should read
 * the name they typed.
 */
function namingInput(e: unknown, path: string): unknown {
  if (!isHosoError(e) || e.params['path'] !== '<input>') return e;
  return new HosoError(e.code, {
    params: { ...e.params, path },
    cause: e.cause ?? e,
    ...(e.offset !== undefined ? { offset: e.offset } : {}),
  });
}

export async function run(
  cli: CliEnv,
  args: unknown[],
  raw: Record<string, unknown>,
): Promise<number> {
  const opts = raw as unknown as SignOptions;
  const input = String(args[0]);
  if (opts.detached && opts.enveloping)
    throw usage(
      'chỉ chọn một trong --detached và --enveloping',
      'choose one of --detached and --enveloping',
    );
  const level = opts.level;
  const longTerm = isLongTerm(level) ? level : null;
  if (!longTerm && (opts.crl !== undefined || opts.ocsp !== undefined || opts.online))
    throw usage(
      '--crl, --ocsp và --online chỉ dùng với --level B-LT hoặc B-LTA',
      '--crl, --ocsp and --online apply to --level B-LT and B-LTA only',
    );
  if (opts.extend) checkExtend(opts, longTerm);
  // B-T and B-LT signatures carry a signature timestamp; B-LTA a document timestamp too. Only
  // --extend to B-LT makes no timestamp.
  const needsTsa = level === 'B-T' || level === 'B-LTA' || (level === 'B-LT' && !opts.extend);
  if (needsTsa && !opts.tsa)
    throw usage(
      `--level ${level} cần máy chủ dấu thời gian: --tsa URL`,
      `--level ${level} needs a timestamp server: --tsa URL`,
    );
  if (opts.tsa && !/^https?:\/\//.test(opts.tsa))
    throw usage(
      `--tsa cần một địa chỉ http(s), không phải "${opts.tsa}"`,
      `--tsa wants an http(s) URL, not "${opts.tsa}"`,
    );
  const mode = opts.detached ? 'detached' : opts.enveloping ? 'enveloping' : 'pdf';
  if (longTerm && mode !== 'pdf') {
    throw new HosoError('NOT_IMPLEMENTED', {
      params: { feature: `--level ${longTerm} --${mode}` },
    });
  }
  // `--visible ""` is a malformed box, not "no box": compare with undefined, not truthiness.
  if (mode !== 'pdf' && (opts.visible !== undefined || opts.field !== undefined))
    throw usage(
      '--visible và --field chỉ dùng cho chữ ký PDF',
      '--visible and --field apply to PDF signatures only',
    );
  if (mode !== 'pdf' && opts.certify !== undefined)
    throw usage('--certify chỉ dùng cho chữ ký PDF', '--certify applies to PDF signatures only');
  const visible = opts.visible !== undefined ? parseVisible(opts.visible) : undefined;
  if (opts.field !== undefined && opts.field.trim() === '') {
    throw usage('--field cần một tên trường chữ ký', '--field needs a signature field name');
  }

  const output =
    opts.output ??
    (mode === 'detached'
      ? `${input}.p7s`
      : mode === 'enveloping'
        ? `${input}.p7m`
        : input.replace(/(\.pdf)?$/i, opts.extend ? `-${level.toLowerCase()}.pdf` : '-signed.pdf'));
  const force = Boolean(opts.force);

  const src = openInput(input);
  try {
    if (mode === 'pdf' && !isPdf(src))
      throw new HosoError('NOT_A_PDF', { params: { path: input } });
    assertOutputFree(output, force);
    const extraCertificates = (opts.certs ?? []).flatMap((p) =>
      certificatesFromFile(readInput(p, MAX_CERT_FILE), p),
    );
    const timestamper: Timestamper | undefined = opts.tsa
      ? makeTimestamper(opts.tsa, httpTimeStampTransport(opts.tsa), cli.ctx.random)
      : undefined;
    const longTermRequest = (level: NonNullable<typeof longTerm>) => ({
      level,
      revocation: revocationSources(opts, cli),
      ...(timestamper ? { timestamper } : {}),
      ...(extraCertificates.length ? { extraCertificates } : {}),
    });
    if (opts.extend && longTerm) {
      const result = await extendPdf(src, longTermRequest(longTerm), cli.ctx).catch(
        (e: unknown) => {
          throw namingInput(e, input);
        },
      );
      await writeAppended(output, force, input, result.update);
      if (cli.json) {
        printJson(cli, {
          output,
          sha256: result.sha256,
          format: 'pdf',
          ...longTermJson(result),
          signatures: result.signatures.map((s) => ({
            fieldName: s.fieldName,
            kind: s.kind,
            revocation: s.revocation,
          })),
        });
      } else {
        cli.out(t('sign.extended', cli.lang, { output }) + '\n');
        cli.out(t('sign.level', cli.lang, { level: result.level }) + '\n');
      }
      return 0;
    }
    const key = loadKey(opts, cli);
    const scheme = schemeFor(key.privateKey, Boolean(opts.pss));
    const common = {
      key,
      scheme,
      digest: opts.digest,
      ...(extraCertificates.length ? { extraCertificates } : {}),
      ...(timestamper ? { timestamper } : {}),
      ...(opts.allowExpired ? { allowExpired: true } : {}),
    };

    if (mode === 'pdf') {
      const request = {
        ...common,
        ...(opts.reason ? { reason: opts.reason } : {}),
        ...(opts.location ? { location: opts.location } : {}),
        ...(opts.contact ? { contactInfo: opts.contact } : {}),
        ...(opts.field ? { fieldName: opts.field } : {}),
        ...(visible ? { visible } : {}),
        ...(opts.certify !== undefined
          ? { certify: Number(opts.certify) as DocMdpPermission }
          : {}),
      };
      const result = await (
        longTerm
          ? signPdfLongTerm(src, request, longTermRequest(longTerm), cli.ctx)
          : signPdf(src, request, cli.ctx)
      ).catch((e: unknown) => {
        throw namingInput(e, input);
      });
      if (result.warnings.length) cli.err(t('warn.expired-allowed', cli.lang) + '\n');
      await writeAppended(output, force, input, result.update);
      if (cli.json) {
        printJson(cli, {
          output,
          sha256: result.sha256,
          format: 'pdf',
          level: result.level,
          fieldName: result.fieldName,
          byteRange: result.byteRange,
          signingTime: result.signingTime.toISOString(),
          signer: signerJson(result.signer),
          timestamp: result.timestamp ? { time: result.timestamp.genTime.toISOString() } : null,
          certification: result.certification,
          ...('longTerm' in result
            ? {
                ...longTermJson(result.longTerm),
                revocation: result.longTerm.signatures[0]?.revocation ?? null,
              }
            : {}),
        });
      } else {
        cli.out(t('sign.done', cli.lang, { output }) + '\n');
        cli.out(
          t('sign.signer', cli.lang, {
            name: result.signer.subject.commonName ?? result.signer.subject.text,
          }) + '\n',
        );
        cli.out(t('sign.level', cli.lang, { level: result.level }) + '\n');
      }
      return 0;
    }

    const result = await signFileCms(src, { ...common, mode }, cli.ctx);
    if (result.warnings.length) cli.err(t('warn.expired-allowed', cli.lang) + '\n');
    await writeAtomically(output, force, (tmp) => writeFileSync(tmp, result.der));
    if (cli.json) {
      printJson(cli, {
        output,
        sha256: createHash('sha256').update(result.der).digest('hex'),
        format: mode === 'detached' ? 'cms-detached' : 'cms-enveloped',
        level: result.level,
        signingTime: result.signingTime.toISOString(),
        signer: signerJson(result.signer),
        timestamp: result.timestamp ? { time: result.timestamp.genTime.toISOString() } : null,
      });
    } else {
      cli.out(t('sign.cms.done', cli.lang, { output }) + '\n');
      cli.out(
        t('sign.signer', cli.lang, {
          name: result.signer.subject.commonName ?? result.signer.subject.text,
        }) + '\n',
      );
    }
    return 0;
  } finally {
    src.close();
  }
}

const isLongTerm = (level: SignOptions['level']): level is LongTermLevel =>
  level === 'B-LT' || level === 'B-LTA';

/** --extend adds data to the signatures there are: options of a new signature have no place. */
function checkExtend(opts: SignOptions, longTerm: LongTermLevel | null): void {
  if (!longTerm)
    throw usage(
      '--extend nâng các chữ ký đã có lên B-LT hoặc B-LTA: thêm --level B-LT hoặc --level B-LTA',
      '--extend raises existing signatures to B-LT or B-LTA: add --level B-LT or --level B-LTA',
    );
  const given: [string, unknown][] = [
    ['--p12', opts.p12],
    ['--pkcs11-module', opts.pkcs11Module],
    ['--signer-command', opts.signerCommand],
    ['--detached', opts.detached],
    ['--enveloping', opts.enveloping],
    ['--visible', opts.visible],
    ['--field', opts.field],
    ['--certify', opts.certify],
    ['--reason', opts.reason],
    ['--location', opts.location],
    ['--contact', opts.contact],
    ['--pss', opts.pss],
  ];
  const stray = given.filter(([, v]) => v !== undefined && v !== false).map(([name]) => name);
  if (stray.length)
    throw usage(
      `--extend không tạo chữ ký mới nên không dùng ${stray.join(', ')}`,
      `--extend makes no new signature, so ${stray.join(', ')} cannot be used with it`,
    );
}

/** `--ocsp FILE`: a DER OCSPResponse, or the same in PEM (no label is standard for it). */
function readOcspFile(path: string): Uint8Array {
  const bytes = readInput(path, MAX_OCSP_FILE);
  const pem = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(
    Buffer.from(bytes).toString('latin1'),
  );
  const der = pem ? new Uint8Array(Buffer.from(pem[1]!.replace(/\s+/g, ''), 'base64')) : bytes;
  let problem: string | null;
  try {
    problem = parseOcspResponse(der).failure;
  } catch (e) {
    problem = describeCause(e);
  }
  if (problem !== null)
    throw usage(
      `--ocsp ${path}: không phải phản hồi OCSP dùng được (${problem})`,
      `--ocsp ${path}: not a usable OCSP response (${problem})`,
    );
  return der;
}

function revocationSources(opts: SignOptions, cli: CliEnv): RevocationSources {
  return {
    crls: loadTrustPaths(opts.crl ?? [], { want: 'crls', command: 'sign' }).crls.map((c) => c.der),
    ocsps: (opts.ocsp ?? []).map(readOcspFile),
    ...(opts.online
      ? { online: new OnlineRevocation(defaultRevocationCache(), () => cli.ctx.clock.now()) }
      : {}),
  };
}

/** The output: the input's bytes, then the update, written atomically. */
function writeAppended(
  output: string,
  force: boolean,
  input: string,
  update: Uint8Array,
): Promise<void> {
  return writeAtomically(output, force, (tmp) => {
    copyFileSync(input, tmp);
    appendFileSync(tmp, update);
  });
}

function longTermJson(result: LongTermResult) {
  const stamp = result.documentTimestamp;
  return {
    level: result.level,
    dss: result.dss,
    documentTimestamp: stamp
      ? { fieldName: stamp.fieldName, time: stamp.timestamp.genTime.toISOString() }
      : null,
  };
}

function signerJson(info: CertificateInfo) {
  return {
    commonName: info.subject.commonName,
    organization: info.subject.organization,
    serialNumber: info.serialNumber,
    issuer: info.issuer.text,
    certificateSha256: info.sha256,
  };
}
