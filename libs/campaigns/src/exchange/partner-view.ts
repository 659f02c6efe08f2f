import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SharedCampaign, SharedLink, campaignObjects, defaultName } from '@scamintel/campaigns-core';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { PartnerRecord } from '@scamintel/exchange';
import { StixObject, pseudonym, uuidv5, SCAMINTEL_NAMESPACE } from '@scamintel/exchange-core';
import { IndicatorType, TLP_RANK, Tlp, fingerprint } from '@scamintel/vocabulary';
import { ShareRepository } from './share.repository';

const RANKED: Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/**
 * What one partner may see of this node's campaigns, whether pushed to it or pulled by it: campaigns up to its
 * `maxTlp` (never red or amber+strict), only the types its policy takes, pseudonyms for the pseudonymised ones, and
 * only this node's own reports and co-occurrence (ShareRepository reads nothing partners sent: no re-export).
 */
@Injectable()
export class CampaignPartnerView {
  constructor(
    private readonly repo: ShareRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The partner's whole campaign set, and a digest of it that ignores timestamps (it changes only with content). */
  async campaigns(partner: PartnerRecord): Promise<{ campaigns: SharedCampaign[]; digest: string }> {
    const campaigns = (await this.repo.campaigns(TLP_RANK[partner.policy.maxTlp])).map((c): SharedCampaign => {
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
    return { campaigns, digest };
  }

  /**
   * This node's co-occurrence links changed after `afterSeq` (at most `limit` examined), those the partner may see;
   * `next` is the last sequence examined, so withheld links are never examined twice.
   */
  async links(partner: PartnerRecord, afterSeq: string, limit: number): Promise<{ links: SharedLink[]; next: string; examined: number }> {
    const maxRank = TLP_RANK[partner.policy.maxTlp];
    const page = await this.repo.links(afterSeq, limit);
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
    return { links, next: page.length ? page[page.length - 1].seq : afterSeq, examined: page.length };
  }

  /** The STIX bundle of campaigns and links, from this node, with an id derived from its objects. */
  bundle(campaigns: SharedCampaign[], links: SharedLink[], completeSet: boolean): { type: 'bundle'; id: string; objects: StixObject[] } {
    const objects = campaignObjects({ nodeId: this.config.nodeId, jurisdiction: this.config.jurisdiction }, campaigns, links, completeSet);
    const id = `bundle--${uuidv5(SCAMINTEL_NAMESPACE, createHash('sha256').update(JSON.stringify(objects)).digest('hex'))}`;
    return { type: 'bundle', id, objects };
  }

  /** The value as this partner may see it: its fingerprint, its pseudonym's for pseudonymised types, or nothing. */
  private outbound(partner: PartnerRecord, type: string, value: string, fp: string): string | undefined {
    const policy = partner.policy;
    if (!policy.types.includes(type as IndicatorType)) return undefined;
    if (!policy.pseudonymise.includes(type as IndicatorType)) return fp;
    return partner.pseudonymKey ? fingerprint(type as IndicatorType, pseudonym(partner.pseudonymKey, value)) : undefined;
  }
}
