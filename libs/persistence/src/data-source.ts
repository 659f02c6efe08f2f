import * as pg from 'pg';
import type { ClientBase, Pool, PoolConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  databaseUrl: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * Every pooled connection gets a permanent 'error' listener as it is made. pg emits 'error' on a client whose
 * server went away (postmaster killed, backend terminated) even while it is checked out inside a transaction, where
 * the pool's own idle listener is detached; unheard, that event kills the process. The query in flight still fails
 * with the error, so callers see it; the pool drops the broken connection when it is released (`transaction`
 * releases it with the error).
 */
function keepErrorsHeard(client: ClientBase): void {
  client.on('error', () => undefined);
}

/** The pool each driver object below made, keyed by that object (a data source's public `options.driver`). */
const POOLS = new WeakMap<object, Pool>();

/**
 * pg as TypeORM's `driver` option, with a Pool class that remembers the pool TypeORM makes from it: the hot paths
 * (poolOf) reach it through the data source's public options, not through TypeORM's private fields.
 */
function pgKeepingItsPool(): typeof pg {
  const driver = { ...pg } as typeof pg;
  driver.Pool = class extends pg.Pool {
    constructor(config?: PoolConfig) {
      super(config);
      POOLS.set(driver, this);
    }
  };
  return driver;
}

/** The pg pool of a data source made from dataSourceOptions(). */
export function poolOf(db: DataSource): Pool {
  const driver = (db.options as { driver?: object }).driver;
  const pool = driver && POOLS.get(driver);
  if (!pool) throw new Error('no pg pool: the data source was not made from dataSourceOptions(), or is not initialized');
  return pool;
}

export function dataSourceOptions(s: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    driver: pgKeepingItsPool(),
    url: s.databaseUrl,
    entities: [],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // Fail fast when PostgreSQL is down so the API answers 503 instead of hanging.
    extra: {
      max: s.poolSize ?? 10,
      connectionTimeoutMillis: 3000,
      application_name: s.applicationName ?? 'scamintel',
      onConnect: keepErrorsHeard,
    },
  };
}

export async function runMigrations(databaseUrl: string): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions({ databaseUrl, poolSize: 1, applicationName: 'scamintel-migrate' }));
  await ds.initialize();
  try {
    const done = await ds.runMigrations({ transaction: 'each' });
    return done.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
