import { getQueueToken } from '@nestjs/bullmq';
import { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { AuditService } from '@scamintel/audit';
import { KeysService } from '@scamintel/auth';
import { AppError, CHANNELS, KEYED_TRUST, QueueName, ROLES, Role, SCAM_TYPES, Trust } from '@scamintel/common';
import { AppConfig } from '@scamintel/config';
import { BulletinsService } from '@scamintel/bulletins';
import { addPartnerFromFile, syncPartner } from '@scamintel/exchange';
import { ReportsService } from '@scamintel/reports';
import { ContextKind, createCliContext } from './context';
import { ImportFormat, Importer, ImportSummary } from './import/importer';
import { lineProgress, ttyProgress } from './import/progress';

/** Wrong arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

export interface Command {
  usage: string;
  summary: string;
  /** Parses and checks the arguments (before any configuration or connection). */
  parse(args: string[]): unknown;
  context: ContextKind;
  run(app: INestApplicationContext, parsed: any, config: AppConfig, io: Io): Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who acts, for the audit log: the operating-system account that ran the command. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

function parse<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: string[], options: T, positionals: number) {
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

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`--${name} is required (${allowed.join('|')})`);
  }
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  return value as T;
}

function organisation(value: string | undefined): string {
  const org = value?.trim();
  if (!org) throw new UsageError('--org <name> is required');
  if (org.length > 200) throw new UsageError('--org is longer than 200 characters');
  return org;
}

function intOption(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

const keysCreate: Command = {
  usage: 'keys:create --role <reporter|analyst|partner|admin> --org <name> [--trust <low|medium|high>] [--partner-node <node-id>] [--json]',
  summary: 'create an API key; prints its id and the key (shown once)',
  context: 'keys',
  parse(args) {
    const { values: v } = parse(
      args,
      {
        role: { type: 'string' },
        org: { type: 'string' },
        trust: { type: 'string' },
        'partner-node': { type: 'string' },
        json: { type: 'boolean' },
      },
      0,
    );
    const role = oneOf<Role>('role', v.role, ROLES);
    const partnerNodeId = v['partner-node'];
    if (partnerNodeId !== undefined && !/^[a-z0-9-]{2,32}$/.test(partnerNodeId))
      throw new UsageError('--partner-node must match [a-z0-9-]{2,32}');
    if (role === 'partner' && !partnerNodeId) throw new UsageError('a partner key needs --partner-node <node-id>');
    return {
      role,
      organisation: organisation(v.org),
      trust: oneOf<Exclude<Trust, 'anonymous'>>('trust', v.trust, KEYED_TRUST, 'medium'),
      partnerNodeId,
      json: !!v.json,
    };
  },
  async run(app, p, _config, io) {
    const { id, key, row } = await app
      .get(KeysService, { strict: false })
      .create(cliActor(), { role: p.role, organisation: p.organisation, trust: p.trust, partnerNodeId: p.partnerNodeId });
    if (p.json) {
      io.out(
        `${JSON.stringify({ id, key, role: row.role, organisation: row.organisation, trust: row.trust, partnerNodeId: row.partnerNodeId, createdAt: row.createdAt })}\n`,
      );
    } else {
      io.out(
        `created ${row.role} key for ${row.organisation} (trust ${row.trust}${row.partnerNodeId ? `, partner node ${row.partnerNodeId}` : ''})\n`,
      );
      io.out(`id:  ${id}\nkey: ${key}\n`);
      io.err('Store the key now: it is shown once and kept only as a hash.\n');
    }
    return 0;
  },
};

const keysRevoke: Command = {
  usage: 'keys:revoke <key-id> [--json]',
  summary: 'revoke an API key (within KEY_CACHE_TTL_MS in every API process)',
  context: 'keys',
  parse(args) {
    const { values: v, positionals } = parse(args, { json: { type: 'boolean' } }, 1);
    if (!UUID.test(positionals[0]))
      throw new UsageError(`${JSON.stringify(positionals[0])} is not a key id (a UUID, as printed by keys:create)`);
    return { id: positionals[0].toLowerCase(), json: !!v.json };
  },
  async run(app, p, _config, io) {
    try {
      const row = await app.get(KeysService, { strict: false }).revoke(cliActor(), p.id);
      io.out(
        p.json
          ? `${JSON.stringify({ id: row.id, revokedAt: row.revokedAt })}\n`
          : `revoked ${row.role} key ${row.id} of ${row.organisation} (revoked at ${new Date(row.revokedAt!).toISOString()})\n`,
      );
      return 0;
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') {
        io.err(`no key with id ${p.id}\n`);
        return 1;
      }
      throw e;
    }
  },
};

const auditVerify: Command = {
  usage: 'audit:verify [--json]',
  summary: 'check the audit log hash chain and the heads partners witnessed; exit 1 when broken',
  context: 'audit',
  parse(args) {
    const { values: v } = parse(args, { json: { type: 'boolean' } }, 0);
    return { json: !!v.json };
  },
  async run(app, p, _config, io) {
    const r = await app.get(AuditService, { strict: false }).verify();
    if (p.json) io.out(`${JSON.stringify(r)}\n`);
    else if (r.ok) io.out(`audit log ok: ${r.entries} entries, head ${r.head}\n`);
    else io.out(`audit log BROKEN at seq ${r.firstBadSeq}: ${r.reason}\n`);
    return r.ok ? 0 : 1;
  },
};

/** Relative to the working directory when below it, absolute otherwise. */
const displayPath = (p: string) => {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
};

const FORMATS: Record<string, ImportFormat> = { '.csv': 'csv', '.json': 'stix', '.stix': 'stix' };

const importCmd: Command = {
  usage:
    'import <file.csv|bundle.json> --org <name> [--trust <low|medium|high>] [--format csv|stix] [--batch-size <n>] [--concurrency <n>]\n' +
    '       [--errors <file>] [--strict] [--dry-run] [--scam-type <t>] [--channel <c>] [--jurisdiction <CC>] [--progress-interval <ms>]',
  summary: 'import reports from a CSV file or a STIX 2.1 bundle (streamed; see apps/cli/README.md)',
  context: 'import',
  parse(args) {
    const { values: v, positionals } = parse(
      args,
      {
        org: { type: 'string' },
        trust: { type: 'string' },
        format: { type: 'string' },
        'batch-size': { type: 'string' },
        concurrency: { type: 'string' },
        errors: { type: 'string' },
        strict: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'scam-type': { type: 'string' },
        channel: { type: 'string' },
        jurisdiction: { type: 'string' },
        'progress-interval': { type: 'string' },
      },
      1,
    );
    const file = path.resolve(positionals[0]);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${positionals[0]}`);
    const format =
      v.format !== undefined ? oneOf<ImportFormat>('format', v.format, ['csv', 'stix']) : FORMATS[path.extname(file).toLowerCase()];
    if (!format) throw new UsageError('cannot tell the format from the file name; add --format csv|stix');
    if (v.jurisdiction !== undefined && !/^[A-Z]{2}$/.test(v.jurisdiction))
      throw new UsageError('--jurisdiction must be an ISO 3166-1 alpha-2 code (upper case)');
    if (format === 'csv' && (v['scam-type'] || v.channel || v.jurisdiction))
      throw new UsageError('--scam-type, --channel and --jurisdiction are for STIX bundles; a CSV file has columns for them');
    return {
      file,
      format,
      organisation: organisation(v.org),
      trust: oneOf<Exclude<Trust, 'anonymous'>>('trust', v.trust, KEYED_TRUST, 'medium'),
      batchSize: intOption('batch-size', v['batch-size'], 1000, 1, 1000),
      concurrency: intOption('concurrency', v.concurrency, 4, 1, 16),
      errorsFile: path.resolve(v.errors ?? `${file}.errors.csv`),
      strict: !!v.strict,
      dryRun: !!v['dry-run'],
      progressEveryMs: intOption('progress-interval', v['progress-interval'], 2000, 100, 3_600_000),
      stixDefaults: {
        scamType: oneOf('scam-type', v['scam-type'], SCAM_TYPES, 'other'),
        channel: oneOf('channel', v.channel, CHANNELS, 'other'),
        jurisdiction: v.jurisdiction,
      },
    };
  },
  async run(app, p, config, io) {
    const reports = p.dryRun ? undefined : app.get(ReportsService, { strict: false });
    // Redis down is not fatal for an import (the worker's outbox relay enqueues stored batches later): say so once
    // instead of letting every reconnect attempt print a stack.
    let warned = false;
    app.get<Queue>(getQueueToken(QueueName.Ingest), { strict: false }).on('error', (err: Error) => {
      if (warned) return;
      warned = true;
      io.err(
        `warning: Redis is unreachable at REDIS_URL (${err.message}); reports are still stored, and the worker's outbox relay will queue them\n`,
      );
    });
    const importer = new Importer(reports, {
      file: p.file,
      format: p.format,
      principal: { kind: 'import', organisation: p.organisation, trust: p.trust },
      batchSize: p.batchSize,
      concurrency: p.concurrency,
      errorsFile: p.errorsFile,
      rowOptions: { strict: p.strict, defaultRegion: config.jurisdiction },
      stixDefaults: p.stixDefaults,
      dryRun: p.dryRun,
      progress: io.isTTY ? ttyProgress() : lineProgress(process.stderr, p.progressEveryMs),
    });
    let summary: ImportSummary | undefined;
    const audit = app.get(AuditService, { strict: false });
    const record = (outcome: string, extra: Record<string, unknown>) =>
      p.dryRun
        ? Promise.resolve()
        : audit
            .record({
              actor: cliActor(),
              action: 'reports.imported',
              subject: path.basename(p.file),
              details: { outcome, organisation: p.organisation, trust: p.trust, format: p.format, ...extra },
            })
            .then(() => undefined);
    try {
      summary = await importer.run();
    } catch (e) {
      await record('aborted', { error: (e as Error).message }).catch(() => undefined);
      throw e;
    }
    await record('completed', {
      sha256: summary.sha256,
      rowsOk: summary.ok,
      rowsFailed: summary.failed,
      replayed: summary.replayed,
      batches: summary.batches,
    });
    const s = summary;
    const notes = [
      s.skipped ? `${s.skipped} non-indicator objects skipped` : '',
      s.replayed ? `${s.replayed} rows were already imported by an earlier run and not stored again` : '',
      s.errorsFile ? `errors in ${displayPath(s.errorsFile)}` : '',
      p.dryRun ? 'dry run: nothing stored' : '',
    ].filter(Boolean);
    io.out(
      `import done: ${s.ok} rows ok, ${s.failed} rows failed, ${s.rowsPerSec} rows/s (${s.seconds.toFixed(1)} s)${notes.length ? `; ${notes.join('; ')}` : ''}\n`,
    );
    return 0;
  },
};

/** Prints an application error (bad partner file, unknown partner, bad period) with its details; exit 1. */
function reportAppError(e: unknown, io: Io): number {
  if (!(e instanceof AppError)) throw e;
  io.err(`${e.message}\n`);
  for (const d of e.details) io.err(`  ${d.path || '(document)'}: ${d.message}\n`);
  return 1;
}

const partnersAdd: Command = {
  usage: 'partners:add <partner.json> [--json]',
  summary: 'register or update a partner node from the same JSON as POST /v1/admin/partners (audited)',
  context: 'exchange',
  parse(args) {
    const { values: v, positionals } = parse(args, { json: { type: 'boolean' } }, 1);
    const file = path.resolve(positionals[0]);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${positionals[0]}`);
    return { file, json: !!v.json };
  },
  async run(app, p, _config, io) {
    try {
      const { created, partner } = await addPartnerFromFile(app, p.file, cliActor());
      io.out(
        p.json
          ? `${JSON.stringify({ created, partner })}\n`
          : `${created ? 'added' : 'updated'} partner ${partner.nodeId} (${partner.jurisdiction}) at ${partner.baseUrl}\n`,
      );
      return 0;
    } catch (e) {
      return reportAppError(e, io);
    }
  },
};

const exchangeSync: Command = {
  usage: 'exchange:sync --partner <node-id> [--json]',
  summary: "push everything the partner's policy allows and it does not have yet, now, from this process",
  context: 'exchange',
  parse(args) {
    const { values: v } = parse(args, { partner: { type: 'string' }, json: { type: 'boolean' } }, 0);
    if (!v.partner || !/^[a-z0-9-]{2,32}$/.test(v.partner)) throw new UsageError('--partner <node-id> is required ([a-z0-9-]{2,32})');
    return { partner: v.partner, json: !!v.json };
  },
  async run(app, p, _config, io) {
    try {
      const summary = await syncPartner(app, p.partner);
      io.out(p.json ? `${JSON.stringify(summary)}\n` : `synced ${p.partner}: ${JSON.stringify(summary)}\n`);
      return 0;
    } catch (e) {
      if (e instanceof Error && 'failure' in e) {
        io.err(`sync with ${p.partner} failed (${String((e as { failure: unknown }).failure)}): ${e.message}\n`);
        return 1;
      }
      return reportAppError(e, io);
    }
  },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const bulletinGenerate: Command = {
  usage: 'bulletin:generate --from <YYYY-MM-DD> --to <YYYY-MM-DD> [--lang en,ko] [--out <dir>] [--publish]',
  summary: 'build the bulletin of a period now (a draft, or published with --publish) and write its files',
  context: 'bulletins',
  parse(args) {
    const { values: v } = parse(
      args,
      { from: { type: 'string' }, to: { type: 'string' }, lang: { type: 'string' }, out: { type: 'string' }, publish: { type: 'boolean' } },
      0,
    );
    if (!v.from || !DATE.test(v.from) || !v.to || !DATE.test(v.to))
      throw new UsageError('--from and --to are required, as YYYY-MM-DD (the period is [from, to))');
    return {
      from: v.from,
      to: v.to,
      languages: v.lang
        ? v.lang
            .split(',')
            .map((l) => l.trim())
            .filter(Boolean)
        : undefined,
      out: v.out ? path.resolve(v.out) : undefined,
      publish: !!v.publish,
    };
  },
  async run(app, p, config, io) {
    const bulletins = app.get(BulletinsService, { strict: false });
    try {
      const row = await bulletins.request({ from: p.from, to: p.to, languages: p.languages, requestedBy: cliActor() });
      // Generated here rather than waiting for a worker; the queued job finds it done and skips it.
      await bulletins.generate(row.id, row.revision, { finalAttempt: true });
      if (p.publish) await bulletins.publish(row.id, cliActor());
      const files = await bulletins.writeFiles(row.id, p.out ?? config.bulletins.outDir);
      io.out(
        `bulletin ${row.id} (${p.from} to ${p.to}, version ${row.version})${p.publish ? ' published' : ' draft'}; wrote:\n${files.map((f) => `  ${displayPath(f)}`).join('\n')}\n`,
      );
      return 0;
    } catch (e) {
      return reportAppError(e, io);
    }
  },
};

export const COMMANDS: Record<string, Command> = {
  'keys:create': keysCreate,
  'keys:revoke': keysRevoke,
  'audit:verify': auditVerify,
  import: importCmd,
  'partners:add': partnersAdd,
  'exchange:sync': exchangeSync,
  'bulletin:generate': bulletinGenerate,
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
