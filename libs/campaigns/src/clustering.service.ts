import { Inject, Injectable, Optional } from '@nestjs/common';
import { VerdictChanges } from '@scamintel/platform';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { ExclusionsRepository } from './exclusions.repository';
import { GraphRepository } from './graph.repository';
import { RebuildOutcome, RebuildRepository } from './rebuild.repository';

/** Intake batches clustered per transaction: one round trip set per group of batches, not per report. */
const BATCHES_PER_STEP = 20;

export interface CatchUpOutcome {
  batches: number;
  merges: number;
  splits: number;
}

/** Keeps the groups current as batches are ingested (incremental), or recomputes them all (rebuild). */
@Injectable()
export class ClusteringService {
  constructor(
    private readonly graph: GraphRepository,
    private readonly rebuilder: RebuildRepository,
    private readonly exclusions: ExclusionsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly changes?: VerdictChanges,
  ) {}

  /** Lookup answers carry a value's campaign: the values a change re-clustered are announced, so caches drop them. */
  announce(values: string[] | 'all'): Promise<void> {
    return values.length ? (this.changes?.changed(values) ?? Promise.resolve()) : Promise.resolve();
  }

  /**
   * Takes reports a review excluded since the last run out of the graph (and puts restored ones back), then clusters
   * every ingested batch not yet clustered, a few batches per transaction, until none is left.
   */
  async catchUp(maxSteps = 1000): Promise<CatchUpOutcome> {
    const excluded = await this.exclusions.apply(this.config.campaigns.hubMinReports);
    await this.announce(excluded.values);
    const out: CatchUpOutcome = { batches: 0, merges: excluded.merges.length, splits: excluded.splits.length };
    for (let i = 0; i < maxSteps; i++) {
      const ids = await this.graph.pendingBatches(BATCHES_PER_STEP);
      if (!ids.length) break;
      const r = await this.graph.applyBatches(ids, this.config.campaigns.hubMinReports);
      await this.announce(r.values);
      out.batches += ids.length;
      out.merges += r.merges.length;
      out.splits += r.splits.length;
    }
    return out;
  }

  async rebuild(): Promise<RebuildOutcome> {
    const r = await this.rebuilder.rebuild(this.config.campaigns.hubMinReports);
    await this.announce('all');
    return r;
  }
}
