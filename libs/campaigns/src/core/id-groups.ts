import { UnionFind } from './union-find';

/**
 * The link graph over dense integer ids, as the rebuild holds it for 10⁶ values: link i joins `a[i]` and `b[i]`,
 * first seen at `at[i]` (epoch ms). Ids are given in the values' order (C collation), so comparing ids compares
 * values and the oldest link is the same one `components` picks over the values themselves.
 */
export interface IdLinks {
  nodes: number;
  a: Int32Array;
  b: Int32Array;
  at: Float64Array;
}

export interface IdGroups {
  /** Per value id: its group number (0…count-1), or -1 when it has no link. */
  groupOf: Int32Array;
  /** Per group number: the index of its founding (oldest) link. */
  seeds: Int32Array;
}

/** Connected groups of the links (all of them kept: hub links are left out before), with each group's oldest link. */
export function groupsOfIds(g: IdLinks): IdGroups {
  const uf = new UnionFind(g.nodes);
  const { a, b, at } = g;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) uf.union(a[i], b[i]);
  const seedOfRoot = new Int32Array(g.nodes).fill(-1);
  const older = (i: number, s: number) => (at[i] !== at[s] ? at[i] < at[s] : a[i] !== a[s] ? a[i] < a[s] : b[i] < b[s]);
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    const r = uf.find(a[i]);
    const s = seedOfRoot[r];
    if (s < 0 || older(i, s)) seedOfRoot[r] = i;
  }
  const numberOfRoot = new Int32Array(g.nodes).fill(-1);
  const groupOf = new Int32Array(g.nodes).fill(-1);
  const seeds: number[] = [];
  for (let v = 0; v < g.nodes; v++) {
    const r = uf.find(v);
    if (seedOfRoot[r] < 0) continue;
    if (numberOfRoot[r] < 0) {
      numberOfRoot[r] = seeds.length;
      seeds.push(seedOfRoot[r]);
    }
    groupOf[v] = numberOfRoot[r];
  }
  return { groupOf, seeds: Int32Array.from(seeds) };
}
