import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { AppConfig, loadConfig } from '@scamintel/config';
import { createApi } from '../../apps/api/src/create-api';
import { createWorker } from '../../apps/worker/src/create-worker';
import { checkDocumented, installContractCheck } from './openapi-contract';

// Every answer `call()` receives is checked against docs/openapi.json (openapi-contract.ts).
installContractCheck();

export function testConfig(env: Record<string, string | undefined>): AppConfig {
  return loadConfig({
    LOG_LEVEL: 'warn',
    PORT: '0',
    RELAY_GRACE_MS: '300',
    RELAY_INTERVAL_MS: '200',
    KEY_CACHE_TTL_MS: '0',
    QUEUE_PREFIX: `t-${randomBytes(6).toString('hex')}`,
    DATA_DIR: `/tmp/scamintel-test-${randomBytes(6).toString('hex')}`,
    ...env,
  });
}

export interface RunningApi {
  app: NestFastifyApplication;
  url: string;
  close: () => Promise<void>;
}

export async function startApi(config: AppConfig): Promise<RunningApi> {
  const app = await createApi(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

export async function startWorker(config: AppConfig): Promise<{ app: INestApplicationContext; close: () => Promise<void> }> {
  const app = await createWorker(config);
  await app.init();
  return { app, close: () => app.close() };
}

/** JSON over fetch with the common headers; returns status, headers and parsed body, checked against the OpenAPI document. */
export async function call(
  url: string,
  opts: { method?: string; key?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (opts.raw !== undefined) body = typeof opts.raw === 'string' ? opts.raw : Uint8Array.from(opts.raw);
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const method = opts.method ?? (body !== undefined ? 'POST' : 'GET');
  const res = await fetch(url, { method, headers, body });
  const text = await res.text();
  checkDocumented({ method, url, status: res.status, contentType: res.headers.get('content-type'), text });
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, headers: res.headers, body: json };
}

export async function waitFor<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20000, everyMs = 100): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('waitFor timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
