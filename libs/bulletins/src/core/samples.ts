import type { BulletinInput, WatchCandidate } from './types';
import { type ScamType } from '@scamintel/vocabulary';

// A synthetic week at a Singapore node. Every indicator is made up: phone numbers sit in blocks that are not
// issued to subscribers (+65 8000 0xxx, +82 10-0000-xxxx), domains use the reserved .example TLD, accounts are
// zero-padded test numbers. The ineligible candidates at the end are there to be filtered out.

const weeks: [string, Partial<Record<ScamType, number>>][] = [
  [
    '2026-09-28',
    { phishing: 84, job: 97, investment: 41, ecommerce: 66, impersonation_government: 2, impersonation_bank: 11, romance: 12 },
  ],
  [
    '2026-10-05',
    { phishing: 91, job: 102, investment: 44, ecommerce: 58, impersonation_government: 7, impersonation_bank: 12, romance: 15 },
  ],
  [
    '2026-10-12',
    { phishing: 88, job: 95, investment: 39, ecommerce: 61, impersonation_government: 11, impersonation_bank: 13, romance: 13 },
  ],
  [
    '2026-10-19',
    { phishing: 97, job: 90, investment: 47, ecommerce: 55, impersonation_government: 14, impersonation_bank: 12, romance: 17 },
  ],
  [
    '2026-10-26',
    { phishing: 95, job: 88, investment: 52, ecommerce: 63, impersonation_government: 18, impersonation_bank: 14, romance: 14 },
  ],
  [
    '2026-11-02',
    { phishing: 99, job: 93, investment: 45, ecommerce: 59, impersonation_government: 16, impersonation_bank: 15, romance: 16 },
  ],
  [
    '2026-11-09',
    {
      phishing: 102,
      job: 91,
      investment: 48,
      ecommerce: 60,
      impersonation_government: 22,
      impersonation_bank: 25,
      romance: 16,
      loan: 11,
      tech_support: 2,
      sextortion: 4,
      other: 8,
    },
  ],
  [
    '2026-11-16',
    {
      phishing: 118,
      job: 84,
      investment: 63,
      ecommerce: 52,
      impersonation_government: 38,
      impersonation_bank: 21,
      romance: 14,
      loan: 9,
      tech_support: 6,
      sextortion: 2,
      other: 5,
    },
  ],
];

const eligible = (type: string, value: string, reports: number, jurisdictions: string[], scamTypes: ScamType[]): WatchCandidate => ({
  type,
  value,
  reports,
  jurisdictions,
  scamTypes,
  tlp: 'clear',
  verdict: 'scam',
  warninglisted: false,
});

export function sampleInput(): BulletinInput {
  return {
    jurisdiction: 'SG',
    nodeId: 'sg-synthetic-demo',
    period: { from: '2026-11-16', to: '2026-11-23' },
    current: {
      reports: 412,
      lossByCurrency: { SGD: '1843250.75', USD: '42000.00', KRW: '18500000' },
      byScamType: Object.fromEntries(Object.entries(weeks[7][1])),
      byChannel: {
        sms: 96,
        whatsapp: 88,
        telegram: 71,
        call: 54,
        social_media: 40,
        marketplace: 33,
        website: 17,
        email: 8,
        dating_app: 3,
        other: 2,
      },
    },
    previous: {
      reports: 389,
      lossByCurrency: { SGD: '1620400.10', USD: '15000.00' },
      byScamType: Object.fromEntries(Object.entries(weeks[6][1])),
      byChannel: {
        sms: 90,
        whatsapp: 70,
        telegram: 80,
        call: 41,
        social_media: 44,
        marketplace: 38,
        website: 14,
        email: 7,
        dating_app: 4,
        other: 1,
      },
    },
    weekly: weeks.map(([weekStart, byScamType]) => ({ weekStart, byScamType })),
    crossBorder: { indicatorsSeenInBoth: 27, receivedFromPartner: 143, partnerJurisdictions: ['KR'] },
    watch: [
      eligible('phone', '+6580001234', 41, ['SG'], ['impersonation_government']),
      eligible('domain', 'dbs-secure-login.example', 36, ['SG'], ['phishing', 'impersonation_bank']),
      eligible('url', 'https://parcel-redelivery.example/sg/pay?id=8842', 29, ['SG', 'KR'], ['phishing']),
      eligible('phone', '+821000005678', 18, ['KR', 'SG'], ['investment']),
      eligible('social_handle', 'telegram:easy_task_rewards_sg', 15, ['SG'], ['job']),
      eligible('email', 'verify@account-check.example', 9, ['SG'], ['phishing']),
      eligible('bank_account', 'SG:7171:0000004321', 7, ['SG'], ['ecommerce']),
      eligible('crypto_wallet', '0x00000000000000000000000000000000deadbeef', 5, ['SG', 'KR'], ['investment']),
      eligible('phone', '+6580009876', 2, ['SG'], ['loan']),
      { ...eligible('phone', '+6580000001', 60, ['SG'], ['phishing']), tlp: 'amber' },
      { ...eligible('domain', 'insider-tips.example', 22, ['SG'], ['investment']), verdict: 'suspicious' },
      { ...eligible('domain', 'gov.example', 12, ['SG'], ['impersonation_government']), warninglisted: true },
    ],
    actions: [
      { kind: 'block_number', done: 32, medianSeconds: 420 },
      { kind: 'freeze_account', done: 14, medianSeconds: 2460 },
      { kind: 'takedown', done: 2, medianSeconds: 90_000 },
      { kind: 'restrict', done: 5, medianSeconds: 9000 },
    ],
    campaigns: { active: 6, new: 2, reports: 73 },
    generatedAt: '2026-11-23T01:00:00Z',
  };
}
