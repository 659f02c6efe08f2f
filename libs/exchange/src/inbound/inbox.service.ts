import { Injectable } from '@nestjs/common';
import { AuditService } from '@scamintel/audit';
import { ExchangeIndicator, Receipt, StixBundle, buildReceipt, checkInboundPolicy, fromStixBundle, headerValue } from '../core';
import { ExchangeError } from '../exchange-error';
import { NodeKeyService } from '../identity/node-key.service';
import { InboundRepository } from './inbound.repository';
import { IncomingRequest, SignedRequestService, VerifiedRequest } from './signed-request.service';

export const INBOX_ROUTE = 'POST /v1/exchange/inbox';

/**
 * POST /v1/exchange/inbox: signature (401) → STIX (400) → the receiver's policy for that partner (403, the whole
 * bundle) → idempotent ingest into partner_sightings → `exchange.received` in the audit log → signed receipt
 * whose auditHead is that very entry and whose witness is the sender's signed head. Every refusal is audited once.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly signed: SignedRequestService,
    private readonly inbound: InboundRepository,
    private readonly audit: AuditService,
    private readonly node: NodeKeyService,
  ) {}

  async receive(req: IncomingRequest, parsed: unknown): Promise<Receipt> {
    if (!req.body?.length) {
      // Nothing signed to check: still an unauthenticated request to a partner route.
      await this.signed.verify({ ...req, body: undefined }, INBOX_ROUTE);
      throw new ExchangeError('validation_failed', 'the request has no body', [{ path: '', message: 'send a STIX 2.1 bundle' }]);
    }
    const v = await this.signed.verify(req, INBOX_ROUTE);
    const bundle = parsed as StixBundle;
    const read = fromStixBundle(bundle);
    if (read.errors.length || !bundle?.id) {
      const details = read.errors.length
        ? read.errors.slice(0, 50).map((e) => ({ path: e.id ? `objects[${e.id}]` : 'objects', message: e.message }))
        : [{ path: 'id', message: 'a bundle needs an id' }];
      await this.refuse(v, 'invalid_stix', 400, { errors: details.slice(0, 20), count: read.errors.length });
      throw new ExchangeError('validation_failed', 'the bundle is not STIX 2.1 this node can read', details);
    }
    if (!read.sender?.nodeId || read.sender.nodeId !== v.partner.nodeId) {
      await this.refuse(v, 'sender_mismatch', 403, { claimed: read.sender?.nodeId ?? null });
      throw new ExchangeError('policy_violation', 'the bundle names another sender than the key that signed it', [
        { path: 'objects', message: 'the sending identity must be the signing partner' },
      ]);
    }
    const violations = checkInboundPolicy(read.indicators, bundle, v.partner.policy);
    if (violations.length) {
      await this.refuse(v, 'policy', 403, { violations: violations.slice(0, 20), count: violations.length });
      throw new ExchangeError(
        'policy_violation',
        `the bundle breaks this node's policy for ${v.partner.nodeId}; refused whole`,
        violations.slice(0, 50).map((x) => ({
          path: x.objectId ? `objects[${x.objectId}]` : `indicators[${x.fingerprint}]`,
          message: `${x.reason}${x.detail ? ` (${x.detail})` : ''}`,
        })),
      );
    }
    // From here on only the bundle's id and size are needed: its thousands of parsed objects are not kept alive
    // (by this function or the request) while the ingest waits for the database.
    const batchId = bundle.id;
    const objects = bundle.objects.length;
    return this.ingest(v, req, batchId, objects, read.indicators);
  }

  private async ingest(
    v: VerifiedRequest,
    req: IncomingRequest,
    batchId: string,
    objects: number,
    indicators: ExchangeIndicator[],
  ): Promise<Receipt> {
    const digest = headerValue(req.headers, 'content-digest')!;
    const count = indicators.length;
    const written = await this.inbound.upsertSightings(
      { sourceNode: v.partner.nodeId, jurisdiction: v.partner.jurisdiction, batchId, digest },
      indicators,
    );
    await this.inbound.noteReceived(v.partner.nodeId, batchId, objects, count);
    if (v.auditHead) await this.audit.rememberPartnerHead(v.partner.nodeId, v.auditHead);
    const receivedAt = new Date().toISOString();
    const entry = await this.audit.record({
      actor: `partner:${v.partner.nodeId}`,
      action: 'exchange.received',
      subject: v.partner.nodeId,
      details: { batchId, objects, indicators: count, written, digest, senderHead: v.auditHead ?? null, receivedAt },
    });
    return buildReceipt(
      {
        batchId,
        objects,
        digest,
        receivedAt,
        auditHead: { seq: entry.seq, hash: entry.hash },
        keyId: this.node.keyId,
        ...(v.auditHead ? { witness: v.auditHead } : {}),
      },
      this.node.key.privateKey,
    );
  }

  private async refuse(v: VerifiedRequest, reason: string, status: number, details: Record<string, unknown>): Promise<void> {
    await this.inbound.noteRefused(v.partner.nodeId, reason);
    await this.audit.record({
      actor: `partner:${v.partner.nodeId}`,
      action: 'exchange.rejected',
      subject: INBOX_ROUTE,
      details: { reason, status, ...details },
    });
  }
}
