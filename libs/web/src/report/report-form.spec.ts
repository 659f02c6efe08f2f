import { currencyOf, readReportForm, toReportBody } from './report-form';

const SG = { region: 'SG', timeZone: 'Asia/Singapore', now: new Date('2026-11-30T10:00:00Z') };
const KR = { region: 'KR', timeZone: 'Asia/Seoul', now: new Date('2026-11-30T10:00:00Z') };
const form = (over: Record<string, string> = {}) =>
  readReportForm(
    { scamType: 'job', channel: 'telegram', occurredOn: '2026-11-28', indicators: 'telegram @easy_task_sg\n\n+65 8123 4567\n', ...over },
    'SG',
  );

describe('the report form as a POST /v1/reports body', () => {
  it('turns the fields into the contract body: the day at noon in the node time zone, one indicator per line, the loss', () => {
    expect(toReportBody(form({ narrative: '  They asked for a deposit.  ', lossAmount: '1,500.5', lossCurrency: 'SGD' }), SG)).toEqual({
      problems: [],
      body: {
        scamType: 'job',
        channel: 'telegram',
        occurredAt: '2026-11-28T12:00:00+08:00',
        narrative: 'They asked for a deposit.',
        indicators: [{ value: 'telegram @easy_task_sg' }, { value: '+65 8123 4567' }],
        loss: { amount: '1500.5', currency: 'SGD' },
      },
    });
    expect(
      toReportBody(
        readReportForm({ scamType: 'phishing', channel: 'sms', occurredOn: '2026-11-30', indicators: '010-1234-5678' }, 'KR'),
        KR,
      ).body,
    ).toMatchObject({
      occurredAt: '2026-11-30T12:00:00+09:00',
      indicators: [{ value: '010-1234-5678' }],
    });
  });

  it('offers the node currency first', () => {
    expect([readReportForm({}, 'SG').lossCurrency, readReportForm({}, 'KR').lossCurrency, currencyOf('FR')]).toEqual(['SGD', 'KRW', 'USD']);
  });

  it.each([
    [{ scamType: 'fraud' }, [{ field: 'scamType', code: 'scamType' }]],
    [{ channel: '' }, [{ field: 'channel', code: 'channel' }]],
    [{ occurredOn: '28/11/2026' }, [{ field: 'occurredOn', code: 'date' }]],
    [{ occurredOn: '2026-02-30' }, [{ field: 'occurredOn', code: 'date' }]],
    [{ occurredOn: '1999-12-31' }, [{ field: 'occurredOn', code: 'date' }]],
    [{ occurredOn: '2026-12-01' }, [{ field: 'occurredOn', code: 'future' }]],
    [{ indicators: '', narrative: '  ' }, [{ field: 'indicators', code: 'needSomething' }]],
    [
      { indicators: 'hello\n+65 8123 4567\n12345' },
      [1, 3].map((line) => ({ field: 'indicators', code: 'unreadable', params: { line, value: line === 1 ? 'hello' : '12345' } })),
    ],
    [
      { indicators: Array.from({ length: 51 }, (_, i) => `+65 8123 ${String(4000 + i)}`).join('\n') },
      [{ field: 'indicators', code: 'tooMany', params: { max: 50 } }],
    ],
    [{ narrative: 'x'.repeat(10_001) }, [{ field: 'narrative', code: 'narrativeTooLong', params: { max: 10_000 } }]],
    [{ lossAmount: 'a lot' }, [{ field: 'lossAmount', code: 'amount' }]],
    [{ lossAmount: '0' }, [{ field: 'lossAmount', code: 'amount' }]],
    [{ lossAmount: '12.345' }, [{ field: 'lossAmount', code: 'amount' }]],
    [{ lossAmount: '10', lossCurrency: 'dollars' }, [{ field: 'lossCurrency', code: 'currency' }]],
    [{ lossAmount: '10', lossCurrency: 'XYZ' }, [{ field: 'lossCurrency', code: 'currency' }]],
    [{ lossAmount: '10', lossCurrency: 'DEM' }, [{ field: 'lossCurrency', code: 'currency' }]],
  ])('points out %j', (over, problems) => {
    const r = toReportBody(form(over as Record<string, string>), SG);
    expect(r.body).toBeUndefined();
    expect(r.problems).toEqual(problems);
  });

  it('on the day itself (in the node time zone) the date is not in the future', () => {
    // 2026-11-30T20:00Z is already 1 December in Singapore.
    expect(toReportBody(form({ occurredOn: '2026-12-01' }), { ...SG, now: new Date('2026-11-30T20:00:00Z') }).problems).toEqual([]);
  });

  it('takes a narrative alone, and ignores fields it does not know', () => {
    const r = toReportBody(
      readReportForm(
        { scamType: 'romance', channel: 'dating_app', occurredOn: '2026-11-01', narrative: 'He asked for money.', tlp: 'red', extra: 'x' },
        'SG',
      ),
      SG,
    );
    expect(r.body).toEqual({
      scamType: 'romance',
      channel: 'dating_app',
      occurredAt: '2026-11-01T12:00:00+08:00',
      narrative: 'He asked for money.',
      indicators: [],
    });
  });
});
