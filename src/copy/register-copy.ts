/**
 * `hoso copy issue`: the electronic copy of a master-register record (cấp bản sao điện tử từ
 * sổ gốc; Decree 23/2015/NĐ-CP as amended, Art. 16–19; Decree 45/2020/NĐ-CP Art. 10; LEGAL.md
 * §2), issued and signed by the agency that keeps the register. The record's pages are
 * reproduced unchanged and marked on the last page:
 *
 *   BẢN SAO ĐIỆN TỬ ĐƯỢC CẤP TỪ SỔ GỐC
 *   Số bản ghi trong sổ gốc: <n> — Mã hồ sơ: <dossier>
 *   <title>
 *   <place>, ngày <dd> tháng <mm> năm <yyyy>
 *   <SIGNER TITLE>
 *   [agency's signature]
 *
 * with the agency, the QR code of the lookup URL and the page count.
 *
 * A record that is a signed PDF keeps its signatures verifiable: the copy cannot carry them (its
 * pages are a new document, see original-pdf-pages.ts), so the original file itself is embedded
 * in the copy (embedded-file.ts) and the statement says so, naming the attachment and how to
 * check it. The copy never pretends to carry the original's signatures.
 */
import type { ComposedCopy, OriginalInput, RegisterCopyFields } from './copy-model.js';
import { composeCopy } from './copy-composer.js';
import { DEFAULT_COPY_TEMPLATE, fillText, type CopyTemplate } from './copy-template.js';
import { embedFile } from './embedded-file.js';
import { assertStatementFields, dateValues } from './statement-fields.js';
import { usageError } from '../kernel/index.js';

export async function composeRegisterCopy(
  original: OriginalInput,
  fields: RegisterCopyFields,
  template: CopyTemplate = DEFAULT_COPY_TEMPLATE,
): Promise<ComposedCopy> {
  const command = 'copy';
  assertStatementFields(command, fields);
  if (fields.signerTitle.trim() === '') {
    throw usageError(command, 'thiếu chức danh người ký', "the signer's title is missing");
  }
  const texts = template.texts;
  const record = fillText(texts.registerRecordLine, {
    recordNumber: fields.recordNumber,
    dossierCode: fields.dossierCode,
  });
  const facts = [record];
  if (fields.title.trim() !== '')
    facts.push(fillText(texts.registerTitleLine, { title: fields.title }));
  const dateLine = fillText(texts.dateLine, { place: fields.place, ...dateValues(fields.date) });
  const attachment = fields.attachment;
  const attachmentNote =
    attachment === null
      ? null
      : fillText(attachment.signed ? texts.attachmentSignedLine : texts.attachmentLine, {
          name: attachment.name,
        });
  const composed = await composeCopy({
    command,
    originals: [original],
    template,
    date: fields.date,
    title: `${texts.registerHeading} — ${record}`,
    statement: (pages) => ({
      heading: texts.registerHeading,
      facts,
      dateLine,
      signerTitle: fields.signerTitle.toLocaleUpperCase('vi-VN'),
      signerName: null,
      withSeal: false,
      agencyName: fields.agencyName,
      qrText: fields.lookupUrl,
      codeDisplay: fields.lookupCodeDisplay,
      notes: [
        fillText(texts.pagesLine, { pages }),
        ...(attachmentNote === null ? [] : [attachmentNote]),
      ],
    }),
    ...(attachment === null
      ? {}
      : {
          finish: (doc) =>
            embedFile(doc, {
              name: attachment.name,
              bytes: attachment.bytes,
              description: attachmentNote ?? attachment.name,
              modified: fields.date,
            }),
        }),
  });
  // One signature, the agency's: the same box serves both names of the contract.
  return { ...composed, officerSignature: composed.agencySignature };
}
