import fc from 'fast-check';
import { GraphLink, components } from './cluster';
import { groupsOfIds } from './id-groups';

describe('groupsOfIds (the rebuild over integer ids)', () => {
  it('finds the same groups, members and founding links as components() over the values', () => {
    const link = fc.record({ a: fc.integer({ min: 0, max: 30 }), b: fc.integer({ min: 0, max: 30 }), at: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(link, { maxLength: 60 }), (raw) => {
        const name = (i: number) => `v${String(i).padStart(2, '0')}`;
        const seen = new Map<string, GraphLink>();
        for (const l of raw) {
          if (l.a === l.b) continue;
          const [x, y] = l.a < l.b ? [l.a, l.b] : [l.b, l.a];
          const key = `${x}|${y}`;
          const have = seen.get(key);
          if (!have || l.at < have.firstAt) seen.set(key, { a: name(x), b: name(y), firstAt: l.at + 0.5 });
        }
        const links = [...seen.values()];
        const ids = links.map((l) => [Number(l.a.slice(1)), Number(l.b.slice(1))]);
        const r = groupsOfIds({
          nodes: 31,
          a: Int32Array.from(ids.map((p) => p[0])),
          b: Int32Array.from(ids.map((p) => p[1])),
          at: Float64Array.from(links.map((l) => l.firstAt)),
        });
        const got = [...r.seeds].map((seed, g) => ({
          seed: links[seed],
          members: [...r.groupOf.keys()].filter((v) => r.groupOf[v] === g).map(name),
        }));
        const want = components(links, () => false).map((c) => ({ seed: c.seed, members: c.members }));
        const order = (x: { members: string[] }, y: { members: string[] }) => (x.members[0] < y.members[0] ? -1 : 1);
        expect(got.sort(order)).toEqual(want.sort(order));
      }),
    );
  });

  it('leaves values with no link out of every group', () => {
    const r = groupsOfIds({ nodes: 4, a: Int32Array.from([0, 2]), b: Int32Array.from([1, 2]), at: Float64Array.from([1, 1]) });
    expect([...r.groupOf]).toEqual([0, 0, -1, -1]);
    expect([...r.seeds]).toEqual([0]);
  });
});
