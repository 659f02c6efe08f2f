import { INestApplicationContext } from '@nestjs/common';
import { userInfo } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '@scamintel/common';
import { AppConfig } from '@scamintel/config';
import { ContextKind } from '../context';

/** Wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

/** One CLI command: its arguments are parsed and checked before any configuration is read or connection made. */
export interface Command<P = unknown> {
  usage: string;
  summary: string;
  parse(args: string[]): P;
  context: ContextKind;
  run(app: INestApplicationContext, parsed: P, config: AppConfig, io: Io): Promise<number>;
}

/** Types `run`'s arguments from what `parse` returns. */
export const defineCommand = <P>(command: Command<P>): Command<P> => command;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who acts, for the audit log: the operating-system account that ran the command. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export function parseOptions<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(
  args: string[],
  options: T,
  positionals: number,
) {
  let r;
  try {
    r = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (r.positionals.length !== positionals)
    throw new UsageError(
      positionals
        ? `expected ${positionals} argument${positionals > 1 ? 's' : ''}, got ${r.positionals.length}`
        : `unexpected argument ${JSON.stringify(r.positionals[0])}`,
    );
  return r;
}

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required (${allowed.join('|')})`);
  }
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  return value as T;
}

export function organisation(value: string | undefined): string {
  const org = value?.trim();
  if (!org) throw new UsageError('--org <name> is required');
  if (org.length > 200) throw new UsageError('--org is longer than 200 characters');
  return org;
}

export function intOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** Relative to the working directory when below it, absolute otherwise. */
export const displayPath = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
};

/** Prints an application error (bad partner file, unknown partner, bad period) with its details; exit 1. */
export function reportAppError(e: unknown, io: Io): number {
  if (!(e instanceof AppError)) throw e;
  io.err(`${e.message}\n`);
  for (const d of e.details) io.err(`  ${d.path || '(document)'}: ${d.message}\n`);
  return 1;
}
