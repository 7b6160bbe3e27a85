/**
 * `hoso demo [DIR]`: the whole flow on the bundled samples and the test PKI, offline. Steps
 * whose issues are still open say so and the demo goes on.
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPkcs12 } from '../../cms/pkcs12/index.js';
import { answerTimeStampRequest, schemeFor, type SigningKey } from '../../cms/index.js';
import { FileSource, t } from '../../kernel/index.js';
import { dossierDay, formatDossierCode, lookupUrl, newLookupCode } from '../../lookup/codes.js';
import { renderLookupRecordText } from '../../lookup/record-text.js';
import { Registry, parseRegistryLocation } from '../../registry/index.js';
import { indicationWord } from '../../report/index.js';
import { makeTimestamper, signPdf } from '../../sign/index.js';
import { verifyFile } from '../../verify/index.js';
import type { CliEnv } from '../cli-env.js';
import { writeAtomically } from '../output-file.js';
import { packageRoot } from '../package-root.js';
import { signersOf } from '../registry-output.js';
import { loadTrustOptions } from '../trust-options.js';

const ROOT = packageRoot();
const TEST_PASSWORD = 'hoso-test';
/** A receiving unit code of the QCVN 102:2016 form, for the demo only. */
const DEMO_AGENCY = '000.00.12.H29';

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

  // 2. verify: the officer checks it against the test root
  say(
    t('demo.step', cli.lang, {
      n: 2,
      what: vi
        ? 'cán bộ kiểm tra chữ ký số (hoso verify)'
        : 'the officer verifies it (hoso verify)',
    }),
  );
  const { trust } = loadTrustOptions({
    trust: [join(ROOT, 'test-certs', 'root.cert.pem')],
    crl: [],
    certs: [],
    command: 'demo',
  });
  const report = verifyFile(
    signed,
    { trust, at: cli.ctx.clock.now(), policy: 'strict', extraCertificates: [] },
    { open: (p) => new FileSource(p), exists: existsSync },
  );
  say(`  → ${indicationWord(report.indication, cli.lang)}`);

  // 3. certified copy of a scanned original (the ID card), by the officer and the agency
  say(
    t('demo.step', cli.lang, {
      n: 3,
      what: vi
        ? 'chứng thực bản sao điện tử từ bản chính: ảnh quét CCCD (hoso copy certify)'
        : 'certified electronic copy of a scanned original: the ID card (hoso copy certify)',
    }),
  );
  const registryLocation = `sqlite:${join(dir, 'hoso.db')}`;
  const testKeys = join(ROOT, 'test-certs');
  // The demo's keys are the test PKI's; their password reaches the copy command the way a real
  // one would, through the environment (never an option value).
  const copyCli: CliEnv = {
    ...cli,
    json: false,
    env: {
      ...cli.env,
      HOSO_DEMO_OFFICER_PASSWORD: TEST_PASSWORD,
      HOSO_DEMO_AGENCY_PASSWORD: TEST_PASSWORD,
    },
    out: (text) => say(text.trimEnd().replace(/^/gm, '    ')),
  };
  const { run: runCopy } = await import('./copy.js');
  await runCopy(
    copyCli,
    [[join(ROOT, 'samples', 'inputs', 'id-card.jpg')]],
    {
      output: join(dir, 'ban-sao-cccd.pdf'),
      p12: join(testKeys, 'officer.p12'),
      passEnv: 'HOSO_DEMO_OFFICER_PASSWORD',
      agencyP12: join(testKeys, 'agency.p12'),
      agencyPassEnv: 'HOSO_DEMO_AGENCY_PASSWORD',
      officer: 'Nguyễn Văn An',
      officerTitle: 'Công chức tư pháp - hộ tịch',
      agency: 'UBND phường Hoàn Kiếm',
      place: 'Hà Nội',
      trust: [join(testKeys, 'root.cert.pem')],
      registry: registryLocation,
    },
    'certify',
  );

  say(
    t('demo.step', cli.lang, {
      n: 4,
      what: vi
        ? 'chuyển đổi đơn đã ký ra bản giấy có mã QR (hoso print)'
        : 'the signed form converted to paper with a QR code (hoso print)',
    }),
  );
  const { run: runPrint } = await import('./print.js');
  await runPrint(copyCli, [[signed]], {
    output: join(dir, 'ban-giay-don-de-nghi.pdf'),
    title: vi ? 'Đơn đề nghị' : 'Application',
    converter: 'Trần Thị Bình',
    converterTitle: 'Văn thư',
    system: 'Hệ thống thông tin giải quyết TTHC (thử nghiệm)',
    owner: 'UBND phường Hoàn Kiếm',
    trust: [join(testKeys, 'root.cert.pem')],
    registry: registryLocation,
    jobs: '1',
  });

  // 5. register the signed file in a registry inside DIR, then look it up by its code
  say(
    t('demo.step', cli.lang, {
      n: 5,
      what: vi
        ? 'vào sổ gốc và tra cứu theo mã (hoso register add, hoso lookup)'
        : 'enter it in the register and look it up (hoso register add, hoso lookup)',
    }),
  );
  const registry = await Registry.open({
    location: parseRegistryLocation(registryLocation, cli.cwd),
    mode: 'write',
    clock: cli.ctx.clock,
    actor: 'hoso demo',
  });
  let lookupCode: string;
  try {
    const dossier = await registry.allocateDossierNumber(
      DEMO_AGENCY,
      dossierDay(cli.ctx.clock.now()),
      (n) => formatDossierCode(DEMO_AGENCY, dossierDay(cli.ctx.clock.now()), n),
    );
    lookupCode = newLookupCode(cli.ctx.random);
    await registry.registerDocument({
      kind: 'original',
      title: vi ? 'Đơn đề nghị (đã ký số)' : 'Application (digitally signed)',
      sha256: report.sha256,
      size: statSync(signed).size,
      content: { path: signed },
      dossierCode: dossier.code,
      verification: report.indication,
      signers: signersOf(report),
      lookupCode,
      registerRecord: true,
    });
    const record = await registry.findByLookupCode(lookupCode);
    if (record) say(renderLookupRecordText(record, cli.lang).trimEnd().replace(/^/gm, '    '));
  } finally {
    await registry.close();
  }
  say(
    `  → ${lookupUrl('http://127.0.0.1:8080', lookupCode)}  (hoso serve --registry sqlite:${join(dir, 'hoso.db')})`,
  );

  say(t('demo.outputs', cli.lang, { dir }));
  if (cli.json) cli.out(JSON.stringify({ dir, signed, lookupCode }) + '\n');
  else cli.out(dir + '\n');
  return 0;
}
