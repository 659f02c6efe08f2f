import type { ActionsSettings, PolicingModel } from '@scamintel/vocabulary';

/** Typed configuration of one node. Built once from the environment at start (load-config.ts); nothing else reads process.env. */
export interface AppConfig {
  nodeId: string;
  jurisdiction: string;
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  host: string;
  port: number;
  bootstrapAdminKey?: string;
  signingKeyFile?: string;
  /** Where a generated signing key is kept when NODE_SIGNING_KEY_FILE is unset. */
  dataDir: string;
  logLevel: string;
  /** Proxies whose X-Forwarded-For is believed (CONTRACT §3); empty = use the socket address. */
  trustedProxies: string[];
  rateLimits: {
    anonymousReports: { limit: number; windowMs: number };
    lookup: { limit: number; windowMs: number };
    appeals: { limit: number; windowMs: number };
  };
  intake: {
    /** How long a committed-but-unqueued outbox row waits before the relay re-enqueues it. */
    relayGraceMs: number;
    relayIntervalMs: number;
    workerConcurrency: number;
  };
  /** Verdict rules per jurisdiction, trust weights, confidence and decay (config/policing.json, POLICING_CONFIG_FILE). */
  policing: PolicingModel;
  /** How often a worker re-registers its job schedulers (also at once after a Redis reconnect); bounds a flush's effect. */
  scheduleReassertMs: number;
  /** Revocation takes effect within this many ms in every API process (documented ≤ 5 s). */
  keyCacheTtlMs: number;
  /**
   * Each API process keeps lookup answers in memory; a change is broadcast to every process at once, and no
   * answer is served older than ttlMs even if a broadcast was lost (0 = no cache).
   */
  lookupCache: { ttlMs: number; maxEntries: number };
  metrics: {
    /** METRICS_PUBLIC: `GET /metrics` without a key (default true); false = admin key required. */
    public: boolean;
    /** WORKER_METRICS_PORT: the worker's own `GET /metrics` listener on HOST; undefined = off (default). */
    workerPort: number | undefined;
  };
  exchange: {
    pushIntervalMs: number;
    batchSize: number;
    maxClockSkewSeconds: number;
    /** First retry delay of a failed push; BullMQ doubles it per attempt. */
    retryBaseMs: number;
    /** How long one request to a partner may take before it counts as failed. */
    requestTimeoutMs: number;
  };
  /** The web pages (libs/web): the analyst console's server-side sessions. */
  web: {
    /** CONSOLE_SESSION_TTL_MS: a session ends this long after sign-in, whatever happens. */
    sessionTtlMs: number;
    /** CONSOLE_SESSION_IDLE_MS: a session ends after this long without a request. */
    sessionIdleMs: number;
  };
  actions: {
    /** Per kind: acknowledgement SLA and lifetime (config/actions.json, ACTIONS_CONFIG_FILE). */
    kinds: ActionsSettings;
    /** How often the worker expires done actions whose lifetime has passed. */
    expiryIntervalMs: number;
  };
  webhooks: {
    /** WEBHOOK_ALLOW_PRIVATE: targets in loopback, private or link-local ranges allowed (tests, one-machine demos). */
    allowPrivate: boolean;
    /** Delivery attempts of one event (the first and its retries), with exponential back-off from retryBaseMs. */
    attempts: number;
    retryBaseMs: number;
    /** Consecutive events that failed every attempt before a subscription is disabled. */
    disableAfter: number;
    timeoutMs: number;
  };
  feeds: {
    /** How often the worker re-judges changed indicators for the blocklist feed and verdict webhooks. */
    refreshIntervalMs: number;
  };
  /** Campaign clustering (CONTRACT §11, libs/campaigns). */
  campaigns: {
    /** CAMPAIGNS_ENABLED: the worker clusters ingested batches (off only to measure ingest without it). */
    enabled: boolean;
    /** CAMPAIGN_HUB_MIN_REPORTS: a value in at least this many reports (this node's and partners') is a hub. */
    hubMinReports: number;
    /** CAMPAIGN_DORMANT_DAYS: a campaign with no report for this long is `dormant`. */
    dormantDays: number;
    /** CAMPAIGN_INTERVAL_MS: how often the worker clusters what ingest committed since. */
    intervalMs: number;
  };
  bulletins: {
    cron: string;
    timezone: string;
    minCount: number;
    autoPublish: boolean;
    outDir: string;
    /** How watch-list indicators are shown: `partial` hides parts, `defang` only breaks links (libs/bulletins README). */
    maskStyle: 'partial' | 'defang';
  };
}
