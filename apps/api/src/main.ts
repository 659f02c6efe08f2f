import 'reflect-metadata';
import { loadConfigOrExit } from '@scamintel/config';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const app = await createApi(config);
  await app.listen({ host: config.host, port: config.port });
}

void main();
