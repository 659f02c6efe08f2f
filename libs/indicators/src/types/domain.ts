import { hostToAscii } from '../idna';
import { parse as parseTld } from 'tldts';
import { Failure, fail } from '../errors';

/*
 * Domains: lower-case ASCII (IDNA via UTS #46 via tr46),
 * no trailing dot. The registrable domain comes from the Public Suffix List INCLUDING its
 * private section (tldts, allowPrivateDomains): a foo.pages.dev or bar.github.io site is
 * run by its own owner, so it is its own registrable domain, not "pages.dev".
 *
 * A host whose last labels are not a suffix on the list (report.pdf, foo.local) is
 * rejected. A host that IS a public suffix (gov.sg, go.kr, pages.dev) is accepted and is
 * its own registrable domain: such names do serve web sites, and gov.sg is on a warninglist.
 */

const TLD_OPTIONS = { allowPrivateDomains: true, extractHostname: false, detectIp: false, validateHostname: false } as const;
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const NEEDS_IDNA = /[^\x00-\x7f]|xn--/i;
const ALPHA_TLD = /\.[a-z][a-z0-9-]*$|\.xn--[a-z0-9-]+$/;

export interface DomainResult {
  value: string;
  attributes: { registrableDomain: string; publicSuffix: string };
}

interface SuffixInfo {
  registrableDomain: string;
  publicSuffix: string;
}

function suffixInfo(host: string): SuffixInfo | null {
  const r = parseTld(host, TLD_OPTIONS);
  if (!r.publicSuffix || !(r.isIcann || r.isPrivate)) return null;
  return { registrableDomain: r.domain ?? host, publicSuffix: r.publicSuffix };
}

/** Registrable domain of an already-canonical host name, or null when its suffix is not on the PSL. */
export function registrableDomainOf(host: string): string | null {
  return suffixInfo(host)?.registrableDomain ?? null;
}

/** Canonical ASCII host name, or a Failure. Shared by the domain, email and URL-host paths. */
export function canonicalHostname(input: string): string | Failure {
  let h = input;
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h) return fail('invalid_domain', 'empty domain');
  if (NEEDS_IDNA.test(h)) {
    h = hostToAscii(h);
    if (!h) return fail('invalid_domain', 'not a valid internationalised domain name');
    if (h.endsWith('.')) h = h.slice(0, -1);
  } else {
    h = h.toLowerCase();
  }
  if (h.length > 253) return fail('invalid_domain', 'domain longer than 253 characters');
  if (!ALPHA_TLD.test(h)) return fail('invalid_domain', 'a domain needs at least two labels and an alphabetic top-level label');
  const labels = h.split('.');
  for (const label of labels) {
    if (!LABEL.test(label)) return fail('invalid_domain', `bad label "${label}"`);
  }
  return h;
}

export function normalizeDomain(input: string): DomainResult | Failure {
  const h = canonicalHostname(input);
  if (h instanceof Failure) return h;
  const info = suffixInfo(h);
  if (!info) return fail('invalid_domain', `"${h}" has no suffix on the Public Suffix List`);
  return { value: h, attributes: { registrableDomain: info.registrableDomain, publicSuffix: info.publicSuffix } };
}
