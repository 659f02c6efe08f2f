/**
 * Per-route documentation the code cannot say by itself: response schemas (responses are plain objects),
 * examples, and response media types. Keyed by `METHOD /path` exactly as the OpenAPI document spells the path.
 * A route missing here is listed by `npm run openapi:check` as undocumented; add an entry when you add a route.
 */
export interface ResponseDoc {
  description: string;
  /** A component name from schemas.ts, or an inline schema. */
  schema?: string | Record<string, unknown>;
  example?: unknown;
  /** Defaults to application/json. */
  contentType?: string;
  headers?: Record<string, { description: string; schema?: Record<string, unknown> }>;
}

export interface RouteDoc {
  summary?: string;
  description?: string;
  /** Named request body examples (application/json). */
  requestExamples?: Record<string, { summary: string; value: unknown }>;
  /** For routes that read their body without a DTO (the document has none for them). */
  requestBody?: { description: string; content: Record<string, { schema: Record<string, unknown>; example?: unknown }> };
  /** Header parameters the controller reads with @Headers (Swagger does not list those). */
  headers?: { name: string; description: string; schema: Record<string, unknown> }[];
  responses: Record<string, ResponseDoc>;
}

const FP_URL = 'b0f8a3c3e3ed6a1b57f5c2bbbb8d1c2ddaf1c8b1bbe7d3e2f94a3f2e3c41d7a1';
const FP_PHONE = '5e1f0c1d0a8f2d7b04a44bb8f5e0c52f4a8bd0cf1f3ef1c9e26a0bd6c6b2a7c3';
const REPORT_ID = '7f5b2a0e-3c41-4d7e-9a55-1f0c2b9e8d11';
const KEY_ID = '0d9c1b6e-2f4a-4c8e-b7d1-5a3e9f2c6b40';

const report = {
  scamType: 'impersonation_bank',
  channel: 'sms',
  occurredAt: '2026-11-20T10:15:00+08:00',
  jurisdiction: 'SG',
  loss: { amount: '1500.00', currency: 'SGD' },
  narrative:
    'SMS claimed my DBS account was locked and linked to hxxps://dbs-secure[.]top/login. The caller then asked me to transfer to OCBC 501-234567-001.',
  indicators: [{ value: 'hxxps://dbs-secure[.]top/login' }, { type: 'phone', value: '+65 8123 4567' }],
  tlp: 'amber',
  reporter: { name: 'Tan Mei Ling', contact: 'meiling@example.com' },
  externalRef: 'SPF-2026-000123',
};

const lookupScam = {
  query: '+65 8123 4567',
  indicator: { type: 'phone', value: '+6581234567', fingerprint: FP_PHONE },
  verdict: 'scam',
  reports: 4,
  firstSeen: '2026-11-02T03:10:00.000Z',
  lastSeen: '2026-11-20T02:15:00.000Z',
  jurisdictions: ['SG', 'KR'],
  scamTypes: ['impersonation_bank', 'phishing'],
  explanation: { jurisdiction: 'SG', rule: 'independent_reporters', reason: '3 independent reporters in the last 90 days' },
  byJurisdiction: [
    {
      jurisdiction: 'SG',
      verdict: 'scam',
      reports: 3,
      firstSeen: '2026-11-02T03:10:00.000Z',
      lastSeen: '2026-11-20T02:15:00.000Z',
      rule: 'independent_reporters',
    },
    {
      jurisdiction: 'KR',
      verdict: 'suspicious',
      reports: 1,
      firstSeen: '2026-11-11T09:00:00.000Z',
      lastSeen: '2026-11-11T09:00:00.000Z',
      rule: 'single_reporter',
    },
  ],
};

const auditEntry = {
  seq: 42,
  at: '2026-11-20T02:16:03.412Z',
  actor: `key:${KEY_ID}`,
  action: 'key.created',
  subject: '9a1c3f2e-5b7d-4e60-8c2a-3d4f5e6a7b8c',
  details: { role: 'reporter', organisation: 'DBS Bank', trust: 'high' },
  prevHash: '3f0a9c1d2e4b5a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccd',
  hash: '8c2d4e6f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b',
};

const queueJob = {
  id: 'outbox-1042',
  name: 'ingest-batch',
  state: 'failed',
  attemptsMade: 8,
  attempts: 8,
  enqueuedAt: '2026-11-20T02:15:00.120Z',
  processedAt: '2026-11-20T02:17:08.500Z',
  finishedAt: '2026-11-20T02:17:08.530Z',
  delayUntil: null,
  failedReason: 'Connection terminated unexpectedly',
};

const PARTNER_KEY = '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n';
const policy = {
  maxTlp: 'green',
  types: ['phone', 'url', 'domain', 'bank_account', 'crypto_wallet'],
  minConfidence: 50,
  pseudonymise: ['bank_account'],
  shareNarrative: false,
};
const partner = {
  nodeId: 'kr-knpa',
  jurisdiction: 'KR',
  baseUrl: 'https://scamintel.knpa.example',
  publicKey: PARTNER_KEY,
  keyId: 'q4Kf1Yb6x3E0c2VdJm9Tz8Ww5Rp7Ls1Hn3Gk0Ba2Cd4',
  policy,
  hasPseudonymKey: true,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  push: {
    cursor: 'MTc2NDMwMDAwMDAwMHw0Mg',
    batches: 12,
    indicatorsSent: 8421,
    lastBatchId: 'batch-2026-11-20T02-00-00Z-12',
    lastSuccessAt: '2026-11-20T02:00:01.000Z',
    lastError: null,
    lastErrorAt: null,
  },
};
const bulletin = {
  id: '3c9e5a1b-7d2f-4e8a-9b6c-0f1e2d3c4b5a',
  period: { from: '2026-11-16', to: '2026-11-23' },
  version: 1,
  languages: ['en', 'ko'],
  publishedAt: '2026-11-23T01:00:00.000Z',
};
const SIGNED =
  'Node-to-node: authenticated by the RFC 9421 HTTP Message Signature of the request (Content-Digest, `created`, `nonce`, `keyid` of a registered partner), not by an API key. Bad or missing signature, unknown key, stale `created` or a replayed nonce: 401 (audited).';

// ---- TAXII 2.1 (libs/taxii) ----------------------------------------------------------------------------------
const TAXII = 'application/taxii+json;version=2.1';
const TAXII_NOTE =
  'TAXII 2.1 (CONTRACT §8). HTTP Basic with an API key as the password (any user name), or Bearer; a partner or analyst key. ' +
  'TAXII clients use the URL with a trailing slash; both forms are served. The request must accept `' +
  TAXII +
  '` (406 otherwise) and every answer, errors included, has that media type.';
const KR_COLLECTION = 'b152d0ac-7b4b-57d7-a449-d4d4a9446073';
const PUBLIC_COLLECTION = 'c347a9e6-44f4-52e2-8df3-944e54a15333';
const TAXII_ERROR_SCHEMA = {
  type: 'object',
  description: 'TAXII 2.1 error message (§3.6.1). `error_id` is the request id, `error_code` the contract error code.',
  required: ['title'],
  properties: {
    title: { type: 'string' },
    description: { type: 'string' },
    error_id: { type: 'string' },
    error_code: { type: 'string' },
    http_status: { type: 'string' },
    details: { type: 'object', additionalProperties: { type: 'string' }, description: 'Parameter → problem.' },
  },
};
const taxiiError = (description: string, example?: unknown): ResponseDoc => ({
  description,
  schema: TAXII_ERROR_SCHEMA,
  contentType: TAXII,
  ...(example ? { example } : {}),
});
const TAXII_AUTH_ERRORS: Record<string, ResponseDoc> = {
  '401': {
    ...taxiiError('Missing, unknown or revoked key.', {
      title: 'Authentication required',
      description: 'an API key is required (Authorization: Bearer <key>)',
      error_id: 'req-1',
      error_code: 'unauthenticated',
      http_status: '401',
    }),
    headers: { 'WWW-Authenticate': { description: '`Basic realm="scamintel"`', schema: { type: 'string' } } },
  },
  '403': taxiiError('A key of another role than partner or analyst.'),
  '406': taxiiError('The Accept header does not admit ' + TAXII + '.'),
};
const TAXII_COLLECTION_ERRORS: Record<string, ResponseDoc> = {
  ...TAXII_AUTH_ERRORS,
  '400': taxiiError('Malformed request.'),
  '404': taxiiError('No such collection, or one this key may not see (the same answer).'),
};
const TAXII_QUERY_ERRORS: Record<string, ResponseDoc> = {
  ...TAXII_COLLECTION_ERRORS,
  '400': taxiiError('A bad parameter (timestamp, filter value, limit) or a `next` from other filters or another collection.', {
    title: 'Bad request',
    description: 'the request is not valid',
    error_id: 'req-2',
    error_code: 'validation_failed',
    http_status: '400',
    details: { added_after: 'an RFC 3339 timestamp, e.g. 2026-11-20T02:15:00.123456Z' },
  }),
};
const TAXII_DATE_HEADERS = {
  'X-TAXII-Date-Added-First': {
    description: 'date_added of the first object in this answer (absent when it has none).',
    schema: { type: 'string' },
  },
  'X-TAXII-Date-Added-Last': {
    description: 'date_added of the last object in this answer; pass it as `added_after` to poll for what comes next.',
    schema: { type: 'string' },
  },
};
const taxiiCollection = {
  id: KR_COLLECTION,
  alias: 'kr-knpa',
  title: 'sg-spf → kr-knpa',
  description: 'What sg-spf (SG) shares with kr-knpa (KR) under their bilateral policy: TLP up to AMBER; …',
  can_read: true,
  can_write: false,
  media_types: ['application/stix+json;version=2.1'],
};
const taxiiIndicator = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--7a94270a-8133-5614-b12d-a21158982ccc',
  created_by_ref: 'identity--ae46c455-14a0-52d2-8d62-048d8639aae0',
  created: '2026-11-02T03:10:00.000Z',
  modified: '2026-11-20T02:16:00.850Z',
  indicator_types: ['malicious-activity'],
  pattern: "[phone-number:value = '+6581234567']",
  pattern_type: 'stix',
  pattern_version: '2.1',
  valid_from: '2026-11-02T03:10:00.000Z',
  confidence: 82,
  revoked: false,
  labels: ['impersonation_bank'],
  object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'],
  extensions: {
    'extension-definition--c889c4e3-a15f-4669-9eae-7bc1a838feb4': {
      extension_type: 'property-extension',
      indicator_type: 'phone',
      fingerprint: FP_PHONE,
      verdict: 'scam',
      pseudonymised: false,
      reporters: 3,
    },
  },
};
const TAXII_ENVELOPE_SCHEMA = {
  type: 'object',
  description: 'TAXII 2.1 envelope. `objects` is left out when empty; `next` is present exactly when `more` is true.',
  required: ['more'],
  properties: {
    more: { type: 'boolean' },
    next: { type: 'string', description: 'Opaque; pass it as `next` with the same filters.' },
    objects: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'STIX 2.1 objects.' },
  },
};

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /health/live': {
    summary: 'Liveness: the process answers.',
    responses: { '200': { description: 'Alive.', schema: 'HealthLive', example: { status: 'ok' } } },
  },
  'GET /health/ready': {
    summary: 'Readiness: PostgreSQL and Redis answer.',
    responses: {
      '200': {
        description: 'Both stores answer.',
        schema: 'HealthReady',
        example: { status: 'ok', checks: { postgres: 'up', redis: 'up' } },
      },
      '503': {
        description: 'A store is down; says which.',
        schema: 'HealthReady',
        example: { status: 'unavailable', checks: { postgres: 'up', redis: 'down' } },
      },
    },
  },
  'GET /metrics': {
    summary: 'Prometheus metrics of this API process.',
    description:
      'Text exposition format 0.0.4: process and Node.js runtime metrics, `scamintel_reports_received_total`, HTTP and lookup latency histograms, ' +
      'exchange batch counters and `scamintel_queue_jobs{queue,state}` read from BullMQ at scrape time. Worker metrics (jobs, processed reports) ' +
      'are served by each worker on `WORKER_METRICS_PORT`. Public unless `METRICS_PUBLIC=false` (then admin key).',
    responses: {
      '200': {
        description: 'Prometheus text.',
        contentType: 'text/plain; version=0.0.4; charset=utf-8',
        schema: { type: 'string' },
        example:
          '# HELP scamintel_reports_received_total Reports durably accepted …\n# TYPE scamintel_reports_received_total counter\nscamintel_reports_received_total{submitter="key"} 1042\n',
      },
    },
  },
  'GET /admin/queues': {
    summary: 'Queue dashboard.',
    description:
      'Counts per state and the latest failed, active, waiting and delayed jobs of every queue, without job payloads. HTML (refreshes every 5 s) unless `?format=json` or `Accept: application/json`. A browser is offered a Basic challenge: any user name, the admin key as password.',
    responses: {
      '200': {
        description: 'Overview.',
        schema: 'QueueOverview',
        example: {
          nodeId: 'sg-spf',
          generatedAt: '2026-11-20T02:20:00.000Z',
          queues: [
            {
              name: 'ingest',
              paused: false,
              counts: { waiting: 3, active: 1, delayed: 0, failed: 1, completed: 0, prioritized: 0, 'waiting-children': 0 },
              jobs: [queueJob],
            },
          ],
        },
      },
    },
  },
  'GET /admin/queues/{queue}/jobs': {
    summary: 'Jobs of one queue in one state (default `failed`).',
    responses: {
      '200': {
        description: 'Jobs, without payloads.',
        schema: 'QueueJobs',
        example: { queue: 'ingest', state: 'failed', jobs: [queueJob] },
      },
      '404': { description: 'No such queue.', schema: 'Error' },
    },
  },
  'POST /admin/queues/{queue}/jobs/{id}/retry': {
    summary: 'Move a failed job back to waiting (audited).',
    description: 'Requires `Authorization: Bearer` (Basic credentials are refused here, so a browser cannot be tricked into it).',
    responses: {
      '202': {
        description: 'The job waits again.',
        schema: 'QueueJobRetried',
        example: { queue: 'ingest', id: 'outbox-1042', status: 'waiting' },
      },
      '404': { description: 'No such failed job.', schema: 'Error' },
    },
  },
  'POST /v1/admin/keys': {
    summary: 'Create an API key (shown once).',
    requestExamples: {
      reporter: { summary: 'A bank reporting scams', value: { role: 'reporter', organisation: 'DBS Bank', trust: 'high' } },
      partner: { summary: 'The key a partner node uses', value: { role: 'partner', organisation: 'KNPA', partnerNodeId: 'kr-knpa' } },
    },
    responses: {
      '201': {
        description: 'The key. Store it now: only its hash is kept.',
        schema: 'ApiKeyCreated',
        example: {
          id: KEY_ID,
          key: 'si_q8XQk0Zt3n9mJ2wVb7cR1yHf5LpAe4Uo6GdSx-TiKvM',
          role: 'reporter',
          organisation: 'DBS Bank',
          trust: 'high',
          createdAt: '2026-11-20T02:16:03.412Z',
        },
      },
    },
  },
  'GET /v1/admin/keys': {
    summary: 'List API keys (never the keys themselves).',
    responses: {
      '200': {
        description: 'All keys, revoked ones included.',
        schema: 'ApiKeyList',
        example: {
          keys: [
            {
              id: KEY_ID,
              role: 'reporter',
              organisation: 'DBS Bank',
              trust: 'high',
              partnerNodeId: null,
              createdAt: '2026-11-20T02:16:03.412Z',
              revokedAt: null,
            },
          ],
        },
      },
    },
  },
  'DELETE /v1/admin/keys/{id}': {
    summary: 'Revoke an API key (effective within KEY_CACHE_TTL_MS in every API process).',
    responses: {
      '200': {
        description: 'Revoked (idempotent).',
        schema: 'ApiKeyRevoked',
        example: { id: KEY_ID, revokedAt: '2026-11-21T08:00:00.000Z' },
      },
      '404': { description: 'No such key.', schema: 'Error' },
    },
  },
  'GET /v1/audit': {
    summary: 'Page through the audit log.',
    responses: {
      '200': { description: 'Entries after `after`, oldest first.', schema: 'AuditPage', example: { entries: [auditEntry], next: '42' } },
    },
  },
  'GET /v1/audit/verify': {
    summary: 'Verify the audit hash chain and the heads partners witnessed.',
    responses: {
      '200': {
        description: 'The outcome (200 either way).',
        schema: 'AuditVerify',
        example: { ok: true, entries: 1042, head: auditEntry.hash },
      },
    },
  },
  'POST /v1/reports': {
    summary: 'Submit one scam report.',
    headers: [
      {
        name: 'Idempotency-Key',
        description: 'Makes a retry safe: the same key with the same body answers the first answer again; with another body, 422.',
        schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
      },
    ],
    description:
      'Answered only once the report is durably stored. Anonymous submissions (no key) are rate-limited per client address. `Idempotency-Key` makes retries safe.',
    requestExamples: {
      full: { summary: 'Bank impersonation with a defanged URL, a phone and a loss', value: report },
      minimal: {
        summary: 'Just an indicator',
        value: { scamType: 'phishing', channel: 'sms', occurredAt: '2026-11-20T10:00:00+08:00', indicators: [{ value: '+65 8123 4567' }] },
      },
      narrativeOnly: {
        summary: 'Indicators extracted from a Korean narrative',
        value: {
          scamType: 'impersonation_government',
          channel: 'call',
          occurredAt: '2026-11-18T14:30:00+09:00',
          jurisdiction: 'KR',
          narrative: '검찰청이라며 010-1234-5678 번호로 전화가 와서 국민은행 123-45-6789012 계좌로 송금하라고 했습니다.',
        },
      },
    },
    responses: {
      '202': {
        description: 'Stored; processing follows.',
        schema: 'ReportAccepted',
        example: { id: REPORT_ID, status: 'received' },
        headers: { Location: { description: '`/v1/reports/{id}`', schema: { type: 'string' } } },
      },
      '422': { description: '`Idempotency-Key` reused with another body.', schema: 'Error' },
    },
  },
  'POST /v1/reports/batch': {
    summary: 'Submit 1–1000 reports, all or nothing.',
    headers: [
      {
        name: 'Idempotency-Key',
        description: 'Makes a retry safe: the same key with the same body answers the first answer again; with another body, 422.',
        schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
      },
    ],
    requestExamples: {
      two: {
        summary: 'Two reports',
        value: {
          reports: [
            {
              scamType: 'investment',
              channel: 'telegram',
              occurredAt: '2026-11-19T21:00:00+08:00',
              indicators: [{ value: 't.me/quickprofit_sg' }, { value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }],
              loss: { amount: '12000.00', currency: 'SGD' },
            },
            {
              scamType: 'ecommerce',
              channel: 'marketplace',
              occurredAt: '2026-11-19T09:30:00+08:00',
              indicators: [{ type: 'bank_account', value: 'OCBC 501-234567-001' }],
              tlp: 'green',
            },
          ],
        },
      },
    },
    responses: {
      '202': {
        description: 'Stored; processing follows.',
        schema: 'ReportBatchAccepted',
        example: { ids: [REPORT_ID, '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d'], status: 'received' },
      },
      '422': { description: '`Idempotency-Key` reused with another body.', schema: 'Error' },
    },
  },
  'GET /v1/reports/{id}': {
    summary: 'One report with the outcome per indicator (its submitter or an analyst).',
    responses: {
      '200': {
        description: 'The report.',
        schema: 'Report',
        example: {
          id: REPORT_ID,
          status: 'processed',
          jurisdiction: 'SG',
          scamType: 'impersonation_bank',
          channel: 'sms',
          occurredAt: '2026-11-20T02:15:00.000Z',
          receivedAt: '2026-11-20T02:16:00.000Z',
          processedAt: '2026-11-20T02:16:00.850Z',
          tlp: 'amber',
          loss: { amount: '1500.00', currency: 'SGD' },
          externalRef: 'SPF-2026-000123',
          indicators: [
            {
              raw: 'hxxps://dbs-secure[.]top/login',
              source: 'submitted',
              type: 'url',
              value: 'https://dbs-secure.top/login',
              fingerprint: FP_URL,
              status: 'accepted',
              reason: null,
            },
            {
              raw: '+65 8123 4567',
              source: 'submitted',
              type: 'phone',
              value: '+6581234567',
              fingerprint: FP_PHONE,
              status: 'accepted',
              reason: null,
            },
            {
              raw: 'not an indicator',
              source: 'submitted',
              type: null,
              value: null,
              fingerprint: null,
              status: 'rejected',
              reason: 'not_an_indicator',
            },
          ],
        },
      },
      '404': { description: 'No such report, or not yours.', schema: 'Error' },
    },
  },
  'GET /v1/reports': {
    summary: 'List reports (analyst), oldest first, cursor-paginated.',
    responses: {
      '200': {
        description: 'A page.',
        schema: 'ReportPage',
        example: {
          reports: [
            {
              id: REPORT_ID,
              status: 'processed',
              jurisdiction: 'SG',
              scamType: 'impersonation_bank',
              channel: 'sms',
              occurredAt: '2026-11-20T02:15:00.000Z',
              receivedAt: '2026-11-20T02:16:00.000Z',
              processedAt: '2026-11-20T02:16:00.850Z',
              tlp: 'amber',
            },
          ],
          next: 'WyIyMDI2LTExLTIwIDAyOjE2OjAwLjAwMDAwMCswMCIsIjdmNWIyYTBlIl0',
        },
      },
    },
  },
  'GET /v1/lookup': {
    summary: 'Is this a scam? Public, rate-limited; never reporter data.',
    responses: {
      '200': {
        description: 'The verdict with counts. A query that is no indicator answers 200 with `indicator: null` and `rejected`.',
        schema: 'LookupAnswer',
        example: lookupScam,
      },
    },
  },
  'POST /v1/indicators/normalize': {
    summary: 'Canonical form and fingerprint of one value, or of up to 1000 items.',
    requestExamples: {
      one: { summary: 'A defanged URL', value: { value: 'hxxps://DBS-secure[.]top/login#x' } },
      phone: { summary: 'A local phone number with a region', value: { value: '010-1234-5678', region: 'KR' } },
      items: {
        summary: 'Several at once',
        value: {
          items: [
            { value: 'user[at]mail[.]com' },
            { value: '국민은행 123-45-6789012', type: 'bank_account', region: 'KR' },
            { value: 'hello world' },
          ],
        },
      },
    },
    responses: {
      '200': {
        description: 'One indicator (for `value`) or per-item outcomes (for `items`).',
        schema: { oneOf: [{ $ref: '#/components/schemas/Indicator' }, { $ref: '#/components/schemas/NormalizedItems' }] },
        example: {
          type: 'url',
          value: 'https://dbs-secure.top/login',
          fingerprint: FP_URL,
          attributes: { host: 'dbs-secure.top', registrableDomain: 'dbs-secure.top' },
        },
      },
      '422': {
        description: 'The value is no indicator of any (or the given) type.',
        schema: 'Error',
        example: {
          error: { code: 'not_an_indicator', message: 'not an indicator of any type' },
          requestId: 'b7c1f0e2-1d3a-4c5b-8e9f-0a1b2c3d4e5f',
        },
      },
    },
  },
  'GET /v1/indicators/{fingerprint}': {
    summary: 'Full detail of an indicator (analyst).',
    responses: {
      '200': {
        description: 'Sightings per jurisdiction and source node, linked reports.',
        schema: 'IndicatorDetail',
        example: {
          fingerprint: FP_PHONE,
          type: 'phone',
          value: '+6581234567',
          attributes: { region: 'SG' },
          warninglist: null,
          firstSeen: '2026-11-02T03:10:00.000Z',
          lastSeen: '2026-11-20T02:15:00.000Z',
          sightings: [
            {
              jurisdiction: 'SG',
              sourceNode: 'sg-spf',
              reports: 3,
              reporters: 3,
              recentReporters: 3,
              firstSeen: '2026-11-02T03:10:00.000Z',
              lastSeen: '2026-11-20T02:15:00.000Z',
              scamTypes: { impersonation_bank: 2, phishing: 1 },
              channels: { sms: 2, call: 1 },
              losses: { SGD: '4200.00' },
              verdict: { verdict: 'scam', rule: 'independent_reporters', reason: '3 independent reporters in the last 90 days' },
            },
          ],
          reportIds: [REPORT_ID],
        },
      },
      '404': { description: 'No such indicator.', schema: 'Error' },
    },
  },
  'GET /v1/indicators': {
    summary: 'List indicators (analyst) by update time, cursor-paginated.',
    responses: {
      '200': {
        description: 'A page.',
        schema: 'IndicatorPage',
        example: {
          indicators: [{ fingerprint: FP_PHONE, type: 'phone', value: '+6581234567', updatedAt: '2026-11-20T02:16:00.850Z' }],
          next: null,
        },
      },
    },
  },
  'GET /v1/exchange/identity': {
    summary: "This node's exchange identity and public key.",
    responses: {
      '200': {
        description: 'Identity.',
        schema: 'ExchangeIdentity',
        example: { nodeId: 'sg-spf', jurisdiction: 'SG', keyId: 'Xw3b0t1kz9Yv2Lm8Qp4Rs6Tu7Vx5Wy1Az3Bc5De7Fg9', publicKey: PARTNER_KEY },
      },
    },
  },
  'POST /v1/exchange/inbox': {
    summary: 'Push: a partner delivers a STIX 2.1 bundle; answered with a signed receipt.',
    description: `${SIGNED} A bundle that breaks this node's rules is refused whole (403, audited). Delivering the same batch twice changes nothing.`,
    requestBody: {
      description: 'STIX 2.1 bundle (`application/stix+json;version=2.1`; `application/json` accepted).',
      content: {
        'application/stix+json;version=2.1': {
          schema: { $ref: '#/components/schemas/StixBundle' },
          example: { type: 'bundle', id: 'bundle--6f1e7c52-7b0a-4c52-9d33-0e4f7a1b2c3d', objects: [] },
        },
        'application/json': { schema: { $ref: '#/components/schemas/StixBundle' } },
      },
    },
    responses: {
      '200': {
        description: 'Received; the receipt is signed by this node and carries its audit head.',
        schema: 'ExchangeReceipt',
        example: {
          batchId: 'batch-2026-11-20T02-00-00Z-12',
          objects: 1503,
          digest: 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
          receivedAt: '2026-11-20T02:00:01.000Z',
          auditHead: { seq: 1042, hash: auditEntry.hash },
          keyId: 'Xw3b0t1kz9Yv2Lm8Qp4Rs6Tu7Vx5Wy1Az3Bc5De7Fg9',
          signature: 'p0Rk5…base64url…',
        },
      },
      '401': { description: 'Signature missing or not valid (audited).', schema: 'Error' },
      '403': { description: 'The bundle breaks the policy (audited); nothing stored.', schema: 'Error' },
    },
  },
  'GET /v1/exchange/outbox': {
    summary: 'Pull: what this node would push to the calling partner, after a cursor.',
    description: SIGNED,
    responses: {
      '200': {
        description: 'A page of STIX objects under the partner policy.',
        schema: 'ExchangeOutboxPage',
        example: { objects: [], next: 'MTc2NDMwMDAwMDAwMHw0Mg', more: false },
      },
      '401': { description: 'Signature missing or not valid (audited).', schema: 'Error' },
    },
  },
  'GET /v1/admin/partners': {
    summary: 'List partner nodes with their policy and push state.',
    responses: { '200': { description: 'Partners.', schema: 'PartnerList', example: { partners: [partner] } } },
  },
  'POST /v1/admin/partners': {
    summary: 'Register a partner node or replace its registration (audited).',
    requestBody: {
      description: 'The partner registration (CONTRACT §7).',
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/PartnerRegistration' },
          example: {
            nodeId: 'kr-knpa',
            jurisdiction: 'KR',
            baseUrl: 'https://scamintel.knpa.example',
            publicKey: PARTNER_KEY,
            policy,
            pseudonymKey: 'b64:3q2+7w==…',
          },
        },
      },
    },
    responses: {
      '201': {
        description: 'Registered.',
        schema: 'Partner',
        example: partner,
        headers: { Location: { description: '`/v1/admin/partners/{nodeId}`', schema: { type: 'string' } } },
      },
      '200': { description: 'Registration replaced.', schema: 'Partner', example: partner },
    },
  },
  'GET /v1/admin/partners/{nodeId}': {
    summary: 'One partner.',
    responses: {
      '200': { description: 'The partner.', schema: 'Partner', example: partner },
      '404': { description: 'No such partner.', schema: 'Error' },
    },
  },
  'POST /v1/admin/partners/{nodeId}/sync': {
    summary: 'Push to a partner now instead of waiting for the schedule (audited).',
    responses: {
      '202': {
        description: 'A push job is queued (or already waiting).',
        schema: 'PartnerSyncAccepted',
        example: { partner: 'kr-knpa', status: 'accepted', job: 'waiting' },
      },
      '404': { description: 'No such partner.', schema: 'Error' },
    },
  },
  'POST /v1/bulletins': {
    summary: 'Generate a bulletin draft for a period (analyst).',
    requestExamples: {
      week: { summary: 'One week in English and Korean', value: { from: '2026-11-16', to: '2026-11-23', languages: ['en', 'ko'] } },
    },
    responses: {
      '202': {
        description: 'Generation queued; the draft is `pending`, then `ready` or `failed`.',
        schema: 'BulletinAccepted',
        example: { id: bulletin.id },
        headers: { Location: { description: '`/v1/bulletins/{id}`', schema: { type: 'string' } } },
      },
    },
  },
  'GET /v1/bulletins': {
    summary: 'List bulletins: published ones for the public, drafts too for analysts.',
    responses: { '200': { description: 'A page, newest first.', schema: 'BulletinPage', example: { bulletins: [bulletin], next: null } } },
  },
  'GET /v1/bulletins/{id}': {
    summary: 'A bulletin in one language and format (public once published).',
    description:
      '`format=json` (default) is the language-neutral figures; `md` and `html` are the rendered bulletin in `lang` (default: its first language).',
    responses: {
      '200': {
        description: 'The bulletin; `Content-Language` names the language.',
        schema: 'BulletinFigures',
        example: {
          schema: 'scamintel.bulletin.figures/1',
          jurisdiction: 'SG',
          nodeId: 'sg-spf',
          period: { from: '2026-11-16', to: '2026-11-23' },
          previousPeriod: { from: '2026-11-09', to: '2026-11-16' },
          generatedAt: '2026-11-23T00:05:00.000Z',
          totals: { reports: { current: 412, previous: 377, delta: 35, percent: 9.3, direction: 'up' } },
        },
      },
      '404': { description: 'No such bulletin, or not published.', schema: 'Error' },
      '409': { description: 'Still being generated, or failed.', schema: 'Error' },
    },
  },
  'POST /v1/bulletins/{id}/publish': {
    summary: 'Publish a ready draft (analyst; audited).',
    responses: {
      '200': {
        description: 'Published.',
        schema: 'BulletinSummary',
        example: {
          ...bulletin,
          status: 'ready',
          failure: null,
          createdAt: '2026-11-23T00:05:00.000Z',
          updatedAt: '2026-11-23T01:00:00.000Z',
        },
      },
      '404': { description: 'No such bulletin.', schema: 'Error' },
      '409': { description: 'Not ready.', schema: 'Error' },
    },
  },
  'GET /v1/review/queue': {
    summary: "Indicators waiting for an analyst's review in this jurisdiction (no verdict yet, or an open flag).",
    responses: {
      '200': {
        description: 'The queue, with the verdict the rules give now.',
        schema: 'ReviewQueue',
        example: {
          items: [
            {
              fingerprint: FP_PHONE,
              type: 'phone',
              value: '+6581234567',
              reports: 2,
              reporters: 2,
              firstSeen: '2026-11-02T03:10:00.000Z',
              lastSeen: '2026-11-20T02:15:00.000Z',
              scamTypes: { impersonation_bank: 2 },
              channels: { sms: 2 },
              flags: [],
              verdict: 'suspicious',
              confidence: 48,
              rule: 'reporters_below_threshold',
              reason: '2 of 3 independent reporters',
            },
          ],
        },
      },
    },
  },
  'POST /v1/reports/{id}/review': {
    summary: 'Review a report (analyst; audited). Confirming it confirms its indicators.',
    requestExamples: {
      confirm: { summary: 'Confirmed by an analyst', value: { verdict: 'confirmed', note: 'Matches case SPF-2026-000123.' } },
    },
    responses: {
      '200': {
        description: 'Reviewed.',
        schema: 'ReportReviewed',
        example: { reportId: REPORT_ID, verdict: 'confirmed', confirmedIndicators: 2 },
      },
      '404': { description: 'No such report.', schema: 'Error' },
    },
  },
  'POST /v1/indicators/{fingerprint}/verdict': {
    summary: "Set this jurisdiction's verdict on an indicator, overriding the rules (analyst; audited).",
    requestExamples: { legitimate: { summary: "A bank's real hotline", value: { verdict: 'legitimate', note: 'Official DBS hotline.' } } },
    responses: {
      '200': {
        description: 'Set.',
        schema: 'IndicatorVerdictSet',
        example: { fingerprint: FP_PHONE, jurisdiction: 'SG', verdict: 'legitimate' },
      },
      '404': { description: 'No such indicator.', schema: 'Error' },
    },
  },
  'POST /v1/appeals': {
    summary: 'Appeal a verdict (public, rate-limited): "this number is mine and not a scam".',
    description: 'The contact is personal data: it stays on this node and is shown to its analysts only.',
    requestExamples: {
      appeal: {
        summary: 'A shop owner appeals',
        value: {
          value: '+65 8123 4567',
          contact: 'owner@example.com',
          reason: 'This is the number of my bakery; a scammer spoofed it last week.',
        },
      },
    },
    responses: {
      '202': {
        description: 'Recorded for review.',
        schema: 'AppealAccepted',
        example: {
          id: '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
          status: 'open',
          indicator: { type: 'phone', value: '+6581234567', fingerprint: FP_PHONE },
        },
      },
      '422': { description: 'The value is no indicator.', schema: 'Error' },
    },
  },
  'GET /v1/appeals': {
    summary: 'List appeals (analyst).',
    responses: {
      '200': {
        description: 'Oldest first.',
        schema: 'AppealList',
        example: {
          appeals: [
            {
              id: '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
              fingerprint: FP_PHONE,
              type: 'phone',
              value: '+6581234567',
              contact: 'owner@example.com',
              reason: 'This is the number of my bakery; a scammer spoofed it last week.',
              status: 'open',
              resolutionNote: null,
              createdAt: '2026-11-21T03:00:00.000Z',
              resolvedAt: null,
            },
          ],
        },
      },
    },
  },
  'POST /v1/appeals/{id}/resolve': {
    summary: 'Resolve an appeal (analyst; audited). Upholding it marks the value legitimate here.',
    requestExamples: { upheld: { summary: 'Upheld', value: { outcome: 'upheld', note: 'Verified with ACRA records.' } } },
    responses: {
      '200': {
        description: 'Resolved.',
        schema: 'AppealResolved',
        example: { id: '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', status: 'upheld', fingerprint: FP_PHONE },
      },
      '404': { description: 'No such appeal.', schema: 'Error' },
      '409': { description: 'Already resolved.', schema: 'Error' },
    },
  },
  'GET /taxii2': {
    summary: 'TAXII discovery: this server and its API root.',
    description: TAXII_NOTE,
    responses: {
      '200': {
        description: 'Discovery resource.',
        contentType: TAXII,
        schema: {
          type: 'object',
          required: ['title'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            default: { type: 'string' },
            api_roots: { type: 'array', items: { type: 'string' } },
          },
        },
        example: {
          title: 'scamintel sg-spf (SG)',
          description:
            'Scam indicators of this node as STIX 2.1: a collection per partner under its bilateral policy, and a public TLP:CLEAR collection.',
          default: '/taxii2/api/',
          api_roots: ['/taxii2/api/'],
        },
      },
      ...TAXII_AUTH_ERRORS,
    },
  },
  'GET /taxii2/api': {
    summary: 'TAXII API root.',
    description: `${TAXII_NOTE} \`max_content_length\` is the body limit of the TAXII routes.`,
    responses: {
      '200': {
        description: 'API root resource.',
        contentType: TAXII,
        schema: {
          type: 'object',
          required: ['title', 'versions', 'max_content_length'],
          properties: {
            title: { type: 'string' },
            description: { type: 'string' },
            versions: { type: 'array', items: { type: 'string' } },
            max_content_length: { type: 'integer' },
          },
        },
        example: {
          title: 'scamintel sg-spf',
          description: 'Read-only collections of scam indicators …',
          versions: [TAXII],
          max_content_length: 1048576,
        },
      },
      ...TAXII_AUTH_ERRORS,
    },
  },
  'GET /taxii2/api/collections': {
    summary: 'The collections this key may read: `public` and, for a partner key, its own (analysts: every partner’s).',
    description: `${TAXII_NOTE} A collection per registered partner (id: UUIDv5 of this node and the partner's node id; alias: the partner's node id) holds exactly what the exchange sends that partner under its policy; \`public\` (alias \`public\`) holds TLP:CLEAR only, values in clear, no narratives. All are read-only.`,
    responses: {
      '200': {
        description: 'Collections resource.',
        contentType: TAXII,
        schema: { type: 'object', properties: { collections: { type: 'array', items: { type: 'object' } } } },
        example: {
          collections: [
            {
              id: PUBLIC_COLLECTION,
              alias: 'public',
              title: 'sg-spf: public',
              description: 'Indicators of SG that any partner or analyst may read: TLP:CLEAR only, …',
              can_read: true,
              can_write: false,
              media_types: ['application/stix+json;version=2.1'],
            },
            taxiiCollection,
          ],
        },
      },
      ...TAXII_AUTH_ERRORS,
    },
  },
  'GET /taxii2/api/collections/{collectionId}': {
    summary: 'One collection, by id or alias.',
    description: TAXII_NOTE,
    responses: {
      '200': { description: 'Collection resource.', contentType: TAXII, schema: { type: 'object' }, example: taxiiCollection },
      ...TAXII_COLLECTION_ERRORS,
    },
  },
  'GET /taxii2/api/collections/{collectionId}/objects': {
    summary: 'STIX objects of a collection, oldest added first, paged by `limit` and `next`.',
    description:
      `${TAXII_NOTE} First the objects every record refers to (this node's identity, the scamintel identity, extension definitions, TLP markings; date_added 1970-01-01), ` +
      "then per indicator its observable, `indicator` and `sighting`, with date_added = the indicator's last change to the microsecond; a later change adds them again with a new version (`modified`). " +
      'Objects are read below the export horizon (an indicator becomes visible once no transaction that started before its change is still open). `more` is exact.',
    responses: {
      '200': {
        description: 'Envelope.',
        contentType: TAXII,
        schema: TAXII_ENVELOPE_SCHEMA,
        headers: TAXII_DATE_HEADERS,
        example: { more: true, next: 'WzEsImIxNTJkMGFjLi4uIl0', objects: [taxiiIndicator] },
      },
      ...TAXII_QUERY_ERRORS,
    },
  },
  'POST /taxii2/api/collections/{collectionId}/objects': {
    summary: 'Add objects: refused, every collection here is read-only (`can_write: false`).',
    description: `${TAXII_NOTE} Content-Type must be ${TAXII} (415 otherwise), a body over 1 MiB is a 413; a well-formed request then gets 403.`,
    requestBody: {
      description: 'A TAXII envelope.',
      content: { [TAXII]: { schema: { type: 'object', properties: { objects: { type: 'array', items: { type: 'object' } } } } } },
    },
    responses: {
      '202': {
        description: 'Never sent: TAXII answers an accepted add with a status resource, and nothing is accepted here.',
        contentType: TAXII,
      },
      '403': taxiiError('The collection is read-only (also: a key of another role than partner or analyst).', {
        title: 'Forbidden',
        description: 'this collection is read-only (can_write: false)',
        error_id: 'req-3',
        error_code: 'forbidden',
        http_status: '403',
      }),
      '400': taxiiError('The body is not JSON.'),
      '401': TAXII_AUTH_ERRORS['401'],
      '404': TAXII_COLLECTION_ERRORS['404'],
      '406': TAXII_AUTH_ERRORS['406'],
      '413': taxiiError('Body over max_content_length (1 MiB).'),
      '415': taxiiError(`Content-Type is not ${TAXII}.`),
    },
  },
  'GET /taxii2/api/collections/{collectionId}/manifest': {
    summary:
      'Manifest of a collection: id, date_added, version and media type of each object, in the order and paging of the objects route.',
    description: TAXII_NOTE,
    responses: {
      '200': {
        description: 'Manifest.',
        contentType: TAXII,
        headers: TAXII_DATE_HEADERS,
        schema: {
          type: 'object',
          required: ['more'],
          properties: {
            more: { type: 'boolean' },
            next: { type: 'string' },
            objects: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' },
                  date_added: { type: 'string' },
                  version: { type: 'string' },
                  media_type: { type: 'string' },
                },
              },
            },
          },
        },
        example: {
          more: false,
          objects: [
            {
              id: taxiiIndicator.id,
              date_added: '2026-11-20T02:16:00.850123Z',
              version: taxiiIndicator.modified,
              media_type: 'application/stix+json;version=2.1',
            },
          ],
        },
      },
      ...TAXII_QUERY_ERRORS,
    },
  },
  'GET /taxii2/api/collections/{collectionId}/objects/{objectId}': {
    summary: 'One object of a collection (each object has a single version here).',
    description: `${TAXII_NOTE} Ids are not stored: the object is found by scanning the collection's indicators and judging only the one whose objects carry the id.`,
    responses: {
      '200': {
        description: 'Envelope with the object (none when `match[version]` or `added_after` exclude it).',
        contentType: TAXII,
        schema: TAXII_ENVELOPE_SCHEMA,
        headers: TAXII_DATE_HEADERS,
        example: { more: false, objects: [taxiiIndicator] },
      },
      ...TAXII_QUERY_ERRORS,
      '404': taxiiError('No such collection for this key, or no such object in it.'),
    },
  },
  'DELETE /taxii2/api/collections/{collectionId}/objects/{objectId}': {
    summary: 'Delete an object: refused, every collection here is read-only.',
    description: TAXII_NOTE,
    responses: {
      ...TAXII_COLLECTION_ERRORS,
      '403': taxiiError('The collection is read-only (also: a key of another role than partner or analyst).'),
    },
  },
  'GET /taxii2/api/collections/{collectionId}/objects/{objectId}/versions': {
    summary: 'Versions of one object (a single one here: its `modified`, or date_added for an observable).',
    description: TAXII_NOTE,
    responses: {
      '200': {
        description: 'Versions resource.',
        contentType: TAXII,
        headers: TAXII_DATE_HEADERS,
        schema: {
          type: 'object',
          required: ['more'],
          properties: { more: { type: 'boolean' }, versions: { type: 'array', items: { type: 'string' } } },
        },
        example: { more: false, versions: [taxiiIndicator.modified] },
      },
      ...TAXII_QUERY_ERRORS,
      '404': taxiiError('No such collection for this key, or no such object in it.'),
    },
  },
};
