import { Injectable, Optional } from '@nestjs/common';
import { extract, tryNormalize, warninglistHit } from '@scamintel/indicators';
import { MetricsService } from '@scamintel/metrics';
import { IndicatorUpsert, IngestRepository, OutboxBatch } from './ingest.repository';
import { ReportIndicatorRow, ReportToIngest } from './sighting-plan';
import { Tlp, IndicatorType } from '@scamintel/vocabulary';

export interface IngestOutcome {
  outboxId: string;
  reports: number;
  indicators: number;
  newSightings: number;
  skipped?: 'already_processed' | 'unknown_outbox';
}

/**
 * Normalises every indicator of a batch of reports (submitted ones and those found in narratives) and records
 * them with their sightings. Idempotent: a batch processed twice counts nothing twice.
 */
@Injectable()
export class IngestService {
  constructor(
    private readonly repo: IngestRepository,
    @Optional() private readonly metrics?: MetricsService,
  ) {}

  async ingest(outboxId: string): Promise<IngestOutcome> {
    const batch = await this.repo.loadOutbox(outboxId);
    if (!batch) return { outboxId, reports: 0, indicators: 0, newSightings: 0, skipped: 'unknown_outbox' };
    if (batch.processed) return { outboxId, reports: 0, indicators: 0, newSightings: 0, skipped: 'already_processed' };
    if (batch.reports.length === 0) {
      await this.repo.markOutboxDone(outboxId);
      return { outboxId, reports: 0, indicators: 0, newSightings: 0, skipped: 'already_processed' };
    }
    const { reports, indicators, rows } = normaliseBatch(batch.reports);
    const { newSightings } = await this.repo.commitBatch(outboxId, reports, indicators, rows);
    this.metrics?.ingested(reports.size, indicators.length);
    return { outboxId, reports: reports.size, indicators: rows.length, newSightings };
  }
}

/** Pure part of ingest: the ledger rows and the distinct indicators of a batch. */
export function normaliseBatch(input: OutboxBatch['reports']): {
  reports: Map<string, ReportToIngest>;
  indicators: IndicatorUpsert[];
  rows: ReportIndicatorRow[];
} {
  const reports = new Map<string, ReportToIngest>();
  const indicators = new Map<string, IndicatorUpsert>();
  const rows: ReportIndicatorRow[] = [];
  for (const r of input) {
    const occurredAt = new Date(r.occurredAt);
    reports.set(r.id, { ...r, occurredAt, tlp: r.tlp as Tlp });
    let ordinal = 0;
    const seen = new Set<string>();
    const record = (raw: string, source: ReportIndicatorRow['source'], outcome: ReturnType<typeof tryNormalize>) => {
      if (!outcome.ok) {
        rows.push({
          reportId: r.id,
          ordinal: ordinal++,
          raw,
          source,
          type: null,
          value: null,
          fingerprint: null,
          status: 'rejected',
          reason: outcome.code,
        });
        return;
      }
      const ind = outcome.indicator;
      seen.add(ind.fingerprint);
      const hit = warninglistHit(ind);
      rows.push({
        reportId: r.id,
        ordinal: ordinal++,
        raw,
        source,
        type: ind.type,
        value: ind.value,
        fingerprint: ind.fingerprint,
        status: hit ? 'warninglisted' : 'accepted',
        reason: hit ? `warninglist:${hit.list}` : null,
      });
      const prev = indicators.get(ind.fingerprint);
      if (prev) {
        if (occurredAt < prev.firstSeen) prev.firstSeen = occurredAt;
        if (occurredAt > prev.lastSeen) prev.lastSeen = occurredAt;
      } else {
        indicators.set(ind.fingerprint, {
          fingerprint: ind.fingerprint,
          type: ind.type,
          value: ind.value,
          attributes: ind.attributes,
          warninglist: hit?.list ?? null,
          firstSeen: occurredAt,
          lastSeen: occurredAt,
        });
      }
    };
    for (const i of r.indicators) {
      record(
        i.value,
        'submitted',
        tryNormalize(i.value, { type: i.type as IndicatorType | undefined, region: i.region ?? r.jurisdiction }),
      );
    }
    if (r.narrative) {
      // The submitted indicators are all recorded by now: the narrative adds only what they did not name.
      const submitted = new Set(seen);
      for (const found of extract(r.narrative, { region: r.jurisdiction })) {
        if (submitted.has(found.fingerprint)) continue;
        const { raw, start: _s, end: _e, ...indicator } = found;
        record(raw, 'narrative', { ok: true, indicator });
      }
    }
  }
  const sorted = [...indicators.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  return { reports, indicators: sorted, rows };
}
