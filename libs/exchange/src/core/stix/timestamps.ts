/** STIX timestamps: UTC, `Z`, millisecond precision (the schemas require .sss on created/modified). */
export function stixTimestamp(iso: string): string | undefined {
  if (typeof iso !== 'string') return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

export const earlier = (a: string, b: string): string => (a <= b ? a : b);
export const later = (a: string, b: string): string => (a >= b ? a : b);
