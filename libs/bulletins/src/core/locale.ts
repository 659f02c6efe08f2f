import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isSuppressed } from './change';
import type { Count, Direction, Suppressed } from './types';

// Everything a language needs lives in locales/<lang>.json: words, plus `meta.intl` (the Intl locale for numbers,
// dates and money), optional `currency.<CODE>` patterns for how a native reader writes an amount, and an optional
// `format.range` ("{from}至{to}") where ICU's own date ranges read badly.

export type Messages = Record<string, string>;

export const DEFAULT_LANG = 'en';
const LANG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const DAY_MS = 86_400_000;
// Times are shown in the time zone of the node that published; unknown jurisdictions fall back to UTC.
const TIME_ZONES: Record<string, string> = { SG: 'Asia/Singapore', KR: 'Asia/Seoul' };

export function defaultLocalesDir(): string {
  // tsc does not copy JSON beside the compiled code; a build started from the repository root still finds the sources.
  const beside = resolve(__dirname, '../locales');
  const source = resolve(process.cwd(), 'libs/bulletins/src/locales');
  return existsSync(beside) || !existsSync(source) ? beside : source;
}

export function availableLanguages(dir = defaultLocalesDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && LANG.test(f.slice(0, -5)))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function flatten(tree: unknown, prefix = '', out: Messages = {}): Messages {
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else if (value && typeof value === 'object' && !Array.isArray(value)) flatten(value, path, out);
    else throw new TypeError(`locale entry ${path} must be a string or an object`);
  }
  return out;
}

function readMessages(dir: string, lang: string): Messages {
  // `lang` arrives from a query string: the pattern keeps it a plain file name inside `dir`.
  if (!LANG.test(lang)) throw new RangeError(`unsupported language ${JSON.stringify(lang)}`);
  const file = join(dir, `${lang}.json`);
  if (!existsSync(file)) throw new RangeError(`unsupported language ${JSON.stringify(lang)}`);
  return flatten(JSON.parse(readFileSync(file, 'utf8')));
}

export function loadLocale(lang: string, dir = defaultLocalesDir()): Locale {
  const messages = readMessages(dir, lang);
  const fallback = lang === DEFAULT_LANG ? messages : readMessages(dir, DEFAULT_LANG);
  return new Locale(lang, messages, fallback);
}

export class Locale {
  readonly intl: string;
  private readonly cache = new Map<string, Intl.NumberFormat>();

  constructor(
    readonly lang: string,
    private readonly messages: Messages,
    private readonly fallback: Messages = messages,
  ) {
    this.intl = Intl.getCanonicalLocales(messages['meta.intl'] ?? lang)[0];
  }

  has(key: string): boolean {
    return key in this.messages || key in this.fallback;
  }

  /** The message for `key` with `{name}` placeholders filled; a language missing a key falls back to English. */
  t(key: string, params: Record<string, string | number> = {}): string {
    const template = this.messages[key] ?? this.fallback[key];
    if (template === undefined) throw new RangeError(`no message ${key}`);
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  }

  number(n: number | string, options: Intl.NumberFormatOptions = {}): string {
    const id = JSON.stringify(options);
    let f = this.cache.get(id);
    if (!f) this.cache.set(id, (f = new Intl.NumberFormat(this.intl, options)));
    return f.format(n as number);
  }

  count(c: Count): string {
    return isSuppressed(c) ? this.fewerThan(c) : this.number(c);
  }

  fewerThan(s: Suppressed): string {
    return this.t('fewerThan', { n: this.number(s.below) });
  }

  signed(n: number): string {
    return this.number(n, { signDisplay: 'exceptZero' });
  }

  percent(p: number): string {
    return this.number(p / 100, { style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  /** A decimal-string amount; `signed` for differences. Strings go to Intl as they are, so no float rounding. */
  money(amount: string, currency: string, signed = false): string {
    const negative = amount.startsWith('-');
    const abs = negative ? amount.slice(1) : amount;
    const sign = signed ? (negative ? '−' : /[1-9]/.test(abs) ? '+' : '') : negative ? '−' : '';
    const pattern = this.messages[`currency.${currency}`];
    if (!pattern) return sign + this.number(abs, { style: 'currency', currency });
    const { minimumFractionDigits, maximumFractionDigits } = new Intl.NumberFormat(this.intl, {
      style: 'currency',
      currency,
    }).resolvedOptions();
    return sign + pattern.replace('{amount}', this.number(abs, { minimumFractionDigits, maximumFractionDigits }));
  }

  date(iso: string, options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' }): string {
    return new Intl.DateTimeFormat(this.intl, { ...options, timeZone: 'UTC' }).format(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`));
  }

  shortDate(iso: string): string {
    return this.date(iso, { month: 'short', day: 'numeric' });
  }

  /** A half-open period [from, to) as the inclusive range a reader expects, e.g. "16–22 November 2026". */
  period(from: string, toExclusive: string): string {
    const start = Date.parse(`${from}T00:00:00Z`);
    const end = Date.parse(`${toExclusive}T00:00:00Z`) - DAY_MS;
    const f = new Intl.DateTimeFormat(this.intl, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
    if (end <= start) return f.format(start);
    // Some ICU locales (zh) fall back to numeric dates in ranges; such a language can spell the range out itself.
    const pattern = this.messages['format.range'];
    return pattern ? pattern.replace('{from}', f.format(start)).replace('{to}', f.format(end)) : f.formatRange(start, end);
  }

  dateTime(iso: string, jurisdiction: string): string {
    return new Intl.DateTimeFormat(this.intl, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone: TIME_ZONES[jurisdiction] ?? 'UTC',
    }).format(Date.parse(iso));
  }

  region(code: string): string {
    return new Intl.DisplayNames([this.intl], { type: 'region', fallback: 'code' }).of(code) ?? code;
  }

  list(items: string[]): string {
    return new Intl.ListFormat(this.intl, { style: 'long', type: 'conjunction' }).format(items);
  }

  /** How a count moved, without ever restating a withheld count through its difference. */
  change(delta: number | Suppressed, percent: number | null | Suppressed, direction: Direction | Suppressed): string {
    if (isSuppressed(direction)) return this.t('change.withheld');
    if (isSuppressed(delta) || isSuppressed(percent)) return this.t(`change.${direction}Only`);
    if (direction === 'flat') return this.t('change.flat');
    if (percent === null) return this.t('change.new', { delta: this.signed(delta) });
    return this.t('change.both', { delta: this.signed(delta), percent: this.percent(percent) });
  }
}
