import { sleep } from '@scamintel/vocabulary';
import type { AuditHead, Receipt } from '../core';
import type { CursorPosition, CursorState, PartnerRecord, PartnersRepository } from '../partners/partners.repository';
import { encodeCursor } from './cursor';
import type { OutboundService, Page, PageEvidence, PreparedBatch, WithheldCounts } from './outbound.service';

/** Bodies with the partner at once: the next one is built while the partner ingests the previous ones. */
export const PIPELINE_DEPTH = 4;
/** Pages read (with their verdict evidence) ahead of the one being built. */
export const PREFETCH_PAGES = 2;
/** How often a push waits for rows still held back by open transactions before leaving them to the next run. */
const PENDING_WAITS = 8;
const PENDING_WAIT_MS = 250;

export interface PushSummary {
  partner: string;
  batches: number;
  indicators: number;
  examined: number;
  withheld: WithheldCounts;
  cursor: string | null;
  /** Set when another push or a policy change moved the cursor under this one, which then stopped. */
  stopped?: 'cursor_moved';
}

/**
 * What the push keeps of a prepared batch while it is with the partner: the body and the counts, not the
 * bundle's objects or the records (thousands of objects per batch that would otherwise live until the receipt
 * is committed, and cost the garbage collector more than building them did).
 */
export interface Outgoing {
  to: CursorPosition | null;
  examined: number;
  withheld: WithheldCounts;
  indicators: number;
  bundleId: string;
  objects: number;
  body: Buffer;
}

export const outgoing = (b: PreparedBatch): Outgoing => ({
  to: b.to,
  examined: b.examined,
  withheld: b.withheld,
  indicators: b.send.length,
  bundleId: b.bundle.id,
  objects: b.bundle.objects.length,
  body: b.body,
});

export interface Delivered {
  receipt: Receipt;
  sentHead: AuditHead;
  witnessed?: AuditHead;
  receiverHead: AuditHead;
  digest: string;
}

/** What a run needs from the push service: the partner's rows, and one signed send and its acknowledgement. */
export interface PushSteps {
  partners: Pick<PartnersRepository, 'advance'>;
  outbound: Pick<OutboundService, 'readPage' | 'evidence' | 'build' | 'pendingAbove'>;
  send(batch: Outgoing): Promise<Delivered>;
  acknowledge(batch: Outgoing, delivered: Delivered): Promise<void>;
}

type Fetched = { page: Page; evidence: Promise<PageEvidence> };

/** Awaited later, in order: a rejection must not count as unhandled meanwhile. */
const quiet = <T>(p: Promise<T>) => (p.catch(() => undefined), p);

/**
 * One push to one partner. Four stages overlap: the next page is read (PREFETCH_PAGES ahead, with its verdict
 * evidence) while this one is judged and built, up to PIPELINE_DEPTH bodies are with the partner, and receipts
 * are committed strictly in batch order behind them. The cursor moves only past acknowledged batches, in order;
 * when another push or a policy change moved it meanwhile, the run stops.
 */
export class PushRun {
  readonly summary: PushSummary;
  private committed: CursorPosition | null;
  private stopped = false;
  private commitError: unknown;
  private commits: Promise<void> = Promise.resolve();
  private readonly inFlight: { batch: Outgoing; result: Promise<Delivered | null> }[] = [];
  // The page reader: where it continues, whether it ran out, how often it waited for rows still held back.
  private readFrom: CursorPosition | null;
  private readerEnded = false;
  private waits = 0;
  private reads: Promise<unknown> = Promise.resolve();
  private readonly ahead: Promise<Fetched | null>[] = [];

  constructor(
    private readonly steps: PushSteps,
    private readonly partner: PartnerRecord,
    private readonly cursor: CursorState,
    private readonly batchSize: number,
  ) {
    this.committed = this.readFrom = cursor.after;
    this.summary = {
      partner: partner.nodeId,
      batches: 0,
      indicators: 0,
      examined: 0,
      withheld: {},
      cursor: cursor.after ? encodeCursor(cursor.after) : null,
    };
  }

  async run(): Promise<PushSummary> {
    try {
      for (let i = 0; i < PREFETCH_PAGES; i++) this.readAhead();
      while (!this.stopped) {
        let fetched: Fetched | null = await this.ahead.shift()!;
        if (!fetched || this.stopped) break;
        this.readAhead();
        const parts = (await this.steps.outbound.build(this.partner, fetched.page, await fetched.evidence)).map(outgoing);
        fetched = null; // done with the page's rows while its parts are with the partner
        for (const batch of parts) {
          while (this.inFlight.length >= PIPELINE_DEPTH) await this.settleOldest();
          const result = batch.indicators ? this.steps.send(batch) : Promise.resolve(null);
          this.inFlight.push({ batch, result: quiet(result) });
        }
      }
      while (this.inFlight.length && !this.stopped) await this.settleOldest();
      await this.commits;
      if (this.commitError) throw this.commitError;
      return this.summary;
    } catch (err) {
      // Batches the partner already acknowledged are still committed (the chain runs on); the rest is resent later.
      await Promise.allSettled(this.inFlight.map((f) => f.result));
      await this.commits;
      throw err;
    }
  }

  /** The next page after the last one read, waiting a little for rows held back by transactions still open. */
  private async readNext(): Promise<Fetched | null> {
    for (;;) {
      if (this.readerEnded || this.stopped) return null;
      const page = await this.steps.outbound.readPage(this.readFrom, this.batchSize);
      if (page.rows.length) {
        const last = page.rows[page.rows.length - 1];
        this.readFrom = { at: last.cursorAt, fingerprint: last.fingerprint };
        return { page, evidence: quiet(this.steps.outbound.evidence(this.partner, page)) };
      }
      if (this.waits < PENDING_WAITS && (await this.steps.outbound.pendingAbove(page.from, page.horizon))) {
        this.waits++;
        await sleep(PENDING_WAIT_MS);
        continue;
      }
      this.readerEnded = true;
      return null;
    }
  }

  /** Pages are read one after another but ahead of the build, so the database answers while a page is built. */
  private readAhead(): void {
    const p = this.reads.then(() => this.readNext());
    this.reads = p.then(
      () => undefined, // sequencing only: the page itself is held by `ahead`
      () => {
        this.readerEnded = true;
      },
    );
    this.ahead.push(quiet(p));
  }

  private async settleOldest(): Promise<void> {
    const { batch, result } = this.inFlight.shift()!;
    const delivered = await result;
    this.commits = this.commits
      .then(() => this.commit(batch, delivered))
      .catch((e) => {
        this.commitError ??= e;
        this.stopped = true;
      });
  }

  private async commit(batch: Outgoing, delivered: Delivered | null): Promise<void> {
    if (this.stopped) return;
    if (delivered) await this.steps.acknowledge(batch, delivered);
    const moved = await this.steps.partners.advance(
      this.partner.nodeId,
      this.cursor.generation,
      this.committed,
      batch.to!,
      delivered ? { batchId: batch.bundleId, indicators: batch.indicators } : undefined,
      batch.withheld as Record<string, number>,
    );
    if (!moved) {
      this.stopped = true;
      this.summary.stopped = 'cursor_moved';
      return;
    }
    this.committed = batch.to;
    const s = this.summary;
    s.cursor = this.committed ? encodeCursor(this.committed) : null;
    s.examined += batch.examined;
    if (delivered) {
      s.batches++;
      s.indicators += batch.indicators;
    }
    for (const [k, n] of Object.entries(batch.withheld))
      s.withheld[k as keyof WithheldCounts] = (s.withheld[k as keyof WithheldCounts] ?? 0) + n!;
  }
}
