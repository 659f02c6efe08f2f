import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { extract, tryNormalize } from '@scamintel/indicators';
import { IndicatorType } from '@scamintel/vocabulary';
import { LookupAnswer, LookupService } from '@scamintel/intel';
import { ADVICE } from '../tokens';
import { Advice, AdviceData, adviceFor } from './advice';
import { isOneValue, Unreadable, unreadableParts } from './unreadable';

/** The longest paste read, as for a report's narrative; the rest is not looked at (and the page says so). */
export const MAX_CHECK_LENGTH = 10_000;
/** Indicators looked up per check: a message holds a handful; a pasted list is cut here (and the page says so). */
export const MAX_CHECK_INDICATORS = 20;

type Verdict = LookupAnswer['verdict'];

export interface CheckedIndicator {
  raw: string;
  type: string;
  value: string;
  verdict: Verdict;
  /** On a warninglist: official, and therefore worth faking. */
  official?: { list: string; label?: string };
  reports: number;
  firstSeen: string | null;
  lastSeen: string | null;
  scamTypes: string[];
  sides: { jurisdiction: string; own: boolean; verdict: Verdict; reports: number; firstSeen: string; lastSeen: string }[];
  /** CONTRACT §11: present once lookup answers with a campaign shared at TLP clear. */
  campaign?: { id: string; reports: number; jurisdictions: string[] };
}

export type Overall = 'scam' | 'suspicious' | 'official' | 'unknown' | 'nothing';

export interface CheckResult {
  query: string;
  truncated: boolean;
  /** More indicators than MAX_CHECK_INDICATORS: the rest were not looked up. */
  more: number;
  indicators: CheckedIndicator[];
  unreadable: Unreadable[];
  overall: Overall;
  advice?: Advice;
}

/** An official short code as the check page shows it: official, never reported (it is no value anyone can report). */
function officialShortCode(raw: string, a: LookupAnswer): CheckedIndicator | undefined {
  if (!a.warninglist) return undefined;
  return {
    raw,
    type: 'phone',
    value: raw,
    verdict: a.verdict,
    official: { list: a.warninglist.name, ...(a.warninglist.label ? { label: a.warninglist.label } : {}) },
    reports: 0,
    firstSeen: null,
    lastSeen: null,
    scamTypes: [],
    sides: [],
  };
}

const SEVERITY: Record<Verdict, number> = { scam: 3, suspicious: 2, unknown: 0, legitimate: 1 };

/**
 * "Is this a scam?" for a whole message: every indicator the normaliser extracts (refanged), each answered by the
 * public lookup (this node's verdict, and each jurisdiction's reports side by side), what could not be read, and
 * what to do here. Reads only through LookupService: the same answer as GET /v1/lookup.
 */
@Injectable()
export class CheckService {
  constructor(
    private readonly lookups: LookupService,
    @Inject(ADVICE) private readonly advice: AdviceData,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async check(input: string): Promise<CheckResult> {
    const query = input.slice(0, MAX_CHECK_LENGTH);
    const region = this.config.jurisdiction;
    const found = extract(query, { region });
    // A value pasted alone needs no context around it; an official short code ("1799") is no phone value, but the
    // lookup answers it as official, which is what a person asking about it needs to hear.
    const alone = query.trim();
    let shortCode: CheckedIndicator | undefined;
    if (!found.length && isOneValue(alone)) {
      const n = tryNormalize(alone, { region });
      if (n.ok) found.push({ ...n.indicator, raw: alone, start: query.indexOf(alone), end: query.indexOf(alone) + alone.length });
      else if (n.code === 'official_short_code') shortCode = officialShortCode(alone, await this.lookups.lookup(alone));
    }
    const taken = found.slice(0, MAX_CHECK_INDICATORS);
    const answers = await Promise.all(taken.map((f) => this.lookups.lookup(f.value, f.type as IndicatorType)));
    const indicators = [...(shortCode ? [shortCode] : []), ...taken.map((f, i) => this.toChecked(f.raw, answers[i]))];
    const worst = indicators.reduce<CheckedIndicator | undefined>(
      (w, c) => (!w || SEVERITY[c.verdict] > SEVERITY[w.verdict] ? c : w),
      undefined,
    );
    const overall: Overall = !worst
      ? 'nothing'
      : worst.verdict === 'scam' || worst.verdict === 'suspicious'
        ? worst.verdict
        : indicators.some((c) => c.official)
          ? 'official'
          : 'unknown';
    const scamTypes = [
      ...new Set(indicators.filter((c) => c.verdict === 'scam' || c.verdict === 'suspicious').flatMap((c) => c.scamTypes)),
    ];
    return {
      query,
      truncated: input.length > MAX_CHECK_LENGTH,
      more: found.length - taken.length,
      indicators,
      unreadable: shortCode ? [] : unreadableParts(query, found, region),
      overall,
      advice: adviceFor(this.advice, region, scamTypes),
    };
  }

  /** What to do here whatever the message: the home page shows it before anything is checked. */
  generalAdvice(): Advice | undefined {
    return adviceFor(this.advice, this.config.jurisdiction, []);
  }

  private toChecked(raw: string, a: LookupAnswer): CheckedIndicator {
    const hit = a.warninglist;
    const campaign = (a as LookupAnswer & { campaign?: CheckedIndicator['campaign'] }).campaign;
    return {
      raw,
      type: a.indicator!.type,
      value: a.indicator!.value,
      verdict: a.verdict,
      ...(hit ? { official: { list: hit.name, ...(hit.label ? { label: hit.label } : {}) } } : {}),
      reports: a.reports,
      firstSeen: a.firstSeen,
      lastSeen: a.lastSeen,
      scamTypes: a.scamTypes,
      sides: a.byJurisdiction.map((s) => ({
        jurisdiction: s.jurisdiction,
        own: s.sourceNode === this.config.nodeId,
        verdict: s.verdict,
        reports: s.reports,
        firstSeen: s.firstSeen,
        lastSeen: s.lastSeen,
      })),
      ...(campaign ? { campaign } : {}),
    };
  }
}
