import { EXAMPLE } from '@scamintel/common';

const APPEAL_ID = '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const APPEAL_REASON = 'This is the number of my bakery; a scammer spoofed it last week.';

export const REVIEW_QUEUE_EXAMPLE = {
  items: [
    {
      ...EXAMPLE.phone,
      reports: 2,
      reporters: 2,
      firstSeen: '2026-11-02T03:10:00.000Z',
      lastSeen: '2026-11-20T02:15:00.000Z',
      scamTypes: { impersonation_bank: 2 },
      channels: { sms: 2 },
      flags: [],
      verdict: 'suspicious',
      confidence: 48,
      rule: 'reporters_below_threshold',
      reason: '2 of 3 independent reporters',
    },
  ],
};

export const REVIEW_EXAMPLES = {
  confirm: { summary: 'Confirmed by an analyst', value: { verdict: 'confirmed', note: 'Matches case SPF-2026-000123.' } },
};
export const REVIEWED_EXAMPLE = { reportId: EXAMPLE.reportId, verdict: 'confirmed', confirmedIndicators: 2 };

export const VERDICT_EXAMPLES = {
  legitimate: { summary: "A bank's real hotline", value: { verdict: 'legitimate', note: 'Official DBS hotline.' } },
};
export const VERDICT_SET_EXAMPLE = { fingerprint: EXAMPLE.phone.fingerprint, jurisdiction: 'SG', verdict: 'legitimate' };

export const APPEAL_EXAMPLES = {
  appeal: { summary: 'A shop owner appeals', value: { value: '+65 8123 4567', contact: 'owner@example.com', reason: APPEAL_REASON } },
};
export const APPEAL_ACCEPTED_EXAMPLE = { id: APPEAL_ID, status: 'open', indicator: EXAMPLE.phone };
export const APPEAL_LIST_EXAMPLE = {
  appeals: [
    {
      id: APPEAL_ID,
      ...EXAMPLE.phone,
      contact: 'owner@example.com',
      reason: APPEAL_REASON,
      status: 'open',
      resolutionNote: null,
      createdAt: '2026-11-21T03:00:00.000Z',
      resolvedAt: null,
    },
  ],
};

export const RESOLVE_EXAMPLES = { upheld: { summary: 'Upheld', value: { outcome: 'upheld', note: 'Verified with ACRA records.' } } };
export const RESOLVED_EXAMPLE = { id: APPEAL_ID, status: 'upheld', fingerprint: EXAMPLE.phone.fingerprint };
