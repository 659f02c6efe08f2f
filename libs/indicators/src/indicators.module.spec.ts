import { Test } from '@nestjs/testing';
import { IndicatorNormalizer, IndicatorsModule } from './index';

describe('IndicatorsModule', () => {
  it('provides IndicatorNormalizer with the default region SG', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [IndicatorsModule] }).compile();
    const normalizer = moduleRef.get(IndicatorNormalizer);
    expect(normalizer.defaultRegion).toBe('SG');
    expect(normalizer.normalize('9123 4567').value).toBe('+6591234567');
  });

  it('forRoot sets the default region, which a call can still override', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [IndicatorsModule.forRoot({ defaultRegion: 'KR' })] }).compile();
    const normalizer = moduleRef.get(IndicatorNormalizer);
    expect(normalizer.normalize('010-1234-5678').value).toBe('+821012345678');
    expect(normalizer.tryNormalize('010-1234-5678', { region: 'SG' })).toMatchObject({ ok: false, code: 'invalid_phone_for_region' });
    expect(normalizer.extract('112에 신고').map((e) => e.value)).toEqual(['+82112']);
    const ind = normalizer.normalize('1588-9999');
    expect(normalizer.warninglistHit(ind)).toMatchObject({ list: 'kr-bank-hotlines' });
    expect(normalizer.fingerprint(ind.type, ind.value)).toBe(ind.fingerprint);
    expect(normalizer.refang(normalizer.defang('evil.com', 'domain'))).toBe('evil.com');
  });
});
