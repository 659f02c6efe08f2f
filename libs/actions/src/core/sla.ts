import type { ActionKind, ActionState, ActionsSettings } from '@scamintel/vocabulary';

const MINUTE = 60_000;

/** When the organisation must have acknowledged: the kind's SLA counted from when the action was routed to it. */
export function ackDueAt(kind: ActionKind, assignedAt: Date, settings: ActionsSettings): Date {
  return new Date(assignedAt.getTime() + settings[kind].ackMinutes * MINUTE);
}

/** Overdue: still waiting for an acknowledgement after its deadline. */
export function isOverdue(a: { state: ActionState; ackDueAt: Date | null }, now: Date): boolean {
  return a.state === 'requested' && a.ackDueAt !== null && now.getTime() > a.ackDueAt.getTime();
}

/** Due to expire: done, with a lifetime, and the lifetime has passed. */
export function isDueToExpire(a: { state: ActionState; expiresAt: Date | null }, now: Date): boolean {
  return a.state === 'done' && a.expiresAt !== null && now.getTime() >= a.expiresAt.getTime();
}
