/** PostgreSQL unique_violation, as pg reports it (directly or wrapped by TypeORM). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.code === '23505' || e?.driverError?.code === '23505';
}
