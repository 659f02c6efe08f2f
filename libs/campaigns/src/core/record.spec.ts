import { addDecimal, campaignStatus, defaultName, sumLosses } from './record';

describe('campaign record', () => {
  it('adds money exactly, whatever the scales', () => {
    expect(addDecimal('0.10', '0.20')).toBe('0.30');
    expect(addDecimal('1500', '0.5')).toBe('1500.5');
    expect(addDecimal('999999999999999999.99', '0.01')).toBe('1000000000000000000.00');
    expect(
      sumLosses([
        { currency: 'SGD', amount: '1500.00' },
        { currency: 'KRW', amount: '3000000' },
        { currency: 'SGD', amount: '0.01' },
      ]),
    ).toEqual([
      { currency: 'KRW', amount: '3000000' },
      { currency: 'SGD', amount: '1500.01' },
    ]);
  });

  it('is closed when closed, dormant after the quiet period, else active', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(campaignStatus(true, now, now, 30)).toBe('closed');
    expect(campaignStatus(false, new Date('2026-11-10T00:00:00Z'), now, 30)).toBe('active');
    expect(campaignStatus(false, new Date('2026-10-01T00:00:00Z'), now, 30)).toBe('dormant');
    expect(campaignStatus(false, new Date('2026-10-01T00:00:00Z'), now, 90)).toBe('active');
  });

  it('names a campaign by scam type and id until an analyst names it', () => {
    expect(defaultName('3f2a9c1e-0000-8000-8000-000000000000', ['job', 'investment'])).toBe('job campaign 3f2a9c1e');
    expect(defaultName('3f2a9c1e-0000', [])).toBe('campaign 3f2a9c1e');
  });
});
