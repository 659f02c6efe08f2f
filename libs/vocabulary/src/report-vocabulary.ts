/** Closed vocabularies of the report body (CONTRACT §6). */
export const SCAM_TYPES = [
  'phishing',
  'investment',
  'job',
  'romance',
  'impersonation_government',
  'impersonation_bank',
  'ecommerce',
  'loan',
  'tech_support',
  'sextortion',
  'other',
] as const;
export type ScamType = (typeof SCAM_TYPES)[number];

export const CHANNELS = [
  'sms',
  'call',
  'whatsapp',
  'telegram',
  'kakaotalk',
  'line',
  'wechat',
  'email',
  'website',
  'social_media',
  'marketplace',
  'dating_app',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const REPORT_STATUSES = ['received', 'processed', 'failed'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const isScamType = (v: unknown): v is ScamType => (SCAM_TYPES as readonly unknown[]).includes(v);

/**
 * One jurisdiction's totals for an indicator, as `indicator_stats` keeps them: ingest plans them as deltas, lookup
 * reads them back. Losses are exact decimal strings per currency.
 */
export interface SightingTotals {
  reports: number;
  firstSeen: Date;
  lastSeen: Date;
  scamTypes: Record<string, number>;
  channels: Record<string, number>;
  losses: Record<string, string>;
  tlpRank: number;
}
