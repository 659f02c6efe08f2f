import type { BulletinInput, PeriodStats, WatchCandidate } from '../types';

// A small, hand-checkable data set for the figure and privacy tests. Counts sit on both sides of minCount = 3.

export const stats = (over: Partial<PeriodStats> = {}): PeriodStats => ({
  reports: 0,
  lossByCurrency: {},
  byScamType: {},
  byChannel: {},
  ...over,
});

export const candidate = (over: Partial<WatchCandidate>): WatchCandidate => ({
  type: 'phone',
  value: '+6581234567',
  tlp: 'clear',
  verdict: 'scam',
  warninglisted: false,
  reports: 10,
  jurisdictions: ['SG'],
  scamTypes: ['phishing'],
  ...over,
});

export function knownInput(): BulletinInput {
  return {
    jurisdiction: 'SG',
    nodeId: 'sg-test',
    period: { from: '2026-11-16', to: '2026-11-23' },
    current: stats({
      reports: 120,
      lossByCurrency: { SGD: '1500.10', KRW: '1500000' },
      // romance and other (withheld, 3 together) keep the period total from giving a small count back.
      byScamType: { phishing: 15, investment: 10, job: 3, romance: 2, other: 1, loan: 39, impersonation_bank: 50 },
      byChannel: { sms: 60, whatsapp: 29, call: 2, other: 1, telegram: 28 },
    }),
    previous: stats({
      reports: 100,
      lossByCurrency: { SGD: '1000.05' },
      byScamType: { phishing: 10, investment: 5, job: 2, romance: 1, loan: 4, impersonation_bank: 78 },
      byChannel: { sms: 40, whatsapp: 30, call: 3, telegram: 27 },
    }),
    weekly: [
      { weekStart: '2026-11-16', byScamType: { phishing: 15, romance: 2, impersonation_bank: 3 } },
      { weekStart: '2026-11-09', byScamType: { phishing: 10, romance: 1 } },
    ],
    crossBorder: { indicatorsSeenInBoth: 2, receivedFromPartner: 3, partnerJurisdictions: ['KR', 'SG', 'not a country'] },
    watch: [
      candidate({ value: '+6581234567', reports: 12, scamTypes: ['impersonation_bank'] }),
      candidate({ type: 'domain', value: 'dbs-secure.top', reports: 30, jurisdictions: ['SG', 'KR'] }),
      candidate({ type: 'email', value: 'alice@evil.com', reports: 2 }),
      candidate({ type: 'url', value: 'https://dbs-secure.top/otp?acct=123', reports: 3 }),
    ],
    generatedAt: '2026-11-23T01:00:00Z',
  };
}
