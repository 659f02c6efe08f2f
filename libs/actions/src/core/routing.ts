import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parse as parseHost } from 'tldts';
import type { ActionKind, IndicatorType, OrgProfile } from '@scamintel/vocabulary';

export interface Organisation {
  organisation: string;
  profile: OrgProfile;
}

export type RouteOutcome = { ok: true; assignees: string[]; why: string } | { ok: false; reason: string };

const names = (orgs: Organisation[]) => [...new Set(orgs.map((o) => o.organisation))].sort();

/**
 * Who an action goes to when the analyst names nobody, from the organisations' profiles (CONTRACT §12): a bank
 * account to the bank(s) owning its bank code in its country, a phone number to the telcos of its country, a social
 * handle to its platform, a URL or domain to the platforms that host it (a profile may name a domain, e.g.
 * `pages.dev`); otherwise the analyst has to choose. Every matching organisation is an assignee until one claims it.
 */
export function route(kind: ActionKind, indicator: { type: IndicatorType; value: string }, orgs: Organisation[]): RouteOutcome {
  const found = (list: Organisation[], why: string, none: string): RouteOutcome =>
    list.length ? { ok: true, assignees: names(list), why } : { ok: false, reason: `${none}; name the assignee` };
  const { type, value } = indicator;
  if (type === 'bank_account') {
    const m = /^([A-Z]{2}):([^:]*):/.exec(value);
    if (!m || !m[2]) return { ok: false, reason: 'the account names no bank code (unknown bank or IBAN); name the assignee' };
    const [, country, code] = m;
    const banks = orgs.filter(
      (o) => o.profile.sector === 'bank' && o.profile.bankCodes.includes(code) && (o.profile.jurisdiction ?? country) === country,
    );
    return found(banks, `bank code ${code} in ${country}`, `no bank with code ${code} in ${country} holds a key`);
  }
  if (type === 'phone') {
    const country = parsePhoneNumberFromString(value)?.country;
    if (!country) return { ok: false, reason: 'the number belongs to no single country; name the assignee' };
    const telcos = orgs.filter((o) => o.profile.sector === 'telco' && o.profile.jurisdiction === country);
    return found(telcos, `telcos of ${country}`, `no telco of ${country} holds a key`);
  }
  if (type === 'social_handle') {
    const platform = value.slice(0, value.indexOf(':'));
    const hosts = orgs.filter((o) => o.profile.sector === 'platform' && o.profile.platforms.includes(platform));
    return found(hosts, `platform ${platform}`, `no organisation answers for ${platform}`);
  }
  if (type === 'url' || type === 'domain') {
    const host = parseHost(type === 'url' ? value : `http://${value}/`).hostname ?? '';
    const suffixes = host.split('.').map((_, i, parts) => parts.slice(i).join('.'));
    const hosts = orgs.filter((o) => o.profile.sector === 'platform' && o.profile.platforms.some((p) => suffixes.includes(p)));
    return found(hosts, `platform hosting ${host}`, `no platform answers for ${host}`);
  }
  return { ok: false, reason: `${kind} does not act on ${type}` };
}
