import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@scamintel/config';
import { Decision, decide, windowsOf } from '@scamintel/policing-core';
import { EvidenceRepository, LocalEvidence, evidenceKey } from './evidence.repository';

export interface VerdictSubject {
  fingerprint: string;
  type: string;
  warninglisted: boolean;
  /** Partner verdicts known for it, weighed into confidence only. */
  partner?: { verdict: string; confidence: number }[];
}

/**
 * Applies the configured rules of a jurisdiction to what the node holds locally. Lookup, the exchange and
 * bulletins all ask here, so a verdict means the same thing everywhere on a node.
 */
@Injectable()
export class VerdictService {
  /** The window lengths (days) the rules count reports in: what evidence reads must cover. */
  readonly windows: number[];

  constructor(
    private readonly evidence: EvidenceRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.windows = windowsOf(config.policing);
  }

  /** Decisions keyed by fingerprint, for the given jurisdiction (default: this node's). */
  async decideMany(subjects: VerdictSubject[], jurisdiction = this.config.jurisdiction, now = new Date()): Promise<Map<string, Decision>> {
    const ev = await this.evidence.load(
      subjects.map((s) => s.fingerprint),
      this.windows,
    );
    const out = new Map<string, Decision>();
    for (const s of subjects) {
      const e = ev.get(evidenceKey(s.fingerprint, jurisdiction));
      out.set(
        s.fingerprint,
        decide(
          {
            type: s.type,
            warninglisted: s.warninglisted,
            reporters: e?.reporters ?? [],
            reportsInWindow: e?.reportsInWindow ?? {},
            analystVerdict: e?.analystVerdict,
            partner: s.partner,
            lastSeen: e?.lastSeen ?? null,
          },
          jurisdiction,
          this.config.policing,
          now,
        ),
      );
    }
    return out;
  }

  async decideOne(subject: VerdictSubject, jurisdiction?: string, now?: Date): Promise<Decision> {
    return (await this.decideMany([subject], jurisdiction, now)).get(subject.fingerprint)!;
  }

  /** One indicator under several jurisdictions' rules (each judged on its own evidence), one evidence read. */
  async decideAcross(subject: VerdictSubject, jurisdictions: string[], now = new Date()): Promise<Map<string, Decision>> {
    return this.decideAcrossWith(subject, await this.evidence.load([subject.fingerprint], this.windows), jurisdictions, now);
  }

  /** decideAcross on evidence the caller already read (evidenceColumns in its own statement): no database access. */
  decideAcrossWith(
    subject: VerdictSubject,
    ev: Map<string, LocalEvidence>,
    jurisdictions: string[],
    now = new Date(),
  ): Map<string, Decision> {
    const out = new Map<string, Decision>();
    for (const j of jurisdictions) {
      const e = ev.get(evidenceKey(subject.fingerprint, j));
      out.set(
        j,
        decide(
          {
            type: subject.type,
            warninglisted: subject.warninglisted,
            reporters: e?.reporters ?? [],
            reportsInWindow: e?.reportsInWindow ?? {},
            analystVerdict: e?.analystVerdict,
            partner: j === this.config.jurisdiction ? subject.partner : undefined,
            lastSeen: e?.lastSeen ?? null,
          },
          j,
          this.config.policing,
          now,
        ),
      );
    }
    return out;
  }
}
