/** Number and date formatting, fixed to en-US so every screen reads the same way. */

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const fmtInt = (n: number): string => int.format(n);
export const fmtDec = (n: number): string => dec.format(n);
/** A rate 0..1 as a percentage with two decimals: 0.1234 → "12.34%". */
export const fmtRate = (r: number): string => `${(r * 100).toFixed(2)}%`;

export function fmtBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

const dateTime = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
const fullDateTime = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dayFmt = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

export const fmtDateTime = (iso: string): string => dateTime.format(new Date(iso));
export const fmtFullDateTime = (iso: string): string => fullDateTime.format(new Date(iso));
/** A `YYYY-MM-DD` UTC day as "Apr 8". */
export const fmtDay = (day: string): string => dayFmt.format(new Date(`${day}T00:00:00Z`));

export function fmtRelative(iso: string, now = Date.now()): string {
  const s = Math.round((now - Date.parse(iso)) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ago`;
  const d = Math.floor(h / 24);
  return `${d} d ago`;
}

/** Relative change against the prior period, as shown next to a total. */
export function change(current: number, prior: number): { direction: 'up' | 'down' | 'flat'; text: string } {
  if (current === prior) return { direction: 'flat', text: '0%' };
  if (prior === 0) return { direction: current > 0 ? 'up' : 'down', text: 'new' };
  const pct = ((current - prior) / prior) * 100;
  const abs = Math.abs(pct);
  return { direction: pct > 0 ? 'up' : 'down', text: `${abs >= 100 ? abs.toFixed(0) : abs.toFixed(1)}%` };
}

/** UTC `YYYY-MM-DD` of a date, and day arithmetic on such strings. */
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
export const todayUtc = (): string => isoDay(new Date());

export const humanize = (subtype: string): string => subtype.charAt(0) + subtype.slice(1).toLowerCase().replaceAll('_', ' ');

/** "1 error", "2 errors": a count with its noun, in the singular when the count is one. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`;
}
