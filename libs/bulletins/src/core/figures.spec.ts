import { computeChange } from './change';
import { buildFigures, BulletinInputError, DEFAULT_CONFIG } from './figures';
import { candidate, knownInput } from './__fixtures__/input';

const withheld = { suppressed: true, below: 3 };
const f = buildFigures(knownInput(), DEFAULT_CONFIG);

describe('buildFigures on a known data set', () => {
  it('reports totals and their change', () => {
    expect(f.totals.reports).toEqual({ current: 120, previous: 100, delta: 20, percent: 20, direction: 'up' });
    expect(f.period).toEqual({ from: '2026-11-16', to: '2026-11-23' });
    expect(f.previousPeriod).toEqual({ from: '2026-11-09', to: '2026-11-16' });
  });

  it('ranks top scam types by current count and leaves out those below the threshold', () => {
    expect(f.topScamTypes.map((t) => t.scamType)).toEqual(['impersonation_bank', 'loan', 'phishing', 'investment', 'job']);
    expect(f.topScamTypes[0]).toMatchObject({ current: 50, previous: 78, delta: -28, percent: -35.9, direction: 'down' });
    expect(f.topScamTypes[2]).toMatchObject({ current: 15, previous: 10, delta: 5, percent: 50, direction: 'up' });
  });

  it('suppresses at the boundary: 3 is published, 2 is not, nor any change derived from it', () => {
    const job = f.topScamTypes.find((t) => t.scamType === 'job')!;
    expect(job).toEqual({ scamType: 'job', current: 3, previous: withheld, delta: withheld, percent: withheld, direction: 'up' });
    expect(f.topScamTypes.some((t) => t.scamType === 'romance')).toBe(false);
    expect(f.topChannels.some((t) => t.channel === 'call')).toBe(false);
    expect(f.crossBorder).toEqual({ indicatorsSeenInBoth: withheld, receivedFromPartner: 3, partnerJurisdictions: ['KR'] });
  });

  it('withholds the direction too when both sides are below the threshold', () => {
    const low = buildFigures(
      { ...knownInput(), current: { ...knownInput().current, reports: 2 }, previous: { ...knownInput().previous, reports: 1 } },
      DEFAULT_CONFIG,
    );
    expect(low.totals.reports).toEqual({ current: withheld, previous: withheld, delta: withheld, percent: withheld, direction: withheld });
    expect(low.losses.map((l) => [l.current, l.previous, l.delta, l.direction])).toEqual([
      [withheld, withheld, withheld, withheld],
      [withheld, withheld, withheld, withheld],
    ]);
  });

  it('calls rising only what rose from a base of at least five', () => {
    // loan 4 → 40 and romance 1 → 2 are larger jumps in percent but below the base.
    expect(f.rising).toEqual([
      { kind: 'scamType', key: 'investment', current: 10, previous: 5, delta: 5, percent: 100 },
      { kind: 'channel', key: 'sms', current: 60, previous: 40, delta: 20, percent: 50 }, // ties on percent: larger delta first
      { kind: 'scamType', key: 'phishing', current: 15, previous: 10, delta: 5, percent: 50 },
    ]);
  });

  it('sums and compares money as decimals, per currency', () => {
    expect(f.losses).toEqual([
      { currency: 'KRW', current: '1500000', previous: '0', delta: '1500000', percent: null, direction: 'new' },
      { currency: 'SGD', current: '1500.10', previous: '1000.05', delta: '500.05', percent: 50, direction: 'up' },
    ]);
  });

  it('keeps only publishable watch candidates, masked, ordered by reports, counts suppressed', () => {
    expect(f.watch).toEqual([
      { type: 'domain', display: 'dbs-secure[.]top', reports: 30, jurisdictions: ['KR', 'SG'], scamTypes: ['phishing'] },
      { type: 'phone', display: '+65 8123 ••67', reports: 12, jurisdictions: ['SG'], scamTypes: ['impersonation_bank'] },
      { type: 'url', display: 'hxxps://dbs-secure[.]top/…', reports: 3, jurisdictions: ['SG'], scamTypes: ['phishing'] },
      { type: 'email', display: 'a•••@evil[.]com', reports: withheld, jurisdictions: ['SG'], scamTypes: ['phishing'] },
    ]);
    expect(buildFigures(knownInput(), { ...DEFAULT_CONFIG, maxWatch: 2 }).watch.map((w) => w.type)).toEqual(['domain', 'phone']);
  });

  it('orders the weekly trend by week and suppresses small weekly counts', () => {
    expect(f.weekly).toEqual({
      scamTypes: ['phishing', 'impersonation_bank'],
      weeks: [
        { weekStart: '2026-11-09', counts: { phishing: 10, impersonation_bank: withheld } },
        { weekStart: '2026-11-16', counts: { phishing: 15, impersonation_bank: 3 } },
      ],
    });
  });

  it('names advice for each top scam type', () => {
    expect(f.advice.map((a) => a.key)).toEqual([
      'advice.impersonation_bank',
      'advice.loan',
      'advice.phishing',
      'advice.investment',
      'advice.job',
    ]);
  });

  it('uses a higher threshold everywhere when configured', () => {
    const strict = buildFigures(knownInput(), { ...DEFAULT_CONFIG, minCount: 11 });
    expect(strict.topScamTypes.map((t) => t.scamType)).toEqual(['impersonation_bank', 'loan', 'phishing']);
    expect(strict.topScamTypes[2].previous).toEqual({ suppressed: true, below: 11 });
    expect(strict.watch.find((w) => w.type === 'domain')!.reports).toBe(30);
    expect(strict.watch.find((w) => w.type === 'phone')!.reports).toBe(12);
    expect(strict.risingMinBase).toBe(11);
  });
});

describe('change rule', () => {
  it('defines previous = 0', () => {
    expect(computeChange(5, 0)).toEqual({ delta: 5, percent: null, direction: 'new' });
    expect(computeChange(0, 0)).toEqual({ delta: 0, percent: 0, direction: 'flat' });
    expect(computeChange(0, 5)).toEqual({ delta: -5, percent: -100, direction: 'down' });
    expect(computeChange(2, 3)).toEqual({ delta: -1, percent: -33.3, direction: 'down' });
  });
});

describe('input checks', () => {
  it.each([
    [
      'an unknown scam type key',
      (i: ReturnType<typeof knownInput>) => ((i.current.byScamType as Record<string, number>)['Jane Doe told us'] = 4),
    ],
    ['a negative count', (i: ReturnType<typeof knownInput>) => (i.previous.reports = -1)],
    ['a fractional count', (i: ReturnType<typeof knownInput>) => (i.current.byChannel.sms = 1.5)],
    ['a float amount', (i: ReturnType<typeof knownInput>) => (i.current.lossByCurrency.SGD = '1e3')],
    ['a bad currency', (i: ReturnType<typeof knownInput>) => (i.current.lossByCurrency['S$'] = '1')],
    ['an empty period', (i: ReturnType<typeof knownInput>) => (i.period = { from: '2026-11-16', to: '2026-11-16' })],
    ['an impossible date', (i: ReturnType<typeof knownInput>) => (i.period.from = '2026-02-30')],
    ['a duplicate week', (i: ReturnType<typeof knownInput>) => i.weekly.push({ ...i.weekly[0] })],
  ])('rejects %s', (_name, spoil) => {
    const input = knownInput();
    spoil(input);
    expect(() => buildFigures(input, DEFAULT_CONFIG)).toThrow(BulletinInputError);
  });

  it('rejects a config that would disable suppression', () => {
    expect(() => buildFigures(knownInput(), { ...DEFAULT_CONFIG, minCount: 0 })).toThrow(BulletinInputError);
  });

  it('drops a watch candidate whose fields are not what they claim', () => {
    const input = knownInput();
    input.watch = [candidate({ jurisdictions: ['SG', 'Reporter: Jane Doe'], scamTypes: ['phishing', 'Jane told us' as never] })];
    expect(buildFigures(input, DEFAULT_CONFIG).watch).toEqual([
      { type: 'phone', display: '+65 8123 ••67', reports: 10, jurisdictions: ['SG'], scamTypes: ['phishing'] },
    ]);
  });

  describe('time to action', () => {
    it('gives the median minutes per kind in kind order, withholding kinds with fewer than minCount done', () => {
      const f = buildFigures(
        {
          ...knownInput(),
          actions: [
            { kind: 'takedown', done: 2, medianSeconds: 90_000 },
            { kind: 'block_number', done: 32, medianSeconds: 419 },
            { kind: 'freeze_account', done: 0, medianSeconds: 0 },
          ],
        },
        { minCount: 3, maskStyle: 'partial', maxWatch: 10 },
      );
      expect(f.timeToAction).toEqual([
        { kind: 'block_number', done: 32, medianMinutes: 7 },
        { kind: 'takedown', done: { suppressed: true, below: 3 }, medianMinutes: { suppressed: true, below: 3 } },
      ]);
      expect(buildFigures(knownInput()).timeToAction).toEqual([]);
    });

    it('refuses unknown kinds and bad numbers', () => {
      expect(() => buildFigures({ ...knownInput(), actions: [{ kind: 'arrest', done: 3, medianSeconds: 1 }] })).toThrow(
        /unknown action kind/,
      );
      expect(() => buildFigures({ ...knownInput(), actions: [{ kind: 'takedown', done: -1, medianSeconds: 1 }] })).toThrow(/done/);
      expect(() => buildFigures({ ...knownInput(), actions: [{ kind: 'takedown', done: 3, medianSeconds: NaN }] })).toThrow(
        /medianSeconds/,
      );
    });
  });

  describe('cross-border campaigns: counts only, suppressed like every other figure', () => {
    const withheld = { suppressed: true, below: 3 };
    it('publishes the counts at or above the threshold, withholds a small one', () => {
      const f = buildFigures({ ...knownInput(), campaigns: { active: 4, new: 2, reports: 57 } }, DEFAULT_CONFIG);
      expect(f.crossBorderCampaigns).toEqual({ active: 4, new: withheld, reports: 57 });
      expect(buildFigures({ ...knownInput(), campaigns: { active: 3, new: 3, reports: 9 } }).crossBorderCampaigns).toEqual({
        active: 3,
        new: 3,
        reports: 9,
      });
    });

    it('below the threshold the number of campaigns is withheld, and with it their reports (it would be their size)', () => {
      const f = buildFigures({ ...knownInput(), campaigns: { active: 2, new: 1, reports: 140 } }, DEFAULT_CONFIG);
      expect(f.crossBorderCampaigns).toEqual({ active: withheld, new: withheld, reports: withheld });
      expect(JSON.stringify(f)).not.toContain('140');
      // No campaign data at all is none, withheld the same way.
      expect(buildFigures(knownInput()).crossBorderCampaigns).toEqual({ active: withheld, new: withheld, reports: withheld });
      // A higher threshold withholds more.
      const strict = buildFigures({ ...knownInput(), campaigns: { active: 4, new: 4, reports: 57 } }, { ...DEFAULT_CONFIG, minCount: 5 });
      expect(strict.crossBorderCampaigns.active).toEqual({ suppressed: true, below: 5 });
    });

    it('refuses counts that are not counts', () => {
      expect(() => buildFigures({ ...knownInput(), campaigns: { active: 3, new: 4, reports: 9 } })).toThrow(/campaigns.new/);
      expect(() => buildFigures({ ...knownInput(), campaigns: { active: -1, new: 0, reports: 0 } })).toThrow(/campaigns.active/);
      expect(() => buildFigures({ ...knownInput(), campaigns: { active: 3, new: 0, reports: 1.5 } })).toThrow(/campaigns.reports/);
    });
  });

  describe('complementary suppression: the totals cannot be subtracted down to a withheld count', () => {
    it('withholds the smallest listed category when the rest of the total would be 1 or 2', () => {
      const input = knownInput();
      // 120 − (50 + 39 + 15 + 10 + 3) = 3 with romance 2 and other 1; without other it would be 2 (romance alone).
      input.current.byScamType = { phishing: 15, investment: 10, job: 3, romance: 2, loan: 40, impersonation_bank: 50 };
      const f = buildFigures(input, DEFAULT_CONFIG);
      expect(f.topScamTypes.map((t) => t.scamType)).toEqual(['impersonation_bank', 'loan', 'phishing', 'investment']);
      expect(f.advice.map((a) => a.scamType)).not.toContain('job');
      const listed = f.topScamTypes.reduce((n, t) => n + (t.current as number), 0);
      expect((f.totals.reports.current as number) - listed).toBeGreaterThanOrEqual(DEFAULT_CONFIG.minCount);
    });

    it('withholds a previous count (and the change from it) when the previous total would give one back', () => {
      const input = knownInput();
      // Previous: 100 − (78 + 10 + 5 + 4) = 3 (job 2, romance 1); move one report from romance to loan and it is 2.
      input.previous.byScamType = { phishing: 10, investment: 5, job: 2, romance: 0, loan: 5, impersonation_bank: 78 };
      const f = buildFigures(input, DEFAULT_CONFIG);
      // 2 left over: the smallest published previous count goes (investment and loan tie at 5; by key, investment).
      const investment = f.topScamTypes.find((t) => t.scamType === 'investment')!;
      expect(investment).toMatchObject({ current: 10, previous: withheld, delta: withheld, percent: withheld, direction: 'up' });
      expect(f.topScamTypes.find((t) => t.scamType === 'loan')).toMatchObject({ current: 39, previous: 5 });
      // The rising list would have shown investment's previous 5 too; it leaves that list.
      expect(f.rising.map((r) => r.key)).not.toContain('investment');
      const published = f.topScamTypes.filter((t) => typeof t.previous === 'number').reduce((n, t) => n + (t.previous as number), 0);
      const rest = (f.totals.reports.previous as number) - published;
      expect(rest === 0 || rest >= DEFAULT_CONFIG.minCount).toBe(true);
    });
  });
});
