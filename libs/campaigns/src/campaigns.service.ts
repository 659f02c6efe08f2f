import { Inject, Injectable } from '@nestjs/common';
import isoCountries from 'i18n-iso-countries';
import { AuditService } from '@scamintel/audit';
import { defaultName, campaignStatus, sumLosses } from '@scamintel/campaigns-core';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { poolOf } from '@scamintel/persistence';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AnalystRepository } from './analyst.repository';
import { CampaignEvent, CampaignRow, CampaignsRepository, ListFilter, ReceivedCampaign } from './campaigns.repository';
import { CampaignsError } from './campaigns-error';
import { GroupsWriter } from './groups.writer';
import { ClusteringService } from './clustering.service';
import { Campaign, CampaignPage, CampaignSummary } from './dto/campaign.response';

export interface PatchInput {
  name?: string;
  status?: 'active' | 'closed';
  origin?: { country: string; note?: string };
  tlp?: string;
}

/** Campaign records for analysts, and what analysts change on them (every change audited). */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly repo: CampaignsRepository,
    private readonly analyst: AnalystRepository,
    private readonly groups: GroupsWriter,
    private readonly audit: AuditService,
    private readonly clustering: ClusteringService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(f: Omit<ListFilter, 'after'> & { cursor?: string }): Promise<CampaignPage> {
    const rows = await this.repo.list({ ...f, after: f.cursor ? decodeCursor(f.cursor) : undefined });
    const last = rows[rows.length - 1];
    const next = rows.length === f.limit && last ? Buffer.from(`${last.reports}:${last.id}`).toString('base64url') : null;
    return { campaigns: rows.map((r) => this.summary(r)), next };
  }

  /** The record; an id merged into another answers with the campaign it became part of. */
  async get(id: string): Promise<Campaign> {
    const row = await this.live(id);
    const members = await this.repo.members(row.id, this.config.campaigns.hubMinReports);
    const fps = members.map((m) => m.fingerprint);
    const own = members.filter((m) => !m.hub).map((m) => m.fingerprint);
    const [ids, links, local, partners] = await Promise.all([
      this.repo.identities(fps),
      this.repo.links(fps),
      this.repo.localLosses(own),
      this.groups.partnerCampaigns(poolOf(this.db), [row.id]),
    ]);
    const mine = partners.filter((p) => p.home === row.id);
    return {
      ...this.summary(row),
      indicators: fps.filter((fp) => ids.has(fp)).map((fp) => ({ ...ids.get(fp)!, fingerprint: fp })),
      hubs: members.filter((m) => m.hub).map((m) => m.fingerprint),
      losses: sumLosses([...local, ...mine.flatMap((p) => p.losses)]),
      links,
      partnerCampaigns: mine.map((p) => ({ node: p.nodeId, id: p.stixId, name: p.name, reports: p.reports })),
    };
  }

  /** The campaign's history, newest first: merges (with the ids it absorbed), splits, analysts' changes. */
  async history(id: string, limit = 50): Promise<CampaignEvent[]> {
    return this.repo.events((await this.live(id)).id, limit);
  }

  /** Partners' campaigns that overlap no local one (an overlapping one is listed in its local campaign's record). */
  received(limit: number): Promise<ReceivedCampaign[]> {
    return this.repo.receivedAlone(limit);
  }

  async patch(id: string, input: PatchInput, actor: string): Promise<Campaign> {
    if (input.origin && (!isoCountries.isValid(input.origin.country) || input.origin.country === 'XK'))
      throw new CampaignsError('validation_failed', 'origin.country is not an assigned ISO 3166-1 alpha-2 code', [
        { path: 'origin.country', message: 'not an assigned ISO 3166-1 alpha-2 code' },
      ]);
    const row = await this.live(id);
    const patch = {
      name: input.name,
      closed: input.status === undefined ? undefined : input.status === 'closed',
      origin: input.origin ? { country: input.origin.country, note: input.origin.note ?? null } : undefined,
      tlp: input.tlp,
    };
    if (!(await this.analyst.patch(row.id, patch, actor))) throw new CampaignsError('not_found', 'no such campaign');
    await this.audit.record({ actor, action: 'campaign.updated', subject: row.id, details: { ...input } });
    await this.clustering.announce((await this.repo.members(row.id, this.config.campaigns.hubMinReports)).map((m) => m.fingerprint));
    return this.get(row.id);
  }

  /** Joins two campaigns by an analyst's link between their founding values; the older id survives. */
  async merge(id: string, withId: string, actor: string): Promise<Campaign> {
    const [a, b] = [await this.live(id), await this.live(withId)];
    if (a.id === b.id) throw new CampaignsError('conflict', 'a campaign cannot be merged with itself');
    const [sa, sb] = await Promise.all([this.seedOf(a.id), this.seedOf(b.id)]);
    const r = await this.analyst.setLinks([[sa, sb]], 'link', actor, this.config.campaigns.hubMinReports);
    await this.clustering.announce(r.values);
    const kept = r.merges[0]?.kept ?? (await this.live(a.id)).id;
    await this.audit.record({ actor, action: 'campaign.merged', subject: kept, details: { campaigns: [a.id, b.id].sort(), kept } });
    return this.get(kept);
  }

  /** Takes values out of a campaign: every link between them and the rest is cut (and stays cut for the rebuild). */
  async split(id: string, fingerprints: string[], actor: string): Promise<{ campaigns: string[] }> {
    const row = await this.live(id);
    const own = (await this.repo.members(row.id, this.config.campaigns.hubMinReports)).filter((m) => !m.hub).map((m) => m.fingerprint);
    const part = [...new Set(fingerprints)];
    const outside = part.filter((fp) => !own.includes(fp));
    if (outside.length)
      throw new CampaignsError(
        'validation_failed',
        'every fingerprint must be a value of this campaign (hubs join none)',
        outside.map((fp) => ({ path: `fingerprints[${fingerprints.indexOf(fp)}]`, message: 'not a value of this campaign' })),
      );
    if (part.length === own.length) throw new CampaignsError('conflict', 'a split must leave values on both sides');
    const cuts = await this.analyst.linksAcross(part, own);
    await this.clustering.announce((await this.analyst.setLinks(cuts, 'cut', actor, this.config.campaigns.hubMinReports, own)).values);
    const campaigns = (await Promise.all(own.map((fp) => this.repo.campaignOf(fp)))).filter((c): c is string => !!c);
    const result = { campaigns: [...new Set(campaigns)].sort() };
    await this.audit.record({ actor, action: 'campaign.split', subject: row.id, details: { fingerprints: part.sort(), ...result } });
    return result;
  }

  /** An analyst's link between two values (audited): they are one operation whether or not a report says so. */
  async link(from: string, to: string, note: string | undefined, actor: string): Promise<{ campaign: string | null }> {
    if (from === to) throw new CampaignsError('validation_failed', 'from and to must be two different values');
    const known = await this.analyst.knownIndicators([from, to]);
    for (const fp of [from, to])
      if (!known.has(fp))
        throw new CampaignsError('not_an_indicator', `no linkable indicator with fingerprint ${fp} (unknown or warninglisted)`);
    await this.clustering.announce((await this.analyst.setLinks([[from, to]], 'link', actor, this.config.campaigns.hubMinReports)).values);
    const campaign = await this.repo.campaignOf(from);
    await this.audit.record({
      actor,
      action: 'campaign.linked',
      subject: campaign ?? undefined,
      details: { from, to, note: note ?? null },
    });
    return { campaign };
  }

  private async seedOf(id: string): Promise<string> {
    const seed = await this.repo.seedValue(id);
    if (!seed) throw new CampaignsError('not_found', 'no such campaign');
    return seed;
  }

  private async live(id: string): Promise<CampaignRow> {
    let row = await this.repo.get(id);
    for (let hops = 0; row && !row.live && row.mergedInto && hops < 100; hops++) row = await this.repo.get(row.mergedInto);
    if (!row || !row.live) throw new CampaignsError('not_found', 'no such campaign');
    return row;
  }

  summary(r: CampaignRow): CampaignSummary {
    return {
      id: r.id,
      name: r.name ?? defaultName(r.id, r.scamTypes),
      status: campaignStatus(r.closed, r.lastSeen, new Date(), this.config.campaigns.dormantDays),
      reports: r.reports,
      indicatorCount: r.indicators,
      jurisdictions: r.jurisdictions,
      scamTypes: r.scamTypes,
      channels: r.channels,
      firstSeen: r.firstSeen?.toISOString() ?? null,
      lastSeen: r.lastSeen?.toISOString() ?? null,
      tlp: r.tlp,
      ...(r.originCountry ? { origin: { country: r.originCountry, ...(r.originNote ? { note: r.originNote } : {}) } } : {}),
    };
  }
}

function decodeCursor(cursor: string): { reports: number; id: string } {
  const m = /^(\d{1,9}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m)
    throw new CampaignsError('validation_failed', 'cursor is not a `next` value of this list', [{ path: 'cursor', message: 'invalid' }]);
  return { reports: Number(m[1]), id: m[2] };
}
