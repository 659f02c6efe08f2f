export const BULLETIN_REQUEST_EXAMPLES = {
  week: { summary: 'One week in English and Korean', value: { from: '2026-11-16', to: '2026-11-23', languages: ['en', 'ko'] } },
};

export const BULLETIN_EXAMPLE = {
  id: '3c9e5a1b-7d2f-4e8a-9b6c-0f1e2d3c4b5a',
  period: { from: '2026-11-16', to: '2026-11-23' },
  version: 1,
  languages: ['en', 'ko'],
  publishedAt: '2026-11-23T01:00:00.000Z',
};

const trend = (current: number, previous: number, direction: string) => ({
  current,
  previous,
  delta: current - previous,
  percent: Math.round(((current - previous) / previous) * 1000) / 10,
  direction,
});
const SUPPRESSED = { suppressed: true, below: 3 };

export const BULLETIN_FIGURES_EXAMPLE = {
  schema: 'scamintel.bulletin.figures/1',
  jurisdiction: 'SG',
  nodeId: 'sg-spf',
  period: { from: '2026-11-16', to: '2026-11-23' },
  previousPeriod: { from: '2026-11-09', to: '2026-11-16' },
  generatedAt: '2026-11-23T00:05:00.000Z',
  minCount: 3,
  risingMinBase: 5,
  maskStyle: 'partial',
  totals: { reports: trend(412, 377, 'up') },
  losses: [
    { currency: 'SGD', current: '184250.00', previous: '151900.00', delta: '32350.00', percent: 21.3, direction: 'up' },
    { currency: 'KRW', current: SUPPRESSED, previous: '1200000', delta: SUPPRESSED, percent: SUPPRESSED, direction: SUPPRESSED },
  ],
  topScamTypes: [{ scamType: 'impersonation_bank', ...trend(131, 98, 'up') }],
  topChannels: [{ channel: 'sms', ...trend(167, 170, 'down') }],
  rising: [{ kind: 'scamType', key: 'impersonation_bank', current: 131, previous: 98, delta: 33, percent: 33.7 }],
  crossBorder: { indicatorsSeenInBoth: 14, receivedFromPartner: 236, partnerJurisdictions: ['KR'] },
  watch: [
    { type: 'url', display: 'hxxps://dbs-secure[.]top/…', reports: 9, jurisdictions: ['SG', 'KR'], scamTypes: ['impersonation_bank'] },
  ],
  weekly: {
    scamTypes: ['impersonation_bank', 'job'],
    weeks: [{ weekStart: '2026-11-16', counts: { impersonation_bank: 131, job: SUPPRESSED } }],
  },
  advice: [{ scamType: 'impersonation_bank', key: 'advice.impersonation_bank' }],
  timeToAction: [{ kind: 'block_number', done: 32, medianMinutes: 7 }],
  crossBorderCampaigns: { active: 4, new: SUPPRESSED, reports: 57 },
};
