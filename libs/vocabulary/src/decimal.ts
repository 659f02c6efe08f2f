// Money arrives as decimal strings; doing the arithmetic on scaled BigInts keeps
// "0.1" + "0.2" equal to "0.3" and keeps large KRW sums exact.

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

interface Scaled {
  units: bigint;
  scale: number;
}

function parse(value: string): Scaled {
  const m = DECIMAL.exec(value);
  if (!m) throw new RangeError(`not a decimal string: ${JSON.stringify(value)}`);
  const frac = m[3] ?? '';
  const units = BigInt(m[2] + frac);
  return { units: m[1] ? -units : units, scale: frac.length };
}

function rescale(d: Scaled, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

function format(units: bigint, scale: number): string {
  const neg = units < 0n;
  const digits = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = scale ? '.' + digits.slice(digits.length - scale) : '';
  return (neg ? '-' : '') + int + frac;
}

export function isDecimal(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL.test(value);
}

export function addDecimal(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return format(rescale(x, scale) + rescale(y, scale), scale);
}

export function subDecimal(a: string, b: string): string {
  const y = parse(b);
  return addDecimal(a, format(-y.units, y.scale));
}

export function sumDecimals(values: string[]): string {
  return values.reduce(addDecimal, '0');
}

export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** Change from `previous` to `current` in percent, one decimal, half away from zero; null when previous is 0. */
export function percentChangeDecimal(current: string, previous: string): number | null {
  const c = parse(current);
  const p = parse(previous);
  const scale = Math.max(c.scale, p.scale);
  const pu = rescale(p, scale);
  if (pu === 0n) return null;
  return roundedTenths((rescale(c, scale) - pu) * 1000n, pu);
}

/** numerator / denominator rounded to the nearest integer (half away from zero), divided by 10. */
export function roundedTenths(numerator: bigint, denominator: bigint): number {
  const neg = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (n * 2n + d) / (2n * d);
  return Number(neg ? -q : q) / 10;
}
