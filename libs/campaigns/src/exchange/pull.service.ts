import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { ExchangeError, PageReader, PartnerRecord, PartnersRepository, PullError, PullStreams } from '@scamintel/exchange';
import { SCAMINTEL_NAMESPACE, uuidv5 } from '@scamintel/exchange-core';
import { FEED_DEFAULT_LIMIT } from './feed.service';
import { CampaignsInboundService } from './inbound.service';
import { CampaignPullCursors } from './pull-cursor.repository';
import { CAMPAIGNS_ROUTE_PATH } from './share.service';

export interface CampaignsPullSummary {
  partner: string;
  pages: number;
  objects: number;
  campaigns: number;
  links: number;
  cursor: string | null;
  stopped?: 'cursor_moved';
}

/**
 * Pull of campaigns, for a partner configured `pull` or `both` (CONTRACT §7 `mode`, §11): reads its
 * GET /v1/exchange/campaigns page after page with this node's signed requests and its own cursor (stored only after
 * the page is), and hands each page to the same intake as a push (CampaignsInboundService), so a pull-mode partnership
 * ends with what a push-mode one has. Runs on the campaigns schedule (the cadence of the push) and, registered as a
 * pull stream, with every exchange run (its schedule and sync). Pages are absolute values: reading one twice, or
 * pulling what was also pushed (`both`), changes nothing.
 */
@Injectable()
export class CampaignsPullService implements OnModuleInit {
  private readonly logger = new Logger(CampaignsPullService.name);

  constructor(
    private readonly partners: PartnersRepository,
    private readonly cursors: CampaignPullCursors,
    private readonly reader: PageReader,
    private readonly inbound: CampaignsInboundService,
    private readonly streams: PullStreams,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.campaigns.enabled) this.streams.register({ name: 'campaigns', pull: (p) => this.pull(p) });
  }

  async pullAll(): Promise<{ pulled: number }> {
    let pulled = 0;
    for (const p of (await this.partners.all()).filter((x) => x.mode !== 'push')) {
      try {
        pulled += (await this.pull(p)).pages;
      } catch (err) {
        this.logger.warn(`campaigns from ${p.nodeId}: ${(err as Error).message}`);
      }
    }
    return { pulled };
  }

  async pull(partner: PartnerRecord): Promise<CampaignsPullSummary> {
    const state = await this.cursors.get(partner.nodeId);
    const summary: CampaignsPullSummary = { partner: partner.nodeId, pages: 0, objects: 0, campaigns: 0, links: 0, cursor: state.after };
    try {
      for (;;) {
        const from = summary.cursor;
        const { page, digest } = await this.reader.read(partner, CAMPAIGNS_ROUTE_PATH, from, FEED_DEFAULT_LIMIT);
        if (page.objects.length) {
          const bundle = { type: 'bundle', id: `bundle--${uuidv5(SCAMINTEL_NAMESPACE, digest)}`, objects: page.objects };
          const got = await this.inbound.acceptPulled(partner, bundle, { after: from, next: page.next, digest }).catch((e: unknown) => {
            if (e instanceof ExchangeError) throw new PullError('refused', `campaigns from ${partner.nodeId} refused: ${e.message}`, false);
            throw e;
          });
          summary.campaigns += got.campaigns;
          summary.links += got.links;
        }
        if (!(await this.cursors.advance(partner.nodeId, from, page.next, page.objects.length))) {
          summary.stopped = 'cursor_moved';
          break;
        }
        summary.cursor = page.next;
        summary.pages++;
        summary.objects += page.objects.length;
        // A page that does not move the cursor ends this run, whatever `more` says.
        if (!page.more || page.next === from) break;
      }
    } catch (err) {
      const message = err instanceof PullError ? err.message : `campaigns pull failed: ${(err as Error).message}`;
      await this.cursors.noteError(partner.nodeId, message).catch(() => undefined);
      throw err;
    }
    return summary;
  }
}
