/**
 * `hoso demo [DIR]`: the whole flow on the bundled samples and the test PKI, offline. Steps
 * whose issues are still open say so and the demo goes on.
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPkcs12 } from '../../cms/pkcs12/index.js';
import { answerTimeStampRequest, schemeFor, type SigningKey } from '../../cms/index.js';
import { FileSource, t } from '../../kernel/index.js';
import { makeTimestamper, signPdf } from '../../sign/index.js';
import type { CliEnv } from '../cli-env.js';
import { writeAtomically } from '../output-file.js';
import { packageRoot } from '../package-root.js';

const ROOT = packageRoot();
const TEST_PASSWORD = 'hoso-test';

function testKey(name: string): SigningKey {
  const p12 = readPkcs12(
    new Uint8Array(readFileSync(join(ROOT, 'test-certs', `${name}.p12`))),
    TEST_PASSWORD,
  );
  return { privateKey: p12.privateKey, certificate: p12.certificate, chain: p12.chain };
}

export async function run(cli: CliEnv, args: unknown[]): Promise<number> {
  const dir = typeof args[0] === 'string' ? args[0] : mkdtempSync(join(tmpdir(), 'hoso-demo-'));
  mkdirSync(dir, { recursive: true });
  const say = (s: string) => cli.err(s + '\n');
  const vi = cli.lang === 'vi';
  say(t('demo.title', cli.lang));

  // 1. sign: the citizen signs the application form, with a timestamp from an in-process TSA
  say(
    t('demo.step', cli.lang, {
      n: 1,
      what: vi
        ? 'công dân ký đơn đề nghị (PAdES B-T)'
        : 'the citizen signs the application (PAdES B-T)',
    }),
  );
  const input = join(ROOT, 'samples', 'inputs', 'application-form.pdf');
  const signed = join(dir, 'don-de-nghi-da-ky.pdf');
  const tsaKey = testKey('tsa');
  const tsa = {
    key: tsaKey,
    policy: '1.3.6.1.4.1.99999.1.1',
    now: () => cli.ctx.clock.now(),
    serial: () => BigInt(Date.now()),
  };
  const timestamper = makeTimestamper(
    'in-process test TSA',
    (req) => answerTimeStampRequest(tsa, req),
    cli.ctx.random,
  );
  const key = testKey('citizen');
  const src = new FileSource(input);
  try {
    const result = await signPdf(
      src,
      {
        key,
        scheme: schemeFor(key.privateKey, false),
        digest: 'sha256',
        reason: 'Nộp hồ sơ trực tuyến',
        timestamper,
      },
      cli.ctx,
    );
    await writeAtomically(signed, false, (tmp) => {
      copyFileSync(input, tmp);
      appendFileSync(tmp, result.update);
    });
    say(`  → ${signed}`);
  } finally {
    src.close();
  }

  const later: [string, string][] = [
    ['kiểm tra chữ ký số (hoso verify)', 'verify the signatures (hoso verify)'],
    [
      'chứng thực bản sao điện tử (hoso copy certify)',
      'certified electronic copy (hoso copy certify)',
    ],
    ['chuyển đổi ra giấy (hoso print)', 'paper conversion (hoso print)'],
    ['tra cứu theo mã QR (hoso lookup)', 'lookup by QR code (hoso lookup)'],
  ];
  later.forEach(([v, e], i) => {
    say(t('demo.step', cli.lang, { n: i + 2, what: vi ? v : e }));
    say(t('demo.unavailable', cli.lang));
  });
  say(t('demo.outputs', cli.lang, { dir }));
  if (cli.json) cli.out(JSON.stringify({ dir, signed }) + '\n');
  else cli.out(dir + '\n');
  return 0;
}
