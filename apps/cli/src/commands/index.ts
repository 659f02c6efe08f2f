import { AppConfig } from '@scamintel/config';
import { createCliContext } from '../context';
import { auditVerify } from './audit.command';
import { bulletinGenerate } from './bulletin.command';
import { campaignsRebuild } from './campaigns.command';
import { Command, Io } from './command';
import { exchangeSync, partnersAdd } from './exchange.commands';
import { importCmd } from './import.command';
import { keysCreate, keysRevoke } from './keys.commands';

export { UsageError } from './command';
export type { Io } from './command';

export const COMMANDS: Record<string, Command> = {
  'keys:create': keysCreate,
  'keys:revoke': keysRevoke,
  'audit:verify': auditVerify,
  import: importCmd,
  'partners:add': partnersAdd,
  'exchange:sync': exchangeSync,
  'bulletin:generate': bulletinGenerate,
  'campaigns:rebuild': campaignsRebuild,
};

export function usage(): string {
  const lines = Object.entries(COMMANDS).map(([, c]) => `  ${c.usage}\n      ${c.summary}`);
  return `usage: npm run cli -- <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nConfiguration comes from the environment, as for the API and the worker (DATABASE_URL, REDIS_URL, NODE_ID, …).\n`;
}

export async function runCommand(name: string, parsed: unknown, config: AppConfig, io: Io): Promise<number> {
  const cmd = COMMANDS[name];
  const app = await createCliContext(config, cmd.context);
  try {
    return await cmd.run(app, parsed, config, io);
  } finally {
    await app.close();
  }
}
