import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';
import { RowPosition } from './cursor';

/** What an object id is computed from: the row's place in the export order, its type and value. */
export interface IdRow {
  at: string;
  fingerprint: string;
  type: string;
  value: string;
}

/**
 * STIX ids are not stored (they are UUIDv5 of type and value, or of the pseudonym, and this node), so finding an
 * object by id walks the indicators. This reads only the four columns an id needs, in the export's order and
 * below the same horizon, so the walk costs an index scan instead of the export's per-row aggregates; the one
 * row that carries the id is then read through ExportRepository like any other.
 */
@Injectable()
export class IdScanRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async after(from: RowPosition | null, horizon: string, limit: number): Promise<IdRow[]> {
    const { rows } = await query<IdRow>(
      poolOf(this.db),
      `SELECT updated_at::text AS at, fingerprint, type, value FROM indicators
        WHERE (updated_at, fingerprint) > ($1::timestamptz, $2::text) AND updated_at < $3::timestamptz
        ORDER BY updated_at, fingerprint LIMIT $4`,
      [from?.at ?? '-infinity', from?.fingerprint ?? '', horizon, limit],
    );
    return rows;
  }
}
