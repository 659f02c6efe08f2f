import { type BulletinConfig, type PeriodStats } from './types';
import { isDecimal, CHANNELS, SCAM_TYPES } from '@scamintel/vocabulary';

/**
 * Checks of a bulletin's input. The figures come from our own queries, so anything off here is a bug to surface
 * with the path of the bad field, never something to skip.
 */
export class BulletinInputError extends Error {
  override name = 'BulletinInputError';
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkConfig(config: BulletinConfig): BulletinConfig {
  if (!Number.isSafeInteger(config.minCount) || config.minCount < 1) fail('config.minCount', 'must be an integer ≥ 1');
  if (config.maskStyle !== 'partial' && config.maskStyle !== 'defang') fail('config.maskStyle', 'must be partial or defang');
  if (!Number.isSafeInteger(config.maxWatch) || config.maxWatch < 0) fail('config.maxWatch', 'must be an integer ≥ 0');
  return config;
}

export function fail(path: string, message: string): never {
  throw new BulletinInputError(`${path}: ${message}`);
}

export function count(n: unknown, path: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) fail(path, 'must be a non-negative integer');
  return n;
}

export function isoDay(value: unknown, path: string): number {
  const ms = typeof value === 'string' && ISO_DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms) || day(ms) !== value) fail(path, 'must be a date YYYY-MM-DD');
  return ms;
}

export function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

// Stats come from our own queries, so an unknown category or a malformed amount is a bug to surface, not to skip.
export function checkStats(stats: PeriodStats, path: string): PeriodStats {
  count(stats?.reports, `${path}.reports`);
  checkCategories(stats.byScamType ?? {}, SCAM_TYPES, `${path}.byScamType`);
  checkCategories(stats.byChannel ?? {}, CHANNELS, `${path}.byChannel`);
  for (const [currency, amount] of Object.entries(stats.lossByCurrency ?? {})) {
    if (!/^[A-Z]{3}$/.test(currency)) fail(`${path}.lossByCurrency`, `${JSON.stringify(currency)} is not an ISO 4217 code`);
    if (!isDecimal(amount) || amount.startsWith('-')) fail(`${path}.lossByCurrency.${currency}`, 'must be a non-negative decimal string');
  }
  const lossReports = stats.lossReportsByCurrency;
  if (lossReports !== undefined) {
    for (const [currency, n] of Object.entries(lossReports)) {
      if (!/^[A-Z]{3}$/.test(currency)) fail(`${path}.lossReportsByCurrency`, `${JSON.stringify(currency)} is not an ISO 4217 code`);
      count(n, `${path}.lossReportsByCurrency.${currency}`);
    }
  }
  return {
    reports: stats.reports,
    byScamType: stats.byScamType ?? {},
    byChannel: stats.byChannel ?? {},
    lossByCurrency: stats.lossByCurrency ?? {},
    ...(lossReports !== undefined ? { lossReportsByCurrency: lossReports } : {}),
  };
}

export function checkCategories(counts: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const [key, n] of Object.entries(counts)) {
    if (!known.includes(key)) fail(path, `unknown category ${JSON.stringify(key)}`);
    count(n, `${path}.${key}`);
  }
}
