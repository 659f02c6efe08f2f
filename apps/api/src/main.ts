import 'reflect-metadata';
import { loadConfigOrExit } from '@scamintel/config';
import { closeOnSignals } from '@scamintel/platform';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApi(config);
  closeOnSignals(app, 'api');
  await app.listen({ host: config.host, port: config.port });
}

void main();
