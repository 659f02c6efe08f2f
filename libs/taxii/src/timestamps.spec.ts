import { formatMicros, parseMicros, toTaxiiTimestamp } from './timestamps';

describe('microsecond timestamps', () => {
  it('reads PostgreSQL timestamptz text in any offset and RFC 3339, keeping microseconds', () => {
    const utc = parseMicros('2026-11-20T02:15:00.123456Z')!;
    expect(parseMicros('2026-11-20 02:15:00.123456+00')).toBe(utc);
    expect(parseMicros('2026-11-20 10:15:00.123456+08')).toBe(utc);
    expect(parseMicros('2026-11-20T07:45:00.123456+05:30')).toBe(utc);
    expect(parseMicros('2026-11-19 23:15:00.123456-03')).toBe(utc);
    expect(formatMicros(utc)).toBe('2026-11-20T02:15:00.123456Z');
  });

  it('pads short fractions and drops digits beyond the microsecond', () => {
    expect(toTaxiiTimestamp('2026-11-20T02:15:00Z')).toBe('2026-11-20T02:15:00.000000Z');
    expect(toTaxiiTimestamp('2026-11-20T02:15:00.1Z')).toBe('2026-11-20T02:15:00.100000Z');
    expect(toTaxiiTimestamp('2026-11-20T02:15:00.123456789Z')).toBe('2026-11-20T02:15:00.123456Z');
  });

  it('orders and steps by one microsecond across a second boundary', () => {
    const t = parseMicros('2026-11-20T02:15:00.999999Z')!;
    expect(formatMicros(t + 1n)).toBe('2026-11-20T02:15:01.000000Z');
    expect(parseMicros('2026-11-20T02:15:01.000000Z')! > t).toBe(true);
    expect(formatMicros(0n)).toBe('1970-01-01T00:00:00.000000Z');
  });

  it.each(['yesterday', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-11-20T25:00:00Z', '2026-11-20', '2026-11-20T02:15:00', ''])(
    'rejects %p',
    (text) => {
      expect(parseMicros(text)).toBeUndefined();
    },
  );
});
