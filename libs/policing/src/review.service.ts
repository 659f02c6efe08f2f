import { Inject, Injectable, Optional } from '@nestjs/common';
import { VerdictChanges } from '@scamintel/platform';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { PolicingError } from './policing-error';
import { ReviewRepository } from './review.repository';
import { VerdictService } from './verdict.service';

@Injectable()
export class ReviewService {
  constructor(
    private readonly repo: ReviewRepository,
    private readonly verdicts: VerdictService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly changes?: VerdictChanges,
  ) {}

  async queue(f: { scamType?: string; channel?: string; indicatorType?: string; limit?: number; offset?: number }) {
    const items = await this.repo.queue(this.config.jurisdiction, { ...f, limit: f.limit ?? 50, offset: f.offset ?? 0 });
    const decisions = await this.verdicts.decideMany(
      items.map((i) => ({ fingerprint: i.fingerprint, type: i.type, warninglisted: false })),
    );
    return items.map((i) => {
      const d = decisions.get(i.fingerprint)!;
      return { ...i, verdict: d.verdict, confidence: d.confidence, rule: d.rule, reason: d.reason };
    });
  }

  /** The newest reports of each indicator with their latest review, for an analyst deciding on them. */
  reportsOf(fingerprints: string[], perIndicator = 5) {
    return this.repo.reportsOf(fingerprints, perIndicator);
  }

  async reviewReport(actor: string, reportId: string, verdict: 'confirmed' | 'rejected' | 'needs_info', note?: string) {
    const report = await this.repo.reportExists(reportId);
    if (!report) throw new PolicingError('not_found', 'no such report');
    // A rejection takes the report's sightings out of the counts, so they must have been counted first.
    if (verdict === 'rejected' && report.status === 'received')
      throw new PolicingError('invalid_state', 'the report is still being processed; reject it once it is processed');
    const { confirmedIndicators, countingChanged } = await this.repo.reviewReport(reportId, report.jurisdiction, verdict, note, actor);
    // A review changes what the report's indicators count for; reviews are rare, so every answer is dropped.
    await this.changes?.changed('all');
    await this.audit.record({
      actor,
      action: 'review.report',
      subject: reportId,
      details: { verdict, confirmedIndicators, countingChanged },
    });
    return { reportId, verdict, confirmedIndicators };
  }

  async setVerdict(actor: string, fingerprint: string, verdict: 'scam' | 'legitimate', note?: string) {
    if (!(await this.repo.indicatorExists(fingerprint))) throw new PolicingError('not_found', 'no such indicator');
    await this.repo.setVerdict(fingerprint, this.config.jurisdiction, verdict, note, actor);
    await this.changes?.changed([fingerprint]);
    await this.audit.record({
      actor,
      action: 'review.indicator',
      subject: fingerprint,
      details: { verdict, jurisdiction: this.config.jurisdiction },
    });
    return { fingerprint, jurisdiction: this.config.jurisdiction, verdict };
  }
}
