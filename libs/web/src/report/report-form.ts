import { CHANNELS, SCAM_TYPES, isActiveCurrency } from '@scamintel/vocabulary';
import { tryNormalize } from '@scamintel/indicators';
import { field } from '../http/html-route';

/** Currencies offered on the form, the node's own first; any other ISO 4217 code still goes through the API. */
export const FORM_CURRENCIES = ['SGD', 'KRW', 'USD', 'EUR', 'MYR', 'CNY', 'HKD', 'JPY', 'THB', 'PHP', 'IDR', 'VND', 'AUD', 'GBP'];
const NODE_CURRENCY: Record<string, string> = { SG: 'SGD', KR: 'KRW' };
export const currencyOf = (jurisdiction: string) => NODE_CURRENCY[jurisdiction] ?? 'USD';

const MAX_INDICATORS = 50;
const MAX_NARRATIVE = 10_000;
const MAX_VALUE = 2048;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const AMOUNT = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/;

export interface ReportFormValues {
  scamType: string;
  channel: string;
  occurredOn: string;
  narrative: string;
  indicators: string;
  lossAmount: string;
  lossCurrency: string;
}

/** One problem of the form, as a message key (report.error.<code>) with its parameters, tied to a field. */
export interface FormProblem {
  field: keyof ReportFormValues;
  code: string;
  params?: Record<string, string | number>;
}

export function readReportForm(body: unknown, jurisdiction: string): ReportFormValues {
  const get = (name: string) => field(body, name) ?? '';
  return {
    scamType: get('scamType'),
    channel: get('channel'),
    occurredOn: get('occurredOn'),
    narrative: get('narrative'),
    indicators: get('indicators'),
    lossAmount: get('lossAmount'),
    lossCurrency: get('lossCurrency') || currencyOf(jurisdiction),
  };
}

/** Midnight-free: noon in the node's time zone, so the day stays the day whatever offset later reads it. */
function noonIn(day: string, timeZone: string): string {
  const probe = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(probe)
    .find((p) => p.type === 'timeZoneName')!.value;
  const offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
  return `${day}T12:00:00${offset}`;
}

function today(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The form as the body of `POST /v1/reports` (CONTRACT §6), or the problems a person can fix. Stricter than the
 * API in one way: a line of the values box that is no indicator is pointed out now, instead of being accepted and
 * marked rejected later, because the person is still there to correct it.
 */
export function toReportBody(
  v: ReportFormValues,
  ctx: { region: string; timeZone: string; now?: Date },
): { body?: Record<string, unknown>; problems: FormProblem[] } {
  const problems: FormProblem[] = [];
  if (!(SCAM_TYPES as readonly string[]).includes(v.scamType)) problems.push({ field: 'scamType', code: 'scamType' });
  if (!(CHANNELS as readonly string[]).includes(v.channel)) problems.push({ field: 'channel', code: 'channel' });

  const m = DAY.exec(v.occurredOn);
  const valid = m && !Number.isNaN(Date.parse(v.occurredOn)) && new Date(`${v.occurredOn}T00:00:00Z`).getUTCDate() === Number(m[3]);
  if (!valid) problems.push({ field: 'occurredOn', code: 'date' });
  else if (v.occurredOn > today(ctx.timeZone, ctx.now ?? new Date())) problems.push({ field: 'occurredOn', code: 'future' });
  else if (v.occurredOn < '2000-01-01') problems.push({ field: 'occurredOn', code: 'date' });

  const narrative = v.narrative.trim();
  if (narrative.length > MAX_NARRATIVE) problems.push({ field: 'narrative', code: 'narrativeTooLong', params: { max: MAX_NARRATIVE } });

  const lines = v.indicators
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_INDICATORS) problems.push({ field: 'indicators', code: 'tooMany', params: { max: MAX_INDICATORS } });
  lines.forEach((line, i) => {
    if (line.length > MAX_VALUE) problems.push({ field: 'indicators', code: 'valueTooLong', params: { line: i + 1 } });
    else if (!tryNormalize(line, { region: ctx.region }).ok)
      problems.push({ field: 'indicators', code: 'unreadable', params: { line: i + 1, value: line } });
  });
  if (!lines.length && !narrative) problems.push({ field: 'indicators', code: 'needSomething' });

  const amount = v.lossAmount.replace(/[,\s]/g, '');
  let loss: { amount: string; currency: string } | undefined;
  if (amount) {
    if (!AMOUNT.test(amount) || Number(amount) <= 0) problems.push({ field: 'lossAmount', code: 'amount' });
    else if (!isActiveCurrency(v.lossCurrency)) problems.push({ field: 'lossCurrency', code: 'currency' });
    else loss = { amount, currency: v.lossCurrency };
  }
  if (problems.length) return { problems };
  return {
    problems,
    body: {
      scamType: v.scamType,
      channel: v.channel,
      occurredAt: noonIn(v.occurredOn, ctx.timeZone),
      ...(narrative ? { narrative } : {}),
      indicators: lines.map((value) => ({ value })),
      ...(loss ? { loss } : {}),
    },
  };
}
