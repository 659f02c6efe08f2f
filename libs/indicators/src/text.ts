/**
 * Character clean-up shared by normalize() and extract(). Every rule here maps one
 * UTF-16 unit to at most one unit, so extract() can keep offsets into the original text.
 */

// Full-width ASCII (Korean/CJK IMEs), the ideographic space, and dash look-alikes.
const WIDE = /[\uFF01-\uFF5E\u3000\u2010-\u2015\u2212]/g;
const NEEDS_CLEANING = /[\u00AD\u200B-\u200D\u2060\uFEFF\uFF01-\uFF5E\u3000\u2010-\u2015\u2212]/;

export function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212) return 0x2d;
  return code;
}

/**
 * Zero-width and soft-hyphen characters are invisible and inserted by scammers to dodge filters ("pay\u200bpal"),
 * so they are dropped. The joiners ZWNJ/ZWJ (U+200C/U+200D) are also letters' business in Persian, Indic and
 * Sinhala words (UTS #46 CheckJoiners validates them there): between two non-ASCII characters they are kept.
 */
export function dropsAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c === 0xad || c === 0x200b || c === 0x2060 || c === 0xfeff) return true;
  if (c !== 0x200c && c !== 0x200d) return false;
  return !(s.charCodeAt(i - 1) > 0x7f && s.charCodeAt(i + 1) > 0x7f);
}

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;

/** Fold full-width forms to ASCII and drop invisible characters. Cheap when there is nothing to do. */
export function cleanText(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return s
    .replace(INVISIBLE, (c, i: number, all: string) => (dropsAt(all, i) ? '' : c))
    .replace(WIDE, (c) => String.fromCharCode(foldChar(c.charCodeAt(0))));
}

const NON_ASCII = /[^\x00-\x7f]/;
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}
