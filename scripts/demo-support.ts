/** Helpers of the demo (and of the screenshots, which run it): ports, HTTP, waiting, databases, the pages to visit. */
import { readFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '@scamintel/persistence';

const ROOT = path.resolve(__dirname, '../..');

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function pickPort(preferred: number): Promise<number> {
  for (let p = preferred; p < preferred + 50; p++) if (await portFree(p)) return p;
  throw new Error(`no free port near ${preferred}`);
}

export async function http(method: string, url: string, key?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON (html, markdown)
  }
  return { status: res.status, body: parsed };
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function recreateDatabase(name: string): Promise<string> {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  await runMigrations(url);
  return url;
}

/** A realistic scam message per jurisdiction (data/demo/messages.json), to paste into the check page. */
export function sampleMessage(jurisdiction: string): string | undefined {
  const messages = JSON.parse(readFileSync(path.join(ROOT, 'data/demo/messages.json'), 'utf8')) as Record<string, { text: string }>;
  return messages[jurisdiction]?.text;
}

/** What `npm run demo -- --serve` prints per node: its pages, and a check of its sample message to open at once. */
export function pageLines(url: string, jurisdiction: string): string[] {
  const message = sampleMessage(jurisdiction);
  return [
    `pages: ${url}/ (check a message) · ${url}/report · ${url}/bulletins · ${url}/console (sign in with the analyst key)`,
    ...(message ? [`try:   ${url}/check?q=${encodeURIComponent(message)}`] : []),
  ];
}
