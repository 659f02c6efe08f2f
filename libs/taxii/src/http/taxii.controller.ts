import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBasicAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditService } from '@scamintel/audit';
import { AuthenticatedRequest, actorOf } from '@scamintel/auth';
import { Access } from '@scamintel/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { CollectionResource, TaxiiCollection, TaxiiCollections, toResource } from '../collections.service';
import { DEFAULT_LIMIT, FeedEntry, MAX_LIMIT, TaxiiFeed } from '../feed.service';
import { ObjectFilters, matches, parseFilters } from '../filters';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE, isTaxiiContentType } from '../media-types';
import { TaxiiError } from '../taxii-error';
import { formatMicros } from '../timestamps';
import { TaxiiAcceptGuard } from './accept.guard';
import { MAX_CONTENT_LENGTH, TAXII_PREFIX } from './fastify-hooks';
import { TaxiiErrorFilter } from './taxii-error.filter';
import { TaxiiListQuery, TaxiiObjectQuery } from './taxii.query';
import {
  ADD_BODY,
  ADD_ERRORS,
  API_ROOT_EXAMPLE,
  AUTH_ERRORS,
  COLLECTION_ERRORS,
  COLLECTION_EXAMPLE,
  COLLECTIONS_EXAMPLE,
  DATE_HEADERS,
  DELETE_ERRORS,
  DISCOVERY_EXAMPLE,
  MANIFEST_EXAMPLE,
  OBJECT_ERRORS,
  OBJECT_EXAMPLE,
  OBJECT_FOUND,
  OBJECTS_EXAMPLE,
  OPS,
  QUERY_ERRORS,
  TaxiiErrors,
  VERSIONS_EXAMPLE,
} from './taxii.docs';
import {
  TaxiiApiRoot,
  TaxiiCollection as TaxiiCollectionBody,
  TaxiiCollections as TaxiiCollectionList,
  TaxiiDiscovery,
  TaxiiEnvelope,
  TaxiiManifest,
  TaxiiVersions,
} from './taxii.response';

export const API_ROOT = `${TAXII_PREFIX}/api/`;

export interface Envelope {
  more: boolean;
  next?: string;
  /** Left out when empty: TAXII, like STIX, has no empty lists. */
  objects?: Record<string, unknown>[];
}

export interface ManifestRecord {
  id: string;
  date_added: string;
  version: string;
  media_type: string;
}

type Reply = FastifyReply;

const limitOf = (n: number | undefined) => Math.min(n ?? DEFAULT_LIMIT, MAX_LIMIT);

/** X-TAXII-Date-Added-First/-Last (TAXII 2.1 §3.3.1) of the entries answered, when there are any. */
function dateHeaders(res: Reply, entries: FeedEntry[]): void {
  if (!entries.length) return;
  let first = entries[0].dateAdded;
  let last = first;
  for (const e of entries) {
    if (e.dateAdded < first) first = e.dateAdded;
    if (e.dateAdded > last) last = e.dateAdded;
  }
  res.header('X-TAXII-Date-Added-First', formatMicros(first));
  res.header('X-TAXII-Date-Added-Last', formatMicros(last));
}

const manifestRecord = (e: FeedEntry): ManifestRecord => ({
  id: e.object.id,
  date_added: formatMicros(e.dateAdded),
  version: e.versionText,
  media_type: STIX_MEDIA_TYPE,
});

/**
 * TAXII 2.1 server (CONTRACT §8): discovery, one API root, read-only collections (one per partner policy, and
 * `public`). HTTP Basic (the API key as password) or Bearer, with a partner or analyst key. Answers are
 * `application/taxii+json;version=2.1` (a request must accept it: 406), errors TAXII error resources.
 */
@Controller('taxii2')
@Access('partner', 'analyst')
@UseGuards(TaxiiAcceptGuard)
@UseFilters(TaxiiErrorFilter)
@ApiBasicAuth('basic')
@ApiProduces(TAXII_MEDIA_TYPE)
export class TaxiiController {
  constructor(
    private readonly collections: TaxiiCollections,
    private readonly feed: TaxiiFeed,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({ summary: OPS.discovery.summary, description: OPS.discovery.description })
  @ApiOkResponse({ description: 'Discovery resource.', type: TaxiiDiscovery, example: DISCOVERY_EXAMPLE })
  @TaxiiErrors(AUTH_ERRORS)
  discovery() {
    return {
      title: `scamintel ${this.config.nodeId} (${this.config.jurisdiction})`,
      description:
        'Scam indicators of this node as STIX 2.1: a collection per partner under its bilateral policy, and a public TLP:CLEAR collection.',
      default: API_ROOT,
      api_roots: [API_ROOT],
    };
  }

  @Get('api')
  @ApiOperation({ summary: OPS.apiRoot.summary, description: OPS.apiRoot.description })
  @ApiOkResponse({ description: 'API root resource.', type: TaxiiApiRoot, example: API_ROOT_EXAMPLE })
  @TaxiiErrors(AUTH_ERRORS)
  apiRoot() {
    return {
      title: `scamintel ${this.config.nodeId}`,
      description:
        'Read-only collections of scam indicators (indicator, sighting and the observed value) under this node’s sharing policies.',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: MAX_CONTENT_LENGTH,
    };
  }

  @Get('api/collections')
  @ApiOperation({ summary: OPS.collections.summary, description: OPS.collections.description })
  @ApiOkResponse({ description: 'Collections resource.', type: TaxiiCollectionList, example: COLLECTIONS_EXAMPLE })
  @TaxiiErrors(AUTH_ERRORS)
  async list(@Req() req: AuthenticatedRequest): Promise<{ collections?: CollectionResource[] }> {
    const visible = await this.collections.visible(req.principal);
    return visible.length ? { collections: visible.map(toResource) } : {};
  }

  @Get('api/collections/:collectionId')
  @ApiOperation({ summary: OPS.collection.summary, description: OPS.collection.description })
  @ApiOkResponse({ description: 'Collection resource.', type: TaxiiCollectionBody, example: COLLECTION_EXAMPLE })
  @TaxiiErrors(COLLECTION_ERRORS)
  async collection(@Param('collectionId') id: string, @Req() req: AuthenticatedRequest): Promise<CollectionResource> {
    return toResource(await this.collections.find(req.principal, id));
  }

  @Get('api/collections/:collectionId/objects')
  @ApiOperation({ summary: OPS.objects.summary, description: OPS.objects.description })
  @ApiOkResponse({ description: 'Envelope.', type: TaxiiEnvelope, headers: DATE_HEADERS, example: OBJECTS_EXAMPLE })
  @TaxiiErrors(QUERY_ERRORS)
  async objects(
    @Param('collectionId') id: string,
    @Query() q: TaxiiListQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<Envelope> {
    const c = await this.collections.find(req.principal, id);
    const page = await this.feed.page(c, parseFilters(q), q.next, limitOf(q.limit));
    dateHeaders(res, page.entries);
    await this.served(req, c, 'objects', page.entries.length, page.more);
    return {
      more: page.more,
      ...(page.next ? { next: page.next } : {}),
      ...(page.entries.length ? { objects: page.entries.map((e) => e.object) } : {}),
    };
  }

  /** Read-only collections (`can_write: false`): 403 once the request itself is acceptable (TAXII 2.1 §5.5). */
  @Post('api/collections/:collectionId/objects')
  @HttpCode(202)
  @ApiOperation({ summary: OPS.add.summary, description: OPS.add.description })
  @ApiConsumes(TAXII_MEDIA_TYPE)
  @ApiBody(ADD_BODY)
  @TaxiiErrors(ADD_ERRORS)
  async add(@Param('collectionId') id: string, @Req() req: AuthenticatedRequest): Promise<never> {
    await this.collections.find(req.principal, id);
    const type = req.headers['content-type'];
    if (!isTaxiiContentType(typeof type === 'string' ? type : undefined)) {
      throw new TaxiiError('unsupported_media_type', `send ${TAXII_MEDIA_TYPE}`);
    }
    throw new TaxiiError('forbidden', 'this collection is read-only (can_write: false)');
  }

  @Get('api/collections/:collectionId/manifest')
  @ApiOperation({ summary: OPS.manifest.summary, description: OPS.manifest.description })
  @ApiOkResponse({ description: 'Manifest.', type: TaxiiManifest, headers: DATE_HEADERS, example: MANIFEST_EXAMPLE })
  @TaxiiErrors(QUERY_ERRORS)
  async manifest(
    @Param('collectionId') id: string,
    @Query() q: TaxiiListQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<{ more: boolean; next?: string; objects?: ManifestRecord[] }> {
    const c = await this.collections.find(req.principal, id);
    const page = await this.feed.page(c, parseFilters(q), q.next, limitOf(q.limit));
    dateHeaders(res, page.entries);
    await this.served(req, c, 'manifest', page.entries.length, page.more);
    return {
      more: page.more,
      ...(page.next ? { next: page.next } : {}),
      ...(page.entries.length ? { objects: page.entries.map(manifestRecord) } : {}),
    };
  }

  @Get('api/collections/:collectionId/objects/:objectId')
  @ApiOperation({ summary: OPS.object.summary, description: OPS.object.description })
  @ApiOkResponse({ description: OBJECT_FOUND, type: TaxiiEnvelope, headers: DATE_HEADERS, example: OBJECT_EXAMPLE })
  @TaxiiErrors(OBJECT_ERRORS)
  async object(
    @Param('collectionId') id: string,
    @Param('objectId') objectId: string,
    @Query() q: TaxiiObjectQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<Envelope> {
    const { c, entries } = await this.versionsOf(req, id, objectId, q);
    dateHeaders(res, entries);
    await this.served(req, c, 'object', entries.length, false);
    return { more: false, ...(entries.length ? { objects: entries.map((e) => e.object) } : {}) };
  }

  @Get('api/collections/:collectionId/objects/:objectId/versions')
  @ApiOperation({ summary: OPS.versions.summary, description: OPS.versions.description })
  @ApiOkResponse({ description: 'Versions resource.', type: TaxiiVersions, headers: DATE_HEADERS, example: VERSIONS_EXAMPLE })
  @TaxiiErrors(OBJECT_ERRORS)
  async versions(
    @Param('collectionId') id: string,
    @Param('objectId') objectId: string,
    @Query() q: TaxiiObjectQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Reply,
  ): Promise<{ more: boolean; versions?: string[] }> {
    const { c, entries } = await this.versionsOf(req, id, objectId, q);
    dateHeaders(res, entries);
    await this.served(req, c, 'versions', entries.length, false);
    return { more: false, ...(entries.length ? { versions: entries.map((e) => e.versionText) } : {}) };
  }

  @Delete('api/collections/:collectionId/objects/:objectId')
  @ApiOperation({ summary: OPS.remove.summary, description: OPS.remove.description })
  @TaxiiErrors(DELETE_ERRORS)
  async remove(@Param('collectionId') id: string, @Req() req: AuthenticatedRequest): Promise<never> {
    await this.collections.find(req.principal, id);
    throw new TaxiiError('forbidden', 'this collection is read-only (can_write: false)');
  }

  private async versionsOf(
    req: AuthenticatedRequest,
    id: string,
    objectId: string,
    q: TaxiiObjectQuery,
  ): Promise<{ c: TaxiiCollection; entries: FeedEntry[] }> {
    const c = await this.collections.find(req.principal, id);
    const filters: ObjectFilters = parseFilters(q);
    const all = await this.feed.find(c, objectId);
    if (!all) throw new TaxiiError('not_found', 'no such object in this collection');
    const entries = all.filter((e) =>
      matches(
        { id: e.object.id, type: e.object.type, specVersion: e.object.spec_version, dateAdded: e.dateAdded, version: e.version },
        filters,
      ),
    );
    return { c, entries: entries.slice(0, limitOf(q.limit)) };
  }

  /** What leaves the node through TAXII is audited like the pull route's pages: reads by partner keys. */
  private async served(req: AuthenticatedRequest, c: TaxiiCollection, route: string, objects: number, more: boolean): Promise<void> {
    if (req.principal?.kind !== 'key' || req.principal.role !== 'partner') return;
    await this.audit.record({
      actor: actorOf(req),
      action: 'taxii.served',
      subject: c.alias,
      details: { collection: c.id, route, objects, more },
    });
  }
}
