import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { Access } from '@scamintel/common';
import { AuthenticatedRequest } from './auth.guard';
import { CreateKeyDto } from './dto/create-key.dto';
import { KeysService } from './keys.service';
import { actorOf } from './actor';

@Controller('v1/admin/keys')
@Access('admin')
export class KeysController {
  constructor(private readonly keys: KeysService) {}

  @Post()
  @HttpCode(201)
  async create(@Body() dto: CreateKeyDto, @Req() req: AuthenticatedRequest) {
    const { id, key, row } = await this.keys.create(actorOf(req), {
      role: dto.role,
      organisation: dto.organisation,
      trust: dto.trust,
      partnerNodeId: dto.partnerNodeId,
    });
    return {
      id,
      key,
      role: row.role,
      organisation: row.organisation,
      trust: row.trust,
      partnerNodeId: row.partnerNodeId ?? undefined,
      createdAt: row.createdAt,
    };
  }

  @Get()
  async list() {
    return { keys: await this.keys.list() };
  }

  @Delete(':id')
  async revoke(@Param('id', new ParseUUIDPipe()) id: string, @Req() req: AuthenticatedRequest) {
    const row = await this.keys.revoke(actorOf(req), id);
    return { id: row.id, revokedAt: row.revokedAt };
  }
}
