import { Injectable } from '@nestjs/common';
import { AuditService } from '@scamintel/audit';
import { Receipt, StixBundle, buildReceipt, headerValue } from '../core';
import { ExchangeError } from '../exchange-error';
import { NodeKeyService } from '../identity/node-key.service';
import { InboundIngest } from './inbound-ingest';
import { IncomingRequest, SignedRequestService } from './signed-request.service';

export const INBOX_ROUTE = 'POST /v1/exchange/inbox';

/**
 * POST /v1/exchange/inbox: signature (401) → STIX (400) → the receiver's policy for that partner (403, the whole
 * bundle) → idempotent ingest into partner_sightings (InboundIngest, shared with pull) → `exchange.received` in the audit log → signed receipt
 * whose auditHead is that very entry and whose witness is the sender's signed head. Every refusal is audited once.
 */
@Injectable()
export class InboxService {
  constructor(
    private readonly signed: SignedRequestService,
    private readonly ingest: InboundIngest,
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
    // From here on only the bundle's id, size and indicators are kept: its thousands of parsed objects are not
    // kept alive (by this function or the request) while the ingest waits for the database.
    const accepted = await this.ingest.check(v.partner, parsed as StixBundle, INBOX_ROUTE);
    const digest = headerValue(req.headers, 'content-digest')!;
    const written = await this.ingest.store(v.partner, accepted, digest);
    if (v.auditHead) await this.audit.rememberPartnerHead(v.partner.nodeId, v.auditHead);
    const { batchId, objects } = accepted;
    const receivedAt = new Date().toISOString();
    const entry = await this.audit.record({
      actor: `partner:${v.partner.nodeId}`,
      action: 'exchange.received',
      subject: v.partner.nodeId,
      details: { batchId, objects, indicators: accepted.indicators.length, written, digest, senderHead: v.auditHead ?? null, receivedAt },
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
}
