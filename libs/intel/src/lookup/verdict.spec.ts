import { decideVerdict } from './verdict';

const base = { reports: 0, recentReporters: 0, highTrustReporters: 0, warninglisted: false };

describe('decideVerdict', () => {
  it('is unknown with no reports', () => expect(decideVerdict(base).verdict).toBe('unknown'));
  it('is suspicious from one report', () => expect(decideVerdict({ ...base, reports: 1, recentReporters: 1 }).verdict).toBe('suspicious'));
  it('stays suspicious at 2 distinct reporters', () => expect(decideVerdict({ ...base, reports: 5, recentReporters: 2 }).verdict).toBe('suspicious'));
  it('is scam at 3 distinct recent reporters', () => expect(decideVerdict({ ...base, reports: 3, recentReporters: 3 })).toMatchObject({ verdict: 'scam', rule: 'distinct_reporters' }));
  it('is scam from one high-trust reporter', () => expect(decideVerdict({ ...base, reports: 1, recentReporters: 1, highTrustReporters: 1 })).toMatchObject({ verdict: 'scam', rule: 'high_trust_reporter' }));
  it('never calls a warninglisted value a scam', () => expect(decideVerdict({ reports: 50, recentReporters: 50, highTrustReporters: 3, warninglisted: true }).verdict).toBe('legitimate'));
});
