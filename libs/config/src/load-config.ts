import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parsePolicingModel } from '@scamintel/vocabulary';
import { parseActionsSettings } from './actions-settings';
import { AppConfig } from './app-config';
import { repoRoot } from './repo-root';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

function policing(file: string, problems: string[]): AppConfig['policing'] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`POLICING_CONFIG_FILE: ${file}: ${(err as Error).message}`);
    return undefined as unknown as AppConfig['policing'];
  }
  const { model, problems: bad } = parsePolicingModel(raw);
  for (const line of bad) problems.push(`POLICING_CONFIG_FILE: ${line}`);
  return model as AppConfig['policing'];
}

function actions(file: string, problems: string[]): AppConfig['actions']['kinds'] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`ACTIONS_CONFIG_FILE: ${file}: ${(err as Error).message}`);
    return undefined as unknown as AppConfig['actions']['kinds'];
  }
  const { settings, problems: bad } = parseActionsSettings(raw);
  for (const line of bad) problems.push(`ACTIONS_CONFIG_FILE: ${line}`);
  return settings;
}

/**
 * Reads and checks every setting at once, so an operator sees all bad variables in one run (one line each),
 * not the first one only.
 */
export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const str = (name: string, fallback: string, pattern?: RegExp, hint?: string): string => {
    const raw = env[name];
    const value = raw === undefined || raw === '' ? fallback : raw;
    if (pattern && !pattern.test(value)) problems.push(`${name}: ${JSON.stringify(value)} is not valid (${hint ?? pattern.source})`);
    return value;
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}: ${JSON.stringify(raw)} must be an integer from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${name}: ${JSON.stringify(raw)} must be true or false`);
    return fallback;
  };
  const url = (name: string, fallback: string, schemes: string[]): string => {
    const value = str(name, fallback);
    try {
      const u = new URL(value);
      if (!schemes.includes(u.protocol)) problems.push(`${name}: scheme must be one of ${schemes.join(', ')}`);
    } catch {
      problems.push(`${name}: not a URL`);
    }
    return value;
  };

  const nodeId = str('NODE_ID', 'local', /^[a-z0-9-]{2,32}$/, '[a-z0-9-]{2,32}');
  const jurisdiction = str('JURISDICTION', 'SG', /^[A-Z]{2}$/, 'ISO 3166-1 alpha-2, upper case');
  const logLevel = str('LOG_LEVEL', 'info', /^(fatal|error|warn|info|debug|trace|silent)$/, 'a pino level');
  const bootstrapAdminKey = env.BOOTSTRAP_ADMIN_KEY || undefined;
  if (bootstrapAdminKey !== undefined && bootstrapAdminKey.length < 22) {
    problems.push('BOOTSTRAP_ADMIN_KEY: must be at least 22 characters (128 bits of randomness)');
  }
  const config: AppConfig = {
    nodeId,
    jurisdiction,
    databaseUrl: url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/scamintel', ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', 'redis://127.0.0.1:6379/0', ['redis:', 'rediss:']),
    // One `{hash tag}` is allowed so that on Redis Cluster every key of the node (queues, rate limits) shares a slot.
    queuePrefix: env.QUEUE_PREFIX
      ? str(
          'QUEUE_PREFIX',
          '',
          /^(?=.{1,64}$)[A-Za-z0-9:_-]*(\{[A-Za-z0-9:_-]+\})?[A-Za-z0-9:_-]*$/,
          'letters, digits, : _ - and at most one {hash tag}',
        )
      : `scamintel:${nodeId}`,
    host: str('HOST', '127.0.0.1'),
    port: int('PORT', 3000, 0, 65535),
    bootstrapAdminKey,
    signingKeyFile: env.NODE_SIGNING_KEY_FILE || undefined,
    dataDir: path.resolve(str('DATA_DIR', '.data')),
    logLevel,
    trustedProxies: (env.TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimits: {
      anonymousReports: {
        limit: int('ANON_REPORT_LIMIT', 10, 1, 1_000_000),
        windowMs: int('ANON_REPORT_WINDOW_MS', 60_000, 1000, 86_400_000),
      },
      lookup: { limit: int('LOOKUP_LIMIT', 120, 1, 1_000_000_000), windowMs: int('LOOKUP_WINDOW_MS', 60_000, 1000, 86_400_000) },
      appeals: { limit: int('APPEAL_LIMIT', 5, 1, 1_000_000), windowMs: int('APPEAL_WINDOW_MS', 3_600_000, 1000, 86_400_000) },
    },
    intake: {
      relayGraceMs: int('RELAY_GRACE_MS', 5000, 0, 3_600_000),
      relayIntervalMs: int('RELAY_INTERVAL_MS', 2000, 100, 3_600_000),
      workerConcurrency: int('WORKER_CONCURRENCY', 4, 1, 64),
    },
    policing: policing(env.POLICING_CONFIG_FILE || path.join(repoRoot(), 'config/policing.json'), problems),
    keyCacheTtlMs: int('KEY_CACHE_TTL_MS', 2000, 0, 5000),
    lookupCache: { ttlMs: int('LOOKUP_CACHE_TTL_MS', 300_000, 0, 3_600_000), maxEntries: int('LOOKUP_CACHE_SIZE', 100_000, 1, 10_000_000) },
    scheduleReassertMs: int('SCHEDULE_REASSERT_MS', 60_000, 1000, 3_600_000),
    metrics: {
      public: bool('METRICS_PUBLIC', true),
      workerPort: env.WORKER_METRICS_PORT ? int('WORKER_METRICS_PORT', 0, 0, 65535) : undefined,
    },
    exchange: {
      pushIntervalMs: int('EXCHANGE_PUSH_INTERVAL_MS', 60_000, 1000, 86_400_000),
      batchSize: int('EXCHANGE_BATCH_SIZE', 1000, 1, 1000),
      maxClockSkewSeconds: int('EXCHANGE_MAX_SKEW_SECONDS', 300, 1, 3600),
      retryBaseMs: int('EXCHANGE_RETRY_BASE_MS', 2000, 10, 3_600_000),
      requestTimeoutMs: int('EXCHANGE_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    web: {
      sessionTtlMs: int('CONSOLE_SESSION_TTL_MS', 8 * 3_600_000, 60_000, 7 * 86_400_000),
      sessionIdleMs: int('CONSOLE_SESSION_IDLE_MS', 30 * 60_000, 60_000, 86_400_000),
    },
    actions: {
      kinds: actions(env.ACTIONS_CONFIG_FILE || path.join(repoRoot(), 'config/actions.json'), problems),
      expiryIntervalMs: int('ACTIONS_EXPIRY_INTERVAL_MS', 60_000, 1000, 86_400_000),
    },
    webhooks: {
      allowPrivate: bool('WEBHOOK_ALLOW_PRIVATE', false),
      attempts: int('WEBHOOK_ATTEMPTS', 8, 1, 30),
      retryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 5000, 10, 3_600_000),
      disableAfter: int('WEBHOOK_DISABLE_AFTER', 5, 1, 1000),
      timeoutMs: int('WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
    },
    feeds: {
      refreshIntervalMs: int('FEED_REFRESH_INTERVAL_MS', 60_000, 1000, 86_400_000),
    },
    campaigns: {
      enabled: bool('CAMPAIGNS_ENABLED', true),
      hubMinReports: int('CAMPAIGN_HUB_MIN_REPORTS', 25, 2, 1_000_000_000),
      dormantDays: int('CAMPAIGN_DORMANT_DAYS', 30, 1, 3650),
      intervalMs: int('CAMPAIGN_INTERVAL_MS', 1000, 100, 3_600_000),
    },
    bulletins: {
      cron: str('BULLETIN_CRON', '0 8 * * 1'),
      timezone: str('BULLETIN_TIMEZONE', jurisdiction === 'KR' ? 'Asia/Seoul' : 'Asia/Singapore'),
      minCount: int('BULLETIN_MIN_COUNT', 3, 1, 1000),
      autoPublish: bool('BULLETIN_AUTO_PUBLISH', false),
      outDir: path.resolve(str('BULLETIN_OUT_DIR', 'out')),
      maskStyle: str('BULLETIN_MASK_STYLE', 'partial', /^(partial|defang)$/, 'partial or defang') as 'partial' | 'defang',
    },
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/**
 * For a process's entry point: the configuration, or — when a variable is bad — one line per problem on stderr
 * and exit code 1 (CONTRACT §2).
 */
export function loadConfigOrExit(env: Env = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    for (const line of err.problems) process.stderr.write(`${line}\n`);
    process.exit(1);
  }
}
