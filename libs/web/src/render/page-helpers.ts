import type { Catalogue, Params } from '../i18n/catalogue';

/** What every template can call, in the page's language: words, numbers, dates, countries, links. */
export interface PageHelpers {
  lang: string;
  t: (key: string, params?: Params) => string;
  num: (n: number) => string;
  date: (iso: string | Date | null | undefined) => string;
  dateTime: (iso: string | Date | null | undefined) => string;
  duration: (ms: number) => string;
  /** An amount (decimal string) in its currency, as the page language writes money. */
  money: (amount: string, currency: string) => string;
  region: (code: string) => string;
  /** A same-site link that keeps an explicitly chosen language. */
  href: (path: string, params?: Record<string, string | number | undefined>) => string;
}

export interface HelperOptions {
  catalogue: Catalogue;
  timeZone: string;
  /** Set when the visitor chose the language with ?lang=: links carry it on. */
  explicitLang?: string;
}

export function pageHelpers({ catalogue, timeZone, explicitLang }: HelperOptions): PageHelpers {
  const lang = catalogue.lang;
  const numbers = new Intl.NumberFormat(lang);
  const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone });
  const dateTimes = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const asDate = (v: string | Date) => (v instanceof Date ? v : new Date(v));
  const unit = (value: number, u: 'second' | 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, unitDisplay: 'long', maximumFractionDigits: 0 }).format(value);
  return {
    lang,
    t: (key, params) => catalogue.t(key, params),
    num: (n) => numbers.format(n),
    date: (v) => (v ? dates.format(asDate(v)) : ''),
    dateTime: (v) => (v ? dateTimes.format(asDate(v)) : ''),
    duration: (ms) => {
      const s = Math.max(0, Math.round(ms / 1000));
      if (s < 90) return unit(s, 'second');
      if (s < 90 * 60) return unit(s / 60, 'minute');
      if (s < 36 * 3600) return unit(s / 3600, 'hour');
      return unit(s / 86400, 'day');
    },
    money: (amount, currency) => {
      try {
        // The decimal string itself, never a Number: losses are shown exactly, with every digit they were summed to.
        const usual = new Intl.NumberFormat(lang, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
        const scale = amount.split('.')[1]?.length ?? 0;
        return new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: Math.max(usual, scale) }).format(
          amount as Intl.StringNumericLiteral,
        );
      } catch {
        return `${currency} ${amount}`;
      }
    },
    region: (code) => {
      try {
        return regions.of(code) ?? code;
      } catch {
        return code;
      }
    },
    href: (path, params = {}) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
      if (explicitLang) q.set('lang', explicitLang);
      const s = q.toString();
      return s ? `${path}${path.includes('?') ? '&' : '?'}${s}` : path;
    },
  };
}
