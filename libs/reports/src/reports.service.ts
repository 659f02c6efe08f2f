import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Principal } from '@scamintel/common';
import { MetricsService } from '@scamintel/metrics';
import { ReportDto } from './dto/report.dto';
import { IntakeQueue } from './intake-queue';
import { ReportError } from './report-error';
import { NewReport, ReportFilter, ReportIndicatorView, ReportView, ReportsRepository } from './reports.repository';
import { Trust } from '@scamintel/vocabulary';

/** Reports dated this far in the future are refused: clocks differ, but not by days. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

/** An operator's bulk import (CLI): counts as the organisation with the given trust; submitted by no key. */
export type ImportPrincipal = { kind: 'import'; organisation: string; trust: Exclude<Trust, 'anonymous'> };

export interface SubmitResult {
  ids: string[];
  replayed: boolean;
}

@Injectable()
export class ReportsService {
  constructor(
    private readonly repo: ReportsRepository,
    private readonly queue: IntakeQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
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
      ? {
          scope:
            principal.kind === 'key'
              ? `key:${principal.keyId}`
              : principal.kind === 'import'
                ? `import:${principal.organisation.toLowerCase()}`
                : `ip:${principal.clientAddress}`,
          key: idempotencyKey,
          bodyHash: createHash('sha256').update(JSON.stringify(rawBody)).digest('hex'),
        }
      : undefined;
    const outcome = await this.repo.insert(rows, claim);
    if (outcome.kind === 'conflict')
      throw new ReportError('idempotency_conflict', 'this Idempotency-Key was already used with another body');
    if (outcome.kind === 'replayed') return { ids: outcome.ids, replayed: true };
    this.metrics?.reportsReceived(outcome.ids.length, principal.kind);
    await this.queue.enqueue([outcome.outboxId]);
    return { ids: outcome.ids, replayed: false };
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

  /** A report is visible to its submitter and to analysts; to anyone else it does not exist. */
  async get(principal: Principal, id: string): Promise<{ report: ReportView; indicators: ReportIndicatorView[] }> {
    const report = await this.repo.findById(id);
    const visible = report && principal.kind === 'key' && (principal.role === 'analyst' || report.submitterKeyId === principal.keyId);
    if (!report || !visible) throw new ReportError('not_found', 'no such report');
    const indicators = report.status === 'received' ? [] : await this.repo.indicatorsOf(id);
    return { report, indicators };
  }

  /**
   * A report for whoever holds its receipt (the public form's submitter, who has no key): its status and what was
   * extracted. The caller has checked the receipt; nothing here identifies who sent it.
   */
  async forReceipt(id: string): Promise<{ report: ReportView; indicators: ReportIndicatorView[] } | undefined> {
    const report = await this.repo.findById(id);
    if (!report) return undefined;
    return { report, indicators: report.status === 'received' ? [] : await this.repo.indicatorsOf(id) };
  }

  list(filter: ReportFilter): Promise<ReportView[]> {
    return this.repo.list(filter);
  }
}
