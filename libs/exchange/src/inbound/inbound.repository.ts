import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as crypto from 'node:crypto';
import { DataSource } from 'typeorm';
import { poolOf, query } from '@scamintel/persistence';
import { ExchangeIndicator } from '../core';

export interface Provenance {
  sourceNode: string;
  jurisdiction: string;
  batchId: string;
  digest: string;
}

/** One-shot digest where Node has it (≥ 20.12): one native call per row. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = (text: string): string =>
  oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text).digest('hex');

/** A fixed-order rendering of everything stored, so "same content" is a string comparison. */
function contentHash(i: ExchangeIndicator): string {
  const fields = [
    i.type,
    i.value,
    i.pseudonymised,
    i.tlp,
    i.confidence,
    i.verdict,
    i.revoked,
    i.sightings,
    i.reporters,
    i.firstSeen,
    i.lastSeen,
    i.scamTypes,
    i.attributes,
    i.narratives ?? null,
    i.modified,
  ];
  return sha256Hex(JSON.stringify(fields));
}

@Injectable()
export class InboundRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Remembers a (keyid, nonce) pair until it expires; false when it is still remembered (a replay). One
   * statement, so two API processes receiving the same request cannot both accept it.
   */
  async claimNonce(keyId: string, nonce: string, ttlSeconds: number): Promise<boolean> {
    const { rowCount } = await query(
      poolOf(this.db),
      `INSERT INTO exchange_nonces (key_id, nonce, expires_at) VALUES ($1, $2, now() + $3 * interval '1 second')
       ON CONFLICT (key_id, nonce) DO UPDATE SET expires_at = excluded.expires_at WHERE exchange_nonces.expires_at < now()`,
      [keyId, nonce, ttlSeconds],
    );
    return (rowCount ?? 0) === 1;
  }

  /** Counts a batch accepted from a partner (the console's exchange page). */
  async noteReceived(partner: string, batchId: string, objects: number, indicators: number): Promise<void> {
    await query(
      poolOf(this.db),
      `INSERT INTO exchange_inbound_stats AS s (partner_node_id, batches, objects, indicators, last_batch_id, last_received_at)
       VALUES ($1, 1, $3, $4, $2, now())
       ON CONFLICT (partner_node_id) DO UPDATE SET batches = s.batches + 1, objects = s.objects + $3, indicators = s.indicators + $4,
              last_batch_id = $2, last_received_at = now()`,
      [partner, batchId, objects, indicators],
    );
  }

  /** Counts a partner's bundle this node refused (invalid STIX, another sender, its policy). */
  async noteRefused(partner: string, reason: string): Promise<void> {
    await query(
      poolOf(this.db),
      `INSERT INTO exchange_inbound_stats AS s (partner_node_id, refusals, last_refusal_reason, last_refusal_at) VALUES ($1, 1, $2, now())
       ON CONFLICT (partner_node_id) DO UPDATE SET refusals = s.refusals + 1, last_refusal_reason = $2, last_refusal_at = now()`,
      [partner, reason],
    );
  }

  async purgeNonces(): Promise<number> {
    const { rowCount } = await query(poolOf(this.db), `DELETE FROM exchange_nonces WHERE expires_at < now()`);
    return rowCount ?? 0;
  }

  /**
   * Stores a partner's records, one row per (source node, fingerprint). A row is replaced only by a newer
   * version (or the same version with other content), so a batch delivered twice, or an old batch arriving
   * late, changes nothing. Returns how many rows were written.
   */
  async upsertSightings(p: Provenance, list: ExchangeIndicator[]): Promise<number> {
    if (!list.length) return 0;
    // The rows travel as one JSON document (json_to_recordset): one native JSON.stringify instead of 21 arrays
    // that pg would render element by element. A lone surrogate would be written "\udXXX", which PostgreSQL's
    // JSON parser refuses where the array form stored U+FFFD; such a batch takes the array form, as before.
    const rows = JSON.stringify(list.map(rowOf));
    const json = !(rows.includes('\\u') && LONE_SURROGATE_ESCAPE.test(rows));
    const { rowCount } = await query(
      poolOf(this.db),
      `INSERT INTO partner_sightings (source_node, jurisdiction, batch_id, digest, fingerprint, type, value, pseudonymised, tlp, confidence, verdict, revoked,
                                      sightings, reporters, first_seen, last_seen, scam_types, attributes, narratives, modified, content_hash)
       SELECT $1, $2, $3, $4, t.* FROM ${json ? ROWS_FROM_JSON : ROWS_FROM_ARRAYS}
       ON CONFLICT (source_node, fingerprint) DO UPDATE SET
         jurisdiction = excluded.jurisdiction, batch_id = excluded.batch_id, digest = excluded.digest, type = excluded.type, value = excluded.value,
         pseudonymised = excluded.pseudonymised, tlp = excluded.tlp, confidence = excluded.confidence, verdict = excluded.verdict, revoked = excluded.revoked,
         sightings = excluded.sightings, reporters = excluded.reporters, first_seen = excluded.first_seen, last_seen = excluded.last_seen,
         scam_types = excluded.scam_types, attributes = excluded.attributes, narratives = excluded.narratives, modified = excluded.modified,
         content_hash = excluded.content_hash, received_at = now()
       WHERE excluded.modified > partner_sightings.modified
          OR (excluded.modified = partner_sightings.modified AND excluded.content_hash <> partner_sightings.content_hash)`,
      json
        ? [p.sourceNode, p.jurisdiction, p.batchId, p.digest, rows]
        : [
            p.sourceNode,
            p.jurisdiction,
            p.batchId,
            p.digest,
            list.map((i) => i.fingerprint),
            list.map((i) => i.type),
            list.map((i) => i.value),
            list.map((i) => i.pseudonymised),
            list.map((i) => i.tlp),
            list.map((i) => i.confidence),
            list.map((i) => i.verdict),
            list.map((i) => i.revoked),
            list.map((i) => i.sightings),
            list.map((i) => i.reporters),
            list.map((i) => i.firstSeen),
            list.map((i) => i.lastSeen),
            list.map((i) => JSON.stringify(i.scamTypes)),
            list.map((i) => JSON.stringify(i.attributes)),
            list.map((i) => (i.narratives?.length ? JSON.stringify(i.narratives) : null)),
            list.map((i) => i.modified),
            list.map(contentHash),
          ],
    );
    return rowCount ?? 0;
  }
}

/** The stored columns of one record, in the order of the table's column list (json_to_recordset maps by name). */
const rowOf = (i: ExchangeIndicator) => ({
  fingerprint: i.fingerprint,
  type: i.type,
  value: i.value,
  pseudonymised: i.pseudonymised,
  tlp: i.tlp,
  confidence: i.confidence,
  verdict: i.verdict,
  revoked: i.revoked,
  sightings: i.sightings,
  reporters: i.reporters,
  first_seen: i.firstSeen,
  last_seen: i.lastSeen,
  scam_types: i.scamTypes,
  attributes: i.attributes,
  narratives: i.narratives?.length ? i.narratives : null,
  modified: i.modified,
  content_hash: contentHash(i),
});

const ROWS_FROM_JSON = `json_to_recordset($5::json) AS t(fingerprint text, type text, value text, pseudonymised boolean, tlp text, confidence smallint,
  verdict text, revoked boolean, sightings int, reporters int, first_seen timestamptz, last_seen timestamptz, scam_types jsonb, attributes jsonb,
  narratives jsonb, modified timestamptz, content_hash text)`;
const ROWS_FROM_ARRAYS = `unnest($5::text[], $6::text[], $7::text[], $8::boolean[], $9::text[], $10::smallint[], $11::text[], $12::boolean[],
  $13::int[], $14::int[], $15::timestamptz[], $16::timestamptz[], $17::jsonb[], $18::jsonb[], $19::jsonb[], $20::timestamptz[], $21::text[]) AS t`;
/** JSON.stringify writes a lone surrogate as a \udXXX escape (a paired one stays a raw character). */
const LONE_SURROGATE_ESCAPE = /\\ud[89a-f]/i;
