import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { NodeKeyService, toCandidate, ExportRepository, ExportRow, OutboundService, PageEvidence } from '@scamintel/exchange';
import {
  CUSTOM_SCO_EXT,
  ExchangeIndicator,
  NodeIdentity,
  SCAMINTEL_PROPERTIES_EXT,
  StixMappingError,
  StixObject,
  applyOutboundPolicy,
  extensionDefinitions,
  tlpMarkingDefinition,
  toStixBundle,
} from '@scamintel/exchange-core';
import { TaxiiCollection } from './collections.service';
import { FeedPosition, RowPosition, START, decodeCursor, encodeCursor } from './cursor';
import { mayMatch, withheldWhatever } from './feed-match';
import { TaxiiObjectIndex } from './object-index';
import { Listed, ObjectFilters, filterKey, isStixId, matches } from './filters';
import { formatMicros, parseMicros } from './timestamps';
import { IndicatorType, TLPS, tlpAllowed } from '@scamintel/vocabulary';

/** One object of a collection with its TAXII bookkeeping. */
export interface FeedEntry {
  object: StixObject;
  /** date_added (microseconds since the epoch). */
  dateAdded: bigint;
  /** version: the object's `modified`, else `created`, else date_added (TAXII 2.1 §3.6, manifest `version`). */
  version: bigint;
  /** The same as written: the object's own timestamp text, or date_added in TAXII form. */
  versionText: string;
}

export interface FeedPage {
  entries: FeedEntry[];
  more: boolean;
  /** Present when `more`: pass it back as `next` with the same filters. */
  next?: string;
}

/**
 * date_added of a collection's fixed objects (sender and scamintel identities, extension definitions, TLP
 * markings): the epoch, so they come first in date_added order, before any indicator, and a client polling
 * with `added_after` gets them once.
 */
export const FIXED_DATE_ADDED = 0n;
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 2000;
/** Rows judged per request at most; a collection whose policy withholds most rows answers in steps (`more`). */
export const MAX_ROWS_SCANNED = 20_000;
const MIN_CHUNK = 20;
const MAX_CHUNK = 1000;

/** Indicator types whose clear value is one of the custom SCOs (observables.ts), to pick extension definitions. */
const CUSTOM_SCO_OF: Partial<Record<IndicatorType, keyof typeof CUSTOM_SCO_EXT>> = {
  phone: 'phone-number',
  bank_account: 'bank-account',
  crypto_wallet: 'cryptocurrency-wallet',
};

const listed = (e: FeedEntry): Listed => ({
  id: e.object.id,
  type: e.object.type,
  specVersion: e.object.spec_version,
  dateAdded: e.dateAdded,
  version: e.version,
});

function entryOf(object: StixObject, dateAdded: bigint): FeedEntry {
  const own = typeof object.modified === 'string' ? object.modified : typeof object.created === 'string' ? object.created : undefined;
  const version = own !== undefined ? parseMicros(own) : undefined;
  return version !== undefined
    ? { object, dateAdded, version, versionText: own! }
    : { object, dateAdded, version: dateAdded, versionText: formatMicros(dateAdded) };
}

const samePosition = (a: RowPosition, b: RowPosition) => a.fingerprint === b.fingerprint && parseMicros(a.at) === parseMicros(b.at);

type RowsPosition = Extract<FeedPosition, { phase: 'rows' }>;

/** Where the indicator rows start for these filters: right after `added_after` (updated_at ≥ it + 1 µs). */
export function rowsStart(f: ObjectFilters): RowsPosition {
  return { phase: 'rows', after: f.addedAfter === undefined ? null : { at: formatMicros(f.addedAfter + 1n), fingerprint: '' } };
}

/**
 * The content of a collection: exactly what the exchange sends the collection's audience, object by object.
 *
 * Rows come from the exchange's ExportRepository (this node's own indicators in `(updated_at, fingerprint)`
 * order, below the visibility horizon, never partner data), their evidence from OutboundService.evidence (this
 * node's verdicts, and narratives only under `shareNarrative` and only from reports the audience may read), each
 * is judged by the exchange's `toCandidate` + `applyOutboundPolicy` under the audience's policy and pseudonym key,
 * and mapped by `toStixBundle`. So TLP red and amber+strict, anything above `maxTlp`, partner data and reporter
 * data never appear, pseudonymised types appear as pseudonyms, and the objects are identical to the pushed ones.
 *
 * `date_added` of an indicator's objects is its `updated_at` (microseconds): a change re-adds them with the
 * new time and a new `version` (= `modified`). The order is stable, so paging by object is exact.
 */
@Injectable()
export class TaxiiFeed {
  private readonly logger = new Logger(TaxiiFeed.name);

  constructor(
    private readonly exports: ExportRepository,
    private readonly outbound: OutboundService,
    private readonly node: NodeKeyService,
    private readonly objectIndex: TaxiiObjectIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The objects every record of this collection refers to, in a fixed order. */
  fixed(c: TaxiiCollection): FeedEntry[] {
    const policy = c.audience.policy;
    const identities = toStixBundle([], this.node.stixSender(), { includeExtensionDefinitions: false }).objects.filter(
      (o) => o.type === 'identity',
    );
    const scoTypes = new Set<string>();
    for (const t of policy.types) {
      if (policy.pseudonymise.includes(t)) {
        if (c.audience.pseudonymKey) scoTypes.add('scamintel-pseudonym');
      } else if (CUSTOM_SCO_OF[t]) scoTypes.add(CUSTOM_SCO_OF[t]!);
    }
    const definitions = extensionDefinitions().filter(
      (d) => d.id === SCAMINTEL_PROPERTIES_EXT || Object.entries(CUSTOM_SCO_EXT).some(([type, id]) => id === d.id && scoTypes.has(type)),
    );
    const markings = TLPS.filter((t) => tlpAllowed(t, policy.maxTlp)).map(tlpMarkingDefinition);
    return [...identities, ...definitions, ...markings].map((o) => entryOf(o, FIXED_DATE_ADDED));
  }

  /** One page of the collection: at most `limit` objects matching `filters`, after the position in `next`. */
  async page(c: TaxiiCollection, filters: ObjectFilters, next: string | undefined, limit: number): Promise<FeedPage> {
    const key = filterKey(filters);
    let position = next ? decodeCursor(next, c.id, key) : START;
    // One more than asked for, so `more` is exact: it is true only when another object does follow.
    const want = limit + 1;
    const kept: { entry: FeedEntry; next: FeedPosition }[] = [];
    const sink = (entry: FeedEntry, after: FeedPosition) => kept.push({ entry, next: after });

    if (position.phase === 'fixed') {
      const fixed = this.fixed(c);
      for (let i = position.index; i < fixed.length && kept.length < want; i++) {
        if (matches(listed(fixed[i]), filters))
          sink(fixed[i], i + 1 < fixed.length ? { phase: 'fixed', index: i + 1 } : rowsStart(filters));
      }
      position = rowsStart(filters);
    }
    let stoppedAt: FeedPosition | undefined;
    if (kept.length < want) {
      const scan = await this.scan(c, filters, position, want - kept.length, sink, MAX_ROWS_SCANNED);
      if (!scan.exhausted && kept.length < want) stoppedAt = scan.end;
    }
    const entries = kept.slice(0, limit).map((k) => k.entry);
    const cursor = (p: FeedPosition) => encodeCursor({ collection: c.id, filters: key, position: p });
    if (kept.length > limit) return { entries, more: true, next: cursor(kept[limit - 1].next) };
    if (stoppedAt) return { entries, more: true, next: cursor(stoppedAt) };
    return { entries, more: false };
  }

  /** Every version of one object in the collection (here: one); undefined when the collection does not hold it. */
  async find(c: TaxiiCollection, objectId: string): Promise<FeedEntry[] | undefined> {
    if (!isStixId(objectId)) return undefined;
    const byId: ObjectFilters = { ids: new Set([objectId]) };
    const fixed = this.fixed(c).filter((e) => matches(listed(e), byId));
    if (fixed.length) return fixed;
    const sender = this.node.stixSender();
    const horizon = await this.exports.horizon();
    // An index lookup finds the candidates (usually one); each is checked against the collection like any row.
    for (const fp of await this.objectIndex.holders(c, objectId, horizon)) {
      const row = await this.objectIndex.position(fp, horizon);
      if (!row || !mayMatch(row, c, byId, sender)) continue;
      // A page of one from the position just before the row is the row, read like any other.
      const [full] = await this.exports.page(row.before, horizon, 1, this.config.jurisdiction);
      if (!full || full.fingerprint !== fp) continue;
      const [entries] = await this.judge(c, [full], byId, horizon);
      if (entries.length) return entries;
    }
    return undefined;
  }

  /**
   * Walks rows from `from`, handing each matching object to `sink` with the position right after it, until
   * `need` objects went out, the rows run out (`exhausted`), or `cap` rows were judged.
   */
  private async scan(
    c: TaxiiCollection,
    filters: ObjectFilters,
    from: RowsPosition,
    need: number,
    sink: (e: FeedEntry, after: FeedPosition) => void,
    cap: number,
  ): Promise<{ exhausted: boolean; end: FeedPosition }> {
    const horizon = await this.exports.horizon();
    let after = from.after;
    let partial = from.partial;
    let scanned = 0;
    let delivered = 0;
    let chunk = Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.ceil(need / 3) + 1));
    for (;;) {
      const rows = await this.exports.page(after, horizon, chunk, this.config.jurisdiction);
      if (!rows.length) return { exhausted: true, end: { phase: 'rows', after } };
      const judged = await this.judge(c, rows, filters, horizon);
      let prev = after;
      for (let i = 0; i < rows.length; i++) {
        const here: RowPosition = { at: rows[i].cursorAt, fingerprint: rows[i].fingerprint };
        const objects = judged[i];
        const skip = i === 0 && partial && samePosition(partial, here) ? partial.delivered : 0;
        for (let k = skip; k < objects.length; k++) {
          const next: FeedPosition =
            k + 1 < objects.length
              ? { phase: 'rows', after: prev, partial: { ...here, delivered: k + 1 } }
              : { phase: 'rows', after: here };
          sink(objects[k], next);
          if (++delivered >= need) return { exhausted: false, end: next };
        }
        prev = here;
      }
      partial = undefined;
      after = prev;
      scanned += rows.length;
      if (rows.length < chunk) return { exhausted: true, end: { phase: 'rows', after } };
      if (scanned >= cap) return { exhausted: false, end: { phase: 'rows', after } };
      chunk = Math.min(chunk * 2, MAX_CHUNK);
    }
  }

  /** The matching objects of each row, in record order (SCO, indicator, sighting); [] for a row withheld. */
  private async judge(c: TaxiiCollection, rows: ExportRow[], filters: ObjectFilters, horizon: string): Promise<FeedEntry[][]> {
    const { policy } = c.audience;
    const key = c.audience.pseudonymKey ?? undefined;
    const sender = this.node.stixSender();
    const wanted = rows.map((r) => mayMatch(r, c, filters, sender) && !withheldWhatever(r, policy, key));
    const toJudge = rows.filter((r, i) => wanted[i]);
    const evidence: PageEvidence = toJudge.length
      ? await this.outbound.evidence(c.audience, { from: null, rows: toJudge, limit: toJudge.length, horizon })
      : { decisions: new Map() };
    return rows.map((row, i) => {
      if (!wanted[i]) return [];
      const candidate = toCandidate(row, evidence.decisions.get(row.fingerprint), evidence.narratives?.get(row.fingerprint));
      if (!candidate) return [];
      const { send } = applyOutboundPolicy([candidate], policy, key);
      if (!send.length) return [];
      const dateAdded = parseMicros(row.cursorAt)!;
      return this.recordObjects(send[0], sender)
        .map((o) => entryOf(o, dateAdded))
        .filter((e) => matches(listed(e), filters));
    });
  }

  /** The SCO, indicator and sighting of one record, exactly as toStixBundle writes them for the push. */
  private recordObjects(ind: ExchangeIndicator, sender: NodeIdentity): StixObject[] {
    try {
      // The bundle itself is dropped, so its id (a digest over every object version) is not computed.
      return toStixBundle([ind], sender, {
        includeExtensionDefinitions: false,
        bundleId: 'bundle--00000000-0000-5000-8000-000000000000',
      }).objects.filter((o) => o.type !== 'identity' && o.type !== 'marking-definition');
    } catch (err) {
      if (!(err instanceof StixMappingError)) throw err;
      this.logger.warn(`record left out of the TAXII feed: ${err.message}`);
      return [];
    }
  }
}
