import { Inject, Injectable } from '@nestjs/common';
import { Actor, transition } from '@scamintel/actions-core';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import type { ActionState } from '@scamintel/vocabulary';
import { WebhooksService } from '@scamintel/webhooks';
import { ActionsError } from './actions-error';
import { ActionsQueue } from './actions-queue';
import { ActionPatch, ActionRow, ActionsRepository } from './actions.repository';
import { actionView } from './action-view';

const STATUS = { illegal_transition: 'illegal_transition', not_permitted: 'not_permitted', remote_action: 'remote_action' } as const;

/**
 * Every state change of a local action goes through here (API transitions, worker expiry): the pure transition
 * function decides, the repository commits by compare-and-set with its history entry, then the change is audited
 * with who and why, announced to webhooks, and — for a partner's request — reported back to the requesting node.
 */
@Injectable()
export class ActionChanges {
  constructor(
    private readonly repo: ActionsRepository,
    private readonly audit: AuditService,
    private readonly webhooks: WebhooksService,
    private readonly queue: ActionsQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async apply(
    row: ActionRow,
    to: ActionState,
    actor: Actor,
    who: { audit: string; label: string },
    note: string | null,
    now: Date,
  ): Promise<ActionRow> {
    const out = transition(row, to, actor, now, this.config.actions.kinds);
    if (!out.ok) throw new ActionsError(STATUS[out.code], out.message, [{ path: 'to', message: out.message }]);
    const patch: ActionPatch = { state: out.state, assignees: out.assignees };
    if (out.stamp) patch[out.stamp] = now;
    if (out.expiresAt) patch.expiresAt = out.expiresAt;
    const updated = await this.repo.update(row.id, row.version, patch, { at: now, actor: who.label, from: row.state, to: out.state, note });
    if (!updated) throw new ActionsError('conflict', 'the action changed meanwhile; read it again and retry');
    await this.audit.record({
      actor: who.audit,
      action: out.narrowed ? 'action.declined_by' : `action.${out.state}`,
      subject: row.id,
      details: { kind: row.kind, fingerprint: row.fingerprint, from: row.state, to: out.state, note, by: who.label },
    });
    await this.announce(updated, row.assignees, now);
    return updated;
  }

  /** Webhooks and, for a partner's request, the report back; after any committed change. */
  async announce(
    row: ActionRow,
    formerAssignees: string[],
    now: Date,
    event: 'action.updated' | 'action.assigned' = 'action.updated',
  ): Promise<void> {
    await this.webhooks.emit(event, actionView(row, now), {
      indicator: { type: row.type, value: row.value },
      organisations: [...new Set([...formerAssignees, ...row.assignees])],
    });
    if (row.fromNode) await this.queue.report(row.id, row.version);
  }
}
