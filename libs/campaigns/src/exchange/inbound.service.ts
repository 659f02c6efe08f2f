import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@scamintel/audit';
import { ReceivedCampaign, ReceivedLink, readCampaignObjects } from '@scamintel/campaigns-core';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { ExchangeError, IncomingRequest, PartnerRecord, SignedRequestService } from '@scamintel/exchange';
import { StixObject, checkInboundPolicy, identityId, pseudonym } from '@scamintel/exchange-core';
import { IndicatorType, fingerprint } from '@scamintel/vocabulary';
import { ClusteringService } from '../clustering.service';
import { CampaignsInboundRepository } from './inbound.repository';

export const CAMPAIGNS_ROUTE = 'POST /v1/exchange/campaigns';
export const CAMPAIGNS_PULLED_ROUTE = 'GET /v1/exchange/campaigns (pulled)';

interface Accepting {
  route: string;
  action: 'exchange.received' | 'exchange.pulled';
  actor: string;
  details?: Record<string, unknown>;
}

/**
 * A partner's campaigns and co-occurrence links (CONTRACT §11), pushed to this node or pulled by it: signature (401,
 * push only: a pulled page came over this node's own signed request) → STIX (400) → the policy for that
 * partner (403, whole) → pseudonyms matched to this node's own values where it holds them → stored as absolute
 * values and re-clustered under the graph lock, so a chain alternating the two nodes' reports becomes one campaign.
 */
@Injectable()
export class CampaignsInboundService {
  constructor(
    private readonly signed: SignedRequestService,
    private readonly repo: CampaignsInboundRepository,
    private readonly audit: AuditService,
    private readonly clustering: ClusteringService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Pushed: POST /v1/exchange/campaigns, authenticated by its signature. */
  async receive(req: IncomingRequest, body: unknown): Promise<{ campaigns: number; links: number }> {
    const v = await this.signed.verify(req, CAMPAIGNS_ROUTE);
    return this.accept(v.partner, body, { route: CAMPAIGNS_ROUTE, action: 'exchange.received', actor: `partner:${v.partner.nodeId}` });
  }

  /**
   * Pulled: a page this node read from the partner's GET /v1/exchange/campaigns with its own signed request. The same
   * checks, policy and idempotent store as a push; audited as `exchange.pulled` (this node acted), refusals as on push.
   */
  async acceptPulled(
    partner: PartnerRecord,
    body: unknown,
    details: Record<string, unknown>,
  ): Promise<{ campaigns: number; links: number }> {
    return this.accept(partner, body, { route: CAMPAIGNS_PULLED_ROUTE, action: 'exchange.pulled', actor: 'system', details });
  }

  private async accept(partner: PartnerRecord, body: unknown, how: Accepting): Promise<{ campaigns: number; links: number }> {
    const actor = `partner:${partner.nodeId}`;
    const bundle = body as { type?: unknown; id?: unknown; objects?: unknown };
    const objects = bundle && bundle.type === 'bundle' && Array.isArray(bundle.objects) ? (bundle.objects as StixObject[]) : undefined;
    const read = objects?.every((o) => o && typeof o === 'object' && typeof o.type === 'string' && typeof o.id === 'string')
      ? readCampaignObjects(objects, identityId(partner.nodeId))
      : undefined;
    if (!read || read.errors.length) {
      const details = read
        ? read.errors.slice(0, 50).map((e) => ({ path: `objects[${e.id ?? ''}]`, message: e.message }))
        : [{ path: '', message: 'send a STIX 2.1 bundle' }];
      await this.audit.record({
        actor,
        action: 'exchange.rejected',
        subject: how.route,
        details: { reason: 'invalid_stix', status: 400, errors: details.slice(0, 20) },
      });
      throw new ExchangeError('validation_failed', 'the bundle is not STIX 2.1 campaigns this node can read', details);
    }
    const violations = checkInboundPolicy([], bundle as { objects: unknown[] }, partner.policy);
    if (violations.length) {
      await this.audit.record({
        actor,
        action: 'exchange.rejected',
        subject: how.route,
        details: { reason: 'policy', status: 403, count: violations.length },
      });
      throw new ExchangeError('policy_violation', `the bundle breaks this node's policy for ${partner.nodeId}; refused whole`);
    }
    const resolve = await this.resolver(partner.policy.pseudonymise, partner.pseudonymKey);
    const campaigns: ReceivedCampaign[] = read.campaigns.map((c) => ({ ...c, members: [...new Set(c.members.map(resolve))].sort() }));
    const links: ReceivedLink[] = read.links
      .map((l) => {
        const [a, b] = [resolve(l.a), resolve(l.b)];
        return a < b ? { ...l, a, b } : { a: b, b: a, reports: l.reports, aReports: l.bReports, bReports: l.aReports };
      })
      .filter((l) => l.a !== l.b);
    await this.clustering.announce(
      await this.repo.store(partner.nodeId, campaigns, links, this.config.campaigns.hubMinReports, read.completeSet),
    );
    await this.audit.record({
      actor: how.actor,
      action: how.action,
      subject: partner.nodeId,
      details: { kind: 'campaigns', batchId: String(bundle.id ?? ''), campaigns: campaigns.length, links: links.length, ...how.details },
    });
    return { campaigns: campaigns.length, links: links.length };
  }

  /**
   * Pseudonym fingerprints of this node's own values of the pseudonymised types, mapped back to their fingerprints:
   * the partner's pseudonym of a value this node holds becomes that value; any other stays an opaque node of the graph.
   */
  private async resolver(types: IndicatorType[], key: string | null): Promise<(fp: string) => string> {
    if (!key || !types.length) return (fp) => fp;
    const map = new Map<string, string>();
    for (const i of await this.repo.valuesOfTypes(types))
      map.set(fingerprint(i.type as IndicatorType, pseudonym(key, i.value)), i.fingerprint);
    return (fp) => map.get(fp) ?? fp;
  }
}
