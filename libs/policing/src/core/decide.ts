import { atLeastTrust, type PolicingModel, type Rule } from '@scamintel/vocabulary';
import { Decision, Evidence, ReporterEvidence } from './model';

const DAY = 86_400_000;

/**
 * Anonymous reporters whose first reports of a value arrived in a burst (≥ N within the window) are set aside:
 * such bursts are how a value gets brigaded. They are flagged for an analyst instead of raising the verdict.
 */
export function burstReporters(reporters: ReporterEvidence[], model: PolicingModel): Set<ReporterEvidence> {
  const anon = reporters.filter((r) => r.trust === 'anonymous').sort((a, b) => a.firstReceived.getTime() - b.firstReceived.getTime());
  const windowMs = model.burst.windowMinutes * 60_000;
  const out = new Set<ReporterEvidence>();
  let start = 0;
  for (let end = 0; end < anon.length; end++) {
    while (anon[end].firstReceived.getTime() - anon[start].firstReceived.getTime() > windowMs) start++;
    if (end - start + 1 >= model.burst.minAnonymousReports) for (let k = start; k <= end; k++) out.add(anon[k]);
  }
  return out;
}

/**
 * MISP's polynomial decay: score = base × (1 − (t/τ)^(1/δ)), t the age since last seen, τ the type's lifetime,
 * δ the decay speed; 0 once t ≥ τ.
 */
export function decayed(base: number, ageDays: number, lifetimeDays: number, speed: number): number {
  if (ageDays <= 0) return base;
  if (ageDays >= lifetimeDays) return 0;
  return base * (1 - Math.pow(ageDays / lifetimeDays, 1 / speed));
}

/**
 * Confidence 0–100. Each distinct reporter adds its trust weight once, however often it repeats itself (the
 * abuse cap); the sum saturates at `saturation`. An analyst's verdict sets the base to 100 (scam) or 0
 * (legitimate). Partner verdicts add evidence with a weight below one but never decide the local verdict.
 */
export function confidenceOf(e: Evidence, counted: ReporterEvidence[], model: PolicingModel, now: Date): number {
  if (e.warninglisted || e.analystVerdict?.verdict === 'legitimate') return 0;
  let base: number;
  if (e.analystVerdict?.verdict === 'scam') base = 1;
  else base = Math.min(1, counted.reduce((s, r) => s + model.trustWeights[r.trust], 0) / model.confidence.saturation);
  for (const p of e.partner ?? []) {
    if (p.verdict === 'legitimate') continue;
    base = 1 - (1 - base) * (1 - (model.confidence.partnerWeight * Math.max(0, Math.min(100, p.confidence))) / 100);
  }
  const lifetime = model.confidence.lifetimeDays[e.type] ?? 90;
  const last =
    e.analystVerdict?.verdict === 'scam' ? new Date(Math.max(e.analystVerdict.at.getTime(), e.lastSeen?.getTime() ?? 0)) : e.lastSeen;
  const age = last ? (now.getTime() - last.getTime()) / DAY : 0;
  return Math.round(decayed(base * 100, age, lifetime, model.confidence.decaySpeed));
}

function ruleFires(rule: Rule, e: Evidence, counted: ReporterEvidence[], burst: Set<ReporterEvidence>, now: Date): string | undefined {
  switch (rule.kind) {
    case 'analyst_verdict':
      return undefined; // decided before the count rules, see decide()
    case 'min_reports': {
      const w = e.reportsInWindow[rule.windowDays] ?? { total: 0, keyed: 0 };
      const since = now.getTime() - rule.windowDays * DAY;
      const held = [...burst].filter((r) => r.lastSeen.getTime() >= since).reduce((s, r) => s + r.reports, 0);
      const total = w.total - held;
      // Anonymous reports count towards the threshold but can never make a scam alone.
      if (total >= rule.min && w.keyed > 0) return `${total} reports in ${rule.windowDays} days (threshold ${rule.min})`;
      return undefined;
    }
    case 'min_reporters': {
      const since = now.getTime() - rule.windowDays * DAY;
      const n = counted.filter(
        (r) => r.trust !== 'anonymous' && atLeastTrust(r.trust, rule.minTrust) && r.lastSeen.getTime() >= since,
      ).length;
      if (n >= rule.min)
        return `${n} independent reporter(s) of trust ${rule.minTrust} or above in ${rule.windowDays} days (threshold ${rule.min})`;
      return undefined;
    }
  }
}

const ruleName = (r: Rule) =>
  r.kind === 'min_reporters'
    ? `min_reporters(${r.min},${r.minTrust})`
    : r.kind === 'min_reports'
      ? `min_reports(${r.min},${r.windowDays}d)`
      : r.kind;

/** The verdict of one jurisdiction's rules for one indicator, with the rule that fired and why. */
export function decide(e: Evidence, jurisdiction: string, model: PolicingModel, now: Date = new Date()): Decision {
  const rules = (model.jurisdictions[jurisdiction] ?? model.jurisdictions['*'])?.rules ?? [];
  const burst = burstReporters(e.reporters, model);
  const counted = e.reporters.filter((r) => !burst.has(r));
  const flags = burst.size ? ['anonymous_burst'] : [];
  const confidence = confidenceOf(e, counted, model, now);
  if (e.warninglisted)
    return {
      verdict: 'legitimate',
      rule: 'warninglist',
      reason: 'on a list of known-legitimate values; never a scam verdict',
      confidence: 0,
      flags,
    };
  const uses = (k: Rule['kind']) => rules.some((r) => r.kind === k);
  if (e.analystVerdict && uses('analyst_verdict')) {
    const v = e.analystVerdict.verdict;
    return {
      verdict: v,
      rule: 'analyst_verdict',
      reason: `an analyst ${v === 'scam' ? 'confirmed it as a scam' : 'marked it legitimate'}${e.analystVerdict.note ? `: ${e.analystVerdict.note}` : ''}`,
      confidence,
      flags,
    };
  }
  for (const rule of rules) {
    const why = ruleFires(rule, e, counted, burst, now);
    if (why) return { verdict: 'scam', rule: ruleName(rule), reason: why, confidence, flags };
  }
  const reports = e.reporters.reduce((s, r) => s + r.reports, 0);
  if (reports > 0) {
    const held = burst.size ? `; ${burst.size} anonymous report(s) arrived in a burst and await review` : '';
    return {
      verdict: 'suspicious',
      rule: 'reported',
      reason: `${reports} report(s) from ${e.reporters.length} reporter(s), below every scam rule of ${jurisdiction}${held}`,
      confidence,
      flags,
    };
  }
  return { verdict: 'unknown', rule: 'no_reports', reason: `no reports in ${jurisdiction}`, confidence, flags };
}

/** Every window length the rules of any jurisdiction use, so one query can fetch them all. */
export function windowsOf(model: PolicingModel): number[] {
  const s = new Set<number>();
  for (const j of Object.values(model.jurisdictions)) for (const r of j.rules) if (r.kind !== 'analyst_verdict') s.add(r.windowDays);
  return [...s].sort((a, b) => a - b);
}
