import type { Page } from 'playwright-core';
import { call, waitFor } from './support/node';
import { KR_SMS, openContext, SG_TELEGRAM, useWebNodes } from './support/web';

/**
 * The citizen's pages in a real env.browser, with JavaScript on and off: checking a pasted message on each node in its
 * language, reporting through the form to a receipt and its status, and the published bulletins.
 */
describe('web pages for citizens (CONTRACT §13)', () => {
  const env = useWebNodes();

  /** Pastes a message into the home page's form and submits it, as a person would. */
  async function checkMessage(page: Page, base: string, message: string, lang?: string): Promise<void> {
    await page.goto(`${base}/${lang ? `?lang=${lang}` : ''}`);
    await page.fill('textarea#q', message);
    await Promise.all([page.waitForURL(/\/check\?/), page.click('form.check-form button[type=submit]')]);
  }

  /** Each indicator card as the page shows it: its type label, the value as written, and the verdict words. */
  const cards = (page: Page) =>
    page.locator('article.indicator').evaluateAll((els) =>
      els.map((el) => ({
        value: el.querySelector('.ind-value')?.textContent?.trim(),
        verdict: el.querySelector('.verdict-line .pill')?.textContent?.trim(),
        spoof: el.querySelector('.spoof')?.textContent?.replace(/\s+/g, ' ').trim() ?? null,
        sides: Array.from(el.querySelectorAll('table.sides tbody tr'), (tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
      })),
    );

  describe.each([
    ['JavaScript on', true],
    ['JavaScript off', false],
  ])('checking a message (%s)', (_label, javaScriptEnabled) => {
    it('a Korean smishing SMS on the KR node: the page in Korean, each value with its verdict, the bank hotline official and spoofable', async () => {
      const { context, foreign } = await openContext(env.browser, { javaScriptEnabled, locale: 'ko-KR', origin: env.nodes.kr.url });
      const page = await context.newPage();
      try {
        // No ?lang: the browser's Accept-Language (ko-KR) decides.
        await checkMessage(page, env.nodes.kr.url, KR_SMS);
        expect(await page.locator('html').getAttribute('lang')).toBe('ko');
        expect(await page.locator('.summary-title').textContent()).toBe('주의: 사기로 신고된 내용이 있습니다');
        const found = await cards(page);
        expect(found.map((c) => [c.value, c.verdict])).toEqual([
          ['hxxps://kbstar-secure[.]top/login', '사기 신고된 링크입니다'],
          ['1588-9999', '공식 번호입니다 — 하지만 자주 도용됩니다'],
          ['070-8765-4321', '사기 신고된 번호입니다'],
        ]);
        expect(found[1].spoof).toContain('KB국민은행 1588-9999');
        expect(found[1].spoof).toContain('사기범은 이 번호가 발신자로 표시되도록 조작합니다');
        expect(found[0].sides).toEqual(['대한민국 이곳에 접수된 신고 3 사기']);
        // What to do here: 112 and 1332 as tel: links, the payment stop, and the sources behind them.
        const calls = await page.locator('.advice a.call').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        expect(calls).toEqual(['tel:112', 'tel:1332']);
        expect(await page.locator('.advice').textContent()).toContain('지급정지');
        expect(await page.locator('.advice .sources a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
          'https://www.police.go.kr/',
          'https://www.fss.or.kr/',
          'https://www.law.go.kr/',
        ]);
        expect(foreign).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it('a Singaporean job-scam Telegram message on the SG node: in English, with the Korean reports beside the Singapore ones', async () => {
      const { context, foreign } = await openContext(env.browser, { javaScriptEnabled, locale: 'en-SG', origin: env.nodes.sg.url });
      const page = await context.newPage();
      try {
        await checkMessage(page, env.nodes.sg.url, SG_TELEGRAM);
        expect(await page.locator('html').getAttribute('lang')).toBe('en');
        expect(await page.locator('.summary-title').textContent()).toBe('Warning: this is reported as a scam');
        const found = await cards(page);
        expect(found.map((c) => [c.value, c.verdict])).toEqual([
          ['Telegram @easy_task_sg', 'Reported as a scam'],
          ['wa.me/6581234567', 'Reported as a scam'],
          ['1800 111 1111', 'Official — but often faked'],
        ]);
        expect(found[2].spoof).toContain('DBS/POSB 1800 111 1111');
        expect(found[2].spoof).toContain('Hang up and call back on the number printed on your card');
        // Own reports and the partner's, side by side: SG's verdict is a scam; Korea's single report is "reported".
        expect(found[1].sides).toEqual(['Singapore reports made here 3 Scam', 'South Korea shared by partner police 1 Reported']);
        expect(await page.locator('.advice a.call').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
          'tel:1799',
          'tel:999',
        ]);
        // The job scam's own advice comes right after "stop replying".
        const steps = await page.locator('.advice ol.steps li').allTextContents();
        expect(steps[0]).toMatch(/^Stop replying/);
        expect(steps[1]).toMatch(/^Real employers do not ask you to pay/);
        expect(foreign).toEqual([]);
      } finally {
        await context.close();
      }
    });
  });

  it('says plainly what it could not read, and what to do when nothing is known', async () => {
    const { context } = await openContext(env.browser, { javaScriptEnabled: false, origin: env.nodes.sg.url });
    const page = await context.newPage();
    try {
      await page.goto(`${env.nodes.sg.url}/check?q=${encodeURIComponent('Call me on 123-456-789012 or 9123 45 for your parcel.')}`);
      expect(await page.locator('.summary-title').textContent()).toBe('We found no number, link or account');
      expect(await page.locator('ul.unreadable li').allTextContents()).toEqual([
        expect.stringMatching(/^123-456-789012 This looks like a phone number, but it is not a valid number here/),
      ]);
      await page.goto(`${env.nodes.sg.url}/check?q=${encodeURIComponent('+65 9777 0000')}`);
      expect(await page.locator('.summary-title').textContent()).toBe('No reports found');
      expect(await page.locator('article.indicator .pill').textContent()).toBe('No reports yet');
      // An official number nobody reported is still official (CONTRACT §6: whether or not anyone reported it).
      await page.goto(`${env.nodes.sg.url}/check?q=1799`);
      expect(await page.locator('.summary-title').textContent()).toBe('This message uses an official number or website');
      expect(await page.locator('article.indicator .spoof').textContent()).toContain('ScamShield Helpline 1799');
      const lookup = await call(`${env.nodes.sg.url}/v1/lookup?q=1799`);
      expect(lookup.body).toMatchObject({
        verdict: 'legitimate',
        warninglist: { name: 'sg-official-hotlines', label: 'ScamShield Helpline 1799' },
      });
      // Short codes are no phone values (no one is reported for dialling 112), yet official: the KR node says so too.
      const police = await call(`${env.nodes.kr.url}/v1/lookup?q=112`);
      expect(police.body).toMatchObject({ indicator: null, verdict: 'legitimate', warninglist: { name: 'kr-official-hotlines' } });
      expect(police.body.rejected).toBeUndefined();
      // An empty check is a 400 with the form and its error, not an empty answer.
      const empty = await page.goto(`${env.nodes.sg.url}/check?q=%20`);
      expect(empty!.status()).toBe(400);
      expect(await page.locator('#q-error').textContent()).toBe('Paste a message, number, link or account to check.');
    } finally {
      await context.close();
    }
  });

  it('language: ?lang= wins over Accept-Language and is kept in links and forms; the node language is the last resort', async () => {
    const html = async (path: string, headers: Record<string, string> = {}) => {
      const r = await fetch(`${env.nodes.kr.url}${path}`, { headers });
      return { lang: /<html lang="(\w+)"/.exec(await r.text())?.[1], contentLanguage: r.headers.get('content-language') };
    };
    expect(await html('/')).toEqual({ lang: 'ko', contentLanguage: 'ko' });
    expect(await html('/', { 'accept-language': 'fr-FR' })).toEqual({ lang: 'ko', contentLanguage: 'ko' });
    expect(await html('/', { 'accept-language': 'en-GB,en;q=0.9' })).toEqual({ lang: 'en', contentLanguage: 'en' });
    expect(await html('/?lang=en', { 'accept-language': 'ko' })).toEqual({ lang: 'en', contentLanguage: 'en' });
    expect((await fetch(`${env.nodes.sg.url}/`)).headers.get('content-language')).toBe('en');
    const page = await (await env.browser.newContext({ javaScriptEnabled: false, locale: 'en-US' })).newPage();
    try {
      await page.goto(`${env.nodes.sg.url}/?lang=ko`);
      expect(await page.locator('form.check-form input[name=lang]').getAttribute('value')).toBe('ko');
      await page.click('nav.main-nav a[href^="/report"]');
      expect(page.url()).toBe(`${env.nodes.sg.url}/report?lang=ko`);
      expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    } finally {
      await page.context().close();
    }
  });

  it('report through the form → receipt → status page → the report exists through the API', async () => {
    const { context } = await openContext(env.browser, { javaScriptEnabled: false, origin: env.nodes.sg.url });
    const page = await context.newPage();
    const marker = `Form report ${Date.now()}: the recruiter asked me to top up SGD 500 to unlock tasks.`;
    try {
      await page.goto(`${env.nodes.sg.url}/report`);
      // First without what happened or any value: the form comes back with its error, nothing stored.
      await page.selectOption('#scamType', 'job');
      await page.selectOption('#channel', 'telegram');
      await page.fill('#occurredOn', new Date(Date.now() - 86400_000).toISOString().slice(0, 10));
      await page.fill('#indicators', 'telegram @easy_task_sg\n12345');
      await page.click('form.report-form button[type=submit]');
      expect(await page.locator('.error-summary li').allTextContents()).toEqual([
        'Line 2 ("12345") is not a number, link, account or ID we can read. Correct it, or move it to "What happened".',
      ]);
      expect(await page.inputValue('#indicators')).toBe('telegram @easy_task_sg\n12345');
      await page.fill('#indicators', 'telegram @easy_task_sg\n+65 8123 4567');
      await page.fill('#narrative', marker);
      await page.fill('#lossAmount', '500');
      await page.click('form.report-form button[type=submit]');
      await page.waitForURL(/\/report\/status\?code=/);
      const code = (await page.locator('.receipt-code code').textContent())!;
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){4}$/);
      expect(await page.locator('.summary-title').textContent()).toBe('Thank you — your report was received');

      // The report went through the durable intake: it is there for an analyst, anonymous, with its loss.
      const listed = await waitFor(async () => {
        const r = await call(`${env.nodes.sg.url}/v1/reports?limit=100`, { key: env.nodes.keys.sg.analyst });
        return (r.body.reports as any[]).find((x) => x.narrative === marker);
      });
      expect(listed).toMatchObject({ scamType: 'job', channel: 'telegram', loss: { amount: '500.00', currency: 'SGD' }, tlp: 'amber' });
      expect((await env.nodes.sg.sql.query(`SELECT reporter_trust FROM reports WHERE id = $1`, [listed.id])).rows[0].reporter_trust).toBe(
        'anonymous',
      );

      // The status page, read by the code alone (typed in lower case, without dashes), once processed.
      await waitFor(async () => {
        await page.goto(`${env.nodes.sg.url}/report/status?code=${code.replace(/-/g, '').toLowerCase()}`);
        return (await page.locator('.pill-state-processed').count()) > 0;
      });
      const rows = await page
        .locator('table.extracted tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.textContent?.replace(/\s+/g, ' ').trim()));
      expect(rows).toEqual([
        'telegram @easy_task_sg Chat or social media account telegram:easy_task_sg Recorded',
        '+65 8123 4567 Phone number +6581234567 Recorded',
      ]);
      // A wrong code is a plain not-found; so is one that is not even a code.
      for (const wrong of ['ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', 'not-a-code']) {
        const res = await page.goto(`${env.nodes.sg.url}/report/status?code=${wrong}`);
        expect(res!.status()).toBe(404);
        expect(await page.locator('.error-summary h2').textContent()).toBe('No report has this receipt code');
      }
    } finally {
      await context.close();
    }
  });

  it('sending the same form twice gives the same report and the same receipt', async () => {
    const form = await (await fetch(`${env.nodes.sg.url}/report`)).text();
    const nonce = /name="nonce" value="([^"]+)"/.exec(form)![1];
    const body = new URLSearchParams({ nonce, scamType: 'loan', channel: 'sms', occurredOn: '2026-01-05', narrative: `twice ${nonce}` });
    const post = () =>
      fetch(`${env.nodes.sg.url}/report`, {
        method: 'POST',
        body,
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const [a, b] = [await post(), await post()];
    expect(a.status).toBe(303);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const { rows } = await env.nodes.sg.sql.query(`SELECT count(*)::int AS n FROM reports WHERE narrative = $1`, [`twice ${nonce}`]);
    expect(rows[0].n).toBe(1);
  });

  it('the form shares the anonymous report limit of POST /v1/reports and says so in a page', async () => {
    // The nodes run with the default limit (10 per minute per address); the API's anonymous reports count too.
    const post = () =>
      fetch(`${env.nodes.kr.url}/report`, {
        method: 'POST',
        body: new URLSearchParams({ scamType: 'other', channel: 'call', occurredOn: '2026-01-05', narrative: 'limit test' }),
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'en' },
      });
    let last: Response | undefined;
    for (let i = 0; i < 12 && last?.status !== 429; i++) {
      if (i % 2)
        await call(`${env.nodes.kr.url}/v1/reports`, {
          body: { scamType: 'other', channel: 'call', occurredAt: '2026-01-05T00:00:00Z', narrative: 'x' },
        });
      else last = await post();
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('content-type')).toContain('text/html');
    expect(await last!.text()).toContain('Too many requests');
  });

  it('bulletins: the published ones newest first, each in the page language when it has it', async () => {
    const { context, foreign } = await openContext(env.browser, { javaScriptEnabled: false, origin: env.nodes.sg.url });
    const page = await context.newPage();
    try {
      await page.goto(`${env.nodes.sg.url}/bulletins`);
      const links = page.locator('ul.bulletin-list a');
      expect(await links.count()).toBe(1);
      await links.first().click();
      expect(page.url()).toBe(`${env.nodes.sg.url}/bulletins/${env.nodes.bulletinId}`);
      expect(await page.locator('article.bulletin h1').textContent()).toContain('Singapore');
      expect(await page.locator('article.bulletin svg.chart').count()).toBe(1);
      await page.click(`a[hreflang=ko]`);
      expect(await page.locator('article.bulletin').getAttribute('lang')).toBe('ko');
      expect(await page.locator('html').getAttribute('lang')).toBe('ko');
      expect(await page.locator('article.bulletin h1').textContent()).toContain('싱가포르');
      const drafts = await page.goto(`${env.nodes.sg.url}/bulletins/00000000-0000-4000-8000-000000000000`);
      expect(drafts!.status()).toBe(404);
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('headers: a strict CSP, nosniff, no referrer and no framing on every page; hashed assets cached for a year', async () => {
    const res = await fetch(`${env.nodes.sg.url}/`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(html).not.toMatch(/\sstyle=/); // no inline style
    const css = /href="(\/static\/site\.[0-9a-f]{16}\.css)"/.exec(html)![1];
    const asset = await fetch(`${env.nodes.sg.url}${css}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${env.nodes.sg.url}/static/site.0000000000000000.css`, { headers: { accept: 'text/html' } })).status).toBe(404);
    // A JSON body to a page route is refused; a form to a JSON route is refused as before.
    const json = await fetch(`${env.nodes.sg.url}/report`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    const form = await fetch(`${env.nodes.sg.url}/v1/reports`, {
      method: 'POST',
      body: 'a=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe('unsupported_media_type');
    // An unknown page from a browser is an HTML 404; the API's own 404s stay JSON.
    const missing = await fetch(`${env.nodes.sg.url}/no-such-page`, { headers: { accept: 'text/html' } });
    expect([missing.status, missing.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    const api404 = await fetch(`${env.nodes.sg.url}/v1/no-such-route`, { headers: { accept: 'text/html' } });
    expect(api404.headers.get('content-type')).toContain('application/json');
  });
});
