/**
 * The demo's campaign part (CONTRACT §11): the reports of data/demo/ hold one operation seen in both countries (the
 * Telegram job-scam recruiter, the Korean and Singaporean phones and the wallet). Each node clusters its own reports,
 * the partners exchange co-occurrence links and campaign aggregates, and both nodes show the same cross-border campaign.
 */
type Call = (method: string, url: string, key?: string, body?: unknown) => Promise<{ status: number; body: any }>;
type Until = <T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs?: number) => Promise<T>;
interface DemoNode {
  nodeId: string;
  jurisdiction: string;
  url: string;
  analyst: string;
}

export async function printCampaigns(nodes: DemoNode[], call: Call, until: Until, say: (s?: string) => void): Promise<void> {
  say('\nCross-border campaigns (values seen together in reports of both nodes; aggregates only cross the border):');
  for (const n of nodes) {
    const found = await until(`${n.nodeId}: a cross-border campaign`, async () => {
      const list = await call('GET', `${n.url}/v1/campaigns?crossBorder=true`, n.analyst);
      const first = list.body?.campaigns?.[0];
      if (!first) return undefined;
      const c = (await call('GET', `${n.url}/v1/campaigns/${first.id}`, n.analyst)).body;
      // Wait until the partner's aggregates have arrived too (both currencies of the demo's losses).
      return c.partnerCampaigns?.length ? c : undefined;
    });
    const losses = found.losses.map((l: { currency: string; amount: string }) => `${l.currency} ${l.amount}`).join(', ');
    say(`  ${n.nodeId}: "${found.name}" (${found.id}), ${found.status}`);
    say(
      `    ${found.reports} reports in ${found.jurisdictions.join(' + ')}, losses ${losses || 'none stated'}, ${found.scamTypes.join(', ')}`,
    );
    for (const i of found.indicators as { type: string; value: string; fingerprint: string }[])
      say(`    ${found.hubs.includes(i.fingerprint) ? '(hub) ' : ''}${i.type.padEnd(14)} ${i.value}`);
    for (const p of found.partnerCampaigns as { node: string; name: string; reports: number }[])
      say(`    linked to ${p.node}'s "${p.name}" (${p.reports} of its reports), not duplicated`);
  }
}
