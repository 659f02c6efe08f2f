import { Inject, Injectable, Optional } from '@nestjs/common';
import { VerdictChanges } from '@scamintel/platform';
import { createHash, randomUUID } from 'node:crypto';
import { AuditService } from '@scamintel/audit';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { tryNormalize } from '@scamintel/indicators';
import { AppealsRepository } from './appeals.repository';
import { PolicingError } from './policing-error';
import { IndicatorType } from '@scamintel/vocabulary';

@Injectable()
export class AppealsService {
  constructor(
    private readonly repo: AppealsRepository,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly changes?: VerdictChanges,
  ) {}

  /** Anyone whose number or domain is listed may appeal; the contact is personal data and stays on this node. */
  async submit(clientAddress: string, a: { value: string; type?: string; region?: string; contact: string; reason: string }) {
    const n = tryNormalize(a.value, { type: a.type as IndicatorType | undefined, region: a.region ?? this.config.jurisdiction });
    if (!n.ok)
      throw new PolicingError('not_an_indicator', `the value is not an indicator: ${n.reason}`, [{ path: 'value', message: n.code }]);
    const id = randomUUID();
    const clientHash = createHash('sha256').update(`${this.config.nodeId}|${clientAddress}`).digest('hex').slice(0, 24);
    await this.repo.insert({
      id,
      fingerprint: n.indicator.fingerprint,
      type: n.indicator.type,
      value: n.indicator.value,
      contact: a.contact,
      reason: a.reason,
      clientHash,
    });
    await this.audit.record({
      actor: `anon:${clientHash}`,
      action: 'appeal.submitted',
      subject: id,
      details: { fingerprint: n.indicator.fingerprint, type: n.indicator.type },
    });
    return { id, status: 'open', indicator: { type: n.indicator.type, value: n.indicator.value, fingerprint: n.indicator.fingerprint } };
  }

  list(status: string | undefined, limit = 50) {
    return this.repo.list(status, limit);
  }

  async resolve(actor: string, id: string, outcome: 'upheld' | 'dismissed', note?: string) {
    const appeal = await this.repo.find(id);
    if (!appeal) throw new PolicingError('not_found', 'no such appeal');
    if (!(await this.repo.resolve(id, outcome, note, actor, this.config.jurisdiction)))
      throw new PolicingError('invalid_state', `the appeal is already ${appeal.status}`);
    await this.changes?.changed([appeal.fingerprint]);
    await this.audit.record({ actor, action: 'appeal.resolved', subject: id, details: { outcome, fingerprint: appeal.fingerprint } });
    return { id, status: outcome, fingerprint: appeal.fingerprint };
  }
}
