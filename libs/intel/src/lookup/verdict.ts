/** What the verdict rules read about one indicator in one jurisdiction. */
export interface VerdictInput {
  reports: number;
  /** Distinct reporters whose latest sighting falls inside the rule's window. */
  recentReporters: number;
  highTrustReporters: number;
  warninglisted: boolean;
}

export type Verdict = 'scam' | 'suspicious' | 'unknown' | 'legitimate';

export interface VerdictOutcome {
  verdict: Verdict;
  rule: string;
  reason: string;
}

export interface VerdictRules {
  scamMinReporters: number;
  windowDays: number;
}

export const DEFAULT_VERDICT_RULES: VerdictRules = { scamMinReporters: 3, windowDays: 90 };

/**
 * The spine's verdict: `scam` at ≥ N distinct reporters within the window or any high-trust reporter,
 * `suspicious` at ≥ 1 report, else `unknown`. A warninglisted value (an official hotline, a bank's domain) is
 * `legitimate` and never `scam`, however often scammers spoof it.
 */
export function decideVerdict(i: VerdictInput, rules: VerdictRules = DEFAULT_VERDICT_RULES): VerdictOutcome {
  if (i.warninglisted) return { verdict: 'legitimate', rule: 'warninglist', reason: 'on a list of known-legitimate values' };
  if (i.highTrustReporters > 0) return { verdict: 'scam', rule: 'high_trust_reporter', reason: `reported by ${i.highTrustReporters} high-trust reporter(s)` };
  if (i.recentReporters >= rules.scamMinReporters) {
    return { verdict: 'scam', rule: 'distinct_reporters', reason: `${i.recentReporters} distinct reporters in ${rules.windowDays} days (threshold ${rules.scamMinReporters})` };
  }
  if (i.reports > 0) return { verdict: 'suspicious', rule: 'reported', reason: `${i.reports} report(s), below the scam threshold` };
  return { verdict: 'unknown', rule: 'no_reports', reason: 'no reports' };
}
