import { foldChar, isInvisible } from './text';
import { type IndicatorType } from '@scamintel/vocabulary';

/*
 * Defang notations undone here, and the guard each one needs so that ordinary text
 * that merely looks defanged is left alone:
 *   hxxp / hXXp / h**p (+s), fxp (+s)  -> http(s), ftp(s)   only when a ':' or '[:' follows
 *   [://]  [:]  [/]                    -> ://  :  /
 *   [.] (.) {.}                        -> .    only between two characters that are not spaces or brackets
 *   [dot]                              -> .    non-space on both sides, one optional space each side
 *   (dot) {dot}                        -> .    directly between two non-space characters
 *   [at] [@]                           -> @    like [dot]
 *   (at) {at} (@) {@}                  -> @    like (dot): "meet (at) noon" stays as written
 * Bare words ("evil dot com", "user at mail") are never touched: too common in prose.
 */
// L/R: a neighbour that can belong to a host or mailbox (not a space or a bracket).
const L = '(?<=[^\\s\\[\\](){}<>])';
const R = '(?=[^\\s\\[\\](){}<>])';
const TOKEN = new RegExp(
  [
    '(?<![A-Za-z0-9])[hH](?:[xX]{2}|\\*\\*)[pP]([sS]?)(?=\\[?:)',
    '(?<![A-Za-z0-9])[fF][xX][pP]([sS]?)(?=\\[?:)',
    '\\[:\\/\\/\\]',
    '\\[:\\]',
    '\\[\\/\\]',
    `${L}(?:\\[\\.\\]|\\(\\.\\)|\\{\\.\\})${R}`,
    `${L}\\s?\\[dot\\]\\s?${R}`,
    `${L}(?:\\(dot\\)|\\{dot\\})${R}`,
    `${L}\\s?\\[(?:at|@)\\]\\s?${R}`,
    `${L}(?:\\((?:at|@)\\)|\\{(?:at|@)\\})${R}`,
  ].join('|'),
  'gi',
);

// A cheap pre-test: most values carry no defang token at all.
const MAYBE_DEFANGED = /[\[({]|[xX*]{2}[pP]|[fF][xX][pP]/;

function replacement(m: string, httpS: string | undefined, ftpS: string | undefined): string {
  const c0 = m.charCodeAt(0) | 0x20;
  if (c0 === 0x68 /* h */ && httpS !== undefined) return httpS ? 'https' : 'http';
  if (c0 === 0x66 /* f */ && ftpS !== undefined) return ftpS ? 'ftps' : 'ftp';
  if (m === '[://]') return '://';
  if (m === '[:]') return ':';
  if (m === '[/]') return '/';
  const lower = m.toLowerCase();
  if (lower.includes('at') || lower.includes('@')) return '@';
  return '.';
}

/** Undo common defang notations (see the table above). Text without defang tokens is returned unchanged. */
export function refang(text: string): string {
  if (!MAYBE_DEFANGED.test(text)) return text;
  return text.replace(TOKEN, (m: string, httpS?: string, ftpS?: string) => replacement(m, httpS, ftpS));
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
      if (isInvisible(c)) continue;
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
      const rep = replacement(m[0], m[1], m[2]);
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
