import { ConfigError, loadConfig } from '@scamintel/config';
import { runMigrations } from '@scamintel/persistence';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  let url: string;
  try {
    url = loadConfig(process.env).databaseUrl;
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.problems) process.stderr.write(`${line}\n`);
      process.exit(1);
    }
    throw err;
  }
  const applied = await runMigrations(url);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'no pending migrations\n');
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${(err as Error).message}\n`);
  process.exit(1);
});
