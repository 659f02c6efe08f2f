import { ACTIVE_CURRENCIES, CURRENCY_LIST_DATE, LOSS_AMOUNT, isActiveCurrency } from './currencies';

describe('currencies', () => {
  it.each(['SGD', 'KRW', 'USD', 'EUR', 'JPY', 'CNY', 'ZWG', 'SLE', 'XAU'])('%s is an active ISO 4217 code', (code) => {
    expect(isActiveCurrency(code)).toBe(true);
  });

  // Made up, withdrawn (replaced by the euro, by ZWG, by SLE, by the euro again), not money, or not upper case.
  it.each(['XYZ', 'DEM', 'ZWL', 'SLL', 'HRK', 'XTS', 'XXX', 'sgd', 'SG', 'SGDD', ''])('%j is not', (code) => {
    expect(isActiveCurrency(code)).toBe(false);
  });

  it('comes from a dated ISO list of active codes', () => {
    expect(CURRENCY_LIST_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ACTIVE_CURRENCIES.size).toBeGreaterThan(150);
  });

  it.each(['1500.00', '0.01', '0.5', '1', '999999999999999.99'])('%s is a loss amount', (amount) => {
    expect(LOSS_AMOUNT.test(amount)).toBe(true);
  });

  it.each(['0', '0.0', '0.00', '-1', '01', '1.234', '1e3', '1,000', ' 1', '', '1000000000000000'])('%j is not', (amount) => {
    expect(LOSS_AMOUNT.test(amount)).toBe(false);
  });
});
