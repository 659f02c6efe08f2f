import { ACTION_STATES, type ActionState, type ActionsSettings } from '@scamintel/vocabulary';
import { Actor, ActionFacts, mirrorUpdate, reachable, transition } from './transition';

const SETTINGS: ActionsSettings = {
  freeze_account: { ackMinutes: 60, lifetimeDays: null },
  block_number: { ackMinutes: 10, lifetimeDays: 7 },
  takedown: { ackMinutes: 1440, lifetimeDays: null },
  restrict: { ackMinutes: 60, lifetimeDays: 30 },
};
const NOW = new Date('2026-12-01T00:00:00Z');
const ACTORS: Actor[] = [{ kind: 'assignee', organisation: 'Singtel' }, { kind: 'analyst' }, { kind: 'system' }];
const facts = (state: ActionState, over: Partial<ActionFacts> = {}): ActionFacts => ({
  kind: 'block_number',
  state,
  assignees: ['Singtel'],
  partner: null,
  expiresInDays: null,
  ...over,
});

/** The whole table, written out: [from, to, actor kind] → allowed. */
const ALLOWED = new Set([
  'requested>acknowledged>assignee',
  'requested>declined>assignee',
  'requested>declined>analyst',
  'acknowledged>done>assignee',
  'acknowledged>declined>assignee',
  'done>released>analyst',
  'done>expired>system',
]);

describe('transition: every state × target × actor', () => {
  for (const from of ACTION_STATES)
    for (const to of ACTION_STATES)
      for (const actor of ACTORS) {
        const key = `${from}>${to}>${actor.kind}`;
        const legal =
          (['requested', 'acknowledged', 'done'] as ActionState[]).includes(from) &&
          [...ALLOWED].some((k) => k.startsWith(`${from}>${to}>`));
        it(`${key} → ${ALLOWED.has(key) ? 'ok' : legal ? 'not_permitted' : 'illegal_transition'}`, () => {
          const out = transition(facts(from), to, actor, NOW, SETTINGS);
          if (ALLOWED.has(key)) {
            expect(out).toMatchObject({ ok: true, state: to });
          } else {
            expect(out).toMatchObject({ ok: false, code: legal ? 'not_permitted' : 'illegal_transition' });
          }
        });
      }
});

describe('transition: details', () => {
  it('an expired, released or declined action cannot be reopened by anyone', () => {
    for (const from of ['expired', 'released', 'declined'] as const)
      for (const to of ACTION_STATES)
        for (const actor of ACTORS)
          expect(transition(facts(from), to, actor, NOW, SETTINGS)).toMatchObject({ ok: false, code: 'illegal_transition' });
  });

  it('an organisation the action is not assigned to may not move it', () => {
    expect(transition(facts('requested'), 'acknowledged', { kind: 'assignee', organisation: 'M1' }, NOW, SETTINGS)).toMatchObject({
      ok: false,
      code: 'not_permitted',
    });
  });

  it('acknowledging claims an action offered to several telcos; one declining leaves it open to the others', () => {
    const open = facts('requested', { assignees: ['M1', 'Singtel', 'StarHub'] });
    expect(transition(open, 'acknowledged', { kind: 'assignee', organisation: 'Singtel' }, NOW, SETTINGS)).toMatchObject({
      ok: true,
      state: 'acknowledged',
      assignees: ['Singtel'],
      stamp: 'acknowledgedAt',
    });
    expect(transition(open, 'declined', { kind: 'assignee', organisation: 'M1' }, NOW, SETTINGS)).toEqual({
      ok: true,
      state: 'requested',
      assignees: ['Singtel', 'StarHub'],
      stamp: null,
      expiresAt: null,
      narrowed: true,
    });
    const last = facts('requested', { assignees: ['StarHub'] });
    expect(transition(last, 'declined', { kind: 'assignee', organisation: 'StarHub' }, NOW, SETTINGS)).toMatchObject({
      ok: true,
      state: 'declined',
      stamp: 'closedAt',
    });
  });

  it('done sets the expiry from the kind, or from the request; none for kinds without a lifetime', () => {
    const who: Actor = { kind: 'assignee', organisation: 'Singtel' };
    expect(transition(facts('acknowledged'), 'done', who, NOW, SETTINGS)).toMatchObject({
      stamp: 'doneAt',
      expiresAt: new Date('2026-12-08T00:00:00Z'),
    });
    expect(transition(facts('acknowledged', { expiresInDays: 2 }), 'done', who, NOW, SETTINGS)).toMatchObject({
      expiresAt: new Date('2026-12-03T00:00:00Z'),
    });
    expect(transition(facts('acknowledged', { kind: 'freeze_account' }), 'done', who, NOW, SETTINGS)).toMatchObject({ expiresAt: null });
    expect(transition(facts('acknowledged', { kind: 'restrict' }), 'done', who, NOW, SETTINGS)).toMatchObject({
      expiresAt: new Date('2026-12-31T00:00:00Z'),
    });
  });

  it("a request sent to a partner is the partner's to move", () => {
    for (const to of ACTION_STATES)
      expect(transition(facts('requested', { partner: 'sg-spf', assignees: [] }), to, { kind: 'analyst' }, NOW, SETTINGS)).toMatchObject({
        ok: false,
        code: 'remote_action',
      });
  });
});

describe('mirrorUpdate: states a partner reports back', () => {
  it('applies newer versions along the machine, catching up skipped steps', () => {
    expect(mirrorUpdate({ state: 'requested', version: 1 }, { state: 'acknowledged', version: 2 })).toBe('apply');
    expect(mirrorUpdate({ state: 'requested', version: 1 }, { state: 'done', version: 3 })).toBe('apply');
    expect(mirrorUpdate({ state: 'requested', version: 1 }, { state: 'requested', version: 2 })).toBe('apply');
    expect(mirrorUpdate({ state: 'done', version: 3 }, { state: 'expired', version: 4 })).toBe('apply');
  });
  it('ignores old or repeated versions and refuses states that cannot follow', () => {
    expect(mirrorUpdate({ state: 'done', version: 3 }, { state: 'acknowledged', version: 2 })).toBe('stale');
    expect(mirrorUpdate({ state: 'done', version: 3 }, { state: 'done', version: 3 })).toBe('stale');
    expect(mirrorUpdate({ state: 'expired', version: 4 }, { state: 'done', version: 5 })).toBe('illegal');
    expect(mirrorUpdate({ state: 'declined', version: 2 }, { state: 'acknowledged', version: 3 })).toBe('illegal');
  });
  it('reachable follows the table', () => {
    expect([...reachable('requested')].sort()).toEqual(['acknowledged', 'declined', 'done', 'expired', 'released']);
    expect([...reachable('expired')]).toEqual([]);
  });
});
