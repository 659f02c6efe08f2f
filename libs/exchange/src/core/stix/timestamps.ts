/** `YYYY-MM-DDTHH:mm:ss.sssZ` with every field in range: what toISOString writes for years 0000–9999. */
const CANONICAL = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether Date.parse + toISOString would give `iso` back unchanged (so neither needs to run). */
function alreadyCanonical(iso: string): boolean {
  if (iso.length !== 24 || !CANONICAL.test(iso)) return false;
  const day = (iso.charCodeAt(8) - 48) * 10 + (iso.charCodeAt(9) - 48);
  if (day <= 28) return true;
  const month = (iso.charCodeAt(5) - 48) * 10 + (iso.charCodeAt(6) - 48);
  if (month !== 2) return day <= DAYS[month - 1];
  const year = +iso.slice(0, 4);
  return day === 29 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** STIX timestamps: UTC, `Z`, millisecond precision (the schemas require .sss on created/modified). */
export function stixTimestamp(iso: string): string | undefined {
  if (typeof iso !== 'string') return undefined;
  // Most timestamps arrive in this form already (PostgreSQL formats them so, and bundles carry them so).
  if (alreadyCanonical(iso)) return iso;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export const earlier = (a: string, b: string): string => (a <= b ? a : b);
export const later = (a: string, b: string): string => (a >= b ? a : b);
