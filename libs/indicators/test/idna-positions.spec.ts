import fc from 'fast-check';
import { tryNormalize } from '../src/index';
import type { NormalizeResult } from '../src/index';
import { hostToAscii } from '../src/idna';
import { cleanText } from '../src/text';
import { idnaCases } from './harness/idna';

/*
 * A host name is one thing wherever it is written: as a domain, as the host of a URL, as the domain of an e-mail
 * address. Every IdnaTestV2 source is put in all three positions (with ".com" after it, so that the two-label rule of
 * domains does not hide the IDNA verdict); what UTS #46 refuses is refused in all three, and what it accepts gives
 * the same ASCII name in all three. The verdict is tr46's on the text as the pipeline sees it (invisible characters
 * dropped, see src/text.ts), which vectors.spec.ts checks against the file's own status column.
 *
 * One documented difference: a URL host made only of ASCII that is no name ("$", controls, spaces) is Safe
 * Browsing's case, kept escaped byte by byte with no registrable domain, and so is any host with a control character
 * or a space (the issue's GSB class); a domain or e-mail domain refuses both.
 */

interface Positions {
  domain: NormalizeResult;
  url: NormalizeResult;
  email: NormalizeResult;
}

function positions(name: string): Positions {
  return {
    domain: tryNormalize(name, { type: 'domain' }),
    url: tryNormalize(`http://${name}/`, { type: 'url' }),
    email: tryNormalize(`user@${name}`, { type: 'email' }),
  };
}

const urlHost = (r: NormalizeResult) => (r.ok ? (r.indicator.attributes as { host: string }).host : null);
const emailDomain = (r: NormalizeResult) => (r.ok ? (r.indicator.attributes as { domain: string }).domain : null);
const IDN_ISH = /[^\x00-\x7f]|(?:^|\.)xn--/i;
const NOT_A_NAME = /[\x00-\x20\x7f-\x9f]/;

/** What disagrees between the three positions for one name, or null. */
function disagreement(name: string): string | null {
  const seen = cleanText(name);
  const verdict = hostToAscii(seen);
  const p = positions(name);
  const got = `domain ${p.domain.ok ? p.domain.indicator.value : 'refused'}, url host ${urlHost(p.url) ?? 'refused'}, email domain ${emailDomain(p.email) ?? 'refused'}`;
  if (verdict === null) {
    const urlKept =
      p.url.ok &&
      (!IDN_ISH.test(seen) || NOT_A_NAME.test(seen)) &&
      (p.url.indicator.attributes as { registrableDomain: unknown }).registrableDomain === null;
    return p.domain.ok || p.email.ok || (p.url.ok && !urlKept) ? `UTS #46 refuses it, yet ${got}` : null;
  }
  if (p.domain.ok !== p.email.ok) return `domain and e-mail domain disagree: ${got}`;
  if (p.domain.ok && (urlHost(p.url) !== p.domain.indicator.value || emailDomain(p.email) !== p.domain.indicator.value))
    return `not one name: ${got}`;
  return null;
}

describe('one host name, three positions (domain, URL host, e-mail domain)', () => {
  it('every IdnaTestV2 case gets the same UTS #46 verdict and the same ASCII name in all three', () => {
    const bad: string[] = [];
    for (const c of idnaCases()) {
      // Brackets are read as defang notation in a single value (src/loose.ts), and "? # / @ :" end a URL's host or
      // an address's local part: such a source is not one name in all three positions.
      if (/[[\](){}?#/@:\\]/.test(c.source)) continue;
      const name = c.source.endsWith('.') ? c.source + 'com' : c.source + '.com';
      const d = disagreement(name);
      if (d) bad.push(`line ${c.line} ${JSON.stringify(name)}: ${d}`);
    }
    expect(bad).toEqual([]);
  });

  it('an invalid "xn--" label is refused as a URL host as it is as a domain (the class of http://xn--0.a.com/)', () => {
    for (const name of ['xn--0.a.com', 'xn--a.pt', 'www.xn--xn---epa.com', 'XN--A-Ä.PT', 'a.b.xn--c-bcb.d.com', 'xn--ab-j1t.kr']) {
      const p = positions(name);
      expect([name, p.domain.ok, p.url.ok, p.email.ok]).toEqual([name, false, false, false]);
    }
    expect(tryNormalize('http://xn--0.a.com/')).toMatchObject({ ok: false, code: 'invalid_url' });
    expect(tryNormalize('https://xn--3e0b707e.com/login').ok).toBe(true);
  });

  it('generated names agree in all three positions (fast-check, fixed seed)', () => {
    const label = fc.oneof(
      fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/),
      fc.stringMatching(/^xn--[a-z0-9-]{1,10}$/),
      fc.string({
        unit: fc.constantFrom('가', '한', '國', 'ß', 'ς', 'א', 'ب', '٠', '0', 'a', '-', '\u0300', '\u200c', 'Ⅻ', '⒈'),
        minLength: 1,
        maxLength: 6,
      }),
    );
    const name = fc
      .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'kr', 'xn--3e0b707e', 'co.kr'))
      .map(([ls, tld]) => [...ls, tld].join('.'));
    fc.assert(
      fc.property(name, (n) => {
        expect(disagreement(n)).toBeNull();
      }),
      { seed: 337115121, numRuns: 2000 },
    );
  });
});
