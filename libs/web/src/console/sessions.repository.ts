import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';

export interface SessionRow {
  keyId: string;
  csrf: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** Console sessions, found by the SHA-256 of the cookie value (the table never holds the value itself). */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(s: { idHash: string; keyId: string; csrf: string; expiresAt: Date }): Promise<void> {
    await query(poolOf(this.db), `INSERT INTO web_sessions (id_hash, key_id, csrf_token, expires_at) VALUES ($1,$2,$3,$4)`, [
      s.idHash,
      s.keyId,
      s.csrf,
      s.expiresAt,
    ]);
  }

  async find(idHash: string): Promise<SessionRow | undefined> {
    const { rows } = await query<SessionRow>(
      poolOf(this.db),
      `SELECT key_id AS "keyId", csrf_token AS csrf, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt"
         FROM web_sessions WHERE id_hash = $1`,
      [idHash],
    );
    return rows[0];
  }

  async touch(idHash: string): Promise<void> {
    await query(poolOf(this.db), `UPDATE web_sessions SET last_seen_at = now() WHERE id_hash = $1`, [idHash]);
  }

  async delete(idHash: string): Promise<void> {
    await query(poolOf(this.db), `DELETE FROM web_sessions WHERE id_hash = $1`, [idHash]);
  }

  async deleteForKey(keyId: string): Promise<number> {
    const { rowCount } = await query(poolOf(this.db), `DELETE FROM web_sessions WHERE key_id = $1`, [keyId]);
    return rowCount ?? 0;
  }

  async purgeExpired(idleBefore: Date): Promise<void> {
    await query(poolOf(this.db), `DELETE FROM web_sessions WHERE expires_at < now() OR last_seen_at < $1`, [idleBefore]);
  }
}
