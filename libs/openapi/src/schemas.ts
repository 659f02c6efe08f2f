import type { SchemaObject } from '@nestjs/swagger';
import { CHANNELS, INDICATOR_TYPE_NAMES, REPORT_STATUSES, SCAM_TYPES, TLPS } from '@scamintel/common';

/**
 * Response shapes of the routes, as JSON Schema components. Request bodies and query parameters come from the
 * DTO classes (through the @nestjs/swagger CLI plugin at build time); responses are plain objects in the code,
 * so their shapes are written down here, next to the examples that document them (route-docs.ts).
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', ...(description ? { description } : {}), ...extra });
const dateTime = (description?: string): SchemaObject => str(description, { format: 'date-time' });
const nullable = (s: SchemaObject): SchemaObject => ({ ...s, nullable: true });
const int = (description?: string): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}) });
const obj = (properties: Record<string, SchemaObject | { $ref: string }>, required: string[] = Object.keys(properties), extra: SchemaObject = {}): SchemaObject => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
const FINGERPRINT = str('SHA-256 (lower-case hex) of `type + "\\n" + value`: the identity of an indicator on every node.', { pattern: '^[0-9a-f]{64}$' });
const VERDICT = str('Verdict in this jurisdiction.', { enum: ['scam', 'suspicious', 'unknown', 'legitimate'] });
const INDICATOR_TYPE = str(undefined, { enum: [...INDICATOR_TYPE_NAMES] });

export const SCHEMAS: Record<string, SchemaObject> = {
  Error: obj(
    {
      error: obj(
        {
          code: str('Stable machine-readable code, e.g. `validation_failed`, `unauthenticated`, `rate_limited`.'),
          message: str('Human-readable explanation.'),
          details: { type: 'array', items: obj({ path: str('Where, e.g. `indicators[0].value`.'), message: str() }) },
        },
        ['code', 'message'],
      ),
      requestId: str('The request id (also in the logs); send `X-Request-Id` to choose it.'),
    },
    ['error', 'requestId'],
    { description: 'Every error (CONTRACT §4). No stack traces, no internals.' },
  ),
  HealthLive: obj({ status: str(undefined, { enum: ['ok'] }) }),
  HealthReady: obj({
    status: str(undefined, { enum: ['ok', 'unavailable'] }),
    checks: obj({ postgres: str(undefined, { enum: ['up', 'down'] }), redis: str(undefined, { enum: ['up', 'down'] }) }),
  }),
  ReportAccepted: obj({ id: str('Report id.', { format: 'uuid' }), status: str(undefined, { enum: ['received'] }) }),
  ReportBatchAccepted: obj({
    ids: { type: 'array', items: str(undefined, { format: 'uuid' }), description: 'One id per report, in the order sent.' },
    status: str(undefined, { enum: ['received'] }),
  }),
  ReportIndicator: obj(
    {
      raw: str('As submitted (or as found in the narrative).'),
      source: str('`submitted` or `narrative` (absent while pending).', { enum: ['submitted', 'narrative'] }),
      type: nullable(INDICATOR_TYPE),
      value: nullable(str('Canonical value (CONTRACT §5); null when rejected or still pending.')),
      fingerprint: nullable(FINGERPRINT),
      status: str(undefined, { enum: ['pending', 'accepted', 'rejected', 'warninglisted'] }),
      reason: nullable(str('Why rejected or warninglisted.')),
    },
    ['raw', 'type', 'value', 'fingerprint', 'status', 'reason'],
  ),
  Report: obj(
    {
      id: str(undefined, { format: 'uuid' }),
      status: str(undefined, { enum: [...REPORT_STATUSES] }),
      jurisdiction: str('ISO 3166-1 alpha-2.'),
      scamType: str(undefined, { enum: [...SCAM_TYPES] }),
      channel: str(undefined, { enum: [...CHANNELS] }),
      occurredAt: dateTime(),
      receivedAt: dateTime(),
      processedAt: nullable(dateTime()),
      tlp: str(undefined, { enum: [...TLPS] }),
      loss: obj({ amount: str('Decimal string.'), currency: str('ISO 4217.') }),
      narrative: str(),
      reporter: obj({ name: str(), contact: str() }, [], { description: 'Personal data: shown to the submitter and analysts of this node only.' }),
      externalRef: str(),
      indicators: { type: 'array', items: ref('ReportIndicator'), description: 'Present on GET /v1/reports/{id}; absent in listings.' },
    },
    ['id', 'status', 'jurisdiction', 'scamType', 'channel', 'occurredAt', 'receivedAt', 'processedAt', 'tlp'],
  ),
  ReportPage: obj({ reports: { type: 'array', items: ref('Report') }, next: nullable(str('Cursor of the next page; null on the last.')) }),
  Indicator: obj(
    {
      type: INDICATOR_TYPE,
      value: str('Canonical value (CONTRACT §5).'),
      fingerprint: FINGERPRINT,
      attributes: { type: 'object', additionalProperties: true, description: 'Type-specific, e.g. `registrableDomain`, `network`, `platform`.' },
    },
    ['type', 'value', 'fingerprint', 'attributes'],
  ),
  NormalizedItems: obj({
    items: {
      type: 'array',
      items: {
        oneOf: [
          { allOf: [ref('Indicator'), obj({ ok: { type: 'boolean', enum: [true] } })] },
          obj({ ok: { type: 'boolean', enum: [false] }, value: str('As sent.'), error: obj({ code: str(), message: str() }) }),
        ],
      },
    },
  }),
  LookupAnswer: obj(
    {
      query: str('As sent.'),
      indicator: nullable(obj({ type: INDICATOR_TYPE, value: str(), fingerprint: FINGERPRINT })),
      verdict: VERDICT,
      reports: int('Reports across all jurisdictions.'),
      firstSeen: nullable(dateTime()),
      lastSeen: nullable(dateTime()),
      jurisdictions: { type: 'array', items: str() },
      scamTypes: { type: 'array', items: str(undefined, { enum: [...SCAM_TYPES] }), description: 'Most reported first.' },
      explanation: obj({ jurisdiction: str(), rule: str(), reason: str() }),
      byJurisdiction: {
        type: 'array',
        description: 'Verdicts stay per jurisdiction and are shown side by side.',
        items: obj({ jurisdiction: str(), verdict: VERDICT, reports: int(), firstSeen: dateTime(), lastSeen: dateTime(), rule: str() }),
      },
      rejected: obj({ code: str(), reason: str() }, ['code', 'reason'], { description: 'Present when the query is no indicator of any type.' }),
    },
    ['query', 'indicator', 'verdict', 'reports', 'firstSeen', 'lastSeen', 'jurisdictions', 'scamTypes'],
    { description: 'Public answer: counts and verdicts, never reporter data.' },
  ),
  IndicatorDetail: obj({
    fingerprint: FINGERPRINT,
    type: INDICATOR_TYPE,
    value: str(),
    attributes: { type: 'object', additionalProperties: true },
    warninglist: nullable(str('Name of the warninglist that holds the value.')),
    firstSeen: dateTime(),
    lastSeen: dateTime(),
    sightings: {
      type: 'array',
      items: obj({
        jurisdiction: str(),
        sourceNode: str(),
        reports: int(),
        reporters: int(),
        recentReporters: int(),
        firstSeen: dateTime(),
        lastSeen: dateTime(),
        scamTypes: { type: 'object', additionalProperties: { type: 'integer' } },
        channels: { type: 'object', additionalProperties: { type: 'integer' } },
        losses: { type: 'object', additionalProperties: { type: 'string' }, description: 'Decimal strings per currency.' },
        verdict: obj({ verdict: VERDICT, rule: str(), reason: str() }),
      }),
    },
    reportIds: { type: 'array', items: str(undefined, { format: 'uuid' }) },
  }),
  IndicatorPage: obj({
    indicators: { type: 'array', items: obj({ fingerprint: FINGERPRINT, type: INDICATOR_TYPE, value: str(), updatedAt: dateTime() }, ['fingerprint', 'type', 'value'], { additionalProperties: true }) },
    next: nullable(str()),
  }),
  ApiKey: obj(
    {
      id: str(undefined, { format: 'uuid' }),
      role: str(undefined, { enum: ['reporter', 'analyst', 'partner', 'admin'] }),
      organisation: str(),
      trust: str(undefined, { enum: ['low', 'medium', 'high'] }),
      partnerNodeId: nullable(str()),
      createdAt: dateTime(),
      revokedAt: nullable(dateTime()),
    },
    ['id', 'role', 'organisation', 'trust', 'createdAt'],
  ),
  ApiKeyCreated: obj(
    {
      id: str(undefined, { format: 'uuid' }),
      key: str('The key itself: shown once, stored only as a hash.'),
      role: str(),
      organisation: str(),
      trust: str(),
      partnerNodeId: str(),
      createdAt: dateTime(),
    },
    ['id', 'key', 'role', 'organisation', 'trust', 'createdAt'],
  ),
  ApiKeyList: obj({ keys: { type: 'array', items: ref('ApiKey') } }),
  ApiKeyRevoked: obj({ id: str(undefined, { format: 'uuid' }), revokedAt: dateTime() }),
  AuditEntry: obj({
    seq: int(),
    at: dateTime(),
    actor: str('`key:<id>`, `ip:<address>`, `cli:<user>` or `system`.'),
    action: str('e.g. `key.created`, `auth.failed`, `exchange.received`.'),
    subject: str(),
    details: { type: 'object', additionalProperties: true },
    prevHash: str(undefined, { pattern: '^[0-9a-f]{64}$' }),
    hash: str('SHA-256(prevHash ‖ canonical entry).', { pattern: '^[0-9a-f]{64}$' }),
  }, ['seq', 'at', 'actor', 'action', 'details', 'prevHash', 'hash']),
  AuditPage: obj({ entries: { type: 'array', items: ref('AuditEntry') }, next: nullable(str('`after` value of the next page.')) }),
  AuditVerify: {
    oneOf: [
      obj({ ok: { type: 'boolean', enum: [true] }, entries: int(), head: str('Hash of the last entry.') }),
      obj({ ok: { type: 'boolean', enum: [false] }, firstBadSeq: int(), reason: str() }),
    ],
  },
  QueueJob: obj(
    {
      id: str(),
      name: str(),
      state: str(undefined, { enum: ['failed', 'active', 'waiting', 'delayed', 'completed'] }),
      attemptsMade: int(),
      attempts: int(),
      enqueuedAt: nullable(dateTime()),
      processedAt: nullable(dateTime()),
      finishedAt: nullable(dateTime()),
      delayUntil: nullable(dateTime()),
      failedReason: nullable(str()),
    },
    undefined,
    { description: 'A job without its payload: an admin key reads no reports.' },
  ),
  QueueOverview: obj({
    nodeId: str(),
    generatedAt: dateTime(),
    queues: {
      type: 'array',
      items: obj({
        name: str(),
        paused: { type: 'boolean' },
        counts: obj(Object.fromEntries(['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'].map((s) => [s, int()]))),
        jobs: { type: 'array', items: ref('QueueJob') },
      }),
    },
  }),
  QueueJobs: obj({ queue: str(), state: str(), jobs: { type: 'array', items: ref('QueueJob') } }),
  QueueJobRetried: obj({ queue: str(), id: str(), status: str(undefined, { enum: ['waiting'] }) }),
};
