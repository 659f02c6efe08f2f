import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';

/** Where this node's pull from a partner's outbox stands: the partner's own `next`, opaque to us. */
export interface PullState {
  after: string | null;
  pages: number;
  objects: number;
  lastSuccessAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

const STATE = `after, pages::int AS pages, objects::bigint::text AS objects, last_success_at AS "lastSuccessAt", last_error AS "lastError",
  last_error_at AS "lastErrorAt"`;

/** The outbox's cursors; another pulled stream keeps its own in a table of the same shape (a subclass naming it). */
@Injectable()
export class PullCursorRepository {
  protected readonly table: string = 'exchange_pull_cursors';

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The partner's pull cursor, created at the start the first time it is asked for. */
  async get(nodeId: string): Promise<PullState> {
    await query(poolOf(this.db), `INSERT INTO ${this.table} (partner_node_id) VALUES ($1) ON CONFLICT DO NOTHING`, [nodeId]);
    return (await this.find(nodeId))!;
  }

  async find(nodeId: string): Promise<PullState | undefined> {
    return (await this.read(`WHERE partner_node_id = $1`, [nodeId])).get(nodeId);
  }

  async all(): Promise<Map<string, PullState>> {
    return this.read('', []);
  }

  private async read(where: string, params: unknown[]): Promise<Map<string, PullState>> {
    const { rows } = await query<PullState & { nodeId: string; objects: string }>(
      poolOf(this.db),
      `SELECT partner_node_id AS "nodeId", ${STATE} FROM ${this.table} ${where}`,
      params,
    );
    return new Map(rows.map(({ nodeId, ...r }) => [nodeId, { ...r, objects: Number(r.objects) }]));
  }

  /** Compare-and-set: moves from `from` to `to` only if no other pull moved it meanwhile; false otherwise. */
  async advance(nodeId: string, from: string | null, to: string | null, objects: number): Promise<boolean> {
    const { rowCount } = await query(
      poolOf(this.db),
      `UPDATE ${this.table} SET after = $3, pages = pages + 1, objects = objects + $4, last_success_at = now(), last_error = NULL
        WHERE partner_node_id = $1 AND after IS NOT DISTINCT FROM $2`,
      [nodeId, from, to, objects],
    );
    return (rowCount ?? 0) === 1;
  }

  async noteError(nodeId: string, message: string): Promise<void> {
    await query(poolOf(this.db), `UPDATE ${this.table} SET last_error = $2, last_error_at = now() WHERE partner_node_id = $1`, [
      nodeId,
      message.slice(0, 500),
    ]);
  }
}
