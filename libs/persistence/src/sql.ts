import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { isRetryableTransactionError } from '@scamintel/vocabulary';
import { poolOf } from './data-source';

/**
 * Hot paths (intake, ingest, exchange) speak SQL straight to TypeORM's pg pool: multi-row statements with
 * unnest() arrays, RETURNING and ON CONFLICT are the point, and pg's plain QueryResult keeps rowCount reliable.
 */
export type Queryable = Pick<PoolClient, 'query'> | Pick<Pool, 'query'>;

// Rows default to loosely typed records: each repository names the columns it selects where it reads them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function query<R extends QueryResultRow = Record<string, any>>(
  on: Queryable,
  text: string,
  params: unknown[] = [],
): Promise<QueryResult<R>> {
  return on.query<R>(text, params);
}

/**
 * Runs fn in one transaction; deadlocks and serialization failures retry the whole transaction. A connection that
 * broke (PostgreSQL restarted, the network cut) fails the call with its error — the API answers 503, a job fails and
 * is retried — and is released with that error, so the pool discards it instead of lending it out again.
 */
export async function transaction<T>(db: DataSource, fn: (tx: PoolClient) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await poolOf(db).connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
      if (attempt < attempts && isRetryableTransactionError(err)) continue;
      throw err;
    } finally {
      client.release(broken);
    }
  }
}
