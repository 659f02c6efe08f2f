import type { SchemaObject } from '@nestjs/swagger';
import { CHANNELS, INDICATOR_TYPE_NAMES, REPORT_STATUSES, SCAM_TYPES, TLPS } from '@scamintel/common';

/**
 * Response shapes of the routes, as JSON Schema components. Request bodies and query parameters come from the
 * DTO classes (through the @nestjs/swagger CLI plugin at build time); responses are plain objects in the code,
 * so their shapes are written down here, next to the examples that document them (route-docs.ts).
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string, extra: SchemaObject = {}): SchemaObject => ({
  type: 'string',
  ...(description ? { description } : {}),
  ...extra,
});
const dateTime = (description?: string): SchemaObject => str(description, { format: 'date-time' });
const nullable = (s: SchemaObject): SchemaObject => ({ ...s, nullable: true });
const int = (description?: string): SchemaObject => ({ type: 'integer', ...(description ? { description } : {}) });
const obj = (
  properties: Record<string, SchemaObject | { $ref: string }>,
  required: string[] = Object.keys(properties),
  extra: SchemaObject = {},
): SchemaObject => ({
  type: 'object',
  properties,
  required,
  ...extra,
});
const FINGERPRINT = str('SHA-256 (lower-case hex) of `type + "\\n" + value`: the identity of an indicator on every node.', {
  pattern: '^[0-9a-f]{64}$',
});
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
      reporter: obj({ name: str(), contact: str() }, [], {
        description: 'Personal data: shown to the submitter and analysts of this node only.',
      }),
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
      attributes: {
        type: 'object',
        additionalProperties: true,
        description: 'Type-specific, e.g. `registrableDomain`, `network`, `platform`.',
      },
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
      rejected: obj({ code: str(), reason: str() }, ['code', 'reason'], {
        description: 'Present when the query is no indicator of any type.',
      }),
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
    indicators: {
      type: 'array',
      items: obj(
        { fingerprint: FINGERPRINT, type: INDICATOR_TYPE, value: str(), updatedAt: dateTime() },
        ['fingerprint', 'type', 'value'],
        { additionalProperties: true },
      ),
    },
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
  AuditEntry: obj(
    {
      seq: int(),
      at: dateTime(),
      actor: str('`key:<id>`, `ip:<address>`, `cli:<user>` or `system`.'),
      action: str('e.g. `key.created`, `auth.failed`, `exchange.received`.'),
      subject: str(),
      details: { type: 'object', additionalProperties: true },
      prevHash: str(undefined, { pattern: '^[0-9a-f]{64}$' }),
      hash: str('SHA-256(prevHash ‖ canonical entry).', { pattern: '^[0-9a-f]{64}$' }),
    },
    ['seq', 'at', 'actor', 'action', 'details', 'prevHash', 'hash'],
  ),
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
        counts: obj(
          Object.fromEntries(
            ['waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized', 'waiting-children'].map((s) => [s, int()]),
          ),
        ),
        jobs: { type: 'array', items: ref('QueueJob') },
      }),
    },
  }),
  QueueJobs: obj({ queue: str(), state: str(), jobs: { type: 'array', items: ref('QueueJob') } }),
  QueueJobRetried: obj({ queue: str(), id: str(), status: str(undefined, { enum: ['waiting'] }) }),
  ExchangeIdentity: obj({
    nodeId: str(),
    jurisdiction: str(),
    keyId: str('RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key.'),
    publicKey: str('Ed25519 public key, SPKI PEM.'),
  }),
  AuditHead: obj({ seq: int(), hash: str(undefined, { pattern: '^[0-9a-f]{64}$' }) }),
  ExchangeReceipt: obj(
    {
      batchId: str(),
      objects: int('STIX objects received.'),
      digest: str('The Content-Digest value received.'),
      receivedAt: dateTime(),
      auditHead: ref('AuditHead'),
      keyId: str("The receiver's keyId."),
      witness: ref('AuditHead'),
      signature: str('base64url Ed25519 signature over the RFC 8785 canonical JSON of the receipt without `signature`.'),
    },
    ['batchId', 'objects', 'digest', 'receivedAt', 'auditHead', 'keyId', 'signature'],
  ),
  StixBundle: obj(
    {
      type: str(undefined, { enum: ['bundle'] }),
      id: str(undefined, { pattern: '^bundle--' }),
      objects: { type: 'array', items: { type: 'object', additionalProperties: true } },
    },
    ['type', 'id', 'objects'],
    {
      description:
        'A STIX 2.1 bundle (OASIS schemas); indicators, sightings, the sender identity, TLP 2.0 markings, extension definitions.',
    },
  ),
  ExchangeOutboxPage: obj({
    objects: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'STIX 2.1 objects.' },
    next: nullable(str('Pass as `after` to continue.')),
    more: { type: 'boolean' },
  }),
  PartnerPolicy: obj({
    maxTlp: str(undefined, { enum: ['clear', 'green', 'amber'] }),
    types: { type: 'array', items: INDICATOR_TYPE },
    minConfidence: { type: 'integer', minimum: 0, maximum: 100 },
    pseudonymise: { type: 'array', items: INDICATOR_TYPE },
    shareNarrative: { type: 'boolean' },
  }),
  PartnerRegistration: obj(
    {
      nodeId: str(undefined, { pattern: '^[a-z0-9-]{2,32}$' }),
      jurisdiction: str(undefined, { pattern: '^[A-Z]{2}$' }),
      baseUrl: str(undefined, { format: 'uri' }),
      publicKey: str('Ed25519 public key, SPKI PEM (GET /v1/exchange/identity of the partner).'),
      policy: ref('PartnerPolicy'),
      pseudonymKey: str('Bilateral HMAC key for pseudonymised types; write-only.'),
    },
    ['nodeId', 'jurisdiction', 'baseUrl', 'publicKey', 'policy'],
  ),
  Partner: obj(
    {
      nodeId: str(),
      jurisdiction: str(),
      baseUrl: str(),
      publicKey: str(),
      keyId: str(),
      policy: ref('PartnerPolicy'),
      hasPseudonymKey: { type: 'boolean' },
      createdAt: dateTime(),
      updatedAt: dateTime(),
      push: obj({
        cursor: nullable(str()),
        batches: int(),
        indicatorsSent: int(),
        lastBatchId: nullable(str()),
        lastSuccessAt: nullable(dateTime()),
        lastError: nullable(str()),
        lastErrorAt: nullable(dateTime()),
      }),
    },
    ['nodeId', 'jurisdiction', 'baseUrl', 'publicKey', 'keyId', 'policy', 'hasPseudonymKey', 'createdAt', 'updatedAt'],
  ),
  PartnerList: obj({ partners: { type: 'array', items: ref('Partner') } }),
  PartnerSyncAccepted: obj({ partner: str(), status: str(undefined, { enum: ['accepted'] }), job: str('State of the push job.') }),
  ReviewQueue: obj({
    items: {
      type: 'array',
      items: obj(
        {
          fingerprint: FINGERPRINT,
          type: INDICATOR_TYPE,
          value: str(),
          reports: int(),
          reporters: int(),
          firstSeen: dateTime(),
          lastSeen: dateTime(),
          scamTypes: { type: 'object', additionalProperties: { type: 'integer' } },
          channels: { type: 'object', additionalProperties: { type: 'integer' } },
          flags: { type: 'array', items: str(), description: 'Open flags, e.g. an anonymous burst.' },
          verdict: VERDICT,
          confidence: { type: 'number' },
          rule: str(),
          reason: str(),
        },
        undefined,
        { additionalProperties: true },
      ),
    },
  }),
  ReportReviewed: obj({
    reportId: str(undefined, { format: 'uuid' }),
    verdict: str(undefined, { enum: ['confirmed', 'rejected', 'needs_info'] }),
    confirmedIndicators: int(),
  }),
  IndicatorVerdictSet: obj({ fingerprint: FINGERPRINT, jurisdiction: str(), verdict: str(undefined, { enum: ['scam', 'legitimate'] }) }),
  AppealAccepted: obj({
    id: str(undefined, { format: 'uuid' }),
    status: str(undefined, { enum: ['open'] }),
    indicator: obj({ type: INDICATOR_TYPE, value: str(), fingerprint: FINGERPRINT }),
  }),
  Appeal: obj({
    id: str(undefined, { format: 'uuid' }),
    fingerprint: FINGERPRINT,
    type: INDICATOR_TYPE,
    value: str(),
    contact: str('Personal data of the appellant: kept on this node, shown to analysts only.'),
    reason: str(),
    status: str(undefined, { enum: ['open', 'upheld', 'dismissed'] }),
    resolutionNote: nullable(str()),
    createdAt: dateTime(),
    resolvedAt: nullable(dateTime()),
  }),
  AppealList: obj({ appeals: { type: 'array', items: ref('Appeal') } }),
  AppealResolved: obj({
    id: str(undefined, { format: 'uuid' }),
    status: str(undefined, { enum: ['upheld', 'dismissed'] }),
    fingerprint: FINGERPRINT,
  }),
  BulletinAccepted: obj({ id: str(undefined, { format: 'uuid' }) }),
  BulletinSummary: obj(
    {
      id: str(undefined, { format: 'uuid' }),
      period: obj({ from: str(undefined, { format: 'date' }), to: str('First day after the period.', { format: 'date' }) }),
      version: int(),
      languages: { type: 'array', items: str() },
      publishedAt: nullable(dateTime()),
      status: str('Analysts only.', { enum: ['pending', 'ready', 'failed'] }),
      failure: nullable(str('Analysts only.')),
      createdAt: dateTime('Analysts only.'),
      updatedAt: dateTime('Analysts only.'),
    },
    ['id', 'period', 'version', 'languages', 'publishedAt'],
  ),
  BulletinPage: obj({ bulletins: { type: 'array', items: ref('BulletinSummary') }, next: nullable(str()) }),
  BulletinFigures: obj(
    {
      schema: str(undefined, { enum: ['scamintel.bulletin.figures/1'] }),
      jurisdiction: str(),
      nodeId: str(),
      period: obj({ from: str(), to: str() }),
      previousPeriod: obj({ from: str(), to: str() }),
      generatedAt: dateTime(),
      totals: { type: 'object', additionalProperties: true },
      losses: { type: 'array', items: { type: 'object', additionalProperties: true } },
      topScamTypes: { type: 'array', items: { type: 'object', additionalProperties: true } },
      topChannels: { type: 'array', items: { type: 'object', additionalProperties: true } },
      rising: { type: 'array', items: { type: 'object', additionalProperties: true } },
      crossBorder: { type: 'object', additionalProperties: true },
      watch: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'Masked indicators to watch.' },
      weekly: { type: 'object', additionalProperties: true },
      advice: { type: 'array', items: obj({ scamType: str(), key: str() }) },
    },
    ['schema', 'jurisdiction', 'period', 'generatedAt', 'totals'],
    {
      description: 'The bulletin figures (format=json), language-neutral; small counts suppressed (libs/bulletins README).',
      additionalProperties: true,
    },
  ),
};
