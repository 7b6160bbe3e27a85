/**
 * What every statement needs from its caller, checked before anything is composed, and the
 * date as the statement writes it: the calendar date in Vietnam time (UTC+07:00), whatever the
 * machine's time zone (src/report's Vietnam-time helpers).
 */
import { usageError } from '../kernel/index.js';
import { formatVietnamDate, vietnameseDateLine } from '../report/index.js';

interface CommonFields {
  readonly date: Date;
  readonly place: string;
  readonly agencyName: string;
  readonly lookupUrl: string;
  readonly lookupCodeDisplay: string;
}

export function assertStatementFields(command: string, f: CommonFields): void {
  const missing = (vi: string, en: string): never => {
    throw usageError(command, vi, en);
  };
  if (Number.isNaN(f.date.getTime())) missing('ngày chứng thực không hợp lệ', 'invalid date');
  if (f.place.trim() === '') missing('thiếu địa danh', 'the place is missing');
  if (f.agencyName.trim() === '') missing('thiếu tên cơ quan', 'the agency name is missing');
  if (f.lookupUrl.trim() === '') missing('thiếu địa chỉ tra cứu', 'the lookup URL is missing');
}

/** `{date}` ("ngày 05 tháng 3 năm 2026"), `{dd}`, `{mm}`, `{yyyy}` of a date line. */
export function dateValues(date: Date): Record<'date' | 'dd' | 'mm' | 'yyyy', string> {
  const [dd = '', mm = '', yyyy = ''] = (formatVietnamDate(date) ?? '').split('/');
  return { date: vietnameseDateLine(date), dd, mm, yyyy };
}
