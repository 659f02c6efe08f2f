import { stixTimestamp } from './timestamps';

describe('stixTimestamp', () => {
  const viaDate = (s: string) => {
    const t = Date.parse(s);
    return Number.isNaN(t) ? undefined : new Date(t).toISOString();
  };

  it('answers exactly what Date.parse + toISOString answer, fast path or not', () => {
    const samples = [
      '2026-11-08T20:04:22.123Z',
      '2026-11-08 20:04:22.123456+00',
      '2026-11-08T20:04:22Z',
      '2026-02-29T00:00:00.000Z',
      '2024-02-29T00:00:00.000Z',
      '1900-02-29T00:00:00.000Z',
      '2000-02-29T00:00:00.000Z',
      '0000-02-29T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-11-08T24:00:00.000Z',
      '2026-11-08T23:59:60.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-00-01T00:00:00.000Z',
      '+002026-11-08T20:04:22.123Z',
      '2026-11-08t20:04:22.123z',
      '9999-12-31T23:59:59.999Z',
      '0000-01-01T00:00:00.000Z',
      'garbage',
      '',
      ' 2026-11-08T20:04:22.123Z',
    ];
    for (let y = 1999; y <= 2101; y += 17)
      for (let m = 1; m <= 12; m++)
        for (const d of [1, 28, 29, 30, 31, 32]) {
          samples.push(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T23:59:59.999Z`);
        }
    for (const s of samples) expect([s, stixTimestamp(s)]).toEqual([s, viaDate(s)]);
    expect(stixTimestamp(5 as unknown as string)).toBeUndefined();
  });
});
