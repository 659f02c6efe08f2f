import { isOverdue } from '@scamintel/actions-core';
import type { ActionEvent, ActionRow } from './actions.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** An action as the API shows it (CONTRACT §12); `history` only on GET /v1/actions/:id. */
export function actionView(a: ActionRow, now: Date, history?: ActionEvent[]) {
  return {
    id: a.id,
    kind: a.kind,
    indicator: { type: a.type, value: a.value, fingerprint: a.fingerprint },
    reason: a.reason,
    caseRef: a.caseRef,
    state: a.state,
    // One organisation once it is claimed (or routed to one); several while a request is open to all telcos of a country.
    assignee: a.assignees.length === 1 ? a.assignees[0] : null,
    assignees: a.assignees,
    overdue: isOverdue(a, now),
    ...(a.fromNode ? { from: a.fromNode } : {}),
    ...(a.partner ? { partner: a.partner, delivery: { sentAt: iso(a.sentAt), error: a.deliveryError } } : {}),
    expiresInDays: a.expiresInDays,
    version: a.version,
    createdAt: iso(a.createdAt)!,
    assignedAt: iso(a.assignedAt),
    ackDueAt: iso(a.ackDueAt),
    acknowledgedAt: iso(a.acknowledgedAt),
    doneAt: iso(a.doneAt),
    closedAt: iso(a.closedAt),
    expiresAt: iso(a.expiresAt),
    updatedAt: iso(a.updatedAt)!,
    ...(history ? { history: history.map((h) => ({ at: iso(h.at)!, actor: h.actor, from: h.from, to: h.to, note: h.note })) } : {}),
  };
}

export type ActionView = ReturnType<typeof actionView>;
