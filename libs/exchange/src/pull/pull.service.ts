import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { StixObject, contentDigest, signRequest } from '../core';
import { ExchangeError } from '../exchange-error';
import { NodeKeyService } from '../identity/node-key.service';
import { InboundIngest } from '../inbound/inbound-ingest';
import { PartnerRecord, PartnersRepository } from '../partners/partners.repository';
import { PullCursorRepository } from './pull-cursor.repository';

export const PULLED_ROUTE = 'GET /v1/exchange/outbox (pulled)';
/** The outbox serves at most this many indicators a page (its `limit` bound). */
const MAX_LIMIT = 1000;

export type PullFailure = 'unknown_partner' | 'unavailable' | 'refused' | 'bad_page';

/** `retryable` failures (partner down, slow, 5xx, 429) go back to BullMQ's backoff; the others wait for the next run. */
export class PullError extends Error {
  constructor(
    readonly failure: PullFailure,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface PullSummary {
  partner: string;
  pages: number;
  objects: number;
  indicators: number;
  cursor: string | null;
  stopped?: 'cursor_moved';
}

interface OutboxPage {
  objects: StixObject[];
  next: string | null;
  more: boolean;
}

const isPage = (v: unknown): v is OutboxPage => {
  const p = v as OutboxPage;
  return (
    !!p &&
    typeof p === 'object' &&
    Array.isArray(p.objects) &&
    (p.next === null || typeof p.next === 'string') &&
    typeof p.more === 'boolean'
  );
};

/**
 * Pull (CONTRACT §7): for a partner configured `pull` or `both`, reads its GET /v1/exchange/outbox page after page
 * with this node's own signed requests (RFC 9421, keyid = our key) and its own cursor — the partner's `next`,
 * stored only after the page is ingested. Ingest is the inbox's (same checks, same idempotent upsert), so a page
 * read twice changes nothing; delivery is at-least-once.
 */
@Injectable()
export class PullService {
  private readonly logger = new Logger(PullService.name);

  constructor(
    private readonly partners: PartnersRepository,
    private readonly cursors: PullCursorRepository,
    private readonly ingest: InboundIngest,
    private readonly node: NodeKeyService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async pull(partnerNodeId: string): Promise<PullSummary> {
    const partner = await this.partners.get(partnerNodeId);
    if (!partner) throw new PullError('unknown_partner', `no partner ${partnerNodeId}`, false);
    const state = await this.cursors.get(partnerNodeId);
    const summary: PullSummary = { partner: partnerNodeId, pages: 0, objects: 0, indicators: 0, cursor: state.after };
    try {
      for (;;) {
        const from = summary.cursor;
        const { page, digest } = await this.read(partner, from);
        let indicators = 0;
        if (page.objects.length) {
          const bundle = { type: 'bundle' as const, id: `bundle--${randomUUID()}`, objects: page.objects };
          const accepted = await this.ingest.check(partner, bundle, PULLED_ROUTE).catch((e: unknown) => {
            if (e instanceof ExchangeError) throw new PullError('refused', `page from ${partner.nodeId} refused: ${e.message}`, false);
            throw e;
          });
          const written = await this.ingest.store(partner, accepted, digest);
          indicators = accepted.indicators.length;
          await this.audit.record({
            actor: 'system',
            action: 'exchange.pulled',
            subject: partner.nodeId,
            details: { after: from, next: page.next, objects: accepted.objects, indicators, written, digest },
          });
        }
        if (!(await this.cursors.advance(partnerNodeId, from, page.next, page.objects.length))) {
          summary.stopped = 'cursor_moved';
          break;
        }
        summary.cursor = page.next;
        summary.pages++;
        summary.objects += page.objects.length;
        summary.indicators += indicators;
        // A page that ends nothing or does not move the cursor is the end for this run, whatever `more` says.
        if (!page.more || page.next === from) break;
      }
    } catch (err) {
      const message = err instanceof PullError ? err.message : `pull failed: ${(err as Error).message}`;
      await this.cursors.noteError(partnerNodeId, message).catch(() => undefined);
      this.logger.warn(message);
      throw err;
    }
    if (summary.indicators) this.logger.log(`pulled ${summary.indicators} indicators in ${summary.pages} pages from ${partnerNodeId}`);
    return summary;
  }

  /** One signed GET of the partner's outbox after `after`. */
  private async read(partner: PartnerRecord, after: string | null): Promise<{ page: OutboxPage; digest: string }> {
    const q = new URLSearchParams();
    if (after) q.set('after', after);
    q.set('limit', String(Math.min(MAX_LIMIT, this.config.exchange.batchSize)));
    const url = `${partner.baseUrl}/v1/exchange/outbox?${q.toString()}`;
    const signed = signRequest({ method: 'GET', targetUri: url, keyId: this.node.keyId, privateKey: this.node.key.privateKey });
    let status: number;
    let text: string;
    try {
      const res = await fetch(url, {
        headers: { ...signed, accept: 'application/json' },
        signal: AbortSignal.timeout(this.config.exchange.requestTimeoutMs),
      });
      status = res.status;
      text = await res.text();
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string }; message?: string };
      const why = e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timed out' : (e.cause?.code ?? e.message);
      throw new PullError('unavailable', `${partner.nodeId} at ${url}: ${why}`, true);
    }
    if (status !== 200) {
      const retryable = status >= 500 || status === 429 || status === 408;
      throw new PullError(retryable ? 'unavailable' : 'refused', `${partner.nodeId} outbox answered ${status}`, retryable, status);
    }
    let page: unknown;
    try {
      page = JSON.parse(text);
    } catch {
      page = undefined;
    }
    if (!isPage(page)) throw new PullError('bad_page', `${partner.nodeId} outbox answered 200 without {objects, next, more}`, false);
    return { page, digest: contentDigest(text) };
  }
}
