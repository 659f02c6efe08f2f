import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Campaign, CampaignsService, PatchInput } from '@scamintel/campaigns';
import { IndicatorType } from '@scamintel/vocabulary';
import { LookupService } from '@scamintel/intel';
import { layoutCampaignGraph } from '../../core/campaign-graph';
import { field, Html } from '../../http/html-route';
import { WebRenderer } from '../../render/renderer';
import { WebError } from '../../web-error';
import { ConsolePage } from '../console-page';
import { actorOfSession, consoleSessionOf } from '../session-request';
import { backTo, oneOf } from './form-input';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PAGE_SIZE = 25;
/** The table lists at most this many values: a campaign of thousands is read through the API, not scrolled. */
const TABLE_ROWS = 500;
const SETTABLE = ['active', 'closed'] as const;
const PARTS = ['name', 'status', 'origin'] as const;

/**
 * Campaigns (CONTRACT §11): the list with each one's record and the partners' campaigns beside it, and one campaign
 * with its graph drawn on the server, its values in a table, its history and the analyst's changes. Everything is
 * read and changed through CampaignsService, which audits the changes as the API does.
 */
@ConsolePage('campaigns', { label: 'console.nav.campaigns' })
export class CampaignsPage {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly lookups: LookupService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  @Html()
  async list(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const crossBorder = field(req.query, 'crossBorder') === 'true';
    const cursor = field(req.query, 'cursor') || undefined;
    const page = await this.campaigns.list({ limit: PAGE_SIZE, cursor, crossBorder });
    // Each row shows losses and the overlapping partner campaigns, which only the record has.
    const records = await Promise.all(page.campaigns.map((c) => this.campaigns.get(c.id)));
    const received = cursor ? [] : await this.campaigns.received(PAGE_SIZE);
    this.renderer.send(req, reply, 'console/campaigns', { campaigns: records, next: page.next, crossBorder, received });
  }

  @Get(':id')
  @Html()
  async show(@Param('id') id: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const c = await this.record(id);
    // An id merged into another: the campaign it became part of, under its own address.
    if (c.id !== id) {
      const lang = this.renderer.language(req);
      return this.renderer.redirect(reply, `/console/campaigns/${c.id}${lang.explicit ? `?lang=${lang.lang}` : ''}`);
    }
    const [history, rows] = await Promise.all([this.campaigns.history(c.id), this.values(c)]);
    const graph = layoutCampaignGraph(
      rows.map((r) => ({ id: r.fingerprint, hub: r.hub })),
      c.links,
    );
    const number = new Map([...graph.drawn, ...graph.notDrawn].map((v) => [v.id, v.n]));
    const table = rows.map((r) => ({ ...r, n: number.get(r.fingerprint)! })).sort((a, b) => a.n - b.n);
    this.renderer.send(req, reply, 'console/campaign', {
      c,
      graph,
      values: new Map(table.map((r) => [r.fingerprint, r])),
      table: table.slice(0, TABLE_ROWS),
      unlisted: Math.max(0, table.length - TABLE_ROWS),
      history,
      settable: SETTABLE,
      done: field(req.query, 'done'),
    });
  }

  /** One of the record's forms (name, status, suspected origin): a PATCH of that field, audited by the service. */
  @Post(':id/:part')
  @Html()
  async change(
    @Param('id') id: string,
    @Param('part') part: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const which = oneOf(part, PARTS);
    if (!which || !UUID.test(id)) throw new WebError('not_found', 'no such form');
    const input: PatchInput = {};
    if (which === 'name') {
      const name = (field(req.body, 'name') ?? '').trim();
      if (!name || name.length > 200) throw new WebError('validation_failed', 'a name is 1 to 200 characters');
      input.name = name;
    } else if (which === 'status') {
      const status = oneOf(field(req.body, 'status'), SETTABLE);
      if (!status) throw new WebError('validation_failed', 'choose active or closed');
      input.status = status;
    } else {
      const country = (field(req.body, 'country') ?? '').trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) throw new WebError('validation_failed', 'the country is a two-letter ISO 3166-1 code');
      const note = (field(req.body, 'note') ?? '').trim().slice(0, 2000);
      input.origin = { country, ...(note ? { note } : {}) };
    }
    const c = await this.campaigns.patch(id, input, actorOfSession(consoleSessionOf(req)!));
    this.renderer.redirect(reply, backTo(field(req.body, 'return'), `/console/campaigns/${c.id}`, { done: `campaign.${which}` }));
  }

  private async record(id: string): Promise<Campaign> {
    if (!UUID.test(id)) throw new WebError('not_found', 'no such campaign');
    return this.campaigns.get(id);
  }

  /**
   * Every value of the graph with what this node knows of it: the value as written here (a partner's pseudonymised
   * value stays a fingerprint), and its reports per jurisdiction from the same lookup the API answers.
   */
  private async values(c: Campaign) {
    const hubs = new Set(c.hubs);
    const fps = [...new Set([...c.indicators.map((i) => i.fingerprint), ...c.hubs, ...c.links.flatMap((l) => [l.from, l.to])])];
    const known = new Map(c.indicators.map((i) => [i.fingerprint, i]));
    const listed = c.indicators.slice(0, TABLE_ROWS);
    const answers = await this.lookups.lookupMany(listed.map((i) => ({ q: i.value, type: i.type as IndicatorType })));
    const seen = new Map(answers.map((a, i) => [listed[i].fingerprint, a]));
    return fps.map((fingerprint) => {
      const id = known.get(fingerprint);
      const a = seen.get(fingerprint);
      return {
        fingerprint,
        hub: hubs.has(fingerprint),
        type: id?.type,
        value: id?.value,
        reports: a?.reports ?? 0,
        byJurisdiction: (a?.byJurisdiction ?? []).map((s) => ({
          jurisdiction: s.jurisdiction,
          sourceNode: s.sourceNode,
          reports: s.reports,
        })),
      };
    });
  }
}
