import { ReportIndicatorView, ReportView } from './reports.repository';

/** The JSON form of a report. `indicators` is the normalised outcome once processed, the submitted list before. */
export function toReportResponse(r: ReportView, indicators: ReportIndicatorView[] | undefined) {
  return {
    id: r.id,
    status: r.status,
    jurisdiction: r.jurisdiction,
    scamType: r.scamType,
    channel: r.channel,
    occurredAt: r.occurredAt,
    receivedAt: r.receivedAt,
    processedAt: r.processedAt,
    tlp: r.tlp,
    loss: r.lossAmount ? { amount: r.lossAmount, currency: r.lossCurrency } : undefined,
    narrative: r.narrative ?? undefined,
    reporter: r.reporterContact ?? undefined,
    externalRef: r.externalRef ?? undefined,
    indicators:
      indicators === undefined
        ? undefined
        : r.status === 'received'
          ? r.submitted.map((i) => ({
              raw: i.value,
              type: i.type ?? null,
              value: null,
              fingerprint: null,
              status: 'pending',
              reason: null,
            }))
          : indicators.map((i) => ({
              raw: i.raw,
              source: i.source,
              type: i.type,
              value: i.value,
              fingerprint: i.fingerprint,
              status: i.status,
              reason: i.reason,
            })),
  };
}
