import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePolicingModel, type PolicingModel, type Trust } from '@scamintel/vocabulary';
import { decide, decayed, burstReporters } from './decide';
import { Evidence, ReporterEvidence } from './model';

const { model, problems } = parsePolicingModel(
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../../config/policing.json'), 'utf8')),
);
const M = model as PolicingModel;
const NOW = new Date('2026-11-28T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const reporter = (trust: Trust, over: Partial<ReporterEvidence> = {}): ReporterEvidence => ({
  trust,
  reports: 1,
  lastSeen: daysAgo(1),
  firstReceived: daysAgo(1),
  ...over,
});
const evidence = (reporters: ReporterEvidence[], over: Partial<Evidence> = {}): Evidence => {
  const keyed = reporters.filter((r) => r.trust !== 'anonymous').reduce((s, r) => s + r.reports, 0);
  const total = reporters.reduce((s, r) => s + r.reports, 0);
  return { type: 'phone', warninglisted: false, reporters, reportsInWindow: { 90: { total, keyed } }, lastSeen: daysAgo(1), ...over };
};

it('the committed model is valid', () => expect(problems).toEqual([]));

describe('KR: scam at 3 reports in 3 months', () => {
  it('2 reports → suspicious, 3 → scam', () => {
    expect(decide(evidence([reporter('low'), reporter('low')]), 'KR', M, NOW).verdict).toBe('suspicious');
    const d = decide(evidence([reporter('low'), reporter('low'), reporter('low')]), 'KR', M, NOW);
    expect(d).toMatchObject({ verdict: 'scam', rule: 'min_reports(3,90d)' });
    expect(d.reason).toContain('3 reports in 90 days');
  });
  it('anonymous reports alone never make a scam', () => {
    const anon = [0, 1, 2, 3].map((i) => reporter('anonymous', { firstReceived: daysAgo(i + 1) }));
    expect(decide(evidence(anon), 'KR', M, NOW).verdict).toBe('suspicious');
  });
});

describe('SG: analyst or N independent reporters of trust medium+', () => {
  it('one medium reporter is not enough; three are', () => {
    expect(decide(evidence([reporter('medium')]), 'SG', M, NOW).verdict).toBe('suspicious');
    expect(decide(evidence([reporter('medium'), reporter('medium'), reporter('high')]), 'SG', M, NOW)).toMatchObject({
      verdict: 'scam',
      rule: 'min_reporters(3,medium)',
    });
  });
  it('low-trust reporters do not count towards the medium rule', () => {
    expect(decide(evidence([reporter('low'), reporter('low'), reporter('low'), reporter('medium')]), 'SG', M, NOW).verdict).toBe(
      'suspicious',
    );
  });
  it('a single high-trust reporter (a bank) is enough', () => {
    expect(decide(evidence([reporter('high')]), 'SG', M, NOW).rule).toBe('min_reporters(1,high)');
  });
  it('old reports fall out of the window', () => {
    const old = [reporter('medium', { lastSeen: daysAgo(120) }), reporter('medium', { lastSeen: daysAgo(100) }), reporter('medium')];
    expect(decide(evidence(old), 'SG', M, NOW).verdict).toBe('suspicious');
  });
});

describe('analyst override and warninglist', () => {
  it('an analyst confirmation decides, and a legitimate mark beats any count', () => {
    expect(decide(evidence([], { analystVerdict: { verdict: 'scam', at: daysAgo(0) } }), 'SG', M, NOW)).toMatchObject({
      verdict: 'scam',
      rule: 'analyst_verdict',
      confidence: 100,
    });
    const many = [1, 2, 3, 4, 5].map(() => reporter('high'));
    expect(decide(evidence(many, { analystVerdict: { verdict: 'legitimate', at: daysAgo(0) } }), 'KR', M, NOW)).toMatchObject({
      verdict: 'legitimate',
      confidence: 0,
    });
  });
  it('a warninglisted value is never a scam', () => {
    expect(
      decide(evidence([reporter('high')], { warninglisted: true, analystVerdict: { verdict: 'scam', at: NOW } }), 'SG', M, NOW).verdict,
    ).toBe('legitimate');
  });
});

describe('confidence', () => {
  it('weighs reporters by trust and saturates', () => {
    const c = (t: Trust[]) =>
      decide(
        evidence(
          t.map((x) => reporter(x, { lastSeen: NOW })),
          { lastSeen: NOW },
        ),
        'SG',
        M,
        NOW,
      ).confidence;
    expect(c(['anonymous'])).toBeLessThan(c(['low']));
    expect(c(['low'])).toBeLessThan(c(['medium']));
    expect(c(['medium'])).toBeLessThan(c(['high']));
    expect(c(['high', 'high', 'high', 'high'])).toBe(100);
  });
  it('one reporter repeating itself cannot raise it past its own weight (the abuse cap)', () => {
    const once = decide(evidence([reporter('medium', { lastSeen: NOW })], { lastSeen: NOW }), 'SG', M, NOW).confidence;
    const fifty = decide(evidence([reporter('medium', { reports: 50, lastSeen: NOW })], { lastSeen: NOW }), 'SG', M, NOW).confidence;
    expect(fifty).toBe(once);
    expect(once).toBe(25);
  });
  it('decays on the MISP polynomial with an injected clock, per type', () => {
    expect(decayed(80, 0, 60, 1)).toBe(80);
    expect(decayed(80, 30, 60, 1)).toBeCloseTo(40);
    expect(decayed(80, 15, 60, 0.5)).toBeCloseTo(80 * (1 - Math.pow(0.25, 2)));
    expect(decayed(80, 60, 60, 1)).toBe(0);
    const fresh = evidence([reporter('high', { lastSeen: NOW }), reporter('high', { lastSeen: NOW })]);
    const phoneLater = decide({ ...fresh, lastSeen: daysAgo(30) }, 'SG', M, NOW).confidence;
    const walletLater = decide({ ...fresh, type: 'crypto_wallet', lastSeen: daysAgo(30) }, 'SG', M, NOW).confidence;
    expect(phoneLater).toBe(50);
    expect(walletLater).toBeGreaterThan(phoneLater);
  });
  it('partner verdicts add weighted evidence but never decide the local verdict', () => {
    const alone = decide(evidence([reporter('low', { lastSeen: NOW })]), 'SG', M, NOW);
    const withPartner = decide(
      evidence([reporter('low', { lastSeen: NOW })], { partner: [{ verdict: 'scam', confidence: 100 }] }),
      'SG',
      M,
      NOW,
    );
    expect(withPartner.confidence).toBeGreaterThan(alone.confidence);
    expect(withPartner.verdict).toBe('suspicious');
  });
});

describe('burst of anonymous reports', () => {
  it('is flagged and does not count', () => {
    const t0 = new Date('2026-11-28T11:00:00Z');
    const anon = [0, 1, 2, 3, 4].map((i) => reporter('anonymous', { firstReceived: new Date(t0.getTime() + i * 60_000) }));
    expect(burstReporters(anon, M).size).toBe(5);
    const d = decide(evidence([...anon, reporter('low')]), 'KR', M, NOW);
    expect(d.flags).toEqual(['anonymous_burst']);
    expect(d.reason).toContain('burst');
    const spread = [0, 1, 2, 3, 4].map((i) => reporter('anonymous', { firstReceived: new Date(t0.getTime() + i * 3600_000) }));
    expect(burstReporters(spread, M).size).toBe(0);
  });
});
