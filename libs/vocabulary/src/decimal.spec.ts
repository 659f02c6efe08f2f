import { addDecimal, compareDecimal, percentChangeDecimal, roundedTenths, subDecimal, sumDecimals } from './decimal';

describe('decimal strings', () => {
  it('adds without binary floating point error', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(sumDecimals(['1843250.75', '0.25', '100'])).toBe('1843351.00');
    expect(sumDecimals(['9007199254740993', '1'])).toBe('9007199254740994');
  });

  it('subtracts across scales and signs', () => {
    expect(subDecimal('1500.10', '1000.05')).toBe('500.05');
    expect(subDecimal('15000', '18500000')).toBe('-18485000');
    expect(subDecimal('0.05', '0.1')).toBe('-0.05');
  });

  it('compares and rejects malformed input', () => {
    expect(compareDecimal('2.50', '2.5')).toBe(0);
    expect(compareDecimal('10', '9.99')).toBe(1);
    expect(() => addDecimal('1e3', '1')).toThrow(RangeError);
    expect(() => addDecimal('1,000', '1')).toThrow(RangeError);
  });

  it('gives percent change to one decimal, half away from zero, null from zero', () => {
    expect(percentChangeDecimal('1500.10', '1000.05')).toBe(50);
    expect(percentChangeDecimal('15', '12')).toBe(25);
    expect(percentChangeDecimal('1', '3')).toBe(-66.7);
    expect(percentChangeDecimal('5', '0')).toBeNull();
    expect(roundedTenths(5n, 10n)).toBe(0.1); // 0.5 rounds up
    expect(roundedTenths(-5n, 10n)).toBe(-0.1);
  });
});

describe('addDecimal (the loss sums of ingest)', () => {
  it.each([
    ['0', '0', '0'],
    ['1.5', '2.25', '3.75'],
    ['0.1', '0.2', '0.3'],
    ['999999999999999.99', '0.01', '1000000000000000.00'],
    ['10', '0.05', '10.05'],
  ])('%s + %s = %s', (a, b, sum) => expect(addDecimal(a, b)).toBe(sum));
});
