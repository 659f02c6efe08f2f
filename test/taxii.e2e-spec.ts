import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { Client } from 'pg';
import { TLP_MARKING_IDS, jwkThumbprint, pseudonym, signRequest } from '@scamintel/exchange-core';
import { partnerCollectionId, publicCollectionId } from '@scamintel/taxii';
import { createTestDatabase, sqlClient } from './support/db';
import { RunningApi, call, startApi, startWorker, testConfig, waitFor } from './support/node';
import { recordEmitted } from './support/emitted-stix';
import { checkDocumented, fetchDocumented } from './support/openapi-contract';
import { fingerprint } from '@scamintel/vocabulary';

const ADMIN = 'taxii-admin-key-0123456789abcdef';
const NODE = 'sg-spf';
const TAXII = 'application/taxii+json;version=2.1';
const ALL_TYPES = ['phone', 'url', 'domain', 'email', 'ip', 'bank_account', 'crypto_wallet', 'social_handle'];
const KR_KEY = 'sg-kr-bilateral-taxii-key-2026!';
const KR_POLICY = { maxTlp: 'amber', types: ALL_TYPES, minConfidence: 0, pseudonymise: ['bank_account'], shareNarrative: true };
const JP_POLICY = { maxTlp: 'green', types: ['phone', 'url'], minConfidence: 0, pseudonymise: [], shareNarrative: false };
const TLP_RANK: Record<string, number> = { clear: 0, green: 1, amber: 2 };

const REPORTER = { name: 'Tan Ah Kow', contact: 'tan.ahkow@example.sg' };
const GREEN_NARRATIVE = 'Caller said he was from the bank fraud team and asked for my one-time code (green story)';
const RED_NARRATIVE = 'RED-ONLY account of the victim, never to leave Singapore';
const RED_URL = 'https://red-only-secret.top/login';
const STRICT_DOMAIN = 'amber-strict-only.top';
const ACCOUNT = 'SG:7171:1234567890';
const FIXED_TYPES = new Set(['identity', 'extension-definition', 'marking-definition']);
const FORBIDDEN = [
  REPORTER.name,
  REPORTER.contact,
  RED_NARRATIVE,
  RED_URL,
  'red-only-secret',
  STRICT_DOMAIN,
  ACCOUNT,
  '1234567890',
  TLP_MARKING_IDS.red,
  TLP_MARKING_IDS['amber+strict'],
  'reporter_contact',
];

interface Res {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

interface Walk {
  pages: Res[];
  objects: any[];
}

describe('TAXII 2.1 server', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let api: RunningApi;
  let worker: Awaited<ReturnType<typeof startWorker>>;
  let sql: Client;
  const keys: Record<string, string> = {};
  let krKeys: { privateKey: KeyObject; publicKey: KeyObject };
  const KR = partnerCollectionId(NODE, 'kr-knpa');
  const JP = partnerCollectionId(NODE, 'jp-npa');
  const PUBLIC = publicCollectionId(NODE);
  const base = () => `${api.url}/taxii2`;
  const col = (id: string) => `${base()}/api/collections/${id}`;

  async function taxii(
    url: string,
    opts: {
      key?: string;
      bearer?: boolean;
      accept?: string | null;
      method?: string;
      body?: string | Buffer;
      contentType?: string;
      authorization?: string;
    } = {},
  ): Promise<Res> {
    const headers: Record<string, string> = {};
    if (opts.accept !== null) headers.accept = opts.accept ?? TAXII;
    if (opts.authorization) headers.authorization = opts.authorization;
    else if (opts.key)
      headers.authorization = opts.bearer ? `Bearer ${opts.key}` : `Basic ${Buffer.from(`taxii-client:${opts.key}`).toString('base64')}`;
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const method = opts.method ?? 'GET';
    const res = await fetch(url, { method, headers, body: opts.body as BodyInit | undefined });
    const text = await res.text();
    checkDocumented({ method, url, status: res.status, contentType: res.headers.get('content-type'), text });
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: res.status, headers: res.headers, text, body };
  }

  /** Follows `next` the way a TAXII client does until `more` is false. */
  async function walk(url: string, key: string, limit: number, params = ''): Promise<Walk> {
    const pages: Res[] = [];
    let next: string | undefined;
    for (let i = 0; i < 500; i++) {
      const res = await taxii(`${url}?limit=${limit}${params}${next ? `&next=${encodeURIComponent(next)}` : ''}`, { key });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(TAXII);
      pages.push(res);
      const n = (res.body.objects ?? []).length;
      expect(n).toBeLessThanOrEqual(limit);
      if (!res.body.more) {
        expect(res.body.next).toBeUndefined();
        return { pages, objects: pages.flatMap((p) => p.body.objects ?? []) };
      }
      expect(n).toBeGreaterThan(0);
      expect(typeof res.body.next).toBe('string');
      next = res.body.next;
    }
    throw new Error('no last page after 500 pages');
  }

  const report = (over: Record<string, unknown>) => ({
    scamType: 'phishing',
    channel: 'call',
    occurredAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
    tlp: 'green',
    ...over,
  });
  async function submitAll(bodies: [string, Record<string, unknown>][]): Promise<void> {
    const ids: string[] = [];
    for (const [org, body] of bodies) {
      const r = await call(`${api.url}/v1/reports`, { key: keys[org], body });
      expect(r.status).toBe(202);
      ids.push(r.body.id);
    }
    await waitFor(async () => {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM reports WHERE id = ANY($1::uuid[]) AND status = 'processed'`, [ids]);
      return rows[0].n === ids.length;
    });
    // Rows become visible to the feed once no transaction that started before them is open (the export's horizon).
    await new Promise((r) => setTimeout(r, 600));
  }

  /** What the database says a collection must hold: fingerprints as sent (pseudonymised where agreed) → updated_at (µs). */
  async function expected(policy: { maxTlp: string; types: string[]; pseudonymise: string[] }, key?: string): Promise<Map<string, string>> {
    const { rows } = await sql.query(
      `SELECT i.fingerprint, i.type, i.value, to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS added
         FROM indicators i JOIN indicator_stats s ON s.fingerprint = i.fingerprint AND s.jurisdiction = 'SG'
        WHERE s.reports > 0 AND s.tlp_rank <= $1 AND i.type = ANY($2::text[])`,
      [TLP_RANK[policy.maxTlp], policy.types],
    );
    return new Map(
      rows.map((r) => [policy.pseudonymise.includes(r.type) ? fingerprint(r.type, pseudonym(key!, r.value)) : r.fingerprint, r.added]),
    );
  }

  const ext = (o: any) => o.extensions[Object.keys(o.extensions).find((k) => o.extensions[k].fingerprint)!];
  const indicatorsOf = (objects: any[]) => objects.filter((o) => o.type === 'indicator');
  const records = (objects: any[]) => objects.filter((o) => !FIXED_TYPES.has(o.type));

  beforeAll(async () => {
    db = await createTestDatabase('taxii');
    const config = testConfig({
      DATABASE_URL: db.url,
      BOOTSTRAP_ADMIN_KEY: ADMIN,
      NODE_ID: NODE,
      JURISDICTION: 'SG',
      EXCHANGE_PUSH_INTERVAL_MS: '3600000',
    });
    api = await startApi(config);
    worker = await startWorker(config);
    sql = await sqlClient(db.url);
    for (const [name, body] of [
      ['bankA', { role: 'reporter', organisation: 'bankA', trust: 'medium' }],
      ['bankB', { role: 'reporter', organisation: 'bankB', trust: 'medium' }],
      ['telcoC', { role: 'reporter', organisation: 'telcoC', trust: 'medium' }],
      ['analyst', { role: 'analyst', organisation: 'spf', trust: 'high' }],
      ['kr', { role: 'partner', organisation: 'knpa', partnerNodeId: 'kr-knpa' }],
      ['jp', { role: 'partner', organisation: 'npa', partnerNodeId: 'jp-npa' }],
      ['stranger', { role: 'partner', organisation: 'nobody', partnerNodeId: 'xx-none' }],
    ] as const) {
      const r = await call(`${api.url}/v1/admin/keys`, { key: ADMIN, body });
      expect(r.status).toBe(201);
      keys[name] = r.body.key;
    }
    krKeys = generateKeyPairSync('ed25519');
    const jpKeys = generateKeyPairSync('ed25519');
    for (const [nodeId, jurisdiction, pair, policy, pseudonymKey] of [
      ['kr-knpa', 'KR', krKeys, KR_POLICY, KR_KEY],
      ['jp-npa', 'JP', jpKeys, JP_POLICY, undefined],
    ] as const) {
      const r = await call(`${api.url}/v1/admin/partners`, {
        key: ADMIN,
        body: {
          nodeId,
          jurisdiction,
          baseUrl: 'http://127.0.0.1:9',
          publicKey: pair.publicKey.export({ type: 'spki', format: 'pem' }),
          policy,
          ...(pseudonymKey ? { pseudonymKey } : {}),
        },
      });
      expect(r.status).toBe(201);
    }
    await submitAll([
      ['bankA', report({ indicators: [{ value: '+65 8123 4567' }], narrative: GREEN_NARRATIVE, reporter: REPORTER })],
      ['telcoC', report({ indicators: [{ value: '+6581234567' }], tlp: 'red', narrative: RED_NARRATIVE })],
      ['bankA', report({ indicators: [{ value: RED_URL }], tlp: 'red', narrative: RED_NARRATIVE })],
      ['bankA', report({ indicators: [{ type: 'domain', value: STRICT_DOMAIN }], tlp: 'amber+strict' })],
      ['bankB', report({ indicators: [{ value: 'refund-desk@scam-mail-sg.top' }], tlp: 'clear', reporter: REPORTER })],
      ['bankB', report({ indicators: [{ type: 'bank_account', value: ACCOUNT }], tlp: 'amber' })],
      ['bankB', report({ indicators: [{ type: 'crypto_wallet', value: '0x52908400098527886e0f7030069857d2e4169ee7' }], tlp: 'amber' })],
      ['telcoC', report({ indicators: [{ type: 'domain', value: 'clear-scam-shop.top' }], tlp: 'clear' })],
      ...[1, 2, 3, 4].map(
        (n) =>
          ['bankA', report({ indicators: [{ value: `https://clear-phish-${n}.top/login` }], tlp: 'clear' })] as [
            string,
            Record<string, unknown>,
          ],
      ),
      ...[1, 2, 3, 4].map((n) => ['bankB', report({ indicators: [{ value: `+65 9000 000${n}` }] })] as [string, Record<string, unknown>]),
    ]);
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await sql?.end();
    await db?.drop();
  });

  it('discovery and API root, with and without the trailing slash', async () => {
    for (const url of [`${base()}/`, base()]) {
      const d = await taxii(url, { key: keys.kr });
      expect(d.status).toBe(200);
      expect(d.headers.get('content-type')).toBe(TAXII);
      expect(d.body).toMatchObject({
        title: expect.any(String),
        description: expect.any(String),
        default: '/taxii2/api/',
        api_roots: ['/taxii2/api/'],
      });
    }
    const root = await taxii(`${base()}/api/`, { key: keys.analyst, bearer: true });
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe(TAXII);
    expect(root.body).toEqual({
      title: expect.any(String),
      description: expect.any(String),
      versions: [TAXII],
      max_content_length: 1048576,
    });
  });

  it('collections: one per partner policy (visible to that partner and analysts) and public', async () => {
    const idsOf = async (key: string) =>
      ((await taxii(`${base()}/api/collections/`, { key })).body.collections ?? []).map((c: { id: string }) => c.id);
    expect(await idsOf(keys.kr)).toEqual([PUBLIC, KR]);
    expect(await idsOf(keys.jp)).toEqual([PUBLIC, JP]);
    expect(await idsOf(keys.stranger)).toEqual([PUBLIC]);
    expect((await idsOf(keys.analyst)).sort()).toEqual([PUBLIC, KR, JP].sort());
    for (const id of [KR, JP, PUBLIC]) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const kr = await taxii(`${col(KR)}/`, { key: keys.kr });
    expect(kr.status).toBe(200);
    expect(kr.body).toEqual({
      id: KR,
      alias: 'kr-knpa',
      title: expect.any(String),
      description: expect.any(String),
      can_read: true,
      can_write: false,
      media_types: ['application/stix+json;version=2.1'],
    });
    expect((await taxii(`${col('kr-knpa')}/`, { key: keys.kr })).body.id).toBe(KR);
    expect((await taxii(`${col('public')}/`, { key: keys.jp })).body).toMatchObject({ id: PUBLIC, alias: 'public', can_write: false });
  });

  describe('auth', () => {
    const url = () => `${col(KR)}/objects/`;
    it('401 without a key, with a Basic challenge and a TAXII error', async () => {
      const r = await taxii(url());
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Basic realm="scamintel"');
      expect(r.headers.get('content-type')).toBe(TAXII);
      expect(r.body).toMatchObject({
        title: expect.any(String),
        http_status: '401',
        error_code: 'unauthenticated',
        error_id: expect.any(String),
      });
      const bad = await taxii(url(), { key: 'si_not-a-key' });
      expect(bad.status).toBe(401);
      expect(bad.headers.get('www-authenticate')).toBe('Basic realm="scamintel"');
    });
    it('403 for reporter and admin keys', async () => {
      for (const key of [keys.bankA, ADMIN]) {
        const r = await taxii(`${base()}/api/collections/`, { key });
        expect(r.status).toBe(403);
        expect(r.headers.get('content-type')).toBe(TAXII);
        expect(r.body).toMatchObject({ http_status: '403', error_code: 'forbidden' });
      }
    });
    it("404 for another partner's collection, by id or alias, on every route", async () => {
      for (const [key, other] of [
        [keys.kr, JP],
        [keys.kr, 'jp-npa'],
        [keys.jp, KR],
        [keys.stranger, KR],
        [keys.stranger, 'kr-knpa'],
      ]) {
        for (const path of ['/', '/objects/', '/manifest/']) {
          const r = await taxii(`${col(other)}${path}`, { key });
          expect(r.status).toBe(404);
          expect(r.body).toMatchObject({ http_status: '404', error_code: 'not_found' });
        }
      }
      const unknown = await taxii(`${col('6f0c9a58-4a0e-4f43-9b1a-2b3c4d5e6f70')}/`, { key: keys.analyst });
      expect(unknown.status).toBe(404);
    });
    it('HTTP Basic (the key as password) and Bearer both work', async () => {
      expect((await taxii(url(), { key: keys.kr })).status).toBe(200);
      expect((await taxii(url(), { key: keys.kr, bearer: true })).status).toBe(200);
      expect((await taxii(url(), { authorization: `Basic ${Buffer.from(`kr-knpa:${keys.kr}x`).toString('base64')}` })).status).toBe(401);
    });
  });

  describe('paging', () => {
    let full: Walk;
    beforeAll(async () => {
      full = await walk(`${col(KR)}/objects/`, keys.kr, 1000);
    });

    it('a small limit pages through every object exactly once, the same sequence as one big page, matching the database', async () => {
      expect(full.pages).toHaveLength(1);
      const want = await expected(KR_POLICY, KR_KEY);
      expect(want.size).toBeGreaterThanOrEqual(13);
      for (const limit of [1, 4, 5, 7]) {
        const w = await walk(`${col(KR)}/objects/`, keys.kr, limit);
        expect(w.pages.length).toBe(Math.ceil(full.objects.length / limit));
        expect(w.objects.map((o) => o.id)).toEqual(full.objects.map((o) => o.id));
      }
      const ids = full.objects.map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      const inds = indicatorsOf(full.objects);
      expect(inds.map((o) => ext(o).fingerprint).sort()).toEqual([...want.keys()].sort());
      // Every record is whole: its SCO (the pattern's object) and its sighting are there too.
      for (const ind of inds) {
        expect(full.objects.filter((o) => o.type === 'sighting' && o.sighting_of_ref === ind.id)).toHaveLength(1);
      }
      expect(records(full.objects)).toHaveLength(3 * want.size);
      // Fixed objects first: identities, extension definitions, the TLP markings up to amber.
      const fixed = full.objects.filter((o) => FIXED_TYPES.has(o.type));
      expect(full.objects.slice(0, fixed.length)).toEqual(fixed);
      expect(
        fixed
          .filter((o) => o.type === 'marking-definition')
          .map((o) => o.id)
          .sort(),
      ).toEqual([TLP_MARKING_IDS.clear, TLP_MARKING_IDS.green, TLP_MARKING_IDS.amber].sort());
    });

    it('holds the same records the signed exchange sends that partner', async () => {
      const url = `${api.url}/v1/exchange/outbox?limit=1000`;
      const signed = signRequest({ method: 'GET', targetUri: url, keyId: jwkThumbprint(krKeys.publicKey), privateKey: krKeys.privateKey });
      const res = await fetchDocumented(url, { headers: signed as unknown as Record<string, string> });
      expect(res.status).toBe(200);
      const pulled = (await res.json()) as { objects: any[]; more: boolean };
      expect(pulled.more).toBe(false);
      // Confidence decays with time in the policing model, so it may move by a point between the two reads.
      const comparable = (objects: any[]) => new Map(records(objects).map((o) => [o.id, { ...o, confidence: undefined }]));
      expect(comparable(full.objects)).toEqual(comparable(pulled.objects));
      expect(records(full.objects).length).toBeGreaterThan(0);
    });

    it('manifest entries match the objects, date_added is updated_at to the microsecond, version is modified', async () => {
      const m = await walk(`${col(KR)}/manifest/`, keys.kr, 4);
      const entries = m.objects;
      expect(entries.map((e) => e.id)).toEqual(full.objects.map((o) => o.id));
      const want = await expected(KR_POLICY, KR_KEY);
      const byId = new Map(full.objects.map((o) => [o.id, o]));
      let previous = '';
      for (const e of entries) {
        expect(Object.keys(e).sort()).toEqual(['date_added', 'id', 'media_type', 'version']);
        expect(e.media_type).toBe('application/stix+json;version=2.1');
        expect(e.date_added).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
        expect(e.date_added >= previous).toBe(true);
        previous = e.date_added;
        const o = byId.get(e.id);
        expect(e.version).toBe(o.modified ?? o.created ?? e.date_added);
        if (o.type === 'indicator') expect(e.date_added).toBe(want.get(ext(o).fingerprint));
      }
      // The headers bracket each page's date_added values.
      for (const p of m.pages) {
        const dates = (p.body.objects ?? []).map((e: { date_added: string }) => e.date_added);
        if (!dates.length) continue;
        expect(p.headers.get('x-taxii-date-added-first')).toBe(dates[0]);
        expect(p.headers.get('x-taxii-date-added-last')).toBe(dates[dates.length - 1]);
      }
    });

    it('objects pages carry X-TAXII-Date-Added-First/-Last too', async () => {
      const m = (await taxii(`${col(KR)}/manifest/`, { key: keys.kr })).body.objects;
      const w = await walk(`${col(KR)}/objects/`, keys.kr, 6);
      let at = 0;
      for (const p of w.pages) {
        const n = p.body.objects.length;
        expect(p.headers.get('x-taxii-date-added-first')).toBe(m[at].date_added);
        expect(p.headers.get('x-taxii-date-added-last')).toBe(m[at + n - 1].date_added);
        at += n;
      }
    });

    it('a next value only works with the collection and filters it came from', async () => {
      const first = await taxii(`${col(KR)}/objects/?limit=2`, { key: keys.kr });
      const next = encodeURIComponent(first.body.next);
      expect((await taxii(`${col(KR)}/objects/?limit=2&next=${next}`, { key: keys.kr })).status).toBe(200);
      expect((await taxii(`${col(PUBLIC)}/objects/?limit=2&next=${next}`, { key: keys.kr })).status).toBe(400);
      expect((await taxii(`${col(KR)}/objects/?limit=2&next=${next}&match[type]=indicator`, { key: keys.kr })).status).toBe(400);
      const garbage = await taxii(`${col(KR)}/objects/?next=not-a-cursor`, { key: keys.kr });
      expect(garbage.status).toBe(400);
      expect(garbage.body).toMatchObject({ http_status: '400', error_code: 'validation_failed', details: { next: expect.any(String) } });
      expect((await taxii(`${col(KR)}/objects/?limit=0`, { key: keys.kr })).status).toBe(400);
    });
  });

  describe('filters', () => {
    let manifest: { id: string; date_added: string; version: string }[];
    beforeAll(async () => {
      manifest = (await taxii(`${col(KR)}/manifest/`, { key: keys.kr })).body.objects;
    });

    it('added_after returns exactly the objects added later', async () => {
      const dates = [...new Set(manifest.map((e) => e.date_added))];
      expect(dates.length).toBeGreaterThan(5);
      for (const t of [dates[0], dates[3], dates[dates.length - 2]]) {
        const w = await walk(`${col(KR)}/objects/`, keys.kr, 4, `&added_after=${encodeURIComponent(t)}`);
        expect(w.objects.map((o) => o.id)).toEqual(manifest.filter((e) => e.date_added > t).map((e) => e.id));
      }
      const none = await taxii(`${col(KR)}/objects/?added_after=${encodeURIComponent(dates[dates.length - 1])}`, { key: keys.kr });
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ more: false });
      expect(none.headers.get('x-taxii-date-added-first')).toBeNull();
      expect((await taxii(`${col(KR)}/objects/?added_after=yesterday`, { key: keys.kr })).status).toBe(400);
    });

    it('match[type] and match[id] select objects; a single object and its versions', async () => {
      const inds = await walk(`${col(KR)}/objects/`, keys.kr, 3, '&match[type]=indicator');
      expect(inds.objects.every((o) => o.type === 'indicator')).toBe(true);
      expect(inds.objects.map((o) => o.id)).toEqual(manifest.filter((e) => e.id.startsWith('indicator--')).map((e) => e.id));
      const two = await walk(`${col(KR)}/objects/`, keys.kr, 5, '&match[type]=sighting,phone-number');
      expect(two.objects.map((o) => o.id)).toEqual(manifest.filter((e) => /^(sighting|phone-number)--/.test(e.id)).map((e) => e.id));
      expect(two.objects.some((o) => o.type === 'phone-number')).toBe(true);

      const target = inds.objects[2];
      const byId = await taxii(`${col(KR)}/objects/?match[id]=${target.id}`, { key: keys.kr });
      expect(byId.body).toEqual({ more: false, objects: [target] });
      const one = await taxii(`${col(KR)}/objects/${target.id}/`, { key: keys.kr });
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ more: false, objects: [target] });
      const entry = manifest.find((e) => e.id === target.id)!;
      expect(one.headers.get('x-taxii-date-added-first')).toBe(entry.date_added);
      const versions = await taxii(`${col(KR)}/objects/${target.id}/versions/`, { key: keys.kr });
      expect(versions.body).toEqual({ more: false, versions: [target.modified] });
      expect(
        (await taxii(`${col(KR)}/objects/${target.id}/?match[version]=${encodeURIComponent(target.modified)}`, { key: keys.kr })).body
          .objects,
      ).toEqual([target]);
      expect((await taxii(`${col(KR)}/objects/${target.id}/?match[version]=2020-01-01T00:00:00.000Z`, { key: keys.kr })).body).toEqual({
        more: false,
      });
      expect((await taxii(`${col(KR)}/objects/indicator--00000000-0000-4000-8000-000000000000/`, { key: keys.kr })).status).toBe(404);
      expect((await taxii(`${col(KR)}/objects/not-a-stix-id/`, { key: keys.kr })).status).toBe(404);
      // Observables, sightings and the fixed objects are found by id too.
      const sighting = two.objects.find((o) => o.type === 'sighting');
      const phone = two.objects.find((o) => o.type === 'phone-number');
      const identity = (await taxii(`${col(KR)}/objects/?match[type]=identity`, { key: keys.kr })).body.objects[0];
      for (const o of [sighting, phone, identity])
        expect((await taxii(`${col(KR)}/objects/${o.id}/`, { key: keys.kr })).body).toEqual({ more: false, objects: [o] });
      const pair = await taxii(`${col(KR)}/objects/?match[id]=${phone.id},${sighting.id}`, { key: keys.kr });
      expect(pair.body.objects.map((o: { id: string }) => o.id)).toEqual(
        manifest.filter((e) => e.id === phone.id || e.id === sighting.id).map((e) => e.id),
      );
      // An object of another collection is not in this one.
      const publicIds = (await taxii(`${col(PUBLIC)}/objects/?match[type]=indicator`, { key: keys.analyst })).body.objects.map(
        (o: { id: string }) => o.id,
      );
      const krIndicators = new Set(inds.objects.map((o) => o.id));
      expect(publicIds.every((id: string) => krIndicators.has(id))).toBe(true);
      const sco = two.objects.find((o) => o.type === 'phone-number');
      expect((await taxii(`${col(PUBLIC)}/objects/${sco.id}/`, { key: keys.analyst })).status).toBe(404);
      const bad = await taxii(`${col(KR)}/objects/?match[type]=Not%20A%20Type`, { key: keys.kr });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toHaveProperty(['match[type]']);
    });
  });

  describe('content', () => {
    it('public: TLP:CLEAR only, values in clear, no narratives, matching the database', async () => {
      const w = await walk(`${col(PUBLIC)}/objects/`, keys.jp, 5);
      const want = await expected({ maxTlp: 'clear', types: ALL_TYPES, pseudonymise: [] });
      expect(
        indicatorsOf(w.objects)
          .map((o) => ext(o).fingerprint)
          .sort(),
      ).toEqual([...want.keys()].sort());
      for (const o of w.objects) {
        if (o.object_marking_refs) expect(o.object_marking_refs).toEqual([TLP_MARKING_IDS.clear]);
        expect(o.type).not.toBe('scamintel-pseudonym');
      }
      for (const ind of indicatorsOf(w.objects)) expect(ext(ind)).toMatchObject({ pseudonymised: false });
      expect(w.objects.filter((o) => o.type === 'marking-definition').map((o) => o.id)).toEqual([TLP_MARKING_IDS.clear]);
      expect(indicatorsOf(w.objects).filter((o) => 'narratives' in ext(o))).toEqual([]);
    });

    it("a partner's collection follows its policy: pseudonyms, narratives only from shareable reports, its types and TLPs", async () => {
      const kr = (await walk(`${col(KR)}/objects/`, keys.kr, 50)).objects;
      const account = kr.find((o) => o.type === 'scamintel-pseudonym');
      expect(account).toMatchObject({ indicator_type: 'bank_account', value: pseudonym(KR_KEY, ACCOUNT) });
      const phone = indicatorsOf(kr).find((o) => ext(o).fingerprint === fingerprint('phone', '+6581234567'))!;
      expect(ext(phone).narratives).toEqual([GREEN_NARRATIVE]);
      expect(phone.object_marking_refs).toEqual([TLP_MARKING_IDS.green]);

      const jp = (await walk(`${col(JP)}/objects/`, keys.jp, 50)).objects;
      const want = await expected(JP_POLICY);
      expect(
        indicatorsOf(jp)
          .map((o) => ext(o).fingerprint)
          .sort(),
      ).toEqual([...want.keys()].sort());
      expect(new Set(indicatorsOf(jp).map((o) => ext(o).indicator_type))).toEqual(new Set(['phone', 'url']));
      for (const o of jp)
        if (o.object_marking_refs) expect([TLP_MARKING_IDS.clear, TLP_MARKING_IDS.green]).toContain(o.object_marking_refs[0]);
      expect(indicatorsOf(jp).filter((o) => 'narratives' in ext(o))).toEqual([]);
    });

    it('nothing TLP red or amber+strict, no reporter data, in any collection; objects kept for the schema check', async () => {
      const emitted: { type: string; id: string }[] = [];
      for (const id of [KR, JP, PUBLIC]) {
        for (const route of ['objects', 'manifest']) {
          const w = await walk(`${col(id)}/${route}/`, keys.analyst, 7);
          const text = w.pages.map((p) => p.text).join('\n');
          for (const forbidden of FORBIDDEN) expect(text).not.toContain(forbidden);
          if (route === 'objects') emitted.push(...w.objects);
        }
      }
      // Schema validity is checked by `npm run test:conformance` over these (it needs ../shared).
      recordEmitted('taxii-collections', emitted);
    });
  });

  it('a later change re-adds the record with a new version after added_after', async () => {
    const before = (await taxii(`${col(KR)}/manifest/`, { key: keys.kr })).body.objects as {
      id: string;
      date_added: string;
      version: string;
    }[];
    const last = before[before.length - 1].date_added;
    await submitAll([['telcoC', report({ indicators: [{ value: '+65 9000 0001' }] })]]);
    const fp = fingerprint('phone', '+6590000001');
    const res = await taxii(`${col(KR)}/objects/?added_after=${encodeURIComponent(last)}`, { key: keys.kr });
    expect(res.status).toBe(200);
    expect(res.body.more).toBe(false);
    expect(res.body.objects.map((o: { type: string }) => o.type)).toEqual(['phone-number', 'indicator', 'sighting']);
    const ind = res.body.objects[1];
    expect(ext(ind).fingerprint).toBe(fp);
    expect(ind.modified > before.find((e) => e.id === ind.id)!.version).toBe(true);
    expect(res.body.objects[2].count).toBe(2);
    const { rows } = await sql.query(
      `SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS added FROM indicators WHERE fingerprint = $1`,
      [fp],
    );
    expect(res.headers.get('x-taxii-date-added-first')).toBe(rows[0].added);
    expect(res.headers.get('x-taxii-date-added-last')).toBe(rows[0].added);
    // Still every object exactly once: the changed record moved to the end.
    const after = await walk(`${col(KR)}/objects/`, keys.kr, 4);
    expect(after.objects.map((o) => o.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect(after.objects.slice(-3).map((o) => o.id)).toEqual(res.body.objects.map((o: { id: string }) => o.id));
  });

  describe('media types', () => {
    const url = () => `${col(KR)}/objects/?limit=1`;
    it('406 unless Accept admits application/taxii+json;version=2.1', async () => {
      for (const accept of [
        'application/json',
        'application/taxii+json;version=2.0',
        'text/html, application/json;q=0.9',
        'application/taxii+json;version=2.1;q=0',
      ]) {
        const r = await taxii(url(), { key: keys.kr, accept });
        expect(r.status).toBe(406);
        expect(r.headers.get('content-type')).toBe(TAXII);
        expect(r.body).toMatchObject({ http_status: '406', error_code: 'not_acceptable' });
      }
      for (const accept of [
        '*/*',
        'application/*',
        'application/taxii+json',
        TAXII,
        'application/taxii+json; version=2.1',
        'application/json;q=0.5, application/taxii+json;version=2.1',
        null,
      ]) {
        const r = await taxii(url(), { key: keys.kr, accept });
        expect(r.status).toBe(200);
        expect(r.headers.get('content-type')).toBe(TAXII);
      }
    });

    it('the collections are read-only: 415 for a wrong Content-Type, 413 above the limit, else 403', async () => {
      const envelope = JSON.stringify({ objects: [] });
      const post = (contentType: string | undefined, body: string | Buffer = envelope, id = KR, key: string | null = keys.kr) =>
        taxii(`${col(id)}/objects/`, { key: key ?? undefined, method: 'POST', contentType, body });
      for (const contentType of [
        'application/json',
        'application/stix+json;version=2.1',
        'application/taxii+json;version=2.0',
        'text/plain',
        'application/xml',
      ]) {
        const r = await post(contentType);
        expect(r.status).toBe(415);
        expect(r.headers.get('content-type')).toBe(TAXII);
        expect(r.body).toMatchObject({ title: expect.any(String), http_status: '415', error_code: 'unsupported_media_type' });
      }
      const denied = await post(TAXII);
      expect(denied.status).toBe(403);
      expect(denied.body).toMatchObject({ http_status: '403' });
      const big = await post(TAXII, Buffer.alloc(1024 * 1024 + 10, 0x20));
      expect(big.status).toBe(413);
      expect(big.headers.get('content-type')).toBe(TAXII);
      expect(big.body).toMatchObject({ http_status: '413' });
      expect((await post(TAXII, envelope, JP)).status).toBe(404);
      expect((await post(TAXII, envelope, KR, null)).status).toBe(401);
      const del = await taxii(`${col(KR)}/objects/indicator--00000000-0000-4000-8000-000000000000/`, { key: keys.kr, method: 'DELETE' });
      expect(del.status).toBe(403);
    });

    it('unknown TAXII paths answer with a TAXII error too', async () => {
      const r = await taxii(`${base()}/other-root/`, { key: keys.kr });
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toBe(TAXII);
      expect(r.body).toMatchObject({ http_status: '404', error_id: expect.any(String) });
    });
  });

  it("a partner's reads are audited; an analyst's are not", async () => {
    const count = async () =>
      (await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'taxii.served'`)).rows[0].n as number;
    const before = await count();
    await taxii(`${col(KR)}/objects/?limit=3`, { key: keys.kr });
    expect(await count()).toBe(before + 1);
    const { rows } = await sql.query(
      `SELECT actor, subject, details FROM audit_log WHERE action = 'taxii.served' ORDER BY seq DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ subject: 'kr-knpa', details: { collection: KR, route: 'objects', objects: 3, more: true } });
    await taxii(`${col(KR)}/objects/?limit=3`, { key: keys.analyst });
    expect(await count()).toBe(before + 1);
  });
});
