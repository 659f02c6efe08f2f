import { Failure, IndicatorError } from './errors';
import type { NormalizedIndicator } from './indicator';
import { normalizeOutcome, resolveRegion } from './normalize';
import { prepareWithMap } from './refang';
import { BANK_ALIAS_SOURCE, bankDigitsArePhone, namesAnAccount } from './types/bank-account';
import { type IndicatorType } from '@scamintel/vocabulary';

/*
 * Free-text extraction. The text is cleaned and refanged once (keeping a map back to the
 * original offsets), then a finder per kind of indicator proposes spans. Spans are tried
 * in priority order (below); a span that normalises successfully claims its characters,
 * and later proposals overlapping a claimed span are dropped. So "https://x.com/a@b.co"
 * is one URL, not a URL plus an email, and "1.2.3.4" is an IP, never a phone.
 *
 *   1 URL with scheme   2 email   3 URL/host without scheme   4 "<platform> @handle"
 *   5 wallet   6 IBAN   7 "<bank> <account>"   8 IP   9 phone
 *
 * What prose must NOT yield, and the rule that keeps it out:
 *  - dates (2025-11-03, 2025.11.03, 03/11/2025): date-shaped digit runs are skipped, and
 *    '/' does not join phone digit groups;
 *  - amounts ($1,500.00, 1,500,000원, S$ 2,300): digit runs touching ',' '$' '₩' or
 *    followed by a currency word are skipped;
 *  - versions (1.2.3, v2.0.1.4, version 1.2.3.4): an IPv4 must have 4 parts ≤ 255 and not
 *    follow 'v'/'ver'/'version'/'버전'; 3-part versions have too few digits for a phone;
 *  - postal codes (018989, 06236) and percentages: too few digits for any phone;
 *  - file names and abbreviations (report.pdf, e.g., i.e., Mr.Kim, README.md): a bare
 *    host needs a PSL suffix, and two-label names ending in a file-extension-like TLD
 *    (.zip .mov .py .sh .rs .md .pl .ps .pm) or starting with a title are skipped;
 *  - sentence joins without a space ("home.Then"): a bare host whose last label is
 *    Capitalised while the rest is not is taken as two sentences;
 *  - short codes ("call 112", "999"): official services, not phone values (types/phone.ts), so never found.
 * Phones must be valid for `region` (default SG) or written in international form.
 * Email local parts are matched in ASCII only, so Hangul glued to an address
 * ("문의kim@x.com") is not taken into it; IDN emails in prose are therefore missed.
 * URLs stop at Hangul/CJK characters, which in Korean text are particles glued to the
 * link ("https://x.top에서"); a link with a raw Hangul path is cut there.
 *
 * start/end are UTF-16 offsets into the original text: text.slice(start, end) === raw.
 */

export interface ExtractedIndicator extends NormalizedIndicator {
  raw: string;
  start: number;
  end: number;
}

interface Candidate {
  prio: number;
  start: number;
  end: number;
  type?: IndicatorType;
  /** Alternative texts to try (longest first); each with its own end. */
  variants?: { text: string; end: number }[];
  text: string;
}

const NOT_URL_CHAR = '\\s<>"\'`\\u3131-\\u318E\\uAC00-\\uD7A3\\u3000-\\u303F\\u4E00-\\u9FFF\\u3040-\\u30FF';
const URL_SCHEME = new RegExp(`\\b(?:https?|ftps?):\\/\\/[^${NOT_URL_CHAR}]+`, 'gi');
const EMAIL =
  /(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9\-]{2,59})(?![A-Za-z0-9\-])/g;
const HOST = new RegExp(
  `(?<![A-Za-z0-9._%+\\-@\\/])(?:(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9\\-]{2,59})|[0-9]{1,3}(?:\\.[0-9]{1,3}){3}(?=[:/]))(?![A-Za-z0-9\\-@]|\\.[A-Za-z0-9])(?::[0-9]{2,5})?(?:[/?][^${NOT_URL_CHAR}]*)?`,
  'g',
);
const PLATFORM_WORDS =
  'telegram|tg|kakaotalk|kakao|line|wechat|weixin|instagram|insta|ig|facebook|fb|tiktok|twitter|x|텔레그램|텔레|카카오톡|카톡|카카오|라인|위챗|인스타그램|인스타|페이스북|틱톡|트위터';
const HANDLE = new RegExp(
  `(?<![A-Za-z0-9])(${PLATFORM_WORDS})(?:\\s*(?:id|아이디)\\s*[:：]?\\s*@?|\\s*[:：]\\s*@|\\s+@|\\s*(?:id|아이디)?\\s*[:：]\\s*(?=[A-Za-z0-9_.\\-]*[0-9_]))([A-Za-z0-9_][A-Za-z0-9_.\\-]{1,31})`,
  'gi',
);
const WALLETS = [
  /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])(?:bc|tb|BC|TB)1[02-9ac-hj-np-zAC-HJ-NP-Z]{6,87}(?![A-Za-z0-9])/g,
  /(?<![A-Za-z0-9])[13mn2T][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g,
];
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?(?![A-Za-z0-9])/g;
const BANK = new RegExp(
  `(${BANK_ALIAS_SOURCE})[\\s,:：]*(?:(?:계좌번호|계좌|account\\s*(?:no|number)?|acct|a\\/c|no)\\.?[\\s,:：]*)*([0-9](?:[0-9]|[\\- ](?=[0-9])){5,30})`,
  'gi',
);
const IPV4 = /(?<![0-9A-Za-z.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9A-Za-z]|\.[0-9])/g;
const IPV6 = /(?<![0-9A-Za-z:.])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f]*:)[0-9A-Fa-f:]{2,39}(?:\.[0-9]{1,3}){0,3}(?![0-9A-Za-z:])/g;
const PHONE =
  /(?<![0-9A-Za-z+,.\/$₩_\-])(?<![0-9]:)(?:\+ ?|\(\s?)?[0-9](?:[0-9]|[ \t\-.()](?=[ \t\-.()]?[0-9(])){6,24}(?![0-9A-Za-z%_]|[.,][0-9])/g;

const VERSION_BEFORE = /(?:\bv|\bver\.?|\bversion|버전)\s*$/i;
const DATE = /^(?:[0-9]{4}[-./ ][0-9]{1,2}[-./ ][0-9]{1,2}|[0-9]{1,2}[-./ ][0-9]{1,2}[-./ ][0-9]{4})$/;
const CURRENCY_BEFORE = /(?:[$₩€£¥]|\b(?:S\$|SGD|KRW|USD|RM|won|dollars?))\s*$/i;
const CURRENCY_AFTER = /^\s*(?:원|달러|만|억|천|won\b|dollars?\b|sgd\b|krw\b|usd\b|%)/i;
const FILE_TLDS = new Set(['zip', 'mov', 'py', 'sh', 'rs', 'md', 'pl', 'ps', 'pm']);
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'jr', 'sr', 'prof', 'etc', 'fig', 'vol', 'ph', 'gov']);

function trimUrlTail(s: string): string {
  let t = s;
  for (;;) {
    const last = t[t.length - 1];
    if ('.,;:!?\'"'.includes(last)) t = t.slice(0, -1);
    else if (last === ')' && count(t, '(') < count(t, ')')) t = t.slice(0, -1);
    else if (last === ']' && count(t, '[') < count(t, ']')) t = t.slice(0, -1);
    else return t;
  }
}
function count(s: string, c: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === c) n++;
  return n;
}

function bareHostIsProse(host: string): boolean {
  const labels = host.split('.');
  const tld = labels[labels.length - 1];
  if (labels.length === 2 && FILE_TLDS.has(tld.toLowerCase())) return true;
  if (TITLES.has(labels[0].toLowerCase()) && labels.length === 2) return true;
  // "home.Then": a Capitalised last label after lower-case text is a sentence boundary.
  if (/^[A-Z][a-z]/.test(tld) && /[a-z]/.test(labels.slice(0, -1).join('.'))) return true;
  return false;
}

/** Cut points at separators, longest first: "9123 4567 8123" -> ["9123 4567 8123", "9123 4567"]. */
function shorterVariants(text: string, start: number): { text: string; end: number }[] {
  const out = [{ text, end: start + text.length }];
  for (let i = text.length - 1; i > 0 && out.length < 4; i--) {
    if (text[i] === ' ' || text[i] === '-') {
      const t = text.slice(0, i).trimEnd();
      if (t && t !== out[out.length - 1].text) out.push({ text: t, end: start + t.length });
    }
  }
  return out;
}

function findAll(t: string, region: string): Candidate[] {
  const c: Candidate[] = [];
  const each = (re: RegExp, fn: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null) fn(m);
  };
  each(URL_SCHEME, (m) => {
    const text = trimUrlTail(m[0]);
    c.push({ prio: 1, start: m.index, end: m.index + text.length, text });
  });
  each(EMAIL, (m) => c.push({ prio: 2, start: m.index, end: m.index + m[0].length, text: m[0], type: 'email' }));
  each(HOST, (m) => {
    const text = trimUrlTail(m[0]);
    const hostEnd = text.search(/[:/?]/);
    if (hostEnd < 0) {
      if (bareHostIsProse(text)) return;
      c.push({ prio: 3, start: m.index, end: m.index + text.length, text, type: /^www\./i.test(text) ? undefined : 'domain' });
    } else {
      c.push({ prio: 3, start: m.index, end: m.index + text.length, text });
    }
  });
  each(HANDLE, (m) => {
    const handle = m[2].replace(/[.\-]+$/, '');
    const end = m.index + m[0].length - (m[2].length - handle.length);
    c.push({ prio: 4, start: m.index, end, text: m[1] + ':' + handle, type: 'social_handle' });
  });
  for (const re of WALLETS)
    each(re, (m) => c.push({ prio: 5, start: m.index, end: m.index + m[0].length, text: m[0], type: 'crypto_wallet' }));
  each(IBAN, (m) => c.push({ prio: 6, start: m.index, end: m.index + m[0].length, text: 'IBAN:' + m[0], type: 'bank_account' }));
  each(BANK, (m) => {
    const digitsStart = m.index + m[0].length - m[2].length;
    // Digits after a bank name that read as a phone of the region are the phone (types/bank-account.ts), unless an
    // account word says otherwise; the phone finder takes them.
    const account = namesAnAccount(m[0]);
    const variants = shorterVariants(m[2], digitsStart)
      .filter((v) => account || !bankDigitsArePhone(v.text, region))
      .map((v) => ({ text: m[1] + ' ' + v.text, end: v.end }));
    if (variants.length === 0) return;
    c.push({ prio: 7, start: m.index, end: m.index + m[0].length, text: variants[0].text, variants, type: 'bank_account' });
  });
  each(IPV4, (m) => {
    if (VERSION_BEFORE.test(t.slice(Math.max(0, m.index - 10), m.index))) return;
    c.push({ prio: 8, start: m.index, end: m.index + m[0].length, text: m[0], type: 'ip' });
  });
  each(IPV6, (m) => {
    if (!/[0-9A-Fa-f].*[0-9A-Fa-f]/.test(m[0])) return;
    c.push({ prio: 8, start: m.index, end: m.index + m[0].length, text: m[0], type: 'ip' });
  });
  each(PHONE, (m) => {
    let text = m[0];
    // A closing bracket or separator at the end belongs to the prose.
    text = text.replace(/[\s\-.(]+$/, '');
    const digits = text.replace(/[^0-9]/g, '').length;
    if (digits < 7) return;
    if (DATE.test(text)) return;
    if (CURRENCY_BEFORE.test(t.slice(Math.max(0, m.index - 8), m.index))) return;
    if (CURRENCY_AFTER.test(t.slice(m.index + text.length, m.index + text.length + 8))) return;
    const variants = shorterVariants(text, m.index).filter((v) => v.text.replace(/[^0-9]/g, '').length >= 7 && !DATE.test(v.text));
    c.push({ prio: 9, start: m.index, end: m.index + text.length, text, variants, type: 'phone' });
  });
  return c;
}

/**
 * Every indicator in free text (English, Korean, SMS, defanged), deduplicated by
 * fingerprint and in order of first appearance. Throws IndicatorError only for a bad region.
 */
export function extract(text: string, opts?: { region?: string }): ExtractedIndicator[] {
  const region = resolveRegion(opts?.region);
  if (region instanceof Failure) throw new IndicatorError(region.code, region.reason);
  if (typeof text !== 'string' || text.length === 0) return [];
  const mapped = prepareWithMap(text);
  const t = mapped.text;
  const candidates = findAll(t, region).sort((a, b) => a.prio - b.prio || a.start - b.start);
  const claimed = new Uint8Array(t.length);
  const found: ExtractedIndicator[] = [];
  for (const cand of candidates) {
    const variants = cand.variants && cand.variants.length > 0 ? cand.variants : [{ text: cand.text, end: cand.end }];
    for (const v of variants) {
      let free = true;
      for (let i = cand.start; i < v.end; i++) {
        if (claimed[i]) {
          free = false;
          break;
        }
      }
      if (!free) continue;
      const r = normalizeOutcome(v.text, { type: cand.type, region }, 'prose');
      if (r instanceof Failure) continue;
      claimed.fill(1, cand.start, v.end);
      const start = mapped.srcStart[cand.start];
      const end = mapped.srcEnd[v.end - 1];
      found.push({ ...r, raw: text.slice(start, end), start, end });
      break;
    }
  }
  found.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return found.filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
}
