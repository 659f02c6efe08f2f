import { Injectable } from '@nestjs/common';
import { Principal } from '@scamintel/common';
import { ReportError } from './report-error';
import { ReportFilter, ReportIndicatorView, ReportView, ReportsRepository } from './reports.repository';

/** The reports routes' reads: a report with what was extracted from it, and the analysts' listing. */
@Injectable()
export class ReportsService {
  constructor(private readonly repo: ReportsRepository) {}

  /** A report is visible to its submitter and to analysts; to anyone else it does not exist. */
  async get(principal: Principal, id: string): Promise<{ report: ReportView; indicators: ReportIndicatorView[] }> {
    const report = await this.repo.findById(id);
    const visible = report && principal.kind === 'key' && (principal.role === 'analyst' || report.submitterKeyId === principal.keyId);
    if (!report || !visible) throw new ReportError('not_found', 'no such report');
    const indicators = report.status === 'received' ? [] : await this.repo.indicatorsOf(id);
    return { report, indicators };
  }

  /**
   * A report for whoever holds its receipt (the public form's submitter, who has no key): its status and what was
   * extracted. The caller has checked the receipt; nothing here identifies who sent it.
   */
  async forReceipt(id: string): Promise<{ report: ReportView; indicators: ReportIndicatorView[] } | undefined> {
    const report = await this.repo.findById(id);
    if (!report) return undefined;
    return { report, indicators: report.status === 'received' ? [] : await this.repo.indicatorsOf(id) };
  }

  list(filter: ReportFilter): Promise<ReportView[]> {
    return this.repo.list(filter);
  }
}
