import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ActionsRepository } from '@scamintel/actions';
import { AuditService, canonicalJson } from '@scamintel/audit';
import { ErrorDetail } from '@scamintel/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { VerdictService } from '@scamintel/policing';
import { BulletinError } from './bulletin-error';
import { BulletinQueue } from './bulletin-queue';
import { BulletinRow, BulletinsRepository } from './bulletins.repository';
import { BulletinFiguresRepository, InputData } from './figures.repository';
import {
  availableLanguages,
  buildFigures,
  BulletinInputError,
  DEFAULT_CONFIG,
  render,
  renderFragment,
  type BulletinFigures,
  type BulletinFormat,
  type BulletinInput,
  type PeriodStats,
  type WatchCandidate,
} from './core';
import { writeBulletinFiles } from './files';
import { periodProblems, previousFullWeek, previousPeriod, trendWeekStarts } from './period';
import { SCAM_TYPES, type ScamType, withTimeout } from '@scamintel/vocabulary';

/** Who acts when no person does: the weekly job and auto-publishing. */
export const SYSTEM_ACTOR = 'system:bulletins';

export interface BulletinRequest {
  from: string;
  to: string;
  languages?: string[];
  requestedBy: string;
  requestKey?: string;
}

export type GenerateOutcome = { status: 'ready' | 'failed' | 'published' | 'skipped' | 'missing'; bulletinId: string };

const ENQUEUE_TIMEOUT_MS = 2000;

/** Aggregates in the core's shape: categories outside the vocabulary cannot come from validated reports. */
function toStats(c: InputData['current']): PeriodStats {
  return {
    reports: c.reports,
    byScamType: c.byScamType,
    byChannel: c.byChannel,
    lossByCurrency: c.lossByCurrency,
    lossReportsByCurrency: c.lossReportsByCurrency,
  };
}

@Injectable()
export class BulletinsService {
  private readonly logger = new Logger(BulletinsService.name);

  constructor(
    private readonly repo: BulletinsRepository,
    private readonly inputs: BulletinFiguresRepository,
    private readonly queue: BulletinQueue,
    private readonly audit: AuditService,
    private readonly verdicts: VerdictService,
    private readonly actions: ActionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Creates (or replaces, see the repository) the draft of a period and queues its generation. The row is
   * durable before anything is queued; when the queue is down the draft stays pending and the worker's sweep
   * or the caller's retry picks it up.
   */
  async request(r: BulletinRequest): Promise<BulletinRow> {
    const available = availableLanguages();
    const problems: ErrorDetail[] = periodProblems(r.from, r.to);
    (r.languages ?? []).forEach((l, i) => {
      if (!available.includes(l)) problems.push({ path: `languages[${i}]`, message: `must be one of: ${available.join(', ')}` });
    });
    if (r.languages && r.languages.length === 0) problems.push({ path: 'languages', message: 'must hold at least one language' });
    if (problems.length) throw new BulletinError('validation_failed', 'the request is not valid', problems);
    const languages = [...new Set(r.languages ?? available)];
    const outcome = await this.repo.requestDraft({
      from: r.from,
      to: r.to,
      languages,
      requestedBy: r.requestedBy,
      requestKey: r.requestKey,
    });
    const row = outcome.row;
    if (outcome.kind === 'existing' && row.status !== 'pending') return row;
    try {
      await withTimeout(this.queue.enqueueGenerate(row.id, row.revision), ENQUEUE_TIMEOUT_MS);
    } catch (err) {
      this.logger.warn(`bulletin ${row.id} stays pending: enqueue failed (${(err as Error).message})`);
      throw new BulletinError('queue_unavailable', 'the job queue is unavailable; the draft is saved, retry the request later', [], {
        'Retry-After': '5',
      });
    }
    return row;
  }

  /** What the weekly job does: the last full week in the configured time zone, once (idempotent by its key). */
  requestWeekly(at: Date): Promise<BulletinRow> {
    const { from, to } = previousFullWeek(at, this.config.bulletins.timezone);
    return this.request({ from, to, requestedBy: SYSTEM_ACTOR, requestKey: `weekly:${from}/${to}` });
  }

  /**
   * Builds and stores the figures of one revision of a draft. Idempotent: a finished or replaced revision is
   * skipped. Bad data fails the bulletin at once; other errors are retried by the queue and fail it on the last
   * attempt, so no draft stays pending forever.
   */
  async generate(bulletinId: string, revision: number, opts: { finalAttempt: boolean }): Promise<GenerateOutcome> {
    const row = await this.repo.get(bulletinId);
    if (!row) return { status: 'missing', bulletinId };
    if (row.revision !== revision) return { status: 'skipped', bulletinId };
    if (row.status === 'ready') {
      // A retry after the figures were stored but before auto-publishing finished.
      if (this.config.bulletins.autoPublish && !row.publishedAt) return this.autoPublish(row);
      return { status: 'skipped', bulletinId };
    }
    if (row.status !== 'pending') return { status: 'skipped', bulletinId };
    let figures: BulletinFigures;
    try {
      figures = await this.figures(row.periodFrom, row.periodTo);
    } catch (err) {
      if (err instanceof BulletinInputError) {
        await this.repo.markFailed(bulletinId, revision, `the data could not be turned into figures: ${err.message}`);
        return { status: 'failed', bulletinId };
      }
      if (opts.finalAttempt) {
        this.logger.error(`bulletin ${bulletinId} failed: ${(err as Error).message}`);
        await this.repo.markFailed(bulletinId, revision, 'generation failed after several attempts; request it again');
      }
      throw err;
    }
    const stored = await this.repo.markReady(bulletinId, revision, figures);
    if (!stored) return { status: 'skipped', bulletinId };
    if (this.config.bulletins.autoPublish) return this.autoPublish(stored);
    return { status: 'ready', bulletinId };
  }

  private async autoPublish(row: BulletinRow): Promise<GenerateOutcome> {
    const published = await this.repo.publish(row.id, SYSTEM_ACTOR, (r) => this.auditPublication(r, SYSTEM_ACTOR, true));
    return { status: published.kind === 'published' || published.kind === 'already_published' ? 'published' : 'ready', bulletinId: row.id };
  }

  /** The figures of [from, to) against the period before it, from this node's data. */
  async figures(from: string, to: string): Promise<BulletinFigures> {
    return buildFigures(await this.input(from, to), {
      minCount: this.config.bulletins.minCount,
      maskStyle: this.config.bulletins.maskStyle,
      maxWatch: DEFAULT_CONFIG.maxWatch,
    });
  }

  async input(from: string, to: string): Promise<BulletinInput> {
    const data = await this.inputs.loadInput({
      jurisdiction: this.config.jurisdiction,
      timeZone: this.config.bulletins.timezone,
      previousFrom: previousPeriod(from, to).from,
      from,
      to,
      weekStarts: trendWeekStarts(to),
    });
    // The node's verdicts, as /v1/lookup gives them (configured rules, analyst verdicts), decided in one batch: a
    // bulletin never calls "scam" what the lookup does not.
    const verdicts = await this.verdicts.decideMany(
      data.watch.map((w) => ({ fingerprint: w.fingerprint, type: w.type, warninglisted: w.warninglisted })),
    );
    const watch: WatchCandidate[] = data.watch.map((w) => ({
      type: w.type,
      value: w.value,
      tlp: w.tlp,
      verdict: verdicts.get(w.fingerprint)?.verdict ?? 'unknown',
      warninglisted: w.warninglisted,
      reports: w.reports,
      jurisdictions: w.jurisdictions,
      scamTypes: Object.keys(w.scamTypes).filter((t): t is ScamType => (SCAM_TYPES as readonly string[]).includes(t)),
    }));
    return {
      jurisdiction: this.config.jurisdiction,
      nodeId: this.config.nodeId,
      period: { from, to },
      current: toStats(data.current),
      previous: toStats(data.previous),
      weekly: data.weekly,
      crossBorder: data.crossBorder,
      campaigns: data.campaigns,
      watch,
      actions: await this.actions.timeToAction(from, to, this.config.bulletins.timezone),
      generatedAt: new Date().toISOString(),
    };
  }

  /** Makes a ready draft public, audited in the same step (no publication without its audit entry). */
  async publish(id: string, actor: string): Promise<BulletinRow> {
    const outcome = await this.repo.publish(id, actor, (row) => this.auditPublication(row, actor, false));
    switch (outcome.kind) {
      case 'published':
        return outcome.row;
      case 'not_found':
        throw new BulletinError('not_found', 'no such bulletin');
      case 'already_published':
        throw new BulletinError('invalid_state', 'the bulletin is already published; request the period again for a new version');
      case 'not_ready':
        throw new BulletinError('invalid_state', `only a ready bulletin can be published; this one is ${outcome.row.status}`);
    }
  }

  private async auditPublication(row: BulletinRow, actor: string, automatic: boolean): Promise<void> {
    await this.audit.record({
      actor,
      action: 'bulletin.published',
      subject: row.id,
      details: {
        period: { from: row.periodFrom, to: row.periodTo },
        version: row.version,
        languages: row.languages,
        automatic,
        // Pins what went public: SHA-256 of the RFC 8785 form of the published figures.
        figuresSha256: createHash('sha256').update(canonicalJson(row.figures)).digest('hex'),
      },
    });
  }

  /** A bulletin the caller may see: the public sees published ones only, anything else is "not found". */
  async visible(id: string, analyst: boolean): Promise<BulletinRow> {
    const row = await this.repo.get(id);
    if (!row || (!analyst && !row.publishedAt)) throw new BulletinError('not_found', 'no such bulletin');
    return row;
  }

  list(f: Parameters<BulletinsRepository['list']>[0]) {
    return this.repo.list(f);
  }

  /** One bulletin as `format` in `lang` (default: its first language). */
  async rendered(
    id: string,
    analyst: boolean,
    lang: string | undefined,
    format: BulletinFormat,
  ): Promise<{ row: BulletinRow; lang: string; body: string }> {
    const row = await this.visible(id, analyst);
    if (row.status !== 'ready' || !row.figures) {
      throw new BulletinError(
        'invalid_state',
        row.status === 'failed' ? `the bulletin failed: ${row.failure ?? 'unknown reason'}` : 'the bulletin is still being generated',
      );
    }
    const language = lang ?? row.languages[0];
    if (!row.languages.includes(language)) {
      throw new BulletinError('validation_failed', 'the bulletin is not available in this language', [
        { path: 'lang', message: `must be one of: ${row.languages.join(', ')}` },
      ]);
    }
    return { row, lang: language, body: render(row.figures, language, format) };
  }

  /** A published bulletin's content for the public web page, in `lang` when it has it, else in its first language. */
  async page(id: string, lang: string): Promise<{ row: BulletinRow; lang: string; title: string; body: string }> {
    const row = await this.visible(id, false);
    if (row.status !== 'ready' || !row.figures) throw new BulletinError('not_found', 'no such bulletin');
    const language = row.languages.includes(lang) ? lang : row.languages[0];
    return { row, lang: language, ...renderFragment(row.figures, language) };
  }

  /** Writes the ready bulletin's files (every language × md, html, json) for the demo and the CLI. */
  async writeFiles(id: string, outDir = this.config.bulletins.outDir): Promise<string[]> {
    const row = await this.repo.get(id);
    if (!row) throw new BulletinError('not_found', 'no such bulletin');
    if (row.status !== 'ready' || !row.figures)
      throw new BulletinError('invalid_state', `only a ready bulletin can be written; this one is ${row.status}`);
    return writeBulletinFiles(row.figures, row.languages, outDir);
  }

  /** Re-queues drafts whose job may have been lost; generation is idempotent, so a duplicate does nothing. */
  async requeueStale(olderThanMs: number): Promise<number> {
    const stale = await this.repo.stalePending(olderThanMs);
    for (const s of stale) await this.queue.enqueueGenerate(s.id, s.revision);
    if (stale.length) this.logger.log(`re-queued ${stale.length} pending bulletin(s)`);
    return stale.length;
  }
}
