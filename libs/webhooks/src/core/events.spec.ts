import { EMPTY_PROFILE, type OrgProfile, type Role } from '@scamintel/vocabulary';
import { Subscriber, WebhookFilter, effectiveFilter, matches } from './events';

const sub = (
  role: Role,
  organisation: string,
  profile: Partial<OrgProfile> = {},
  filter: WebhookFilter | null = null,
  events = ['action.assigned', 'action.updated', 'indicator.verdict_changed', 'campaign.updated'],
): Subscriber => ({
  events,
  filter,
  key: { role, organisation, profile: { ...EMPTY_PROFILE, ...profile } },
});
const DBS = sub('reporter', 'DBS Bank', { sector: 'bank', bankCodes: ['7171'] });
const ACCOUNT = { type: 'bank_account' as const, value: 'SG:7171:1234567890' };

describe('webhook matching', () => {
  it('only the event types asked for', () => {
    const s = sub('analyst', 'SPF', {}, null, ['action.updated']);
    expect(matches(s, 'action.updated', {})).toBe(true);
    expect(matches(s, 'action.assigned', {})).toBe(false);
  });

  it("a reporter hears of actions only when they are its organisation's", () => {
    expect(matches(DBS, 'action.assigned', { indicator: ACCOUNT, organisations: ['DBS Bank'] })).toBe(true);
    expect(matches(DBS, 'action.assigned', { indicator: ACCOUNT, organisations: ['OCBC'] })).toBe(false);
    expect(matches(sub('analyst', 'SPF'), 'action.assigned', { indicator: ACCOUNT, organisations: ['OCBC'] })).toBe(true);
  });

  it('analyst-only events never reach reporters; partner and admin keys receive nothing', () => {
    expect(matches(DBS, 'campaign.updated', { analystsOnly: true })).toBe(false);
    expect(matches(sub('analyst', 'SPF'), 'campaign.updated', { analystsOnly: true })).toBe(true);
    expect(matches(sub('admin', 'ops'), 'campaign.updated', {})).toBe(false);
    expect(matches(sub('partner', 'KNPA'), 'indicator.verdict_changed', { indicator: ACCOUNT })).toBe(false);
  });

  it("without a filter a reporter's profile filters: a bank hears about its own bank codes", () => {
    expect(effectiveFilter(DBS)).toEqual({ bankCodes: ['7171'] });
    expect(matches(DBS, 'indicator.verdict_changed', { indicator: ACCOUNT })).toBe(true);
    expect(matches(DBS, 'indicator.verdict_changed', { indicator: { type: 'bank_account', value: 'SG:7339:1234567890' } })).toBe(false);
    expect(matches(DBS, 'indicator.verdict_changed', { indicator: { type: 'phone', value: '+6581234567' } })).toBe(false);
    expect(effectiveFilter(sub('reporter', 'Singtel', { sector: 'telco', jurisdiction: 'SG' }))).toEqual({});
  });

  it('an explicit filter replaces the profile; each of its dimensions must match', () => {
    const phones = sub('reporter', 'DBS Bank', { sector: 'bank', bankCodes: ['7171'] }, { types: ['phone'] });
    expect(matches(phones, 'indicator.verdict_changed', { indicator: { type: 'phone', value: '+6581234567' } })).toBe(true);
    expect(matches(phones, 'indicator.verdict_changed', { indicator: ACCOUNT })).toBe(false);
    const tg = sub('analyst', 'SPF', {}, { platforms: ['telegram', 'pages.dev'] });
    expect(matches(tg, 'indicator.verdict_changed', { indicator: { type: 'social_handle', value: 'telegram:x' } })).toBe(true);
    expect(matches(tg, 'indicator.verdict_changed', { indicator: { type: 'url', value: 'https://a.b.pages.dev/login' } })).toBe(true);
    expect(matches(tg, 'indicator.verdict_changed', { indicator: { type: 'domain', value: 'evil.com' } })).toBe(false);
    expect(matches(tg, 'campaign.updated', {})).toBe(false);
    expect(matches(sub('analyst', 'SPF'), 'campaign.updated', {})).toBe(true);
  });
});
