import { hostToAscii } from '../../src/idna';
import type { Outcome } from './common';
import { readVector } from './common';

/*
 * Unicode IdnaTestV2.txt (UTS #46 conformance), toAsciiN column: non-transitional processing. Our settings
 * (src/idna.ts) turn CheckHyphens and VerifyDnsLength off, so, as the file's header prescribes, the status codes
 * of those flags (V2, V3; A4_1, A4_2 and their toUnicode form X4_2) are ignored; every other status means "refused".
 */
const IGNORED = new Set(['V2', 'V3', 'A4_1', 'A4_2', 'X4_2']);

function unescape(s: string): string {
  return s.replace(/\\u([0-9A-Fa-f]{4})|\\x\{([0-9A-Fa-f]+)\}/g, (_m, u: string, x: string) => String.fromCodePoint(parseInt(u ?? x, 16)));
}

function field(s: string | undefined): string | undefined {
  const t = (s ?? '').trim();
  if (t === '') return undefined;
  return t === '""' ? '' : unescape(t);
}

function statuses(s: string | undefined): string[] | undefined {
  const t = (s ?? '').trim();
  if (t === '') return undefined;
  return t
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}

export interface IdnaCase {
  line: number;
  source: string;
  toAsciiN: string;
  errors: string[];
}

export function idnaCases(): IdnaCase[] {
  const out: IdnaCase[] = [];
  readVector('idna/IdnaTestV2.txt')
    .split('\n')
    .forEach((raw, i) => {
      const line = raw.replace(/#.*$/, '');
      if (!line.trim()) return;
      const cols = line.split(';');
      const source = field(cols[0]) ?? '';
      const toUnicode = field(cols[1]) ?? source;
      const uStatus = statuses(cols[2]) ?? [];
      const toAsciiN = field(cols[3]) ?? toUnicode;
      const nStatus = statuses(cols[4]) ?? uStatus;
      out.push({ line: i + 1, source, toAsciiN, errors: nStatus.filter((c) => !IGNORED.has(c)) });
    });
  return out;
}

export function idnaOutcomes(): Outcome[] {
  return idnaCases().map((c) => {
    const expected = c.errors.length ? `refused [${c.errors.join(', ')}]` : c.toAsciiN;
    const got = hostToAscii(c.source);
    const actual = got === null ? 'refused' : got;
    const pass = c.errors.length ? got === null : got === c.toAsciiN;
    return { key: `line ${c.line}: ${c.source}`, expected, actual, pass };
  });
}
