import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Headers,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBasicAuth, ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuditService } from '@scamintel/audit';
import { AuthenticatedRequest, actorOf } from '@scamintel/auth';
import { Access, ApiError, AuthError, mapError } from '@scamintel/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { QueueJobsQuery, QueueOverviewQuery } from './dto/queue-jobs.query';
import {
  QUEUE_JOB_EXAMPLE,
  QUEUE_OVERVIEW_EXAMPLE,
  QueueJobRetried,
  QueueJobs,
  QueueOverview as QueueOverviewBody,
} from './dto/queues.response';
import { OpsError } from './ops-error';
import { JobSummary, LISTED_STATES, QueueInspector, QueueInspectorError } from './queue-inspector';
import { QueueOverview, renderQueuesPage } from './queues-page';

/** Jobs shown per state on the overview. */
const OVERVIEW_JOBS: Record<(typeof LISTED_STATES)[number], number> = { failed: 20, active: 10, waiting: 5, delayed: 5, completed: 0 };

/**
 * A browser that opens /admin/queues gets a Basic challenge next to the Bearer one, so it can prompt for the
 * admin key (any user name, the key as password; the auth guard reads Basic credentials that way).
 */
@Catch(AuthError)
export class BasicChallengeFilter implements ExceptionFilter {
  catch(err: AuthError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const m = mapError(err);
    for (const [k, v] of Object.entries(m.headers)) reply.header(k, v);
    if (m.status === 401) reply.header('WWW-Authenticate', 'Bearer, Basic realm="scamintel admin", charset="UTF-8"');
    reply
      .status(m.status)
      .type('application/json')
      .send({ error: { code: m.code, message: m.message }, requestId: String(req.id) });
  }
}

async function guarded<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof QueueInspectorError)
      throw new OpsError('queue_unavailable', 'Redis is unavailable; retry later', [], { 'Retry-After': '5' });
    throw err;
  }
}

/**
 * Queue dashboard (CONTRACT §8): counts per state and the latest failed, active, waiting and delayed jobs of
 * every queue of this node, as HTML or JSON, plus retry of a failed job. Admin only.
 */
@Controller('admin/queues')
@Access('admin')
@UseFilters(BasicChallengeFilter)
export class QueuesController {
  constructor(
    private readonly inspector: QueueInspector,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Overview of every queue: HTML by default; JSON with `?format=json` or `Accept: application/json`. */
  @Get()
  @ApiBasicAuth('basic')
  @ApiOperation({
    summary: 'Queue dashboard.',
    description:
      'Counts per state and the latest failed, active, waiting and delayed jobs of every queue, without job payloads. HTML (refreshes every 5 s) unless `?format=json` or `Accept: application/json`. A browser is offered a Basic challenge: any user name, the admin key as password.',
  })
  @ApiExtraModels(QueueOverviewBody)
  @ApiOkResponse({
    description: 'Overview: an HTML page, or JSON.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(QueueOverviewBody) }, example: QUEUE_OVERVIEW_EXAMPLE },
      'text/html': { schema: { type: 'string' } },
    },
  })
  async overview(
    @Query() q: QueueOverviewQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: FastifyReply,
  ) {
    const queues: QueueOverview[] = await guarded(
      Promise.all(
        this.inspector.names.map(async (name) => {
          const counts = await this.inspector.counts(name);
          const lists = await Promise.all(
            LISTED_STATES.filter((s) => OVERVIEW_JOBS[s] > 0).map((s) => this.inspector.jobs(name, s, OVERVIEW_JOBS[s])),
          );
          return { ...counts, jobs: lists.flat() };
        }),
      ),
    );
    const generatedAt = new Date().toISOString();
    const wantsJson =
      q.format === 'json' || (q.format === undefined && /application\/json/i.test(accept ?? '') && !/text\/html/i.test(accept ?? ''));
    res.header('Cache-Control', 'no-store');
    if (wantsJson) return { nodeId: this.config.nodeId, generatedAt, queues };
    res.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('text/html; charset=utf-8');
    return renderQueuesPage(this.config.nodeId, queues, generatedAt);
  }

  /** Jobs of one queue in one state. */
  @Get(':queue/jobs')
  @ApiBasicAuth('basic')
  @ApiOperation({ summary: 'Jobs of one queue in one state (default `failed`).' })
  @ApiOkResponse({
    description: 'Jobs, without payloads.',
    type: QueueJobs,
    example: { queue: 'ingest', state: 'failed', jobs: [QUEUE_JOB_EXAMPLE] },
  })
  @ApiError(404, 'No such queue.')
  async jobs(@Param('queue') queue: string, @Query() q: QueueJobsQuery): Promise<{ queue: string; state: string; jobs: JobSummary[] }> {
    if (!this.inspector.has(queue)) throw new OpsError('not_found', 'no such queue');
    const state = q.state ?? 'failed';
    return { queue, state, jobs: await guarded(this.inspector.jobs(queue, state, q.limit ?? 50)) };
  }

  /**
   * Moves a failed job back to waiting (audited). Bearer only: a browser re-sends cached Basic credentials on
   * cross-site form posts, never a Bearer header, so this refuses forged requests.
   */
  @Post(':queue/jobs/:id/retry')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Move a failed job back to waiting (audited).',
    description: 'Requires `Authorization: Bearer` (Basic credentials are refused here, so a browser cannot be tricked into it).',
  })
  @ApiAcceptedResponse({
    description: 'The job waits again.',
    type: QueueJobRetried,
    example: { queue: 'ingest', id: 'outbox-1042', status: 'waiting' },
  })
  @ApiError(404, 'No such failed job.')
  async retry(@Param('queue') queue: string, @Param('id') id: string, @Req() req: AuthenticatedRequest) {
    if (!/^bearer\s/i.test(String(req.headers.authorization ?? '')))
      throw new OpsError('forbidden', 'send the admin key as Authorization: Bearer <key> to change queues');
    if (!this.inspector.has(queue) || !/^[\w:.-]{1,200}$/.test(id)) throw new OpsError('not_found', 'no such failed job');
    if (!(await guarded(this.inspector.retry(queue, id)))) throw new OpsError('not_found', 'no such failed job');
    await this.audit.record({ actor: actorOf(req), action: 'queue.job_retried', subject: `${queue}/${id}` });
    return { queue, id, status: 'waiting' };
  }
}
