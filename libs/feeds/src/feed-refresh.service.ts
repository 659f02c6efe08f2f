import { Injectable, Logger } from '@nestjs/common';
import { compare } from '@scamintel/feeds-core';
import { LookupService } from '@scamintel/intel';
import { ReviewRepository } from '@scamintel/policing';
import { WebhooksService } from '@scamintel/webhooks';
import { FeedsRepository } from './feeds.repository';

const BATCH = 1000;
/** Indicators updated this long before the watermark are judged again: a transaction may commit rows older than its end. */
const OVERLAP_MS = 120_000;
/** Scam and suspicious verdicts are judged again at least this often (report windows and decay move them with time). */
const RECHECK_MS = 86_400_000;

/**
 * Keeps `verdict_states` in line with this node's verdicts (worker, every FEED_REFRESH_INTERVAL_MS): judges the
 * indicators that changed (ingest), those an analyst or an appeal decided, and held scam/suspicious verdicts due a
 * re-check, in batches through the lookup's one-round-trip read. Each verdict change is an
 * `indicator.verdict_changed` event (to reporter keys only for values shared at clear or green).
 */
@Injectable()
export class FeedRefreshService {
  private readonly logger = new Logger(FeedRefreshService.name);

  constructor(
    private readonly repo: FeedsRepository,
    private readonly lookups: LookupService,
    private readonly reviews: ReviewRepository,
    private readonly webhooks: WebhooksService,
  ) {}

  async refresh(now = new Date()): Promise<{ judged: number; changed: number; events: number }> {
    const mark = await this.repo.watermark();
    // The very first run judges everything the node holds: that is a baseline, not a stream of news.
    const quiet = new Date(mark.indicatorsUntil).getTime() === 0 && mark.verdictsUntil === 0;
    const totals = { judged: 0, changed: 0, events: 0, quiet };
    // Indicators touched by ingest since the watermark.
    let after: { updatedAt: string; fingerprint: string } | undefined;
    const since = new Date(Math.max(0, new Date(mark.indicatorsUntil).getTime() - OVERLAP_MS)).toISOString();
    for (;;) {
      const page = await this.lookups.list({ updatedSince: since, after, limit: BATCH });
      if (!page.length) break;
      await this.judge(
        page.map((r) => r.fingerprint),
        now,
        totals,
      );
      const last = page[page.length - 1];
      after = { updatedAt: last.cursorAt, fingerprint: last.fingerprint };
      if (page.length < BATCH) break;
    }
    // Verdicts recorded by analysts and appeals since the last run.
    let verdictsUntil = mark.verdictsUntil;
    for (;;) {
      const decided = await this.reviews.verdictsAfter(verdictsUntil, BATCH);
      if (!decided.length) break;
      await this.judge([...new Set(decided.map((d) => d.fingerprint))], now, totals);
      verdictsUntil = decided[decided.length - 1].id;
    }
    // Held verdicts due a re-check.
    for (;;) {
      const stale = await this.repo.stale(new Date(now.getTime() - RECHECK_MS), BATCH);
      if (!stale.length) break;
      await this.judge(stale, now, totals);
      if (stale.length < BATCH) break;
    }
    await this.repo.saveWatermark(now, verdictsUntil);
    if (totals.changed) this.logger.log(`feed: ${totals.changed} of ${totals.judged} verdicts changed`);
    return { judged: totals.judged, changed: totals.changed, events: totals.events };
  }

  private async judge(
    fingerprints: string[],
    now: Date,
    totals: { judged: number; changed: number; events: number; quiet: boolean },
  ): Promise<void> {
    const [judged, held] = await Promise.all([this.lookups.verdictsOf(fingerprints, now), this.repo.held(fingerprints)]);
    const rows = judged.map((j) => ({ ...j, ...compare(held.get(j.fingerprint), j) }));
    await this.repo.save(rows, now);
    totals.judged += rows.length;
    for (const r of rows) {
      if (r.changed) totals.changed++;
      if (!r.verdictChanged || totals.quiet) continue;
      totals.events += await this.webhooks.emit(
        'indicator.verdict_changed',
        {
          fingerprint: r.fingerprint,
          type: r.type,
          value: r.value,
          verdict: r.verdict,
          previous: held.get(r.fingerprint)?.verdict ?? 'unknown',
        },
        { indicator: { type: r.type, value: r.value }, analystsOnly: r.tlpRank > 1 },
        now,
      );
    }
  }
}
