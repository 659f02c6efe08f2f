import fc from 'fast-check';
import { AuditEntry, ChainedEntry, GENESIS_HASH, canonicalEntry, chainEntry, computeHash, verifyChain } from './chain';

const entryBody = fc.record({
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actor: fc.constantFrom('admin:1', 'partner:kr-knpa', 'system', 'analyst:7'),
  action: fc.constantFrom('key.created', 'exchange.sent', 'exchange.received', 'auth.failed'),
  subject: fc.option(fc.string(), { nil: undefined }),
  details: fc.jsonValue(),
});

function build(bodies: Omit<AuditEntry, 'seq'>[]): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  for (const [i, b] of bodies.entries()) out.push(chainEntry(out[i - 1], { seq: i + 1, ...b }));
  return out;
}

/** Re-links everything from index `from` on, as an attacker with write access would after editing a row. */
function recompute(chain: ChainedEntry[], from: number): ChainedEntry[] {
  const out = chain.slice(0, from);
  for (let i = from; i < chain.length; i++) {
    const { prevHash: _p, hash: _h, ...entry } = chain[i];
    out.push(chainEntry(out[i - 1], entry));
  }
  return out;
}

const chainWithIndex = (min: number) =>
  fc.array(entryBody, { minLength: min, maxLength: 12 }).chain((bodies) => fc.tuple(fc.constant(build(bodies)), fc.nat(bodies.length - 1)));

describe('audit hash chain', () => {
  it('pins the hash format: SHA-256(prevHash hex ‖ JCS entry), genesis = 64 zeros', () => {
    const entry = {
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actor: 'admin',
      action: 'key.created',
      subject: 'key:42',
      details: { b: 1, a: 'x' },
    };
    expect(canonicalEntry(entry)).toBe(
      '{"action":"key.created","actor":"admin","at":"2026-01-01T00:00:00.000Z","details":{"a":"x","b":1},"seq":1,"subject":"key:42"}',
    );
    expect(computeHash(GENESIS_HASH, entry)).toBe('b0acc7608209eb5ecd3ca5369613c5c60e166797e127582ad0a50761bc23efd6');
  });

  it('treats a null subject (as read back from SQL) like an absent one', () => {
    const base = { seq: 1, at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'b', details: {} };
    expect(computeHash(GENESIS_HASH, { ...base, subject: null as unknown as string })).toBe(computeHash(GENESIS_HASH, base));
  });

  it('refuses to append out of sequence', () => {
    const [first] = build([{ at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'b', details: 1 }]);
    expect(() => chainEntry(first, { seq: 3, at: first.at, actor: 'a', action: 'b', details: 1 })).toThrow(RangeError);
  });

  it('accepts every honestly built chain and reports its head', () => {
    fc.assert(
      fc.property(fc.array(entryBody, { maxLength: 15 }), (bodies) => {
        const chain = build(bodies);
        const result = verifyChain(
          chain,
          chain.filter((_, i) => i % 3 === 0).map(({ seq, hash }) => ({ seq, hash })),
        );
        expect(result).toEqual({ ok: true, entries: chain.length, head: chain.length ? chain[chain.length - 1].hash : GENESIS_HASH });
      }),
    );
  });

  it('catches an UPDATEd row at the row', () => {
    fc.assert(
      fc.property(chainWithIndex(1), fc.constantFrom('actor', 'action', 'at', 'details', 'subject'), ([chain, k], field) => {
        const tampered = chain.map((e) => ({ ...e }));
        const row = tampered[k] as unknown as Record<string, unknown>;
        row[field] =
          field === 'at' ? '1999-01-01T00:00:00.000Z' : field === 'details' ? { changed: row.details ?? null } : `${String(row[field])}!`;
        expect(verifyChain(tampered)).toEqual({ ok: false, firstBadSeq: k + 1, reason: 'hash_mismatch' });
      }),
    );
  });

  it('catches a DELETEd row as a gap where it was', () => {
    fc.assert(
      fc.property(chainWithIndex(2), ([chain, k]) => {
        fc.pre(k < chain.length - 1);
        const without = chain.filter((_, i) => i !== k);
        expect(verifyChain(without)).toEqual({ ok: false, firstBadSeq: k + 1, reason: 'seq_gap' });
      }),
    );
  });

  it('catches rows read back in another order, and rows whose contents were swapped', () => {
    fc.assert(
      fc.property(chainWithIndex(2), ([chain, k]) => {
        fc.pre(k < chain.length - 1);
        const reordered = [...chain];
        [reordered[k], reordered[k + 1]] = [reordered[k + 1], reordered[k]];
        expect(verifyChain(reordered)).toMatchObject({ ok: false, firstBadSeq: k + 1 });

        const a = chain[k],
          b = chain[k + 1];
        const swapped = [...chain];
        swapped[k] = { ...b, seq: a.seq, prevHash: a.prevHash, hash: a.hash };
        swapped[k + 1] = { ...a, seq: b.seq, prevHash: b.prevHash, hash: b.hash };
        const sameBody = canonicalEntry({ ...a, seq: 0 }) === canonicalEntry({ ...b, seq: 0 });
        fc.pre(!sameBody);
        expect(verifyChain(swapped)).toEqual({ ok: false, firstBadSeq: k + 1, reason: 'hash_mismatch' });
      }),
    );
  });

  it('catches a relinked prevHash', () => {
    fc.assert(
      fc.property(chainWithIndex(2), ([chain, k]) => {
        fc.pre(k > 0);
        const { prevHash: _p, hash: _h, ...entry } = chain[k];
        const forged = [...chain];
        forged[k] = { ...entry, prevHash: 'f'.repeat(64), hash: computeHash('f'.repeat(64), entry) };
        expect(verifyChain(forged)).toEqual({ ok: false, firstBadSeq: k + 1, reason: 'prev_hash_mismatch' });
      }),
    );
  });

  it('catches truncation through a witnessed head or an expected last seq, not by itself', () => {
    fc.assert(
      fc.property(chainWithIndex(2), ([chain, k]) => {
        const head = chain[chain.length - 1];
        const cut = chain.slice(0, k);
        expect(verifyChain(cut)).toMatchObject({ ok: true });
        expect(verifyChain(cut, [{ seq: head.seq, hash: head.hash }])).toEqual({ ok: false, firstBadSeq: k + 1, reason: 'truncated' });
        expect(verifyChain(cut, [], { expectedLastSeq: head.seq })).toEqual({ ok: false, firstBadSeq: k + 1, reason: 'truncated' });
      }),
    );
  });

  it('catches a fully recomputed chain when a partner witnessed a head at or after the edit', () => {
    fc.assert(
      fc.property(chainWithIndex(1), fc.nat(), ([chain, k], w) => {
        const witnessedAt = k + (w % (chain.length - k));
        const witness = { seq: chain[witnessedAt].seq, hash: chain[witnessedAt].hash };
        const edited = chain.map((e, i) => (i === k ? { ...e, actor: `${e.actor}-forged` } : e));
        const forged = recompute(edited, k);
        expect(verifyChain(forged)).toMatchObject({ ok: true });
        expect(verifyChain(forged, [witness])).toEqual({ ok: false, firstBadSeq: witness.seq, reason: 'witness_mismatch' });
      }),
    );
  });

  it('reports the earliest damage when several kinds are present', () => {
    const chain = build(Array.from({ length: 6 }, (_, i) => ({ at: '2026-01-01T00:00:00.000Z', actor: 'a', action: `x${i}`, details: i })));
    const witness = { seq: 2, hash: chain[1].hash };
    const forged = recompute(
      chain.map((e, i) => (i === 1 ? { ...e, action: 'y' } : e)),
      1,
    ).filter((e) => e.seq !== 5);
    expect(verifyChain(forged, [witness])).toEqual({ ok: false, firstBadSeq: 2, reason: 'witness_mismatch' });
  });

  it('verifies a tail from a trusted head, and rejects a tail that does not hang off it', () => {
    const chain = build(Array.from({ length: 5 }, (_, i) => ({ at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'x', details: i })));
    const from = { seq: 2, hash: chain[1].hash };
    expect(verifyChain(chain.slice(2), [], { from })).toEqual({ ok: true, entries: 3, head: chain[4].hash });
    expect(verifyChain(chain.slice(3), [], { from })).toEqual({ ok: false, firstBadSeq: 3, reason: 'seq_gap' });
    expect(verifyChain(chain.slice(2), [], { from: { seq: 2, hash: 'a'.repeat(64) } })).toEqual({
      ok: false,
      firstBadSeq: 3,
      reason: 'prev_hash_mismatch',
    });
  });

  it('flags rows that are not entries at all', () => {
    const chain = build([{ at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'x', details: 1 }]);
    expect(verifyChain([{ ...chain[0], hash: 'not-hex' }])).toEqual({ ok: false, firstBadSeq: 1, reason: 'malformed_entry' });
    expect(verifyChain([null as unknown as ChainedEntry])).toEqual({ ok: false, firstBadSeq: 1, reason: 'malformed_entry' });
  });
});
