import type { BrowserContext, Page } from 'playwright-core';
import { call, waitFor } from './support/node';
import { allProcessed, openContext, signIn, sweepPages, useWebNodes } from './support/web';

/**
 * The console's campaign pages (CONTRACT §11, §13): the list with each campaign's record, one campaign's graph drawn
 * as SVG on the server with the same values in a table, and the analyst's changes — audited through the campaigns
 * service — with JavaScript off, in English and Korean, at phone and desktop width, without serious axe violations.
 */
describe('web console: campaigns', () => {
  // Clustering is off on the shared two-node set-up (most suites do not need it); these pages do.
  const env = useWebNodes({ CAMPAIGNS_ENABLED: 'true', CAMPAIGN_INTERVAL_MS: '300' });
  let analyst: { context: BrowserContext; page: Page; cookie: string; csrf: string };
  let campaignId: string;
  const sg = () => env.nodes.sg;

  beforeAll(async () => {
    // The job scam of the shared data (a Telegram recruiter and a number, 3 reports here, the number also in Korea) gets a payment link with losses
    // that only a float would lose digits of.
    const occurredAt = new Date(Date.now() - 86_400_000).toISOString();
    for (const amount of ['1000.10', '0.20'])
      await call(`${sg().url}/v1/reports`, {
        key: env.nodes.keys.sg.bank,
        body: {
          scamType: 'job',
          channel: 'telegram',
          occurredAt,
          tlp: 'green',
          loss: { amount, currency: 'SGD' },
          indicators: [{ value: 'telegram:@easy_task_sg' }, { value: 'hxxps://easy-task-pay[.]top/deposit' }],
        },
      });
    await allProcessed(sg());
    campaignId = await waitFor(async () => {
      const list = await call(`${sg().url}/v1/campaigns`, { key: env.nodes.keys.sg.analyst });
      const c = list.body.campaigns?.find((x: { scamTypes: string[] }) => x.scamTypes.includes('job'));
      // Five reports here and the Korean one of the same number, which the partner's sighting brings in.
      return c && c.reports === 6 && c.indicatorCount === 3 ? (c.id as string) : undefined;
    }, 30000);

    const { context } = await openContext(env.browser, { javaScriptEnabled: false, origin: sg().url });
    const page = await context.newPage();
    await signIn(page, sg().url, env.nodes.keys.sg.analyst);
    const c = (await context.cookies()).find((x) => x.name === 'scamintel_console')!;
    const csrf = (await page.locator('form.sign-out input[name=_csrf]').getAttribute('value'))!;
    analyst = { context, page, cookie: `${c.name}=${c.value}`, csrf };
  }, 120_000);
  afterAll(() => analyst?.context.close());

  const text = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

  it('lists the campaign with its record: status, jurisdictions, reports, exact losses, dates', async () => {
    const { page } = analyst;
    await page.goto(`${sg().url}/console/campaigns`);
    expect(await page.locator('.main-nav a[aria-current]').textContent()).toBe('Campaigns');
    const record = (await call(`${sg().url}/v1/campaigns/${campaignId}`, { key: env.nodes.keys.sg.analyst })).body;
    const row = page.locator('table.campaign-list tbody tr', { has: page.locator(`a[href="/console/campaigns/${campaignId}"]`) });
    const cells = await row
      .locator('th, td')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(cells[0]).toContain(record.name);
    expect(cells.slice(1, 5)).toEqual(['Active', 'South Korea, Singapore', '6', 'SGD 1,000.30']);
    expect(cells[6]).toBe('–');
  });

  it("draws the campaign's graph as SVG, with a title, a description and the same values in the table — in English and Korean", async () => {
    const { page } = analyst;
    for (const [lang, heading, own] of [
      ['en', 'How its values are linked', 'A value reported here'],
      ['ko', '값 사이의 연결', '이곳에 신고된 값'],
    ]) {
      const res = await page.goto(`${sg().url}/console/campaigns/${campaignId}?lang=${lang}`);
      expect(res!.status()).toBe(200);
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      expect(await page.locator('#graph-h').textContent()).toBe(heading);
      expect(await page.locator('.legend li').first().textContent()).toBe(own);
      const svg = page.locator('figure.campaign-graph svg[role=img]');
      expect(await svg.getAttribute('aria-labelledby')).toBe('graph-title graph-desc');
      expect(text(await svg.locator('title').textContent())).not.toBe('');
      expect(text(await svg.locator('desc').textContent())).not.toBe('');
      // Three values (none a hub), drawn as numbered circles; two links (handle–number, handle–payment link).
      const numbers = await svg.locator('g.node text').allTextContents();
      expect(numbers).toEqual(['1', '2', '3']);
      expect(await svg.locator('g.node.own circle').count()).toBe(3);
      expect(await svg.locator('line.edge').count()).toBe(2);
      const rows = await page.locator('table.campaign-values tbody th').evaluateAll((ths) => ths.map((t) => (t as HTMLElement).innerText));
      // The handle is in all five reports: the most linked value, first and at the centre; then by link strength.
      expect(rows.map(text)).toEqual(['1. telegram:easy_task_sg', '2. +6581234567', '3. https://easy-task-pay.top/deposit']);
      const viewBox = (await svg.getAttribute('viewBox'))!.split(' ').map(Number);
      const centre = await svg
        .locator('g.node circle')
        .first()
        .evaluate((c) => [c.getAttribute('cx'), c.getAttribute('cy')].map(Number));
      expect(centre).toEqual([viewBox[2] / 2, viewBox[3] / 2]);
    }
  });

  it('rename, close and set the suspected origin through the forms: the record changes and each change is audited', async () => {
    const { page } = analyst;
    await page.goto(`${sg().url}/console/campaigns/${campaignId}`);
    await page.fill('#campaign-name', 'Easy Task recruiter ring');
    await page.click('form.rename button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Campaign renamed.');
    expect(text(await page.locator('h1').textContent())).toBe('Easy Task recruiter ring Active');
    await page.check('#status-closed');
    await page.click('form.set-status button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Campaign status changed.');
    await page.fill('#origin-country', 'kh');
    await page.fill('#origin-note', 'recruiter scripts match a Sihanoukville compound');
    await page.click('form.set-origin button[type=submit]');
    expect(await page.locator('.notice').textContent()).toBe('Suspected origin set.');
    const origin = page.locator('dl.facts > div', { has: page.locator('dt', { hasText: 'Suspected origin' }) }).locator('dd');
    expect(text(await origin.textContent())).toBe('Cambodia — recruiter scripts match a Sihanoukville compound');
    expect(await page.locator('ol.history li').count()).toBe(3);

    const record = (await call(`${sg().url}/v1/campaigns/${campaignId}`, { key: env.nodes.keys.sg.analyst })).body;
    expect(record).toMatchObject({
      name: 'Easy Task recruiter ring',
      status: 'closed',
      origin: { country: 'KH', note: 'recruiter scripts match a Sihanoukville compound' },
    });
    const keyId = (await sg().sql.query(`SELECT key_id FROM web_sessions LIMIT 1`)).rows[0].key_id;
    const audited = await sg().sql.query(`SELECT actor, subject, details FROM audit_log WHERE action = 'campaign.updated' ORDER BY seq`);
    expect(audited.rows).toEqual([
      { actor: `key:${keyId}`, subject: campaignId, details: { name: 'Easy Task recruiter ring' } },
      { actor: `key:${keyId}`, subject: campaignId, details: { status: 'closed' } },
      {
        actor: `key:${keyId}`,
        subject: campaignId,
        details: { origin: { country: 'KH', note: 'recruiter scripts match a Sihanoukville compound' } },
      },
    ]);
    // The list shows the new record.
    await page.goto(`${sg().url}/console/campaigns`);
    const row = page.locator('table.campaign-list tbody tr', { has: page.locator(`a[href="/console/campaigns/${campaignId}"]`) });
    expect(text(await row.locator('th a').textContent())).toBe('Easy Task recruiter ring');
    expect(text(await row.locator('td').nth(5).textContent())).toBe('Cambodia');
  });

  it('a form POST without the CSRF token (or with a wrong one) is 403 and changes nothing; a bad country is refused', async () => {
    const post = (part: string, fields: Record<string, string>) =>
      fetch(`${sg().url}/console/campaigns/${campaignId}/${part}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields),
      });
    const before = (await sg().sql.query(`SELECT name, closed, origin_country FROM campaigns WHERE id = $1`, [campaignId])).rows[0];
    const audits = async () =>
      (await sg().sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'campaign.updated'`)).rows[0].n;
    const audited = await audits();
    for (const fields of [{ name: 'hijacked' }, { name: 'hijacked', _csrf: 'not-the-token' }] as Record<string, string>[]) {
      const res = await post('name', fields);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('This form cannot be accepted');
    }
    const bad = await post('origin', { country: 'XX', _csrf: analyst.csrf });
    expect(bad.status).toBe(400);
    expect((await sg().sql.query(`SELECT name, closed, origin_country FROM campaigns WHERE id = $1`, [campaignId])).rows[0]).toEqual(
      before,
    );
    expect(await audits()).toBe(audited);
    // With the session's token the same form goes through.
    const ok = await post('status', { status: 'active', _csrf: analyst.csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/console/campaigns/${campaignId}?done=campaign.status`);
    expect(await audits()).toBe(audited + 1);
  });

  it.each([375, 1200])(
    'at %i px: no horizontal scroll, CSP, nothing from another origin, no serious axe violation',
    async (width) => {
      const pages = [
        ['campaigns', '/console/campaigns'],
        ['campaigns, cross-border (ko)', '/console/campaigns?crossBorder=true&lang=ko'],
        ['campaign', `/console/campaigns/${campaignId}`],
        ['campaign (ko)', `/console/campaigns/${campaignId}?lang=ko`],
      ];
      const { problems, foreign } = await sweepPages(env.browser, {
        origin: sg().url,
        width,
        cookies: await analyst.context.cookies(),
        pages,
        check: async (page, _path, status) => {
          const unlabelled = await page.evaluate(
            () =>
              Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea')).filter(
                (el) => !(el as HTMLInputElement).labels?.length,
              ).length,
          );
          return [...(status !== 200 ? [`${status}`] : []), ...(unlabelled ? [`${unlabelled} fields without a label`] : [])];
        },
      });
      expect(problems).toEqual([]);
      expect(foreign).toEqual([]);
    },
    180_000,
  );

  it('an unknown or malformed campaign id is a plain 404 page', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await analyst.page.goto(`${sg().url}/console/campaigns/${id}`);
      expect(res!.status()).toBe(404);
    }
  });
});
