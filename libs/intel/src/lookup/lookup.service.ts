import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { IndicatorType, tryNormalize } from '@scamintel/indicators';
import { Decision, VerdictService } from '@scamintel/policing';
import { LookupRepository } from './lookup.repository';

type Verdict = Decision['verdict'];
/** Reporter counts in lookups and details cover this window; verdict rules choose their own. */
const RECENT_DAYS = 90;

export interface LookupAnswer {
  query: string;
  indicator: { type: string; value: string; fingerprint: string } | null;
  verdict: Verdict;
  reports: number;
  firstSeen: string | null;
  lastSeen: string | null;
  jurisdictions: string[];
  scamTypes: string[];
  confidence: number;
  explanation: { jurisdiction: string; rule: string; reason: string };
  byJurisdiction: { jurisdiction: string; sourceNode: string; verdict: Verdict; confidence: number; reports: number; firstSeen: string; lastSeen: string; rule: string; reason: string }[];
  flags?: string[];
  rejected?: { code: string; reason: string };
}

const sortedKeys = (o: Record<string, number>) => Object.entries(o).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);

@Injectable()
export class LookupService {
  constructor(
    private readonly repo: LookupRepository,
    private readonly verdicts: VerdictService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** "Is this a scam?" for the public: counts and verdicts only, never who reported. */
  async lookup(q: string, type?: IndicatorType, region?: string): Promise<LookupAnswer> {
    const n = tryNormalize(q, { type, region: region ?? this.config.jurisdiction });
    if (!n.ok) {
      return { query: q, indicator: null, verdict: 'unknown', confidence: 0, reports: 0, firstSeen: null, lastSeen: null, jurisdictions: [], scamTypes: [], byJurisdiction: [], explanation: { jurisdiction: this.config.jurisdiction, rule: 'not_an_indicator', reason: n.reason }, rejected: { code: n.code, reason: n.reason } };
    }
    const { fingerprint, type: t, value } = n.indicator;
    const [record, stats] = await Promise.all([this.repo.indicator(fingerprint), this.repo.stats(fingerprint, RECENT_DAYS)]);
    const subject = { fingerprint, type: t, warninglisted: Boolean(record?.warninglist) };
    const here = this.config.jurisdiction;
    const decisions = new Map<string, Decision>();
    for (const j of new Set([here, ...stats.map((s) => s.jurisdiction)])) decisions.set(j, await this.verdicts.decideOne(subject, j));
    const local = decisions.get(here)!;
    const scamTypes: Record<string, number> = {};
    for (const s of stats) for (const [k, v] of Object.entries(s.scamTypes)) scamTypes[k] = (scamTypes[k] ?? 0) + v;
    const first = stats.reduce<Date | null>((m, s) => (!m || s.firstSeen < m ? s.firstSeen : m), null);
    const last = stats.reduce<Date | null>((m, s) => (!m || s.lastSeen > m ? s.lastSeen : m), null);
    return {
      query: q,
      indicator: { type: t, value, fingerprint },
      verdict: local.verdict,
      confidence: local.confidence,
      reports: stats.reduce((a, s) => a + s.reports, 0),
      firstSeen: first?.toISOString() ?? null,
      lastSeen: last?.toISOString() ?? null,
      jurisdictions: stats.map((s) => s.jurisdiction),
      scamTypes: sortedKeys(scamTypes),
      explanation: { jurisdiction: here, rule: local.rule, reason: local.reason },
      byJurisdiction: stats.map((s) => {
        const d = decisions.get(s.jurisdiction)!;
        return { jurisdiction: s.jurisdiction, sourceNode: this.config.nodeId, verdict: d.verdict, confidence: d.confidence, reports: s.reports, firstSeen: s.firstSeen.toISOString(), lastSeen: s.lastSeen.toISOString(), rule: d.rule, reason: d.reason };
      }),
      ...(local.flags.length ? { flags: local.flags } : {}),
    };
  }

  async detail(fingerprint: string) {
    const record = await this.repo.indicator(fingerprint);
    if (!record) return undefined;
    const [stats, reportIds] = await Promise.all([this.repo.stats(fingerprint, RECENT_DAYS), this.repo.reportIds(fingerprint, 1000)]);
    const subject = { fingerprint, type: record.type, warninglisted: Boolean(record.warninglist) };
    const decisions = new Map<string, Decision>();
    for (const s of stats) decisions.set(s.jurisdiction, await this.verdicts.decideOne(subject, s.jurisdiction));
    return {
      fingerprint,
      type: record.type,
      value: record.value,
      attributes: record.attributes,
      warninglist: record.warninglist,
      firstSeen: record.firstSeen,
      lastSeen: record.lastSeen,
      sightings: stats.map((s) => ({
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
      })),
      reportIds,
    };
  }

  list(f: Parameters<LookupRepository['list']>[0]) {
    return this.repo.list(f);
  }
}
