/** The community-policing model as configured (config/policing.json). */
export type Trust = 'anonymous' | 'low' | 'medium' | 'high';
export const TRUST_ORDER: readonly Trust[] = ['anonymous', 'low', 'medium', 'high'];

export type Rule =
  | { kind: 'analyst_verdict' }
  | { kind: 'min_reports'; min: number; windowDays: number }
  | { kind: 'min_reporters'; min: number; minTrust: Exclude<Trust, 'anonymous'>; windowDays: number };

export interface PolicingModel {
  trustWeights: Record<Trust, number>;
  confidence: { saturation: number; partnerWeight: number; decaySpeed: number; lifetimeDays: Record<string, number> };
  burst: { windowMinutes: number; minAnonymousReports: number };
  jurisdictions: Record<string, { rules: Rule[] }>;
}

/** One distinct reporter of one indicator in one jurisdiction. */
export interface ReporterEvidence {
  trust: Trust;
  reports: number;
  lastSeen: Date;
  /** When this node first received a report of it from this reporter (bursts are about arrival, not occurrence). */
  firstReceived: Date;
}

export interface Evidence {
  type: string;
  warninglisted: boolean;
  reporters: ReporterEvidence[];
  /** Reports per window length (days) that any rule uses: total and from keyed (non-anonymous) reporters. */
  reportsInWindow: Record<number, { total: number; keyed: number }>;
  analystVerdict?: { verdict: 'scam' | 'legitimate'; at: Date; note?: string };
  partner?: { verdict: string; confidence: number }[];
  lastSeen: Date | null;
}

export type Verdict = 'scam' | 'suspicious' | 'unknown' | 'legitimate';

export interface Decision {
  verdict: Verdict;
  rule: string;
  reason: string;
  confidence: number;
  flags: string[];
}
