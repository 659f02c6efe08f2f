import type { ErrorDetail } from '@scamintel/common';

/** Longest period one bulletin may cover (a quarter). */
export const MAX_PERIOD_DAYS = 92;
/** Weeks of the trend chart, ending with the period's last day. */
export const TREND_WEEKS = 8;

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DAY.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Problems with a requested period [from, to), as contract error details (empty when it is fine). */
export function periodProblems(from: string, to: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!isIsoDay(from)) problems.push({ path: 'from', message: 'from must be a date YYYY-MM-DD' });
  if (!isIsoDay(to)) problems.push({ path: 'to', message: 'to must be a date YYYY-MM-DD' });
  if (problems.length) return problems;
  const days = daysBetween(from, to);
  if (days <= 0) problems.push({ path: 'to', message: 'to must be after from (the period is [from, to))' });
  else if (days > MAX_PERIOD_DAYS) problems.push({ path: 'to', message: `a bulletin covers at most ${MAX_PERIOD_DAYS} days` });
  return problems;
}

/** The previous period: same length, ending where this one starts. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  return { from: addDays(from, -daysBetween(from, to)), to: from };
}

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * The last full Monday-to-Sunday week before the week that holds `at` in `timeZone`: what the weekly job
 * publishes on Monday morning.
 */
export function previousFullWeek(at: Date, timeZone: string): { from: string; to: string } {
  const today = localDay(at, timeZone);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const thisMonday = addDays(today, -weekday);
  return { from: addDays(thisMonday, -7), to: thisMonday };
}

/** Start days of the trend weeks, oldest first; the last week ends on the period's end. */
export function trendWeekStarts(to: string, weeks = TREND_WEEKS): string[] {
  return Array.from({ length: weeks }, (_, i) => addDays(to, -7 * (weeks - i)));
}
