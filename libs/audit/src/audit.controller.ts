import { Controller, Get, Query } from '@nestjs/common';
import { Access } from '@scamintel/common';
import { AuditService } from './audit.service';
import { AuditPageQuery } from './dto/audit-page.query';

@Controller('v1/audit')
@Access('admin')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  async list(@Query() q: AuditPageQuery) {
    const limit = q.limit ?? 100;
    const entries = await this.audit.page(q.after ?? 0, limit);
    const last = entries[entries.length - 1];
    return { entries, next: entries.length === limit && last ? String(last.seq) : null };
  }

  @Get('verify')
  verify() {
    return this.audit.verify();
  }
}
