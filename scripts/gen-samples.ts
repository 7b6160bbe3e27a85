/**
 * Builds samples/ with hoso's own code (`npm run samples`): unsigned inputs, a small dossier
 * signed by the test PKI, and defective files named by their defect. The clock is frozen so
 * that reruns give the same signing times. samples/SOURCES.md says what each file is.
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPkcs12 } from '../src/cms/pkcs12/index.js';
import { schemeFor, type SigningKey } from '../src/cms/index.js';
import { BufferSource, defaultContext, fixedClock, FileSource } from '../src/kernel/index.js';
import type { PdfRef } from '../src/pdf/index.js';
import {
  IncrementalUpdate,
  openPdf,
  PdfDict,
  PdfName,
  PdfStream,
  isPdfArray,
} from '../src/pdf/index.js';
import { signFileCms, signPdf, type PadesRequest } from '../src/sign/index.js';
import {
  CONFIRMATION_SIGNATURE_BOX,
  DECISION_SIGNATURE_BOX,
  makeApplicationForm,
  makeConfirmationForm,
  makeIdCardScan,
  makeResultDecision,
} from './sample-documents.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUT = join(ROOT, 'samples');
const PASSWORD = 'hoso-test';

function key(name: string): SigningKey {
  const p12 = readPkcs12(
    new Uint8Array(readFileSync(join(ROOT, 'test-certs', `${name}.p12`))),
    PASSWORD,
  );
  return { privateKey: p12.privateKey, certificate: p12.certificate, chain: p12.chain };
}

const ctxAt = (iso: string) => defaultContext({ clock: fixedClock(iso) });

async function signPdfFile(
  input: string,
  output: string,
  req: Omit<PadesRequest, 'scheme' | 'digest'>,
  at: string,
) {
  const src = new FileSource(input);
  try {
    const r = await signPdf(
      src,
      { scheme: schemeFor(req.key.privateKey, false), digest: 'sha256', ...req },
      ctxAt(at),
    );
    if (input !== output) copyFileSync(input, output);
    appendFileSync(output, r.update);
  } finally {
    src.close();
  }
}

async function signCms(
  input: string,
  output: string,
  k: SigningKey,
  mode: 'detached' | 'enveloping',
  at: string,
) {
  const src = new FileSource(input);
  try {
    const r = await signFileCms(
      src,
      { key: k, scheme: schemeFor(k.privateKey, false), digest: 'sha256', mode },
      ctxAt(at),
    );
    writeFileSync(output, r.der);
  } finally {
    src.close();
  }
}

/** Adds, after the last signature, a new page content stream that prints over the page. */
function appendContentChange(bytes: Uint8Array): Uint8Array {
  const pdf = openPdf(new BufferSource(bytes));
  const page = pdf.pages()[0]!;
  const upd = new IncrementalUpdate(pdf);
  const stream = upd.allocate();
  upd.set(
    stream,
    new PdfStream(
      new PdfDict(),
      new Uint8Array(Buffer.from('q 1 0 0 rg 72 72 200 20 re f Q\n', 'latin1')),
    ),
  );
  const newPage = new PdfDict(page.dict.entries());
  const current = pdf.resolve(page.dict.get('Contents'));
  const list = isPdfArray(current) ? [...current] : [page.dict.get('Contents') as PdfRef];
  newPage.set('Contents', [...list, stream]);
  newPage.set('HosoSample', PdfName.of('ModifiedAfterSigning'));
  upd.set(page.ref, newPage);
  const built = upd.build({ baseLength: bytes.length });
  return new Uint8Array(Buffer.concat([bytes, built.bytes]));
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  const inputs = join(OUT, 'inputs');
  const dossier = join(OUT, 'dossier-001');
  const defects = join(OUT, 'defects');
  for (const d of [inputs, dossier, defects]) mkdirSync(d, { recursive: true });

  writeFileSync(
    join(inputs, 'application-form.pdf'),
    await makeApplicationForm({ xref: 'stream' }),
  );
  writeFileSync(
    join(inputs, 'application-form-classic.pdf'),
    await makeApplicationForm({ xref: 'table' }),
  );
  writeFileSync(join(inputs, 'result-decision.pdf'), await makeResultDecision({ xref: 'stream' }));
  writeFileSync(join(inputs, 'id-card.jpg'), makeIdCardScan());
  writeFileSync(
    join(inputs, 'to-khai.xml'),
    '<?xml version="1.0" encoding="UTF-8"?>\n<ToKhai maThuTuc="1.000494.000.00.00.H29">\n' +
      '  <NguoiNop hoTen="Trần Thị Bình" cccd="001190004321"/>\n' +
      '  <NoiDung>Đề nghị cấp bản sao trích lục khai sinh</NoiDung>\n</ToKhai>\n',
  );

  const citizen = key('citizen');
  const officer = key('officer');
  const agency = key('agency');

  // The citizen signs the application form and the ID-card scan (detached) and the XML (enveloping).
  const form = join(dossier, 'don-de-nghi.pdf');
  await signPdfFile(
    join(inputs, 'application-form.pdf'),
    form,
    { key: citizen, reason: 'Nộp hồ sơ trực tuyến', location: 'Hà Nội' },
    '2026-11-24T02:15:00Z',
  );
  copyFileSync(join(inputs, 'id-card.jpg'), join(dossier, 'cccd.jpg'));
  await signCms(
    join(dossier, 'cccd.jpg'),
    join(dossier, 'cccd.jpg.p7s'),
    citizen,
    'detached',
    '2026-11-24T02:16:00Z',
  );
  await signCms(
    join(inputs, 'to-khai.xml'),
    join(dossier, 'to-khai.xml.p7m'),
    citizen,
    'enveloping',
    '2026-11-24T02:17:00Z',
  );

  // The officer signs the decision visibly, then the agency seals it (a second signature).
  const decision = join(dossier, 'quyet-dinh.pdf');
  const b = DECISION_SIGNATURE_BOX;
  await signPdfFile(
    join(inputs, 'result-decision.pdf'),
    decision,
    {
      key: officer,
      reason: 'Phê duyệt kết quả giải quyết hồ sơ',
      location: 'UBND Phường Hoàn Kiếm',
      visible: { page: b.page, rect: [b.x, b.y, b.w, b.h] },
    },
    '2026-11-25T03:00:00Z',
  );
  await signPdfFile(
    decision,
    decision,
    { key: agency, reason: 'Đóng dấu cơ quan' },
    '2026-11-25T03:05:00Z',
  );

  // Defects, each named by what is wrong with it.
  const signedForm = readFileSync(form);
  const flipped = Buffer.from(signedForm);
  const at = flipped.indexOf('stream', 0, 'latin1') + 20; // inside the first stream's data, within the signed range
  flipped[at] = (flipped[at] ?? 0) ^ 0x01;
  writeFileSync(join(defects, 'tampered-byte-flip.pdf'), flipped);
  writeFileSync(
    join(defects, 'appended-after-signing.pdf'),
    appendContentChange(new Uint8Array(signedForm)),
  );
  await signPdfFile(
    join(inputs, 'application-form.pdf'),
    join(defects, 'untrusted-root.pdf'),
    { key: key('untrusted-signer'), reason: 'Chứng thư từ gốc không tin cậy' },
    '2026-11-24T02:15:00Z',
  );
  await signPdfFile(
    join(inputs, 'application-form.pdf'),
    join(defects, 'expired-signer.pdf'),
    { key: key('expired'), reason: 'Chứng thư đã hết hạn', allowExpired: true },
    '2026-11-24T02:15:00Z',
  );

  // results/: electronic results as `hoso print` converts them to paper.
  const results = join(OUT, 'results');
  mkdirSync(results, { recursive: true });
  const confirmation = join(results, 'giay-xac-nhan.pdf');
  writeFileSync(confirmation, await makeConfirmationForm());
  const box = CONFIRMATION_SIGNATURE_BOX;
  await signPdfFile(
    confirmation,
    confirmation,
    {
      key: officer,
      reason: 'Xác nhận thông tin về cư trú',
      location: 'Phường Hoàn Kiếm',
      visible: { page: box.page, rect: [box.x, box.y, box.w, box.h] },
    },
    '2026-11-25T08:30:00Z',
  );

  writeFileSync(join(OUT, 'SOURCES.md'), SOURCES);
}

const SOURCES = `# samples/ — what each file is

Made by \`npm run samples\` (scripts/gen-samples.ts) with hoso's own code and the test PKI in
\`test-certs/\` (TEST ONLY, never trust it in production). The clock is frozen per file, so the
signing times below are fixed; ECDSA-free RSA signatures make reruns byte-identical except where
noted. Nothing here comes from a real person or agency.

## inputs/ — unsigned
| file | what it is |
|---|---|
| application-form.pdf | one-page application (đơn đề nghị) in Vietnamese, Tinos font, xref stream + object streams (PDF 1.5+) |
| application-form-classic.pdf | the same document with a classic xref table |
| result-decision.pdf | two-page decision (quyết định) of UBND Phường Hoàn Kiếm, with a box reserved for the visible signature on page 2 |
| id-card.jpg | a drawn, generic ID-card-like scan (no real data) |
| to-khai.xml | a small XML declaration form |

## dossier-001/ — a dossier as an officer receives it
| file | signed by | how | expected verdict (with \`--trust test-certs/root.cert.pem\`) |
|---|---|---|---|
| don-de-nghi.pdf | citizen Trần Thị Bình | PAdES B-B, invisible, 24/11/2026 09:15 (+07) | TOTAL_PASSED |
| cccd.jpg + cccd.jpg.p7s | citizen | CAdES detached (.p7s) | TOTAL_PASSED |
| to-khai.xml.p7m | citizen | CAdES enveloping (.p7m) | TOTAL_PASSED |
| quyet-dinh.pdf | officer Nguyễn Văn An (visible, page 2), then agency UBND Phường Hoàn Kiếm | PAdES B-B ×2, incremental | TOTAL_PASSED (both signatures) |

## results/ — electronic results, as \`hoso print\` converts them to paper
| file | signed by | how | expected verdict (with \`--trust test-certs/root.cert.pem\`) |
|---|---|---|---|
| giay-xac-nhan.pdf | officer Nguyễn Văn An (visible, page 1) | PAdES B-B; five filled, read-only form fields whose values exist only as widget appearances | TOTAL_PASSED |

## defects/ — named by defect
| file | defect | expected |
|---|---|---|
| tampered-byte-flip.pdf | don-de-nghi.pdf with one byte of the first stream flipped inside the signed range | TOTAL_FAILED, HASH_FAILURE (cms.digest) |
| appended-after-signing.pdf | don-de-nghi.pdf plus an incremental update that adds page content after signing | not TOTAL_PASSED: signature intact but covers only its revision; pdf.modifications OTHER |
| untrusted-root.pdf | signed by a certificate under "hoso Other Test Root", not the trusted test root | INDETERMINATE, NO_CERTIFICATE_CHAIN_FOUND |
| expired-signer.pdf | signed on 24/11/2026 with a certificate valid 2020–2022 (\`allowExpired\`) | not TOTAL_PASSED (trust.validity) |
`;

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
