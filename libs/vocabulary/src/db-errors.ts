/**
 * PostgreSQL errors by what they mean to a caller, read from pg's error (`code`) directly or as TypeORM wraps it
 * (`driverError`). No driver import: the codes are the SQLSTATEs and Node's socket errors.
 */

/** Errors that mean "the database is not there right now" rather than "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '53300',
]);

type DbError = { code?: string; message?: string; driverError?: unknown };

const hasCode = (err: unknown, codes: readonly string[]): boolean => {
  const e = err as DbError | null | undefined;
  const inner = e?.driverError as DbError | undefined;
  return codes.some((c) => e?.code === c || inner?.code === c);
};

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as DbError;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.driverError && isDatabaseUnavailable(e.driverError)) return true;
  const m = e.message ?? '';
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting up|shutting down)/.test(
    m,
  );
}

/** Deadlocks and serialization failures are safe to retry as a whole transaction. */
export function isRetryableTransactionError(err: unknown): boolean {
  return hasCode(err, ['40P01', '40001']);
}

/** unique_violation: the row (or key) is already there. */
export function isUniqueViolation(err: unknown): boolean {
  return hasCode(err, ['23505']);
}
