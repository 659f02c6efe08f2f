import { DataSource } from 'typeorm';
import { ActionRow, ActionsRepository } from '../../libs/actions/src/actions.repository';
import { createTemplatedDatabase, openDataSource } from '../support/db';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (iso: string) => new Date(iso);
const action = (n: number, over: Partial<ActionRow> = {}) => ({
  id: ID(n),
  kind: 'block_number' as const,
  type: 'phone' as const,
  value: `+6590000${String(n).padStart(3, '0')}`,
  fingerprint: `fp${n}`,
  reason: 'scam calls',
  caseRef: null,
  state: 'requested' as const,
  assignees: ['telco'],
  requestedBy: 'analyst:1',
  partner: null,
  fromNode: null,
  remoteId: null,
  expiresInDays: 30,
  createdAt: at(`2026-11-0${n}T10:00:00.000Z`),
  assignedAt: null,
  ackDueAt: null,
  acknowledgedAt: null,
  doneAt: null,
  closedAt: null,
  expiresAt: null,
  ...over,
});
const event = (to: ActionRow['state'], from: ActionRow['state'] | null = null, iso = '2026-11-05T00:00:00.000Z') => ({
  at: at(iso),
  actor: 'org:telco',
  from,
  to,
  note: null,
});

describe('ActionsRepository (real PostgreSQL, database cloned from the migrated template)', () => {
  let db: { url: string; drop: () => Promise<void> };
  let ds: DataSource;
  let repo: ActionsRepository;

  beforeAll(async () => {
    db = await createTemplatedDatabase('actions_repo');
    ds = await openDataSource(db.url);
    repo = new ActionsRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('inserts an action with its first event; a partner’s request delivered twice is stored once', async () => {
    const first = await repo.insert(action(1), event('requested'));
    expect(first).toMatchObject({ created: true, row: { id: ID(1), version: 1, reportedVersion: 0, sentAt: null } });
    const inbound = action(2, { fromNode: 'kr-node', remoteId: ID(201), assignees: ['bank'], kind: 'freeze_account' });
    expect((await repo.insert(inbound, event('requested'))).created).toBe(true);
    expect(await repo.insert({ ...inbound, id: ID(22) }, event('requested'))).toMatchObject({ created: false, row: { id: ID(2) } });
    expect(await repo.get(ID(22))).toBeUndefined();
    expect((await repo.inbound('kr-node', ID(201)))?.id).toBe(ID(2));
    expect(await repo.inbound('kr-node', ID(202))).toBeUndefined();
    expect(await repo.history(ID(2))).toEqual([
      { at: at('2026-11-05T00:00:00.000Z'), actor: 'org:telco', from: null, to: 'requested', note: null },
    ]);
    expect(await repo.history(ID(99))).toEqual([]);
  });

  it('lists newest first by assignee, state and kind with a cursor; the board holds open and latest closed ones', async () => {
    await repo.insert(action(3, { partner: 'kr-node', state: 'requested' }), event('requested'));
    expect((await repo.list({ limit: 10 })).map((a) => a.id)).toEqual([ID(3), ID(2), ID(1)]);
    expect((await repo.list({ limit: 10, organisation: 'bank' })).map((a) => a.id)).toEqual([ID(2)]);
    expect((await repo.list({ limit: 10, kind: 'freeze_account', state: 'requested' })).map((a) => a.id)).toEqual([ID(2)]);
    expect(await repo.list({ limit: 10, state: 'done' })).toEqual([]);
    const [top] = (await repo.list({ limit: 1 })) as (ActionRow & { cursorAt: string })[];
    expect((await repo.list({ limit: 10, after: { createdAt: top.cursorAt, id: top.id } })).map((a) => a.id)).toEqual([ID(2), ID(1)]);
    expect((await repo.board(0)).map((a) => a.id).sort()).toEqual([ID(1), ID(2), ID(3)]);
  });

  it('updates by compare-and-set on the version with a history entry; expiry, traffic and time-to-action read the result', async () => {
    const done = await repo.update(
      ID(1),
      1,
      { state: 'done', doneAt: at('2026-11-01T12:00:00.000Z'), expiresAt: at('2026-11-10T00:00:00.000Z') },
      event('done', 'requested'),
    );
    expect(done).toMatchObject({ state: 'done', version: 2 });
    expect(await repo.update(ID(1), 1, { state: 'declined' }, event('declined', 'requested'))).toBeUndefined();
    expect((await repo.history(ID(1))).map((e) => e.to)).toEqual(['requested', 'done']);
    expect(await repo.dueToExpire(at('2026-11-09T00:00:00.000Z'), 10)).toEqual([]);
    expect((await repo.dueToExpire(at('2026-11-10T00:00:00.000Z'), 10)).map((a) => a.id)).toEqual([ID(1)]);
    expect(await repo.timeToAction('2026-11-01', '2026-11-02', 'UTC')).toEqual([{ kind: 'block_number', done: 1, medianSeconds: 7200 }]);
    expect(await repo.timeToAction('2026-11-02', '2026-11-03', 'UTC')).toEqual([]);
    // Singapore's 1 November starts at 16:00 UTC the day before, so the 10:00 UTC request is still that day.
    expect(await repo.timeToAction('2026-11-01', '2026-11-02', 'Asia/Singapore')).toHaveLength(1);
    const closed = await repo.board(1);
    expect(closed.map((a) => a.id).sort()).toEqual([ID(1), ID(2), ID(3)]);
    await repo.update(ID(1), 2, { state: 'expired', closedAt: at('2026-11-10T00:00:00.000Z') }, event('expired', 'done'));
    expect((await repo.board(0)).map((a) => a.id).sort()).toEqual([ID(2), ID(3)]);
  });

  it('mirrors a partner’s report only over an older version and tracks what still has to travel', async () => {
    // A partner's request not yet reported back at its first version is pending too.
    expect(await repo.pendingTraffic(10)).toEqual({ unsent: [ID(3)], unreported: [{ id: ID(2), version: 1 }] });
    await repo.markReported(ID(2), 1);
    await repo.markDeliveryError(ID(3), 'x'.repeat(800));
    expect((await repo.get(ID(3)))?.deliveryError).toHaveLength(500);
    expect((await repo.pendingTraffic(10)).unsent).toEqual([]);
    await repo.markSent(ID(3), ID(203), at('2026-11-05T00:00:00.000Z'));
    expect(await repo.get(ID(3))).toMatchObject({ remoteId: ID(203), deliveryError: null });
    const ack = await repo.mirror(ID(3), 'kr-node', 'acknowledged', 2, event('acknowledged', 'requested'));
    expect(ack).toMatchObject({ state: 'acknowledged', version: 2 });
    expect(ack?.acknowledgedAt).toEqual(at('2026-11-05T00:00:00.000Z'));
    expect(await repo.mirror(ID(3), 'kr-node', 'done', 2, event('done'))).toBeUndefined();
    expect(await repo.mirror(ID(3), 'au-node', 'done', 3, event('done'))).toBeUndefined();
    // The partner's request (from kr-node) changed here: its new version must be reported back, once.
    await repo.update(ID(2), 1, { state: 'acknowledged' }, event('acknowledged', 'requested'));
    expect((await repo.pendingTraffic(10)).unreported).toEqual([{ id: ID(2), version: 2 }]);
    await repo.markReported(ID(2), 2);
    await repo.markReported(ID(2), 1);
    expect(await repo.pendingTraffic(10)).toEqual({ unsent: [], unreported: [] });
  });
});
