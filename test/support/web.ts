import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium';
import { call, waitFor } from './node';
import { registerPartner, startTwoNodes, TestNode } from './two-nodes';

/** Two seeded nodes and a browser for the whole test file, started in beforeAll and stopped in afterAll. */
export function useWebNodes(settings: Record<string, string> = {}): { readonly nodes: WebNodes; readonly browser: Browser } {
  const env = {} as { nodes: WebNodes; browser: Browser };
  beforeAll(async () => {
    [env.nodes, env.browser] = await Promise.all([startWebNodes(settings), launchChromium()]);
  }, 180_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.nodes?.close();
  });
  return env;
}

/** A realistic Korean smishing SMS: a phishing link, the bank's real hotline (spoofed) and the scammer's 070 number. */
export const KR_SMS = `[Web발신]
[KB국민은행] 고객님 계좌가 전자금융사기 의심으로 일시 정지되었습니다. 본인인증 후 해제하세요: hxxps://kbstar-secure[.]top/login
고객센터 1588-9999 / 담당자 직통 070-8765-4321`;

/** A Singaporean job-scam Telegram message: the recruiter's handle and WhatsApp, and an official bank hotline named to look safe. */
export const SG_TELEGRAM = `Hello! I'm Jenny from Star Recruitment 😊 Part-time online job: like YouTube videos and earn $300–$800 per day, paid daily! No experience needed. Add our manager on Telegram @easy_task_sg or WhatsApp wa.me/6581234567 to start. Salary is paid by bank transfer; for questions call our payroll partner's hotline 1800 111 1111. Offer ends 30/11/2026.`;

const ALL_TYPES = ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'];
const POLICY = { maxTlp: 'amber', types: ALL_TYPES, minConfidence: 0, pseudonymise: [], shareNarrative: false };
const daysAgo = (n: number) => new Date(Date.now() - n * 86400_000).toISOString();

export interface WebNodes {
  sg: TestNode;
  kr: TestNode;
  keys: {
    sg: Record<'analyst' | 'reporter' | 'partner' | 'bank' | 'telco' | 'platform', string>;
    kr: Record<'analyst' | 'telco' | 'app' | 'bank', string>;
  };
  bulletinId: string;
  close(): Promise<void>;
}

async function key(node: TestNode, body: Record<string, unknown>): Promise<string> {
  const r = await call(`${node.url}/v1/admin/keys`, { key: node.adminKey, body });
  if (r.status !== 201) throw new Error(`key: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.key as string;
}

async function submit(node: TestNode, k: string | undefined, body: Record<string, unknown>): Promise<string> {
  const r = await call(`${node.url}/v1/reports`, { key: k, body: { occurredAt: daysAgo(2), tlp: 'green', ...body } });
  if (r.status !== 202) throw new Error(`report: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export const allProcessed = (node: TestNode) =>
  waitFor(async () => (await node.sql.query(`SELECT count(*)::int AS n FROM reports WHERE status = 'received'`)).rows[0].n === 0, 30000);

/** Waits until the push from one node to the other has passed every indicator it holds. */
const synced = (from: TestNode, to: TestNode) =>
  waitFor(async () => {
    const { rows } = await from.sql.query(
      `SELECT c.after_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM indicators i WHERE (i.updated_at, i.fingerprint) > (c.after_at, c.after_fingerprint)) AS done
         FROM exchange_cursors c WHERE c.partner_node_id = $1`,
      [to.nodeId],
    );
    return rows[0]?.done === true;
  }, 30000);

/**
 * Two nodes with the data the pages are tested on: the SG job scam (three medium-trust organisations: a scam under
 * SG rules), the KR smishing link and 070 number (three reports each: a scam under KR rules), the SG number also
 * reported in Korea (a partner sighting on SG after the sync), a red report (withheld), an appeal and a published
 * bulletin on SG.
 */
export async function startWebNodes(settings: Record<string, string> = {}): Promise<WebNodes> {
  const { sg, kr, close } = await startTwoNodes(settings);
  const keys = {
    sg: {
      analyst: await key(sg, { role: 'analyst', organisation: 'SPF Anti-Scam Centre', trust: 'high' }),
      reporter: await key(sg, { role: 'reporter', organisation: 'Example Telco', trust: 'medium' }),
      partner: await key(sg, { role: 'partner', organisation: 'KR partner', partnerNodeId: 'kr-knpa' }),
      bank: await key(sg, { role: 'reporter', organisation: 'Example Bank', trust: 'medium' }),
      telco: await key(sg, { role: 'reporter', organisation: 'Second Telco', trust: 'medium' }),
      platform: await key(sg, { role: 'reporter', organisation: 'Marketplace', trust: 'medium' }),
    },
    kr: {
      analyst: await key(kr, { role: 'analyst', organisation: 'KNPA 사이버수사', trust: 'high' }),
      telco: await key(kr, { role: 'reporter', organisation: 'Telco KR', trust: 'medium' }),
      app: await key(kr, { role: 'reporter', organisation: 'App KR', trust: 'low' }),
      bank: await key(kr, { role: 'reporter', organisation: 'Bank KR', trust: 'high' }),
    },
  };
  const job = {
    scamType: 'job',
    channel: 'telegram',
    narrative: 'Recruiter on Telegram paid small commissions first, then asked for deposits to unlock tasks.',
    indicators: [{ value: 'telegram:@easy_task_sg' }, { value: '+65 8123 4567' }],
  };
  for (const k of [keys.sg.reporter, keys.sg.bank, keys.sg.telco]) await submit(sg, k, job);
  await submit(sg, keys.sg.platform, {
    scamType: 'phishing',
    channel: 'sms',
    indicators: [{ value: 'hxxps://dbs-secure-login[.]top/verify' }],
  });
  await submit(sg, keys.sg.bank, { scamType: 'investment', channel: 'call', tlp: 'red', indicators: [{ value: '+65 9000 1234' }] });
  const smishing = {
    scamType: 'phishing',
    channel: 'sms',
    narrative: '[국민은행] 고객님 계좌가 정지되었습니다. 본인인증 하세요.',
    indicators: [{ value: 'hxxps://kbstar-secure[.]top/login' }, { value: '070-8765-4321' }],
  };
  for (const k of [keys.kr.telco, keys.kr.app, keys.kr.bank]) await submit(kr, k, smishing);
  await submit(kr, keys.kr.telco, { scamType: 'job', channel: 'telegram', indicators: [{ value: '+65 8123 4567' }] });
  await allProcessed(sg);
  await allProcessed(kr);

  const pseudonymKey = 'sg-kr-web-test-bilateral-key-2026';
  await registerPartner(sg, kr, POLICY, pseudonymKey);
  await registerPartner(kr, sg, POLICY, pseudonymKey);
  for (const [from, to] of [
    [sg, kr],
    [kr, sg],
  ] as const) {
    const r = await call(`${from.url}/v1/admin/partners/${to.nodeId}/sync`, { key: from.adminKey, method: 'POST' });
    if (r.status !== 202) throw new Error(`sync: ${r.status}`);
    await synced(from, to);
  }

  await call(`${sg.url}/v1/appeals`, {
    body: { value: '+65 6123 9876', contact: 'owner@example.sg', reason: 'This is the number of my bakery, not a scammer.' },
  });
  const day = (n: number) => new Date(Date.now() - n * 86400_000).toISOString().slice(0, 10);
  const b = await call(`${sg.url}/v1/bulletins`, { key: keys.sg.analyst, body: { from: day(7), to: day(0), languages: ['en', 'ko'] } });
  if (b.status !== 202) throw new Error(`bulletin: ${b.status} ${JSON.stringify(b.body)}`);
  const bulletinId = b.body.id as string;
  await waitFor(
    async () => (await sg.sql.query(`SELECT status FROM bulletins WHERE id = $1`, [bulletinId])).rows[0]?.status === 'ready',
    30000,
  );
  const published = await call(`${sg.url}/v1/bulletins/${bulletinId}/publish`, { key: keys.sg.analyst, method: 'POST' });
  if (published.status !== 200) throw new Error(`publish: ${published.status}`);
  return { sg, kr, keys, bulletinId, close };
}

/** A context that records every request leaving for another origin. */
export async function openContext(
  browser: Browser,
  opts: BrowserContextOptions & { origin: string },
): Promise<{ context: BrowserContext; foreign: string[] }> {
  const { origin, ...options } = opts;
  const context = await browser.newContext(options);
  const foreign: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:')) foreign.push(url);
  });
  return { context, foreign };
}

export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page (WCAG 2.x A/AA rules and best practices). */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<any> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return (result.violations as any[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => n.target.join(' ')) }));
}

/**
 * Opens each page at one width as the signed-in holder of `cookies` and lists what is wrong: no CSP, horizontal
 * scroll, serious axe violations, requests to another origin, plus whatever `check` finds on the loaded page.
 * axe runs as a script the page's own CSP would refuse, so it gets a second context that bypasses CSP.
 */
export async function sweepPages(
  browser: Browser,
  opts: {
    origin: string;
    width: number;
    cookies: Parameters<BrowserContext['addCookies']>[0];
    pages: readonly (readonly string[])[];
    check?: (page: Page, path: string, status: number) => Promise<string[]>;
  },
): Promise<{ problems: string[]; foreign: string[] }> {
  const viewport = { width: opts.width, height: 900 };
  const { context, foreign } = await openContext(browser, { viewport, origin: opts.origin });
  const { context: axeContext } = await openContext(browser, { viewport, bypassCSP: true, origin: opts.origin });
  const problems: string[] = [];
  try {
    await context.addCookies(opts.cookies);
    await axeContext.addCookies(opts.cookies);
    const page = await context.newPage();
    const axePage = await axeContext.newPage();
    for (const [name, path] of opts.pages) {
      const res = await page.goto(`${opts.origin}${path}`, { waitUntil: 'load' });
      if (!res!.headers()['content-security-policy']?.includes("default-src 'none'")) problems.push(`${name}: no CSP`);
      const overflow = await horizontalOverflow(page);
      if (overflow > 0) problems.push(`${name}: ${overflow}px of horizontal scroll`);
      for (const p of (await opts.check?.(page, path, res!.status())) ?? []) problems.push(`${name}: ${p}`);
      await axePage.goto(`${opts.origin}${path}`, { waitUntil: 'load' });
      for (const v of await seriousViolations(axePage))
        problems.push(`${name}: axe ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(', ')}`);
    }
  } finally {
    await context.close();
    await axeContext.close();
  }
  return { problems, foreign };
}

/** Signs in through the form; returns when the queue is shown. */
export async function signIn(page: Page, base: string, key: string): Promise<void> {
  await page.goto(`${base}/console/sign-in`);
  await page.fill('#key', key);
  await Promise.all([page.waitForURL(/\/console\/queue/), page.click('form.sign-in button[type=submit]')]);
}
