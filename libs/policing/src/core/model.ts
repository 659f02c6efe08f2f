import type { Trust, Verdict } from '@scamintel/vocabulary';

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

export interface Decision {
  verdict: Verdict;
  rule: string;
  reason: string;
  confidence: number;
  flags: string[];
}
