import { EXAMPLE } from '@scamintel/common';

export const IDEMPOTENCY_KEY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'Makes a retry safe: the same key with the same body answers the first answer again; with another body, 422.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
} as const;

export const REPORT_EXAMPLES = {
  full: {
    summary: 'Bank impersonation with a defanged URL, a phone and a loss',
    value: {
      scamType: 'impersonation_bank',
      channel: 'sms',
      occurredAt: '2026-11-20T10:15:00+08:00',
      jurisdiction: 'SG',
      loss: { amount: '1500.00', currency: 'SGD' },
      narrative:
        'SMS claimed my DBS account was locked and linked to hxxps://dbs-secure[.]top/login. The caller then asked me to transfer to OCBC 501-234567-001.',
      indicators: [{ value: 'hxxps://dbs-secure[.]top/login' }, { type: 'phone', value: '+65 8123 4567' }],
      tlp: 'amber',
      reporter: { name: 'Tan Mei Ling', contact: 'meiling@example.com' },
      externalRef: 'SPF-2026-000123',
    },
  },
  minimal: {
    summary: 'Just an indicator',
    value: { scamType: 'phishing', channel: 'sms', occurredAt: '2026-11-20T10:00:00+08:00', indicators: [{ value: '+65 8123 4567' }] },
  },
  narrativeOnly: {
    summary: 'Indicators extracted from a Korean narrative',
    value: {
      scamType: 'impersonation_government',
      channel: 'call',
      occurredAt: '2026-11-18T14:30:00+09:00',
      jurisdiction: 'KR',
      indicators: [],
      narrative: '검찰청이라며 010-1234-5678 번호로 전화가 와서 국민은행 123-45-6789012 계좌로 송금하라고 했습니다.',
    },
  },
};

export const REPORT_BATCH_EXAMPLES = {
  two: {
    summary: 'Two reports',
    value: {
      reports: [
        {
          scamType: 'investment',
          channel: 'telegram',
          occurredAt: '2026-11-19T21:00:00+08:00',
          indicators: [{ value: 't.me/quickprofit_sg' }, { value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }],
          loss: { amount: '12000.00', currency: 'SGD' },
        },
        {
          scamType: 'ecommerce',
          channel: 'marketplace',
          occurredAt: '2026-11-19T09:30:00+08:00',
          indicators: [{ type: 'bank_account', value: 'OCBC 501-234567-001' }],
          tlp: 'green',
        },
      ],
    },
  },
};

const listed = {
  id: EXAMPLE.reportId,
  status: 'processed',
  jurisdiction: 'SG',
  scamType: 'impersonation_bank',
  channel: 'sms',
  occurredAt: '2026-11-20T02:15:00.000Z',
  receivedAt: '2026-11-20T02:16:00.000Z',
  processedAt: '2026-11-20T02:16:00.850Z',
  tlp: 'amber',
};

export const REPORT_EXAMPLE = {
  ...listed,
  loss: { amount: '1500.00', currency: 'SGD' },
  externalRef: 'SPF-2026-000123',
  indicators: [
    { raw: 'hxxps://dbs-secure[.]top/login', source: 'submitted', ...EXAMPLE.url, status: 'accepted', reason: null },
    { raw: '+65 8123 4567', source: 'submitted', ...EXAMPLE.phone, status: 'accepted', reason: null },
    {
      raw: 'not an indicator',
      source: 'submitted',
      type: null,
      value: null,
      fingerprint: null,
      status: 'rejected',
      reason: 'not_an_indicator',
    },
  ],
};

export const REPORT_PAGE_EXAMPLE = { reports: [listed], next: 'WyIyMDI2LTExLTIwIDAyOjE2OjAwLjAwMDAwMCswMCIsIjdmNWIyYTBlIl0' };
