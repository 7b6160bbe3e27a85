/**
 * `hoso verify --report-pdf FILE`: the printable verification report (biên bản kiểm tra chữ ký
 * số) an officer files as evidence instead of asking for paper copies of signed components
 * (Decree 45/2020/NĐ-CP Art. 6(2); LEGAL.md §4). A4, laid out after Decree 30/2020/NĐ-CP
 * Appendix I: national motto (Quốc hiệu, Tiêu ngữ), optional agency name, place and date, the
 * title; then general information, a summary table, one section per file (verdict, format,
 * SHA-256, error) and per signature (verdict and reasons with advice, signer and identifiers,
 * issuer, signing time and its source, integrity and coverage, changes after signing, chain,
 * revocation, every check with its status and sentence), a conclusion, and the officer's
 * signature area; "Trang x/y" on every page.
 *
 * Text is Tinos (Times New Roman metrics, full Vietnamese), embedded and subset through
 * src/layout's loadTinosBytes — the glyph-aligned bytes; the raw TTF subsets into broken
 * glyphs. Output is deterministic for the same input: no clock is read, metadata dates are
 * `generatedAt`, and pdf-lib's name suffixes come from its seeded generator.
 */
import { PDFDocument, type PDFFont } from 'pdf-lib';
import type { Lang } from '../kernel/index.js';
import { embedTinos, saveDocument } from '../layout/index.js';
import {
  capitalize,
  checkStatusWord,
  coverageText,
  describeCheck,
  fileErrorText,
  formatText,
  indicationCountWord,
  indicationWord,
  modificationLevelText,
  reportWord,
  verdictSentence,
  type MessageParams,
  type ReportWordKey,
} from './check-messages.js';
import { commonNameOf } from './distinguished-name.js';
import type { FileIndication, FileReport, SignatureReport, VerificationReport } from './model.js';
import { GREY, MARGIN, PageFlow, type Cell, type ReportFonts, type Span } from './pdf-page-flow.js';
import { describeSignature, shellArgument } from './signature-description.js';
import { formatVietnamDate, formatVietnamTime, vietnameseDateLine } from './vietnam-time.js';

export interface PdfReportOptions {
  readonly lang: Lang;
  /** When the report is drawn up: printed, and the PDF's creation/modification dates. */
  readonly generatedAt: Date;
  /** Replaces "BIÊN BẢN KIỂM TRA CHỮ KÝ SỐ". */
  readonly title?: string;
  /** Agency name for the top-left header (config `agency.name`). */
  readonly agency?: string;
  /** Place in the date line (config `agency.place`), e.g. "Hà Nội". */
  readonly place?: string;
  /** The officer who signs the printed report (config `officer.name`, `officer.title`). */
  readonly officer?: { readonly name: string; readonly title?: string };
  /** Name (and version) of the verifying software; default "hoso". */
  readonly software?: string;
}

const BODY = 12;
const SMALL = 11;
const TABLE = 10;
const LABEL_WIDTH = 132;

async function embedFonts(doc: PDFDocument): Promise<ReportFonts> {
  const f = await embedTinos(doc, ['regular', 'bold', 'italic', 'bold-italic'] as const);
  return { regular: f.regular, bold: f.bold, italic: f.italic, boldItalic: f['bold-italic'] };
}

export async function renderPdfReport(
  report: VerificationReport,
  opts: PdfReportOptions,
): Promise<Uint8Array> {
  const { lang } = opts;
  const w = (key: ReportWordKey, params: MessageParams = {}): string =>
    reportWord(key, lang, params);
  const at = (iso: string, seconds = true): string => formatVietnamTime(iso, { seconds }) ?? iso;
  const title = opts.title ?? w('pdf.title');
  const software = opts.software ?? 'hoso';

  // updateMetadata: false keeps pdf-lib from stamping the current time and its own producer.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const { regular, bold, italic } = fonts;
  doc.setTitle(title);
  doc.setSubject(w('pdf.subtitle', { files: fileCountWords(report.files.length, lang) }));
  doc.setLanguage(lang === 'vi' ? 'vi-VN' : 'en');
  doc.setCreator(software);
  doc.setProducer(`${software} (pdf-lib)`);
  doc.setCreationDate(opts.generatedAt);
  doc.setModificationDate(opts.generatedAt);

  const flow = new PageFlow(doc, fonts, { size: BODY });
  const field = (label: string, value: string | readonly Span[], indent = 0): void =>
    flow.labelled(label, value, { labelWidth: LABEL_WIDTH, size: BODY, indent });

  // --- Header (Decree 30 Appendix I §II.1–§II.5) ---------------------------------------------
  const page = flow.page;
  const mottoLines = [
    { text: w('pdf.motto1'), font: bold, size: 12 },
    { text: w('pdf.motto2'), font: bold, size: 13, rule: true },
  ];
  const dateText = opts.place
    ? w('pdf.dateLine', { place: opts.place, date: dateWords(opts.generatedAt, lang) })
    : capitalize(dateWords(opts.generatedAt, lang));
  let y = flow.top;
  if (opts.agency !== undefined && opts.agency !== '') {
    // Two columns: agency on the left, motto on the right.
    const split = flow.left + flow.width * 0.4;
    let ly = y;
    for (const line of wrapCentred(
      flow,
      opts.agency.toLocaleUpperCase('vi-VN'),
      bold,
      12,
      split - flow.left,
    )) {
      ly -= 12 * 1.25;
      flow.centred(page, line, bold, 12, ly, flow.left, split);
    }
    flow.rule(page, ly - 4, 60, flow.left, split);
    for (const line of mottoLines) {
      y -= line.size * 1.25;
      const width = flow.centred(page, line.text, line.font, line.size, y, split, flow.right);
      if (line.rule) flow.rule(page, y - 4, width, split, flow.right);
    }
    y = Math.min(y, ly) - 22;
    flow.centred(page, dateText, italic, 13, y, split, flow.right);
  } else {
    for (const line of mottoLines) {
      y -= line.size * 1.25;
      const width = flow.centred(page, line.text, line.font, line.size, y);
      if (line.rule) flow.rule(page, y - 4, width);
    }
    y -= 22;
    const dw = flow.textWidth(flow.clean(dateText, italic), italic, 13);
    page.drawText(flow.clean(dateText, italic), { x: flow.right - dw, y, size: 13, font: italic });
  }
  flow.y = y - 20;
  flow.paragraph(title, { font: bold, size: 14, align: 'center', after: 0 });
  flow.paragraph(w('pdf.subtitle', { files: fileCountWords(report.files.length, lang) }), {
    font: bold,
    size: 13,
    align: 'center',
    after: 0,
  });
  flow.rule(flow.page, flow.y - 8, 90);
  flow.space(18);
  flow.paragraph(w('pdf.basis'), { font: italic, align: 'justify', after: 4 });
  flow.paragraph(w('pdf.intro', { software, time: at(report.validationTime) }), {
    align: 'justify',
    after: 8,
  });

  // --- I. General information ------------------------------------------------------------------
  const heading = (text: string): void => {
    flow.need(BODY * 4);
    flow.space(4);
    flow.paragraph(text, { font: bold, size: 13, after: 4 });
  };
  heading(w('pdf.section.general'));
  const signatureCount = report.files.reduce((n, f) => n + f.signatures.length, 0);
  field(w('pdf.validationTime'), w('pdf.vietnamTime', { time: at(report.validationTime) }));
  field(w('pdf.generatedAt'), w('pdf.vietnamTime', { time: at(opts.generatedAt.toISOString()) }));
  field(w('pdf.software'), software);
  if (opts.agency) field(w('pdf.agency'), opts.agency);
  if (opts.officer) {
    field(
      w('pdf.officer'),
      opts.officer.title ? `${opts.officer.name} — ${opts.officer.title}` : opts.officer.name,
    );
  }
  field(w('pdf.fileCount'), String(report.files.length));
  field(w('pdf.signatureCount'), String(signatureCount));

  // --- II. Summary table -----------------------------------------------------------------------
  heading(w('pdf.section.summary'));
  if (report.files.length === 0) {
    flow.paragraph(w('pdf.noFiles'));
  } else {
    const rows: Cell[][] = report.files.map((f, i) => [
      [[{ text: String(i + 1) }]],
      [[{ text: f.path }]],
      [[{ text: formatText(f.format, lang) }]],
      [[{ text: String(f.signatures.length) }]],
      [[{ text: indicationWord(f.indication, lang), font: bold }]],
    ]);
    flow.table(
      [
        { header: w('pdf.col.no'), weight: 0.45, align: 'center' },
        { header: w('pdf.col.file'), weight: 2.9 },
        { header: w('pdf.col.format'), weight: 1.8 },
        { header: w('pdf.col.signatures'), weight: 1, align: 'center' },
        { header: w('pdf.col.result'), weight: 1.75, align: 'center' },
      ],
      rows,
      { size: TABLE },
    );
    flow.space(6);
    flow.paragraph(summaryLine(report, lang), { size: SMALL });
  }

  // --- III. Details ----------------------------------------------------------------------------
  heading(w('pdf.section.details'));
  report.files.forEach((file, i) => renderFile(flow, file, i + 1, lang));

  // --- IV. Conclusion --------------------------------------------------------------------------
  heading(w('pdf.section.conclusion'));
  const s = report.summary;
  if (s.files === 0) {
    flow.paragraph(w('pdf.noFiles'));
  } else {
    flow.paragraph(w('pdf.conclusion.lead', { n: s.files }), { after: 1 });
    const parts: [ReportWordKey, number][] = [
      ['pdf.conclusion.passed', s.passed],
      ['pdf.conclusion.failed', s.failed],
      ['pdf.conclusion.indeterminate', s.indeterminate],
      ['pdf.conclusion.unsigned', s.unsigned],
    ];
    for (const [key, n] of parts) {
      if (n > 0) flow.paragraph(`- ${w(key, { n })}`, { indent: 14, after: 1 });
    }
    flow.space(3);
    if (s.passed > 0) flow.paragraph(w('pdf.conclusion.paper'), { align: 'justify', after: 3 });
    flow.paragraph(w('pdf.conclusion.hash'), { align: 'justify', after: 3 });
  }

  // --- Officer's signature area (kept on one page) ---------------------------------------------
  const blockHeight = 150;
  flow.need(blockHeight);
  flow.space(14);
  const from = flow.left + flow.width * 0.45;
  let by = flow.y;
  const officerLines: { text: string; font: PDFFont; size: number }[] = [
    { text: w('pdf.officer.title'), font: bold, size: 13 },
    { text: w('pdf.officer.sign'), font: italic, size: 12 },
  ];
  for (const line of officerLines) {
    by -= line.size * 1.3;
    flow.centred(flow.page, line.text, line.font, line.size, by, from, flow.right);
  }
  by -= 80;
  if (opts.officer) {
    flow.centred(flow.page, opts.officer.name, bold, 13, by, from, flow.right);
  }
  flow.y = by - 10;

  // --- Footer on every page: "Trang x/y" -------------------------------------------------------
  const total = flow.pages.length;
  const footer = w('pdf.footer', { time: at(report.validationTime, false) });
  flow.pages.forEach((p, i) => {
    const fy = MARGIN.bottom - 6;
    p.drawLine({
      start: { x: flow.left, y: fy + 12 },
      end: { x: flow.right, y: fy + 12 },
      thickness: 0.4,
      color: GREY,
    });
    p.drawText(flow.clean(footer, italic), {
      x: flow.left,
      y: fy,
      size: 8.5,
      font: italic,
      color: GREY,
    });
    const pageText = w('pdf.page', { x: i + 1, y: total });
    const pw = flow.textWidth(pageText, regular, 10);
    p.drawText(pageText, { x: flow.right - pw, y: fy, size: 10, font: regular });
  });

  return saveDocument(doc, { useObjectStreams: true });
}

/** "4 tệp điện tử" / "4 electronic files". */
function fileCountWords(n: number, lang: Lang): string {
  if (lang === 'vi') return `${n} tệp điện tử`;
  return n === 1 ? '1 electronic file' : `${n} electronic files`;
}

/** "ngày 25 tháng 11 năm 2026" (Decree 30) or "25/11/2026". */
function dateWords(d: Date, lang: Lang): string {
  return lang === 'vi' ? vietnameseDateLine(d) : (formatVietnamDate(d) ?? '');
}

function summaryLine(report: VerificationReport, lang: Lang): string {
  const s = report.summary;
  const parts: [FileIndication, number][] = [
    ['TOTAL_PASSED', s.passed],
    ['TOTAL_FAILED', s.failed],
    ['INDETERMINATE', s.indeterminate],
    ['NO_SIGNATURE', s.unsigned],
  ];
  return (
    reportWord('text.total', lang) +
    ' ' +
    parts.map(([ind, n]) => `${n} ${indicationCountWord(ind, lang)}`).join(' · ')
  );
}

/** Lines of `text` no wider than `width`, for centred header blocks. */
function wrapCentred(
  flow: PageFlow,
  text: string,
  font: PDFFont,
  size: number,
  width: number,
): string[] {
  return flow.layout([{ text, font, size }], {}, width).map((line) =>
    line.words
      .map((w) => w.text + (w.spaceAfter ? ' ' : ''))
      .join('')
      .trim(),
  );
}

function renderFile(flow: PageFlow, file: FileReport, n: number, lang: Lang): void {
  const { bold, boldItalic } = flow.fonts;
  const w = (key: ReportWordKey, params: MessageParams = {}): string =>
    reportWord(key, lang, params);
  const field = (label: string, value: string | readonly Span[]): void =>
    flow.labelled(label, value, { labelWidth: LABEL_WIDTH, size: BODY, indent: 0 });

  flow.need(BODY * 6);
  flow.space(6);
  flow.paragraph(w('pdf.file.heading', { n, path: file.path }), {
    font: bold,
    size: 12.5,
    after: 3,
  });
  field(w('pdf.file.result'), [
    { text: indicationWord(file.indication, lang), font: bold },
    ...(file.signatures.length === 0 && file.error === null
      ? [{ text: ` — ${verdictSentence('NO_SIGNATURE', null, lang)}` }]
      : []),
  ]);
  field(w('pdf.file.format'), formatText(file.format, lang));
  field(w('pdf.file.sha256'), [{ text: file.sha256, size: 10.5 }]);
  if (file.error !== null) {
    const e = fileErrorText(file.error, lang);
    field(w('pdf.file.error'), e.text);
    field(w('pdf.signature.advice'), `→ ${e.advice}`);
  }
  if (file.signatures.length > 1) {
    flow.paragraph(w('pdf.file.signatures', { n: file.signatures.length }), {
      size: SMALL,
      after: 2,
    });
  }
  file.signatures.forEach((sig, i) => {
    flow.need(BODY * 8);
    flow.space(5);
    const head =
      w('pdf.signature.heading', { n, i: i + 1, count: file.signatures.length }) +
      (sig.fieldName ? w('pdf.signature.field', { field: sig.fieldName }) : '');
    flow.paragraph([{ text: head, font: boldItalic }], { after: 3 });
    renderSignature(flow, file, sig, lang);
  });
}

function renderSignature(flow: PageFlow, file: FileReport, sig: SignatureReport, lang: Lang): void {
  const { bold, italic } = flow.fonts;
  const w = (key: ReportWordKey, params: MessageParams = {}): string =>
    reportWord(key, lang, params);
  const field = (label: string, value: string | readonly Span[]): void =>
    flow.labelled(label, value, { labelWidth: LABEL_WIDTH, size: BODY, indent: 0 });
  const day = (iso: string): string => formatVietnamDate(iso) ?? iso;
  const d = describeSignature(sig, file, lang, { seconds: true });

  field(w('pdf.file.result'), [
    { text: indicationWord(sig.indication, lang), font: bold },
    { text: ` — ${verdictSentence(sig.indication, sig.subIndication, lang)}` },
  ]);
  // One labelled block per reason keeps each reason and its advice together.
  d.reasons.forEach((r, k) => {
    field(k === 0 ? w('pdf.signature.reasons') : '', r.text);
    if (r.advice !== null) field('', [{ text: `→ ${r.advice}`, font: italic }]);
  });
  if (d.certification !== null) field(w('pdf.signature.kind'), d.certification);
  field(w('pdf.signature.signer'), [{ text: d.signerName, font: bold }]);
  if (d.organization !== null) field(w('pdf.signature.organization'), d.organization);
  if (d.identifiers.length > 0) field(w('pdf.signature.identifiers'), d.identifiers.join('; '));
  if (d.issuerName !== null) field(w('pdf.signature.issuer'), d.issuerName);
  if (sig.signer.serialNumber) field(w('pdf.signature.serial'), sig.signer.serialNumber);
  if (sig.signer.certificateSha256) {
    field(w('pdf.signature.certSha256'), [{ text: sig.signer.certificateSha256, size: 10.5 }]);
  }
  field(w('pdf.signature.signingTime'), d.signingTime);
  field(w('pdf.signature.integrity'), capitalize(d.integrity));
  if (sig.coverage !== null) {
    const revision =
      sig.revision !== undefined && sig.revision !== null
        ? ` (${w('pdf.revision', { revision: sig.revision })})`
        : '';
    field(w('pdf.signature.coverage'), capitalize(coverageText(sig.coverage, lang)) + revision);
  }
  if (sig.modificationLevel !== null) {
    field(
      w('pdf.signature.modifications'),
      capitalize(modificationLevelText(sig.modificationLevel, lang)),
    );
  }
  if (sig.subFilter) field(w('pdf.signature.format'), sig.subFilter);
  if (sig.chain.length > 0) {
    const trusted = sig.checks.some((c) => c.id === 'trust.chain' && c.status === 'PASSED');
    sig.chain.forEach((el, k) => {
      const role =
        k === 0
          ? ` — ${w('pdf.chain.signer')}`
          : k === sig.chain.length - 1 && trusted
            ? ` — ${w('pdf.chain.anchor')}`
            : '';
      const text =
        `${k + 1}. ` +
        w('pdf.chain.element', {
          name: commonNameOf(el.subject) ?? el.subject,
          from: day(el.notBefore),
          to: day(el.notAfter),
        }) +
        role;
      field(k === 0 ? w('pdf.signature.chain') : '', text);
    });
    if (!trusted) field('', capitalize(d.trust.split(' — ').pop() ?? d.trust));
  } else {
    field(w('pdf.signature.chain'), capitalize(d.trust));
  }
  field(w('pdf.signature.revocation'), capitalize(d.revocation));

  // Every check, in the report's order.
  flow.need(BODY * 5);
  flow.space(3);
  flow.paragraph(w('pdf.signature.checks'), { after: 3 });
  const context: MessageParams = {
    signature: file.signatures.indexOf(sig) + 1,
    path: shellArgument(file.path),
  };
  const rows: Cell[][] = sig.checks.map((check) => {
    const m = describeCheck(check, lang, context);
    const decisive = check.status === 'FAILED' || check.status === 'INDETERMINATE';
    const explanation: Span[][] = [[{ text: capitalize(m.text) }]];
    if (decisive && m.known && check.detail.trim() !== '') {
      explanation.push([
        {
          text: w('pdf.detail', { detail: check.detail.trim() }),
          font: italic,
          size: 8.5,
          color: GREY,
        },
      ]);
    }
    return [
      [[{ text: m.label }]],
      [[{ text: checkStatusWord(check.status, lang), ...(decisive ? { font: bold } : {}) }]],
      explanation,
    ];
  });
  flow.table(
    [
      { header: w('pdf.col.check'), weight: 2 },
      { header: w('pdf.col.result'), weight: 1.05, align: 'center' },
      { header: w('pdf.col.explanation'), weight: 4.2 },
    ],
    rows,
    { size: TABLE },
  );
}
