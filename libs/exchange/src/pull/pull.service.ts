import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { ExchangeError } from '../exchange-error';
import { InboundIngest } from '../inbound/inbound-ingest';
import { PartnersRepository } from '../partners/partners.repository';
import { PageReader, PullError } from './page-reader';
import { PullCursorRepository } from './pull-cursor.repository';

export const PULLED_ROUTE = 'GET /v1/exchange/outbox (pulled)';
const OUTBOX_PATH = '/v1/exchange/outbox';
/** The outbox serves at most this many indicators a page (its `limit` bound). */
const MAX_LIMIT = 1000;

export interface PullSummary {
  partner: string;
  pages: number;
  objects: number;
  indicators: number;
  cursor: string | null;
  stopped?: 'cursor_moved';
}

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
    private readonly reader: PageReader,
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
        const { page, digest } = await this.reader.read(partner, OUTBOX_PATH, from, Math.min(MAX_LIMIT, this.config.exchange.batchSize));
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
}
