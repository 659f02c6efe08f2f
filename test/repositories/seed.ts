import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@scamintel/config';
import { IntakeQueue, IntakeService } from '@scamintel/intake';
import { fingerprint, IndicatorType } from '@scamintel/vocabulary';
import { PartnerInput } from '../../libs/exchange/src/partners/partner-input';
import { IntakeRepository, NewReport } from '../../libs/intake/src/intake.repository';

/**
 * Repository tests seed their tables the way the application does: reports accepted by IntakeRepository and
 * ingested by IntakeService (ledger, indicators, stats, reporters), so a read is tested against rows as the
 * ingest step writes them rather than against hand-made ones.
 */
export class Seeder {
  readonly config: AppConfig = loadConfig({});
  private readonly repo: IntakeRepository;
  private readonly service: IntakeService;

  constructor(ds: DataSource) {
    this.repo = new IntakeRepository(ds, this.config);
    // ingest() never enqueues: only submit() uses the queue, and the seeder accepts through the repository.
    this.service = new IntakeService(this.repo, undefined as unknown as IntakeQueue, this.config);
  }

  /** Accepts and ingests the reports as one batch; returns their ids in order. */
  async reports(...parts: Partial<NewReport>[]): Promise<string[]> {
    const rows = parts.map((p) => report(p));
    const outcome = await this.repo.accept(rows);
    if (outcome.kind !== 'inserted') throw new Error(`seed: ${outcome.kind}`);
    await this.service.ingest(outcome.outboxId);
    return outcome.ids;
  }
}

export function report(p: Partial<NewReport> = {}): NewReport {
  return {
    id: randomUUID(),
    submitterKeyId: null,
    reporterKey: 'org:test',
    reporterTrust: 'medium',
    jurisdiction: 'SG',
    scamType: 'phishing',
    channel: 'sms',
    occurredAt: '2026-11-01T00:00:00.000Z',
    lossAmount: null,
    lossCurrency: null,
    narrative: null,
    tlp: 'amber',
    reporterContact: null,
    externalRef: null,
    indicators: [{ value: 'https://scam.example.org/' }],
    ...p,
  };
}

export const fp = (type: IndicatorType, value: string) => fingerprint(type, value);

/** A partner registration (the key is never checked by the repositories). */
export const partner = (nodeId: string, over: Partial<PartnerInput> = {}): PartnerInput => ({
  nodeId,
  jurisdiction: 'KR',
  baseUrl: `https://${nodeId}.example.org`,
  publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----',
  keyId: `${nodeId}-key`,
  policy: { maxTlp: 'amber', types: ['url', 'phone'], minConfidence: 0, pseudonymise: [], shareNarrative: false },
  mode: 'push',
  ...over,
});
