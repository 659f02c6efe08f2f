import type { IndicatorType, Tlp } from '@scamintel/vocabulary';
import type { ReportIndicatorRow, ReportToIngest } from './sighting-plan';

/** An indicator as the normaliser returns it. */
export interface Normalised {
  type: IndicatorType;
  value: string;
  fingerprint: string;
  attributes: Record<string, unknown>;
}

/**
 * The normaliser's functions the plan needs (libs/indicators provides them). Passed in, so the plan stays pure
 * and a test can give it any normaliser.
 */
export interface Normaliser {
  tryNormalize(
    raw: string,
    opts: { type?: IndicatorType; region?: string },
  ): { ok: true; indicator: Normalised } | { ok: false; code: string };
  extract(text: string, opts: { region?: string }): (Normalised & { raw: string })[];
  warninglistHit(indicator: Normalised): { list: string } | null;
}

/** A report of an outbox batch as loaded: the columns ingest reads, with its submitted indicators and narrative. */
export interface LoadedReport extends Omit<ReportToIngest, 'tlp' | 'occurredAt'> {
  tlp: string;
  occurredAt: Date | string;
  indicators: { type?: string; value: string; region?: string }[];
  narrative: string | null;
}

/** One distinct indicator of a batch, with the earliest and latest report dates it was seen in. */
export interface IndicatorUpsert {
  fingerprint: string;
  type: string;
  value: string;
  attributes: Record<string, unknown>;
  warninglist: string | null;
  firstSeen: Date;
  lastSeen: Date;
}

export interface BatchPlan {
  reports: Map<string, ReportToIngest>;
  /** Sorted by fingerprint, so concurrent batches lock indicator rows in the same order. */
  indicators: IndicatorUpsert[];
  /** The report-indicator ledger: one row per indicator position of every report. */
  rows: ReportIndicatorRow[];
}

/**
 * The ledger rows and the distinct indicators of a batch: every submitted indicator (accepted, warninglisted or
 * rejected with its reason), then what the narrative names that the submitted ones did not.
 */
export function planBatch(input: LoadedReport[], n: Normaliser): BatchPlan {
  const reports = new Map<string, ReportToIngest>();
  const indicators = new Map<string, IndicatorUpsert>();
  const rows: ReportIndicatorRow[] = [];
  for (const r of input) {
    const occurredAt = new Date(r.occurredAt);
    const { indicators: submittedInput, narrative: _n, ...report } = r;
    reports.set(r.id, { ...report, occurredAt, tlp: r.tlp as Tlp });
    let ordinal = 0;
    const seen = new Set<string>();
    const record = (raw: string, source: ReportIndicatorRow['source'], outcome: ReturnType<Normaliser['tryNormalize']>) => {
      const base = { reportId: r.id, ordinal: ordinal++, raw, source };
      if (!outcome.ok) {
        rows.push({ ...base, type: null, value: null, fingerprint: null, status: 'rejected', reason: outcome.code });
        return;
      }
      const ind = outcome.indicator;
      seen.add(ind.fingerprint);
      const hit = n.warninglistHit(ind);
      rows.push({
        ...base,
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
    for (const i of submittedInput) {
      record(
        i.value,
        'submitted',
        n.tryNormalize(i.value, { type: i.type as IndicatorType | undefined, region: i.region ?? r.jurisdiction }),
      );
    }
    if (r.narrative) {
      // The submitted indicators are all recorded by now: the narrative adds only what they did not name.
      const submitted = new Set(seen);
      for (const found of n.extract(r.narrative, { region: r.jurisdiction })) {
        if (submitted.has(found.fingerprint)) continue;
        const { type, value, fingerprint, attributes } = found;
        record(found.raw, 'narrative', { ok: true, indicator: { type, value, fingerprint, attributes } });
      }
    }
  }
  const sorted = [...indicators.values()].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1));
  return { reports, indicators: sorted, rows };
}
