import fc from 'fast-check';
import { publishableCells } from './complementary';

const sorted = (s: Set<string>) => [...s].sort();

describe('complementary suppression (publishableCells)', () => {
  it.each([
    // [case, total, cells, minCount, published]
    ['nothing small: all published', 20, { a: 10, b: 6, c: 4 }, 3, ['a', 'b', 'c']],
    ['residual 0 with no small cell', 10, { a: 7, b: 3 }, 3, ['a', 'b']],
    ['small cells that add up to minCount: the residual is safe as it is', 10, { a: 7, b: 2, c: 1 }, 3, ['a']],
    ['a single withheld cell of 1 beside 9 published', 13, { a: 9, b: 3, c: 1 }, 3, ['a']],
    ['two small cells that already add up to minCount need nothing more', 12, { a: 9, b: 2, c: 1 }, 3, ['a']],
    ['two small cells summing to 3 with minCount 3: residual 3 is safe', 13, { a: 10, b: 2, c: 1 }, 3, ['a']],
    ['residual from categories not listed at all (a breakdown that is not exhaustive)', 12, { a: 6, b: 4 }, 3, ['a']],
    ['the smallest published cell is the one withheld', 20, { a: 10, b: 4, c: 5, d: 1 }, 3, ['a', 'c']],
    ['everything withheld when no cell reaches minCount', 5, { a: 2, b: 2, c: 1 }, 3, []],
    ['zero cells are not cells', 9, { a: 9, b: 0 }, 3, ['a']],
    ['a withheld total: only the primary rule', null, { a: 2, b: 5 }, 3, ['b']],
    ['ties withhold the smaller key first', 13, { a: 4, b: 4, c: 4, d: 1 }, 3, ['b', 'c']],
    ['minCount 1 publishes everything', 4, { a: 1, b: 3 }, 1, ['a', 'b']],
  ] as const)('%s', (_, total, cells, minCount, published) => {
    expect(sorted(publishableCells(total, cells as Record<string, number>, minCount))).toEqual([...published].sort());
  });

  it('never lets the total minus the published cells fall between 1 and minCount − 1, nor publishes a small cell', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), fc.nat({ max: 12 })),
        fc.nat({ max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        (cells, unlisted, minCount) => {
          const total = Object.values(cells).reduce((s, n) => s + n, 0) + unlisted;
          if (total < minCount) return; // the total itself is withheld
          const published = publishableCells(total, cells, minCount);
          const residual = total - [...published].reduce((s, k) => s + cells[k], 0);
          expect(residual === 0 || residual >= minCount).toBe(true);
          for (const k of published) expect(cells[k]).toBeGreaterThanOrEqual(minCount);
        },
      ),
      { seed: 20261203, numRuns: 500 },
    );
  });
});
