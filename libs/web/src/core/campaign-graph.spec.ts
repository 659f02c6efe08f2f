import { edgeWeight, GraphEdge, GraphValue, layoutCampaignGraph, ringSizes } from './campaign-graph';

/** A seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function graph(seed: number, n: number, hubs: number): { values: GraphValue[]; links: GraphEdge[] } {
  const r = random(seed);
  const values = Array.from({ length: n }, (_, i) => ({ id: `v${String(i).padStart(4, '0')}`, hub: i < hubs }));
  const links: GraphEdge[] = [];
  for (let i = 1; i < n; i++) links.push({ from: values[Math.floor(r() * i)].id, to: values[i].id, reports: Math.floor(r() * 12) });
  for (let i = 0; i < n; i++) links.push({ from: values[Math.floor(r() * n)].id, to: values[Math.floor(r() * n)].id, reports: 1 });
  return { values, links };
}

function shuffled<T>(list: T[], seed: number): T[] {
  const r = random(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('campaign graph layout', () => {
  it('is the same for the same campaign, whatever order values and links come in (and either link direction)', () => {
    const { values, links } = graph(7, 40, 2);
    const a = layoutCampaignGraph(values, links);
    const b = layoutCampaignGraph(
      shuffled(values, 1),
      shuffled(links, 2).map((l, i) => (i % 2 ? { ...l, from: l.to, to: l.from } : l)),
    );
    expect(b).toEqual(a);
  });

  it.each([1, 2, 5, 6, 7, 19, 60, 61, 200])('%i values: no two circles overlap and every one lies inside the viewBox', (n) => {
    const { values, links } = graph(n, n, Math.min(3, Math.floor(n / 10)));
    const g = layoutCampaignGraph(values, links);
    expect(g.drawn).toHaveLength(Math.min(n, 60));
    for (const v of g.drawn) {
      expect(v.x - g.radius).toBeGreaterThanOrEqual(0);
      expect(v.y - g.radius).toBeGreaterThanOrEqual(0);
      expect(v.x + g.radius).toBeLessThanOrEqual(g.size);
      expect(v.y + g.radius).toBeLessThanOrEqual(g.size);
    }
    let closest = Infinity;
    for (let i = 0; i < g.drawn.length; i++)
      for (let j = i + 1; j < g.drawn.length; j++)
        closest = Math.min(closest, Math.hypot(g.drawn[i].x - g.drawn[j].x, g.drawn[i].y - g.drawn[j].y));
    if (g.drawn.length > 1) expect(closest).toBeGreaterThanOrEqual(2 * g.radius);
  });

  it('caps the drawing, says what was left out, and numbers every value once (drawn first)', () => {
    const { values, links } = graph(3, 200, 0);
    const g = layoutCampaignGraph(values, links, { maxDrawn: 50 });
    expect(g.drawn).toHaveLength(50);
    expect(g.notDrawn).toHaveLength(150);
    const numbers = [...g.drawn, ...g.notDrawn].map((v) => v.n);
    expect(numbers).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(new Set([...g.drawn, ...g.notDrawn].map((v) => v.id)).size).toBe(200);
    // Only links between drawn values are drawn; the rest are counted.
    const drawn = new Set(g.drawn.map((v) => v.id));
    expect(g.edges.every((e) => drawn.has(e.from) && drawn.has(e.to))).toBe(true);
    expect(g.edgesNotDrawn).toBeGreaterThan(0);
    expect(g.edges.length + g.edgesNotDrawn).toBe(
      new Set(links.filter((l) => l.from !== l.to).map((l) => [l.from, l.to].sort().join())).size,
    );
  });

  it('puts a hub at the centre and always draws hubs; edges end on their circles', () => {
    const values = [
      { id: 'market', hub: true },
      ...Array.from({ length: 80 }, (_, i) => ({ id: `x${String(i).padStart(2, '0')}`, hub: false })),
    ];
    const links = values.slice(1).map((v) => ({ from: v.id, to: 'market', reports: 1 }));
    const g = layoutCampaignGraph(values, links, { maxDrawn: 20 });
    const hub = g.drawn.find((v) => v.id === 'market')!;
    expect(hub).toMatchObject({ n: 1, hub: true, x: g.size / 2, y: g.size / 2 });
    expect(g.drawn.filter((v) => v.hub)).toHaveLength(1);
    for (const e of g.edges) {
      const [a, b] = [g.drawn.find((v) => v.id === e.from)!, g.drawn.find((v) => v.id === e.to)!];
      expect([e.x1, e.y1, e.x2, e.y2]).toEqual([a.x, a.y, b.x, b.y]);
    }
  });

  it('neighbours follow each other: a chain is drawn in chain order from its most linked value', () => {
    const chain = ['p1', 'u1', 'w1', 'h1', 'b1'].map((id) => ({ id, hub: false }));
    const links = [
      { from: 'p1', to: 'u1', reports: 1 },
      { from: 'u1', to: 'w1', reports: 1 },
      { from: 'w1', to: 'h1', reports: 3 },
      { from: 'h1', to: 'b1', reports: 1 },
    ];
    const g = layoutCampaignGraph(chain, links);
    expect(g.drawn.map((v) => v.id)).toEqual(['h1', 'w1', 'b1', 'u1', 'p1']);
    expect(g.edges.map((e) => e.weight)).toEqual([1, 2, 1, 1]);
  });

  it('an empty campaign draws nothing in a small box; ring sizes keep neighbours a step apart', () => {
    const g = layoutCampaignGraph([], []);
    expect(g.drawn).toEqual([]);
    expect(g.size).toBeGreaterThan(0);
    expect(ringSizes(62)).toEqual([1, 6, 12, 18, 25]);
    for (let ring = 1; ring < 12; ring++) {
      const c = ringSizes(10_000)[ring];
      expect(2 * ring * Math.sin(Math.PI / c)).toBeGreaterThanOrEqual(1 - 1e-9);
    }
    expect([0, 1, 2, 3, 4, 9, 10, 500].map(edgeWeight)).toEqual([0, 1, 2, 2, 3, 3, 4, 4]);
  });
});
