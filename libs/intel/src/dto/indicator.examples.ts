import { EXAMPLE } from '@scamintel/common';

export const NORMALIZE_EXAMPLES = {
  one: { summary: 'A defanged URL', value: { value: 'hxxps://DBS-secure[.]top/login#x' } },
  phone: { summary: 'A local phone number with a region', value: { value: '010-1234-5678', region: 'KR' } },
  items: {
    summary: 'Several at once',
    value: {
      items: [
        { value: 'user[at]mail[.]com' },
        { value: '국민은행 123-45-6789012', type: 'bank_account', region: 'KR' },
        { value: 'hello world' },
      ],
    },
  },
};

export const NORMALIZED_EXAMPLE = { ...EXAMPLE.url, attributes: { host: 'dbs-secure.top', registrableDomain: 'dbs-secure.top' } };

export const NOT_AN_INDICATOR_EXAMPLE = {
  error: { code: 'not_an_indicator', message: 'not an indicator of any type' },
  requestId: 'b7c1f0e2-1d3a-4c5b-8e9f-0a1b2c3d4e5f',
};

const first = '2026-11-02T03:10:00.000Z';
const last = '2026-11-20T02:15:00.000Z';

export const LOOKUP_EXAMPLE = {
  query: '+65 8123 4567',
  indicator: EXAMPLE.phone,
  verdict: 'scam',
  confidence: 86,
  reports: 4,
  firstSeen: first,
  lastSeen: last,
  jurisdictions: ['SG', 'KR'],
  scamTypes: ['impersonation_bank', 'phishing'],
  explanation: { jurisdiction: 'SG', rule: 'independent_reporters', reason: '3 independent reporters in the last 90 days' },
  byJurisdiction: [
    {
      jurisdiction: 'SG',
      sourceNode: 'sg-spf',
      verdict: 'scam',
      confidence: 86,
      reports: 3,
      firstSeen: first,
      lastSeen: last,
      rule: 'independent_reporters',
      reason: '3 independent reporters in the last 90 days',
    },
    {
      jurisdiction: 'KR',
      sourceNode: 'kr-knpa',
      verdict: 'suspicious',
      confidence: 40,
      reports: 1,
      firstSeen: '2026-11-11T09:00:00.000Z',
      lastSeen: '2026-11-11T09:00:00.000Z',
      rule: 'partner',
      reason: 'the verdict of kr-knpa for KR',
    },
  ],
};

export const INDICATOR_DETAIL_EXAMPLE = {
  ...EXAMPLE.phone,
  attributes: { region: 'SG' },
  warninglist: null,
  firstSeen: first,
  lastSeen: last,
  sightings: [
    {
      jurisdiction: 'SG',
      sourceNode: 'sg-spf',
      reports: 3,
      reporters: 3,
      recentReporters: 3,
      firstSeen: first,
      lastSeen: last,
      scamTypes: { impersonation_bank: 2, phishing: 1 },
      channels: { sms: 2, call: 1 },
      losses: { SGD: '4200.00' },
      verdict: {
        verdict: 'scam',
        confidence: 86,
        rule: 'independent_reporters',
        reason: '3 independent reporters in the last 90 days',
        flags: [],
      },
    },
    {
      jurisdiction: 'KR',
      sourceNode: 'kr-knpa',
      reports: 1,
      reporters: 1,
      firstSeen: '2026-11-11T09:00:00.000Z',
      lastSeen: '2026-11-11T09:00:00.000Z',
      scamTypes: ['impersonation_bank'],
      tlp: 'green',
      pseudonymised: false,
      receivedAt: '2026-11-11T09:05:00.000Z',
      verdict: { verdict: 'suspicious', confidence: 40, rule: 'partner', reason: 'the verdict of kr-knpa for KR', flags: [] },
    },
  ],
  reportIds: [EXAMPLE.reportId],
};

export const INDICATOR_PAGE_EXAMPLE = {
  indicators: [
    {
      ...EXAMPLE.phone,
      attributes: { region: 'SG' },
      warninglist: null,
      firstSeen: first,
      lastSeen: last,
      updatedAt: '2026-11-20T02:16:00.850Z',
    },
  ],
  next: null,
};
