import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Principal } from '@scamintel/common';
import { extract, tryNormalize, warninglistHit } from '@scamintel/indicators';
import { MetricsService } from '@scamintel/metrics';
import { VerdictChanges } from '@scamintel/platform';
import { Trust } from '@scamintel/vocabulary';
import { Normaliser, planBatch } from './core/batch-plan';
import { planDeltas } from './core/sighting-plan';
import { ReportDto } from './dto/report.dto';
import { IntakeQueue } from './intake.queue';
import { IntakeRepository, NewReport } from './intake.repository';
import { ReportError } from './report-error';

/** Reports dated this far in the future are refused: clocks differ, but not by days. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

const NORMALISER: Normaliser = { tryNormalize, extract, warninglistHit };

/** An operator's bulk import (CLI): counts as the organisation with the given trust; submitted by no key. */
export type ImportPrincipal = { kind: 'import'; organisation: string; trust: Exclude<Trust, 'anonymous'> };

export interface SubmitResult {
  ids: string[];
  replayed: boolean;
}

export interface IngestOutcome {
  outboxId: string;
  reports: number;
  indicators: number;
  newSightings: number;
  skipped?: 'already_processed' | 'unknown_outbox';
}

/**
 * Report intake end to end. `submit` accepts reports durably (one transaction with their outbox row) and enqueues
 * the batch; `ingest` (the worker) loads a batch, plans its ledger rows and indicators, and commits them with
 * the aggregate increments. Idempotent: a batch processed twice counts nothing twice.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly repo: IntakeRepository,
    private readonly queue: IntakeQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
    @Optional() private readonly changes?: VerdictChanges,
  ) {}

  async submit(
    principal: Principal | ImportPrincipal,
    reports: ReportDto[],
    rawBody: unknown,
    idempotencyKey?: string,
    pathPrefix = '',
  ): Promise<SubmitResult> {
    const now = Date.now();
    const problems = reports.flatMap((r, i) => this.problemsOf(r, now, reports.length > 1 || pathPrefix ? `${pathPrefix}[${i}].` : ''));
    if (problems.length) throw new ReportError('validation_failed', 'the report is not valid', problems);

    const rows = reports.map((r) => this.toRow(principal, r));
    const claim = idempotencyKey
      ? { scope: scopeOf(principal), key: idempotencyKey, bodyHash: createHash('sha256').update(JSON.stringify(rawBody)).digest('hex') }
      : undefined;
    const outcome = await this.repo.accept(rows, claim);
    if (outcome.kind === 'conflict')
      throw new ReportError('idempotency_conflict', 'this Idempotency-Key was already used with another body');
    if (outcome.kind === 'replayed') return { ids: outcome.ids, replayed: true };
    this.metrics?.reportsReceived(outcome.ids.length, principal.kind);
    await this.queue.enqueue([outcome.outboxId]);
    return { ids: outcome.ids, replayed: false };
  }

  async ingest(outboxId: string): Promise<IngestOutcome> {
    const batch = await this.repo.loadOutbox(outboxId);
    if (!batch) return { outboxId, reports: 0, indicators: 0, newSightings: 0, skipped: 'unknown_outbox' };
    if (batch.processed) return { outboxId, reports: 0, indicators: 0, newSightings: 0, skipped: 'already_processed' };
    if (batch.reports.length === 0) {
      await this.repo.markOutboxDone(outboxId);
      return { outboxId, reports: 0, indicators: 0, newSightings: 0, skipped: 'already_processed' };
    }
    const plan = planBatch(batch.reports, NORMALISER);
    // New indicators are committed on their own first: inside the batch's transaction, concurrent batches
    // carrying the same new (popular) values would wait for each other's commit. An indicator row without a
    // sighting, left by a crash right after, is harmless (lookup shows it with no reports) and reused on retry.
    await this.repo.insertNewIndicators(plan.indicators);
    const newSightings = await this.repo.inTransaction(async (tx) => {
      // Only the ledger rows this transaction inserted count, so a re-processed batch adds nothing.
      const deltas = planDeltas(await this.repo.insertLedger(tx, plan.rows), plan.reports);
      await this.repo.recordSightings(tx, outboxId, [...plan.reports.keys()], deltas);
      return deltas.stats.reduce((n, s) => n + s.reports, 0);
    });
    // Then, in a statement of its own, widen first/last seen and mark the indicators changed for the exchange.
    // Its row locks last one statement. Losing it to a crash leaves last_seen (derivable from indicator_stats)
    // and the change mark behind until the indicator's next sighting; no count is affected.
    await this.repo.widenIndicators(plan.indicators);
    this.metrics?.ingested(plan.reports.size, plan.indicators.length);
    // Every API process drops its cached lookup answers of these values (libs/platform VerdictChanges).
    await this.changes?.changed(plan.indicators.map((i) => i.fingerprint));
    return { outboxId, reports: plan.reports.size, indicators: plan.rows.length, newSightings };
  }

  /** A batch that failed for good: its reports are counted as failed (they stay in PostgreSQL, unprocessed). */
  async countFailed(outboxId: string): Promise<void> {
    this.metrics?.reportsFailed(await this.repo.unprocessedReports(outboxId));
  }

  /** Rules class-validator cannot express: at least one indicator or a narrative; no far-future dates. */
  private problemsOf(r: ReportDto, now: number, prefix: string) {
    const out: { path: string; message: string }[] = [];
    if (r.indicators.length === 0 && !(r.narrative && r.narrative.trim())) {
      out.push({ path: `${prefix}indicators`, message: 'a report needs at least one indicator or a narrative' });
    }
    if (Date.parse(r.occurredAt) > now + MAX_FUTURE_MS) out.push({ path: `${prefix}occurredAt`, message: 'occurredAt is in the future' });
    return out;
  }

  private toRow(p: Principal | ImportPrincipal, r: ReportDto): NewReport {
    const keyed = p.kind !== 'public';
    return {
      id: randomUUID(),
      submitterKeyId: p.kind === 'key' ? p.keyId : null,
      // Distinct reporters are organisations for keyed callers and (hashed) client addresses for the public.
      reporterKey: keyed
        ? `org:${p.organisation.toLowerCase()}`
        : `anon:${createHash('sha256').update(`${this.config.nodeId}|${p.clientAddress}`).digest('hex').slice(0, 24)}`,
      reporterTrust: keyed ? p.trust : 'anonymous',
      jurisdiction: r.jurisdiction ?? this.config.jurisdiction,
      scamType: r.scamType,
      channel: r.channel,
      occurredAt: new Date(r.occurredAt).toISOString(),
      lossAmount: r.loss?.amount ?? null,
      lossCurrency: r.loss?.currency ?? null,
      narrative: r.narrative ?? null,
      tlp: r.tlp ?? 'amber',
      reporterContact: r.reporter ? { name: r.reporter.name, contact: r.reporter.contact } : null,
      externalRef: r.externalRef ?? null,
      indicators: r.indicators.map((i) => ({
        ...(i.type ? { type: i.type } : {}),
        value: i.value,
        ...(i.region ? { region: i.region } : {}),
      })),
    };
  }
}

/** Idempotency keys are scoped to who sent them: a key, an importing organisation, or a public client address. */
function scopeOf(p: Principal | ImportPrincipal): string {
  if (p.kind === 'key') return `key:${p.keyId}`;
  if (p.kind === 'import') return `import:${p.organisation.toLowerCase()}`;
  return `ip:${p.clientAddress}`;
}
