import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';
import { RowPosition } from './cursor';

export interface ObjectIdRow {
  objectId: string;
  scope: string;
  fingerprint: string;
}

/** The index of STIX object ids (taxii_object_ids) and how far each scope has indexed the indicators. */
@Injectable()
export class ObjectIdsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async mark(scope: string): Promise<RowPosition | null> {
    const { rows } = await query<RowPosition>(
      poolOf(this.db),
      `SELECT at::text AS at, fingerprint FROM taxii_object_id_marks WHERE scope = $1`,
      [scope],
    );
    return rows[0] ?? null;
  }

  /** Writes ids and moves the scope's mark forward (never back: another process may have gone further). */
  async save(scope: string, ids: ObjectIdRow[], upTo: RowPosition): Promise<void> {
    const pool = poolOf(this.db);
    if (ids.length)
      await query(
        pool,
        `INSERT INTO taxii_object_ids (object_id, scope, fingerprint)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [ids.map((i) => i.objectId), ids.map((i) => i.scope), ids.map((i) => i.fingerprint)],
      );
    await query(
      pool,
      `INSERT INTO taxii_object_id_marks (scope, at, fingerprint) VALUES ($1, $2::timestamptz, $3)
       ON CONFLICT (scope) DO UPDATE SET at = excluded.at, fingerprint = excluded.fingerprint
        WHERE (taxii_object_id_marks.at, taxii_object_id_marks.fingerprint) < (excluded.at, excluded.fingerprint)`,
      [scope, upTo.at, upTo.fingerprint],
    );
  }

  /** The indicators holding an object id in these scopes: a primary-key lookup. */
  async holders(objectId: string, scopes: string[]): Promise<string[]> {
    const { rows } = await query<{ fingerprint: string }>(
      poolOf(this.db),
      `SELECT DISTINCT fingerprint FROM taxii_object_ids WHERE object_id = $1 AND scope = ANY($2::text[]) ORDER BY fingerprint`,
      [objectId, scopes],
    );
    return rows.map((r) => r.fingerprint);
  }

  /** An indicator below the horizon with the position just before it in the export order (for a page of one). */
  async position(
    fingerprint: string,
    horizon: string,
  ): Promise<{ at: string; fingerprint: string; type: string; value: string; before: RowPosition } | undefined> {
    const { rows } = await query<{ at: string; fingerprint: string; type: string; value: string; prev: string | null }>(
      poolOf(this.db),
      `SELECT i.updated_at::text AS at, i.fingerprint, i.type, i.value,
              (SELECT max(j.fingerprint) FROM indicators j WHERE j.updated_at = i.updated_at AND j.fingerprint < i.fingerprint) AS prev
         FROM indicators i WHERE i.fingerprint = $1 AND i.updated_at < $2::timestamptz`,
      [fingerprint, horizon],
    );
    const r = rows[0];
    return r && { at: r.at, fingerprint: r.fingerprint, type: r.type, value: r.value, before: { at: r.at, fingerprint: r.prev ?? '' } };
  }
}
