/**
 * The slice of STIX patterning the exchange emits and accepts: one observation expression of
 * AND-joined equality comparisons against string literals, e.g.
 * `[user-account:account_login = 'x' AND user-account:account_type = 'telegram']`.
 */
export interface Comparison {
  objectType: string;
  property: string;
  value: string;
}

export class PatternError extends Error {}

/** STIX 2.1 patterning §9.4: inside a quoted string only `\'` and `\\` are escapes. */
export const escapeStixString = (s: string): string => s.replace(/[\\']/g, (c) => `\\${c}`);

const OBJECT_TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PROPERTY = /^[a-z0-9_]+$/;

export function buildPattern(comparisons: Comparison[]): string {
  if (!comparisons.length) throw new PatternError('a pattern needs at least one comparison');
  const parts = comparisons.map((c) => {
    if (!OBJECT_TYPE.test(c.objectType) || !PROPERTY.test(c.property))
      throw new PatternError(`bad object path ${c.objectType}:${c.property}`);
    return `${c.objectType}:${c.property} = '${escapeStixString(c.value)}'`;
  });
  return `[${parts.join(' AND ')}]`;
}

/** An object path at a given position (sticky: the same as matching `^…` against the rest of the string). */
const PATH_AT = /([a-z0-9-]+):([a-z0-9_]+)/y;
const SPACE = /\s/;

/** Reads a pattern of the shape buildPattern writes; anything richer is refused rather than half-understood. */
export function parsePattern(pattern: string): Comparison[] {
  let i = 0;
  const s = pattern;
  const ws = () => {
    while (i < s.length && SPACE.test(s[i])) i++;
  };
  const expect = (c: string) => {
    ws();
    if (s[i] !== c) throw new PatternError(`expected ${c} at ${i}`);
    i++;
  };
  const out: Comparison[] = [];
  expect('[');
  for (;;) {
    ws();
    PATH_AT.lastIndex = i;
    const path = PATH_AT.exec(s);
    if (!path || !OBJECT_TYPE.test(path[1])) throw new PatternError(`expected object path at ${i}`);
    i += path[0].length;
    expect('=');
    expect("'");
    // The literal up to its closing quote, copied a run at a time between escapes.
    let value = '';
    for (;;) {
      const quote = s.indexOf("'", i);
      const escape = s.indexOf('\\', i);
      if (escape >= 0 && (quote < 0 || escape < quote)) {
        value += s.slice(i, escape);
        i = escape + 1;
        const n = s[i++];
        if (n !== '\\' && n !== "'") throw new PatternError(`bad escape \\${n ?? ''}`);
        value += n;
        continue;
      }
      if (quote < 0) throw new PatternError('unterminated string literal');
      value += s.slice(i, quote);
      i = quote + 1;
      break;
    }
    out.push({ objectType: path[1], property: path[2], value });
    ws();
    if (s.startsWith('AND', i) && SPACE.test(s[i + 3] ?? '')) {
      i += 3;
      continue;
    }
    break;
  }
  expect(']');
  ws();
  if (i !== s.length) throw new PatternError(`unexpected text after the observation at ${i}`);
  return out;
}
