import { DataSource } from 'typeorm';
import { KeysRepository } from '../../libs/auth/src/keys.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('KeysRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: KeysRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('keys_repo');
    ds = await openDataSource(db.url);
    repo = new KeysRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('stores a key with its profile and finds it by hash or id while active; a hash is taken once', async () => {
    expect(await repo.hasActiveAdmin()).toBe(false);
    const bank = await repo.insert({
      id: ID(1),
      role: 'reporter',
      organisation: 'Bank',
      trust: 'high',
      partnerNodeId: null,
      keyHash: 'h1',
      profile: { sector: 'bank', bankCodes: ['7171'], platforms: [], jurisdiction: 'SG' },
    });
    expect(bank).toMatchObject({ id: ID(1), sector: 'bank', bankCodes: ['7171'], platforms: [], jurisdiction: 'SG', revokedAt: null });
    await repo.insert({ id: ID(2), role: 'reporter', organisation: 'Plain', trust: 'medium', partnerNodeId: null, keyHash: 'h2' });
    await repo.insert({ id: ID(3), role: 'admin', organisation: 'Ops', trust: 'high', partnerNodeId: null, keyHash: 'h3' });
    await expect(
      repo.insert({ id: ID(4), role: 'admin', organisation: 'Dup', trust: 'high', partnerNodeId: null, keyHash: 'h3' }),
    ).rejects.toThrow(/duplicate key/);
    expect((await repo.findActiveByHash('h2'))?.id).toBe(ID(2));
    expect((await repo.findActiveById(ID(2)))?.sector).toBeNull();
    expect(await repo.findActiveByHash('nope')).toBeUndefined();
    expect(await repo.hasActiveAdmin()).toBe(true);
    expect((await repo.list()).map((k) => k.id)).toEqual([ID(1), ID(2), ID(3)]);
    expect((await repo.organisations()).map((k) => k.id)).toEqual([ID(1)]);
  });

  it('revoking keeps the first revocation time and hides the key from the active reads; unknown ids are undefined', async () => {
    const first = await repo.revoke(ID(3));
    expect(first?.revokedAt).toBeInstanceOf(Date);
    expect((await repo.revoke(ID(3)))?.revokedAt).toEqual(first?.revokedAt);
    expect(await repo.hasActiveAdmin()).toBe(false);
    expect(await repo.findActiveByHash('h3')).toBeUndefined();
    expect(await repo.findActiveById(ID(3))).toBeUndefined();
    expect(await repo.revoke(ID(99))).toBeUndefined();
    await repo.revoke(ID(1));
    expect(await repo.organisations()).toEqual([]);
    expect(await repo.list()).toHaveLength(3);
  });
});
