import { ConnectionOptions, Queue } from 'bullmq';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { addDays, BulletinsService, previousFullWeek, trendWeekStarts } from '@scamintel/bulletins';
import { JobName, QueueName, SCHEDULER_IDS } from '@scamintel/common';
import { AppConfig, redisOptions } from '@scamintel/config';
import { createTestDatabase, sqlClient } from './support/db';
import { call, RunningApi, startApi, startWorker, testConfig, waitFor } from './support/node';

const ADMIN = 'test-admin-key-bulletins-0123456789';
const TZ = 'Asia/Singapore';
const LANGS = ['en', 'ko'];
const FORMATS = ['json', 'md', 'html'] as const;

// Strings that must never reach a bulletin, in any language or format.
const REPORTER_NAME = 'Quillon Marker-Reporter';
const REPORTER_CONTACT = 'quillon.private@example.org';
const NARRATIVE = 'NARRATIVEMARKERZEBRA the caller said he was from the bank and needed my card details';
const ORG = 'orgmarker-bank';
const NOT_CLEAR = ['amber-only-scam.top', 'green-shared-scam.top', 'red-secret-scam.top', 'prev-site-', 'old-site-'];
const NOT_SCAM = ['two-reporters-only.top', 'cleared-by-analyst.top'];
const UNMASKED_PHONE = ['+6581234567', '8123 4567', '81234567'];

const withheld = { suppressed: true, below: 3 };

type Ind = { type?: string; value: string };
const A: Ind = { value: '+65 8123 4567' }; // clear, 3 reporters: scam → watch list, masked
const B: Ind = { value: 'dbs-secure-login.top' }; // clear, 3 reporters: scam → watch list
const C: Ind = { value: 'amber-only-scam.top' }; // 3 reporters but TLP:AMBER
const D: Ind = { value: 'green-shared-scam.top' }; // 3 reporters but TLP:GREEN
const E: Ind = { value: 'red-secret-scam.top' }; // 3 reporters but TLP:RED
const F: Ind = { type: 'phone', value: '1800-255-0000' }; // clear, 3 reporters, but an official hotline (warninglisted)
const G: Ind = { value: 'two-reporters-only.top' }; // clear, 2 reporters: only suspicious
const H: Ind = { value: 'cleared-by-analyst.top' }; // clear, 3 reporters, but an analyst ruled it legitimate
const I: Ind = { value: 'confirmed-by-analyst.top' }; // clear, 1 reporter, confirmed a scam by an analyst

describe('bulletins: built from reports, private by construction, versioned, audited', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let config: AppConfig;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let sql: Client;
  const keys: Record<string, { id: string; key: string }> = {};
  const { from, to } = previousFullWeek(new Date(), TZ);
  const day = (offset: number, time = '10:00') => `${addDays(from, offset)}T${time}:00+08:00`;
  let firstId: string;
  const published: Record<string, string> = {};

  const rendered = (id: string, lang: string, format: string, key?: string) =>
    call(`${api.url}/v1/bulletins/${id}?lang=${lang}&format=${format}`, { key });
  const analystList = async () => (await call(`${api.url}/v1/bulletins?limit=100`, { key: keys.spf.key })).body.bulletins as any[];
  const settled = (id: string) =>
    waitFor(async () => {
      const b = (await analystList()).find((x) => x.id === id);
      return b && b.status !== 'pending' ? b : undefined;
    });

  beforeAll(async () => {
    db = await createTestDatabase('bulletins');
    config = testConfig({
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      NODE_ID: 'sg-test',
      JURISDICTION: 'SG',
      BULLETIN_TIMEZONE: TZ,
      BULLETIN_CRON: '30 4 1 1 *',
    }); // a time the scheduler will not fire during the test
    api = await startApi(config);
    worker = await startWorker(config);
    sql = await sqlClient(db.url);
    for (const [name, role] of [
      ['r1', 'reporter'],
      ['r2', 'reporter'],
      ['r3', 'reporter'],
      ['r4', 'reporter'],
      ['r5', 'reporter'],
      ['spf', 'analyst'],
    ] as const) {
      const res = await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: `${ORG}-${name}`, trust: 'medium' } });
      expect(res.status).toBe(201);
      keys[name] = res.body;
    }

    const reporter = { name: REPORTER_NAME, contact: REPORTER_CONTACT };
    const r = (
      who: string,
      scamType: string,
      channel: string,
      occurredAt: string,
      tlp: string,
      indicators: Ind[],
      extra: Record<string, unknown> = {},
    ) => ({ who, body: { scamType, channel, occurredAt, tlp, indicators, ...extra } });
    const reports = [
      // This period: 16 reports of SG.
      r('r1', 'phishing', 'sms', day(0), 'clear', [A, B, H], {
        loss: { amount: '100.00', currency: 'SGD' },
        reporter,
        narrative: NARRATIVE,
      }),
      r('r2', 'phishing', 'sms', day(1), 'clear', [A, B, H], { loss: { amount: '250.50', currency: 'SGD' } }),
      r('r3', 'phishing', 'sms', day(2), 'clear', [A, B, G, H], { reporter }),
      r('r4', 'phishing', 'email', day(2), 'clear', [F, G]),
      r('r5', 'phishing', 'sms', day(3), 'clear', [F, I]),
      r('r1', 'phishing', 'sms', day(4), 'clear', [F]),
      r('r1', 'impersonation_bank', 'call', day(1), 'amber', [C], { loss: { amount: '1000.00', currency: 'SGD' }, narrative: NARRATIVE }),
      r('r2', 'impersonation_bank', 'call', day(2), 'amber', [C]),
      r('r3', 'impersonation_bank', 'call', day(3), 'amber', [C]),
      r('r1', 'impersonation_bank', 'call', day(3), 'green', [D]),
      r('r2', 'impersonation_bank', 'call', day(4), 'green', [D]),
      r('r3', 'impersonation_bank', 'call', day(5), 'red', [E], { reporter, narrative: NARRATIVE }),
      r('r4', 'impersonation_bank', 'call', day(6, '23:30'), 'red', [E]),
      r('r5', 'investment', 'telegram', day(5), 'red', [E], { loss: { amount: '500000', currency: 'KRW' } }),
      r('r4', 'investment', 'telegram', day(6), 'green', [D]),
      // 00:30 in Singapore on the first day is still the day before in UTC: counts only if days are cut in the node's time zone.
      r('r5', 'job', 'whatsapp', day(0, '00:30'), 'amber', [], { narrative: NARRATIVE, reporter }),
      // Previous period: 9 reports.
      r('r1', 'phishing', 'sms', day(-7), 'amber', [{ value: 'prev-site-1.top' }], { loss: { amount: '200.00', currency: 'SGD' } }),
      r('r2', 'phishing', 'sms', day(-6), 'amber', [{ value: 'prev-site-2.top' }], { loss: { amount: '300.00', currency: 'SGD' } }),
      r('r3', 'phishing', 'sms', day(-1, '23:30'), 'amber', [{ value: 'prev-site-3.top' }], {
        loss: { amount: '500.00', currency: 'SGD' },
      }),
      ...[1, 2, 3, 4, 5].map((n) => r(`r${n}`, 'impersonation_bank', 'call', day(-5), 'amber', [{ value: `prev-site-bank-${n}.top` }])),
      r('r1', 'investment', 'telegram', day(-4), 'amber', [{ value: 'prev-site-invest.top' }]),
      // Two weeks back: only in the weekly trend.
      ...[1, 2, 3].map((n) => r(`r${n}`, 'phishing', 'sms', day(-13), 'amber', [{ value: `old-site-${n}.top` }])),
      // Outside: the first moment after the period, and a report of another jurisdiction (makes A, B and G cross-border).
      r('r2', 'impersonation_bank', 'call', day(7, '00:30'), 'amber', [{ value: 'after-period.top' }]),
      r('r5', 'phishing', 'sms', day(3), 'clear', [A, B, G], { jurisdiction: 'KR' }),
    ];
    for (const { who, body } of reports) {
      const res = await call(`${api.url}/v1/reports`, { key: keys[who].key, body });
      expect(res.status).toBe(202);
    }
    await waitFor(async () => {
      const { rows } = await sql.query(`SELECT count(*) FILTER (WHERE status = 'processed')::int AS done, count(*)::int AS n FROM reports`);
      return rows[0].done === reports.length && rows[0].n === reports.length;
    }, 30000);
    for (const [ind, verdict] of [
      [H, 'legitimate'],
      [I, 'scam'],
    ] as const) {
      const fp = (await call(`${api.url}/v1/lookup?q=${ind.value}`)).body.indicator.fingerprint;
      expect((await call(`${api.url}/v1/indicators/${fp}/verdict`, { key: keys.spf.key, body: { verdict } })).status).toBe(200);
    }
    // The data set is what the test believes it is: F is a warninglisted hotline, and the lookup's verdicts.
    const { rows: wl } = await sql.query(`SELECT warninglist FROM indicators WHERE value = '+6518002550000'`);
    expect(wl[0]?.warninglist).toEqual(expect.any(String));
    const verdict = async (q: string) => (await call(`${api.url}/v1/lookup?q=${encodeURIComponent(q)}`)).body.verdict;
    expect(await verdict('+6581234567')).toBe('scam');
    expect(await verdict('dbs-secure-login.top')).toBe('scam');
    expect(await verdict('amber-only-scam.top')).toBe('scam');
    expect(await verdict('two-reporters-only.top')).toBe('suspicious');
    expect(await verdict(H.value)).toBe('legitimate');
    expect(await verdict(I.value)).toBe('scam');
  }, 120000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sql?.end();
    await db?.drop();
  });

  it('builds the figures of the period against the previous one, with suppression below 3', async () => {
    const res = await call(`${api.url}/v1/bulletins`, { key: keys.spf.key, body: { from, to, languages: LANGS } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(res.headers.get('location')).toBe(`/v1/bulletins/${res.body.id}`);
    firstId = res.body.id;
    expect(await settled(firstId)).toMatchObject({ status: 'ready', version: 1, languages: LANGS, publishedAt: null, failure: null });

    const got = await rendered(firstId, 'en', 'json', keys.spf.key);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const f = got.body;
    expect(f).toMatchObject({
      jurisdiction: 'SG',
      nodeId: 'sg-test',
      period: { from, to },
      previousPeriod: { from: addDays(from, -7), to: from },
      minCount: 3,
      maskStyle: 'partial',
    });
    expect(f.totals.reports).toEqual({ current: 16, previous: 9, delta: 7, percent: 77.8, direction: 'up' });
    // Complementary suppression: the previous period had 9 reports, 5 + 3 of them in the listed categories, so
    // publishing the 3 would give back the 1 left over (a withheld count); the 3 and the change from it are withheld.
    const hidden = { suppressed: true, below: 3 };
    expect(f.topScamTypes).toEqual([
      { scamType: 'impersonation_bank', current: 7, previous: 5, delta: 2, percent: 40, direction: 'up' },
      { scamType: 'phishing', current: 6, previous: hidden, delta: hidden, percent: hidden, direction: 'up' },
    ]);
    expect(f.topChannels).toEqual([
      { channel: 'call', current: 7, previous: 5, delta: 2, percent: 40, direction: 'up' },
      { channel: 'sms', current: 5, previous: hidden, delta: hidden, percent: hidden, direction: 'up' },
    ]);
    expect(f.rising).toEqual([
      { kind: 'scamType', key: 'impersonation_bank', current: 7, previous: 5, delta: 2, percent: 40 },
      { kind: 'channel', key: 'call', current: 7, previous: 5, delta: 2, percent: 40 },
    ]);
    // KRW comes from one report: withheld although the period has 16.
    expect(f.losses).toEqual([
      { currency: 'KRW', current: withheld, previous: withheld, delta: withheld, percent: withheld, direction: withheld },
      { currency: 'SGD', current: '1350.50', previous: '1000.00', delta: '350.50', percent: 35.1, direction: 'up' },
    ]);
    expect(f.crossBorder).toEqual({ indicatorsSeenInBoth: 3, receivedFromPartner: withheld, partnerJurisdictions: ['KR'] });
    expect(f.watch).toEqual([
      { type: 'domain', display: 'dbs-secure-login[.]top', reports: 3, jurisdictions: ['KR', 'SG'], scamTypes: ['phishing'] },
      { type: 'phone', display: '+65 8123 ••67', reports: 3, jurisdictions: ['KR', 'SG'], scamTypes: ['phishing'] },
      { type: 'domain', display: 'confirmed-by-analyst[.]top', reports: withheld, jurisdictions: ['SG'], scamTypes: ['phishing'] },
    ]);
    const weeks = trendWeekStarts(to);
    expect(f.weekly.scamTypes).toEqual(['phishing', 'impersonation_bank']);
    expect(f.weekly.weeks.map((w: { weekStart: string }) => w.weekStart)).toEqual(weeks);
    expect(f.weekly.weeks[7].counts).toEqual({ phishing: 6, impersonation_bank: 7 });
    expect(f.weekly.weeks[6].counts).toEqual({ phishing: 3, impersonation_bank: 5 });
    expect(f.weekly.weeks[5].counts).toEqual({ phishing: 3, impersonation_bank: withheld });
    for (const w of f.weekly.weeks.slice(0, 5)) expect(w.counts).toEqual({ phishing: withheld, impersonation_bank: withheld });
    expect(f.advice).toEqual([
      { scamType: 'impersonation_bank', key: 'advice.impersonation_bank' },
      { scamType: 'phishing', key: 'advice.phishing' },
    ]);
    // A, B, G and H are one campaign reported in SG and KR: one cross-border campaign is below the threshold.
    expect(f.crossBorderCampaigns).toEqual({ active: withheld, new: withheld, reports: withheld });
  });

  it('keeps a draft from the public (404) and shows it to analysts', async () => {
    for (const format of FORMATS) expect((await rendered(firstId, 'en', format)).status).toBe(404);
    const other = await call(`${api.url}/v1/bulletins/${firstId}`, { key: keys.r1.key });
    expect(other.status).toBe(404);
    expect(other.body).toMatchObject({ error: { code: 'not_found' }, requestId: expect.any(String) });
    expect((await call(`${api.url}/v1/bulletins/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await call(`${api.url}/v1/bulletins/not-a-uuid`)).status).toBe(404);
    expect((await call(`${api.url}/v1/bulletins`)).body).toEqual({ bulletins: [], next: null });
    expect((await analystList()).map((b) => b.id)).toContain(firstId);
    expect((await rendered(firstId, 'ko', 'html', keys.spf.key)).status).toBe(200);
  });

  it('answers 409 when publishing a bulletin that is not ready, 404 for none, 403/401 for others', async () => {
    const { rows } = await sql.query(
      `INSERT INTO bulletins (id, period_from, period_to, version, languages, status, failure, requested_by)
       VALUES (gen_random_uuid(), '2025-01-06', '2025-01-13', 1, '{en}', 'failed', 'test', 'test') RETURNING id`,
    );
    const notReady = await call(`${api.url}/v1/bulletins/${rows[0].id}/publish`, { method: 'POST', key: keys.spf.key });
    expect(notReady.status).toBe(409);
    expect(notReady.body).toMatchObject({
      error: { code: 'invalid_state', message: expect.stringContaining('failed') },
      requestId: expect.any(String),
    });
    expect(
      (await call(`${api.url}/v1/bulletins/00000000-0000-4000-8000-000000000000/publish`, { method: 'POST', key: keys.spf.key })).status,
    ).toBe(404);
    expect((await call(`${api.url}/v1/bulletins/${firstId}/publish`, { method: 'POST', key: keys.r1.key })).status).toBe(403);
    expect((await call(`${api.url}/v1/bulletins/${firstId}/publish`, { method: 'POST' })).status).toBe(401);
    expect((await call(`${api.url}/v1/bulletins`, { body: { from, to } })).status).toBe(401);
    expect((await call(`${api.url}/v1/bulletins`, { key: keys.r1.key, body: { from, to } })).status).toBe(403);
    expect((await call(`${api.url}/v1/bulletins`, { key: ADMIN, body: { from, to } })).status).toBe(403);
  });

  it('publishes (audited), after which the public reads it in every language and format', async () => {
    const res = await call(`${api.url}/v1/bulletins/${firstId}/publish`, { method: 'POST', key: keys.spf.key });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: firstId, version: 1, status: 'ready', publishedAt: expect.any(String) });
    const again = await call(`${api.url}/v1/bulletins/${firstId}/publish`, { method: 'POST', key: keys.spf.key });
    expect(again.status).toBe(409);

    const audit = await call(`${api.url}/v1/audit?limit=1000`, { key: ADMIN });
    const entries = audit.body.entries.filter((e: { action: string }) => e.action === 'bulletin.published');
    expect(entries).toEqual([
      expect.objectContaining({
        actor: `key:${keys.spf.id}`,
        subject: firstId,
        details: expect.objectContaining({
          version: 1,
          period: { from, to },
          automatic: false,
          figuresSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      }),
    ]);
    expect((await call(`${api.url}/v1/audit/verify`, { key: ADMIN })).body).toMatchObject({ ok: true });

    const list = await call(`${api.url}/v1/bulletins`);
    expect(list.body.bulletins).toEqual([
      { id: firstId, period: { from, to }, version: 1, languages: LANGS, publishedAt: res.body.publishedAt },
    ]);

    const types = { json: 'application/json; charset=utf-8', md: 'text/markdown; charset=utf-8', html: 'text/html; charset=utf-8' };
    for (const lang of LANGS) {
      for (const format of FORMATS) {
        const page = await rendered(firstId, lang, format);
        expect(page.status).toBe(200);
        expect(page.headers.get('content-type')).toBe(types[format]);
        expect(page.headers.get('content-language')).toBe(lang);
        published[`${lang}.${format}`] = typeof page.body === 'string' ? page.body : JSON.stringify(page.body);
      }
    }
    expect(published['en.html']).toMatch(/^<!DOCTYPE html>/i);
    expect(published['en.html']).toContain('lang="en"');
    expect(published['ko.html']).toContain('lang="ko"');
    expect(published['en.md']).toContain('fewer than 3');
    expect(published['ko.md']).toContain('3건 미만');
    expect(published['en.md']).toContain('+65 8123 ••67');
    expect(published['ko.html']).toContain('dbs-secure-login[.]top');
    // Default language is the bulletin's first; one it was not made in is refused.
    expect((await call(`${api.url}/v1/bulletins/${firstId}?format=md`)).body).toBe(published['en.md']);
    expect((await rendered(firstId, 'zh', 'md')).status).toBe(400);
    expect((await rendered(firstId, 'en', 'pdf')).status).toBe(400);
  });

  it('never shows reporter data, narratives, indicators above TLP:CLEAR or non-scam indicators, in any language or format', () => {
    expect(Object.keys(published)).toHaveLength(LANGS.length * FORMATS.length);
    for (const [which, text] of Object.entries(published)) {
      for (const secret of [
        REPORTER_NAME,
        'Quillon',
        REPORTER_CONTACT,
        'quillon',
        'NARRATIVEMARKERZEBRA',
        'card details',
        ORG,
        ...NOT_CLEAR,
        ...NOT_SCAM,
        ...UNMASKED_PHONE,
      ]) {
        if (text.includes(secret)) throw new Error(`${which} contains ${JSON.stringify(secret)}`);
      }
      for (const k of Object.values(keys)) expect(text).not.toContain(k.id);
      // The warninglisted hotline may be named in the advice text, but never as an indicator to watch.
      expect(text).not.toMatch(/\+65[\s ]?1800[\s -]?255[\s -]?0000/);
    }
  });

  it('regenerating a published period makes version 2; regenerating a draft replaces it', async () => {
    const res = await call(`${api.url}/v1/bulletins`, { key: keys.spf.key, body: { from, to, languages: ['ko'] } });
    expect(res.status).toBe(202);
    const secondId = res.body.id;
    expect(secondId).not.toBe(firstId);
    expect(await settled(secondId)).toMatchObject({ status: 'ready', version: 2, languages: ['ko'], publishedAt: null });
    // The published version is untouched and still public; the new draft is not.
    expect((await rendered(firstId, 'en', 'md')).body).toBe(published['en.md']);
    expect((await rendered(secondId, 'ko', 'md')).status).toBe(404);

    const replaced = await call(`${api.url}/v1/bulletins`, { key: keys.spf.key, body: { from, to, languages: ['en', 'ko'] } });
    expect(replaced.status).toBe(202);
    expect(replaced.body.id).toBe(secondId);
    expect(await settled(secondId)).toMatchObject({ status: 'ready', version: 2, languages: ['en', 'ko'] });
    const { rows } = await sql.query(
      `SELECT version, revision, published_at IS NOT NULL AS published FROM bulletins WHERE period_from = $1 AND period_to = $2 ORDER BY version`,
      [from, to],
    );
    expect(rows).toEqual([
      { version: 1, revision: 1, published: true },
      { version: 2, revision: 2, published: false },
    ]);
  });

  it('refuses bad requests with 400 in the contract shape', async () => {
    const bad = async (body: unknown, path: string) => {
      const res = await call(`${api.url}/v1/bulletins`, { key: keys.spf.key, body });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'validation_failed', message: expect.any(String) }, requestId: expect.any(String) });
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.any(String) })]));
    };
    await bad({ from: to, to: from }, 'to');
    await bad({ from, to: from }, 'to');
    await bad({ from: '2026-01-01', to: '2026-04-04' }, 'to');
    await bad({ from: '2026-02-30', to: '2026-03-05' }, 'from');
    await bad({ from: '16/11/2026', to }, 'from');
    await bad({ from, to, languages: ['en', 'xx'] }, 'languages');
    await bad({ from, to, languages: [] }, 'languages');
    await bad({ from, to, extra: true }, 'extra');
    await bad({ to }, 'from');
    const malformed = await call(`${api.url}/v1/bulletins`, {
      key: keys.spf.key,
      raw: '{"from":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM bulletins WHERE period_from = $1`, [to]);
    expect(rows[0].n).toBe(0);
  });

  it('registers the weekly job with the configured cron and time zone, and the weekly run is idempotent', async () => {
    const queue = new Queue(QueueName.Bulletins, {
      connection: redisOptions(config.redisUrl) as unknown as ConnectionOptions,
      prefix: config.queuePrefix,
    });
    try {
      expect(await queue.getJobScheduler(SCHEDULER_IDS[JobName.BulletinWeekly])).toMatchObject({
        pattern: '30 4 1 1 *',
        tz: TZ,
        name: JobName.BulletinWeekly,
      });
      // Run for Monday 09:00 of our period's week: it publishes the week before, i.e. our "previous" period.
      const at = `${from}T09:00:00+08:00`;
      const jobs = [await queue.add(JobName.BulletinWeekly, { at }), await queue.add(JobName.BulletinWeekly, { at })];
      await waitFor(async () => (await Promise.all(jobs.map((j) => j.getState()))).every((s) => s === 'completed'));
      const prevFrom = addDays(from, -7);
      const row = await waitFor(async () => {
        const { rows } = await sql.query(`SELECT id, status, version FROM bulletins WHERE period_from = $1 AND period_to = $2`, [
          prevFrom,
          from,
        ]);
        return rows.length && rows.every((x) => x.status !== 'pending') ? rows : undefined;
      });
      expect(row).toEqual([{ id: expect.any(String), status: 'ready', version: 1 }]);
      const { rows: again } = await sql.query(`SELECT count(*)::int AS n FROM bulletins WHERE period_from = $1`, [prevFrom]);
      expect(again[0].n).toBe(1);
      const f = (await rendered(row[0].id, 'en', 'json', keys.spf.key)).body;
      expect(f.totals.reports).toEqual({ current: 9, previous: 3, delta: 6, percent: 200, direction: 'up' });
      expect(f.watch).toEqual([]);
    } finally {
      await queue.close();
    }
  });

  it('writes the files the demo ships: bulletin-<jurisdiction>-<from>-<lang>.{md,html,json}', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bulletins-'));
    try {
      const paths = await worker.app.get(BulletinsService).writeFiles(firstId, dir);
      const names = LANGS.flatMap((l) => FORMATS.map((f) => `bulletin-SG-${from}-${l}.${f}`)).sort();
      expect((await readdir(dir)).sort()).toEqual(names);
      expect(paths.map((p) => p.slice(dir.length + 1)).sort()).toEqual(names);
      expect(await readFile(join(dir, `bulletin-SG-${from}-ko.md`), 'utf8')).toBe(published['ko.md']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('counts cross-border campaigns active in the period once there are enough of them, in every language and format', async () => {
    const campaigns = async () =>
      (await call(`${api.url}/v1/campaigns?crossBorder=true`, { key: keys.spf.key })).body.campaigns as { reports: number }[];
    // The first bulletin withheld the one cross-border campaign (A, B, G, H), in words too.
    await waitFor(async () => (await campaigns()).length === 1);
    expect(published['en.md']).toContain('Fewer than 3 cross-border campaigns were active this period: not published.');
    expect(published['ko.md']).toContain('이번 기간에 활동한 국경을 넘는 캠페인이 3개 미만이어서 공개하지 않습니다.');
    // Two more operations, each reported here and in Korea in the period: three cross-border campaigns, with the
    // five reports holding a value of the first (r4 holds G), nine reports.
    for (const n of [1, 2])
      for (const [who, extra, at] of [
        ['r1', {}, day(1)],
        ['r2', { jurisdiction: 'KR' }, day(2)],
      ] as const) {
        const body = { scamType: 'job', channel: 'telegram', occurredAt: at, tlp: 'amber', ...extra };
        const indicators = [{ value: `cross-border-${n}-recruiter.top` }, { value: `cross-border-${n}-payout.top` }];
        expect((await call(`${api.url}/v1/reports`, { key: keys[who].key, body: { ...body, indicators } })).status).toBe(202);
      }
    await waitFor(async () => (await campaigns()).length === 3, 30000);
    expect((await campaigns()).reduce((n, c) => n + c.reports, 0)).toBe(9);
    const res = await call(`${api.url}/v1/bulletins`, { key: keys.spf.key, body: { from, to, languages: LANGS } });
    expect(res.status).toBe(202);
    expect(await settled(res.body.id)).toMatchObject({ status: 'ready' });
    const f = (await rendered(res.body.id, 'en', 'json', keys.spf.key)).body;
    expect(f.crossBorderCampaigns).toEqual({ active: 3, new: 3, reports: 9 });
    expect((await rendered(res.body.id, 'en', 'md', keys.spf.key)).body).toContain(
      '| Campaigns active this period with reports in both Singapore and South Korea | 3 |',
    );
    expect((await rendered(res.body.id, 'ko', 'html', keys.spf.key)).body).toMatch(
      /양국에서 신고된 캠페인<\/th><td class="num" data-label="이번 기간">3<\/td>[\s\S]*처음 확인된 이후\)<\/th><td class="num" data-label="이번 기간">9</,
    );
  });
});

describe('bulletins: auto-publish and defanged watch list by configuration', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  const keys: Record<string, { id: string; key: string }> = {};

  beforeAll(async () => {
    db = await createTestDatabase('bulletins_auto');
    const config = testConfig({
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      NODE_ID: 'kr-test',
      JURISDICTION: 'KR',
      BULLETIN_AUTO_PUBLISH: 'true',
      BULLETIN_MASK_STYLE: 'defang',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    for (const [name, role] of [
      ['k1', 'reporter'],
      ['k2', 'reporter'],
      ['k3', 'reporter'],
      ['knpa', 'analyst'],
    ] as const) {
      keys[name] = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body: { role, organisation: name, trust: 'medium' } })).body;
    }
  }, 60000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await db?.drop();
  });

  it('publishes as soon as it is ready, audited as automatic', async () => {
    const { from, to } = previousFullWeek(new Date(), 'Asia/Seoul');
    const ids: string[] = [];
    for (const who of ['k1', 'k2', 'k3']) {
      const res = await call(`${api.url}/v1/reports`, {
        key: keys[who].key,
        body: {
          scamType: 'loan',
          channel: 'kakaotalk',
          occurredAt: `${addDays(from, 2)}T12:00:00+09:00`,
          tlp: 'clear',
          indicators: [{ value: '010-1234-5678' }],
        },
      });
      ids.push(res.body.id);
    }
    await waitFor(async () => {
      for (const [i, who] of ['k1', 'k2', 'k3'].entries())
        if ((await call(`${api.url}/v1/reports/${ids[i]}`, { key: keys[who].key })).body.status !== 'processed') return false;
      return true;
    });
    const res = await call(`${api.url}/v1/bulletins`, { key: keys.knpa.key, body: { from, to, languages: ['ko'] } });
    expect(res.status).toBe(202);
    const listed = await waitFor(async () =>
      (await call(`${api.url}/v1/bulletins`)).body.bulletins.find((b: { id: string }) => b.id === res.body.id),
    );
    expect(listed).toMatchObject({ version: 1, languages: ['ko'], publishedAt: expect.any(String) });
    const f = (await call(`${api.url}/v1/bulletins/${res.body.id}?format=json`)).body;
    expect(f).toMatchObject({ jurisdiction: 'KR', maskStyle: 'defang', totals: { reports: { current: 3 } } });
    expect(f.watch).toEqual([{ type: 'phone', display: '+82 10-1234-5678', reports: 3, jurisdictions: ['KR'], scamTypes: ['loan'] }]);
    const audit = await call(`${api.url}/v1/audit`, { key: ADMIN });
    expect(audit.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'bulletin.published',
          actor: 'system:bulletins',
          subject: res.body.id,
          details: expect.objectContaining({ automatic: true }),
        }),
      ]),
    );
  });
});
