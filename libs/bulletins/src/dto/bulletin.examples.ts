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

export const BULLETIN_FIGURES_EXAMPLE = {
  schema: 'scamintel.bulletin.figures/1',
  jurisdiction: 'SG',
  nodeId: 'sg-spf',
  period: { from: '2026-11-16', to: '2026-11-23' },
  previousPeriod: { from: '2026-11-09', to: '2026-11-16' },
  generatedAt: '2026-11-23T00:05:00.000Z',
  totals: { reports: { current: 412, previous: 377, delta: 35, percent: 9.3, direction: 'up' } },
};
