import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';
import { OrgProfile, Role, Trust } from '@scamintel/vocabulary';

export interface ApiKeyRow {
  id: string;
  role: Role;
  organisation: string;
  trust: Exclude<Trust, 'anonymous'>;
  partnerNodeId: string | null;
  createdAt: string;
  revokedAt: string | null;
  sector: OrgProfile['sector'];
  bankCodes: string[];
  platforms: string[];
  jurisdiction: string | null;
}

const COLUMNS = `id, role, organisation, trust, partner_node_id AS "partnerNodeId", created_at AS "createdAt", revoked_at AS "revokedAt",
  sector, bank_codes AS "bankCodes", platforms, jurisdiction`;

@Injectable()
export class KeysRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async insert(
    row: Omit<ApiKeyRow, 'createdAt' | 'revokedAt' | keyof OrgProfile> & { keyHash: string; profile?: OrgProfile },
  ): Promise<ApiKeyRow> {
    const p = row.profile;
    const {
      rows: [created],
    } = await query<ApiKeyRow>(
      poolOf(this.db),
      `INSERT INTO api_keys (id, role, organisation, trust, partner_node_id, key_hash, sector, bank_codes, platforms, jurisdiction)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING ${COLUMNS}`,
      [
        row.id,
        row.role,
        row.organisation,
        row.trust,
        row.partnerNodeId,
        row.keyHash,
        p?.sector ?? null,
        p?.bankCodes ?? [],
        p?.platforms ?? [],
        p?.jurisdiction ?? null,
      ],
    );
    return created;
  }

  async findActiveByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    const { rows } = await query<ApiKeyRow>(poolOf(this.db), `SELECT ${COLUMNS} FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [
      keyHash,
    ]);
    return rows[0];
  }

  async findActiveById(id: string): Promise<ApiKeyRow | undefined> {
    const { rows } = await query<ApiKeyRow>(poolOf(this.db), `SELECT ${COLUMNS} FROM api_keys WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return rows[0];
  }

  async revoke(id: string): Promise<ApiKeyRow | undefined> {
    const { rows } = await query<ApiKeyRow>(
      poolOf(this.db),
      `UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return rows[0];
  }

  async list(): Promise<ApiKeyRow[]> {
    return (await query<ApiKeyRow>(poolOf(this.db), `SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`)).rows;
  }

  /** The active reporter keys that state a sector: the organisations actions are routed to. */
  async organisations(): Promise<ApiKeyRow[]> {
    return (
      await query<ApiKeyRow>(
        poolOf(this.db),
        `SELECT ${COLUMNS} FROM api_keys WHERE role = 'reporter' AND revoked_at IS NULL AND sector IS NOT NULL ORDER BY created_at, id`,
      )
    ).rows;
  }

  async hasActiveAdmin(): Promise<boolean> {
    const { rowCount } = await query(poolOf(this.db), `SELECT 1 FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL LIMIT 1`);
    return (rowCount ?? 0) > 0;
  }
}
