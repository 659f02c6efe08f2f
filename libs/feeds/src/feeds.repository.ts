import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';
import type { FeedRow, HeldState, Judged } from '@scamintel/feeds-core';

/** The one owner of `verdict_states` and `feed_watermark`. */
@Injectable()
export class FeedsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async watermark(): Promise<{ indicatorsUntil: Date; verdictsUntil: number }> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT indicators_until AS "indicatorsUntil", verdicts_until::int AS "verdictsUntil" FROM feed_watermark WHERE id = 1`,
    );
    return (rows[0] as { indicatorsUntil: Date; verdictsUntil: number } | undefined) ?? { indicatorsUntil: new Date(0), verdictsUntil: 0 };
  }

  async saveWatermark(indicatorsUntil: Date, verdictsUntil: number): Promise<void> {
    await query(
      poolOf(this.db),
      `INSERT INTO feed_watermark (id, indicators_until, verdicts_until) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET indicators_until = greatest(feed_watermark.indicators_until, $1), verdicts_until = greatest(feed_watermark.verdicts_until, $2)`,
      [indicatorsUntil, verdictsUntil],
    );
  }

  async held(fingerprints: string[]): Promise<Map<string, HeldState>> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT fingerprint, verdict, tlp_rank AS "tlpRank", listed FROM verdict_states WHERE fingerprint IN (SELECT unnest($1::text[]))`,
      [fingerprints],
    );
    return new Map(rows.map((r) => [r.fingerprint as string, { verdict: r.verdict, tlpRank: r.tlpRank, listed: r.listed }]));
  }

  /** Writes the judged states: changed ones with `changed_at = at`, the others only their check time. */
  async save(rows: (Judged & { listed: boolean; changed: boolean })[], at: Date): Promise<void> {
    const changed = rows.filter((r) => r.changed);
    const pool = poolOf(this.db);
    if (changed.length)
      await query(
        pool,
        `INSERT INTO verdict_states (fingerprint, type, value, verdict, tlp_rank, listed, changed_at, checked_at)
         SELECT f, t, v, d, r, l, $7, $7 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::smallint[], $6::boolean[]) AS x(f, t, v, d, r, l)
         ON CONFLICT (fingerprint) DO UPDATE SET verdict = EXCLUDED.verdict, tlp_rank = EXCLUDED.tlp_rank, listed = EXCLUDED.listed,
           changed_at = EXCLUDED.changed_at, checked_at = EXCLUDED.checked_at`,
        [
          changed.map((r) => r.fingerprint),
          changed.map((r) => r.type),
          changed.map((r) => r.value),
          changed.map((r) => r.verdict),
          changed.map((r) => r.tlpRank),
          changed.map((r) => r.listed),
          at,
        ],
      );
    const same = rows.filter((r) => !r.changed).map((r) => r.fingerprint);
    if (same.length)
      await query(pool, `UPDATE verdict_states SET checked_at = $2 WHERE fingerprint IN (SELECT unnest($1::text[]))`, [same, at]);
  }

  /** Held scam or suspicious verdicts not judged since `before`: windows and decay change them without any new report. */
  async stale(before: Date, limit: number): Promise<string[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT fingerprint FROM verdict_states WHERE verdict IN ('scam','suspicious') AND checked_at < $1 ORDER BY checked_at LIMIT $2`,
      [before, limit],
    );
    return rows.map((r) => r.fingerprint as string);
  }

  /**
   * One page of the feed, newest change first: the listed values (no `since`), or every change after `since`,
   * revocations included. Keyset on (changed_at, fingerprint).
   */
  async page(f: { type?: string; since?: Date; after?: { at: Date; fingerprint: string }; limit: number }): Promise<FeedRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (f.since) {
      params.push(f.since);
      // A change of a value never shareable (amber and above) is nobody's business here.
      where.push(`changed_at > $${params.length}`, '(listed OR tlp_rank <= 1)');
    } else where.push('listed');
    if (f.type) {
      params.push(f.type);
      where.push(`type = $${params.length}`);
    }
    if (f.after) {
      params.push(f.after.at, f.after.fingerprint);
      where.push(`(changed_at, fingerprint) < ($${params.length - 1}, $${params.length})`);
    }
    params.push(f.limit);
    const { rows } = await query<FeedRow>(
      poolOf(this.db),
      `SELECT type, value, fingerprint, listed, changed_at AS "changedAt" FROM verdict_states
        WHERE ${where.join(' AND ')} ORDER BY changed_at DESC, fingerprint DESC LIMIT $${params.length}`,
      params,
    );
    return rows;
  }
}
