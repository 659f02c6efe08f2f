import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, ackDueAt, board, route } from '@scamintel/actions-core';
import { AuditService } from '@scamintel/audit';
import { KeysService } from '@scamintel/auth';
import { Principal } from '@scamintel/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { PartnersRepository } from '@scamintel/exchange';
import { LookupService } from '@scamintel/intel';
import { type ActionKind, type ActionState, decodeStringCursor, encodeCursor } from '@scamintel/vocabulary';
import { ActionChanges } from './action-changes.service';
import { actionView } from './action-view';
import { ActionsError } from './actions-error';
import { ActionsQueue } from './actions-queue';
import { ActionRow, ActionsRepository } from './actions.repository';
import { ActionIndicator, actionIndicator, checkKind } from './indicator-input';

export type KeyPrincipal = Extract<Principal, { kind: 'key' }>;

export interface CreateAction {
  kind: ActionKind;
  value?: string;
  fingerprint?: string;
  reason: string;
  assignee?: string;
  expiresInDays?: number;
  caseRef?: string;
  partner?: string;
}

const who = (p: KeyPrincipal) => ({
  audit: `key:${p.keyId}`,
  label: p.role === 'analyst' ? `analyst:${p.organisation}` : `organisation:${p.organisation}`,
});

/** Disruption actions as analysts and organisations work them (CONTRACT §12). */
@Injectable()
export class ActionsService {
  constructor(
    private readonly repo: ActionsRepository,
    private readonly changes: ActionChanges,
    private readonly queue: ActionsQueue,
    private readonly keys: KeysService,
    private readonly lookups: LookupService,
    private readonly partners: PartnersRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async indicatorOf(input: CreateAction, region: string): Promise<ActionIndicator> {
    if ((input.value === undefined) === (input.fingerprint === undefined))
      throw new ActionsError('validation_failed', 'give either value or fingerprint', [
        { path: 'value', message: 'exactly one of value, fingerprint' },
      ]);
    if (input.value !== undefined) return actionIndicator(input.kind, input.value, region);
    const stored = await this.lookups.indicator(input.fingerprint!);
    if (!stored)
      throw new ActionsError('not_found', 'no indicator with that fingerprint', [{ path: 'fingerprint', message: 'unknown fingerprint' }]);
    return checkKind(input.kind, stored);
  }

  /** The organisations to assign: the one named (it must hold a reporter key), else by profile. */
  private async assigneesFor(kind: ActionKind, ind: ActionIndicator, named: string | undefined, path: string): Promise<string[]> {
    const orgs = await this.keys.organisations();
    if (named !== undefined) {
      const known = (await this.keys.list()).some((k) => k.role === 'reporter' && !k.revokedAt && k.organisation === named);
      if (!known)
        throw new ActionsError('unknown_assignee', `no organisation ${JSON.stringify(named)} holds a reporter key`, [
          { path, message: 'unknown organisation' },
        ]);
      return [named];
    }
    const routed = route(kind, ind, orgs);
    if (!routed.ok) throw new ActionsError('no_route', routed.reason, [{ path: 'assignee', message: routed.reason }]);
    return routed.assignees;
  }

  async create(p: KeyPrincipal, input: CreateAction, now = new Date()) {
    const partner = input.partner === undefined ? undefined : await this.partners.get(input.partner);
    if (input.partner !== undefined && !partner)
      throw new ActionsError('unknown_partner', `${input.partner} is not a partner of this node`, [
        { path: 'partner', message: 'unknown partner' },
      ]);
    if (partner && input.assignee !== undefined)
      throw new ActionsError('validation_failed', "the partner's analysts choose the assignee", [
        { path: 'assignee', message: 'not allowed with partner' },
      ]);
    // A request to a partner is read in the partner's jurisdiction (a local number there, an account at its banks).
    const ind = await this.indicatorOf(input, partner?.jurisdiction ?? this.config.jurisdiction);
    const assignees = partner ? [] : await this.assigneesFor(input.kind, ind, input.assignee, 'assignee');
    const id = randomUUID();
    const { row } = await this.repo.insert(
      {
        id,
        kind: input.kind,
        ...ind,
        reason: input.reason,
        caseRef: input.caseRef ?? null,
        state: 'requested',
        assignees,
        requestedBy: `key:${p.keyId}`,
        partner: partner?.nodeId ?? null,
        fromNode: null,
        remoteId: null,
        expiresInDays: input.expiresInDays ?? null,
        createdAt: now,
        assignedAt: partner ? null : now,
        ackDueAt: partner ? null : ackDueAt(input.kind, now, this.config.actions.kinds),
        acknowledgedAt: null,
        doneAt: null,
        closedAt: null,
        expiresAt: null,
      },
      { at: now, actor: who(p).label, from: null, to: 'requested', note: input.reason },
    );
    await this.audit.record({
      actor: `key:${p.keyId}`,
      action: 'action.requested',
      subject: id,
      details: { kind: row.kind, fingerprint: row.fingerprint, assignees, partner: row.partner, caseRef: row.caseRef },
    });
    if (partner) await this.queue.send(id);
    else await this.changes.announce(row, [], now, 'action.assigned');
    return actionView(row, now);
  }

  /** An action the caller may see: analysts see all; an organisation only those assigned to it (else 404). */
  private async visible(p: KeyPrincipal, id: string): Promise<ActionRow> {
    const row = await this.repo.get(id);
    if (!row || (p.role !== 'analyst' && !row.assignees.includes(p.organisation))) throw new ActionsError('not_found', 'no such action');
    return row;
  }

  async get(p: KeyPrincipal, id: string, now = new Date()) {
    const row = await this.visible(p, id);
    return actionView(row, now, await this.repo.history(id));
  }

  async list(p: KeyPrincipal, f: { state?: ActionState; kind?: ActionKind; cursor?: string; limit: number }, now = new Date()) {
    let after: { createdAt: string; id: string } | undefined;
    if (f.cursor) {
      const [createdAt, id] = decodeStringCursor(f.cursor, 2) ?? [];
      if (!createdAt || !id)
        throw new ActionsError('validation_failed', 'cursor is not valid', [
          { path: 'cursor', message: 'use "next" of the previous page' },
        ]);
      after = { createdAt, id };
    }
    const rows = (await this.repo.list({
      organisation: p.role === 'analyst' ? undefined : p.organisation,
      state: f.state,
      kind: f.kind,
      after,
      limit: f.limit,
    })) as (ActionRow & { cursorAt: string })[];
    const last = rows[rows.length - 1];
    return {
      actions: rows.map((r) => actionView(r, now)),
      next: rows.length === f.limit && last ? encodeCursor([last.cursorAt, last.id]) : null,
    };
  }

  /** Analysts' board (the console): open actions and the latest closed ones, by state, overdue first. */
  async board(now = new Date()) {
    return board((await this.repo.board(50)).map((r) => actionView(r, now)));
  }

  async transition(p: KeyPrincipal, id: string, to: ActionState, note: string | null, now = new Date()) {
    const row = await this.visible(p, id);
    const actor: Actor = p.role === 'analyst' ? { kind: 'analyst' } : { kind: 'assignee', organisation: p.organisation };
    return actionView(await this.changes.apply(row, to, actor, who(p), note, now), now);
  }

  /** A partner's request routed to an organisation here, by profile unless the analyst names one. */
  async accept(p: KeyPrincipal, id: string, assignee: string | undefined, now = new Date()) {
    const row = await this.visible(p, id);
    if (!row.fromNode)
      throw new ActionsError('illegal_transition', 'only a request from a partner node is accepted', [
        { path: 'id', message: 'not a partner request' },
      ]);
    if (row.state !== 'requested' || row.assignees.length)
      throw new ActionsError('illegal_transition', `the request is ${row.assignees.length ? 'already accepted' : row.state}`, [
        { path: 'id', message: 'not open' },
      ]);
    const assignees = await this.assigneesFor(row.kind, row, assignee, 'assignee');
    const updated = await this.repo.update(
      row.id,
      row.version,
      { assignees, assignedAt: now, ackDueAt: ackDueAt(row.kind, now, this.config.actions.kinds) },
      { at: now, actor: who(p).label, from: 'requested', to: 'requested', note: `accepted for ${assignees.join(', ')}` },
    );
    if (!updated) throw new ActionsError('conflict', 'the action changed meanwhile; read it again and retry');
    await this.audit.record({
      actor: `key:${p.keyId}`,
      action: 'action.accepted',
      subject: id,
      details: { kind: row.kind, fingerprint: row.fingerprint, from: row.fromNode, assignees },
    });
    await this.changes.announce(updated, [], now, 'action.assigned');
    return actionView(updated, now);
  }
}
