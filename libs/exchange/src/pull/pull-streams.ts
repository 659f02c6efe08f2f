import { Injectable } from '@nestjs/common';
import { PartnerRecord } from '../partners/partners.repository';

/** Another stream a pulling node reads from its partner besides the outbox (e.g. campaigns), with its own cursor. */
export interface PullStream {
  /** Its key in the run's summary. */
  name: string;
  pull(partner: PartnerRecord): Promise<object>;
}

/**
 * The streams other libraries add to a pull: they depend on the exchange, not the other way round, so they register
 * here at start and ExchangeRun reads them on the schedule and on sync, next to the outbox.
 */
@Injectable()
export class PullStreams {
  private readonly streams = new Map<string, PullStream>();

  register(stream: PullStream): void {
    this.streams.set(stream.name, stream);
  }

  list(): PullStream[] {
    return [...this.streams.values()];
  }
}
