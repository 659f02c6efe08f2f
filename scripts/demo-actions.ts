/**
 * The demo's disruption-action part (CONTRACT §12): Korea asks Singapore to freeze a Singapore account over the signed
 * exchange channel, Singapore's analyst accepts, the bank acknowledges and completes, Korea sees it done; and the
 * bank's webhook receiver gets the events, signed per Standard Webhooks and verified with its reference library.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

type Call = (method: string, url: string, key?: string, body?: unknown) => Promise<{ status: number; body: any }>;
type Until = <T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs?: number) => Promise<T>;
interface DemoNode {
  nodeId: string;
  url: string;
  admin: string;
  analyst: string;
}

/** A value from the synthetic SG reports: a POSB account (bank code 7171, shared with DBS). */
const ACCOUNT = 'POSB 123-45678-9';

export async function demoActions(sg: DemoNode, kr: DemoNode, call: Call, until: Until, say: (s?: string) => void): Promise<void> {
  say('\nDisruption actions across the border (signed like the exchange; both sides audited):');
  const bank = await call('POST', `${sg.url}/v1/admin/keys`, sg.admin, {
    role: 'reporter',
    organisation: 'DBS Bank (synthetic)',
    trust: 'high',
    sector: 'bank',
    bankCodes: ['7171'],
    jurisdiction: 'SG',
  });
  if (bank.status !== 201) throw new Error(`bank key: ${bank.status} ${JSON.stringify(bank.body)}`);
  const bankKey = bank.body.key as string;

  // The bank's own webhook receiver (on this machine: WEBHOOK_ALLOW_PRIVATE=true for the demo only).
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  try {
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/scamintel`;
    const sub = await call('POST', `${sg.url}/v1/subscriptions`, bankKey, { url: hook, events: ['action.assigned', 'action.updated'] });
    if (sub.status !== 201) throw new Error(`subscription: ${sub.status} ${JSON.stringify(sub.body)}`);
    say(`  DBS Bank (synthetic) subscribed ${hook} to action events (secret ${String(sub.body.secret).slice(0, 12)}…, shown once)`);

    const asked = await call('POST', `${kr.url}/v1/actions`, kr.analyst, {
      kind: 'freeze_account',
      value: ACCOUNT,
      reason: 'Korean victims were told to pay into this account (synthetic case)',
      caseRef: 'KR-DEMO-0001',
      partner: sg.nodeId,
    });
    if (asked.status !== 201) throw new Error(`request: ${asked.status} ${JSON.stringify(asked.body)}`);
    say(`  ${kr.nodeId} asks ${sg.nodeId} to freeze ${asked.body.indicator.value} (action ${asked.body.id})`);
    const inbound = await until('the request at SG', async () =>
      (await call('GET', `${sg.url}/v1/actions?state=requested`, sg.analyst)).body.actions?.find((a: any) => a.from === kr.nodeId),
    );
    say(`  ${sg.nodeId} received it from ${inbound.from}: state ${inbound.state}, no assignee yet`);
    const accepted = await call('POST', `${sg.url}/v1/actions/${inbound.id}/accept`, sg.analyst, {});
    say(
      `  ${sg.nodeId} analyst accepts: routed by bank code 7171 to ${accepted.body.assignee}, acknowledgement due ${accepted.body.ackDueAt}`,
    );
    for (const [to, note] of [
      ['acknowledged', 'received, checking the account'],
      ['done', 'account frozen (synthetic)'],
    ])
      say(
        `  the bank: ${(await call('POST', `${sg.url}/v1/actions/${inbound.id}/transition`, bankKey, { to, note })).body.state} (${note})`,
      );
    const seen = await until('done at KR', async () => {
      const r = (await call('GET', `${kr.url}/v1/actions/${asked.body.id}`, kr.analyst)).body;
      return r.state === 'done' && r;
    });
    say(`  ${kr.nodeId} sees: ${seen.history.map((h: any) => `${h.to} (${h.actor})`).join(' → ')}`);

    await until('webhook deliveries', async () => received.length >= 3);
    const wh = new Webhook(sub.body.secret);
    for (const r of received) {
      const event = wh.verify(r.body, r.headers as Record<string, string>) as { type: string; data: { state: string } };
      say(
        `  webhook ${r.headers['webhook-id']}: ${event.type} (${event.data.state}), signature verified with the Standard Webhooks library`,
      );
    }
  } finally {
    await new Promise<void>((r) => receiver.close(() => r()));
  }
}
