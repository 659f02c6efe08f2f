import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { poolOf, query, transaction } from '@scamintel/persistence';
import { AuditEntry, ChainedEntry, GENESIS_HASH, computeHash } from './core';

/** Arbitrary constant: the advisory lock that serialises appends so the chain never forks. */
const APPEND_LOCK = 7263001;

const COLUMNS = `seq::int AS seq, at, actor, action, subject, details, prev_hash AS "prevHash", hash`;

function toEntry(r: {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}): ChainedEntry {
  return {
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    subject: r.subject ?? undefined,
    details: r.details,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async append(e: Omit<AuditEntry, 'seq' | 'at'>): Promise<ChainedEntry> {
    return transaction(this.db, async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const { rows } = await tx.query(`SELECT seq::int AS seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
      const prevHash: string = rows[0]?.hash ?? GENESIS_HASH;
      const entry: AuditEntry = {
        seq: (rows[0]?.seq ?? 0) + 1,
        at: new Date().toISOString(),
        actor: e.actor,
        action: e.action,
        ...(e.subject !== undefined ? { subject: e.subject } : {}),
        details: e.details ?? {},
      };
      const hash = computeHash(prevHash, entry);
      await tx.query(`INSERT INTO audit_log (seq, at, actor, action, subject, details, prev_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, [
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.subject ?? null,
        JSON.stringify(entry.details),
        prevHash,
        hash,
      ]);
      return { ...entry, prevHash, hash };
    });
  }

  async head(): Promise<{ seq: number; hash: string }> {
    const { rows } = await query(poolOf(this.db), `SELECT seq::int AS seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`);
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : { seq: 0, hash: GENESIS_HASH };
  }

  async page(afterSeq: number, limit: number): Promise<ChainedEntry[]> {
    const { rows } = await query(poolOf(this.db), `SELECT ${COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`, [
      afterSeq,
      limit,
    ]);
    return rows.map((r) => toEntry(r as never));
  }

  /** Physical order (ctid) is deliberately not used: verification reads by seq and checks the links. */
  async all(): Promise<ChainedEntry[]> {
    const { rows } = await query(poolOf(this.db), `SELECT ${COLUMNS} FROM audit_log ORDER BY seq`);
    return rows.map((r) => toEntry(r as never));
  }

  async saveWitnessedHead(partnerNodeId: string, head: { seq: number; hash: string }, receipt: unknown): Promise<void> {
    await query(
      poolOf(this.db),
      `INSERT INTO audit_witnessed_heads (partner_node_id, seq, hash, receipt) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING`,
      [partnerNodeId, head.seq, head.hash, JSON.stringify(receipt)],
    );
  }

  async witnessedHeads(): Promise<{ partnerNodeId: string; seq: number; hash: string }[]> {
    const { rows } = await query(
      poolOf(this.db),
      `SELECT partner_node_id AS "partnerNodeId", seq::int AS seq, hash FROM audit_witnessed_heads ORDER BY seq`,
    );
    return rows.map((r) => ({ partnerNodeId: r.partnerNodeId, seq: Number(r.seq), hash: r.hash }));
  }

  async savePartnerHead(partnerNodeId: string, head: { seq: number; hash: string }): Promise<void> {
    await query(poolOf(this.db), `INSERT INTO partner_audit_heads (partner_node_id, seq, hash) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING`, [
      partnerNodeId,
      head.seq,
      head.hash,
    ]);
  }
}
