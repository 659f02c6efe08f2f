import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  databaseUrl: string;
  poolSize?: number;
  applicationName?: string;
}

export function dataSourceOptions(s: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: s.databaseUrl,
    entities: [],
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    // Fail fast when PostgreSQL is down so the API answers 503 instead of hanging.
    extra: { max: s.poolSize ?? 10, connectionTimeoutMillis: 3000, application_name: s.applicationName ?? 'scamintel' },
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
