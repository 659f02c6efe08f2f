import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { mirrorUpdate } from '@scamintel/actions-core';
import { AuditService } from '@scamintel/audit';
import { IncomingRequest, SignedRequestService, VerifiedRequest } from '@scamintel/exchange';
import { WebhooksService } from '@scamintel/webhooks';
import { actionView } from '../action-view';
import { ActionsError } from '../actions-error';
import { ActionsRepository } from '../actions.repository';
import { sameFingerprint } from '../indicator-input';
import { parseRequest, parseStatus } from './wire';

export const REQUESTS_ROUTE = 'POST /v1/exchange/requests';
export const STATUS_ROUTE = 'POST /v1/exchange/requests/:id/status';

/**
 * The partner's side of the signed channel for actions (CONTRACT §12): a request arrives (stored once per requesting
 * node and its id, shown to analysts with `from`, no assignee), and states of our requests come back. Signatures are
 * checked by the exchange's SignedRequestService first (401 and an audit entry for anything unsigned or bad).
 */
@Injectable()
export class InboundRequestsService {
  constructor(
    private readonly signed: SignedRequestService,
    private readonly repo: ActionsRepository,
    private readonly audit: AuditService,
    private readonly webhooks: WebhooksService,
  ) {}

  private async refuse(v: VerifiedRequest, route: string, problems: { path: string; message: string }[]): Promise<never> {
    await this.audit.record({
      actor: `partner:${v.partner.nodeId}`,
      action: 'exchange.rejected',
      subject: route,
      details: { reason: 'invalid_body', status: 400, problems: problems.slice(0, 20) },
    });
    throw new ActionsError('validation_failed', 'the request body is not valid', problems);
  }

  async request(req: IncomingRequest, body: unknown, now = new Date()) {
    const v = await this.signed.verify(req, REQUESTS_ROUTE);
    const { request: r, problems } = parseRequest(body);
    if (!problems.length && !sameFingerprint(r.type, r.value, r.fingerprint))
      problems.push({ path: 'fingerprint', message: 'not the fingerprint of type and value' });
    if (problems.length) await this.refuse(v, REQUESTS_ROUTE, problems);
    const from = v.partner.nodeId;
    const { created, row } = await this.repo.insert(
      {
        id: randomUUID(),
        kind: r.kind,
        type: r.type,
        value: r.value,
        fingerprint: r.fingerprint,
        reason: r.reason,
        caseRef: r.caseRef,
        state: 'requested',
        assignees: [],
        requestedBy: `partner:${from}`,
        partner: null,
        fromNode: from,
        remoteId: r.id,
        expiresInDays: r.expiresInDays,
        createdAt: now,
        assignedAt: null,
        ackDueAt: null,
        acknowledgedAt: null,
        doneAt: null,
        closedAt: null,
        expiresAt: null,
      },
      { at: now, actor: `partner:${from}`, from: null, to: 'requested', note: r.reason },
    );
    if (created) {
      await this.audit.record({
        actor: `partner:${from}`,
        action: 'action.request_received',
        subject: row.id,
        details: { kind: r.kind, fingerprint: r.fingerprint, from, remoteId: r.id, caseRef: r.caseRef },
      });
      await this.webhooks.emit('action.updated', actionView(row, now), { indicator: { type: r.type, value: r.value }, analystsOnly: true });
    }
    return { created, answer: { id: row.id, state: row.state, version: row.version } };
  }

  async status(req: IncomingRequest, id: string, body: unknown, now = new Date()) {
    const v = await this.signed.verify(req, STATUS_ROUTE);
    const { status: s, problems } = parseStatus(body);
    if (problems.length) await this.refuse(v, STATUS_ROUTE, problems);
    const row = /^[0-9a-f-]{36}$/.test(id) ? await this.repo.get(id) : undefined;
    // Only the partner a request went to may report on it; for anyone else it does not exist.
    if (!row || row.partner !== v.partner.nodeId)
      throw new ActionsError('not_found', 'no request of this node to that partner with this id');
    const verdict = mirrorUpdate(row, s);
    if (verdict === 'illegal')
      throw new ActionsError('illegal_transition', `a request that is ${row.state} cannot become ${s.state}`, [
        { path: 'state', message: 'cannot follow' },
      ]);
    if (verdict === 'stale') return { id: row.id, state: row.state, version: row.version, applied: false };
    const label = `partner:${v.partner.nodeId}`;
    const updated = await this.repo.mirror(row.id, v.partner.nodeId, s.state, s.version, {
      at: now,
      actor: label,
      from: row.state,
      to: s.state,
      note: s.note,
    });
    if (!updated) return { id: row.id, state: row.state, version: row.version, applied: false };
    await this.audit.record({
      actor: label,
      action: 'action.status_received',
      subject: row.id,
      details: {
        kind: row.kind,
        fingerprint: row.fingerprint,
        from: row.state,
        to: s.state,
        version: s.version,
        note: s.note,
        assigned: s.assigned,
      },
    });
    await this.webhooks.emit('action.updated', actionView(updated, now), {
      indicator: { type: row.type, value: row.value },
      analystsOnly: true,
    });
    return { id: row.id, state: updated.state, version: updated.version, applied: true };
  }
}
