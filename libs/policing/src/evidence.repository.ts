import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';
import { ReporterEvidence, Trust } from '@scamintel/policing-core';

export interface LocalEvidence {
  reporters: ReporterEvidence[];
  reportsInWindow: Record<number, { total: number; keyed: number }>;
  analystVerdict?: { verdict: 'scam' | 'legitimate'; at: Date; note?: string };
  lastSeen: Date | null;
}

const key = (fp: string, j: string) => `${fp}\u0000${j}`;

/** Everything the verdict rules read, for many indicators at once (one query per kind of evidence). */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async load(fingerprints: string[], windows: number[]): Promise<Map<string, LocalEvidence>> {
    const out = new Map<string, LocalEvidence>();
    if (!fingerprints.length) return out;
    const pool = poolOf(this.db);
    const get = (fp: string, j: string) => {
      let e = out.get(key(fp, j));
      if (!e) out.set(key(fp, j), (e = { reporters: [], reportsInWindow: {}, lastSeen: null }));
      return e;
    };
    const [reporters, windowed, verdicts] = await Promise.all([
      query(pool, `SELECT fingerprint, jurisdiction, trust, reports, last_seen, first_received FROM indicator_reporters WHERE fingerprint = ANY($1)`, [fingerprints]),
      windows.length
        ? query(
            pool,
            `SELECT ri.fingerprint, r.jurisdiction, w.days,
                    count(DISTINCT ri.report_id)::int AS total,
                    count(DISTINCT ri.report_id) FILTER (WHERE r.reporter_trust <> 'anonymous')::int AS keyed
               FROM report_indicators ri
               JOIN reports r ON r.id = ri.report_id
               CROSS JOIN unnest($2::int[]) AS w(days)
              WHERE ri.fingerprint = ANY($1) AND ri.status <> 'rejected' AND r.occurred_at > now() - w.days * interval '1 day'
              GROUP BY ri.fingerprint, r.jurisdiction, w.days`,
            [fingerprints, windows],
          )
        : Promise.resolve({ rows: [] as Record<string, any>[] }),
      query(
        pool,
        `SELECT DISTINCT ON (fingerprint, jurisdiction) fingerprint, jurisdiction, verdict, note, created_at
           FROM indicator_verdicts WHERE fingerprint = ANY($1) ORDER BY fingerprint, jurisdiction, id DESC`,
        [fingerprints],
      ),
    ]);
    for (const r of reporters.rows) {
      const e = get(r.fingerprint, r.jurisdiction);
      e.reporters.push({ trust: r.trust as Trust, reports: r.reports, lastSeen: r.last_seen, firstReceived: r.first_received });
      if (!e.lastSeen || r.last_seen > e.lastSeen) e.lastSeen = r.last_seen;
    }
    for (const r of windowed.rows) get(r.fingerprint, r.jurisdiction).reportsInWindow[r.days] = { total: r.total, keyed: r.keyed };
    for (const r of verdicts.rows) get(r.fingerprint, r.jurisdiction).analystVerdict = { verdict: r.verdict, at: r.created_at, note: r.note ?? undefined };
    return out;
  }
}

export const evidenceKey = key;
