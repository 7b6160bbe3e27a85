/**
 * Unsigned sample inputs, built from code so they are reproducible byte for byte (STYLE.md
 * rule 7): a one-page application form (ĐƠN ĐỀ NGHỊ), a two-page decision (QUYẾT ĐỊNH) with an
 * empty area for the visible signature, and a generic ID-card scan (JPEG).
 *
 * The documents follow the presentation rules of Decree 30/2020/NĐ-CP (Appendix I): A4, margins
 * top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New Roman–compatible font (Tinos);
 * body 13–14 pt; national motto and agency header; page numbers from page 2, centred in the top
 * margin. All names, numbers and addresses are invented; each page says so in its bottom margin.
 *
 * Importing this module does nothing; call the functions.
 */
import fontkit from '@pdf-lib/fontkit';
import { encode as encodeJpeg } from 'jpeg-js';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { loadTinosBytes } from '../src/layout/index.js';

export interface SampleDocumentOptions {
  /** Cross-reference format of the saved file: classic table, or xref stream + object streams. */
  readonly xref: 'table' | 'stream';
}

/** Where a signature box sits, in PDF points from the bottom-left corner of the page. */
export interface SignatureBox {
  /** 1-based page number. */
  readonly page: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

const MM = 72 / 25.4;
const A4: [number, number] = [595.28, 841.89];
/** Decree 30/2020 Appendix I §I.4: top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM } as const;
const LEFT = MARGIN.left;
const RIGHT = A4[0] - MARGIN.right;
const TOP = A4[1] - MARGIN.top;
const BOTTOM = MARGIN.bottom;
const CONTENT_WIDTH = RIGHT - LEFT;
const BODY = 14;
const LEADING = 1.3;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.45, 0.45, 0.45);
const SAMPLE_NOTE =
  'Tài liệu mẫu phục vụ kiểm thử phần mềm hoso — thông tin trong tài liệu là giả định';

/**
 * The empty area at the bottom of page 2 of the decision, between "CHỦ TỊCH" and the signer's
 * name, where the visible signature goes.
 */
export const DECISION_SIGNATURE_BOX: SignatureBox = {
  page: 2,
  x: 330,
  y: 272,
  w: 210,
  h: 76,
};

/** The empty area above the applicant's name on the application form. */
export const APPLICATION_SIGNATURE_BOX: SignatureBox = {
  page: 1,
  x: 330,
  y: 104,
  w: 210,
  h: 64,
};

interface Fonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
  readonly italic: PDFFont;
  readonly boldItalic: PDFFont;
}

/** A piece of text in one face; paragraphs are lists of runs. */
interface Run {
  readonly text: string;
  readonly font: PDFFont;
}

async function newDocument(meta: {
  title: string;
  subject: string;
  date: Date;
}): Promise<{ doc: PDFDocument; fonts: Fonts }> {
  // updateMetadata: false keeps pdf-lib from stamping the current time and its own producer.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  // loadTinosBytes returns glyph-aligned bytes: with the raw files, pdf-lib's subsetting
  // (fontkit) drops most Vietnamese glyphs (see src/layout/truetype-glyph-alignment.ts).
  const embed = async (style: Parameters<typeof loadTinosBytes>[0]): Promise<PDFFont> =>
    doc.embedFont(await loadTinosBytes(style), { subset: true });
  const fonts: Fonts = {
    regular: await embed('regular'),
    bold: await embed('bold'),
    italic: await embed('italic'),
    boldItalic: await embed('bold-italic'),
  };
  doc.setTitle(meta.title);
  doc.setSubject(meta.subject);
  doc.setLanguage('vi-VN');
  doc.setProducer('hoso samples');
  doc.setCreator('hoso samples');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  return { doc, fonts };
}

async function save(doc: PDFDocument, options: SampleDocumentOptions): Promise<Uint8Array> {
  return doc.save({ useObjectStreams: options.xref === 'stream' });
}

function textWidth(text: string, font: PDFFont, size: number): number {
  return font.widthOfTextAtSize(text, size);
}

function drawCentred(
  page: PDFPage,
  text: string,
  font: PDFFont,
  size: number,
  y: number,
  from = LEFT,
  to = RIGHT,
): number {
  const width = textWidth(text, font, size);
  const x = from + (to - from - width) / 2;
  page.drawText(text, { x, y, size, font, color: BLACK });
  return width;
}

/** A solid rule centred on the column, as under the national motto and the agency name. */
function drawRule(page: PDFPage, y: number, width: number, from = LEFT, to = RIGHT): void {
  const x = from + (to - from - width) / 2;
  page.drawLine({ start: { x, y }, end: { x: x + width, y }, thickness: 0.6, color: BLACK });
}

/**
 * Flowing text over pages: words are placed one by one so that lines can be justified
 * (Decree 30 body text is justified) and a paragraph can mix faces (a bold "Điều 1.").
 */
class Flow {
  page: PDFPage;
  y: number;
  pageNumber = 1;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
  ) {
    this.page = this.addPage();
    this.y = TOP;
  }

  private addPage(): PDFPage {
    const page = this.doc.addPage(A4);
    page.drawText(SAMPLE_NOTE, {
      x: LEFT + (CONTENT_WIDTH - textWidth(SAMPLE_NOTE, this.fonts.italic, 8)) / 2,
      y: BOTTOM / 2 - 3,
      size: 8,
      font: this.fonts.italic,
      color: GREY,
    });
    return page;
  }

  newPage(): void {
    this.page = this.addPage();
    this.pageNumber += 1;
    // Decree 30: page numbers from the second page on, centred in the top margin.
    drawCentred(
      this.page,
      String(this.pageNumber),
      this.fonts.regular,
      13,
      A4[1] - MARGIN.top / 2 - 4,
    );
    this.y = TOP;
  }

  space(points: number): void {
    this.y -= points;
  }

  /** Moves to a new page unless `height` points still fit above the bottom margin. */
  need(height: number): void {
    if (this.y - height < BOTTOM) this.newPage();
  }

  paragraph(
    runs: readonly Run[],
    opts: {
      size?: number;
      indent?: number;
      align?: 'justify' | 'left' | 'center';
      after?: number;
    } = {},
  ): void {
    const size = opts.size ?? BODY;
    const indent = opts.indent ?? 0;
    const align = opts.align ?? 'justify';
    const lineHeight = size * LEADING;
    const space = textWidth(' ', this.fonts.regular, size);
    const words = runs.flatMap((run) =>
      run.text
        .normalize('NFC')
        .split(' ')
        .filter((w) => w !== '')
        .map((text) => ({ text, font: run.font, width: textWidth(text, run.font, size) })),
    );
    // Greedy line breaking.
    const lines: (typeof words)[] = [];
    let line: typeof words = [];
    let lineWidth = 0;
    for (const word of words) {
      const available = CONTENT_WIDTH - (lines.length === 0 ? indent : 0);
      const next = line.length === 0 ? word.width : lineWidth + space + word.width;
      if (line.length > 0 && next > available) {
        lines.push(line);
        line = [word];
        lineWidth = word.width;
      } else {
        line.push(word);
        lineWidth = next;
      }
    }
    if (line.length > 0) lines.push(line);

    lines.forEach((words, i) => {
      this.need(lineHeight);
      this.y -= lineHeight;
      const start = LEFT + (i === 0 ? indent : 0);
      const available = RIGHT - start;
      const natural = words.reduce((n, w) => n + w.width, 0) + space * (words.length - 1);
      const last = i === lines.length - 1;
      let gap = space;
      let x = start;
      if (align === 'justify' && !last && words.length > 1) {
        gap = space + (available - natural) / (words.length - 1);
      } else if (align === 'center') {
        x = start + (available - natural) / 2;
      }
      for (const word of words) {
        this.page.drawText(word.text, { x, y: this.y, size, font: word.font, color: BLACK });
        x += word.width + gap;
      }
    });
    this.y -= opts.after ?? 4;
  }
}

const r = (font: PDFFont, text: string): Run => ({ text, font });

/** A centred block in a column: each line drawn top-down from `top`; returns the last baseline. */
function columnBlock(
  page: PDFPage,
  lines: readonly { text: string; font: PDFFont; size: number; rule?: boolean }[],
  top: number,
  from: number,
  to: number,
): number {
  let y = top;
  for (const line of lines) {
    y -= line.size * LEADING;
    const width = drawCentred(page, line.text, line.font, line.size, y, from, to);
    if (line.rule === true) {
      drawRule(page, y - 4, width, from, to);
      y -= 4;
    }
  }
  return y;
}

/** Throws if the flowing text reached into the area kept for the signature block. */
function assertAbove(flow: Flow, page: number, limit: number, what: string): void {
  if (flow.pageNumber !== page || flow.y < limit) {
    throw new Error(
      `sample layout: ${what} text ended on page ${flow.pageNumber} at y=${flow.y.toFixed(1)}, ` +
        `expected page ${page} above y=${limit}`,
    );
  }
}

/**
 * A one-page application (ĐƠN ĐỀ NGHỊ) of Trần Thị Bình to the People's Committee of Hoàn Kiếm
 * ward, asking to use part of the pavement for a family wedding.
 */
export async function makeApplicationForm(
  options: SampleDocumentOptions = { xref: 'stream' },
): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument({
    title: 'Đơn đề nghị cho phép sử dụng tạm thời một phần hè phố',
    subject: 'Tài liệu mẫu (hoso)',
    date: new Date('2026-11-24T09:00:00+07:00'),
  });
  const { regular, bold, italic } = fonts;
  const flow = new Flow(doc, fonts);
  const page = flow.page;

  // Quốc hiệu and tiêu ngữ (Decree 30, Appendix I, §II.1).
  flow.y = columnBlock(
    page,
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', font: bold, size: 13 },
      { text: 'Độc lập - Tự do - Hạnh phúc', font: bold, size: 14, rule: true },
    ],
    TOP,
    LEFT,
    RIGHT,
  );
  flow.space(22);
  flow.y = columnBlock(
    page,
    [
      { text: 'ĐƠN ĐỀ NGHỊ', font: bold, size: 14 },
      { text: 'Cho phép sử dụng tạm thời một phần hè phố', font: bold, size: 14 },
    ],
    flow.y,
    LEFT,
    RIGHT,
  );
  flow.space(14);
  flow.paragraph([r(bold, 'Kính gửi:'), r(regular, 'UBND Phường Hoàn Kiếm')], {
    align: 'center',
    after: 10,
  });

  const field = (label: string, value: string): void =>
    flow.paragraph([r(regular, `${label}:`), r(regular, value)], { indent: 1 * 28.35, after: 1 });
  field('Tôi tên là', 'Trần Thị Bình');
  field('Ngày, tháng, năm sinh', '12/03/1990; giới tính: Nữ');
  field('Số CCCD', '001190000123, cấp ngày 15/06/2021');
  field('Nơi cấp', 'Cục Cảnh sát quản lý hành chính về trật tự xã hội');
  field('Nơi cư trú', 'Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội');
  field('Số điện thoại', '0900 000 000');
  flow.space(4);
  const indent = 1 * 28.35;
  flow.paragraph(
    [
      r(
        regular,
        'Gia đình tôi tổ chức lễ cưới cho con vào ngày 05 tháng 12 năm 2026. Tôi làm đơn này ' +
          'kính đề nghị UBND Phường Hoàn Kiếm cho phép gia đình tôi được sử dụng tạm thời một ' +
          'phần hè phố trước nhà số 12 phố Hàng Bạc, diện tích 12 m² (dài 6,0 m, rộng 2,0 m), ' +
          'từ 07 giờ 00 đến 22 giờ 00 ngày 05 tháng 12 năm 2026.',
      ),
    ],
    { indent },
  );
  flow.paragraph(
    [
      r(
        regular,
        'Phần hè phố còn lại dành cho người đi bộ rộng tối thiểu 1,5 m. Gia đình tôi cam kết ' +
          'bảo đảm trật tự, an toàn giao thông, vệ sinh môi trường và hoàn trả nguyên trạng hè ' +
          'phố ngay sau khi hết thời gian được phép sử dụng.',
      ),
    ],
    { indent },
  );
  flow.paragraph(
    [
      r(
        regular,
        'Tôi xin cam đoan những thông tin nêu trên là đúng sự thật và chịu trách nhiệm trước ' +
          'pháp luật về lời cam đoan của mình.',
      ),
    ],
    { indent },
  );
  flow.paragraph([r(regular, 'Xin trân trọng cảm ơn!')], { indent, after: 8 });

  // Signature block (right column) and enclosures (left column) at fixed places, so that the
  // signature box is a constant.
  const blockTop = 262;
  assertAbove(flow, 1, blockTop + 4, 'application');
  const mid = LEFT + CONTENT_WIDTH * 0.45;
  const box = APPLICATION_SIGNATURE_BOX;
  columnBlock(
    page,
    [
      { text: 'Hà Nội, ngày 24 tháng 11 năm 2026', font: italic, size: 14 },
      { text: 'NGƯỜI LÀM ĐƠN', font: bold, size: 14 },
      { text: '(Ký và ghi rõ họ tên)', font: italic, size: 13 },
    ],
    blockTop,
    box.x,
    box.x + box.w,
  );
  drawCentred(page, 'Trần Thị Bình', bold, 14, box.y - 18, box.x, box.x + box.w);
  let y = blockTop - 2 * BODY * LEADING;
  page.drawText('Hồ sơ kèm theo:', { x: LEFT, y, size: 12, font: fonts.boldItalic });
  for (const item of [
    '- Bản chụp thẻ Căn cước công dân;',
    '- Sơ đồ vị trí, diện tích đề nghị sử dụng.',
  ]) {
    y -= 12 * LEADING;
    if (textWidth(item, regular, 11) > mid - LEFT)
      throw new Error('sample layout: enclosure too wide');
    page.drawText(item, { x: LEFT, y, size: 11, font: regular });
  }
  return save(doc, options);
}

/**
 * A two-page decision (QUYẾT ĐỊNH) of the People's Committee of Hoàn Kiếm ward granting the
 * application above; page 2 ends with the signature block, whose empty area is
 * DECISION_SIGNATURE_BOX.
 */
export async function makeResultDecision(
  options: SampleDocumentOptions = { xref: 'stream' },
): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument({
    title: 'Quyết định cho phép sử dụng tạm thời một phần hè phố',
    subject: 'Tài liệu mẫu (hoso)',
    date: new Date('2026-11-25T14:00:00+07:00'),
  });
  const { regular, bold, italic, boldItalic } = fonts;
  const flow = new Flow(doc, fonts);
  const page = flow.page;

  // Header: issuing agency and number (left), national motto and place/date (right).
  const split = LEFT + CONTENT_WIDTH * 0.38;
  const leftEnd = columnBlock(
    page,
    [
      { text: 'ỦY BAN NHÂN DÂN', font: bold, size: 13 },
      { text: 'PHƯỜNG HOÀN KIẾM', font: bold, size: 13, rule: true },
    ],
    TOP,
    LEFT - 10,
    split,
  );
  drawCentred(page, 'Số: 123/QĐ-UBND', regular, 13, leftEnd - 22, LEFT - 10, split);
  const rightEnd = columnBlock(
    page,
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', font: bold, size: 12 },
      { text: 'Độc lập - Tự do - Hạnh phúc', font: bold, size: 13, rule: true },
    ],
    TOP,
    split,
    RIGHT + 10,
  );
  drawCentred(
    page,
    'Hoàn Kiếm, ngày 25 tháng 11 năm 2026',
    italic,
    13,
    rightEnd - 22,
    split,
    RIGHT + 10,
  );
  flow.y = Math.min(leftEnd, rightEnd) - 50;

  flow.y = columnBlock(
    page,
    [
      { text: 'QUYẾT ĐỊNH', font: bold, size: 14 },
      {
        text: 'Về việc cho phép sử dụng tạm thời một phần hè phố',
        font: bold,
        size: 14,
        rule: true,
      },
    ],
    flow.y,
    LEFT,
    RIGHT,
  );
  flow.space(14);
  flow.paragraph([r(bold, 'CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG HOÀN KIẾM')], {
    align: 'center',
    after: 10,
  });

  const indent = 1 * 28.35;
  const basis = [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
    'Căn cứ Luật Đường bộ ngày 27 tháng 6 năm 2024;',
    'Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện ' +
      'thủ tục hành chính trên môi trường điện tử;',
    'Căn cứ Quy định về quản lý, sử dụng tạm thời một phần hè phố trên địa bàn Thành phố Hà Nội;',
    'Xét đơn đề nghị của bà Trần Thị Bình ngày 24 tháng 11 năm 2026 và đề nghị của Trưởng ' +
      'phòng Kinh tế, Hạ tầng và Đô thị phường.',
  ];
  for (const line of basis) flow.paragraph([r(italic, line)], { indent });
  flow.space(6);
  flow.paragraph([r(bold, 'QUYẾT ĐỊNH:')], { align: 'center', after: 8 });

  const article = (n: number, text: string): void =>
    flow.paragraph([r(bold, `Điều ${n}.`), r(regular, text)], { indent });
  const item = (text: string): void => flow.paragraph([r(regular, text)], { indent });

  article(
    1,
    'Cho phép bà Trần Thị Bình, sinh ngày 12/03/1990, số định danh cá nhân 001190000123, ' +
      'nơi cư trú: Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội, được sử dụng tạm ' +
      'thời một phần hè phố để tổ chức việc cưới của gia đình, cụ thể như sau:',
  );
  item('a) Vị trí: hè phố trước nhà số 12 phố Hàng Bạc (phía số chẵn);');
  item(
    'b) Diện tích sử dụng: 12 m² (dài 6,0 m, rộng 2,0 m); phần hè phố còn lại dành cho người ' +
      'đi bộ rộng tối thiểu 1,5 m;',
  );
  item('c) Thời gian sử dụng: từ 07 giờ 00 đến 22 giờ 00 ngày 05 tháng 12 năm 2026.');
  article(2, 'Trách nhiệm của bà Trần Thị Bình:');
  item(
    'a) Sử dụng đúng vị trí, diện tích và thời gian được cho phép; không dựng rạp, đặt vật ' +
      'dụng lấn xuống lòng đường; không che khuất biển báo, đèn tín hiệu giao thông;',
  );
  item(
    'b) Bảo đảm trật tự, an toàn giao thông, vệ sinh môi trường, phòng cháy và chữa cháy; ' +
      'không sử dụng loa, thiết bị âm thanh gây ồn sau 22 giờ 00;',
  );
  item(
    'c) Hoàn trả nguyên trạng hè phố ngay sau khi hết thời gian sử dụng; nếu làm hư hỏng kết ' +
      'cấu hè phố, công trình hạ tầng thì phải sửa chữa, bồi thường theo quy định;',
  );
  item(
    'd) Nộp phí sử dụng tạm thời một phần hè phố (nếu có) theo quy định của Hội đồng nhân dân ' +
      'Thành phố Hà Nội.',
  );
  article(
    3,
    'Trường hợp cần thay đổi thời gian hoặc diện tích sử dụng, bà Trần Thị Bình phải có văn ' +
      'bản đề nghị gửi Ủy ban nhân dân phường trước ít nhất 03 ngày làm việc và chỉ được thực ' +
      'hiện sau khi được chấp thuận bằng văn bản. Quyết định này không thay thế các thủ tục về ' +
      'an ninh, trật tự, phòng cháy và chữa cháy theo quy định của pháp luật chuyên ngành.',
  );
  article(
    4,
    'Giao Phòng Kinh tế, Hạ tầng và Đô thị phường chủ trì, phối hợp với Công an Phường Hoàn ' +
      'Kiếm kiểm tra, giám sát việc thực hiện Quyết định này; trường hợp phát hiện vi phạm thì ' +
      'xử lý hoặc đề nghị cấp có thẩm quyền xử lý theo quy định của pháp luật.',
  );
  article(
    5,
    'Kết quả giải quyết thủ tục hành chính được trả cho người đề nghị dưới dạng bản điện tử ' +
      'có chữ ký số của cơ quan qua Cổng Dịch vụ công quốc gia; bản điện tử có giá trị pháp lý ' +
      'như bản giấy theo quy định tại Nghị định số 45/2020/NĐ-CP. Trường hợp người đề nghị có ' +
      'yêu cầu, Bộ phận Một cửa phường cấp bản giấy chuyển đổi từ bản điện tử.',
  );
  article(
    6,
    'Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Hội đồng nhân dân và Ủy ban ' +
      'nhân dân phường, Trưởng phòng Kinh tế, Hạ tầng và Đô thị, Trưởng Công an Phường Hoàn ' +
      'Kiếm, Thủ trưởng các cơ quan, đơn vị có liên quan và bà Trần Thị Bình chịu trách nhiệm ' +
      'thi hành Quyết định này./.',
  );
  // Recipients (left) and signature block (right) at fixed places on page 2, just below the
  // last article.
  const blockTop = 396;
  assertAbove(flow, 2, blockTop + 6, 'decision');
  const page2 = flow.page;
  const box = DECISION_SIGNATURE_BOX;
  let y = blockTop - 12 * LEADING;
  page2.drawText('Nơi nhận:', { x: LEFT, y, size: 12, font: boldItalic });
  for (const line of [
    '- Như Điều 6;',
    '- Chủ tịch, các Phó Chủ tịch UBND phường;',
    '- Cổng Dịch vụ công quốc gia;',
    '- Lưu: VT, KT-HT-ĐT.',
  ]) {
    y -= 11 * 1.25;
    if (LEFT + textWidth(line, regular, 11) > box.x - 6)
      throw new Error('sample layout: recipients too wide');
    page2.drawText(line, { x: LEFT, y, size: 11, font: regular });
  }
  columnBlock(
    page2,
    [
      { text: 'TM. ỦY BAN NHÂN DÂN', font: bold, size: 14 },
      { text: 'CHỦ TỊCH', font: bold, size: 14 },
    ],
    blockTop,
    box.x,
    box.x + box.w,
  );
  drawCentred(page2, 'Nguyễn Văn An', bold, 14, box.y - 20, box.x, box.x + box.w);
  if (doc.getPageCount() !== 2) throw new Error('sample layout: the decision must have two pages');
  return save(doc, options);
}

/** The empty area above the signer's name on the confirmation. */
export const CONFIRMATION_SIGNATURE_BOX: SignatureBox = {
  page: 1,
  x: 330,
  y: 150,
  w: 210,
  h: 70,
};

/**
 * A one-page result with a filled form (GIẤY XÁC NHẬN: confirmation of residence facts, as a
 * ward issues them): the printed labels are page content, the answers are AcroForm text fields
 * whose values exist only as their widgets' appearance streams, and there is room for a visible
 * signature. A paper conversion that copies only the page content loses the answers.
 */
export async function makeConfirmationForm(): Promise<Uint8Array> {
  const { doc, fonts } = await newDocument({
    title: 'Giấy xác nhận thông tin về cư trú',
    subject: 'Tài liệu mẫu (hoso)',
    date: new Date('2026-11-25T15:00:00+07:00'),
  });
  const { regular, bold, italic } = fonts;
  const page = doc.addPage(A4);
  const split = LEFT + CONTENT_WIDTH * 0.38;
  columnBlock(
    page,
    [
      { text: 'CÔNG AN PHƯỜNG', font: bold, size: 12 },
      { text: 'HOÀN KIẾM', font: bold, size: 12, rule: true },
    ],
    TOP,
    LEFT - 10,
    split,
  );
  columnBlock(
    page,
    [
      { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', font: bold, size: 12 },
      { text: 'Độc lập - Tự do - Hạnh phúc', font: bold, size: 13, rule: true },
    ],
    TOP,
    split,
    RIGHT + 10,
  );
  let y = TOP - 110;
  drawCentred(page, 'GIẤY XÁC NHẬN THÔNG TIN VỀ CƯ TRÚ', bold, 15, y);
  y -= 40;
  const form = doc.getForm();
  const rows: [label: string, name: string, value: string][] = [
    ['Họ, chữ đệm và tên:', 'hoTen', 'TRẦN THỊ BÌNH'],
    ['Ngày, tháng, năm sinh:', 'ngaySinh', '12/03/1990'],
    ['Số định danh cá nhân:', 'soDinhDanh', '001190004321'],
    ['Nơi thường trú:', 'noiThuongTru', 'Số 8 phố Hàng Bạc, phường Hoàn Kiếm, Hà Nội'],
    ['Nội dung xác nhận:', 'noiDung', 'Đăng ký thường trú từ ngày 05/06/2015 đến nay'],
  ];
  const labelWidth = 150;
  for (const [label, name, value] of rows) {
    page.drawText(label, { x: LEFT, y, size: 13, font: regular, color: BLACK });
    const field = form.createTextField(name);
    field.setText(value);
    field.addToPage(page, {
      x: LEFT + labelWidth,
      y: y - 6,
      width: RIGHT - LEFT - labelWidth,
      height: 22,
      font: regular,
      borderWidth: 0,
    });
    field.setFontSize(13);
    field.enableReadOnly();
    y -= 34;
  }
  form.updateFieldAppearances(regular);
  y -= 10;
  page.drawText('Giấy xác nhận có giá trị 30 ngày kể từ ngày ký.', {
    x: LEFT,
    y,
    size: 13,
    font: italic,
    color: BLACK,
  });
  const box = CONFIRMATION_SIGNATURE_BOX;
  columnBlock(
    page,
    [
      { text: 'TRƯỞNG CÔNG AN PHƯỜNG', font: bold, size: 13 },
      { text: '(Ký số)', font: italic, size: 12 },
    ],
    box.y + box.h + 40,
    box.x,
    box.x + box.w,
  );
  drawCentred(page, 'Nguyễn Văn An', bold, 13, box.y - 20, box.x, box.x + box.w);
  drawCentred(page, SAMPLE_NOTE, italic, 8, BOTTOM, LEFT, RIGHT);
  return save(doc, { xref: 'table' });
}

/**
 * A generic ID card "scan" (600×380 px JPEG, quality 85), drawn procedurally: card background
 * with a fine wave pattern, header band, an emblem, a portrait placeholder with a face-like
 * silhouette and grey bars where the text would be. No real person's data, no text.
 */
export function makeIdCardScan(): Uint8Array {
  const width = 600;
  const height = 380;
  const data = new Uint8Array(width * height * 4);
  const set = (x: number, y: number, c: readonly [number, number, number]): void => {
    const i = (y * width + x) * 4;
    data[i] = c[0];
    data[i + 1] = c[1];
    data[i + 2] = c[2];
    data[i + 3] = 255;
  };
  const inRoundedRect = (
    x: number,
    y: number,
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    radius: number,
  ): boolean => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
    const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };

  const card = { x0: 20, y0: 20, x1: 580, y1: 360 };
  const photo = { x0: 48, y0: 118, x1: 188, y1: 300 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Scanner bed: light grey, slightly darker towards the edges.
      const edge = Math.min(x, y, width - 1 - x, height - 1 - y);
      let c: [number, number, number] = [
        218 + Math.min(edge, 20),
        218 + Math.min(edge, 20),
        214 + Math.min(edge, 20),
      ];
      if (inRoundedRect(x, y, card.x0 + 3, card.y0 + 4, card.x1 + 3, card.y1 + 4, 22)) {
        c = [170, 170, 168]; // shadow
      }
      if (inRoundedRect(x, y, card.x0, card.y0, card.x1, card.y1, 22)) {
        // Card: pale blue-green to pale yellow, with a fine guilloche-like wave pattern.
        const t = (x - card.x0) / (card.x1 - card.x0);
        const wave =
          Math.sin(x / 9 + 4 * Math.sin(y / 23)) * Math.sin(y / 11 + 3 * Math.sin(x / 31));
        const w = wave > 0.92 ? -18 : 0;
        c = [
          Math.round(214 + 30 * t + w),
          Math.round(236 + 6 * t + w),
          Math.round(230 - 40 * t + w),
        ];
        // Header band.
        if (y < card.y0 + 62) c = [Math.round(176 + 20 * t), 38, 42];
        if (y >= card.y0 + 62 && y < card.y0 + 66) c = [222, 180, 60];
        // Emblem: a yellow disc with a red ring, left of the header.
        const dEmblem = Math.hypot(x - 70, y - 51);
        if (dEmblem < 24) c = dEmblem > 20 ? [222, 180, 60] : [204, 42, 40];
        if (dEmblem < 9) c = [240, 206, 70];
        // Header "text": light bars.
        if (y > 36 && y < 44 && x > 160 && x < 520) c = [245, 225, 225];
        if (y > 52 && y < 60 && x > 210 && x < 470) c = [245, 225, 225];
        // Portrait: pale blue background, head and shoulders.
        if (x >= photo.x0 && x <= photo.x1 && y >= photo.y0 && y <= photo.y1) {
          c = [196, 214, 232];
          const head = ((x - 118) / 36) ** 2 + ((y - 190) / 46) ** 2;
          const shoulders = ((x - 118) / 66) ** 2 + ((y - 300) / 62) ** 2;
          if (shoulders < 1) c = [52, 62, 84];
          if (head < 1) c = [226, 190, 160];
          if (head < 1 && y < 164) c = [40, 34, 30]; // hair
          if ((Math.hypot(x - 104, y - 188) < 4 || Math.hypot(x - 132, y - 188) < 4) && head < 1) {
            c = [50, 40, 36];
          }
          if (Math.abs(y - 216) < 2 && Math.abs(x - 118) < 12) c = [170, 90, 90];
          if (x === photo.x0 || x === photo.x1 || y === photo.y0 || y === photo.y1)
            c = [90, 90, 90];
        }
        // Field labels (short, dark) and values (long, darker) as bars.
        for (let row = 0; row < 6; row++) {
          const top = 118 + row * 30;
          if (y >= top && y < top + 6 && x >= 214 && x < 214 + 60 + ((row * 23) % 40))
            c = [120, 126, 124];
          if (y >= top + 10 && y < top + 20 && x >= 214 && x < 214 + 150 + ((row * 67) % 170)) {
            c = [36, 40, 46];
          }
        }
        // Machine-readable-zone-like strip at the bottom.
        if (y >= 318 && y < 342 && x >= 48 && x < 552) {
          c = [232, 238, 234];
          if ((y === 324 || y === 335) && x % 9 < 6) c = [60, 60, 60];
        }
      }
      set(x, y, c);
    }
  }
  return new Uint8Array(encodeJpeg({ data, width, height }, 85).data);
}
