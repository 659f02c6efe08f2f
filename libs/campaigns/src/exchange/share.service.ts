import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@scamintel/audit';
import { SharedCampaign, SharedLink } from '@scamintel/campaigns-core';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { NodeKeyService, PartnerRecord, PartnersRepository } from '@scamintel/exchange';
import { signRequest } from '@scamintel/exchange-core';
import { CampaignPartnerView } from './partner-view';
import { ShareRepository } from './share.repository';

export const CAMPAIGNS_ROUTE_PATH = '/v1/exchange/campaigns';
const LINKS_PER_REQUEST = 2000;

/**
 * Sends this node's campaigns and co-occurrence links to each partner, under that partner's policy (TLP, types,
 * pseudonyms: CampaignPartnerView), signed like every exchange request. Campaigns go again only when what would be
 * sent changed; links go once per change (cursor `campaign_links.seq`). Resending is harmless: the receiver stores
 * absolute values. A partner that pulls reads the same view from GET /v1/exchange/campaigns instead.
 */
@Injectable()
export class ShareService {
  private readonly logger = new Logger(ShareService.name);

  constructor(
    private readonly repo: ShareRepository,
    private readonly view: CampaignPartnerView,
    private readonly partners: PartnersRepository,
    private readonly node: NodeKeyService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async shareAll(): Promise<{ sent: number }> {
    let sent = 0;
    // A partner this node only pulls from receives nothing pushed (CONTRACT §7 `mode`).
    for (const p of (await this.partners.all()).filter((x) => x.mode !== 'pull')) {
      try {
        sent += await this.share(p);
      } catch (err) {
        this.logger.warn(`campaigns to ${p.nodeId}: ${(err as Error).message}`);
      }
    }
    return { sent };
  }

  async share(partner: PartnerRecord): Promise<number> {
    const state = await this.repo.state(partner.nodeId);
    const { campaigns, digest } = await this.view.campaigns(partner);
    let requests = 0;
    let seq = state.linksSeq;
    let pendingCampaigns = digest !== state.digest ? campaigns : null;
    for (;;) {
      const page = await this.view.links(partner, seq, LINKS_PER_REQUEST);
      if (!page.examined && !pendingCampaigns) break;
      if (page.links.length || pendingCampaigns) {
        await this.post(partner, pendingCampaigns ?? [], page.links, pendingCampaigns !== null);
        requests++;
      }
      seq = page.next;
      await this.repo.saveState(partner.nodeId, seq, digest);
      pendingCampaigns = null;
      if (page.examined < LINKS_PER_REQUEST) break;
    }
    return requests;
  }

  private async post(partner: PartnerRecord, campaigns: SharedCampaign[], links: SharedLink[], completeSet: boolean): Promise<void> {
    const body = Buffer.from(JSON.stringify(this.view.bundle(campaigns, links, completeSet)));
    const url = `${partner.baseUrl}${CAMPAIGNS_ROUTE_PATH}`;
    // Signed like the inbox pushes, with this node's audit head for the partner to witness.
    const auditHead = await this.audit.head();
    const signed = signRequest({
      method: 'POST',
      targetUri: url,
      body,
      keyId: this.node.keyId,
      privateKey: this.node.key.privateKey,
      auditHead,
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { ...signed, 'content-type': 'application/stix+json;version=2.1', accept: 'application/json' },
      body: body as unknown as BodyInit,
      signal: AbortSignal.timeout(this.config.exchange.requestTimeoutMs),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${partner.nodeId} answered ${res.status}: ${text.slice(0, 200)}`);
    await this.audit.record({
      actor: 'system',
      action: 'exchange.sent',
      subject: partner.nodeId,
      details: { kind: 'campaigns', campaigns: campaigns.length, links: links.length },
    });
  }
}
