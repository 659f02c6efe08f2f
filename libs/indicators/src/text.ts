/**
 * Character clean-up shared by normalize() and extract(). Every rule here maps one
 * UTF-16 unit to at most one unit, so extract() can keep offsets into the original text.
 */

// Zero-width and soft-hyphen characters: invisible, and inserted by scammers to dodge filters.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Full-width ASCII (Korean/CJK IMEs), the ideographic space, and dash look-alikes.
const WIDE = /[\uFF01-\uFF5E\u3000\u2010-\u2015\u2212]/g;
const NEEDS_CLEANING = /[\u00AD\u200B-\u200D\u2060\uFEFF\uFF01-\uFF5E\u3000\u2010-\u2015\u2212]/;

export function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000) return 0x20;
  if ((code >= 0x2010 && code <= 0x2015) || code === 0x2212) return 0x2d;
  return code;
}

export function isInvisible(code: number): boolean {
  return code === 0xad || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;
}

/** Fold full-width forms to ASCII and drop invisible characters. Cheap when there is nothing to do. */
export function cleanText(s: string): string {
  if (!NEEDS_CLEANING.test(s)) return s;
  return s.replace(INVISIBLE, '').replace(WIDE, (c) => String.fromCharCode(foldChar(c.charCodeAt(0))));
}

const NON_ASCII = /[^\x00-\x7f]/;
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}
