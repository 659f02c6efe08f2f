import type { ActionKind, Channel, IndicatorType, ScamType, Tlp, Verdict } from '@scamintel/vocabulary';

export interface PeriodStats {
  reports: number;
  lossByCurrency: Record<string, string /* decimal string */>;
  /**
   * Reports behind each currency's loss. Optional for compatibility; when given, a currency's amount is withheld
   * whenever fewer than minCount reports stand behind it (one report's loss is one person's loss).
   */
  lossReportsByCurrency?: Record<string, number>;
  byScamType: Partial<Record<ScamType, number>>;
  byChannel: Partial<Record<Channel, number>>;
}

export interface WatchCandidate {
  type: string;
  value: string;
  tlp: Tlp;
  verdict: Verdict;
  warninglisted: boolean;
  reports: number;
  jurisdictions: string[];
  scamTypes: ScamType[];
}

export interface BulletinInput {
  jurisdiction: string;
  nodeId: string;
  period: { from: string; to: string }; // ISO dates, [from, to)
  current: PeriodStats;
  previous: PeriodStats;
  weekly: { weekStart: string; byScamType: Partial<Record<ScamType, number>> }[];
  crossBorder: { indicatorsSeenInBoth: number; receivedFromPartner: number; partnerJurisdictions: string[] };
  watch: WatchCandidate[];
  /** Disruption actions requested in the period that were done: per kind, how many and the median request→done time. */
  actions?: { kind: string; done: number; medianSeconds: number }[];
  /**
   * Campaigns (CONTRACT §11) whose reports span more than one jurisdiction and that were active in the period: how
   * many, how many of them first seen in it, and the reports behind them (both nodes', all time). Optional for
   * compatibility: absent is none.
   */
  campaigns?: { active: number; new: number; reports: number };
  generatedAt: string;
}

export interface BulletinConfig {
  minCount: number;
  maskStyle: 'partial' | 'defang';
  maxWatch: number;
}

/** A count withheld because publishing it could single out the few people behind it. */
export interface Suppressed {
  suppressed: true;
  below: number;
}
export type Count = number | Suppressed;

export type Direction = 'up' | 'down' | 'flat' | 'new';

/** A figure compared with the previous period. `percent` is null when previous is 0 (see README). */
export interface Trend {
  current: Count;
  previous: Count;
  delta: number | Suppressed;
  percent: number | null | Suppressed;
  direction: Direction | Suppressed;
}

export interface LossFigure {
  currency: string;
  current: string | Suppressed;
  previous: string | Suppressed;
  delta: string | Suppressed;
  percent: number | null | Suppressed;
  direction: Direction | Suppressed;
}

export interface RisingFigure {
  kind: 'scamType' | 'channel';
  key: ScamType | Channel;
  current: number;
  previous: number;
  delta: number;
  percent: number;
}

export interface WatchFigure {
  type: IndicatorType;
  display: string;
  reports: Count;
  jurisdictions: string[];
  scamTypes: ScamType[];
}

export interface BulletinFigures {
  schema: 'scamintel.bulletin.figures/1';
  jurisdiction: string;
  nodeId: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  generatedAt: string;
  minCount: number;
  risingMinBase: number;
  maskStyle: BulletinConfig['maskStyle'];
  totals: { reports: Trend };
  losses: LossFigure[];
  topScamTypes: (Trend & { scamType: ScamType })[];
  topChannels: (Trend & { channel: Channel })[];
  rising: RisingFigure[];
  crossBorder: { indicatorsSeenInBoth: Count; receivedFromPartner: Count; partnerJurisdictions: string[] };
  watch: WatchFigure[];
  weekly: { scamTypes: ScamType[]; weeks: { weekStart: string; counts: Partial<Record<ScamType, Count>> }[] };
  advice: { scamType: ScamType; key: string }[];
  /** Time to action per kind: a median of fewer than minCount actions is withheld with its count. */
  timeToAction: { kind: ActionKind; done: Count; medianMinutes: number | Suppressed }[];
  /** Cross-border campaigns active in the period: counts only, each withheld below minCount (see figures.ts). */
  crossBorderCampaigns: { active: Count; new: Count; reports: Count };
}
