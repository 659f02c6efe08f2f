/** What a campaign's status is: `closed` when an analyst closed it, else `dormant` after the quiet period, else `active`. */
export type CampaignStatus = 'active' | 'dormant' | 'closed';
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['active', 'dormant', 'closed'];

export function campaignStatus(closed: boolean, lastSeen: Date | null, now: Date, dormantDays: number): CampaignStatus {
  if (closed) return 'closed';
  if (!lastSeen || now.getTime() - lastSeen.getTime() > dormantDays * 86_400_000) return 'dormant';
  return 'active';
}

/**
 * Adds decimal amounts exactly (strings in, string out): losses are money, and a float would turn
 * 0.10 + 0.20 into 0.30000000000000004. Scale is the larger of the two inputs'.
 */
export function addDecimal(x: string, y: string): string {
  const [xi, xf = ''] = x.split('.');
  const [yi, yf = ''] = y.split('.');
  const scale = Math.max(xf.length, yf.length);
  const total = BigInt(xi + xf.padEnd(scale, '0')) + BigInt(yi + yf.padEnd(scale, '0'));
  if (!scale) return total.toString();
  const digits = total.toString().padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** Losses per currency, summed exactly, sorted by currency. */
export function sumLosses(parts: Iterable<{ currency: string; amount: string }>): { currency: string; amount: string }[] {
  const by = new Map<string, string>();
  for (const p of parts) by.set(p.currency, by.has(p.currency) ? addDecimal(by.get(p.currency)!, p.amount) : p.amount);
  return [...by].sort(([a], [b]) => (a < b ? -1 : 1)).map(([currency, amount]) => ({ currency, amount }));
}

/** The name a campaign shows until an analyst names it: its main scam type and the first characters of its id. */
export function defaultName(id: string, scamTypes: string[]): string {
  const kind = scamTypes[0] ? `${scamTypes[0].replace(/_/g, ' ')} ` : '';
  return `${kind}campaign ${id.slice(0, 8)}`;
}
