/**
 * `hoso lookup` in a terminal: the same facts as the lookup page (lookup-page.ts), in the same
 * words (page-text.ts, and the report catalogue for verdicts), laid out as label: value lines.
 */
import type { Lang } from '../kernel/index.js';
import type { LookupRecord } from '../registry/lookup-record.js';
import { formatVietnamTime, indicationWord } from '../report/index.js';
import { formatLookupCode } from './lookup-code.js';
import { PAGE_TEXT } from './page-text.js';

export function renderLookupRecordText(record: LookupRecord, lang: Lang): string {
  const w = PAGE_TEXT[lang];
  const time = (iso: string) => `${formatVietnamTime(iso) ?? iso} (${w.timeZoneNote})`;
  const rows: [string, string][] = [
    [w.lookupCodeLabel, formatLookupCode(record.lookupCode)],
    [w.kindLabel, w.kinds[record.kind]],
    [
      lang === 'vi' ? 'Tình trạng' : 'Status',
      record.status === 'VALID'
        ? w.statusValid
        : `${w.statusRevoked}${record.revokedAt ? ` — ${w.revokedSince} ${time(record.revokedAt)}` : ''}`,
    ],
  ];
  if (record.system.name) rows.push([w.systemLabel, record.system.name]);
  if (record.system.owner) rows.push([w.ownerLabel, record.system.owner]);
  if (record.agency.name || record.agency.code)
    rows.push([
      w.agencyLabel,
      [record.agency.name, record.agency.code ? `(${record.agency.code})` : null]
        .filter(Boolean)
        .join(' '),
    ]);
  if (record.dossierCode) rows.push([w.dossierCodeLabel, record.dossierCode]);
  if (record.resultCode) rows.push([w.resultCodeLabel, record.resultCode]);
  if (record.procedureCode) rows.push([w.procedureCodeLabel, record.procedureCode]);
  rows.push([w.issuedLabel[record.kind], time(record.issuedAt)]);
  if (record.convertedAt && record.convertedAt !== record.issuedAt)
    rows.push([w.convertedLabel, time(record.convertedAt)]);
  if (record.certification)
    rows.push([
      w.certificationLabel,
      `${w.certificationNumber} ${record.certification.number}, ${w.certificationBook} ${record.certification.book}/${record.certification.year}-SCT/BS`,
    ]);
  rows.push(['SHA-256', record.sha256]);

  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  let text = `${record.title}\n`;
  for (const [label, value] of rows) text += `  ${`${label}:`.padEnd(width)}${value}\n`;
  text += `  ${w.signersHeading}:\n`;
  if (record.verification === null) text += `    ${w.notVerified}\n`;
  else if (record.signers.length === 0) text += `    ${w.noSignature}\n`;
  record.signers.forEach((s, i) => {
    const who = [s.name, s.organization !== s.name ? s.organization : null]
      .filter(Boolean)
      .join(' — ');
    const when = s.signingTime ? ` — ${w.signedAt} ${formatVietnamTime(s.signingTime)}` : '';
    text += `    ${i + 1}. ${who}${when} — ${indicationWord(s.indication, lang)}\n`;
  });
  return text;
}
