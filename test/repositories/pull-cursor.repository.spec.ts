import { DataSource } from 'typeorm';
import { PartnersRepository } from '../../libs/exchange/src/partners/partners.repository';
import { PullCursorRepository } from '../../libs/exchange/src/pull/pull-cursor.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { partner } from './seed';

describe('PullCursorRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: PullCursorRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('pull_cursor_repo');
    ds = await openDataSource(db.url);
    repo = new PullCursorRepository(ds);
    await new PartnersRepository(ds).upsert(partner('kr-node', { mode: 'pull' }));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates the cursor at the start on first use, moves it by compare-and-set and notes errors', async () => {
    expect(await repo.find('kr-node')).toBeUndefined();
    expect(await repo.get('kr-node')).toMatchObject({ after: null, pages: 0, objects: 0, lastSuccessAt: null });
    expect(await repo.get('kr-node')).toMatchObject({ after: null, pages: 0 });
    expect(await repo.advance('kr-node', null, 'n1', 40)).toBe(true);
    expect(await repo.advance('kr-node', null, 'n2', 40)).toBe(false);
    await repo.noteError('kr-node', 'e'.repeat(700));
    expect((await repo.find('kr-node'))?.lastError).toHaveLength(500);
    expect(await repo.advance('kr-node', 'n1', null, 2)).toBe(true);
    const state = await repo.find('kr-node');
    expect(state).toMatchObject({ after: null, pages: 2, objects: 42, lastError: null });
    expect(state?.lastSuccessAt).toBeInstanceOf(Date);
    expect([...(await repo.all()).keys()]).toEqual(['kr-node']);
    expect(await repo.advance('nobody', null, 'n1', 1)).toBe(false);
  });

  it('a cursor of an unregistered partner cannot be created (the registration owns it)', async () => {
    await expect(repo.get('nobody')).rejects.toThrow(/foreign key/);
  });
});
