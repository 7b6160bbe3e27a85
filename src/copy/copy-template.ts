/**
 * The layout template of a copy, one per agency: the wording of the statement and its page
 * numbers, font sizes, and where things go. The wording defaults to the statement of Decree
 * 23/2015/NĐ-CP as amended (LEGAL.md §2; the "lời chứng" forms of the Ministry of Justice) and to
 * the mark of a copy issued from the master register; docs/copy-template.md documents every key.
 *
 * A template file is JSON. Every key is optional: what a file gives replaces the default, the
 * rest stays. Unknown keys are refused (a misspelt key silently ignored would print the default
 * wording on legal documents). Lengths are millimetres (Decree 30/2020/NĐ-CP writes margins in
 * mm); font sizes are points. A text may only use the placeholders listed for it, and must keep
 * the ones that carry the legal facts (the certification number and book, the date, the page
 * numbers).
 */
import { templateInvalid } from './copy-errors.js';

export interface CopyTexts {
  /** Certified copy, first line (centred, bold). */
  readonly certifyHeading: string;
  /** `{number}`, `{book}`, `{year}`. */
  readonly certifyNumberLine: string;
  /** Register copy, first line. */
  readonly registerHeading: string;
  /** `{recordNumber}`, `{dossierCode}`. */
  readonly registerRecordLine: string;
  /** `{title}`: what the record is; the line is left out when the title is empty. */
  readonly registerTitleLine: string;
  /** `{place}`, `{date}` ("ngày 05 tháng 3 năm 2026"), or `{dd}`, `{mm}`, `{yyyy}`. */
  readonly dateLine: string;
  /** `{pages}`: the number of pages of the copy, statement page included. */
  readonly pagesLine: string;
  /** `{name}`: the attached original when it carries digital signatures. */
  readonly attachmentSignedLine: string;
  /** `{name}`: the attached original otherwise. */
  readonly attachmentLine: string;
  /** `{page}`, `{pages}`. */
  readonly pageNumber: string;
}

export interface CopyTemplate {
  readonly texts: CopyTexts;
  /**
   * The certifying officer's title when neither the command line nor the configuration gives
   * one (printed in capitals over the signature).
   */
  readonly defaultOfficerTitle: string;
  /** Points. */
  readonly fontSizes: {
    readonly body: number;
    readonly heading: number;
    /** The notes under the statement (pages, attachment). */
    readonly note: number;
    /** The lookup code under the QR code. */
    readonly code: number;
    readonly pageNumber: number;
  };
  /** Baseline-to-baseline distance as a multiple of the font size. */
  readonly lineSpacing: number;
  /** The statement band, mm (except `leftColumnShare`). */
  readonly band: {
    /** The band is at least this tall; it grows when its content needs more. */
    readonly minHeight: number;
    readonly marginLeft: number;
    readonly marginRight: number;
    /** From the bottom edge of the page (leaves the page-number strip free). */
    readonly marginBottom: number;
    /** From the top edge: nothing above it on a page of the original, and the band's place on an added page. */
    readonly marginTop: number;
    /** Inside the band, around its content. */
    readonly padding: number;
    /** The least distance between anything of the original and anything we draw. */
    readonly clearance: number;
    /** Share of the band's width for the left column (agency, QR code). */
    readonly leftColumnShare: number;
  };
  readonly qr: {
    /** Width of the symbol without its quiet zone, mm (at least 20). */
    readonly size: number;
    readonly errorCorrection: 'L' | 'M' | 'Q' | 'H';
  };
  /** The boxes the visible signatures are drawn in, mm. */
  readonly signature: {
    readonly width: number;
    readonly height: number;
    /** Side of the agency's (seal) box. */
    readonly sealSize: number;
    /** How much of the seal box lies over the officer's signature box (0–1). */
    readonly sealOverlap: number;
  };
  /** "Trang x/y": baseline above the bottom edge (or below the top edge), right end from the right edge; mm. */
  readonly pageNumberPosition: {
    readonly fromBottom: number;
    readonly fromTop: number;
    readonly fromRight: number;
  };
}

export const DEFAULT_COPY_TEMPLATE: CopyTemplate = {
  texts: {
    certifyHeading: 'CHỨNG THỰC BẢN SAO ĐÚNG VỚI BẢN CHÍNH',
    certifyNumberLine: 'Số chứng thực: {number}   Quyển số: {book}/{year}-SCT/BS',
    registerHeading: 'BẢN SAO ĐIỆN TỬ ĐƯỢC CẤP TỪ SỔ GỐC',
    registerRecordLine: 'Số bản ghi trong sổ gốc: {recordNumber} — Mã hồ sơ: {dossierCode}',
    registerTitleLine: '{title}',
    dateLine: '{place}, {date}',
    pagesLine: 'Bản sao này gồm {pages} trang.',
    attachmentSignedLine:
      'Tệp gốc có chữ ký số được đính kèm trong bản sao này (tệp đính kèm: {name}); kiểm tra bằng hoso verify',
    attachmentLine: 'Tệp gốc được đính kèm trong bản sao này (tệp đính kèm: {name}).',
    pageNumber: 'Trang {page}/{pages}',
  },
  defaultOfficerTitle: 'NGƯỜI THỰC HIỆN CHỨNG THỰC',
  fontSizes: { body: 12, heading: 13, note: 10, code: 9, pageNumber: 9 },
  lineSpacing: 1.3,
  band: {
    minHeight: 55,
    marginLeft: 15,
    marginRight: 15,
    marginBottom: 12,
    marginTop: 15,
    padding: 2,
    clearance: 2,
    leftColumnShare: 0.33,
  },
  qr: { size: 24, errorCorrection: 'M' },
  signature: { width: 58, height: 22, sealSize: 24, sealOverlap: 0 },
  pageNumberPosition: { fromBottom: 6, fromTop: 8, fromRight: 12 },
};

/** Placeholders each text may use, and those it must keep. */
const TEXT_RULES: Record<
  keyof CopyTexts,
  { readonly allowed: readonly string[]; readonly required: readonly (readonly string[])[] }
> = {
  certifyHeading: { allowed: [], required: [] },
  certifyNumberLine: { allowed: ['number', 'book', 'year'], required: [['number'], ['book']] },
  registerHeading: { allowed: [], required: [] },
  registerRecordLine: { allowed: ['recordNumber', 'dossierCode'], required: [['recordNumber']] },
  registerTitleLine: { allowed: ['title'], required: [] },
  dateLine: {
    allowed: ['place', 'date', 'dd', 'mm', 'yyyy'],
    required: [['date'], ['dd', 'mm', 'yyyy']],
  },
  pagesLine: { allowed: ['pages'], required: [['pages']] },
  attachmentSignedLine: { allowed: ['name'], required: [['name']] },
  attachmentLine: { allowed: ['name'], required: [['name']] },
  pageNumber: { allowed: ['page', 'pages'], required: [['page', 'pages']] },
};

/** For `dateLine`, one of the alternatives of `required` is enough; elsewhere every one is needed. */
const ANY_OF: ReadonlySet<keyof CopyTexts> = new Set(['dateLine']);

type Range = readonly [number, number];

const NUMBER_RULES = {
  fontSizes: { body: [6, 24], heading: [6, 28], note: [5, 20], code: [5, 20], pageNumber: [5, 20] },
  band: {
    minHeight: [20, 250],
    marginLeft: [0, 60],
    marginRight: [0, 60],
    marginBottom: [0, 60],
    marginTop: [0, 60],
    padding: [0, 20],
    clearance: [0, 20],
    leftColumnShare: [0.2, 0.6],
  },
  // ≥ 20 mm: a code smaller than 2 cm is hard to scan from paper with a phone.
  qr: { size: [20, 80] },
  signature: { width: [25, 150], height: [10, 80], sealSize: [10, 60], sealOverlap: [0, 1] },
  pageNumberPosition: { fromBottom: [2, 40], fromTop: [2, 40], fromRight: [2, 60] },
} as const satisfies Record<string, Record<string, Range>>;

const LINE_SPACING: Range = [1, 2.5];
const ERROR_LEVELS = ['L', 'M', 'Q', 'H'] as const;
const MAX_TEXT = 400;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A template from parsed JSON, merged over the default. `path` names the file in errors.
 * Anything wrong is TEMPLATE_INVALID, naming the key.
 */
export function parseCopyTemplate(json: unknown, path: string): CopyTemplate {
  const fail = (vi: string, en: string): never => {
    throw templateInvalid(path, vi, en);
  };
  if (!isRecord(json)) {
    fail('tệp mẫu phải là một đối tượng JSON', 'the template must be a JSON object');
  }
  const top = json as Record<string, unknown>;
  const sections = [
    'texts',
    'defaultOfficerTitle',
    'fontSizes',
    'lineSpacing',
    'band',
    'qr',
    'signature',
    'pageNumberPosition',
  ];
  for (const key of Object.keys(top)) {
    if (!sections.includes(key)) {
      fail(
        `khóa không được hỗ trợ "${key}" (các khóa: ${sections.join(', ')})`,
        `unknown key "${key}" (known keys: ${sections.join(', ')})`,
      );
    }
  }

  const section = (name: string): Record<string, unknown> => {
    const v = top[name];
    if (v === undefined) return {};
    if (!isRecord(v)) fail(`"${name}" phải là một đối tượng`, `"${name}" must be an object`);
    return v as Record<string, unknown>;
  };
  const checkKeys = (
    name: string,
    obj: Record<string, unknown>,
    known: readonly string[],
  ): void => {
    for (const key of Object.keys(obj)) {
      if (!known.includes(key)) {
        fail(
          `khóa không được hỗ trợ "${name}.${key}" (các khóa: ${known.join(', ')})`,
          `unknown key "${name}.${key}" (known keys: ${known.join(', ')})`,
        );
      }
    }
  };
  const numbers = <K extends keyof typeof NUMBER_RULES>(
    name: K,
    others: readonly string[] = [],
  ): Record<keyof (typeof NUMBER_RULES)[K], number> => {
    const given = section(name);
    const rules = NUMBER_RULES[name] as Record<string, Range>;
    checkKeys(name, given, [...Object.keys(rules), ...others]);
    const base = DEFAULT_COPY_TEMPLATE[name] as unknown as Record<string, number>;
    const out: Record<string, number> = {};
    for (const key of Object.keys(rules)) out[key] = base[key]!;
    for (const [key, value] of Object.entries(given)) {
      if (others.includes(key)) continue;
      const [min, max] = rules[key]!;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
        fail(
          `"${name}.${key}" phải là một số từ ${min} đến ${max}`,
          `"${name}.${key}" must be a number from ${min} to ${max}`,
        );
      }
      out[key] = value as number;
    }
    return out as Record<keyof (typeof NUMBER_RULES)[K], number>;
  };

  // texts
  const givenTexts = section('texts');
  const textKeys = Object.keys(TEXT_RULES) as (keyof CopyTexts)[];
  checkKeys('texts', givenTexts, textKeys);
  const texts: Record<string, string> = { ...DEFAULT_COPY_TEMPLATE.texts };
  for (const [key, value] of Object.entries(givenTexts)) {
    const k = key as keyof CopyTexts;
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
      fail(
        `"texts.${key}" phải là một chuỗi không rỗng (tối đa ${MAX_TEXT} ký tự)`,
        `"texts.${key}" must be a non-empty string (at most ${MAX_TEXT} characters)`,
      );
    }
    const text = (value as string).normalize('NFC');
    checkPlaceholders(k, text, fail);
    texts[key] = text;
  }

  const officerTitle = top['defaultOfficerTitle'] ?? DEFAULT_COPY_TEMPLATE.defaultOfficerTitle;
  if (
    typeof officerTitle !== 'string' ||
    officerTitle.trim() === '' ||
    officerTitle.length > MAX_TEXT ||
    /[{}]/.test(officerTitle)
  ) {
    fail(
      '"defaultOfficerTitle" phải là một chuỗi không rỗng, không có chỗ thay thế',
      '"defaultOfficerTitle" must be a non-empty string without placeholders',
    );
  }

  const lineSpacing = top['lineSpacing'] ?? DEFAULT_COPY_TEMPLATE.lineSpacing;
  if (
    typeof lineSpacing !== 'number' ||
    !Number.isFinite(lineSpacing) ||
    lineSpacing < LINE_SPACING[0] ||
    lineSpacing > LINE_SPACING[1]
  ) {
    fail(
      `"lineSpacing" phải là một số từ ${LINE_SPACING[0]} đến ${LINE_SPACING[1]}`,
      `"lineSpacing" must be a number from ${LINE_SPACING[0]} to ${LINE_SPACING[1]}`,
    );
  }

  const qrNumbers = numbers('qr', ['errorCorrection']);
  const level = section('qr')['errorCorrection'] ?? DEFAULT_COPY_TEMPLATE.qr.errorCorrection;
  if (typeof level !== 'string' || !(ERROR_LEVELS as readonly string[]).includes(level)) {
    fail(
      `"qr.errorCorrection" phải là một trong ${ERROR_LEVELS.join(', ')}`,
      `"qr.errorCorrection" must be one of ${ERROR_LEVELS.join(', ')}`,
    );
  }

  const template: CopyTemplate = {
    texts: texts as unknown as CopyTexts,
    defaultOfficerTitle: (officerTitle as string).normalize('NFC'),
    fontSizes: numbers('fontSizes'),
    lineSpacing: lineSpacing as number,
    band: numbers('band'),
    qr: { size: qrNumbers.size, errorCorrection: level as CopyTemplate['qr']['errorCorrection'] },
    signature: numbers('signature'),
    pageNumberPosition: numbers('pageNumberPosition'),
  };
  return template;
}

function checkPlaceholders(
  key: keyof CopyTexts,
  text: string,
  fail: (vi: string, en: string) => never,
): void {
  const rule = TEXT_RULES[key];
  const used = new Set<string>();
  for (const m of text.matchAll(/\{([^{}]*)\}/g)) {
    const name = m[1] ?? '';
    if (!rule.allowed.includes(name)) {
      const list = rule.allowed.length > 0 ? rule.allowed.map((a) => `{${a}}`).join(', ') : '—';
      fail(
        `"texts.${key}" dùng chỗ thay thế không có "{${name}}" (được dùng: ${list})`,
        `"texts.${key}" uses an unknown placeholder "{${name}}" (allowed: ${list})`,
      );
    }
    used.add(name);
  }
  const groups = rule.required;
  const satisfied = (group: readonly string[]): boolean => group.every((n) => used.has(n));
  const ok = ANY_OF.has(key) ? groups.some(satisfied) : groups.every(satisfied);
  if (groups.length > 0 && !ok) {
    const need = groups
      .map((g) => g.map((n) => `{${n}}`).join(' '))
      .join(ANY_OF.has(key) ? ' | ' : ', ');
    fail(`"texts.${key}" phải giữ ${need}`, `"texts.${key}" must keep ${need}`);
  }
}

/** `text` with `{name}` replaced by `values[name]` (every placeholder was checked on parsing). */
export function fillText(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const v = values[name];
    return v === undefined ? whole : String(v);
  });
}
