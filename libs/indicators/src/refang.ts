import { type IndicatorType } from '@scamintel/vocabulary';
import { dropsAt, foldChar } from './text';

/*
 * Defang notations undone in any text (prose included), one token at a time so that extract() keeps offsets.
 * Each token has a guard, so text that merely looks defanged stays as written. The conventions are those of threat
 * reports and of ioc-fanger, ioc-finder and iocextract (their published cases are table tests in test/).
 *
 *   scheme words  hxxp hXXp h**p htxp fxp ftx xxxx (http) xxxxx/xxxxs (https), also [http] (https) http]
 *                 followed by a separator: ://  [://]  [:]//  " ://"  "//"  ":///"  :\/\/  :\\  __
 *                 -> http:// https:// ftp:// ftps://    (no letter or digit before; "the hxxp protocol" stays)
 *   dots          [.] (.) {.} ].[ [.[ }.{ <.> [,] (dot) [dot] {DOT} [punto] (punkt) ...   between host characters;
 *                 "[dot]"-style words in square brackets may have one space on each side
 *   at signs      [at] (at) {@} [@] (et) [arroba] ...   likewise ("meet (at) noon" has spaces: stays)
 *   others        [:] [/] (/) [://] [-]   [www]. (www).   \ before . / or a bracket (escaped)
 *
 * Spelled-out words in prose ("MEET AT NOON", "THE DOT COM", App Engine's "version-dot-app.appspot.com"), spaced
 * or unbalanced brackets, "^." (a URL path may hold it) and comma-separated numbers are NOT read here; loose.ts
 * reads them in a single value only.
 */
// L/R: a neighbour that can belong to a host or mailbox (not a space or a bracket).
const L = '(?<=[^\\s\\[\\](){}<>])';
const R = '(?=[^\\s\\[\\](){}<>])';
const BR = '[\\[\\](){}]';
const DOT_WORD = '(?:dot|punto|punkt)';
const AT_WORD = '(?:at|@|et|arroba)';
const SCHEME_WORD = 'h[tx*]{2}p|f(?:tp|xp|tx)|x{4,5}';
const SEPARATOR = '(?:\\[:\\/\\/\\]|[ \\t]{0,3}(?:\\[:\\]|:)?[ \\t]{0,3}(?:\\[\\/\\/\\]|\\/{2,3}|(?:\\\\\\/){2}|\\\\{2}|__)[ \\t]{0,3})';

const ALTERNATIVES: [name: string, source: string][] = [
  // "[http]://" or "http]://" or "hxxps[://]"; an opening bracket only counts with its closing one, so Markdown's
  // "(https://x)" keeps its parenthesis.
  ['scheme', `(?<![A-Za-z0-9])(?:[\\[(](${SCHEME_WORD})(s?)[\\])]|(${SCHEME_WORD})(s?)[\\])]?)${SEPARATOR}`],
  ['sep', '\\[:\\/\\/\\]'],
  ['colon', '\\[:\\]'],
  ['slash', '\\[\\/\\]|\\(\\/\\)'],
  ['hyphen', `${L}\\[-\\]${R}`],
  ['www', '(?<![^\\s\\/])[\\[(]www[\\])](?=\\.)'],
  ['escape', '\\\\+(?=[.\\/\\[\\](){}])'],
  ['dot', `${L}(?:${BR}(?:\\.|,|${DOT_WORD})${BR}|<\\.>|\\s?\\[${DOT_WORD}\\]\\s?)${R}`],
  ['at', `${L}(?:[\\[({]${AT_WORD}[\\])}]|\\s?\\[${AT_WORD}\\]\\s?)${R}`],
];
// One numbered group per alternative (named groups cost an object per match): the scheme's is group 1, with its word
// and "s" in groups 2–3 (bracketed) or 4–5; the others follow in order from group 6.
const TOKEN = new RegExp(ALTERNATIVES.map(([, src]) => `(${src})`).join('|'), 'gi');
const GROUP = Object.fromEntries(ALTERNATIVES.map(([name], i) => [name, i === 0 ? 1 : 5 + i])) as Record<string, number>;

// A cheap pre-test: most values carry no defang token. "http" counts unless it starts a plain "http(s)://x".
const MAYBE_DEFANGED = /[[\](){}<\\]|h(?!ttps?:\/\/[^/\s])[tx*]{2}p|f(?!tps?:\/\/[^/\s])(?:tp|xp|tx)|x{4}/i;

type Match = ArrayLike<string | undefined>;

function schemeOf(word: string, s: string): string {
  const w = word.toLowerCase();
  if (w === 'xxxxx') return 'https://';
  if (w === 'xxxx') return s ? 'https://' : 'http://';
  if (w[0] === 'f') return s ? 'ftps://' : 'ftp://';
  return s ? 'https://' : 'http://';
}

function replacement(m: Match): string {
  if (m[GROUP.scheme] !== undefined) return m[2] !== undefined ? schemeOf(m[2], m[3] ?? '') : schemeOf(m[4] ?? 'http', m[5] ?? '');
  if (m[GROUP.sep] !== undefined) return '://';
  if (m[GROUP.colon] !== undefined) return ':';
  if (m[GROUP.slash] !== undefined) return '/';
  if (m[GROUP.hyphen] !== undefined) return '-';
  if (m[GROUP.www] !== undefined) return 'www';
  if (m[GROUP.escape] !== undefined) return '';
  if (m[GROUP.at] !== undefined) return '@';
  return '.';
}

/** Undo the defang notations above. Text without defang tokens is returned unchanged (and cheaply). */
export function refang(text: string): string {
  if (!MAYBE_DEFANGED.test(text)) return text;
  TOKEN.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(text)) !== null) {
    out += text.slice(last, m.index) + replacement(m);
    last = m.index + m[0].length;
  }
  return last === 0 ? text : out + text.slice(last);
}

/**
 * refang() plus the clean-up of text.ts, remembering for every output unit the
 * [start, end) range of the input it came from, so extract() can report offsets in the original text.
 */
export interface MappedText {
  text: string;
  srcStart: Int32Array;
  srcEnd: Int32Array;
}

export function prepareWithMap(input: string): MappedText {
  const n = input.length;
  const codes: number[] = [];
  const srcStart = new Int32Array(n + 1);
  const srcEnd = new Int32Array(n + 1);
  let len = 0;
  const plain = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const c = input.charCodeAt(i);
      if (c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) {
        if (dropsAt(input, i)) continue;
      }
      codes.push(foldChar(c));
      srcStart[len] = i;
      srcEnd[len] = i + 1;
      len++;
    }
  };
  let pos = 0;
  TOKEN.lastIndex = 0;
  if (MAYBE_DEFANGED.test(input)) {
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(input)) !== null) {
      plain(pos, m.index);
      const rep = replacement(m);
      const end = m.index + m[0].length;
      for (let k = 0; k < rep.length; k++) {
        codes.push(rep.charCodeAt(k));
        srcStart[len] = m.index;
        srcEnd[len] = end;
        len++;
      }
      pos = end;
    }
  }
  plain(pos, n);
  let text = '';
  for (let i = 0; i < len; i += 8192) text += String.fromCharCode(...codes.slice(i, i + 8192));
  return { text, srcStart: srcStart.subarray(0, len), srcEnd: srcEnd.subarray(0, len) };
}

/**
 * Make a canonical value safe to paste into a bulletin or chat without it becoming a live link.
 * refang(defang(v, t)) === v for canonical values (property-tested). Phones, bank accounts,
 * wallets and handles are not auto-linked by mail or chat clients, so they come back unchanged.
 */
export function defang(value: string, type: IndicatorType): string {
  switch (type) {
    case 'url': {
      const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/is.exec(value);
      if (!m) return value.replace(/\./g, '[.]');
      const scheme = m[1].toLowerCase();
      const s = scheme === 'http' ? 'hxxp' : scheme === 'https' ? 'hxxps' : scheme === 'ftp' ? 'fxp' : scheme === 'ftps' ? 'fxps' : scheme;
      return s + '://' + defangHost(m[2]) + m[3];
    }
    case 'domain':
      return defangHost(value);
    case 'email': {
      const at = value.lastIndexOf('@');
      if (at < 0) return value;
      return value.slice(0, at) + '[at]' + defangHost(value.slice(at + 1));
    }
    case 'ip':
      return value.includes(':') ? value.replace(/:/g, '[:]') : value.replace(/\./g, '[.]');
    default:
      return value;
  }
}

function defangHost(host: string): string {
  if (host.startsWith('[')) return host.replace(/:/g, '[:]');
  return host.replace(/\./g, '[.]');
}
