import * as fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { IndicatorInputDto, LossDto, ReportDto } from '@scamintel/intake';
import { passesReportDto, toReport } from './report-row';
import { ACTIVE_CURRENCIES, CHANNELS, INDICATOR_TYPES, LOSS_AMOUNT, SCAM_TYPES, TLPS } from '@scamintel/vocabulary';

const constraintsOf = (cls: Function) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .map(
      (m) =>
        `${m.propertyName} ${m.name ?? m.type}${m.each ? '[each]' : ''} ${JSON.stringify((m.constraints ?? []).map((c: unknown) => (c instanceof RegExp ? c.source : typeof c === 'function' ? 'fn' : c)))}`,
    )
    .sort();

describe('import rows', () => {
  it('the fast check was written for exactly these DTO constraints (update passesReportDto when they change)', () => {
    expect(constraintsOf(ReportDto)).toEqual(
      [
        `channel isIn ${JSON.stringify([[...CHANNELS]])}`,
        'externalRef isOptional ["fn"]',
        'externalRef isString []',
        'externalRef maxLength [200]',
        'indicators arrayMaxSize [50]',
        'indicators isArray []',
        'indicators isObject[each] []',
        'indicators nestedValidation[each] []',
        'jurisdiction isOptional ["fn"]',
        'jurisdiction matches ["^[A-Z]{2}$",null]',
        'loss isObject []',
        'loss isOptional ["fn"]',
        'loss nestedValidation []',
        'narrative isOptional ["fn"]',
        'narrative isString []',
        'narrative maxLength [10000]',
        'occurredAt isIso8601 [{"strict":true}]',
        'reporter isObject []',
        'reporter isOptional ["fn"]',
        'reporter nestedValidation []',
        `scamType isIn ${JSON.stringify([[...SCAM_TYPES]])}`,
        'tlp isIn ' + JSON.stringify([[...TLPS]]),
        'tlp isOptional ["fn"]',
      ].sort(),
    );
    expect(constraintsOf(IndicatorInputDto)).toEqual(
      [
        'region isOptional ["fn"]',
        'region matches ["^[A-Z]{2}$",null]',
        `type isIn ${JSON.stringify([[...INDICATOR_TYPES]])}`,
        'type isOptional ["fn"]',
        'value isString []',
        'value maxLength [2048]',
        'value minLength [1]',
      ].sort(),
    );
    expect(constraintsOf(LossDto)).toEqual(
      [`amount matches ${JSON.stringify([LOSS_AMOUNT.source, null])}`, `currency isIn ${JSON.stringify([[...ACTIVE_CURRENCIES]])}`].sort(),
    );
  });

  it('the fast check agrees with class-validator on generated row bodies', () => {
    const pick = (xs: readonly string[]) => fc.oneof(fc.constantFrom(...xs), fc.string({ maxLength: 12 }));
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const body = fc.record(
      {
        scamType: pick(SCAM_TYPES),
        channel: pick(CHANNELS),
        occurredAt: fc.oneof(
          fc.date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom('2026-11-20T10:00:00+08:00', '2026-02-30T10:00:00Z', '2026-11-20', '20261120', 'yesterday', ''),
          fc.string({ maxLength: 25 }),
        ),
        jurisdiction: maybe(fc.oneof(fc.constantFrom('SG', 'KR', 'sg', 'SGP'), fc.string({ maxLength: 3 }))),
        tlp: maybe(pick(TLPS)),
        externalRef: maybe(fc.string({ maxLength: 210 })),
        narrative: maybe(fc.string({ maxLength: 30 })),
        loss: maybe(
          fc.record({
            amount: fc.oneof(fc.constantFrom('0', '10', '1500.00', '1.5', '01', '1.234', '-1', '1e3'), fc.string({ maxLength: 6 })),
            currency: fc.oneof(fc.constantFrom('SGD', 'KRW', 'sgd', 'SG'), fc.string({ maxLength: 4 })),
          }),
        ),
        indicators: fc.array(
          fc.record(
            {
              type: maybe(pick(INDICATOR_TYPES)),
              value: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(''), fc.constant('x'.repeat(2049))),
            },
            { requiredKeys: ['value'] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: ['scamType', 'channel', 'occurredAt', 'indicators'] },
    );
    fc.assert(
      fc.property(body, (b) => {
        const clean = JSON.parse(JSON.stringify(b));
        const viaDto = validateSync(plainToInstance(ReportDto, clean), { whitelist: true, forbidNonWhitelisted: true }).length === 0;
        expect(passesReportDto(clean)).toBe(viaDto);
      }),
      { numRuns: 3000 },
    );
  });

  const row = { occurredAt: '2026-11-20T10:00:00+08:00', scamType: 'phishing', channel: 'sms', indicatorValue: '+65 9123 4567' };

  it('builds the API report body from a row', () => {
    expect(
      toReport(
        {
          ...row,
          jurisdiction: 'SG',
          indicatorType: 'phone',
          lossAmount: '12.50',
          lossCurrency: 'SGD',
          tlp: 'green',
          externalRef: ' r-1 ',
        },
        { defaultRegion: 'SG' },
      ),
    ).toEqual({
      ok: true,
      report: {
        scamType: 'phishing',
        channel: 'sms',
        occurredAt: '2026-11-20T10:00:00+08:00',
        jurisdiction: 'SG',
        indicators: [{ type: 'phone', value: '+65 9123 4567' }],
        loss: { amount: '12.50', currency: 'SGD' },
        tlp: 'green',
        externalRef: 'r-1',
      },
    });
  });

  it('names every problem of a row in the API terms', () => {
    const r = toReport({ ...row, scamType: 'pyramid', channel: 'pigeon', jurisdiction: 'Singapore' }, { defaultRegion: 'SG' });
    expect(r.ok).toBe(false);
    const error = (r as { error: string }).error;
    expect(error).toMatch(/scamType: scamType must be one of the following values/);
    expect(error).toMatch(/channel: channel must be one of/);
    expect(error).toMatch(/jurisdiction: jurisdiction must be an ISO 3166-1 alpha-2 code/);
    expect(toReport({ ...row, lossAmount: '10' }, { defaultRegion: 'SG' })).toEqual({
      ok: false,
      error: 'loss: loss_amount and loss_currency go together',
    });
    expect(toReport({ ...row, indicatorValue: undefined }, { defaultRegion: 'SG' })).toEqual({
      ok: false,
      error: 'indicators: a report needs an indicator_value or a narrative',
    });
    expect(toReport({ ...row, indicatorValue: undefined, narrative: 'they called from 9123 4567' }, { defaultRegion: 'SG' }).ok).toBe(true);
    expect(
      toReport({ ...row, occurredAt: '2099-01-01T00:00:00Z' }, { defaultRegion: 'SG', now: Date.parse('2026-11-28T00:00:00Z') }),
    ).toEqual({ ok: false, error: 'occurredAt: occurredAt is in the future' });
  });

  it('--strict refuses indicators that do not normalise; without it the worker marks them rejected', () => {
    const odd = { ...row, indicatorValue: 'call me maybe' };
    expect(toReport(odd, { defaultRegion: 'SG' }).ok).toBe(true);
    const strict = toReport(odd, { defaultRegion: 'SG', strict: true });
    expect(strict.ok).toBe(false);
    expect((strict as { error: string }).error).toMatch(/^indicators\[0\]\.value: .+\(\w+\)$/);
    expect(toReport({ ...row, indicatorValue: '9123 4567' }, { defaultRegion: 'SG', strict: true }).ok).toBe(true);
  });
});
