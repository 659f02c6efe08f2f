import { DataSource } from 'typeorm';
import { KeysRepository } from '../../libs/auth/src/keys.repository';
import { SessionsRepository } from '../../libs/web/src/console/sessions.repository';
import { ReceiptsRepository } from '../../libs/web/src/report/receipts.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { Seeder } from './seed';

const KEY = '00000000-0000-4000-8000-000000000100';
const hour = (h: number) => new Date(Date.now() + h * 3_600_000);

// The web lib's two small repositories (console sessions, public-form receipts) share a file.
describe('SessionsRepository and ReceiptsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let sessions: SessionsRepository;
  let receipts: ReceiptsRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('web_repo');
    ds = await openDataSource(db.url);
    sessions = new SessionsRepository(ds);
    receipts = new ReceiptsRepository(ds);
    await new KeysRepository(ds).insert({
      id: KEY,
      role: 'analyst',
      organisation: 'Ops',
      trust: 'high',
      partnerNodeId: null,
      keyHash: 'h',
    });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates, finds, touches and deletes sessions by the hash of their id', async () => {
    await sessions.create({ idHash: 's1', keyId: KEY, csrf: 'c1', expiresAt: hour(8) });
    await expect(sessions.create({ idHash: 's1', keyId: KEY, csrf: 'c2', expiresAt: hour(8) })).rejects.toThrow(/duplicate key/);
    const s = await sessions.find('s1');
    expect(s).toMatchObject({ keyId: KEY, csrf: 'c1' });
    await new Promise((r) => setTimeout(r, 5));
    await sessions.touch('s1');
    expect((await sessions.find('s1'))!.lastSeenAt.getTime()).toBeGreaterThan(s!.lastSeenAt.getTime());
    await sessions.delete('s1');
    expect(await sessions.find('s1')).toBeUndefined();
    await sessions.touch('nope');
    await sessions.delete('nope');
  });

  it('purges expired and idle sessions, and deletes every session of a key', async () => {
    await sessions.create({ idHash: 'expired', keyId: KEY, csrf: 'c', expiresAt: hour(-1) });
    await sessions.create({ idHash: 'live', keyId: KEY, csrf: 'c', expiresAt: hour(8) });
    await sessions.create({ idHash: 'idle', keyId: KEY, csrf: 'c', expiresAt: hour(8) });
    await sessions.purgeExpired(hour(-1));
    expect(await sessions.find('expired')).toBeUndefined();
    expect(await sessions.find('idle')).toBeDefined();
    await sessions.purgeExpired(hour(1));
    expect(await sessions.find('live')).toBeUndefined();
    await sessions.create({ idHash: 'a', keyId: KEY, csrf: 'c', expiresAt: hour(8) });
    await sessions.create({ idHash: 'b', keyId: KEY, csrf: 'c', expiresAt: hour(8) });
    expect(await sessions.deleteForKey(KEY)).toBe(2);
    expect(await sessions.deleteForKey(KEY)).toBe(0);
  });

  it('maps a receipt code to its report once: the same form sent twice keeps the first mapping', async () => {
    const [r1, r2] = await new Seeder(ds).reports({}, {});
    await receipts.save('code1', r1);
    await receipts.save('code1', r2);
    expect(await receipts.reportId('code1')).toBe(r1);
    expect(await receipts.reportId('unknown')).toBeUndefined();
  });
});
