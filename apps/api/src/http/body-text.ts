import type { ErrorDetail } from '@scamintel/common';

/**
 * Strings PostgreSQL cannot hold as written (CONTRACT §4): U+0000 makes `text` columns fail (a 500 before this
 * check), and a lone UTF-16 surrogate (`"\ud800"` in JSON) is silently replaced with U+FFFD when the driver
 * encodes it. Both are refused at the edge, for keys as well as values, wherever they sit in the input.
 */
export function textProblems(input: unknown, root = '', limit = 10): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const stack: [unknown, string][] = [[input, root]];
  while (stack.length && out.length < limit) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const problem = stringProblem(v);
      if (problem) out.push({ path, message: problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v).reverse()) {
        const at = path ? `${path}.${key}` : key;
        const problem = stringProblem(key);
        if (problem) out.push({ path: at, message: `the field name: ${problem}` });
        else stack.push([item, at]);
      }
    }
  }
  return out;
}

/** In a `u` regex a string is read by code points, so only an unpaired surrogate is of category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;

export function stringProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'must not contain U+0000 (NUL)';
  if (LONE_SURROGATE.test(s)) return 'must be well-formed Unicode (a lone UTF-16 surrogate is not)';
  return undefined;
}

/** Decodes a body as UTF-8, refusing (not repairing) invalid byte sequences. */
const utf8 = new TextDecoder('utf-8', { fatal: true });
export function decodeUtf8(body: Buffer): string | undefined {
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
}
