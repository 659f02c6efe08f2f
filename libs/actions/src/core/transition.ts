import type { ActionKind, ActionState, ActionsSettings } from '@scamintel/vocabulary';

/** Who asks for a transition: an organisation the action is assigned to, an analyst of this node, or the node itself. */
export type Actor = { kind: 'assignee'; organisation: string } | { kind: 'analyst' } | { kind: 'system' };
export type ActorKind = Actor['kind'];

/**
 * The state machine of CONTRACT §12: requested → acknowledged → done | declined, then done → released | expired.
 * Who may take each step: the organisation acknowledges, completes or declines (it may decline a request it has not
 * acknowledged: a bank that does not hold the account); an analyst declines a request nobody acknowledged (withdrawn,
 * or a partner's request this node will not act on) and releases; only the node expires. Everything else is illegal.
 */
export const TRANSITIONS: Readonly<Record<ActionState, Partial<Record<ActionState, readonly ActorKind[]>>>> = {
  requested: { acknowledged: ['assignee'], declined: ['assignee', 'analyst'] },
  acknowledged: { done: ['assignee'], declined: ['assignee'] },
  done: { released: ['analyst'], expired: ['system'] },
  declined: {},
  released: {},
  expired: {},
};

export const TERMINAL: readonly ActionState[] = ['declined', 'released', 'expired'];

/** What the transition function needs to know of an action. */
export interface ActionFacts {
  kind: ActionKind;
  state: ActionState;
  /** Organisations it is routed to (several while a request is open to all telcos of a country; one once claimed). */
  assignees: string[];
  /** Set on a request this node sent to a partner: its state is the partner's to change, not ours. */
  partner: string | null;
  expiresInDays: number | null;
}

export type TransitionError = 'illegal_transition' | 'not_permitted' | 'remote_action';

export type TransitionOutcome =
  | {
      ok: true;
      state: ActionState;
      assignees: string[];
      /** The timestamp column the step sets, if any. */
      stamp: 'acknowledgedAt' | 'doneAt' | 'closedAt' | null;
      /** Set when the step is `done` and the kind (or the request) gives a lifetime. */
      expiresAt: Date | null;
      /** One of several assignees declined: the request stays open for the others. */
      narrowed: boolean;
    }
  | { ok: false; code: TransitionError; message: string };

const DAY = 86_400_000;

/** The one function every state change of a local action goes through (pure: clock and settings passed in). */
export function transition(action: ActionFacts, to: ActionState, actor: Actor, now: Date, settings: ActionsSettings): TransitionOutcome {
  if (action.partner)
    return { ok: false, code: 'remote_action', message: `this request is ${action.partner}'s to act on; its state comes from there` };
  const allowed = TRANSITIONS[action.state][to];
  if (!allowed) return { ok: false, code: 'illegal_transition', message: `an action that is ${action.state} cannot become ${to}` };
  if (!allowed.includes(actor.kind))
    return { ok: false, code: 'not_permitted', message: `${describe(actor)} may not make an action ${to} (${allowed.join(' or ')} may)` };
  if (actor.kind === 'assignee' && !action.assignees.includes(actor.organisation))
    return { ok: false, code: 'not_permitted', message: 'the action is not assigned to this organisation' };
  if (actor.kind === 'assignee' && to === 'declined' && action.state === 'requested' && action.assignees.length > 1) {
    const rest = action.assignees.filter((a) => a !== actor.organisation);
    return { ok: true, state: 'requested', assignees: rest, stamp: null, expiresAt: null, narrowed: true };
  }
  const assignees = actor.kind === 'assignee' && to === 'acknowledged' ? [actor.organisation] : action.assignees;
  const lifetime = action.expiresInDays ?? settings[action.kind].lifetimeDays;
  return {
    ok: true,
    state: to,
    assignees,
    stamp: to === 'acknowledged' ? 'acknowledgedAt' : to === 'done' ? 'doneAt' : 'closedAt',
    expiresAt: to === 'done' && lifetime ? new Date(now.getTime() + lifetime * DAY) : null,
    narrowed: false,
  };
}

function describe(actor: Actor): string {
  return actor.kind === 'assignee' ? `the assigned organisation` : actor.kind === 'analyst' ? 'an analyst' : 'the node';
}

/** States reachable from `from` in any number of steps by anyone (the partner's side decides who). */
export function reachable(from: ActionState): Set<ActionState> {
  const seen = new Set<ActionState>();
  const stack: ActionState[] = [from];
  while (stack.length) {
    for (const next of Object.keys(TRANSITIONS[stack.pop()!]) as ActionState[])
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
  }
  return seen;
}

/**
 * A state the partner reports for a request this node sent: applied when its version is newer than the one held and
 * the state can follow the held one (updates travel through a queue and may arrive late or twice).
 */
export function mirrorUpdate(held: { state: ActionState; version: number }, incoming: { state: ActionState; version: number }) {
  if (incoming.version <= held.version) return 'stale' as const;
  if (incoming.state !== held.state && !reachable(held.state).has(incoming.state)) return 'illegal' as const;
  return 'apply' as const;
}
