/** Times as Vietnamese officers read them: dd/mm/yyyy hh:mm:ss in UTC+07:00 (no daylight saving). */
const pad = (n: number) => String(n).padStart(2, '0');

export function formatVietnamTime(d: Date): string {
  const t = new Date(d.getTime() + 7 * 3600_000);
  return (
    `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} +07:00`
  );
}
