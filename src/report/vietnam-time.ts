/**
 * Times as Vietnamese officers read them: dd/mm/yyyy hh:mm in Vietnam time (UTC+07:00, no
 * daylight saving since 1975), whatever the machine's time zone. Reports store ISO 8601 instants;
 * only renderers turn them into this form. (src/sign has its own formatter; report is a shared
 * layer and does not import a capability.)
 */

const OFFSET_MS = 7 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** The calendar fields of `d` in Vietnam time. */
export function vietnamParts(d: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const t = new Date(d.getTime() + OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
    second: t.getUTCSeconds(),
  };
}

/** `dd/mm/yyyy hh:mm` (or `hh:mm:ss` with `seconds`) in Vietnam time; null for an invalid date. */
export function formatVietnamTime(
  value: Date | string,
  opts: { seconds?: boolean } = {},
): string | null {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return null;
  const p = vietnamParts(d);
  const time =
    `${pad(p.hour)}:${pad(p.minute)}` + (opts.seconds === true ? `:${pad(p.second)}` : '');
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${time}`;
}

/** `dd/mm/yyyy` in Vietnam time; null for an invalid date. */
export function formatVietnamDate(value: Date | string): string | null {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) return null;
  const p = vietnamParts(d);
  return `${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

/**
 * The date line of an administrative document (Decree 30/2020 Appendix I §II.5: "ngày 05
 * tháng 3 năm 2026" — day and month below 10 in January and February written with a leading
 * zero; we pad days below 10 and months 1–2, as the decree's examples do).
 */
export function vietnameseDateLine(d: Date): string {
  const p = vietnamParts(d);
  const month = p.month <= 2 ? pad(p.month) : String(p.month);
  return `ngày ${pad(p.day)} tháng ${month} năm ${p.year}`;
}

/** An ISO 8601 date-time as signers and validators write them (with a time and a zone). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(new Date(value).getTime());
}
