import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig, redisOptions } from '@scamintel/config';

/** Which lookup answers a change touched: some fingerprints, or all of them (partner data, a review). */
export type ChangedAnswers = string[] | 'all';

/**
 * The broadcast that keeps every API process's lookup answers fresh: whoever changes what a lookup answers
 * (ingest, reviews, appeals, partner data) announces the fingerprints on a Redis channel of this node's prefix;
 * every API process drops those answers. Redis pub/sub is fire-and-forget, so after a reconnect a subscriber
 * drops everything (messages may have been missed), and LOOKUP_CACHE_TTL_MS bounds whatever is left.
 */
@Injectable()
export class VerdictChanges implements OnApplicationShutdown {
  private readonly log = new Logger('VerdictChanges');
  private readonly channel: string;
  private pub?: Redis;
  private sub?: Redis;
  private readonly listeners: ((answers: ChangedAnswers) => void)[] = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.channel = `${config.queuePrefix}:verdict-changes`;
  }

  private client(): Redis {
    const r = new Redis({ ...redisOptions(this.config.redisUrl), maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 200, 2000) });
    r.on('error', () => undefined);
    return r;
  }

  /** Announces a committed change; never throws (a lost announcement is bounded by the cache's TTL). */
  async changed(answers: ChangedAnswers): Promise<void> {
    if (Array.isArray(answers) && !answers.length) return;
    this.pub ??= this.client();
    try {
      await this.pub.publish(this.channel, answers === 'all' ? '*' : answers.join(','));
    } catch (err) {
      this.log.warn(`could not announce a verdict change: ${(err as Error).message}`);
    }
  }

  /** Calls `onChange` for every announcement of any process of this node, and with 'all' after a reconnect. */
  listen(onChange: (answers: ChangedAnswers) => void): void {
    this.listeners.push(onChange);
    if (this.sub) return;
    const sub = (this.sub = this.client());
    const all = (answers: ChangedAnswers) => this.listeners.forEach((l) => l(answers));
    let connected = false;
    sub.on('ready', () => {
      if (connected) all('all');
      connected = true;
    });
    sub.on('message', (_channel: string, message: string) => all(message === '*' ? 'all' : message.split(',')));
    sub.subscribe(this.channel).catch((err) => this.log.warn(`could not subscribe to verdict changes: ${(err as Error).message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}

@Global()
@Module({ providers: [VerdictChanges], exports: [VerdictChanges] })
export class VerdictChangesModule {}
