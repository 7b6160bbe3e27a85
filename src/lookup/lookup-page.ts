/**
 * The HTML of the lookup site: the page a phone shows after scanning the QR code on a paper
 * conversion or a certified copy (UX.md "Lookup page"), the search form, and the message pages
 * (not found, errors).
 *
 * What the record page shows is fixed by LEGAL.md §1.7 and §5 (Decree 45/2020 Art. 6: nothing
 * beyond what the printed paper shows): title, status, kind, system and owner, agency, dossier
 * (result, procedure) code, times, certification entry, signers with their verdict at issue,
 * the SHA-256 and the lookup code. `pages` is deliberately not shown (not in that list). Every
 * value from the record is escaped: titles and names are typed by users.
 *
 * The pages need no script (the CSP forbids any) and read well without the style sheet:
 * semantic markup (main, h1, dl/dt/dd, ol) carries the structure; the one inline `<style>` is
 * allowed by its SHA-256 in the CSP (CSP Level 3 §8.4 hash-source) rather than by
 * 'unsafe-inline', so an injected `<style>` would not apply either.
 */
import { createHash } from 'node:crypto';
import type { Lang } from '../kernel/index.js';
import { capitalize, formatVietnamTime, indicationWord } from '../report/index.js';
import type { LookupRecord, SignerAtIssue } from '../registry/lookup-record.js';
import { PAGE_TEXT, type PageText } from './page-text.js';

/**
 * Mobile first: one column up to 40 rem, type at 1.125 rem, long codes allowed to break
 * anywhere so nothing scrolls sideways on a 360-px phone. Colours meet WCAG 2.2 AA (≥ 4.5:1
 * for text) and the status badge carries a word and a symbol, never colour alone (WCAG 1.4.1).
 */
export const LOOKUP_PAGE_STYLE = [
  ':root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}',
  'body{margin:0;font-size:1.125rem}',
  'main{max-width:40rem;margin:0 auto;padding:1.25rem 1rem 2.5rem}',
  'h1{font-size:1.75rem;line-height:1.25;margin:.25rem 0 1rem;overflow-wrap:anywhere}',
  'h2{font-size:1.2rem;margin:1.75rem 0 .5rem}',
  '.eyebrow{margin:0;color:#4a4a4a;font-size:1rem}',
  '.status{display:inline-block;margin:0 0 1rem;padding:.35rem .8rem;border:2px solid;border-radius:.4rem;font-weight:700}',
  '.status-valid{color:#0b5d2a;background:#e7f4eb}',
  '.status-revoked{color:#9b1111;background:#fde8e6}',
  '.revoked-at{margin:-.5rem 0 1rem}',
  'dl{margin:0}',
  'dt{font-weight:700;margin-top:.75rem}',
  'dd{margin:0;overflow-wrap:anywhere}',
  '@media (min-width:40rem){dl{display:grid;grid-template-columns:13rem 1fr;column-gap:1rem}dt,dd{margin-top:.6rem}}',
  '.signers{padding-left:1.5rem;margin:0}',
  '.signers li{margin-bottom:.6rem;overflow-wrap:anywhere}',
  '.verdict{font-weight:700;white-space:nowrap}',
  '.verdict-TOTAL_PASSED{color:#0b5d2a}',
  '.verdict-TOTAL_FAILED{color:#9b1111}',
  '.verdict-INDETERMINATE{color:#7a4d00}',
  '.hash{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.05rem;margin:0}',
  '.hash span{display:inline-block;margin-right:.45em}',
  '.note{color:#3d3d3d;font-size:1rem}',
  'code.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-weight:700}',
  'label{display:block;font-weight:700;margin-bottom:.25rem}',
  'input[type=text]{box-sizing:border-box;width:100%;font-size:1.25rem;padding:.5rem;border:2px solid #555;border-radius:.3rem;text-transform:uppercase;font-family:ui-monospace,Menlo,Consolas,monospace}',
  '.hint{color:#3d3d3d;font-size:1rem;margin:.25rem 0 .75rem}',
  'button{font-size:1.125rem;padding:.5rem 1.25rem;border:0;border-radius:.3rem;background:#0b4f8a;color:#fff;cursor:pointer}',
  'a{color:#0b4f8a}',
  'nav{margin-top:2rem;font-size:1rem}',
].join('');

/** The CSP `style-src` source that allows exactly LOOKUP_PAGE_STYLE and nothing else. */
export const LOOKUP_PAGE_STYLE_SOURCE = `'sha256-${createHash('sha256').update(LOOKUP_PAGE_STYLE, 'utf8').digest('base64')}'`;

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Text for an HTML element or a quoted attribute (OWASP XSS Prevention Cheat Sheet, rule 1 and
 * 2). C0 controls other than tab and newline are dropped: they have no business in a title and
 * some are invalid in HTML.
 */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => {
    return ESCAPES[c] ?? c;
  });
}

/** The query string that keeps the visitor's language on links and redirects. */
export function langQuery(lang: Lang, defaultLang: Lang): string {
  return lang === defaultLang ? '' : `?lang=${lang}`;
}

function head(lang: Lang, title: string): string {
  return (
    `<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    // Lookup pages are found through a printed code, not a search engine (Decree 45 Art. 6).
    '<meta name="robots" content="noindex, nofollow">\n' +
    `<title>${title}</title>\n` +
    // An empty data: icon spares every phone a second request that would only 404.
    '<link rel="icon" href="data:,">\n' +
    `<style>${LOOKUP_PAGE_STYLE}</style>\n</head>\n<body>\n<main>\n`
  );
}

const FOOT = '</main>\n</body>\n</html>\n';

function otherLang(lang: Lang): Lang {
  return lang === 'vi' ? 'en' : 'vi';
}

function languageLink(path: string, lang: Lang): string {
  const other = otherLang(lang);
  return `<a href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${escapeHtml(PAGE_TEXT[lang].otherLanguage)}</a>`;
}

function searchForm(lang: Lang, defaultLang: Lang): string {
  const t = PAGE_TEXT[lang];
  const keepLang =
    lang === defaultLang ? '' : `<input type="hidden" name="lang" value="${lang}">\n`;
  return (
    '<form method="get" action="/tra-cuu">\n' +
    `<label for="ma">${escapeHtml(t.codeLabel)}</label>\n` +
    '<input type="text" id="ma" name="ma" required maxlength="64" autocomplete="off" ' +
    'autocapitalize="characters" spellcheck="false" aria-describedby="ma-hint">\n' +
    `<p class="hint" id="ma-hint">${escapeHtml(t.codeHint)}</p>\n` +
    keepLang +
    `<button type="submit">${escapeHtml(t.searchButton)}</button>\n</form>\n`
  );
}

/** `GET /`: the search form. Static per language: the service renders it once. */
export function renderHomePage(lang: Lang, defaultLang: Lang): string {
  const t = PAGE_TEXT[lang];
  return (
    head(lang, `${escapeHtml(t.homeTitle)} — ${escapeHtml(t.siteName)}`) +
    `<p class="eyebrow">${escapeHtml(t.siteName)}</p>\n` +
    `<h1>${escapeHtml(t.homeTitle)}</h1>\n` +
    `<p>${escapeHtml(t.homeIntro)}</p>\n` +
    searchForm(lang, defaultLang) +
    `<nav>${languageLink('/', lang)}</nav>\n` +
    FOOT
  );
}

/** Which message page: the title and text keys in PAGE_TEXT, and whether to offer the form. */
export type MessagePageKind =
  | 'code-not-found'
  | 'page-not-found'
  | 'bad-request'
  | 'method-not-allowed'
  | 'too-many-requests'
  | 'server-error';

/** The keys of PageText that hold one sentence (not a table by kind). */
type SentenceKey = {
  [K in keyof PageText]: PageText[K] extends string ? K : never;
}[keyof PageText];

const MESSAGE_KEYS: Readonly<
  Record<MessagePageKind, { title: SentenceKey; text: SentenceKey; form: boolean }>
> = {
  'code-not-found': { title: 'notFoundTitle', text: 'notFoundText', form: true },
  'page-not-found': { title: 'pageNotFoundTitle', text: 'pageNotFoundText', form: true },
  'bad-request': { title: 'badRequestTitle', text: 'badRequestText', form: false },
  'method-not-allowed': { title: 'methodTitle', text: 'methodText', form: false },
  'too-many-requests': { title: 'tooManyTitle', text: 'tooManyText', form: false },
  'server-error': { title: 'errorTitle', text: 'errorText', form: false },
};

/** The title and sentence of a message page (the JSON API's error message is the sentence). */
export function messageWords(kind: MessagePageKind, lang: Lang): { title: string; text: string } {
  const t = PAGE_TEXT[lang];
  const keys = MESSAGE_KEYS[kind];
  return { title: t[keys.title], text: t[keys.text] };
}

/**
 * A message page. It depends only on the kind and the language — never on the request — so
 * the "not found" page is byte-identical for every unknown or malformed code and says nothing
 * about which part of a code was wrong (no oracle; `hoso lookup` explains a typo locally).
 */
export function renderMessagePage(kind: MessagePageKind, lang: Lang, defaultLang: Lang): string {
  const t = PAGE_TEXT[lang];
  const words = messageWords(kind, lang);
  const title = escapeHtml(words.title);
  return (
    head(lang, `${title} — ${escapeHtml(t.siteName)}`) +
    `<p class="eyebrow">${escapeHtml(t.siteName)}</p>\n` +
    `<h1>${title}</h1>\n` +
    `<p>${escapeHtml(words.text)}</p>\n` +
    (MESSAGE_KEYS[kind].form ? searchForm(lang, defaultLang) : '') +
    `<nav><a href="/${langQuery(lang, defaultLang)}">${escapeHtml(t.searchAnother)}</a></nav>\n` +
    FOOT
  );
}

/** An instant as `dd/mm/yyyy HH:MM (giờ Việt Nam)`; a value that is not a date is shown as is. */
function timeText(iso: string, t: PageText): string {
  const shown = formatVietnamTime(iso);
  return shown === null ? escapeHtml(iso) : `${shown} (${escapeHtml(t.timeZoneNote)})`;
}

/**
 * The SHA-256 in eight groups of eight digits. The groups are spans joined by `<wbr>`: a phone
 * may break the line between groups, yet copying the text gives the 64 digits without spaces,
 * ready to paste next to `sha256sum`'s output.
 */
function hashHtml(sha256: string): string {
  const hex = sha256.toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(hex)) return `<span>${escapeHtml(sha256)}</span>`;
  const groups: string[] = [];
  for (let i = 0; i < 64; i += 8) groups.push(`<span>${hex.slice(i, i + 8)}</span>`);
  return groups.join('<wbr>');
}

function row(label: string, valueHtml: string): string {
  return `<dt>${escapeHtml(label)}</dt>\n<dd>${valueHtml}</dd>\n`;
}

function signerHtml(signer: SignerAtIssue, lang: Lang, t: PageText): string {
  let html = `<strong>${escapeHtml(signer.name)}</strong>`;
  // An organisation's own certificate names it twice (CN and O): say it once.
  if (
    signer.organization !== null &&
    signer.organization !== '' &&
    signer.organization !== signer.name
  ) {
    html += ` — ${escapeHtml(signer.organization)}`;
  }
  if (signer.signingTime !== null) {
    html += `<br>${escapeHtml(capitalize(t.signedAt))} ${timeText(signer.signingTime, t)}`;
  }
  const verdict = indicationWord(signer.indication, lang);
  html += `<br><span class="verdict verdict-${signer.indication}">${escapeHtml(verdict)}</span>`;
  return `<li>${html}</li>\n`;
}

function signersHtml(record: LookupRecord, lang: Lang, t: PageText): string {
  if (record.signers.length > 0) {
    return `<ol class="signers">\n${record.signers.map((s) => signerHtml(s, lang, t)).join('')}</ol>\n`;
  }
  if (record.verification === null) return `<p>${escapeHtml(t.notVerified)}</p>\n`;
  if (record.verification === 'NO_SIGNATURE') return `<p>${escapeHtml(t.noSignature)}</p>\n`;
  // A verdict without the signer list: show the verdict alone rather than nothing.
  return `<p><span class="verdict verdict-${record.verification}">${escapeHtml(indicationWord(record.verification, lang))}</span></p>\n`;
}

/** What the record page needs beyond the record. */
export interface RecordPageOptions {
  readonly lang: Lang;
  readonly defaultLang: Lang;
  /** The canonical lookup code the page was asked for (the URL's form). */
  readonly lookupCode: string;
  /** The lookup code in display form (`ABCDEF-GHJKMN-PQRSTU`). */
  readonly lookupCodeDisplay: string;
}

/** `GET /v/:code`: the page for one registered document. */
export function renderRecordPage(record: LookupRecord, opts: RecordPageOptions): string {
  const { lang } = opts;
  const t = PAGE_TEXT[lang];
  const title = escapeHtml(record.title);
  const revoked = record.status === 'REVOKED';

  let html =
    head(lang, `${title} — ${escapeHtml(t.pageHeading)}`) +
    `<p class="eyebrow">${escapeHtml(t.pageHeading)}</p>\n` +
    `<h1>${title}</h1>\n` +
    (revoked
      ? `<p class="status status-revoked"><span aria-hidden="true">✘ </span>${escapeHtml(t.statusRevoked)}</p>\n`
      : `<p class="status status-valid"><span aria-hidden="true">✔ </span>${escapeHtml(t.statusValid)}</p>\n`);
  if (revoked && record.revokedAt !== null) {
    html += `<p class="revoked-at">${escapeHtml(t.revokedSince)} ${timeText(record.revokedAt, t)}</p>\n`;
  }

  html += '<dl>\n';
  html += row(t.lookupCodeLabel, `<code class="code">${escapeHtml(opts.lookupCodeDisplay)}</code>`);
  html += row(t.kindLabel, escapeHtml(t.kinds[record.kind]));

  const { name: systemName, owner } = record.system;
  if (systemName !== null || owner !== null) {
    const parts: string[] = [];
    if (systemName !== null) parts.push(escapeHtml(systemName));
    if (owner !== null) parts.push(`${escapeHtml(t.ownerLabel)}: ${escapeHtml(owner)}`);
    html += row(t.systemLabel, parts.join('<br>'));
  }
  const { name: agencyName, code: agencyCode } = record.agency;
  if (agencyName !== null || agencyCode !== null) {
    const value =
      agencyName !== null && agencyCode !== null
        ? `${escapeHtml(agencyName)} (${escapeHtml(agencyCode)})`
        : escapeHtml(agencyName ?? agencyCode ?? '');
    html += row(t.agencyLabel, value);
  }
  if (record.dossierCode !== null) html += row(t.dossierCodeLabel, escapeHtml(record.dossierCode));
  if (record.resultCode !== null) html += row(t.resultCodeLabel, escapeHtml(record.resultCode));
  if (record.procedureCode !== null) {
    html += row(t.procedureCodeLabel, escapeHtml(record.procedureCode));
  }

  // A paper conversion is dated by its conversion (Law on E-Transactions 2023 Art. 12(2)(c));
  // the issue time is shown as well only if the registry ever records them apart.
  if (record.kind === 'paper') {
    const converted = record.convertedAt ?? record.issuedAt;
    html += row(t.convertedLabel, timeText(converted, t));
    if (converted !== record.issuedAt)
      html += row(t.issuedLabel.paper, timeText(record.issuedAt, t));
  } else {
    html += row(t.issuedLabel[record.kind], timeText(record.issuedAt, t));
  }

  if (record.certification !== null) {
    const c = record.certification;
    // "Số chứng thực: <n>   Quyển số: <book>/<year>-SCT/BS" (LEGAL.md §2).
    html += row(
      t.certificationLabel,
      `${escapeHtml(t.certificationNumber)}: ${c.number}<br>` +
        `${escapeHtml(t.certificationBook)}: ${escapeHtml(c.book)}/${c.year}-SCT/BS`,
    );
  }
  html += '</dl>\n';

  html += `<h2>${escapeHtml(t.signersHeading)}</h2>\n` + signersHtml(record, lang, t);
  html +=
    `<h2>${escapeHtml(t.sha256Heading)}</h2>\n` +
    `<p class="hash"><code>${hashHtml(record.sha256)}</code></p>\n` +
    `<p class="note">${escapeHtml(t.sha256Explain)}</p>\n`;

  const path = `/v/${encodeURIComponent(opts.lookupCode)}`;
  html +=
    `<nav><a href="/${langQuery(lang, opts.defaultLang)}">${escapeHtml(t.searchAnother)}</a>` +
    ` · ${languageLink(path, lang)}</nav>\n`;
  return html + FOOT;
}
