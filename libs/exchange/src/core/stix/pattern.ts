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
    if (!OBJECT_TYPE.test(c.objectType) || !PROPERTY.test(c.property)) throw new PatternError(`bad object path ${c.objectType}:${c.property}`);
    return `${c.objectType}:${c.property} = '${escapeStixString(c.value)}'`;
  });
  return `[${parts.join(' AND ')}]`;
}

/** Reads a pattern of the shape buildPattern writes; anything richer is refused rather than half-understood. */
export function parsePattern(pattern: string): Comparison[] {
  let i = 0;
  const s = pattern;
  const ws = () => { while (i < s.length && /\s/.test(s[i])) i++; };
  const expect = (c: string) => { ws(); if (s[i] !== c) throw new PatternError(`expected ${c} at ${i}`); i++; };
  const out: Comparison[] = [];
  expect('[');
  for (;;) {
    ws();
    const path = /^([a-z0-9-]+):([a-z0-9_]+)/.exec(s.slice(i));
    if (!path || !OBJECT_TYPE.test(path[1])) throw new PatternError(`expected object path at ${i}`);
    i += path[0].length;
    expect('=');
    expect("'");
    let value = '';
    for (;;) {
      if (i >= s.length) throw new PatternError('unterminated string literal');
      const c = s[i++];
      if (c === "'") break;
      if (c === '\\') {
        const n = s[i++];
        if (n !== '\\' && n !== "'") throw new PatternError(`bad escape \\${n ?? ''}`);
        value += n;
      } else value += c;
    }
    out.push({ objectType: path[1], property: path[2], value });
    ws();
    if (s.startsWith('AND', i) && /\s/.test(s[i + 3] ?? '')) { i += 3; continue; }
    break;
  }
  expect(']');
  ws();
  if (i !== s.length) throw new PatternError(`unexpected text after the observation at ${i}`);
  return out;
}
