/**
 * `hoso copy certify`: the certified electronic copy of a paper original (chứng thực bản sao
 * điện tử từ bản chính; Decree 23/2015/NĐ-CP as amended, Art. 20; Decree 45/2020/NĐ-CP Art. 10;
 * LEGAL.md §2). The officer has checked the paper original and captured it; the copy reproduces
 * the capture page by page and adds the certification statement on its last page:
 *
 *   CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH
 *   Số chứng thực: <n>   Quyển số: <book>/<year>-SCT/BS
 *   <place>, ngày <dd> tháng <mm> năm <yyyy>
 *   <OFFICER TITLE>
 *   [seal][officer's signature]
 *   <officer's full name>
 *
 * with the agency and the QR code of the copy's lookup URL. The copy is then signed by the
 * officer (certification signature) and by the agency, in the boxes returned here.
 */
import { usageError } from '../kernel/index.js';
import type { CertificationStatementFields, ComposedCopy, OriginalInput } from './copy-model.js';
import { composeCopy } from './copy-composer.js';
import { DEFAULT_COPY_TEMPLATE, fillText, type CopyTemplate } from './copy-template.js';
import { assertStatementFields, dateValues } from './statement-fields.js';

export async function composeCertifiedCopy(
  originals: readonly OriginalInput[],
  fields: CertificationStatementFields,
  template: CopyTemplate = DEFAULT_COPY_TEMPLATE,
): Promise<ComposedCopy> {
  const command = 'copy';
  assertStatementFields(command, fields);
  if (fields.officerName.trim() === '' || fields.officerTitle.trim() === '') {
    throw usageError(
      command,
      'thiếu họ tên hoặc chức danh người thực hiện chứng thực',
      "the certifying officer's name or title is missing",
    );
  }
  if (!Number.isInteger(fields.number) || fields.number < 1) {
    throw usageError(command, 'số chứng thực không hợp lệ', 'invalid certification number');
  }
  const texts = template.texts;
  const number = fillText(texts.certifyNumberLine, {
    number: fields.number,
    book: fields.book,
    year: fields.year,
  });
  const dateLine = fillText(texts.dateLine, { place: fields.place, ...dateValues(fields.date) });
  return composeCopy({
    command,
    originals,
    template,
    date: fields.date,
    title: `${texts.certifyHeading} — ${number}`,
    statement: (pages) => ({
      heading: texts.certifyHeading,
      facts: [number],
      dateLine,
      signerTitle: fields.officerTitle.toLocaleUpperCase('vi-VN'),
      signerName: fields.officerName,
      withSeal: true,
      agencyName: fields.agencyName,
      qrText: fields.lookupUrl,
      codeDisplay: fields.lookupCodeDisplay,
      notes: [fillText(texts.pagesLine, { pages })],
    }),
  });
}
