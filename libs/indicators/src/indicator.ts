import type { IndicatorType } from '@scamintel/vocabulary';

// The type names are the shared vocabulary's; siblings import them from here.
export type { IndicatorType };
export { isIndicatorType } from '@scamintel/vocabulary';

export interface NormalizedIndicator {
  type: IndicatorType;
  value: string;
  fingerprint: string;
  attributes: Record<string, unknown>;
}

export interface NormalizeOptions {
  type?: IndicatorType;
  /** ISO 3166-1 alpha-2; decides how national phone numbers and bare account numbers are read. Default 'SG'. */
  region?: string;
}

export const DEFAULT_REGION = 'SG';
