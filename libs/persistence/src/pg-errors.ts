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

export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string; message?: string; driverError?: unknown };
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (e.driverError && isDatabaseUnavailable(e.driverError)) return true;
  const m = e.message ?? '';
  return /timeout exceeded when trying to connect|Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting up|shutting down)/.test(
    m,
  );
}

/** Deadlocks and serialization failures are safe to retry as a whole transaction. */
export function isRetryableTransactionError(err: unknown): boolean {
  const code =
    (err as { code?: string; driverError?: { code?: string } })?.code ?? (err as { driverError?: { code?: string } })?.driverError?.code;
  return code === '40P01' || code === '40001';
}
