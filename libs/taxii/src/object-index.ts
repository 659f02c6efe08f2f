import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { NodeKeyService } from '@scamintel/exchange';
import { identityId, indicatorId, observableOf, pseudonym, sightingId, stixUnrepresentable } from '@scamintel/exchange-core';
import { fingerprint, isIndicatorType } from '@scamintel/vocabulary';
import { TaxiiCollection } from './collections.service';
import { IdRow, IdScanRepository } from './id-scan.repository';
import { ObjectIdRow, ObjectIdsRepository } from './object-ids.repository';

const CHUNK = 2000;

/** Where a collection's ids live: plain ids, and pseudonymised ones under its partner's key. */
interface Scope {
  scope: string;
  key?: string;
}

/**
 * Finds the indicator behind a STIX object id with an index lookup (taxii_object_ids) instead of walking the
 * indicators and hashing each. Before looking, a scope indexes what it has not seen yet, from its mark onwards in
 * the export order: the first lookup of a scope indexes every indicator once, later ones only those added or
 * changed since (a changed indicator keeps its ids; re-indexing it writes nothing).
 */
@Injectable()
export class TaxiiObjectIndex {
  constructor(
    private readonly ids: ObjectIdsRepository,
    private readonly idScan: IdScanRepository,
    private readonly node: NodeKeyService,
  ) {}

  /** The fingerprints whose objects may carry this id in collection `c`; the caller checks each against `c`. */
  async holders(c: TaxiiCollection, objectId: string, horizon: string): Promise<string[]> {
    const scopes = scopesOf(c);
    for (const s of scopes) await this.catchUp(s, horizon);
    return this.ids.holders(
      objectId,
      scopes.map((s) => s.scope),
    );
  }

  position(fp: string, horizon: string) {
    return this.ids.position(fp, horizon);
  }

  private async catchUp(s: Scope, horizon: string): Promise<void> {
    let after = await this.ids.mark(s.scope);
    for (;;) {
      const rows = await this.idScan.after(after, horizon, CHUNK);
      if (!rows.length) return;
      const last = rows[rows.length - 1];
      after = { at: last.at, fingerprint: last.fingerprint };
      await this.ids.save(
        s.scope,
        rows.flatMap((r) => this.objectIds(r, s)),
        after,
      );
      if (rows.length < CHUNK) return;
    }
  }

  /** The SCO, indicator and sighting ids of one indicator in a scope, as the feed's objects carry them. */
  private objectIds(row: IdRow, s: Scope): ObjectIdRow[] {
    if (!isIndicatorType(row.type)) return [];
    const pseudonymised = s.key !== undefined;
    const value = pseudonymised ? pseudonym(s.key!, row.value) : row.value;
    if (stixUnrepresentable({ type: row.type, value, pseudonymised })) return [];
    const nodeId = this.node.stixSender().nodeId;
    const indicator = indicatorId(pseudonymised ? fingerprint(row.type, value) : row.fingerprint, nodeId);
    const out = [observableOf({ type: row.type, value, pseudonymised }).sco.id, indicator, sightingId(indicator, identityId(nodeId))];
    return out.map((objectId) => ({ objectId, scope: s.scope, fingerprint: row.fingerprint }));
  }
}

function scopesOf(c: TaxiiCollection): Scope[] {
  const key = c.audience.pseudonymKey;
  if (!key || !c.audience.policy.pseudonymise.length) return [{ scope: '' }];
  return [{ scope: '' }, { scope: `k:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`, key }];
}
