import { call, startApi, testConfig, RunningApi } from './support/node';
import { createTestDatabase } from './support/db';

const ADMIN = 'organisations-admin-key-0123456789abcdef';

describe('organisation profiles on reporter keys (CONTRACT §12)', () => {
  let api: RunningApi;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  beforeAll(async () => {
    db = await createTestDatabase('organisations');
    api = await startApi(testConfig({ DATABASE_URL: db.url, BOOTSTRAP_ADMIN_KEY: ADMIN }));
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  const create = (body: unknown) => call(`${api.url}/v1/admin/keys`, { key: ADMIN, body });

  it('POST /v1/admin/keys takes sector, bankCodes, platforms and jurisdiction and shows them, as GET does', async () => {
    const bank = await create({
      role: 'reporter',
      organisation: 'DBS Bank',
      trust: 'high',
      sector: 'bank',
      bankCodes: ['7171'],
      jurisdiction: 'SG',
    });
    expect(bank.status).toBe(201);
    expect(bank.body).toMatchObject({ sector: 'bank', bankCodes: ['7171'], platforms: [], jurisdiction: 'SG' });
    const platform = await create({ role: 'reporter', organisation: 'Telegram', sector: 'platform', platforms: ['telegram', 'T.me'] });
    expect(platform.body).toMatchObject({ sector: 'platform', bankCodes: [], platforms: ['t.me', 'telegram'], jurisdiction: null });
    const analyst = await create({ role: 'analyst', organisation: 'SPF ASC' });
    expect(analyst.body).toMatchObject({ sector: null, bankCodes: [], platforms: [], jurisdiction: null });
    const list = await call(`${api.url}/v1/admin/keys`, { key: ADMIN });
    const byId = new Map(list.body.keys.map((k: any) => [k.id, k]));
    expect(byId.get(bank.body.id)).toMatchObject({ sector: 'bank', bankCodes: ['7171'], jurisdiction: 'SG' });
    expect(byId.get(platform.body.id)).toMatchObject({ sector: 'platform', platforms: ['t.me', 'telegram'] });
  });

  it.each([
    [{ role: 'reporter', organisation: 'x', sector: 'casino' }, 'sector'],
    [{ role: 'reporter', organisation: 'x', sector: 'telco', bankCodes: ['7171'] }, 'bankCodes'],
    [{ role: 'reporter', organisation: 'x', sector: 'bank', bankCodes: ['DBS'] }, 'bankCodes'],
    [{ role: 'reporter', organisation: 'x', sector: 'bank', platforms: ['telegram'] }, 'platforms'],
    [{ role: 'reporter', organisation: 'x', sector: 'telco', jurisdiction: 'Singapore' }, 'jurisdiction'],
    [{ role: 'analyst', organisation: 'x', sector: 'government' }, 'sector'],
    [{ role: 'reporter', organisation: 'x', sector: 'bank', bankCodes: '7171' }, 'bankCodes'],
  ])('refuses %j with 400 at %s and creates nothing', async (body, path) => {
    const before = (await call(`${api.url}/v1/admin/keys`, { key: ADMIN })).body.keys.length;
    const res = await create(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: any) => d.path)).toContain(path);
    expect((await call(`${api.url}/v1/admin/keys`, { key: ADMIN })).body.keys.length).toBe(before);
  });
});
