/**
 * Lookup answers by fingerprint, in this process's memory, without the query as typed (each request puts its own
 * back). An answer is dropped when a change of its fingerprint is announced (VerdictChanges), and is never served
 * older than `ttlMs` whatever happens to the announcements. A read that overlapped an announcement is not stored:
 * it may have read the state before the change.
 */
export class AnswerCache<T> {
  private readonly entries = new Map<string, { at: number; answer: T }>();
  /** Bumped by every announcement; a read stores its answers only if it is unchanged since the read began. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  /** A token for store(): the state of announcements when a read begins. */
  begin(): number {
    return this.generation;
  }

  get(fingerprint: string): T | undefined {
    const e = this.entries.get(fingerprint);
    if (!e) return undefined;
    if (this.clock() - e.at >= this.ttlMs) {
      this.entries.delete(fingerprint);
      return undefined;
    }
    return e.answer;
  }

  store(token: number, fingerprint: string, answer: T): void {
    if (!this.enabled || token !== this.generation) return;
    this.entries.delete(fingerprint);
    this.entries.set(fingerprint, { at: this.clock(), answer });
    // A Map iterates in insertion order: the first key is the oldest answer.
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  invalidate(fingerprints: string[] | 'all'): void {
    this.generation++;
    if (fingerprints === 'all') this.entries.clear();
    else for (const f of fingerprints) this.entries.delete(f);
  }

  get size(): number {
    return this.entries.size;
  }
}
