import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiBodyOf, ApiErrors, Principal } from '@scamintel/common';
import { CampaignsService } from './campaigns.service';
import { LinkValuesDto, ListCampaignsQuery, MergeCampaignDto, PatchCampaignDto, SplitCampaignDto } from './dto/campaign.dto';
import { Campaign, CampaignPage, LinkResult, SplitResult } from './dto/campaign.response';

type Req = { principal?: Principal };
const actor = (req: Req) => {
  const p = req.principal;
  return p && p.kind === 'key' ? `key:${p.keyId}` : 'unknown';
};
const FP = (c: string) => c.repeat(64);

@Controller('v1/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  @Access('analyst')
  @ApiOperation({
    summary: 'Campaigns (CONTRACT §11): groups of values seen together in at least two reports, most reports first.',
    description:
      'Reports, jurisdictions and losses cover this node’s reports and the aggregates partners shared for their overlapping campaigns.',
  })
  @ApiOkResponse({ type: CampaignPage })
  @ApiErrors({ 400: 'Invalid filter or cursor.' })
  list(@Query() q: ListCampaignsQuery) {
    return this.campaigns.list({
      jurisdiction: q.jurisdiction,
      scamType: q.scamType,
      minReports: q.minReports,
      crossBorder: q.crossBorder,
      cursor: q.cursor,
      limit: q.limit ?? 100,
    });
  }

  @Post('links')
  @HttpCode(200)
  @Access('analyst')
  @ApiOperation({ summary: 'Link two values by hand (audited): they are one operation whether or not a report holds both.' })
  @ApiBodyOf(LinkValuesDto, { link: { summary: 'Same recruiter', value: { from: FP('a'), to: FP('b'), note: 'same script and wallet' } } })
  @ApiOkResponse({ type: LinkResult })
  @ApiErrors({ 400: 'Invalid body, or the same value twice.', 422: 'A fingerprint of no indicator here, or of a warninglisted one.' })
  link(@Body() dto: LinkValuesDto, @Req() req: Req) {
    return this.campaigns.link(dto.from, dto.to, dto.note, actor(req));
  }

  @Get(':id')
  @Access('analyst')
  @ApiOperation({ summary: 'One campaign: values, links, reports, losses per currency, jurisdictions, origin.' })
  @ApiOkResponse({ type: Campaign })
  @ApiErrors({ 404: 'No such campaign.' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.campaigns.get(id);
  }

  @Patch(':id')
  @Access('analyst')
  @ApiOperation({ summary: 'Name, close or reopen a campaign, set its suspected origin or its TLP (audited).' })
  @ApiBodyOf(PatchCampaignDto, {
    origin: {
      summary: 'Suspected scam centre',
      value: { name: 'Telegram job-scam recruiter', origin: { country: 'KH', note: 'Sihanoukville compound' } },
    },
  })
  @ApiOkResponse({ type: Campaign })
  @ApiErrors({
    400: 'Invalid body (a country that is no assigned ISO 3166-1 alpha-2 code, `dormant` as status).',
    404: 'No such campaign.',
  })
  patch(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: PatchCampaignDto, @Req() req: Req) {
    return this.campaigns.patch(id, dto, actor(req));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Access('analyst')
  @ApiOperation({ summary: 'Merge two campaigns (audited); the merged campaign keeps the older id.' })
  @ApiBodyOf(MergeCampaignDto, { merge: { summary: 'Same operation', value: { with: '0b7e4c1a-93f2-8d41-a7e0-5c2f1b3d9e84' } } })
  @ApiOkResponse({ type: Campaign })
  @ApiErrors({ 400: 'Invalid body.', 404: 'No such campaign.', 409: 'The same campaign twice.' })
  merge(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: MergeCampaignDto, @Req() req: Req) {
    return this.campaigns.merge(id, dto.with, actor(req));
  }

  @Post(':id/split')
  @HttpCode(200)
  @Access('analyst')
  @ApiOperation({
    summary: 'Split values out of a campaign (audited): every link between them and the rest is cut, and stays cut.',
    description: 'The part holding the campaign’s founding link keeps its id.',
  })
  @ApiBodyOf(SplitCampaignDto, { split: { summary: 'Two values are another operation', value: { fingerprints: [FP('c'), FP('d')] } } })
  @ApiOkResponse({ type: SplitResult })
  @ApiErrors({
    400: 'Invalid body, or a fingerprint that is not a value of the campaign.',
    404: 'No such campaign.',
    409: 'Nothing would remain.',
  })
  split(@Param('id', new ParseUUIDPipe()) id: string, @Body() dto: SplitCampaignDto, @Req() req: Req) {
    return this.campaigns.split(id, dto.fingerprints, actor(req));
  }
}
