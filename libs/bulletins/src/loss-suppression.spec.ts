import { buildFigures, BulletinInputError, isSuppressed, render } from './core';
import { knownInput } from './core/__fixtures__/input';

// The core's optional per-currency report counts (PeriodStats.lossReportsByCurrency), which the repository fills.
describe('per-currency loss suppression', () => {
  const cfg = { minCount: 3, maskStyle: 'partial' as const, maxWatch: 10 };

  it('withholds a currency with fewer than minCount reports even when the period has many', () => {
    const input = knownInput();
    input.current.lossReportsByCurrency = { SGD: 3, KRW: 1 };
    input.previous.lossReportsByCurrency = { SGD: 4 };
    const f = buildFigures(input, cfg);
    const krw = f.losses.find((l) => l.currency === 'KRW')!;
    const sgd = f.losses.find((l) => l.currency === 'SGD')!;
    expect(isSuppressed(krw.current)).toBe(true);
    expect(isSuppressed(krw.previous)).toBe(true);
    expect(isSuppressed(krw.delta)).toBe(true);
    expect(isSuppressed(krw.direction)).toBe(true);
    expect(sgd).toEqual({ currency: 'SGD', current: '1500.10', previous: '1000.05', delta: '500.05', percent: 50, direction: 'up' });
    for (const lang of ['en', 'ko'])
      for (const format of ['json', 'md', 'html'] as const) {
        expect(render(f, lang, format)).not.toMatch(/1,?500,?000|1500000/);
      }
  });

  it('withholds the previous side alone when only it is thin', () => {
    const input = knownInput();
    input.current.lossReportsByCurrency = { SGD: 5, KRW: 5 };
    input.previous.lossReportsByCurrency = { SGD: 2 };
    const sgd = buildFigures(input, cfg).losses.find((l) => l.currency === 'SGD')!;
    expect(sgd.current).toBe('1500.10');
    expect(isSuppressed(sgd.previous)).toBe(true);
    expect(isSuppressed(sgd.delta)).toBe(true);
    expect(isSuppressed(sgd.percent)).toBe(true);
  });

  it('behaves as before when the counts are not given', () => {
    const f = buildFigures(knownInput(), cfg);
    expect(f.losses.find((l) => l.currency === 'KRW')!.current).toBe('1500000');
  });

  it('rejects malformed counts', () => {
    const input = knownInput();
    input.current.lossReportsByCurrency = { SGD: -1 };
    expect(() => buildFigures(input, cfg)).toThrow(BulletinInputError);
    input.current.lossReportsByCurrency = { sgd: 3 };
    expect(() => buildFigures(input, cfg)).toThrow(BulletinInputError);
  });
});
