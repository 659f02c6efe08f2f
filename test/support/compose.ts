import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@scamintel/config';
import { ROOT } from './processes';

export interface Service {
  image?: string;
  build?: unknown;
  command?: string[] | string;
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  deploy?: { replicas?: number };
}

export interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}` and `$$`, as `docker compose config` does. */
export function interpolate(text: string, env: Record<string, string | undefined>): { text: string; names: Set<string> } {
  const names = new Set<string>();
  const out = text.replace(/\$\$|\$\{(\w+)(?:(:?[-?])([^}]*))?\}/g, (all, name?: string, op?: string, arg?: string) => {
    if (!name) return '$';
    names.add(name);
    const value = env[name];
    const unset = op?.startsWith(':') ? !value : value === undefined;
    if (op?.endsWith('-')) return unset ? (arg ?? '') : value!;
    if (op?.endsWith('?') && unset) throw new Error(`compose: ${name} is required (${arg})`);
    return value ?? '';
  });
  return { text: out, names };
}

/** A compose file as `docker compose config` would read it: interpolated, YAML merge keys (`<<`) applied. */
export function readCompose(
  file: string,
  env: Record<string, string | undefined>,
): { compose: ComposeFile; names: Set<string>; raw: string } {
  const raw = readFileSync(path.join(ROOT, file), 'utf8');
  const { text, names } = interpolate(raw, env);
  return { compose: parse(text, { merge: true }) as ComposeFile, names, raw };
}

/** Every environment variable libs/config reads: a recording environment handed to the real loadConfig. */
export function configVariables(): Set<string> {
  const read = new Set<string>();
  const env = new Proxy({} as Record<string, string | undefined>, {
    get: (_, key) => {
      if (typeof key === 'string') read.add(key);
      return undefined;
    },
  });
  loadConfig(env);
  return read;
}

/** The service's environment as strings (compose turns numbers and booleans into their text). */
export function environmentOf(s: Service): Record<string, string> {
  return Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
}
