import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@scamintel/audit';
import { SharedCampaign, SharedLink, campaignObjects, defaultName } from '@scamintel/campaigns-core';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { NodeKeyService, PartnerRecord, PartnersRepository } from '@scamintel/exchange';
import { pseudonym, signRequest, uuidv5, SCAMINTEL_NAMESPACE } from '@scamintel/exchange-core';
import { IndicatorType, TLP_RANK, Tlp, fingerprint } from '@scamintel/vocabulary';
import { ShareRepository } from './share.repository';

export const CAMPAIGNS_ROUTE_PATH = '/v1/exchange/campaigns';
const LINKS_PER_REQUEST = 2000;
const RANKED: Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/**
 * Sends this node's campaigns and co-occurrence links to each partner, under that partner's policy (TLP, types,
 * pseudonyms), signed like every exchange request. Campaigns go again only when what would be sent changed;
 * links go once per change (cursor `campaign_links.seq`). Resending is harmless: the receiver stores absolute values.
 */
@Injectable()
export class ShareService {
  private readonly logger = new Logger(ShareService.name);

  constructor(
    private readonly repo: ShareRepository,
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
    const policy = partner.policy;
    const maxRank = TLP_RANK[policy.maxTlp];
    const state = await this.repo.state(partner.nodeId);
    const campaigns = (await this.repo.campaigns(maxRank)).map((c): SharedCampaign => {
      const members = c.members.map((m) => this.outbound(partner, m.type, m.value, m.fingerprint)).filter((fp): fp is string => !!fp);
      return {
        id: c.id,
        name: c.name ?? defaultName(c.id, c.scamTypes),
        tlp: c.tlp as Tlp,
        created: c.created.toISOString(),
        modified: c.modified.toISOString(),
        reports: c.reports,
        jurisdictions: [...c.jurisdictions].sort(),
        scamTypes: c.scamTypes,
        channels: [...c.channels].sort(),
        losses: c.losses,
        firstSeen: c.firstSeen?.toISOString() ?? null,
        lastSeen: c.lastSeen?.toISOString() ?? null,
        origin: c.originCountry ? { country: c.originCountry, note: c.originNote } : null,
        members: [...members].sort(),
      };
    });
    const digest = createHash('sha256')
      .update(JSON.stringify(campaigns.map(({ created: _c, modified: _m, ...rest }) => rest)))
      .digest('hex');
    let requests = 0;
    let seq = state.linksSeq;
    let pendingCampaigns = digest !== state.digest ? campaigns : null;
    for (;;) {
      const page = await this.repo.links(seq, LINKS_PER_REQUEST);
      if (!page.length && !pendingCampaigns) break;
      const links: SharedLink[] = [];
      for (const l of page) {
        const a = this.outbound(partner, l.aType, l.aValue, l.a);
        const b = this.outbound(partner, l.bType, l.bValue, l.b);
        if (!a || !b || l.tlpRank > maxRank) continue;
        const flip = a > b;
        links.push({
          a: flip ? b : a,
          b: flip ? a : b,
          reports: l.reports,
          aReports: flip ? l.bReports : l.aReports,
          bReports: flip ? l.aReports : l.bReports,
          tlp: RANKED[l.tlpRank],
          firstAt: l.firstAt.toISOString(),
        });
      }
      const next = page.length ? page[page.length - 1].seq : seq;
      if (links.length || pendingCampaigns) {
        await this.post(partner, pendingCampaigns ?? [], links, pendingCampaigns !== null);
        requests++;
      }
      seq = next;
      await this.repo.saveState(partner.nodeId, seq, digest);
      pendingCampaigns = null;
      if (page.length < LINKS_PER_REQUEST) break;
    }
    return requests;
  }

  /** The value as this partner may see it: its fingerprint, its pseudonym's for pseudonymised types, or nothing. */
  private outbound(partner: PartnerRecord, type: string, value: string, fp: string): string | undefined {
    const policy = partner.policy;
    if (!policy.types.includes(type as IndicatorType)) return undefined;
    if (!policy.pseudonymise.includes(type as IndicatorType)) return fp;
    return partner.pseudonymKey ? fingerprint(type as IndicatorType, pseudonym(partner.pseudonymKey, value)) : undefined;
  }

  private async post(partner: PartnerRecord, campaigns: SharedCampaign[], links: SharedLink[], completeSet: boolean): Promise<void> {
    const objects = campaignObjects({ nodeId: this.config.nodeId, jurisdiction: this.config.jurisdiction }, campaigns, links, completeSet);
    const body = Buffer.from(
      JSON.stringify({
        type: 'bundle',
        id: `bundle--${uuidv5(SCAMINTEL_NAMESPACE, createHash('sha256').update(JSON.stringify(objects)).digest('hex'))}`,
        objects,
      }),
    );
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
