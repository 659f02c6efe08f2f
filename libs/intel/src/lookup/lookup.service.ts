import { Inject, Injectable, OnModuleInit, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { type NormalizedIndicator, type NormalizeResult, tryNormalize, warninglistHit } from '@scamintel/indicators';
import { VerdictService } from '@scamintel/policing';
import { type AnswerPiece, answerOf, answerTail } from './answer-bytes';
import { LookupAnswer, listEntry, partnerEntry, rejectedAnswer } from './lookup-answer';
import { LookupRepository } from './lookup.repository';
import { matchingPartners, partnerFingerprints } from './partner-match';
import { sightingTotals } from './sighting-totals';
import { AnswerCache } from './answer-cache';
import { VerdictChanges } from '@scamintel/platform';
import { IndicatorType } from '@scamintel/vocabulary';

/** Reporter counts in lookups and details cover this window; verdict rules choose their own. */
const RECENT_DAYS = 90;

/** One value to look up; `problem` answers it in place without a lookup (the caller found the item malformed). */
export interface LookupItem {
  q: string;
  type?: IndicatorType;
  region?: string;
  problem?: { code: string; reason: string };
}

@Injectable()
export class LookupService implements OnModuleInit {
  private partnerKeys?: { at: number; keys: Promise<{ nodeId: string; pseudonymKey: string }[]> };
  /** Answers by fingerprint, serialised without their query (answer-bytes.ts). */
  private readonly cache: AnswerCache<Buffer>;

  constructor(
    private readonly repo: LookupRepository,
    private readonly verdicts: VerdictService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly changes?: VerdictChanges,
  ) {
    // Without the broadcast (a process that does not load it) nothing would drop a changed answer: no cache.
    this.cache = new AnswerCache(changes ? config.lookupCache.ttlMs : 0, config.lookupCache.maxEntries);
  }

  onModuleInit(): void {
    if (this.cache.enabled) this.changes?.listen((answers) => this.cache.invalidate(answers));
  }

  /** The pseudonym keys of partners, cached like API keys (a changed key applies within KEY_CACHE_TTL_MS). */
  private pseudonymKeys(): Promise<{ nodeId: string; pseudonymKey: string }[]> {
    const now = Date.now();
    if (!this.partnerKeys || now - this.partnerKeys.at > this.config.keyCacheTtlMs)
      this.partnerKeys = { at: now, keys: this.repo.partnerPseudonymKeys() };
    return this.partnerKeys.keys;
  }

  /** Stored warninglist, stats, partner records and verdict evidence of many values in one read. */
  private async readMany(values: { type: string; value: string; fingerprint: string }[]) {
    const keys = values.length ? await this.pseudonymKeys() : [];
    const expected = values.map((v) => partnerFingerprints(keys, v.type, v.value));
    const partnerFps = new Set<string>(values.map((v) => v.fingerprint));
    for (const set of expected) for (const e of set) partnerFps.add(e.split('\u0000')[1]);
    const snap = await this.repo.snapshots(
      [...new Set(values.map((v) => v.fingerprint))],
      RECENT_DAYS,
      [...partnerFps],
      this.verdicts.windows,
      'warninglisted',
    );
    return values.map((v, i) => ({
      warninglist: snap.warninglists.get(v.fingerprint) ?? null,
      stats: snap.stats.get(v.fingerprint) ?? [],
      partners: matchingPartners(snap.partners, expected[i], v.type, v.fingerprint),
      evidence: snap.evidence,
      campaigns: snap.campaigns,
    }));
  }

  /** "Is this a scam?" for the public: counts and verdicts only, never who reported. */
  async lookup(q: string, type?: IndicatorType, region?: string): Promise<LookupAnswer> {
    return (await this.lookupMany([{ q, type, region }]))[0];
  }

  /**
   * Lookup answers for many values, in order, from one database round trip for those not in the answer cache. An
   * item that is no indicator, or was already refused by the caller (`problem`), is answered in place with
   * `rejected`. A given `now` (a verdict as of another time) bypasses the cache.
   */
  async lookupMany(items: LookupItem[], at?: Date): Promise<LookupAnswer[]> {
    return (await this.pieces(items, at)).map(answerOf);
  }

  /** lookupMany's answers as bytes to send (GET /v1/lookup, POST /v1/check): answer-bytes.ts. */
  async pieces(items: LookupItem[], at?: Date): Promise<AnswerPiece[]> {
    const now = at ?? new Date();
    const normalized = items.map((it): NormalizeResult | { ok: false; code: string; reason: string } =>
      it.problem ? { ok: false, ...it.problem } : tryNormalize(it.q, { type: it.type, region: it.region ?? this.config.jurisdiction }),
    );
    const found = new Map<string, Buffer>();
    const missing = new Map<string, NormalizedIndicator>();
    for (const n of normalized) {
      if (!n.ok || found.has(n.indicator.fingerprint)) continue;
      const hit = at ? undefined : this.cache.get(n.indicator.fingerprint);
      if (hit) found.set(n.indicator.fingerprint, hit);
      else missing.set(n.indicator.fingerprint, n.indicator);
    }
    if (missing.size) {
      const token = this.cache.begin();
      const list = [...missing.values()];
      const reads = await this.readMany(list);
      list.forEach((ind, i) => {
        const { query: _q, ...answer } = this.answer('', ind, reads[i], now);
        const tail = answerTail(answer);
        found.set(ind.fingerprint, tail);
        if (!at) this.cache.store(token, ind.fingerprint, tail);
      });
    }
    return normalized.map((n, i) =>
      n.ok ? { query: items[i].q, tail: found.get(n.indicator.fingerprint)! } : { whole: this.rejected(items[i], n.code, n.reason) },
    );
  }

  private rejected(it: LookupItem, code: string, reason: string): LookupAnswer {
    // An official short code (999, 112, 1332…) is no phone value, but it is on a warninglist: official (CONTRACT §6).
    const official =
      code === 'official_short_code' ? warninglistHit(it.q, { type: it.type, region: it.region ?? this.config.jurisdiction }) : null;
    return rejectedAnswer(it.q, this.config.jurisdiction, code, reason, official);
  }

  private answer(
    q: string,
    ind: NormalizedIndicator,
    read: Awaited<ReturnType<LookupService['readMany']>>[number],
    now: Date,
  ): LookupAnswer {
    const { fingerprint, type: t, value } = ind;
    const { stats, partners } = read;
    // The lists as loaded now decide, so an official value nobody reported is still answered as official.
    const listed = warninglistHit(ind);
    const subject = { fingerprint, type: t, warninglisted: Boolean(listed ?? read.warninglist) };
    const here = this.config.jurisdiction;
    // Partner verdicts weigh into our confidence only (libs/policing); they never decide our verdict.
    const partnerEvidence = partners.map((p) => ({ verdict: p.verdict, confidence: p.confidence }));
    const decisions = this.verdicts.decideAcrossWith(
      partnerEvidence.length ? { ...subject, partner: partnerEvidence } : subject,
      read.evidence,
      [...new Set([here, ...stats.map((s) => s.jurisdiction)])],
      now,
    );
    const local = decisions.get(here)!;
    return {
      query: q,
      indicator: { type: t, value, fingerprint },
      verdict: local.verdict,
      confidence: local.confidence,
      ...sightingTotals(stats, partners),
      explanation: { jurisdiction: here, rule: local.rule, reason: local.reason },
      byJurisdiction: stats
        .map((s) => {
          const d = decisions.get(s.jurisdiction)!;
          return {
            jurisdiction: s.jurisdiction,
            sourceNode: this.config.nodeId,
            verdict: d.verdict,
            confidence: d.confidence,
            reports: s.reports,
            firstSeen: s.firstSeen.toISOString(),
            lastSeen: s.lastSeen.toISOString(),
            rule: d.rule,
            reason: d.reason,
          };
        })
        .concat(partners.map((p) => partnerEntry(p))),
      ...(local.flags.length ? { flags: local.flags } : {}),
      ...(listed ? { warninglist: listEntry(listed) } : {}),
      ...(read.campaigns.has(fingerprint) ? { campaign: read.campaigns.get(fingerprint)! } : {}),
    };
  }

  async detail(fingerprint: string) {
    const record = await this.repo.indicator(fingerprint);
    if (!record) return undefined;
    const [[{ stats, partners, evidence }], reportIds] = await Promise.all([
      this.readMany([{ type: record.type, value: record.value, fingerprint }]),
      this.repo.reportIds(fingerprint, 1000),
    ]);
    const subject = { fingerprint, type: record.type, warninglisted: Boolean(record.warninglist) };
    const decisions = this.verdicts.decideAcrossWith(
      subject,
      evidence,
      stats.map((s) => s.jurisdiction),
    );
    return {
      fingerprint,
      type: record.type,
      value: record.value,
      attributes: record.attributes,
      warninglist: record.warninglist,
      firstSeen: record.firstSeen,
      lastSeen: record.lastSeen,
      sightings: stats
        .map(
          (s) =>
            ({
              jurisdiction: s.jurisdiction,
              sourceNode: this.config.nodeId,
              reports: s.reports,
              reporters: s.reporters,
              recentReporters: s.recentReporters,
              firstSeen: s.firstSeen,
              lastSeen: s.lastSeen,
              scamTypes: s.scamTypes,
              channels: s.channels,
              losses: s.losses,
              verdict: decisions.get(s.jurisdiction),
            }) as Record<string, unknown>,
        )
        .concat(
          partners.map((p) => ({
            jurisdiction: p.jurisdiction,
            sourceNode: p.sourceNode,
            reports: p.sightings,
            reporters: p.reporters,
            firstSeen: p.firstSeen,
            lastSeen: p.lastSeen,
            scamTypes: p.scamTypes,
            tlp: p.tlp,
            pseudonymised: p.pseudonymised,
            receivedAt: p.receivedAt,
            ...(p.formerPartner ? { formerPartner: true } : {}),
            verdict: { verdict: p.verdict, confidence: p.confidence, rule: 'partner', reason: partnerEntry(p).reason, flags: [] },
          })),
        ),
      reportIds,
    };
  }

  /**
   * This node's verdict on each stored indicator of the list (one batch read, no partner evidence: the verdict is
   * ours alone), with the most permissive TLP of its reports here. For the blocklist feed and verdict events.
   */
  async verdictsOf(fingerprints: string[], now = new Date()) {
    const snap = await this.repo.snapshots(fingerprints, RECENT_DAYS, [], this.verdicts.windows);
    const here = this.config.jurisdiction;
    return [...snap.indicators.values()].map((r) => {
      const stats = snap.stats.get(r.fingerprint) ?? [];
      const d = this.verdicts
        .decideAcrossWith({ fingerprint: r.fingerprint, type: r.type, warninglisted: Boolean(r.warninglist) }, snap.evidence, [here], now)
        .get(here)!;
      return {
        fingerprint: r.fingerprint,
        type: r.type as IndicatorType,
        value: r.value,
        verdict: d.verdict,
        tlpRank: stats.find((s) => s.jurisdiction === here)?.tlpRank ?? Math.min(4, ...stats.map((s) => s.tlpRank)),
      };
    });
  }

  /** The stored indicator of a fingerprint (type, canonical value), or undefined. */
  indicator(fingerprint: string) {
    return this.repo.indicator(fingerprint);
  }

  list(f: Parameters<LookupRepository['list']>[0]) {
    return this.repo.list(f);
  }
}
