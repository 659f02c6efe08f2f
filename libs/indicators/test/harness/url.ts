import { tryNormalize } from '../../src';
import { formatIpv6, parseIpv6 } from '../../src/types/ip';
import type { Outcome } from './common';
import { readJson } from './common';

/*
 * URL and IP-host suites:
 *  - url/gsb.json: Safe Browsing canonicalisation (v4 spec page and the reference Go client);
 *  - url/urltestdata.json and url/toascii.json: WHATWG URL host parsing (web-platform-tests). Only absolute URLs
 *    with a special scheme that has hosts (http, https, ws, wss, ftp) are host-parsing tests for us; our host must be
 *    WHATWG's hostname, or both must refuse;
 *  - ip/ioc-finder-odd-ipv4.json: obfuscated IPv4 forms, as a URL host (with scheme) or as an `ip` value.
 */

function url(input: string): { ok: true; value: string; host: string } | { ok: false; code: string } {
  const r = tryNormalize(input, { type: 'url' });
  return r.ok ? { ok: true, value: r.indicator.value, host: String(r.indicator.attributes.host) } : { ok: false, code: r.code };
}

function ipValue(input: string): string {
  const r = tryNormalize(input, { type: 'ip' });
  return r.ok ? r.indicator.value : `! ${r.code}`;
}

const REFUSED = '(refused)';
const show = (r: ReturnType<typeof url>, part: (v: { value: string; host: string }) => string) => (r.ok ? part(r) : `! ${r.code}`);

function pathOf(value: string): string {
  const rest = value.slice(value.indexOf('://') + 3);
  const slash = rest.indexOf('/');
  const q = rest.indexOf('?', slash);
  return rest.slice(slash, q < 0 ? undefined : q);
}

interface GsbCase {
  source: string;
  test: string;
  kind: 'url' | 'host' | 'path' | 'ip';
  input: string;
  expected: string | null;
}

export function gsbOutcomes(): Outcome[] {
  const doc = readJson<{ cases: GsbCase[] }>('url/gsb.json');
  return doc.cases.map((c) => {
    const key = `${c.source} ${c.test} ${JSON.stringify(c.input)}`;
    const expected = c.expected ?? REFUSED;
    if (c.kind === 'ip') {
      const actual = ipValue(c.input);
      return { key, expected, actual, pass: c.expected === null ? actual.startsWith('!') : actual === c.expected };
    }
    const r = url(c.input);
    const actual = show(r, c.kind === 'url' ? (v) => v.value : c.kind === 'host' ? (v) => v.host : (v) => pathOf(v.value));
    return { key, expected, actual, pass: c.expected === null ? !r.ok : actual === c.expected };
  });
}

/** WHATWG serialises an IPv6 host in its own compressed form; ours is RFC 5952 (the same except IPv4-mapped). */
function whatwgHost(hostname: string): string {
  if (!hostname.startsWith('[')) return hostname;
  const parts = parseIpv6(hostname.slice(1, -1));
  return parts ? `[${formatIpv6(parts)}]` : hostname;
}

interface WptEntry {
  input: string;
  base?: string | null;
  failure?: boolean;
  hostname?: string;
}

const SPECIAL_WITH_HOST = /^[\u0000-\u0020]*(?:https?|wss?|ftp):[\t\n\r]*\/[\t\n\r]*\//i;

export function whatwgOutcomes(): Outcome[] {
  const data = readJson<(string | WptEntry)[]>('url/urltestdata.json');
  const out: Outcome[] = [];
  const seen = new Set<string>();
  for (const e of data) {
    if (typeof e === 'string' || !SPECIAL_WITH_HOST.test(e.input) || seen.has(e.input)) continue;
    seen.add(e.input);
    const expected = e.failure ? REFUSED : whatwgHost(e.hostname ?? '');
    const r = url(e.input);
    const actual = show(r, (v) => v.host);
    out.push({ key: `urltestdata ${JSON.stringify(e.input)}`, expected, actual, pass: e.failure ? !r.ok : r.ok && actual === expected });
  }
  for (const e of readJson<(string | { input: string; output: string | null })[]>('url/toascii.json')) {
    if (typeof e === 'string') continue;
    const input = `https://${e.input}/x`;
    const expected = e.output === null ? REFUSED : whatwgHost(e.output);
    const r = url(input);
    const actual = show(r, (v) => v.host);
    out.push({
      key: `toascii ${JSON.stringify(e.input)}`,
      expected,
      actual,
      pass: e.output === null ? !r.ok : r.ok && actual === expected,
    });
  }
  return out;
}

export function oddIpv4Outcomes(): Outcome[] {
  const doc = readJson<{ cases: { input: string; expected: string }[] }>('ip/ioc-finder-odd-ipv4.json');
  return doc.cases.map((c) => {
    const withScheme = /^https?:\/\//.test(c.input);
    const actual = withScheme ? show(url(c.input), (v) => v.host) : ipValue(c.input);
    return { key: c.input, expected: c.expected, actual, pass: actual === c.expected };
  });
}
