import { Injectable } from '@nestjs/common';
import { AuditService } from '@scamintel/audit';
import { ExchangeError, IncomingRequest, SignedRequestService } from '@scamintel/exchange';
import { StixObject } from '@scamintel/exchange-core';
import { decodeFeedCursor, encodeFeedCursor } from './feed-cursor';
import { CampaignPartnerView } from './partner-view';

export const CAMPAIGNS_FEED_ROUTE = 'GET /v1/exchange/campaigns';
/** Links examined a page when the caller names no `limit` (the push sends as many a request). */
export const FEED_DEFAULT_LIMIT = 2000;

export interface CampaignsFeedPage {
  objects: StixObject[];
  next: string;
  more: boolean;
}

/**
 * GET /v1/exchange/campaigns (pull of campaigns): what a push would send the calling partner to POST
 * /v1/exchange/campaigns, under the same policy (CampaignPartnerView), paged like the outbox. The caller is
 * identified by the RFC 9421 signature of the GET alone, as on the outbox; a former partner's key is unknown (401).
 * A page holds the whole campaign set when it differs from the one the cursor names (marked as the complete set,
 * so the puller drops what this node no longer shares), then the co-occurrence links after the cursor.
 */
@Injectable()
export class CampaignsFeedService {
  constructor(
    private readonly signed: SignedRequestService,
    private readonly view: CampaignPartnerView,
    private readonly audit: AuditService,
  ) {}

  async page(req: IncomingRequest, after: string | undefined, limit: number | undefined): Promise<CampaignsFeedPage> {
    const v = await this.signed.verify({ ...req, body: undefined }, CAMPAIGNS_FEED_ROUTE);
    const from = after === undefined ? { seq: '0', digest: null } : decodeFeedCursor(after);
    if (!from)
      throw new ExchangeError('validation_failed', 'after is not a cursor of this node', [
        { path: 'after', message: 'use the value of "next" from the previous page' },
      ]);
    const n = limit ?? FEED_DEFAULT_LIMIT;
    const { campaigns, digest } = await this.view.campaigns(v.partner);
    const withSet = digest !== from.digest;
    const page = await this.view.links(v.partner, from.seq, n);
    const next = encodeFeedCursor({ seq: page.next, digest });
    if (!withSet && !page.links.length) return { objects: [], next, more: page.examined === n };
    const bundle = this.view.bundle(withSet ? campaigns : [], page.links, withSet);
    // Audited like the push's `exchange.sent`: when something leaves this node, not for every empty poll.
    await this.audit.record({
      actor: `partner:${v.partner.nodeId}`,
      action: 'exchange.served',
      subject: v.partner.nodeId,
      details: {
        kind: 'campaigns',
        after: after ?? null,
        next,
        campaigns: withSet ? campaigns.length : 0,
        links: page.links.length,
        examined: page.examined,
        bundleId: bundle.id,
      },
    });
    return { objects: bundle.objects, next, more: page.examined === n };
  }
}
