import { tryNormalize } from '@scamintel/indicators';

export interface Unreadable {
  raw: string;
  /** The normaliser's code (invalid_phone_for_region, bad_checksum, …): the page says it in plain words. */
  code: string;
}

/**
 * A run of digits with the separators people write in numbers, long enough to be a phone or an account. Only Latin
 * letters and digits may not touch it: Korean particles are written glued to a number ("123-456로").
 */
const NUMBERISH = /(?<![A-Za-z0-9])\+?\(?\d[\d \-.()]{5,}\d(?![A-Za-z0-9])/g;
const DATE = /^\d{4}[-./ ]\d{1,2}[-./ ]\d{1,2}$|^\d{1,2}[-./ ]\d{1,2}[-./ ]\d{4}$/;
const MONEY_BEFORE = /(?:[$₩€£¥]|\b(?:S\$|SGD|KRW|USD|RM)|\d,)\s*$/i;
const MONEY_AFTER = /^(?:\s*(?:원|만|억|천|달러|won|dollars?|sgd|krw|usd|%)|,\d)/i;
/** A short one-line paste of a few words is "one value" (a number, link or account typed alone) rather than a message. */
export const isOneValue = (s: string): boolean => /^[^\n]{1,200}$/.test(s) && s.split(/\s+/).length <= 6;

/**
 * What a person pasted that looks like an indicator but that the page could not read: the whole paste when it
 * is one value and the extractor found nothing in it, and in a message every number-like run the extractor
 * left out (too few or too many digits for the region, an account without its bank) — dates and amounts excepted.
 */
export function unreadableParts(text: string, found: readonly { start: number; end: number }[], region: string): Unreadable[] {
  const trimmed = text.trim();
  if (!found.length && isOneValue(trimmed)) {
    const r = tryNormalize(trimmed, { region });
    return r.ok ? [] : [{ raw: trimmed, code: r.code }];
  }
  const out: Unreadable[] = [];
  for (const m of text.matchAll(NUMBERISH)) {
    const raw = m[0].replace(/[\s\-.(]+$/, '');
    const start = m.index!;
    const end = start + raw.length;
    if (found.some((f) => f.start < end && start < f.end)) continue;
    if (raw.replace(/\D/g, '').length < 8 || DATE.test(raw)) continue;
    if (MONEY_BEFORE.test(text.slice(Math.max(0, start - 6), start)) || MONEY_AFTER.test(text.slice(end, end + 8))) continue;
    const r = tryNormalize(raw, { region });
    if (!r.ok && !out.some((u) => u.raw === raw)) out.push({ raw, code: r.code });
  }
  return out;
}
