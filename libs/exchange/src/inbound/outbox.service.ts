import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { StixObject } from '../core';
import { ExchangeError } from '../exchange-error';
import { decodeCursor, encodeCursor } from '../push/cursor';
import { OutboundService } from '../push/outbound.service';
import { IncomingRequest, SignedRequestService } from './signed-request.service';

export const OUTBOX_ROUTE = 'GET /v1/exchange/outbox';

export interface OutboxPage {
  objects: StixObject[];
  /** Where the next call continues (pass it as `after`); null only before anything exists. */
  next: string | null;
  more: boolean;
}

/**
 * GET /v1/exchange/outbox (pull): the same records a push would send the calling partner, under the same policy.
 * The caller is identified by the RFC 9421 signature of the GET (keyid = its registered key), exactly as on the
 * inbox — no API key is needed or consulted. Each page served is audited (`exchange.served`).
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly signed: SignedRequestService,
    private readonly outbound: OutboundService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async page(req: IncomingRequest, after: string | undefined, limit: number | undefined): Promise<OutboxPage> {
    const v = await this.signed.verify({ ...req, body: undefined }, OUTBOX_ROUTE);
    const from = after ? decodeCursor(after) : null;
    if (from === undefined)
      throw new ExchangeError('validation_failed', 'after is not a cursor of this node', [
        { path: 'after', message: 'use the value of "next" from the previous page' },
      ]);
    const n = limit ?? this.config.exchange.batchSize;
    const batch = await this.outbound.prepare(v.partner, from, n);
    const next = batch.to ? encodeCursor(batch.to) : null;
    await this.audit.record({
      actor: `partner:${v.partner.nodeId}`,
      action: 'exchange.served',
      subject: v.partner.nodeId,
      details: {
        after: after ?? null,
        next,
        examined: batch.examined,
        indicators: batch.send.length,
        withheld: batch.withheld,
        bundleId: batch.bundle.id,
      },
    });
    return { objects: batch.bundle.objects, next, more: batch.full };
  }
}
