import { DataSource } from 'typeorm';
import { BulletinsRepository } from '../../libs/bulletins/src/bulletins.repository';
import { buildFigures } from '../../libs/bulletins/src/core/figures';
import { createTemplatedDatabase, openDataSource } from '../support/db';

const WEEK = { from: '2026-11-02', to: '2026-11-09' };
const stats = (reports: number) => ({ reports, lossByCurrency: {}, byScamType: { phishing: reports }, byChannel: { sms: reports } });
const figures = buildFigures({
  jurisdiction: 'SG',
  nodeId: 'local',
  period: WEEK,
  current: stats(12),
  previous: stats(4),
  weekly: [],
  crossBorder: { indicatorsSeenInBoth: 0, receivedFromPartner: 0, partnerJurisdictions: [] },
  watch: [],
  generatedAt: '2026-11-09T00:00:00.000Z',
});

describe('BulletinsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: BulletinsRepository;
  const draft = (over: { requestKey?: string; languages?: string[] } = {}) =>
    repo.requestDraft({ ...WEEK, languages: over.languages ?? ['en'], requestedBy: 'analyst:1', requestKey: over.requestKey });

  beforeAll(async () => {
    db = await createTemplatedDatabase('bulletins_repo');
    ds = await openDataSource(db.url);
    repo = new BulletinsRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('creates a draft, replaces it while unpublished, and reuses a request key’s row', async () => {
    const created = await draft({ requestKey: 'weekly:2026-11-02/2026-11-09' });
    expect(created).toMatchObject({ kind: 'created', row: { periodFrom: '2026-11-02', version: 1, revision: 1, status: 'pending' } });
    expect(await draft({ requestKey: 'weekly:2026-11-02/2026-11-09' })).toMatchObject({ kind: 'existing', row: { id: created.row.id } });
    const replaced = await draft({ languages: ['en', 'ko'] });
    expect(replaced).toMatchObject({ kind: 'replaced', row: { id: created.row.id, revision: 2, languages: ['en', 'ko'] } });
    // Concurrent requests for one period queue on its lock: one row, one revision each.
    await Promise.all([draft(), draft(), draft()]);
    expect((await repo.get(created.row.id))?.revision).toBe(5);
    expect(await repo.get('00000000-0000-4000-8000-00000000dead')).toBeUndefined();
  });

  it('stores figures only for the current pending revision; failures likewise', async () => {
    const { row } = await draft();
    expect(await repo.markReady(row.id, row.revision - 1, figures)).toBeUndefined();
    expect(await repo.markFailed(row.id, row.revision - 1, 'stale')).toBe(false);
    expect(await repo.markFailed(row.id, row.revision, 'x'.repeat(600))).toBe(true);
    expect((await repo.get(row.id))?.failure).toHaveLength(500);
    expect(await repo.markReady(row.id, row.revision, figures)).toBeUndefined();
    const again = await draft();
    const ready = await repo.markReady(again.row.id, again.row.revision, figures);
    expect(ready).toMatchObject({ status: 'ready', failure: null, figures: { schema: 'scamintel.bulletin.figures/1', period: WEEK } });
    expect(await repo.markReady(again.row.id, again.row.revision, figures)).toBeUndefined();
  });

  it('publishes a ready bulletin once, with its audit step inside the transaction; then a new request is version 2', async () => {
    const [latest] = await repo.list({ publishedOnly: false, limit: 1 });
    await expect(repo.publish(latest.id, 'admin:1', () => Promise.reject(new Error('audit down')))).rejects.toThrow('audit down');
    expect((await repo.get(latest.id))?.publishedAt).toBeNull();
    const seen: string[] = [];
    const out = await repo.publish(latest.id, 'admin:1', async (r) => void seen.push(r.publishedBy!));
    expect(out).toMatchObject({ kind: 'published', row: { publishedBy: 'admin:1' } });
    expect(seen).toEqual(['admin:1']);
    expect((await repo.publish(latest.id, 'admin:1', async () => undefined)).kind).toBe('already_published');
    expect((await repo.publish('00000000-0000-4000-8000-00000000dead', 'admin:1', async () => undefined)).kind).toBe('not_found');
    const next = await draft();
    expect(next).toMatchObject({ kind: 'created', row: { version: 2, revision: 1 } });
    expect((await repo.publish(next.row.id, 'admin:1', async () => undefined)).kind).toBe('not_ready');
  });

  it('lists newest first without figures, published only on request, with a cursor; finds stale pending drafts', async () => {
    const all = await repo.list({ publishedOnly: false, limit: 10 });
    expect(all.map((b) => b.version)).toEqual([2, 1]);
    expect(all.every((b) => b.figures === null)).toBe(true);
    expect((await repo.list({ publishedOnly: true, limit: 10 })).map((b) => b.version)).toEqual([1]);
    expect(
      (await repo.list({ publishedOnly: false, limit: 10, after: { createdAt: all[0].cursorAt, id: all[0].id } })).map((b) => b.version),
    ).toEqual([1]);
    expect(await repo.stalePending(3_600_000)).toEqual([]);
    expect(await repo.stalePending(0)).toEqual([{ id: all[0].id, revision: 1 }]);
  });
});
