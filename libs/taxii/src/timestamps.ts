/**
 * TAXII timestamps with microsecond precision: `date_added` is an indicator's `updated_at`, which PostgreSQL
 * keeps to the microsecond, and paging by it must be exact, so JavaScript Dates (milliseconds) are not enough.
 * A point in time is a bigint of microseconds since the Unix epoch.
 */
const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d)[Tt ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?(Z|z|[+-]\d\d(?::?\d\d(?::?\d\d)?)?)$/;

/**
 * Parses RFC 3339 (`2026-11-20T10:00:00.123456Z`, any offset) and PostgreSQL's timestamptz text
 * (`2026-11-20 10:00:00.123456+00`). Digits beyond the microsecond are dropped (floor), which keeps
 * `date_added > added_after` exact for microsecond-precise date_added values. Undefined when not a timestamp.
 */
export function parseMicros(text: string): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59));
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return undefined;
  const fraction = BigInt(((m[7] ?? '') + '000000').slice(0, 6));
  let offsetSeconds = 0;
  const zone = m[8];
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(/:/g, '');
    const oh = Number(digits.slice(0, 2)),
      om = Number(digits.slice(2, 4) || '0'),
      os = Number(digits.slice(4, 6) || '0');
    if (oh > 23 || om > 59 || os > 59) return undefined;
    offsetSeconds = (zone[0] === '-' ? -1 : 1) * (oh * 3600 + om * 60 + os);
  }
  return BigInt(ms) * 1000n + fraction - BigInt(offsetSeconds) * 1_000_000n;
}

/** `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, six fractional digits), TAXII's form of date_added. */
export function formatMicros(micros: bigint): string {
  const seconds = micros >= 0n ? micros / 1_000_000n : -((-micros + 999_999n) / 1_000_000n);
  const fraction = micros - seconds * 1_000_000n;
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${base}.${fraction.toString().padStart(6, '0')}Z`;
}

/** Normalises any accepted timestamp to TAXII's microsecond form; undefined when not a timestamp. */
export function toTaxiiTimestamp(text: string): string | undefined {
  const m = parseMicros(text);
  return m === undefined ? undefined : formatMicros(m);
}
