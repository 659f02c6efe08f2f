import 'reflect-metadata';
import { AppError } from '@scamintel/common';
import { ConfigError, loadConfig } from '@scamintel/config';
import { COMMANDS, Io, UsageError, runCommand, usage } from './commands/index';
import { BundleFormatError } from './import/stix-stream';
import { ImportFileError } from './import/csv-source';
import { isDatabaseUnavailable } from '@scamintel/vocabulary';

/**
 * Operator CLI (CONTRACT §9): `npm run cli -- <command>`. Exit codes: 0 done, 1 failed (bad configuration,
 * database unreachable, audit chain broken, unknown key, unreadable import file), 2 wrong arguments.
 */
export async function main(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    (name ? io.out : io.err)(usage());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: npm run cli -- ${cmd.usage}\n  ${cmd.summary}\n`);
    return 0;
  }
  let parsed: unknown;
  try {
    parsed = cmd.parse(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`${name}: ${e.message}\nusage: npm run cli -- ${cmd.usage}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const line of e.problems) io.err(`${line}\n`);
    return 1;
  }
  try {
    return await runCommand(name, parsed, config, io);
  } catch (e) {
    if (e instanceof ImportFileError || e instanceof BundleFormatError) io.err(`${name}: ${e.message}\n`);
    else if (isDatabaseUnavailable(e)) io.err(`${name}: PostgreSQL is unreachable at DATABASE_URL (${(e as Error).message})\n`);
    else if (e instanceof AppError)
      io.err(`${name}: ${e.message}${e.details.length ? `\n${e.details.map((d) => `  ${d.path}: ${d.message}`).join('\n')}` : ''}\n`);
    else io.err(`${name}: ${(e as Error)?.stack ?? e}\n`);
    return 1;
  }
}

if (require.main === module) {
  const io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), isTTY: !!process.stderr.isTTY };
  main(process.argv.slice(2), process.env, io).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`${(err as Error)?.stack ?? err}\n`);
      process.exit(1);
    },
  );
}
