import { Controller, Get, Query } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, getSchemaPath } from '@nestjs/swagger';
import { Access, EXAMPLE } from '@scamintel/common';
import { AuditService } from './audit.service';
import { AuditPageQuery } from './dto/audit-page.query';
import { AuditChainBroken, AuditChainIntact, AuditPage } from './dto/audit.response';

const ENTRY_EXAMPLE = {
  seq: 42,
  at: '2026-11-20T02:16:03.412Z',
  actor: `key:${EXAMPLE.keyId}`,
  action: 'key.created',
  subject: '9a1c3f2e-5b7d-4e60-8c2a-3d4f5e6a7b8c',
  details: { role: 'reporter', organisation: 'DBS Bank', trust: 'high' },
  prevHash: '3f0a9c1d2e4b5a6978c0d1e2f3a4b5c6d7e8f90112233445566778899aabbccd',
  hash: EXAMPLE.auditHash,
};

@Controller('v1/audit')
@Access('admin')
@ApiExtraModels(AuditChainIntact, AuditChainBroken)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Page through the audit log.' })
  @ApiOkResponse({
    description: 'Entries after `after`, oldest first.',
    type: AuditPage,
    example: { entries: [ENTRY_EXAMPLE], next: '42' },
  })
  async list(@Query() q: AuditPageQuery) {
    const limit = q.limit ?? 100;
    const entries = await this.audit.page(q.after ?? 0, limit);
    const last = entries[entries.length - 1];
    return { entries, next: entries.length === limit && last ? String(last.seq) : null };
  }

  @Get('verify')
  @ApiOperation({ summary: 'Verify the audit hash chain and the heads partners witnessed.' })
  @ApiOkResponse({
    description: 'The outcome (200 either way).',
    schema: { oneOf: [{ $ref: getSchemaPath(AuditChainIntact) }, { $ref: getSchemaPath(AuditChainBroken) }] },
    example: { ok: true, entries: 1042, head: EXAMPLE.auditHash },
  })
  verify() {
    return this.audit.verify();
  }
}
