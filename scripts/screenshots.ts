/**
 * npm run screenshots — starts the demo (`npm run demo -- --serve`: an SG and a KR node with the synthetic data,
 * synced), photographs the pages in headless Chromium into docs/screenshots/, and stops the demo:
 *   check-en-mobile.png / check-ko-mobile.png   the SG and KR sample messages checked, at 375 px
 *   home-en-mobile.png / home-ko-mobile.png     the empty check page of each node, at 375 px
 *   report-en-mobile.png                         the report form, at 375 px
 *   console-queue.png (first screen), console-indicator.png, console-exchange.png   the SG console, at 1200 px
 *   console-campaigns.png, console-campaign.png  the SG campaign list and the cross-border campaign, at 1200 px
 *   console-campaign-ko-mobile.png               the same operation on the KR console, at 375 px
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './chromium';
import { sampleMessage } from './demo-support';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const say = (s: string) => process.stdout.write(`${s}\n`);

interface DemoNode {
  nodeId: string;
  url: string;
  analyst: string;
}

/** Runs the demo with --serve and resolves with both nodes once it says they stay up. */
function startDemo(): Promise<{ child: ChildProcess; nodes: DemoNode[] }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/scripts/demo.js'), '--serve'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const nodes: DemoNode[] = [];
    let serving = false;
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('the demo did not come up within 10 minutes')), 600_000);
    child.on('exit', (code) => reject(new Error(`the demo exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('--serve')) serving = true;
        const m = /^ {2}(\S+): (http\S+) {2}admin key \S+ {2}analyst key (\S+)$/.exec(line);
        if (serving && m) nodes.push({ nodeId: m[1], url: m[2], analyst: m[3] });
        if (nodes.length === 2) {
          clearTimeout(timer);
          resolve({ child, nodes });
        }
      }
    });
  });
}

async function shoot(
  browser: Browser,
  url: string,
  file: string,
  width: number,
  locale: string,
  signInKey?: string,
  fullPage = true,
): Promise<void> {
  const context = await browser.newContext({ viewport: { width, height: width < 600 ? 812 : 900 }, locale, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    if (signInKey) {
      await page.goto(`${new URL(url).origin}/console/sign-in`);
      await page.fill('#key', signInKey);
      await Promise.all([page.waitForURL(/\/console\//), page.click('form.sign-in button[type=submit]')]);
    }
    const res = await page.goto(url, { waitUntil: 'load' });
    if (!res || res.status() >= 400) throw new Error(`${url} answered ${res?.status()}`);
    await page.screenshot({ path: path.join(OUT, file), fullPage });
    say(`  docs/screenshots/${file}  (${width} px, ${url.length > 90 ? `${url.slice(0, 90)}…` : url})`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  say('starting the demo (both nodes, synthetic data)…');
  const { child, nodes } = await startDemo();
  const browser = await launchChromium();
  try {
    const [sg, kr] = nodes;
    const check = (n: DemoNode, j: string, lang: string) => `${n.url}/check?lang=${lang}&q=${encodeURIComponent(sampleMessage(j)!)}`;
    say('screenshots:');
    await shoot(browser, check(sg, 'SG', 'en'), 'check-en-mobile.png', 375, 'en-SG');
    await shoot(browser, check(kr, 'KR', 'ko'), 'check-ko-mobile.png', 375, 'ko-KR');
    await shoot(browser, `${sg.url}/?lang=en`, 'home-en-mobile.png', 375, 'en-SG');
    await shoot(browser, `${kr.url}/?lang=ko`, 'home-ko-mobile.png', 375, 'ko-KR');
    await shoot(browser, `${sg.url}/report?lang=en`, 'report-en-mobile.png', 375, 'en-SG');
    const lookup = await (await fetch(`${sg.url}/v1/lookup?q=${encodeURIComponent('+65 8123 4567')}`)).json();
    // The queue is long: its first screen shows what an analyst sees on arrival.
    await shoot(browser, `${sg.url}/console/queue?lang=en`, 'console-queue.png', 1200, 'en-SG', sg.analyst, false);
    await shoot(
      browser,
      `${sg.url}/console/indicators/${lookup.indicator.fingerprint}?lang=en`,
      'console-indicator.png',
      1200,
      'en-SG',
      sg.analyst,
    );
    await shoot(browser, `${sg.url}/console/exchange?lang=en`, 'console-exchange.png', 1200, 'en-SG', sg.analyst);
    const crossBorder = async (n: DemoNode) =>
      (await (await fetch(`${n.url}/v1/campaigns?crossBorder=true`, { headers: { authorization: `Bearer ${n.analyst}` } })).json())
        .campaigns[0].id as string;
    await shoot(browser, `${sg.url}/console/campaigns?lang=en`, 'console-campaigns.png', 1200, 'en-SG', sg.analyst);
    await shoot(browser, `${sg.url}/console/campaigns/${await crossBorder(sg)}?lang=en`, 'console-campaign.png', 1200, 'en-SG', sg.analyst);
    await shoot(
      browser,
      `${kr.url}/console/campaigns/${await crossBorder(kr)}?lang=ko`,
      'console-campaign-ko-mobile.png',
      375,
      'ko-KR',
      kr.analyst,
    );
  } finally {
    await browser.close();
    child.removeAllListeners('exit');
    child.kill('SIGINT');
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`screenshots failed: ${(err as Error).message}\n`);
    process.exit(1);
  },
);
