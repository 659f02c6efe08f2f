import { parse as parseTld } from 'tldts';
import { hostToAscii } from '../idna';
import { Failure, fail } from '../errors';

/*
 * Domains: lower-case ASCII (IDNA via UTS #46 via tr46), no trailing dot. The public suffix and registrable domain
 * come from the Public Suffix List INCLUDING its private section (tldts, allowPrivateDomains): a foo.pages.dev or
 * bar.github.io site is run by its own owner, so it is its own registrable domain, not "pages.dev".
 *
 * As the PSL algorithm prescribes, a name whose TLD is not on the list follows the default rule "*" (its last label
 * is the public suffix: example.example -> registrable example.example), and a name that IS a public suffix
 * (co.kr, com.sg, uk.com, gov.sg, pages.dev) has no registrable domain (null). Such names are still accepted:
 * they do serve web sites, and gov.sg is on a warninglist.
 *
 * How much an unlisted TLD is trusted depends on how the value was read (`Reading`):
 *  - 'typed' (the caller said "domain", "email" or "url"): the default rule, always;
 *  - 'detected' (one value, type guessed): refused when the unlisted TLD is a common file extension (report.pdf,
 *    icon@2x.png, setup.exe: file names, not hosts);
 *  - 'prose' (extract() in free text): only listed TLDs, or an unlisted IDN TLD (no file extension is an IDN);
 *    "hello.how are you" and "app.component" are words, not hosts.
 * Listed TLDs that are also extensions (.zip .mov .sh .py) count as hosts; extract() has its own prose rules.
 */

export type Reading = 'typed' | 'detected' | 'prose';

const TLD_OPTIONS = { allowPrivateDomains: true, extractHostname: false, detectIp: false, validateHostname: false } as const;
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;
const NEEDS_IDNA = /[^\x00-\x7f]|xn--/i;
const ALPHA_TLD = /\.[a-z][a-z0-9-]*$|\.xn--[a-z0-9-]+$/;
const IDN_TLD = /\.xn--[a-z0-9-]+$/;
const FILE_EXTENSIONS = new Set(
  (
    'pdf png jpg jpeg gif bmp webp svg ico tif tiff heic txt log csv tsv json xml yml yaml ini cfg conf doc docx xls xlsx ' +
    'ppt pptx odt rtf htm html php asp aspx jsp js mjs css exe dll msi bat cmd ps1 vbs scr jar apk ipa dmg iso img bin dat ' +
    'tmp bak rar 7z gz tgz bz2 xz tar mp3 mp4 m4a avi mkv wav flac ogg eml msg'
  ).split(' '),
);

export interface DomainResult {
  value: string;
  attributes: { registrableDomain: string | null; publicSuffix: string };
}

interface SuffixInfo {
  registrableDomain: string | null;
  publicSuffix: string;
  listed: boolean;
}

function suffixInfo(host: string): SuffixInfo | null {
  const r = parseTld(host, TLD_OPTIONS);
  if (!r.publicSuffix) return null;
  return { registrableDomain: r.domain, publicSuffix: r.publicSuffix, listed: r.isIcann === true || r.isPrivate === true };
}

/** Registrable domain of an already-canonical host name (null for a bare public suffix). */
export function registrableDomainOf(host: string): string | null {
  return suffixInfo(host)?.registrableDomain ?? null;
}

/** Canonical ASCII host name, or a Failure. Shared by the domain, email and URL-host paths. */
export function canonicalHostname(input: string): string | Failure {
  let h = input;
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (!h) return fail('invalid_domain', 'empty domain');
  if (NEEDS_IDNA.test(h)) {
    const ascii = hostToAscii(h);
    if (!ascii) return fail('invalid_domain', 'not a valid internationalised domain name');
    h = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
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

/** The registrable domain of a host name as typed (any case, Unicode or punycode), or null. */
export function registrableDomain(input: string): string | null {
  if (typeof input !== 'string') return null;
  const h = canonicalHostname(input);
  return h instanceof Failure ? null : registrableDomainOf(h);
}

/** Why this reading refuses a canonical host for its unlisted TLD (see above), or null. */
export function unlistedRefusal(host: string, reading: Reading, info: SuffixInfo | null = suffixInfo(host)): string | null {
  if (reading === 'typed' || !info || info.listed) return null;
  if (reading === 'detected' && !FILE_EXTENSIONS.has(info.publicSuffix)) return null;
  if (reading === 'prose' && IDN_TLD.test(host)) return null;
  return `".${info.publicSuffix}" is not a top-level domain on the Public Suffix List${FILE_EXTENSIONS.has(info.publicSuffix) ? ' but a file extension' : ''}; give the type to take it anyway`;
}

export function normalizeDomain(input: string, reading: Reading = 'typed'): DomainResult | Failure {
  const h = canonicalHostname(input);
  if (h instanceof Failure) return h;
  const info = suffixInfo(h);
  if (!info) return fail('invalid_domain', `"${h}" has no public suffix`);
  const refusal = unlistedRefusal(h, reading, info);
  if (refusal) return fail('not_an_indicator', refusal);
  return { value: h, attributes: { registrableDomain: info.registrableDomain, publicSuffix: info.publicSuffix } };
}
