import type { IndicatorType, OrgProfile, Role } from '@scamintel/vocabulary';

/** The events a subscription may ask for (CONTRACT §12). */
export const WEBHOOK_EVENTS = ['indicator.verdict_changed', 'action.assigned', 'action.updated', 'campaign.updated'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const isWebhookEvent = (v: unknown): v is WebhookEventType => (WEBHOOK_EVENTS as readonly unknown[]).includes(v);

export interface WebhookFilter {
  types?: IndicatorType[];
  bankCodes?: string[];
  platforms?: string[];
}

/**
 * Who may receive an event besides analysts: `organisations` limits reporter keys to those organisations (an action
 * goes to its assignees only); `analystsOnly` keeps it from reporter keys altogether. `indicator` is what the
 * filters (types, bank codes, platforms) are matched against.
 */
export interface EventScope {
  indicator?: { type: IndicatorType; value: string };
  organisations?: string[];
  analystsOnly?: boolean;
}

export interface Subscriber {
  events: string[];
  filter: WebhookFilter | null;
  key: { role: Role; organisation: string; profile: OrgProfile };
}

/** Without a filter of its own, a reporter key's profile is its filter (a bank hears about its bank codes). */
export function effectiveFilter(s: Subscriber): WebhookFilter {
  if (s.filter) return s.filter;
  if (s.key.role !== 'reporter') return {};
  return {
    ...(s.key.profile.bankCodes.length ? { bankCodes: s.key.profile.bankCodes } : {}),
    ...(s.key.profile.platforms.length ? { platforms: s.key.profile.platforms } : {}),
  };
}

const bankCode = (value: string) => /^[A-Z]{2}:([^:]+):/.exec(value)?.[1];
const platformOf = (type: IndicatorType, value: string): string[] => {
  if (type === 'social_handle') return [value.slice(0, value.indexOf(':'))];
  if (type === 'domain' || type === 'url') {
    const host = type === 'url' ? (/^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(value)?.[1] ?? '') : value;
    return host.split('.').map((_, i, parts) => parts.slice(i).join('.'));
  }
  return [];
};

/**
 * Whether a subscription receives an event: it asked for the type; the key may see it (reporters: only events scoped
 * to their organisation when scoped, never analyst-only ones); and every dimension of its filter matches the
 * event's indicator (an event without an indicator passes indicator filters only when the subscriber set none).
 */
export function matches(s: Subscriber, type: WebhookEventType, scope: EventScope): boolean {
  if (!s.events.includes(type)) return false;
  if (s.key.role === 'reporter') {
    if (scope.analystsOnly) return false;
    if (scope.organisations && !scope.organisations.includes(s.key.organisation)) return false;
  } else if (s.key.role !== 'analyst') return false;
  const f = effectiveFilter(s);
  const ind = scope.indicator;
  if (f.types?.length && !(ind && f.types.includes(ind.type))) return false;
  if (f.bankCodes?.length) {
    const code = ind?.type === 'bank_account' ? bankCode(ind.value) : undefined;
    if (!code || !f.bankCodes.includes(code)) return false;
  }
  if (f.platforms?.length) {
    const names = ind ? platformOf(ind.type, ind.value) : [];
    if (!names.some((n) => f.platforms!.includes(n))) return false;
  }
  return true;
}
