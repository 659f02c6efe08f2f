import type { BrowserContext, Page } from 'playwright-core';
import { call } from './support/node';
import { openContext, SG_TELEGRAM, signIn, sweepPages, useWebNodes } from './support/web';

/**
 * The analysts' console (sessions, CSRF, decisions), and every page of the site at phone and desktop width: no
 * horizontal scroll, nothing from another origin, the CSP header, and no serious or critical axe-core violation.
 */
describe('web console and every page (CONTRACT §13)', () => {
  const env = useWebNodes();

  const sessionsOf = async (keyId?: string) =>
    (await env.nodes.sg.sql.query(`SELECT key_id FROM web_sessions WHERE $1::uuid IS NULL OR key_id = $1`, [keyId ?? null])).rows.length;
  const sessionCookie = async (context: BrowserContext) => (await context.cookies()).find((c) => c.name === 'scamintel_console');

  it('sign in with an analyst key, decide a review item, set a verdict, sign out — with JavaScript off', async () => {
    const { context } = await openContext(env.browser, { javaScriptEnabled: false, origin: env.nodes.sg.url });
    const page = await context.newPage();
    try {
      // A console page without a session leads to the sign-in page, and back after it.
      await page.goto(`${env.nodes.sg.url}/console/appeals`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      await page.fill('#key', env.nodes.keys.sg.analyst);
      await page.click('form.sign-in button[type=submit]');
      expect(new URL(page.url()).pathname).toBe('/console/appeals');
      const cookie = (await sessionCookie(context))!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
      expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 3600);
      expect(cookie.value).not.toContain(env.nodes.keys.sg.analyst);
      // The session is server-side: only a hash of the cookie is stored, never the key.
      const { rows } = await env.nodes.sg.sql.query(`SELECT id_hash FROM web_sessions`);
      expect(rows.map((r) => r.id_hash)).not.toContain(cookie.value);

      // The queue: the job-scam handle, most reported first, with its newest reports to decide.
      await page.goto(`${env.nodes.sg.url}/console/queue`);
      const first = page.locator('li.queue-item', { has: page.locator('.qi-value', { hasText: 'telegram:easy_task_sg' }) });
      const report = first.locator('article.review-report').first();
      await report.locator('input[name=note]').fill('matches the Telegram job-scam pattern');
      await report.locator('button[value=confirmed]').click();
      expect(await page.locator('.notice').textContent()).toContain('Report confirmed');
      const review = await env.nodes.sg.sql.query(`SELECT verdict, note, actor FROM report_reviews ORDER BY id DESC LIMIT 1`);
      const keyId = (await env.nodes.sg.sql.query(`SELECT key_id FROM web_sessions LIMIT 1`)).rows[0].key_id;
      expect(review.rows[0]).toEqual({ verdict: 'confirmed', note: 'matches the Telegram job-scam pattern', actor: `key:${keyId}` });
      // Confirming the report confirmed its indicators: the handle left the queue.
      expect(await page.locator('.qi-value', { hasText: 'telegram:easy_task_sg' }).count()).toBe(0);

      // Indicator detail: find it by value, verdicts side by side (SG here, KR from the partner), set the verdict.
      await page.goto(`${env.nodes.sg.url}/console/indicators?q=${encodeURIComponent('+65 8123 4567')}`);
      expect(page.url()).toMatch(/\/console\/indicators\/[0-9a-f]{64}$/);
      const sides = await page.locator('table.side-by-side tbody th').evaluateAll((ths) => ths.map((th) => (th as HTMLElement).innerText));
      expect(sides.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual(['Singapore reports made here', 'South Korea from kr-knpa']);
      await page.check('#verdict-legitimate');
      await page.fill('#verdict-note', 'number reassigned to a clinic');
      await page.click('section.action button[type=submit]');
      expect(await page.locator('.notice').textContent()).toBe('Verdict set: legitimate.');
      const lookup = await call(`${env.nodes.sg.url}/v1/lookup?q=${encodeURIComponent('+6581234567')}`);
      expect(lookup.body).toMatchObject({ verdict: 'legitimate', explanation: { rule: 'analyst_verdict' } });
      // And the citizen's page now says so.
      const citizen = await context.newPage();
      await citizen.goto(`${env.nodes.sg.url}/check?q=${encodeURIComponent(SG_TELEGRAM)}`);
      expect(await citizen.locator('article.indicator').nth(1).locator('.pill').first().textContent()).toBe('Checked and found genuine');
      await citizen.close();

      // Sign out: the session row is gone, the cookie cleared, and the console asks for a key again.
      await page.click('form.sign-out button');
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
      expect(await page.locator('.notice').textContent()).toBe('You are signed out.');
      expect(await sessionCookie(context)).toBeUndefined();
      expect(await sessionsOf(keyId)).toBe(0);
      await page.goto(`${env.nodes.sg.url}/console/queue`);
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    } finally {
      await context.close();
    }
  });

  /** A signed-in session's cookie and CSRF token, taken from a real browser sign-in. */
  async function session(key = env.nodes.keys.sg.analyst): Promise<{ cookie: string; csrf: string; context: BrowserContext; page: Page }> {
    const { context } = await openContext(env.browser, { javaScriptEnabled: false, origin: env.nodes.sg.url });
    const page = await context.newPage();
    await signIn(page, env.nodes.sg.url, key);
    const c = (await sessionCookie(context))!;
    const csrf = (await page.locator('form.sign-out input[name=_csrf]').getAttribute('value'))!;
    return { cookie: `${c.name}=${c.value}`, csrf, context, page };
  }

  it("a POST without the CSRF token (or with another session's) is refused with 403 and changes nothing", async () => {
    const a = await session();
    const b = await session();
    try {
      const fp = (await env.nodes.sg.sql.query(`SELECT fingerprint FROM indicators WHERE value = 'https://dbs-secure-login.top/verify'`))
        .rows[0].fingerprint;
      const before = (await env.nodes.sg.sql.query(`SELECT count(*)::int AS n FROM indicator_verdicts`)).rows[0].n;
      const post = (fields: Record<string, string>) =>
        fetch(`${env.nodes.sg.url}/console/indicators/${fp}/verdict`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: a.cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields),
        });
      for (const fields of [{ verdict: 'scam' }, { verdict: 'scam', _csrf: b.csrf }, { verdict: 'scam', _csrf: '' }] as Record<
        string,
        string
      >[]) {
        const res = await post(fields);
        expect(res.status).toBe(403);
        expect(await res.text()).toContain('This form cannot be accepted');
      }
      expect((await env.nodes.sg.sql.query(`SELECT count(*)::int AS n FROM indicator_verdicts`)).rows[0].n).toBe(before);
      // The same request with its own session's token goes through.
      expect((await post({ verdict: 'scam', _csrf: a.csrf })).status).toBe(303);
      // Signing in needs the sign-in form's own token (login CSRF): a bare POST with a valid key is refused.
      const bare = await fetch(`${env.nodes.sg.url}/console/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ key: env.nodes.keys.sg.analyst }),
      });
      expect(bare.status).toBe(403);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  });

  it('revoking the key ends its sessions; reporter, partner and admin keys cannot sign in', async () => {
    const created = await call(`${env.nodes.sg.url}/v1/admin/keys`, {
      key: env.nodes.sg.adminKey,
      body: { role: 'analyst', organisation: 'Temporary analyst', trust: 'high' },
    });
    const s = await session(created.body.key);
    try {
      await s.page.goto(`${env.nodes.sg.url}/console/exchange`);
      expect(new URL(s.page.url()).pathname).toBe('/console/exchange');
      expect(await sessionsOf(created.body.id)).toBe(1);
      expect(
        (await call(`${env.nodes.sg.url}/v1/admin/keys/${created.body.id}`, { key: env.nodes.sg.adminKey, method: 'DELETE' })).status,
      ).toBe(200);
      // The tests run with KEY_CACHE_TTL_MS=0: the very next request sees the revocation.
      await s.page.goto(`${env.nodes.sg.url}/console/exchange`);
      expect(new URL(s.page.url()).pathname).toBe('/console/sign-in');
      expect(await sessionsOf(created.body.id)).toBe(0);
    } finally {
      await s.context.close();
    }
    const { context } = await openContext(env.browser, { javaScriptEnabled: false, origin: env.nodes.sg.url });
    const page = await context.newPage();
    try {
      for (const [key, status, message] of [
        [env.nodes.keys.sg.reporter, 403, 'Only analyst keys can sign in to the console.'],
        [env.nodes.keys.sg.partner, 403, 'Only analyst keys can sign in to the console.'],
        [env.nodes.sg.adminKey, 403, 'Only analyst keys can sign in to the console.'],
        [created.body.key, 401, 'This key is not valid, or it has been revoked.'],
        ['si_not-a-key', 401, 'This key is not valid, or it has been revoked.'],
      ] as const) {
        await page.goto(`${env.nodes.sg.url}/console/sign-in`);
        await page.fill('#key', key);
        const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.click('form.sign-in button')]);
        expect(res.status()).toBe(status);
        expect(await page.locator('.error-summary a').textContent()).toBe(message);
        expect(await sessionCookie(context)).toBeUndefined();
      }
      const audited = await env.nodes.sg.sql.query(
        `SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'auth.failed' AND subject = 'POST /console/sign-in'`,
      );
      expect(audited.rows.map((r) => r.reason).sort()).toEqual([
        'unknown_or_revoked_key',
        'unknown_or_revoked_key',
        'wrong_role',
        'wrong_role',
        'wrong_role',
      ]);
    } finally {
      await context.close();
    }
  });

  it('appeals: uphold one; the exchange page shows what went, came and was withheld, per partner', async () => {
    const s = await session();
    try {
      await s.page.goto(`${env.nodes.sg.url}/console/appeals`);
      const appeal = s.page.locator('li.appeal').first();
      expect(await appeal.locator('.qi-value').textContent()).toBe('+6561239876');
      await appeal.locator('button[value=upheld]').click();
      expect(await s.page.locator('.notice').textContent()).toBe('Appeal upheld: the value is marked legitimate.');
      expect((await env.nodes.sg.sql.query(`SELECT status FROM appeals`)).rows[0].status).toBe('upheld');

      await s.page.goto(`${env.nodes.sg.url}/console/exchange`);
      const facts = async (heading: string) =>
        Object.fromEntries(
          await s.page
            .locator('section.partner .two-col > div', { has: s.page.locator(`h3:text-is("${heading}")`) })
            .locator('dl.facts > div')
            .evaluateAll((ds) => ds.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent!.trim()])),
        );
      const sent = await facts('Sent');
      const received = await facts('Received');
      const { rows } = await env.nodes.sg.sql.query(`SELECT indicators_sent::int AS n, batches::int AS b FROM exchange_cursors`);
      expect(sent['Indicators sent']).toBe(String(rows[0].n));
      expect(Number(sent['Batches'])).toBeGreaterThan(0);
      expect(Number(received['Indicators received'])).toBeGreaterThan(0);
      expect(received['Refused here']).toBe('0');
      // The red report's number never left: counted under its reason.
      const withheld = await s.page.locator('table.withheld tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent?.trim()));
      expect(withheld).toContain('TLP:RED1');
    } finally {
      await s.context.close();
    }
  });

  describe('every page at 375 px and 1200 px', () => {
    let analyst: Awaited<ReturnType<typeof session>>;
    let pages: [string, string][];

    beforeAll(async () => {
      analyst = await session();
      const fp = (await env.nodes.sg.sql.query(`SELECT fingerprint FROM indicators WHERE value = 'telegram:easy_task_sg'`)).rows[0]
        .fingerprint;
      const form = await (await fetch(`${env.nodes.sg.url}/report`)).text();
      const nonce = /name="nonce" value="([^"]+)"/.exec(form)![1];
      const sent = await fetch(`${env.nodes.sg.url}/report`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          nonce,
          scamType: 'phishing',
          channel: 'sms',
          occurredOn: '2026-01-05',
          indicators: 'dbs-secure-login.top',
        }),
      });
      // Two actions for the board: one on time, one overdue (its deadline moved into the past).
      const act = async (body: Record<string, unknown>) =>
        (await call(`${env.nodes.sg.url}/v1/actions`, { key: env.nodes.keys.sg.analyst, body: { reason: 'board test', ...body } })).body
          .id as string;
      await act({ kind: 'block_number', value: '+65 8123 4567', assignee: 'Second Telco' });
      const late = await act({ kind: 'freeze_account', value: 'SG:7171:1234567890', assignee: 'Example Bank', caseRef: 'SPF-LATE-1' });
      await env.nodes.sg.sql.query(`UPDATE actions SET ack_due_at = now() - interval '1 hour' WHERE id = $1`, [late]);
      pages = [
        ['home', '/'],
        ['check (en)', `/check?q=${encodeURIComponent(SG_TELEGRAM)}`],
        ['check (ko)', `/check?lang=ko&q=${encodeURIComponent(SG_TELEGRAM)}`],
        ['check, nothing found', `/check?q=${encodeURIComponent('hello 123-456-789012')}`],
        ['report form', '/report'],
        ['report status', sent.headers.get('location')!],
        ['report status, not found', '/report/status?code=ZZZZZ'],
        ['bulletins', '/bulletins'],
        ['bulletin', `/bulletins/${env.nodes.bulletinId}`],
        ['bulletin (ko)', `/bulletins/${env.nodes.bulletinId}?lang=ko`],
        ['not found', '/no-such-page'],
        ['sign-in', '/console/sign-in'],
        ['console queue', '/console/queue'],
        ['console indicator search', '/console/indicators'],
        ['console indicator', `/console/indicators/${fp}`],
        ['console appeals', '/console/appeals?status=upheld'],
        ['console exchange', '/console/exchange'],
        ['console actions', '/console/actions'],
        ['console actions (ko)', '/console/actions?lang=ko'],
        ['console queue (ko)', '/console/queue?lang=ko'],
      ];
    });

    it('the actions board shows actions by state, overdue first', async () => {
      await analyst.page.goto(`${env.nodes.sg.url}/console/actions`);
      expect(await analyst.page.locator('.notice.warn').textContent()).toContain('1 overdue');
      const rows = await analyst.page
        .locator('section[aria-labelledby="state-requested"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim()));
      expect(rows).toHaveLength(2);
      expect(rows[0]).toMatch(/^SG:7171:1234567890 Overdue Freeze account · SPF-LATE-1 Example Bank/);
      expect(rows[1]).toMatch(/^\+6581234567 Block number Second Telco/);
      expect(await analyst.page.locator('section[aria-labelledby="state-done"]').textContent()).toContain('None.');
    });
    afterAll(() => analyst?.context.close());

    it.each([375, 1200])(
      'at %i px: no horizontal scroll, nothing from another origin, CSP on each page, no serious axe violation',
      async (width) => {
        const { problems, foreign } = await sweepPages(env.browser, {
          origin: env.nodes.sg.url,
          width,
          cookies: await analyst.context.cookies(),
          pages,
          check: async (page, path) => [
            ...(new URL(page.url()).pathname === '/console/sign-in' && !path.startsWith('/console/sign-in') ? ['not signed in'] : []),
            ...((await page.locator('html').getAttribute('lang')) ? [] : ['no lang']),
          ],
        });
        expect(problems).toEqual([]);
        expect(foreign).toEqual([]);
      },
      // Twenty pages, each loaded and run through axe: at load 16 on 2 cores the sweep overran the default 60 s.
      20 * 12_000,
    );

    it('every form field has a label and focus is visible', async () => {
      const { context } = await openContext(env.browser, { origin: env.nodes.sg.url });
      await context.addCookies(await analyst.context.cookies());
      const page = await context.newPage();
      try {
        for (const [, path] of pages) {
          await page.goto(`${env.nodes.sg.url}${path}`);
          const unlabelled = await page.evaluate(() =>
            Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
              .filter((el) => !(el as HTMLInputElement).labels?.length)
              .map((el) => el.outerHTML),
          );
          expect(unlabelled).toEqual([]);
        }
        await page.goto(`${env.nodes.sg.url}/`);
        await page.keyboard.press('Tab');
        const outline = await page.evaluate(() => {
          const s = getComputedStyle(document.activeElement!);
          return { tag: document.activeElement!.tagName, outline: s.outlineStyle, box: s.boxShadow, bg: s.backgroundColor };
        });
        expect(outline.tag).toBe('A');
        expect(outline.outline !== 'none' || outline.box !== 'none' || outline.bg !== 'rgba(0, 0, 0, 0)').toBe(true);
      } finally {
        await context.close();
      }
    });
  });

  it('the OpenAPI document leaves the pages out', async () => {
    const doc = await (await fetch(`${env.nodes.sg.url}/docs-json`)).json();
    const paths = Object.keys(doc.paths);
    const pages = ['/', '/check', '/report', '/bulletins', '/console', '/static'];
    expect(paths.filter((p) => pages.some((page) => p === page || p.startsWith(`${page}/`)))).toEqual([]);
  });
});
