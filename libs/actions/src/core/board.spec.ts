import { board } from './board';

const item = (id: string, state: any, overdue: boolean, ackDueAt: string | null, createdAt = '2026-12-01T00:00:00Z') => ({
  id,
  state,
  overdue,
  ackDueAt,
  createdAt,
});

describe('actions board', () => {
  it('groups by state in workflow order, overdue first, then by deadline, then newest', () => {
    const b = board([
      item('late-2', 'requested', true, '2026-12-01T00:20:00Z'),
      item('fresh', 'requested', false, '2026-12-01T05:00:00Z'),
      item('late-1', 'requested', true, '2026-12-01T00:10:00Z'),
      item('soon', 'requested', false, '2026-12-01T01:00:00Z'),
      item('old-done', 'done', false, null, '2026-11-01T00:00:00Z'),
      item('new-done', 'done', false, null, '2026-12-01T00:00:00Z'),
      item('gone', 'expired', false, null),
    ]);
    expect(b.map((c) => c.state)).toEqual(['requested', 'acknowledged', 'done', 'declined', 'released', 'expired']);
    expect(b[0].items.map((i) => i.id)).toEqual(['late-1', 'late-2', 'soon', 'fresh']);
    expect(b[1].items).toEqual([]);
    expect(b[2].items.map((i) => i.id)).toEqual(['new-done', 'old-done']);
    expect(b[5].items.map((i) => i.id)).toEqual(['gone']);
  });
});
