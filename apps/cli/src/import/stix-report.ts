// The exchange's STIX core (pure functions): the same pattern grammar and observable mapping the nodes use.
import { PatternError, parsePattern, tlpOfObject, valueOfComparisons } from '@scamintel/exchange-core';
import { SCAM_TYPES } from '@scamintel/vocabulary';

export interface StixDefaults {
  /** For indicators without a known scam type among their labels. */
  scamType: string;
  /** STIX has no delivery channel; every imported report gets this one. */
  channel: string;
  /** When set, the reports' jurisdiction (else the node's). */
  jurisdiction?: string;
}

export type StixOutcome = { kind: 'report'; body: Record<string, unknown> } | { kind: 'skip' } | { kind: 'error'; error: string };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * One bundle object → one report body with one indicator, or a skip (anything but an indicator), or an error:
 * - the pattern must be one observation of the shapes the exchange reads (`[url:value = '…']`,
 *   `[phone-number:value = '…']`, `[user-account:account_login = '…' AND user-account:account_type = '…']`, …);
 * - occurredAt = valid_from; scamType = the first label that is a scamintel scam type, else the default;
 * - tlp = the object's TLP marking (TLP 1.0 or 2.0), else the API default (amber);
 * - externalRef = the STIX id, so a report can be traced back to the feed.
 * Revoked indicators and pseudonymised values (HMACs, which only match on a partner node) are errors.
 */
export function stixObjectToReport(o: unknown, defaults: StixDefaults): StixOutcome {
  if (!isObj(o) || typeof o.type !== 'string') return { kind: 'error', error: 'not a STIX object (no "type")' };
  if (o.type !== 'indicator') return { kind: 'skip' };
  const id = typeof o.id === 'string' ? o.id : '(no id)';
  const fail = (why: string): StixOutcome => ({ kind: 'error', error: `${id}: ${why}` });
  if (o.revoked === true) return fail('revoked indicator');
  if (o.pattern_type !== 'stix' || typeof o.pattern !== 'string') return fail('pattern_type is not "stix"');
  let parsed;
  try {
    parsed = valueOfComparisons(parsePattern(o.pattern));
  } catch (e) {
    if (e instanceof PatternError) return fail(`unsupported pattern: ${e.message}`);
    throw e;
  }
  if (!parsed)
    return fail(
      'the pattern is not over one observable scamintel knows (url, domain-name, email-addr, ipv4/ipv6-addr, phone-number, bank-account, cryptocurrency-wallet, user-account)',
    );
  if (parsed.pseudonymised) return fail('pseudonymised value (only matches on the node that shares the key)');
  if (typeof o.valid_from !== 'string') return fail('no valid_from');
  const labels: unknown[] = Array.isArray(o.labels) ? o.labels : [];
  const scamType =
    labels.find((l): l is string => typeof l === 'string' && (SCAM_TYPES as readonly string[]).includes(l)) ?? defaults.scamType;
  const tlp = tlpOfObject(o as never);
  return {
    kind: 'report',
    body: {
      scamType,
      channel: defaults.channel,
      occurredAt: o.valid_from,
      ...(defaults.jurisdiction ? { jurisdiction: defaults.jurisdiction } : {}),
      indicators: [{ type: parsed.type, value: parsed.value }],
      ...(tlp ? { tlp } : {}),
      ...(id.length <= 200 ? { externalRef: id } : {}),
    },
  };
}
