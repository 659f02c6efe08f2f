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
export const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export const INDICATOR_TYPE_NAMES = ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'] as const;
export const REPORT_STATUSES = ['received', 'processed', 'failed'] as const;
/** A jurisdiction's verdict on an indicator (CONTRACT §6). */
export const VERDICTS = ['scam', 'suspicious', 'unknown', 'legitimate'] as const;

export type ScamType = (typeof SCAM_TYPES)[number];
export type Channel = (typeof CHANNELS)[number];
export type TlpName = (typeof TLPS)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const TLP_RANK: Record<TlpName, number> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };
