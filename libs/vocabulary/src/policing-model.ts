import { TRUST_ORDER, type KeyedTrust, type Trust } from './principals';

/**
 * The community-policing model as configured (config/policing.json): read and checked once at start by
 * libs/config, applied by the policing core.
 */
export type Rule =
  | { kind: 'analyst_verdict' }
  | { kind: 'min_reports'; min: number; windowDays: number }
  | { kind: 'min_reporters'; min: number; minTrust: KeyedTrust; windowDays: number };

export interface PolicingModel {
  trustWeights: Record<Trust, number>;
  confidence: { saturation: number; partnerWeight: number; decaySpeed: number; lifetimeDays: Record<string, number> };
  burst: { windowMinutes: number; minAnonymousReports: number };
  jurisdictions: Record<string, { rules: Rule[] }>;
}

const num = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;

function ruleProblem(r: Rule, at: string): string | undefined {
  if (r?.kind === 'analyst_verdict') return undefined;
  if (r?.kind === 'min_reports')
    return num(r.min, 1, 1e6) && num(r.windowDays, 1, 3650) ? undefined : `${at}: min_reports needs min ≥ 1 and windowDays 1–3650`;
  if (r?.kind === 'min_reporters')
    return num(r.min, 1, 1e6) && num(r.windowDays, 1, 3650) && ['low', 'medium', 'high'].includes(r.minTrust)
      ? undefined
      : `${at}: min_reporters needs min ≥ 1, windowDays 1–3650 and minTrust low|medium|high`;
  return `${at}: unknown kind ${JSON.stringify((r as { kind?: unknown })?.kind)}`;
}

/** Parses and checks the policing model; returns the problems as one line each (empty = valid). */
export function parsePolicingModel(raw: unknown): { model?: PolicingModel; problems: string[] } {
  const p: string[] = [];
  const m = raw as Partial<PolicingModel> | null;
  if (!m || typeof m !== 'object') return { problems: ['policing model: not a JSON object'] };
  for (const t of TRUST_ORDER) if (!num(m.trustWeights?.[t], 0, 100)) p.push(`trustWeights.${t}: a number from 0 to 100`);
  if (!num(m.confidence?.saturation, 0.01, 1000)) p.push('confidence.saturation: a number above 0');
  if (!num(m.confidence?.partnerWeight, 0, 1)) p.push('confidence.partnerWeight: a number from 0 to 1');
  if (!num(m.confidence?.decaySpeed, 0.01, 100)) p.push('confidence.decaySpeed: a number above 0');
  for (const [type, days] of Object.entries(m.confidence?.lifetimeDays ?? {}))
    if (!num(days, 1, 36500)) p.push(`confidence.lifetimeDays.${type}: days from 1 to 36500`);
  if (!num(m.burst?.windowMinutes, 1, 1440)) p.push('burst.windowMinutes: minutes from 1 to 1440');
  if (!num(m.burst?.minAnonymousReports, 2, 100000)) p.push('burst.minAnonymousReports: at least 2');
  const jurisdictions = m.jurisdictions ?? {};
  if (!jurisdictions['*']) p.push('jurisdictions["*"]: the fallback rules are required');
  for (const [j, spec] of Object.entries(jurisdictions)) {
    if (j !== '*' && !/^[A-Z]{2}$/.test(j)) p.push(`jurisdictions.${j}: keys are ISO alpha-2 codes or "*"`);
    if (!Array.isArray(spec?.rules)) {
      p.push(`jurisdictions.${j}.rules: a list`);
      continue;
    }
    spec.rules.forEach((r: Rule, i: number) => {
      const problem = ruleProblem(r, `jurisdictions.${j}.rules[${i}]`);
      if (problem) p.push(problem);
    });
  }
  return p.length ? { problems: p } : { model: m as PolicingModel, problems: [] };
}
