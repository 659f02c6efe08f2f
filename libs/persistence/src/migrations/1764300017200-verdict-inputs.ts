import { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * verdict_inputs (issue 15, CONTRACT §6 lookup and POST /v1/check): per fingerprint, everything a lookup answer is
 * computed from except what depends on the clock, kept current in the transaction that changes it. A lookup or a
 * check of 1,000 values is then one primary-key read of this table (plus the campaign a value belongs to), and the
 * verdict function applies windows and decay at read from the stored timestamps.
 *
 * What a row holds:
 * - type, value, warninglist: the indicator (NULL for a fingerprint only partners sent, e.g. a pseudonym).
 * - local: per jurisdiction (alphabetical) {j, s: stats or null, rep: [[trust, reports, lastSeen ms, firstReceived ms]],
 *   occ / keyed: occurred_at (µs, newest first) of the distinct counted reports, all / from keyed reporters,
 *   v: the analyst verdict in force {v, note, at ms} or null}. Exactly the evidence libs/policing reads.
 * - partners: partner_sightings rows of that fingerprint, ordered by jurisdiction and source node.
 *
 * How it stays current, whoever writes (intake, review, appeals, report exclusion, partner ingest and deletion):
 * statement triggers on the source tables note the touched fingerprints in verdict_inputs_dirty under the
 * transaction's id; one deferred constraint trigger per transaction recomputes those rows at commit, once, whatever
 * the number of statements. The recompute locks the rows (in fingerprint order) before it reads, so of two
 * transactions changing one fingerprint the later one reads the earlier one's committed state: no lost update.
 */
const MS = (c: string) => `(extract(epoch FROM ${c}) * 1000)::float8`;
const US = (c: string) => `(extract(epoch FROM ${c}) * 1000000)::float8`;

const REFRESH = `
CREATE FUNCTION verdict_inputs_refresh(fps text[]) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO verdict_inputs (fingerprint) SELECT f FROM unnest(fps) f ORDER BY f ON CONFLICT DO NOTHING;
  PERFORM 1 FROM verdict_inputs WHERE fingerprint IN (SELECT unnest(fps)) ORDER BY fingerprint FOR UPDATE;
  WITH f AS (SELECT DISTINCT unnest(fps) AS fingerprint),
  st AS (
    SELECT fingerprint, jurisdiction, jsonb_build_object('reports', reports, 'firstSeen', first_seen, 'lastSeen', last_seen,
             'scamTypes', scam_types, 'channels', channels, 'losses', losses, 'tlpRank', tlp_rank) AS s
      FROM indicator_stats WHERE fingerprint IN (SELECT fingerprint FROM f)),
  rp AS (
    SELECT fingerprint, jurisdiction, jsonb_agg(jsonb_build_array(trust, reports, ${MS('last_seen')}, ${MS('first_received')}) ORDER BY reporter_key) AS rep
      FROM indicator_reporters WHERE fingerprint IN (SELECT fingerprint FROM f) GROUP BY 1, 2),
  oc AS (
    SELECT fingerprint, jurisdiction, jsonb_agg(us ORDER BY us DESC) AS occ,
           coalesce(jsonb_agg(us ORDER BY us DESC) FILTER (WHERE keyed), '[]') AS keyed
      FROM (SELECT DISTINCT ri.fingerprint, r.jurisdiction, ri.report_id, ${US('r.occurred_at')} AS us, r.reporter_trust <> 'anonymous' AS keyed
              FROM report_indicators ri JOIN reports r ON r.id = ri.report_id
             WHERE ri.fingerprint IN (SELECT fingerprint FROM f) AND ri.status <> 'rejected' AND r.excluded_at IS NULL) x
     GROUP BY 1, 2),
  vd AS (
    SELECT DISTINCT ON (fingerprint, jurisdiction) fingerprint, jurisdiction,
           jsonb_build_object('v', verdict, 'note', note, 'at', ${MS('created_at')}) AS v
      FROM indicator_verdicts WHERE fingerprint IN (SELECT fingerprint FROM f) ORDER BY fingerprint, jurisdiction, id DESC),
  js AS (
    SELECT fingerprint, jurisdiction FROM st UNION SELECT fingerprint, jurisdiction FROM rp
    UNION SELECT fingerprint, jurisdiction FROM oc UNION SELECT fingerprint, jurisdiction FROM vd),
  loc AS (
    SELECT js.fingerprint, jsonb_agg(jsonb_build_object('j', js.jurisdiction, 's', st.s, 'rep', coalesce(rp.rep, '[]'),
             'occ', coalesce(oc.occ, '[]'), 'keyed', coalesce(oc.keyed, '[]'), 'v', vd.v) ORDER BY js.jurisdiction) AS local
      FROM js LEFT JOIN st USING (fingerprint, jurisdiction) LEFT JOIN rp USING (fingerprint, jurisdiction)
      LEFT JOIN oc USING (fingerprint, jurisdiction) LEFT JOIN vd USING (fingerprint, jurisdiction)
     GROUP BY js.fingerprint),
  pt AS (
    SELECT fingerprint, jsonb_agg(jsonb_build_object('sourceNode', source_node, 'jurisdiction', jurisdiction, 'fingerprint', fingerprint,
             'type', type, 'value', value, 'pseudonymised', pseudonymised, 'tlp', tlp, 'verdict', verdict, 'confidence', confidence,
             'revoked', revoked, 'sightings', sightings, 'reporters', reporters, 'firstSeen', first_seen, 'lastSeen', last_seen,
             'scamTypes', scam_types, 'receivedAt', received_at, 'formerPartner', partner_ended_at IS NOT NULL)
             ORDER BY jurisdiction, source_node) AS partners
      FROM partner_sightings WHERE fingerprint IN (SELECT fingerprint FROM f) GROUP BY fingerprint)
  UPDATE verdict_inputs v
     SET type = i.type, value = i.value, warninglist = i.warninglist,
         local = coalesce(loc.local, '[]'), partners = coalesce(pt.partners, '[]')
    FROM f LEFT JOIN indicators i USING (fingerprint) LEFT JOIN loc USING (fingerprint) LEFT JOIN pt USING (fingerprint)
   WHERE v.fingerprint = f.fingerprint;
  DELETE FROM verdict_inputs
   WHERE fingerprint IN (SELECT unnest(fps)) AND type IS NULL AND local = '[]' AND partners = '[]';
END $fn$`;

/** Notes fingerprints for the commit-time refresh; the first note of a transaction queues its flush. */
const NOTE = (fps: string) => `
  INSERT INTO verdict_inputs_dirty (txid, fingerprint)
  SELECT pg_current_xact_id(), fingerprint FROM (${fps}) d WHERE fingerprint IS NOT NULL ON CONFLICT DO NOTHING;
  IF FOUND THEN
    INSERT INTO verdict_inputs_pending (txid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;`;

const fn = (name: string, body: string) => `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${body} END $fn$`;

/** Tables whose rows carry the fingerprint they are evidence of. */
const KEYED = ['indicator_stats', 'indicator_reporters', 'report_indicators', 'indicator_verdicts', 'partner_sightings'];

export class VerdictInputs1764300017200 implements MigrationInterface {
  name = 'VerdictInputs1764300017200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE verdict_inputs (
        fingerprint text PRIMARY KEY,
        type text,
        value text,
        warninglist text,
        local jsonb NOT NULL DEFAULT '[]',
        partners jsonb NOT NULL DEFAULT '[]'
      )`);
    // Transient bookkeeping of open transactions: nothing in them outlives a commit, so no WAL for them.
    await q.query(
      `CREATE UNLOGGED TABLE verdict_inputs_dirty (txid xid8 NOT NULL, fingerprint text NOT NULL, PRIMARY KEY (txid, fingerprint))`,
    );
    await q.query(`CREATE UNLOGGED TABLE verdict_inputs_pending (txid xid8 PRIMARY KEY)`);
    await q.query(REFRESH);
    await q.query(
      fn(
        'verdict_inputs_flush',
        // Chunks in fingerprint order, so row locks are taken in one global order across chunks too (no deadlock).
        `LOOP
           DECLARE batch text[];
           BEGIN
             WITH d AS (DELETE FROM verdict_inputs_dirty WHERE ctid IN (
                          SELECT ctid FROM verdict_inputs_dirty WHERE txid = NEW.txid ORDER BY fingerprint LIMIT 5000) RETURNING fingerprint)
             SELECT array_agg(fingerprint) INTO batch FROM d;
             EXIT WHEN batch IS NULL;
             PERFORM verdict_inputs_refresh(batch);
           END;
         END LOOP;
         DELETE FROM verdict_inputs_pending WHERE txid = NEW.txid;
         RETURN NULL;`,
      ),
    );
    await q.query(`
      CREATE CONSTRAINT TRIGGER verdict_inputs_flush AFTER INSERT ON verdict_inputs_pending
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION verdict_inputs_flush()`);
    await q.query(fn('verdict_inputs_note_new', NOTE('SELECT DISTINCT fingerprint FROM new_rows')));
    await q.query(fn('verdict_inputs_note_old', NOTE('SELECT DISTINCT fingerprint FROM old_rows')));
    await q.query(fn('verdict_inputs_note_both', NOTE('SELECT fingerprint FROM new_rows UNION SELECT fingerprint FROM old_rows')));
    for (const t of KEYED) {
      await q.query(`CREATE TRIGGER ${t}_vi_ins AFTER INSERT ON ${t} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_inputs_note_new()`);
      await q.query(`CREATE TRIGGER ${t}_vi_upd AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_inputs_note_both()`);
      await q.query(`CREATE TRIGGER ${t}_vi_del AFTER DELETE ON ${t} REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION verdict_inputs_note_old()`);
    }
    // indicators: only what a row shows (type, value, warninglist); last_seen moves with every report and its
    // stats already note it. reports: what counts a report (exclusion, time, jurisdiction, trust), mapped to its values.
    await q.query(fn('verdict_inputs_note_indicators', NOTE('SELECT fingerprint FROM new_rows')));
    await q.query(`CREATE TRIGGER indicators_vi_ins AFTER INSERT ON indicators REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION verdict_inputs_note_indicators()`);
    await q.query(
      fn(
        'verdict_inputs_note_indicator_changes',
        NOTE(`SELECT n.fingerprint FROM new_rows n JOIN old_rows o USING (fingerprint)
               WHERE (n.type, n.value, n.warninglist) IS DISTINCT FROM (o.type, o.value, o.warninglist)`),
      ),
    );
    await q.query(`CREATE TRIGGER indicators_vi_upd AFTER UPDATE ON indicators REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION verdict_inputs_note_indicator_changes()`);
    await q.query(
      fn(
        'verdict_inputs_note_report_changes',
        NOTE(`SELECT DISTINCT ri.fingerprint FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN report_indicators ri ON ri.report_id = n.id
               WHERE (n.excluded_at, n.occurred_at, n.jurisdiction, n.reporter_trust) IS DISTINCT FROM (o.excluded_at, o.occurred_at, o.jurisdiction, o.reporter_trust)`),
      ),
    );
    await q.query(`CREATE TRIGGER reports_vi_upd AFTER UPDATE ON reports REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION verdict_inputs_note_report_changes()`);
    // Backfill: every fingerprint that has evidence or partner data today, in chunks.
    await q.query(`
      DO $$
      DECLARE batch text[];
      BEGIN
        FOR batch IN
          SELECT array_agg(fingerprint) FROM (
            SELECT fingerprint, (row_number() OVER (ORDER BY fingerprint) - 1) / 5000 AS chunk
              FROM (SELECT fingerprint FROM indicators UNION SELECT fingerprint FROM partner_sightings
                    UNION SELECT fingerprint FROM indicator_reporters) a) c
          GROUP BY chunk ORDER BY chunk
        LOOP
          PERFORM verdict_inputs_refresh(batch);
        END LOOP;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of KEYED) for (const s of ['ins', 'upd', 'del']) await q.query(`DROP TRIGGER ${t}_vi_${s} ON ${t}`);
    await q.query(`DROP TRIGGER indicators_vi_ins ON indicators`);
    await q.query(`DROP TRIGGER indicators_vi_upd ON indicators`);
    await q.query(`DROP TRIGGER reports_vi_upd ON reports`);
    for (const f of [
      'verdict_inputs_note_new',
      'verdict_inputs_note_old',
      'verdict_inputs_note_both',
      'verdict_inputs_note_indicators',
      'verdict_inputs_note_indicator_changes',
      'verdict_inputs_note_report_changes',
    ])
      await q.query(`DROP FUNCTION ${f}()`);
    await q.query(`DROP TABLE verdict_inputs_pending`);
    await q.query(`DROP FUNCTION verdict_inputs_flush()`);
    await q.query(`DROP FUNCTION verdict_inputs_refresh(text[])`);
    await q.query(`DROP TABLE verdict_inputs_dirty`);
    await q.query(`DROP TABLE verdict_inputs`);
  }
}
