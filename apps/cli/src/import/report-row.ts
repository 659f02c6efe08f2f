import { plainToInstance } from 'class-transformer';
import { ValidationError, isIn, isISO8601, isString, matches, maxLength, minLength, validateSync } from 'class-validator';
import { tryNormalize } from '@scamintel/indicators';
import { ReportDto } from '@scamintel/intake';
import { CHANNELS, INDICATOR_TYPES, LOSS_AMOUNT, SCAM_TYPES, TLPS, IndicatorType, isActiveCurrency } from '@scamintel/vocabulary';

/** Reports dated this far in the future are refused, as by the API (ReportsService). */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

/** The report fields an import row can carry; any of them may be absent (empty). */
export interface ReportFields {
  occurredAt?: string;
  scamType?: string;
  channel?: string;
  jurisdiction?: string;
  indicatorType?: string;
  indicatorValue?: string;
  lossAmount?: string;
  lossCurrency?: string;
  tlp?: string;
  externalRef?: string;
  narrative?: string;
}

export type RowOutcome = { ok: true; report: ReportDto } | { ok: false; error: string };

export interface RowOptions {
  /** Also refuse rows whose indicator does not normalise (the API accepts them and marks the indicator rejected). */
  strict?: boolean;
  /** Default region for --strict phone checks: the row's jurisdiction, else this (the node's). */
  defaultRegion: string;
  now?: number;
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  const out: string[] = [];
  for (const e of errors) {
    const path = !parent ? e.property : /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    for (const m of Object.values(e.constraints ?? {})) out.push(`${path}: ${m}`);
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

const blank = (v: string | undefined): v is undefined => v === undefined || v.trim() === '';

const opt = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);

/**
 * The constraints of ReportDto (and its LossDto and IndicatorInputDto) for the bodies an import row can
 * produce, checked with class-validator's own functions — the same semantics, without class-transformer and
 * the metadata walk, which together cost ~100 µs a row (10k rows/s; the database takes 50k+). A row that
 * fails here goes through the real DTO validation for the API's messages. report-row.spec.ts keeps the two in
 * step: it fails when ReportDto's constraints change, and compares both paths on generated rows.
 */
export function passesReportDto(b: Record<string, unknown>): boolean {
  if (!isIn(b.scamType, SCAM_TYPES as unknown as string[]) || !isIn(b.channel, CHANNELS as unknown as string[])) return false;
  if (!isString(b.occurredAt) || !isISO8601(b.occurredAt, { strict: true })) return false;
  if (!opt(b.jurisdiction, (v) => matches(v as string, /^[A-Z]{2}$/))) return false;
  if (!opt(b.tlp, (v) => isIn(v, TLPS as unknown as string[]))) return false;
  if (!opt(b.narrative, (v) => isString(v) && maxLength(v, 10_000))) return false;
  if (!opt(b.externalRef, (v) => isString(v) && maxLength(v, 200))) return false;
  const loss = b.loss as { amount?: unknown; currency?: unknown } | null | undefined;
  if (
    loss !== undefined &&
    !(matches(loss?.amount as string, LOSS_AMOUNT) && typeof loss?.currency === 'string' && isActiveCurrency(loss.currency))
  )
    return false;
  if (!Array.isArray(b.indicators) || b.indicators.length > 50) return false;
  for (const i of b.indicators) {
    if (!opt(i.type, (v) => isIn(v, INDICATOR_TYPES as unknown as string[]))) return false;
    if (!isString(i.value) || !minLength(i.value, 1) || !maxLength(i.value, 2048)) return false;
  }
  return true;
}

/**
 * One import row → the report body the API would accept, validated with the API's DTO rules plus the rules
 * ReportsService adds. Errors name the report field in the API's terms, so the message is the same whichever
 * way the report came in.
 */
export function toReport(f: ReportFields, opts: RowOptions): RowOutcome {
  const problems: string[] = [];
  const body: Record<string, unknown> = {
    scamType: f.scamType?.trim(),
    channel: f.channel?.trim(),
    occurredAt: f.occurredAt?.trim(),
    indicators: [],
  };
  if (!blank(f.jurisdiction)) body.jurisdiction = f.jurisdiction.trim();
  if (!blank(f.tlp)) body.tlp = f.tlp.trim();
  if (!blank(f.externalRef)) body.externalRef = f.externalRef.trim();
  if (!blank(f.narrative)) body.narrative = f.narrative;
  if (!blank(f.lossAmount) || !blank(f.lossCurrency)) {
    if (blank(f.lossAmount) || blank(f.lossCurrency)) problems.push('loss: loss_amount and loss_currency go together');
    else body.loss = { amount: f.lossAmount.trim(), currency: f.lossCurrency.trim() };
  }
  if (!blank(f.indicatorValue)) {
    body.indicators = [{ ...(blank(f.indicatorType) ? {} : { type: f.indicatorType.trim() }), value: f.indicatorValue.trim() }];
  } else if (!blank(f.indicatorType)) {
    problems.push('indicators[0].value: indicator_type given without indicator_value');
  }
  if (problems.length) return { ok: false, error: problems.join('; ') };
  return checkReport(body, opts);
}

/** Validates a report body (from a CSV row or a STIX object) as the API would. */
export function checkReport(body: Record<string, unknown>, opts: RowOptions): RowOutcome {
  const problems: string[] = [];
  // Should the fast check ever be stricter than the DTO, the DTO decides (no problems: the row passes).
  if (!passesReportDto(body))
    problems.push(...flatten(validateSync(plainToInstance(ReportDto, body), { whitelist: true, forbidNonWhitelisted: true })));
  const dto = body as unknown as ReportDto;
  if (!problems.length) {
    if (dto.indicators.length === 0 && !(dto.narrative && dto.narrative.trim()))
      problems.push('indicators: a report needs an indicator_value or a narrative');
    if (Date.parse(dto.occurredAt) > (opts.now ?? Date.now()) + MAX_FUTURE_MS) problems.push('occurredAt: occurredAt is in the future');
    if (opts.strict && dto.indicators.length) {
      const i = dto.indicators[0];
      const n = tryNormalize(i.value, { type: i.type as IndicatorType | undefined, region: dto.jurisdiction ?? opts.defaultRegion });
      if (!n.ok) problems.push(`indicators[0].value: ${n.reason} (${n.code})`);
    }
  }
  return problems.length ? { ok: false, error: problems.join('; ') } : { ok: true, report: dto };
}
