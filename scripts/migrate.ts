import { loadConfigOrExit } from '@scamintel/config';
import { runMigrations } from '@scamintel/persistence';

/** `npm run db:migrate`: applies pending migrations to DATABASE_URL. */
async function main(): Promise<void> {
  const applied = await runMigrations(loadConfigOrExit().databaseUrl);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'no pending migrations\n');
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${(err as Error).message}\n`);
  process.exit(1);
});
