import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Access, ApiBodyOf, ApiError, EXAMPLE } from '@scamintel/common';
import { AuthenticatedRequest } from './auth.guard';
import { CreateKeyDto } from './dto/create-key.dto';
import { ApiKeyCreated, ApiKeyList, ApiKeyRevoked } from './dto/key.response';
import { KeysService } from './keys.service';
import { actorOf } from './actor';

const CREATED_AT = '2026-11-20T02:16:03.412Z';
const KEY_EXAMPLES = {
  reporter: {
    summary: 'A bank that reports scams and is sent actions on its accounts',
    value: { role: 'reporter', organisation: 'DBS Bank', trust: 'high', sector: 'bank', bankCodes: ['7171'], jurisdiction: 'SG' },
  },
  telco: { summary: 'A telco', value: { role: 'reporter', organisation: 'Singtel', trust: 'high', sector: 'telco', jurisdiction: 'SG' } },
  partner: { summary: 'The key a partner node uses', value: { role: 'partner', organisation: 'KNPA', partnerNodeId: 'kr-knpa' } },
};
const KEY = {
  id: EXAMPLE.keyId,
  role: 'reporter',
  organisation: 'DBS Bank',
  trust: 'high',
  sector: 'bank',
  bankCodes: ['7171'],
  platforms: [],
  jurisdiction: 'SG',
  createdAt: CREATED_AT,
};

@Controller('v1/admin/keys')
@Access('admin')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create an API key (shown once).' })
  @ApiBodyOf(CreateKeyDto, KEY_EXAMPLES)
  @ApiCreatedResponse({
    description: 'The key. Store it now: only its hash is kept.',
    type: ApiKeyCreated,
    example: { ...KEY, key: 'si_q8XQk0Zt3n9mJ2wVb7cR1yHf5LpAe4Uo6GdSx-TiKvM' },
  })
  @ApiError(
    400,
    'Invalid body, or a profile that does not fit the role or sector (bank codes only for banks, platforms only for platforms).',
  )
  async create(@Body() dto: CreateKeyDto, @Req() req: AuthenticatedRequest) {
    const { id, key, row } = await this.keys.create(actorOf(req), {
      role: dto.role,
      organisation: dto.organisation,
      trust: dto.trust,
      partnerNodeId: dto.partnerNodeId,
      sector: dto.sector,
      bankCodes: dto.bankCodes,
      platforms: dto.platforms,
      jurisdiction: dto.jurisdiction,
    });
    return {
      id,
      key,
      role: row.role,
      organisation: row.organisation,
      trust: row.trust,
      partnerNodeId: row.partnerNodeId ?? undefined,
      sector: row.sector,
      bankCodes: row.bankCodes,
      platforms: row.platforms,
      jurisdiction: row.jurisdiction,
      createdAt: row.createdAt,
    };
  }

  @Get()
  @ApiOperation({ summary: 'List API keys (never the keys themselves).' })
  @ApiOkResponse({
    description: 'All keys, revoked ones included.',
    type: ApiKeyList,
    example: { keys: [{ ...KEY, partnerNodeId: null, revokedAt: null }] },
  })
  async list() {
    return { keys: await this.keys.list() };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key (effective within KEY_CACHE_TTL_MS in every API process).' })
  @ApiOkResponse({
    description: 'Revoked (idempotent).',
    type: ApiKeyRevoked,
    example: { id: EXAMPLE.keyId, revokedAt: '2026-11-21T08:00:00.000Z' },
  })
  @ApiError(404, 'No such key.')
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest) {
    const row = await this.keys.revoke(actorOf(req), id);
    return { id: row.id, revokedAt: row.revokedAt };
  }
}
