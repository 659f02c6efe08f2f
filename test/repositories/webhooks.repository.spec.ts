import { DataSource } from 'typeorm';
import { KeysRepository } from '../../libs/auth/src/keys.repository';
import { WebhooksRepository } from '../../libs/webhooks/src/webhooks.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const KEY = ID(100);
const OTHER_KEY = ID(101);

describe('WebhooksRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: WebhooksRepository;
  let keys: KeysRepository;
  const sub = (n: number, events = ['indicator.listed'], keyId = KEY) =>
    repo.insert({
      id: ID(n),
      keyId,
      url: `https://hooks.example.org/${n}`,
      events,
      filter: n === 1 ? { types: ['url'] } : null,
      secret: 's',
    });
  const delivery = (id: string, subscriptionId = ID(1)) => ({ id, subscriptionId, type: 'indicator.listed', body: '{}' });

  beforeAll(async () => {
    db = await createTemplatedDatabase('webhooks_repo');
    ds = await openDataSource(db.url);
    repo = new WebhooksRepository(ds);
    keys = new KeysRepository(ds);
    const profile = { sector: 'bank' as const, bankCodes: ['7171'], platforms: [], jurisdiction: 'SG' };
    await keys.insert({ id: KEY, role: 'reporter', organisation: 'Bank', trust: 'high', partnerNodeId: null, keyHash: 'h1', profile });
    await keys.insert({ id: OTHER_KEY, role: 'reporter', organisation: 'Telco', trust: 'medium', partnerNodeId: null, keyHash: 'h2' });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('subscribes, lists a key’s own subscriptions and finds active ones by event with their key’s profile', async () => {
    expect(await sub(1)).toMatchObject({ id: ID(1), keyId: KEY, filter: { types: ['url'] }, failures: 0, disabledAt: null });
    await sub(2, ['action.created']);
    await sub(3, ['indicator.listed'], OTHER_KEY);
    expect((await repo.ofKey(KEY)).map((s) => s.id)).toEqual([ID(1), ID(2)]);
    expect(await repo.ofKey(ID(999))).toEqual([]);
    expect((await repo.get(ID(2)))?.events).toEqual(['action.created']);
    expect(await repo.get(ID(999))).toBeUndefined();
    const active = await repo.activeFor('indicator.listed');
    expect(active.map((s) => s.id).sort()).toEqual([ID(1), ID(3)]);
    expect(active.find((s) => s.id === ID(1))?.key).toEqual({
      role: 'reporter',
      organisation: 'Bank',
      profile: { sector: 'bank', bankCodes: ['7171'], platforms: [], jurisdiction: 'SG' },
    });
    await keys.revoke(OTHER_KEY);
    expect((await repo.activeFor('indicator.listed')).map((s) => s.id)).toEqual([ID(1)]);
    expect(await repo.activeFor('nothing.subscribes')).toEqual([]);
  });

  it('records attempts: success resets failures, final failures disable after the limit, a settled delivery ignores more', async () => {
    await repo.addDeliveries([]);
    await repo.addDeliveries([delivery('d1'), delivery('d2'), delivery('d3')]);
    expect(await repo.recordAttempt('d1', { ok: false, status: 500, error: 'e'.repeat(600), final: false }, 2)).toEqual({
      disabled: false,
    });
    expect(await repo.recordAttempt('d1', { ok: true, status: 200, error: null, final: false }, 2)).toEqual({ disabled: false });
    expect(await repo.recordAttempt('d1', { ok: false, status: 500, error: null, final: true }, 2)).toEqual({ disabled: false });
    const d1 = await repo.delivery('d1');
    expect(d1).toMatchObject({ status: 'delivered', attempts: 2, lastStatus: 200, subscription: { id: ID(1), failures: 0 } });
    expect(d1?.deliveredAt).toBeInstanceOf(Date);
    expect(await repo.recordAttempt('d2', { ok: false, status: 500, error: 'boom', final: true }, 2)).toEqual({ disabled: false });
    expect(await repo.recordAttempt('d3', { ok: false, status: null, error: 'timeout', final: true }, 2)).toEqual({ disabled: true });
    expect((await repo.get(ID(1)))?.disabledReason).toBe('2 events in a row failed every attempt');
    expect((await repo.deliveries(ID(1), 10)).map((d) => d.status).sort()).toEqual(['delivered', 'failed', 'failed']);
    expect(await repo.deliveries(ID(1), 1)).toHaveLength(1);
    expect(await repo.delivery('nope')).toBeUndefined();
    expect(await repo.recordAttempt('nope', { ok: true, status: 200, error: null, final: false }, 2)).toEqual({ disabled: false });
  });

  it('replays failed deliveries (or the chosen ones) and enables the subscription again', async () => {
    expect((await repo.replay(ID(1), {})).sort()).toEqual(['d2', 'd3']);
    expect(await repo.get(ID(1))).toMatchObject({ disabledAt: null, failures: 0 });
    expect(await repo.replay(ID(1), {})).toEqual([]);
    expect(await repo.replay(ID(1), { ids: ['d1'] })).toEqual(['d1']);
    expect(await repo.replay(ID(1), { since: new Date(Date.now() + 60_000) })).toEqual([]);
    expect(await repo.stalePending(0, 10)).toEqual(expect.arrayContaining(['d1', 'd2', 'd3']));
    expect(await repo.stalePending(3_600_000, 10)).toEqual([]);
  });

  it('removing is the owner’s alone, once, and cancels pending deliveries', async () => {
    expect(await repo.remove(ID(1), OTHER_KEY)).toBe(false);
    expect(await repo.remove(ID(1), KEY)).toBe(true);
    expect(await repo.remove(ID(1), KEY)).toBe(false);
    expect((await repo.deliveries(ID(1), 10)).map((d) => d.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect((await repo.get(ID(1)))?.deletedAt).toBeInstanceOf(Date);
    expect((await repo.ofKey(KEY)).map((s) => s.id)).toEqual([ID(2)]);
    expect(await repo.stalePending(0, 10)).toEqual([]);
    expect(await repo.replay(ID(1), {})).toEqual([]);
  });
});
