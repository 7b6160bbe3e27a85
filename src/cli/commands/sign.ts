/** `hoso sign FILE -o OUT` (CLI.md): PAdES for PDFs, CAdES .p7s/.p7m for any file. */
import { appendFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { schemeFor, type DigestAlgorithm, type SigningKey } from '../../cms/index.js';
import { HosoError, usageError, isHosoError, t, type ByteSource } from '../../kernel/index.js';
import {
  makeTimestamper,
  signFileCms,
  signPdf,
  type DocMdpPermission,
  type Timestamper,
  type VisibleSignature,
} from '../../sign/index.js';
import { certificatesFromFile, type CertificateInfo } from '../../trust/index.js';
import { printJson, type CliEnv } from '../cli-env.js';
import { openInput, readInput } from '../input-file.js';
import { writeAtomically, assertOutputFree } from '../output-file.js';
import { loadP12Key } from '../p12-key.js';
import { httpTimeStampTransport } from '../tsa-client.js';

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
  pkcs11Module?: string;
  signerCommand?: string;
  allowExpired?: boolean;
  force?: boolean;
}

const MAX_CERT_FILE = 10 * 1024 * 1024;

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
  if (opts.extend) throw new HosoError('NOT_IMPLEMENTED', { params: { feature: '--extend' } });
  if (opts.level === 'B-LT' || opts.level === 'B-LTA') {
    throw new HosoError('NOT_IMPLEMENTED', { params: { feature: `--level ${opts.level}` } });
  }
  if (opts.level === 'B-T' && !opts.tsa)
    throw usage(
      '--level B-T cần máy chủ dấu thời gian: --tsa URL',
      '--level B-T needs a timestamp server: --tsa URL',
    );
  if (opts.tsa && !/^https?:\/\//.test(opts.tsa))
    throw usage(
      `--tsa cần một địa chỉ http(s), không phải "${opts.tsa}"`,
      `--tsa wants an http(s) URL, not "${opts.tsa}"`,
    );
  const mode = opts.detached ? 'detached' : opts.enveloping ? 'enveloping' : 'pdf';
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
        : input.replace(/(\.pdf)?$/i, '-signed.pdf'));
  const force = Boolean(opts.force);

  const src = openInput(input);
  try {
    if (mode === 'pdf' && !isPdf(src))
      throw new HosoError('NOT_A_PDF', { params: { path: input } });
    assertOutputFree(output, force);
    const key = loadKey(opts, cli);
    const extraCertificates = (opts.certs ?? []).flatMap((p) =>
      certificatesFromFile(readInput(p, MAX_CERT_FILE), p),
    );
    const scheme = schemeFor(key.privateKey, Boolean(opts.pss));
    const timestamper: Timestamper | undefined =
      opts.level === 'B-T' || opts.tsa
        ? makeTimestamper(opts.tsa!, httpTimeStampTransport(opts.tsa!), cli.ctx.random)
        : undefined;
    const common = {
      key,
      scheme,
      digest: opts.digest,
      ...(extraCertificates.length ? { extraCertificates } : {}),
      ...(timestamper ? { timestamper } : {}),
      ...(opts.allowExpired ? { allowExpired: true } : {}),
    };

    if (mode === 'pdf') {
      const result = await signPdf(
        src,
        {
          ...common,
          ...(opts.reason ? { reason: opts.reason } : {}),
          ...(opts.location ? { location: opts.location } : {}),
          ...(opts.contact ? { contactInfo: opts.contact } : {}),
          ...(opts.field ? { fieldName: opts.field } : {}),
          ...(visible ? { visible } : {}),
          ...(opts.certify !== undefined
            ? { certify: Number(opts.certify) as DocMdpPermission }
            : {}),
        },
        cli.ctx,
      ).catch((e: unknown) => {
        throw namingInput(e, input);
      });
      if (result.warnings.length) cli.err(t('warn.expired-allowed', cli.lang) + '\n');
      await writeAtomically(output, force, (tmp) => {
        copyFileSync(input, tmp);
        appendFileSync(tmp, result.update);
      });
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

function signerJson(info: CertificateInfo) {
  return {
    commonName: info.subject.commonName,
    organization: info.subject.organization,
    serialNumber: info.serialNumber,
    issuer: info.issuer.text,
    certificateSha256: info.sha256,
  };
}
