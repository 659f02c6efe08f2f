import 'reflect-metadata';
import { ConfigError, loadConfig } from '@scamintel/config';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.problems) process.stderr.write(`${line}\n`);
      process.exit(1);
    }
    throw err;
  }
  await createWorker(config);
}

void main();
