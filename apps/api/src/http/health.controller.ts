import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Access } from '@scamintel/common';
import { poolOf, query } from '@scamintel/persistence';
import { RedisClient } from '@scamintel/platform';
import { withTimeout } from '@scamintel/vocabulary';
import { HealthLive, HealthReady } from './health.response';

@Controller('health')
@Access('public')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly redis: RedisClient,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers.' })
  @ApiOkResponse({ description: 'Alive.', type: HealthLive, example: { status: 'ok' } })
  live() {
    return { status: 'ok' };
  }

  /** Ready when both stores answer; 503 otherwise, naming which is down. */
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer.' })
  @ApiOkResponse({
    description: 'Both stores answer.',
    type: HealthReady,
    example: { status: 'ok', checks: { postgres: 'up', redis: 'up' } },
  })
  @ApiServiceUnavailableResponse({
    description: 'A store is down; says which.',
    type: HealthReady,
    example: { status: 'unavailable', checks: { postgres: 'up', redis: 'down' } },
  })
  async ready(@Res({ passthrough: true }) res: FastifyReply) {
    const [pg, redis] = await Promise.all([
      withTimeout(query(poolOf(this.db), 'SELECT 1'), 2000, 'timeout').then(
        () => 'up',
        () => 'down',
      ),
      withTimeout(this.redis.redis.ping(), 2000, 'timeout').then(
        () => 'up',
        () => 'down',
      ),
    ]);
    const ok = pg === 'up' && redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks: { postgres: pg, redis } };
  }
}
