import {
  INDICATOR_TYPES,
  SHAREABLE_TLPS,
  TLPS,
  TLP_RANK,
  atLeastTrust,
  isIndicatorType,
  isTlp,
  tlpAllowed,
  tlpOfRank,
  tlpRank,
} from './index';

describe('vocabulary', () => {
  it('ranks TLP levels by their position, the stored tlp_rank', () => {
    expect(TLPS.map(tlpRank)).toEqual([0, 1, 2, 3, 4]);
    expect(TLPS.map((t) => TLP_RANK[t])).toEqual([0, 1, 2, 3, 4]);
    expect(tlpOfRank(2)).toBe('amber');
    expect(tlpOfRank(9)).toBe('red');
    expect(tlpAllowed('green', 'amber')).toBe(true);
    expect(tlpAllowed('amber+strict', 'amber')).toBe(false);
    expect(SHAREABLE_TLPS.every((t) => tlpAllowed(t, 'amber'))).toBe(true);
    expect(isTlp('amber+strict')).toBe(true);
    expect(isTlp('white')).toBe(false);
  });

  it('knows the eight indicator types of CONTRACT §5', () => {
    expect(INDICATOR_TYPES).toHaveLength(8);
    expect(isIndicatorType('bank_account')).toBe(true);
    expect(isIndicatorType('iban')).toBe(false);
  });

  it('orders trust levels', () => {
    expect(atLeastTrust('high', 'medium')).toBe(true);
    expect(atLeastTrust('anonymous', 'low')).toBe(false);
  });
});
