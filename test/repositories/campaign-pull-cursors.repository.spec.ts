import { DataSource } from 'typeorm';
import { CampaignPullCursors } from '../../libs/campaigns/src/exchange/pull-cursor.repository';
import { PartnersRepository } from '../../libs/exchange/src/partners/partners.repository';
import { PullCursorRepository } from '../../libs/exchange/src/pull/pull-cursor.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';
import { partner } from './seed';

describe('CampaignPullCursors (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTemplatedDatabase('campaign_pull_cursors');
    ds = await openDataSource(db.url);
    await new PartnersRepository(ds).upsert(partner('kr-node', { mode: 'pull' }));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('keeps the campaigns cursor apart from the outbox cursor, and both go with the registration', async () => {
    const campaigns = new CampaignPullCursors(ds);
    const outbox = new PullCursorRepository(ds);
    expect(await campaigns.advance('kr-node', null, 'c1', 3)).toBe(false);
    await campaigns.get('kr-node');
    expect(await campaigns.advance('kr-node', null, 'c1', 3)).toBe(true);
    expect(await outbox.find('kr-node')).toBeUndefined();
    await outbox.get('kr-node');
    expect(await outbox.advance('kr-node', null, 'o1', 7)).toBe(true);
    expect(await campaigns.find('kr-node')).toMatchObject({ after: 'c1', pages: 1, objects: 3 });
    expect(await outbox.find('kr-node')).toMatchObject({ after: 'o1', pages: 1, objects: 7 });
    await new PartnersRepository(ds).remove('kr-node');
    expect(await campaigns.all()).toEqual(new Map());
    expect(await outbox.all()).toEqual(new Map());
  });
});
