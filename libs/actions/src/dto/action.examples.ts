export const ACTION_EXAMPLE = {
  id: '0c5a8f2e-6b1d-4e3a-9f70-2d8c4b1a6e53',
  kind: 'freeze_account',
  indicator: {
    type: 'bank_account',
    value: 'SG:7171:1234567890',
    fingerprint: '9c1d4b7e2a5f8c3d6e9b2a5f8c1d4e7b0a3f6c9d2e5b8a1f4c7d0e3b6a9f2c5d',
  },
  reason: 'Mule account in case KR-2026-1182: victims paid into it on 28 Nov',
  caseRef: 'KR-2026-1182',
  state: 'acknowledged',
  assignee: 'DBS Bank',
  assignees: ['DBS Bank'],
  overdue: false,
  from: 'kr-knpa',
  expiresInDays: null,
  version: 3,
  createdAt: '2026-12-01T02:00:00.000Z',
  assignedAt: '2026-12-01T02:05:00.000Z',
  ackDueAt: '2026-12-01T03:05:00.000Z',
  acknowledgedAt: '2026-12-01T02:20:00.000Z',
  doneAt: null,
  closedAt: null,
  expiresAt: null,
  updatedAt: '2026-12-01T02:20:00.000Z',
};

export const CREATE_EXAMPLES = {
  local: {
    summary: 'Freeze an account, routed to the bank of its bank code',
    value: { kind: 'freeze_account', value: 'DBS 123-456789-0', reason: 'Mule account in case SPF-2026-88', caseRef: 'SPF-2026-88' },
  },
  block: {
    summary: 'Block a scam number (all telcos of its country)',
    value: { kind: 'block_number', value: '+65 8123 4567', reason: 'Impersonation calls' },
  },
  crossBorder: {
    summary: 'Ask the partner node to freeze an account there',
    value: {
      kind: 'freeze_account',
      value: 'SG:7171:1234567890',
      reason: 'Victims in Korea paid into it',
      partner: 'sg-spf',
      caseRef: 'KR-2026-1182',
    },
  },
};
