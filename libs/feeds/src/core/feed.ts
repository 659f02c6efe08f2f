import type { IndicatorType, Verdict } from '@scamintel/vocabulary';

/** TLP ranks a reporter key may see in a feed: clear (0) and green (1). */
export const FEED_MAX_TLP_RANK = 1;

export interface Judged {
  fingerprint: string;
  type: IndicatorType;
  value: string;
  verdict: Verdict;
  tlpRank: number;
}

export interface HeldState {
  verdict: string;
  tlpRank: number;
  listed: boolean;
}

/** On the blocklist: a scam verdict here, on a value shared at clear or green. */
export const isListed = (j: Pick<Judged, 'verdict' | 'tlpRank'>) => j.verdict === 'scam' && j.tlpRank <= FEED_MAX_TLP_RANK;

/** What changed for one indicator since its held state: nothing, its verdict (an event), its listing (a feed delta). */
export function compare(held: HeldState | undefined, now: Judged) {
  const listed = isListed(now);
  const verdictChanged = (held?.verdict ?? 'unknown') !== now.verdict;
  return { listed, verdictChanged, changed: !held || verdictChanged || held.listed !== listed || held.tlpRank !== now.tlpRank };
}

export interface FeedRow {
  type: string;
  value: string;
  fingerprint: string;
  listed: boolean;
  changedAt: Date;
}

const CSV_HEADER = 'value,type,fingerprint,status,changed_at';

/**
 * RFC 4180: a field holding a comma, quote, CR or LF is quoted. Values are never altered (no spreadsheet-formula
 * prefix): machines load this feed, and canonical values cannot start with `=` or `@`.
 */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(r: FeedRow): string {
  return `${[csvField(r.value), r.type, r.fingerprint, r.listed ? 'listed' : 'revoked', r.changedAt.toISOString()].join(',')}\r\n`;
}

export const csvHeader = () => `${CSV_HEADER}\r\n`;

/**
 * A plain-text line: the value alone, as firewalls, DNS resolvers and call blockers load lists. A value holding a line
 * break (possible only in odd URLs' canonical forms) would split into two entries, so it is left out of text feeds.
 */
export function txtLine(r: FeedRow): string | undefined {
  return /[\r\n]/.test(r.value) ? undefined : `${r.value}\n`;
}
